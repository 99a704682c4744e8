//! Principals behind API tokens, remembered for a few seconds so that a program's stream of
//! requests does not pay a database lookup for each.
//!
//! A write in this process that changes who a token stands for (an account's roles, agency
//! or disabled flag; a revoked token) empties the cache when it commits. On PostgreSQL the
//! write also notifies every other server of the database, whose caches empty on the
//! notification ([`crate::Store::follow_principal_changes`]); a server that does not
//! follow the notifications does not cache at all, so several servers never disagree for
//! longer than a notification takes. On SQLite, changes made by another process (the
//! command line) are seen once an entry ages out: [`PrincipalCache::TTL`] bounds that.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bluehelm_domain::policy::Principal;

/// Enough for every program of a large deployment; past it the cache starts over rather
/// than growing without bound.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Default)]
pub(crate) struct PrincipalCache {
    /// Whether the cache may answer: always on SQLite; on PostgreSQL only while this
    /// server follows the other servers' changes.
    pub(crate) enabled: std::sync::atomic::AtomicBool,
    entries: Mutex<HashMap<String, (Instant, Principal)>>,
    /// Bumped by every invalidation, so a lookup that read the database before a write
    /// committed cannot put its stale answer back afterwards.
    generation: AtomicU64,
}

impl PrincipalCache {
    pub(crate) const TTL: Duration = Duration::from_secs(5);

    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub(crate) fn get(&self, token_hash: &str, now: Instant) -> Option<Principal> {
        if !self.enabled.load(Ordering::Acquire) {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let (stored_at, principal) = entries.get(token_hash)?;
        (now.duration_since(*stored_at) < Self::TTL).then(|| principal.clone())
    }

    /// Remembers a principal read from the database at `generation`, unless an invalidation
    /// happened since.
    pub(crate) fn put(&self, token_hash: String, principal: Principal, generation: u64) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if self.generation() != generation {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(token_hash, (Instant::now(), principal));
    }

    pub(crate) fn invalidate(&self) {
        // The generation moves under the lock, so `put` sees either the old generation and
        // an entry that is cleared right after, or the new one and stores nothing.
        let mut entries = match self.entries.lock() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        self.generation.fetch_add(1, Ordering::AcqRel);
        entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use bluehelm_domain::agency::AgencyPath;

    use super::*;

    fn principal() -> Principal {
        Principal {
            user_id: 7,
            agency_id: 2,
            agency_path: AgencyPath::from_stored("/1/2/".to_owned()),
            roles: BTreeSet::new(),
        }
    }

    #[test]
    fn an_entry_is_served_until_it_ages_out() {
        let cache = PrincipalCache::default();
        cache.enabled.store(true, Ordering::Release);
        cache.put("h".to_owned(), principal(), cache.generation());
        let now = Instant::now();
        assert_eq!(cache.get("h", now).map(|p| p.user_id), Some(7));
        assert!(cache.get("h", now + PrincipalCache::TTL).is_none());
        assert!(cache.get("other", now).is_none());
    }

    #[test]
    fn invalidation_empties_the_cache_and_refuses_stale_answers() {
        let cache = PrincipalCache::default();
        cache.enabled.store(true, Ordering::Release);
        let before_write = cache.generation();
        cache.put("h".to_owned(), principal(), before_write);
        cache.invalidate();
        assert!(cache.get("h", Instant::now()).is_none());
        // A lookup that read the database before the write committed.
        cache.put("h".to_owned(), principal(), before_write);
        assert!(cache.get("h", Instant::now()).is_none());
    }
}
