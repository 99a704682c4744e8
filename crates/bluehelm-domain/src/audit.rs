//! The audit trail's hash chain.
//!
//! Each entry stores the hash of the previous entry and the SHA-256 of its own content
//! together with that previous hash. Changing, removing or inserting any entry therefore
//! breaks the chain at that entry, and [`verify`] names the first entry where it breaks.
//! The chain head (last sequence number and hash) is also kept apart from the entries, so
//! cutting entries off the end is caught too.

use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The hash that precedes the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Login,
    LoginFailed,
    Logout,
    PermissionDenied,
    TokenCreated,
    TokenRevoked,
    PasswordChanged,
    Seed,
    /// Health data was shown to somebody: every read of it is on the trail.
    MedicalRead,
}

impl AuditAction {
    pub const ALL: [AuditAction; 12] = [
        AuditAction::Create,
        AuditAction::Update,
        AuditAction::Delete,
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::PermissionDenied,
        AuditAction::TokenCreated,
        AuditAction::TokenRevoked,
        AuditAction::PasswordChanged,
        AuditAction::Seed,
        AuditAction::MedicalRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::PermissionDenied => "permission_denied",
            AuditAction::TokenCreated => "token_created",
            AuditAction::TokenRevoked => "token_revoked",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::MedicalRead => "medical_read",
            AuditAction::Seed => "seed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == value)
    }
}

/// What one entry records. `before` and `after` are JSON texts, hashed exactly as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditContent {
    pub at: OffsetDateTime,
    pub actor_user_id: Option<i64>,
    pub actor_agency_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An entry as stored: its place in the chain, its content and both hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEntry {
    pub seq: i64,
    pub content: AuditContent,
    pub prev_hash: String,
    pub hash: String,
}

/// Storage keeps microseconds (PostgreSQL's precision); hashing the same instant on both
/// engines requires cutting the time there before it is hashed or stored.
pub fn truncate_to_micros(at: OffsetDateTime) -> OffsetDateTime {
    let nanos = at.nanosecond();
    at.replace_nanosecond(nanos - nanos % 1_000).unwrap_or(at)
}

/// The hash of an entry: SHA-256 over the previous hash and every field, each length-prefixed
/// so that no two different entries can produce the same byte stream.
pub fn entry_hash(seq: i64, content: &AuditContent, prev_hash: &str) -> String {
    let mut hasher = Sha256::new();
    let at = content
        .at
        .to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_default();
    let fields: [Option<String>; 10] = [
        Some(prev_hash.to_owned()),
        Some(seq.to_string()),
        Some(at),
        content.actor_user_id.map(|id| id.to_string()),
        content.actor_agency_id.map(|id| id.to_string()),
        Some(content.action.clone()),
        Some(content.entity.clone()),
        content.entity_id.clone(),
        content.before.clone(),
        content.after.clone(),
    ];
    for field in fields {
        match field {
            None => hasher.update([0u8]),
            Some(value) => {
                hasher.update([1u8]);
                hasher.update((value.len() as u64).to_be_bytes());
                hasher.update(value.as_bytes());
            }
        }
    }
    hex::encode(hasher.finalize())
}

/// Where and how the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("audit entry {seq} was altered: its content no longer matches its hash")]
    Altered { seq: i64 },
    #[error("audit entry {expected} is missing (the next entry found is {found})")]
    Missing { expected: i64, found: i64 },
    #[error("audit entry {seq} was inserted out of order: it does not follow entry {previous}")]
    Inserted { seq: i64, previous: i64 },
    #[error("audit entries after {last} were removed: the chain head records entry {head}")]
    Truncated { last: i64, head: i64 },
    #[error("the chain head does not match entry {seq}")]
    HeadMismatch { seq: i64 },
}

impl ChainBreak {
    /// The sequence number of the first entry at fault.
    pub fn seq(&self) -> i64 {
        match *self {
            ChainBreak::Altered { seq } => seq,
            ChainBreak::Missing { expected, .. } => expected,
            ChainBreak::Inserted { seq, .. } => seq,
            ChainBreak::Truncated { last, .. } => last + 1,
            ChainBreak::HeadMismatch { seq } => seq,
        }
    }
}

/// Walks entries in sequence order and keeps the state needed to check the next one.
#[derive(Debug)]
pub struct ChainVerifier {
    previous_seq: i64,
    previous_hash: String,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            previous_seq: 0,
            previous_hash: GENESIS.to_owned(),
            checked: 0,
        }
    }
}

