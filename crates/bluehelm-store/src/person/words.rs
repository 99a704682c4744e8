//! The words of a name search and how many people each one finds.
//!
//! A search reads people through the word index by its rarest word and checks the others on
//! the folded name each index entry carries, so the rarest word bounds its work. Counting
//! the common words exactly costs as much as a search ("nguyen" starts 38,000 names of
//! 100,000), and counts capped low cannot tell two common words apart ("nguyen van" then
//! read 38,000 entries where 8,700 would do). The counts are therefore remembered per word
//! for a few minutes: they only choose an order, so a stale count can make a search slower,
//! never wrong.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bluehelm_domain::person::fold;

use crate::{on_pool, Result, Store};

/// Past this many people found by its rarest word, a search pages along the sort order
/// with a capped count, as a list does, instead of sorting every match.
pub(crate) const SORTED_SEARCH_LIMIT: i64 = 2_000;

/// A search counts at most this many entries of one word; a prefix as short as one letter
/// still costs a bounded scan.
const COUNTED_AT_MOST: i64 = 200_000;

/// The folded words of a name search (at most six), the rarest first, and how many people
/// the rarest one finds.
#[derive(Debug, Default)]
pub(crate) struct SearchWords {
    pub(crate) words: Vec<String>,
    pub(crate) fewest: i64,
}

/// Each searched word's count of name words, with when it was taken.
#[derive(Debug, Default)]
pub(crate) struct WordCounts {
    entries: Mutex<HashMap<String, (Instant, i64)>>,
}

impl WordCounts {
    const TTL: Duration = Duration::from_secs(300);
    /// Past this many words remembered the cache starts over rather than growing unbounded.
    const MAX_ENTRIES: usize = 10_000;

    fn get(&self, word: &str, now: Instant) -> Option<i64> {
        let entries = self.entries.lock().ok()?;
        let (taken, count) = entries.get(word)?;
        (now.duration_since(*taken) < Self::TTL).then_some(*count)
    }

    fn put(&self, word: String, count: i64, now: Instant) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= Self::MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(word, (now, count));
        }
    }
}

impl Store {
    pub(crate) async fn words_by_rarity(&self, name: &str) -> Result<SearchWords> {
        let words: Vec<String> = fold(name)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(6)
            .map(str::to_owned)
            .collect();
        let now = Instant::now();
        let mut counted = Vec::with_capacity(words.len());
        let mut missing = Vec::new();
        for word in words {
            match self.word_counts.get(&word, now) {
                Some(count) => counted.push((count, word)),
                None => missing.push(word),
            }
        }
        if !missing.is_empty() {
            let fresh: Vec<i64> = on_pool!(&self.db, pool => {
                async {
                    let mut fresh = Vec::with_capacity(missing.len());
                    for word in &missing {
                        let high = format!("{word}\u{10FFFF}");
                        let count: i64 = sqlx::query_scalar(
                            "select count(*) from (select 1 from person_word where word >= $1 and word < $2 limit $3) as w",
                        )
                        .bind(word).bind(&high).bind(COUNTED_AT_MOST)
                        .fetch_one(&mut *pool).await?;
                        fresh.push(count);
                    }
                    Ok::<_, sqlx::Error>(fresh)
                }
                .await
            })?;
            for (word, count) in missing.into_iter().zip(fresh) {
                self.word_counts.put(word.clone(), count, now);
                counted.push((count, word));
            }
        }
        counted.sort();
        Ok(SearchWords {
            fewest: counted.first().map_or(0, |(count, _)| *count),
            words: counted.into_iter().map(|(_, word)| word).collect(),
        })
    }
}
