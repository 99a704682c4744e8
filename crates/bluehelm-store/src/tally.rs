//! What a unit of work (a request) asked of the database: how many times it took a
//! connection from the pool, and how long it waited for one. [`tallied`] scopes the count
//! to a future; [`on_pool!`](crate::on_pool) notes every acquisition inside it. Outside a
//! scope nothing is counted, at no cost.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

tokio::task_local! {
    static TALLY: Tally;
}

#[derive(Default)]
struct Tally {
    acquisitions: Cell<u32>,
    waited: Cell<Duration>,
}

/// The database work of one scope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Connections taken from the pool: one per read outside a transaction.
    pub acquisitions: u32,
    /// Time spent waiting for those connections.
    pub waited: Duration,
}

/// Runs `work`, counting the connections it takes from the pools.
pub async fn tallied<F: Future>(work: F) -> (F::Output, Counts) {
    TALLY
        .scope(Tally::default(), async {
            let output = work.await;
            let counts = TALLY.with(|tally| Counts {
                acquisitions: tally.acquisitions.get(),
                waited: tally.waited.get(),
            });
            (output, counts)
        })
        .await
}

/// Notes one acquisition that waited `waited`, when inside [`tallied`].
pub(crate) fn note_acquisition(waited: Duration) {
    let _ = TALLY.try_with(|tally| {
        tally.acquisitions.set(tally.acquisitions.get() + 1);
        tally.waited.set(tally.waited.get() + waited);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_scope_counts_its_own_acquisitions_only() {
        note_acquisition(Duration::from_millis(5));
        let ((), counts) = tallied(async {
            note_acquisition(Duration::from_millis(1));
            note_acquisition(Duration::from_millis(2));
        })
        .await;
        assert_eq!(
            counts,
            Counts {
                acquisitions: 2,
                waited: Duration::from_millis(3)
            }
        );
    }
}