impl ChainVerifier {
    pub fn check(&mut self, entry: &ChainedEntry) -> Result<(), ChainBreak> {
        let expected = self.previous_seq + 1;
        if entry.seq > expected {
            return Err(ChainBreak::Missing {
                expected,
                found: entry.seq,
            });
        }
        if entry.seq < expected || entry.prev_hash != self.previous_hash {
            return Err(ChainBreak::Inserted {
                seq: entry.seq,
                previous: self.previous_seq,
            });
        }
        if entry_hash(entry.seq, &entry.content, &entry.prev_hash) != entry.hash {
            return Err(ChainBreak::Altered { seq: entry.seq });
        }
        self.previous_seq = entry.seq;
        self.previous_hash.clone_from(&entry.hash);
        self.checked += 1;
        Ok(())
    }

    /// Checks the end of the chain against the separately kept head.
    pub fn finish(self, head_seq: i64, head_hash: &str) -> Result<u64, ChainBreak> {
        if head_seq > self.previous_seq {
            return Err(ChainBreak::Truncated {
                last: self.previous_seq,
                head: head_seq,
            });
        }
        if head_seq < self.previous_seq {
            return Err(ChainBreak::Inserted {
                seq: head_seq + 1,
                previous: head_seq,
            });
        }
        if head_hash != self.previous_hash {
            return Err(ChainBreak::HeadMismatch { seq: head_seq });
        }
        Ok(self.checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(action: &str) -> AuditContent {
        AuditContent {
            at: OffsetDateTime::UNIX_EPOCH,
            actor_user_id: Some(1),
            actor_agency_id: None,
            action: action.to_owned(),
            entity: "agency".to_owned(),
            entity_id: Some("3".to_owned()),
            before: None,
            after: Some(r#"{"code":"BQP"}"#.to_owned()),
        }
    }

    fn chain(actions: &[&str]) -> Vec<ChainedEntry> {
        let mut prev = GENESIS.to_owned();
        actions
            .iter()
            .zip(1..)
            .map(|(action, seq)| {
                let content = content(action);
                let hash = entry_hash(seq, &content, &prev);
                let entry = ChainedEntry {
                    seq,
                    content,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                entry
            })
            .collect()
    }

    fn verify(entries: &[ChainedEntry], head: (i64, &str)) -> Result<u64, ChainBreak> {
        let mut verifier = ChainVerifier::default();
        for entry in entries {
            verifier.check(entry)?;
        }
        verifier.finish(head.0, head.1)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let entries = chain(&["create", "update", "delete"]);
        let head = entries
            .last()
            .map(|e| (e.seq, e.hash.clone()))
            .unwrap_or_default();
        assert_eq!(verify(&entries, (head.0, &head.1)), Ok(3));
    }

    #[test]
    fn each_kind_of_tampering_names_the_entry() {
        let entries = chain(&["create", "update", "delete", "login"]);
        let head = (4, entries[3].hash.clone());

        let mut altered = entries.clone();
        altered[1].content.after = Some("{}".to_owned());
        assert_eq!(verify(&altered, (head.0, &head.1)).unwrap_err().seq(), 2);

        let mut removed = entries.clone();
        removed.remove(2);
        assert_eq!(
            verify(&removed, (head.0, &head.1)),
            Err(ChainBreak::Missing {
                expected: 3,
                found: 4
            })
        );

        let mut inserted = entries.clone();
        let mut forged = inserted[1].clone();
        forged.content.action = "delete".to_owned();
        forged.hash = entry_hash(2, &forged.content, &forged.prev_hash);
        inserted.insert(2, forged);
        assert_eq!(verify(&inserted, (head.0, &head.1)).unwrap_err().seq(), 2);

        let truncated = &entries[..3];
        assert_eq!(
            verify(truncated, (head.0, &head.1)),
            Err(ChainBreak::Truncated { last: 3, head: 4 })
        );
    }

    #[test]
    fn a_missing_field_and_an_empty_one_hash_differently() {
        let mut with_empty = content("create");
        with_empty.entity_id = Some(String::new());
        let mut with_none = content("create");
        with_none.entity_id = None;
        assert_ne!(
            entry_hash(1, &with_empty, GENESIS),
            entry_hash(1, &with_none, GENESIS)
        );
    }
}
