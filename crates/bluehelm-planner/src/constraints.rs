//! Pairs the planner is told to keep or to avoid: a coordinator pins the people who must go
//! and forbids those who must not, then solves again.

use crate::instance::{Instance, InvalidInstance, Pair};
use crate::solve::{solve_valid, Plan};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixed {
    /// (position, candidate) pairs every plan must contain.
    pub pinned: Vec<(u32, u32)>,
    /// (position, candidate) pairs no plan may contain.
    pub forbidden: Vec<(u32, u32)>,
}

/// Why no plan can honour the pinned pairs: the constraint at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Infeasible {
    #[error(transparent)]
    Invalid(#[from] InvalidInstance),
    #[error("candidate {candidate} is not eligible for position {position}, so it cannot be pinned there")]
    PinnedNotEligible { position: u32, candidate: u32 },
    #[error("candidate {candidate} is pinned to position {position} and also forbidden there")]
    PinnedAndForbidden { position: u32, candidate: u32 },
    #[error("position {position} has two pinned candidates, {first} and {second}")]
    PositionPinnedTwice {
        position: u32,
        first: u32,
        second: u32,
    },
    #[error("candidate {candidate} is pinned to two positions, {first} and {second}")]
    CandidatePinnedTwice {
        candidate: u32,
        first: u32,
        second: u32,
    },
    #[error("with women quotas or agency caps, the highest score times the number of positions squared is too large for exact arithmetic (keep it below 2^58)")]
    ScoresTooLarge,
}

/// The best plan that contains every pinned pair and no forbidden one: the pinned pairs are
/// fixed, and the rest of the positions are filled optimally from the rest of the people.
pub fn solve_fixed(instance: &Instance, fixed: &Fixed) -> Result<Plan, Infeasible> {
    instance.validate()?;
    if fixed.pinned.is_empty() && fixed.forbidden.is_empty() {
        // Nothing to leave out: no filtered copy of a possibly very large instance.
        return Ok(solve_valid(instance));
    }
    let pins = pinned_pairs(instance, fixed)?;
    let mut pinned_to_position = vec![None; instance.positions as usize];
    let mut pinned_to_candidate = vec![None; instance.candidates as usize];
    for pin in &pins {
        pinned_to_position[pin.position as usize] = Some(pin.candidate);
        pinned_to_candidate[pin.candidate as usize] = Some(pin.position);
    }
    let pinned_score: i64 = pins.iter().map(|pin| pin.score).sum();
    let forbidden: std::collections::HashSet<(u32, u32)> =
        fixed.forbidden.iter().copied().collect();
    let rest = Instance {
        positions: instance.positions,
        candidates: instance.candidates,
        pairs: instance
            .pairs
            .iter()
            .filter(|pair| {
                pinned_to_position[pair.position as usize].is_none()
                    && pinned_to_candidate[pair.candidate as usize].is_none()
                    && !forbidden.contains(&(pair.position, pair.candidate))
            })
            .copied()
            .collect::<Vec<Pair>>(),
    };
    // A subset of valid pairs is valid.
    let mut plan = solve_valid(&rest);
    for (position, candidate) in pinned_to_position.iter().enumerate() {
        if let Some(candidate) = candidate {
            plan.assignment[position] = Some(*candidate);
            plan.filled += 1;
        }
    }
    plan.score += pinned_score;
    Ok(plan)
}

