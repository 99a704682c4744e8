//! The problem: positions, candidates and the scored pairs between them.

/// An eligible (position, candidate) pair and how well the candidate suits the position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub position: u32,
    pub candidate: u32,
    /// Higher is better; from 0 to [`MAX_SCORE`].
    pub score: i64,
}

/// The highest score a pair may carry: large enough for any weighting of the registry's
/// criteria, small enough that no sum over 10⁶ pairs overflows.
pub const MAX_SCORE: i64 = 1_000_000_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Instance {
    pub positions: u32,
    pub candidates: u32,
    pub pairs: Vec<Pair>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidInstance {
    #[error("pair {index} names position {position}, but there are {positions} positions")]
    PositionOutOfRange {
        index: usize,
        position: u32,
        positions: u32,
    },
    #[error("pair {index} names candidate {candidate}, but there are {candidates} candidates")]
    CandidateOutOfRange {
        index: usize,
        candidate: u32,
        candidates: u32,
    },
    #[error("pair {index} has score {score}, outside 0 to {MAX_SCORE}")]
    ScoreOutOfRange { index: usize, score: i64 },
    #[error("pairs {first} and {second} join the same position and candidate")]
    DuplicatePair { first: usize, second: usize },
}

impl Instance {
    /// Checks every pair: indices in range, scores in range, no pair twice.
    pub fn validate(&self) -> Result<(), InvalidInstance> {
        for (index, pair) in self.pairs.iter().enumerate() {
            if pair.position >= self.positions {
                return Err(InvalidInstance::PositionOutOfRange {
                    index,
                    position: pair.position,
                    positions: self.positions,
                });
            }
            if pair.candidate >= self.candidates {
                return Err(InvalidInstance::CandidateOutOfRange {
                    index,
                    candidate: pair.candidate,
                    candidates: self.candidates,
                });
            }
            if !(0..=MAX_SCORE).contains(&pair.score) {
                return Err(InvalidInstance::ScoreOutOfRange {
                    index,
                    score: pair.score,
                });
            }
        }
        // Sorting the keys finds a repeated pair in a fraction of a hash map's time.
        let mut keys: Vec<(u64, usize)> = self
            .pairs
            .iter()
            .enumerate()
            .map(|(index, pair)| {
                (
                    (u64::from(pair.position) << 32) | u64::from(pair.candidate),
                    index,
                )
            })
            .collect();
        keys.sort_unstable();
        match keys.windows(2).find(|w| w[0].0 == w[1].0) {
            Some(w) => Err(InvalidInstance::DuplicatePair {
                first: w[0].1,
                second: w[1].1,
            }),
            None => Ok(()),
        }
    }
}
