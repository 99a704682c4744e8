//! Heavy work off the async workers, through one bounded pool.
//!
//! The planner, Argon2 and spreadsheet parsing each take tens of milliseconds to seconds of
//! CPU. Run on an async worker they stall every other request that worker serves (the
//! health check included); run on unbounded blocking threads, a burst of them takes every
//! core. [`run`] puts them on Tokio's blocking threads behind one semaphore sized from the
//! cores, so at most that many run at once and the async workers stay free.

use std::sync::OnceLock;

use tokio::sync::Semaphore;

use crate::AppError;

/// How many heavy jobs run at once: the cores, less one left to the async workers.
pub fn capacity() -> usize {
    std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .saturating_sub(1)
        .max(1)
}

fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| Semaphore::new(capacity()))
}

/// Runs `job` on a blocking thread once a permit is free, and returns its result.
pub async fn run<T, F>(job: F) -> Result<T, AppError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let permit = permits().acquire().await.map_err(AppError::internal)?;
    let outcome = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        job()
    })
    .await;
    outcome.map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_jobs_run_at_once_than_the_pool_allows() {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let jobs: Vec<_> = (0..capacity() * 4)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for job in jobs {
            job.await.expect("joined").expect("ran");
        }
        assert!(most.load(Ordering::SeqCst) <= capacity());
        assert!(most.load(Ordering::SeqCst) >= 1);
    }

    #[tokio::test]
    async fn the_result_comes_back() {
        assert_eq!(run(|| 6 * 7).await.expect("ran"), 42);
    }
}
