//! Synthetic instances, the same for the same seed: for the tests and the benchmarks.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::instance::{Instance, Pair};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub positions: u32,
    pub candidates: u32,
    /// The share of (position, candidate) pairs that are eligible, in percent.
    pub density_percent: u32,
    pub max_score: i64,
    pub scores: Scores,
}

/// How scores are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scores {
    /// Each pair on its own, uniformly.
    Random,
    /// Many candidates compete for the same positions: a candidate's scores are alike
    /// everywhere (a uniform merit ± 10 % of the top score).
    Contested,
    /// Harder competition: merit is skewed (cubed), so a few candidates are what every
    /// position wants and most of the pool trails far behind (merit plus up to 5 %).
    Skewed,
}

/// A random instance of `shape`.
pub fn random(shape: &Shape, seed: u64) -> Instance {
    let mut rng = StdRng::seed_from_u64(seed);
    let merit: Vec<i64> = (0..shape.candidates)
        .map(|_| {
            if shape.scores == Scores::Skewed {
                let u: f64 = rng.gen_range(0.0..1.0);
                (u * u * u * shape.max_score as f64) as i64
            } else {
                rng.gen_range(0..=shape.max_score)
            }
        })
        .collect();
    let mut pairs = Vec::new();
    for position in 0..shape.positions {
        for candidate in 0..shape.candidates {
            if rng.gen_range(0..100) >= shape.density_percent {
                continue;
            }
            let own = merit[candidate as usize];
            let score = match shape.scores {
                Scores::Random => rng.gen_range(0..=shape.max_score),
                Scores::Contested => {
                    let spread = (shape.max_score / 10).max(1);
                    own + rng.gen_range(-spread..=spread)
                }
                Scores::Skewed => own + rng.gen_range(0..=(shape.max_score / 20).max(1)),
            }
            .clamp(0, shape.max_score);
            pairs.push(Pair {
                position,
                candidate,
                score,
            });
        }
    }
    Instance {
        positions: shape.positions,
        candidates: shape.candidates,
        pairs,
    }
}

/// A random instance of `shape` with identifiers, genders (about a third women) and
/// agencies (ten), as the interchange files carry them.
pub fn named(shape: &Shape, seed: u64) -> crate::interchange::NamedInstance {
    let instance = random(shape, seed);
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let groups = (shape.positions / 50).max(1);
    crate::interchange::NamedInstance {
        position_ids: (0..shape.positions).map(|p| format!("P{p}")).collect(),
        position_groups: (0..shape.positions)
            .map(|p| format!("G{}", p % groups))
            .collect(),
        candidate_ids: (0..shape.candidates).map(|c| format!("C{c}")).collect(),
        candidate_genders: (0..shape.candidates)
            .map(|_| {
                if rng.gen_range(0..3) == 0 {
                    "female"
                } else {
                    "male"
                }
                .to_owned()
            })
            .collect(),
        candidate_agencies: (0..shape.candidates)
            .map(|c| format!("A{}", c % 10))
            .collect(),
        fixed: crate::constraints::Fixed::default(),
        instance,
    }
}

/// `limits.csv` for a [`named`] instance: in every group at least `women_percent` of its
/// positions (rounded up) go to women, and no agency sends more than `agency_cap`.
pub fn limits(
    named: &crate::interchange::NamedInstance,
    women_percent: u32,
    agency_cap: Option<u32>,
) -> String {
    let mut text = String::from("kind,target,value\n");
    let groups = crate::interchange::distinct(&named.position_groups);
    for group in &groups {
        let size = named.position_groups.iter().filter(|g| *g == group).count() as u32;
        let at_least = (size * women_percent).div_ceil(100);
        if at_least > 0 {
            text.push_str(&format!("min_women,{group},{at_least}\n"));
        }
    }
    if let Some(cap) = agency_cap {
        for agency in crate::interchange::distinct(&named.candidate_agencies) {
            text.push_str(&format!("max_agency,{agency},{cap}\n"));
        }
    }
    text
}
