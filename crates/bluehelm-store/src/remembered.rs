//! Answers of costly summary reads, and of the small catalogues most pages read, remembered
//! until the next write.
//!
//! Every commit through a [`crate::WriteTx`] bumps the store's write generation; an answer
//! is kept with the generation it was read at and served only while no write has committed
//! since, so this server never shows a summary older than its last write. A read that
//! overlaps a commit is kept under the generation it started at, already stale. Writes made
//! by another process (the command line on SQLite, another server on PostgreSQL) are not
//! seen here: [`Remembered::TTL`] bounds how long they may go unseen.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many commits this store has made, to tell a remembered answer from a stale one.
#[derive(Debug, Default)]
pub(crate) struct WriteGeneration(AtomicU64);

impl WriteGeneration {
    pub(crate) fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    pub(crate) fn bump(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

#[derive(Debug)]
pub(crate) struct Remembered<K, V> {
    entries: Mutex<HashMap<K, (u64, Instant, V)>>,
    /// Held while an answer is read from the database, so that the requests that find none
    /// wait for one reading instead of all reading at once.
    pub(crate) reading: tokio::sync::Mutex<()>,
}

impl<K, V> Default for Remembered<K, V> {
    fn default() -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            reading: tokio::sync::Mutex::new(()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> Remembered<K, V> {
    pub(crate) const TTL: Duration = Duration::from_secs(60);
    /// Past this many keys the memory starts over rather than growing unbounded.
    const MAX_ENTRIES: usize = 1_000;

    pub(crate) fn get(&self, key: &K, generation: u64) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        let (at_generation, taken, value) = entries.get(key)?;
        (*at_generation == generation && taken.elapsed() < Self::TTL).then(|| value.clone())
    }

    /// The answer under `key` while no write has committed since it was read; otherwise
    /// `read`'s, remembered. For reads cheap enough that requests missing it at once may
    /// all read (no [`Remembered::reading`] turn).
    pub(crate) async fn get_or_read<F>(
        &self,
        key: K,
        written: &WriteGeneration,
        read: F,
    ) -> crate::Result<V>
    where
        F: std::future::Future<Output = crate::Result<V>>,
    {
        // Taken before the read: a commit during it leaves the answer already stale.
        let generation = written.current();
        if let Some(value) = self.get(&key, generation) {
            return Ok(value);
        }
        let value = read.await?;
        self.put(key, generation, value.clone());
        Ok(value)
    }

    pub(crate) fn put(&self, key: K, generation: u64, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= Self::MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, (generation, Instant::now(), value));
        }
    }
}
