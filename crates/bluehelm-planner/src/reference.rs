//! An exhaustive solver for tiny instances: every plan is tried. It is the oracle the
//! tests check the real solver against, never used to plan.

use crate::instance::Instance;

/// The best (positions filled, total score) of any plan, by trying them all.
pub fn best(instance: &Instance) -> (u32, i64) {
    let mut by_position: Vec<Vec<(u32, i64)>> = vec![Vec::new(); instance.positions as usize];
    for pair in &instance.pairs {
        by_position[pair.position as usize].push((pair.candidate, pair.score));
    }
    let mut used = vec![false; instance.candidates as usize];
    search(&by_position, 0, &mut used)
}

fn search(by_position: &[Vec<(u32, i64)>], position: usize, used: &mut [bool]) -> (u32, i64) {
    if position == by_position.len() {
        return (0, 0);
    }
    let mut best = search(by_position, position + 1, used);
    for &(candidate, score) in &by_position[position] {
        if used[candidate as usize] {
            continue;
        }
        used[candidate as usize] = true;
        let (filled, total) = search(by_position, position + 1, used);
        used[candidate as usize] = false;
        best = best.max((filled + 1, total + score));
    }
    best
}
