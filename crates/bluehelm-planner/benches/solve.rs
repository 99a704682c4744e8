//! Solver timings on synthetic instances: `cargo bench -p bluehelm-planner --bench solve
//! [-- --sizes 500x5000,2000x20000] [--density 2]`.

use std::time::Instant;

use bluehelm_planner::generate::{random, Shape};
use bluehelm_planner::solve;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sizes = value("--sizes").unwrap_or_else(|| "500x5000,2000x20000".to_owned());
    let density: u32 = value("--density").and_then(|d| d.parse().ok()).unwrap_or(2);
    for size in sizes.split(',') {
        let Some((positions, candidates)) = size.split_once('x') else {
            continue;
        };
        let (Ok(positions), Ok(candidates)) = (positions.parse(), candidates.parse()) else {
            continue;
        };
        for contested in [false, true] {
            let shape = Shape {
                positions,
                candidates,
                density_percent: density,
                max_score: 1_000,
                contested,
            };
            let instance = random(&shape, 1);
            let started = Instant::now();
            let plan = solve(&instance).expect("valid");
            println!(
                "{positions}x{candidates} {} ({} pairs): {:.3} s, filled {}, score {}",
                if contested { "contested" } else { "random" },
                instance.pairs.len(),
                started.elapsed().as_secs_f64(),
                plan.filled,
                plan.score
            );
        }
    }
}