/// The pinned pairs with their scores, once each is checked: eligible, not also forbidden,
/// no position or candidate pinned twice. The instance must be valid.
pub(crate) fn pinned_pairs(instance: &Instance, fixed: &Fixed) -> Result<Vec<Pair>, Infeasible> {
    let mut pinned_to_position = vec![None; instance.positions as usize];
    let mut pinned_to_candidate = vec![None; instance.candidates as usize];
    let mut pins = Vec::with_capacity(fixed.pinned.len());
    for &(position, candidate) in &fixed.pinned {
        let pair = instance
            .pairs
            .iter()
            .find(|pair| pair.position == position && pair.candidate == candidate)
            .ok_or(Infeasible::PinnedNotEligible {
                position,
                candidate,
            })?;
        if fixed.forbidden.contains(&(position, candidate)) {
            return Err(Infeasible::PinnedAndForbidden {
                position,
                candidate,
            });
        }
        if let Some(first) = pinned_to_position[position as usize] {
            return Err(Infeasible::PositionPinnedTwice {
                position,
                first,
                second: candidate,
            });
        }
        if let Some(first) = pinned_to_candidate[candidate as usize] {
            return Err(Infeasible::CandidatePinnedTwice {
                candidate,
                first,
                second: position,
            });
        }
        pinned_to_position[position as usize] = Some(candidate);
        pinned_to_candidate[candidate as usize] = Some(position);
        pins.push(*pair);
    }
    Ok(pins)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{random, Scores, Shape};
    use crate::reference;

    #[test]
    fn pins_and_bans_are_honoured_and_the_rest_is_optimal() {
        for seed in 0..1_500u64 {
            let shape = Shape {
                positions: 2 + (seed % 5) as u32,
                candidates: 2 + (seed / 5 % 6) as u32,
                density_percent: 50,
                max_score: 50,
                scores: if seed % 2 == 1 {
                    Scores::Contested
                } else {
                    Scores::Random
                },
            };
            let instance = random(&shape, seed);
            let Some(pin) = instance.pairs.first().copied() else {
                continue;
            };
            let banned: Vec<(u32, u32)> = instance
                .pairs
                .iter()
                .skip(1)
                .step_by(3)
                .map(|pair| (pair.position, pair.candidate))
                .collect();
            let fixed = Fixed {
                pinned: vec![(pin.position, pin.candidate)],
                forbidden: banned.clone(),
            };
            let plan = solve_fixed(&instance, &fixed).expect("feasible");
            assert_eq!(plan.assignment[pin.position as usize], Some(pin.candidate));
            for (position, candidate) in plan.assignment.iter().enumerate() {
                if let Some(candidate) = candidate {
                    assert!(!banned.contains(&(position as u32, *candidate)));
                }
            }
            // The oracle on the same problem written out: only the pinned pair for its
            // position and candidate, no banned pair.
            let restricted = Instance {
                pairs: instance
                    .pairs
                    .iter()
                    .filter(|p| {
                        let pinned = (p.position, p.candidate) == (pin.position, pin.candidate);
                        let touches = p.position == pin.position || p.candidate == pin.candidate;
                        (pinned || !touches) && !banned.contains(&(p.position, p.candidate))
                    })
                    .copied()
                    .collect(),
                ..instance.clone()
            };
            let without_pin = Instance {
                pairs: restricted
                    .pairs
                    .iter()
                    .filter(|p| (p.position, p.candidate) != (pin.position, pin.candidate))
                    .copied()
                    .collect(),
                ..instance.clone()
            };
            let (filled, score) = reference::best(&without_pin);
            assert_eq!(
                (plan.filled, plan.score),
                (filled + 1, score + pin.score),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn impossible_pins_name_the_constraint_at_fault() {
        let instance = Instance {
            positions: 2,
            candidates: 2,
            pairs: vec![
                Pair {
                    position: 0,
                    candidate: 0,
                    score: 1,
                },
                Pair {
                    position: 1,
                    candidate: 0,
                    score: 1,
                },
            ],
        };
        let pin = |pinned: Vec<(u32, u32)>, forbidden: Vec<(u32, u32)>| {
            solve_fixed(&instance, &Fixed { pinned, forbidden }).unwrap_err()
        };
        assert_eq!(
            pin(vec![(0, 1)], vec![]),
            Infeasible::PinnedNotEligible {
                position: 0,
                candidate: 1
            }
        );
        assert_eq!(
            pin(vec![(0, 0), (1, 0)], vec![]),
            Infeasible::CandidatePinnedTwice {
                candidate: 0,
                first: 0,
                second: 1
            }
        );
        assert_eq!(
            pin(vec![(0, 0)], vec![(0, 0)]),
            Infeasible::PinnedAndForbidden {
                position: 0,
                candidate: 0
            }
        );
    }
}
