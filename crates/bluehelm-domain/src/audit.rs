//! The audit trail's chain, keyed and anchored outside the database.
//!
//! Each entry stores the hash of the previous entry and a MAC of its own content together
//! with that previous hash: HMAC-SHA-256 under an [`AuditKey`] kept outside the database
//! (entries written before a database had a key carry a plain SHA-256, up to the head's
//! `keyed_from`). Changing, removing or inserting an entry breaks the chain there, and
//! one who can write the database but lacks the key cannot write a new entry that verifies.
//!
//! Against one who has the key too, or who cuts entries off the end, the chain is
//! anchored by [`Checkpoint`]s: the head's sequence number and hash, signed with Ed25519
//! by a key that never enters the database, and appended to a file kept elsewhere.
//! [`ChainVerifier`] names what it finds: an entry altered, missing or inserted, an entry
//! forged after the last checkpoint, the past rewritten under a checkpoint, entries cut
//! below one.

use std::collections::BTreeMap;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
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
    /// A backup of the database was written.
    Backup,
    /// The audit trail was walked and checked, with its outcome.
    ChainChecked,
}

impl AuditAction {
    pub const ALL: [AuditAction; 14] = [
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
        AuditAction::Backup,
        AuditAction::ChainChecked,
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
            AuditAction::Backup => "backup",
            AuditAction::ChainChecked => "chain_checked",
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

/// The secret that keys the chain. Kept outside the database (a file beside it by
/// default, or the environment), so that writing the database is not enough to forge.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey([u8; 32]);

impl AuditKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A key written as 64 hexadecimal digits.
    pub fn from_hex(text: &str) -> Option<Self> {
        let bytes = hex::decode(text.trim()).ok()?;
        Some(Self(bytes.try_into().ok()?))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("AuditKey(…)")
    }
}

/// The hash of an entry over the previous hash and every field, each length-prefixed so
/// that no two different entries give the same bytes: HMAC-SHA-256 under `key`, or the
/// plain SHA-256 of the entries written before the chain was keyed.
pub fn entry_hash(
    seq: i64,
    content: &AuditContent,
    prev_hash: &str,
    key: Option<&AuditKey>,
) -> String {
    let at = content
        .at
        .to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_default();
    let seq_text = seq.to_string();
    let user = content.actor_user_id.map(|id| id.to_string());
    let agency = content.actor_agency_id.map(|id| id.to_string());
    let fields: [Option<&str>; 10] = [
        Some(prev_hash),
        Some(&seq_text),
        Some(&at),
        user.as_deref(),
        agency.as_deref(),
        Some(&content.action),
        Some(&content.entity),
        content.entity_id.as_deref(),
        content.before.as_deref(),
        content.after.as_deref(),
    ];
    let mut bytes = Vec::new();
    for field in fields {
        match field {
            None => bytes.push(0u8),
            Some(value) => {
                bytes.push(1u8);
                bytes.extend_from_slice(&(value.len() as u64).to_be_bytes());
                bytes.extend_from_slice(value.as_bytes());
            }
        }
    }
    match key {
        Some(key) => {
            let mut mac =
                Hmac::<Sha256>::new_from_slice(&key.0).expect("HMAC takes a key of any length");
            mac.update(&bytes);
            hex::encode(mac.finalize().into_bytes())
        }
        None => hex::encode(Sha256::digest(&bytes)),
    }
}

/// The chain's head at one moment, as signed into the checkpoints file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    /// The first keyed entry, as the head recorded it then.
    pub keyed_from: Option<i64>,
    /// When it was signed, in seconds since 1970.
    pub at: i64,
}

impl Checkpoint {
    /// The bytes the signature covers, with a label so that they mean nothing elsewhere.
    fn signed_bytes(&self) -> Vec<u8> {
        format!(
            "bluehelm audit checkpoint\n{}\n{}\n{}\n{}",
            self.seq,
            self.hash,
            self.keyed_from.map_or(String::new(), |seq| seq.to_string()),
            self.at
        )
        .into_bytes()
    }

    /// The signature of this checkpoint, in hexadecimal.
    pub fn sign(&self, key: &SigningKey) -> String {
        hex::encode(key.sign(&self.signed_bytes()).to_bytes())
    }

    /// Whether `signature` (hexadecimal) is `key`'s over this checkpoint.
    pub fn signed_by(&self, signature: &str, key: &VerifyingKey) -> bool {
        let Some(bytes) = hex::decode(signature)
            .ok()
            .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        else {
            return false;
        };
        key.verify(&self.signed_bytes(), &Signature::from_bytes(&bytes))
            .is_ok()
    }
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
    #[error(
        "audit entry {seq} was forged after the last checkpoint: it was written or altered without the audit key"
    )]
    ForgedAppend { seq: i64 },
    #[error(
        "the past was rewritten: entry {seq} differs from what the checkpoint of entry {checkpoint} signed"
    )]
    RewrittenPast { seq: i64, checkpoint: i64 },
    #[error(
        "audit entries after {last} were removed: a signed checkpoint records entry {checkpoint}"
    )]
    TruncatedBelowCheckpoint { last: i64, checkpoint: i64 },
    #[error("a checkpoint's signature is not the signing key's (line {line} of the checkpoints)")]
    ForgedCheckpoint { line: usize },
}

impl ChainBreak {
    /// The sequence number of the first entry at fault (0 when no entry is).
    pub fn seq(&self) -> i64 {
        match *self {
            ChainBreak::Altered { seq } => seq,
            ChainBreak::Missing { expected, .. } => expected,
            ChainBreak::Inserted { seq, .. } => seq,
            ChainBreak::Truncated { last, .. } => last + 1,
            ChainBreak::HeadMismatch { seq } => seq,
            ChainBreak::ForgedAppend { seq } => seq,
            ChainBreak::RewrittenPast { seq, .. } => seq,
            ChainBreak::TruncatedBelowCheckpoint { last, .. } => last + 1,
            ChainBreak::ForgedCheckpoint { .. } => 0,
        }
    }
}

/// Walks entries in sequence order and keeps the state needed to check the next one.
#[derive(Debug)]
pub struct ChainVerifier {
    previous_seq: i64,
    previous_hash: String,
    checked: u64,
    key: AuditKey,
    keyed_from: Option<i64>,
    /// The hash each checkpoint signed, by sequence number.
    anchors: BTreeMap<i64, String>,
    /// The highest sequence number a checkpoint signed; 0 without one.
    anchored_to: i64,
}

impl ChainVerifier {
    /// A verifier of the chain keyed with `key` from entry `keyed_from`, against the
    /// checkpoints whose signatures were checked. The latest checkpoint's `keyed_from`
    /// wins over the head's: moving it is rewriting the past.
    pub fn new(
        key: AuditKey,
        keyed_from: Option<i64>,
        checkpoints: &[Checkpoint],
    ) -> Result<Self, ChainBreak> {
        let latest = checkpoints.iter().max_by_key(|checkpoint| checkpoint.seq);
        for checkpoint in checkpoints {
            // A checkpoint signed before the first keyed write allows keying after it.
            let moved = match checkpoint.keyed_from {
                Some(from) => keyed_from != Some(from),
                None => keyed_from.is_some_and(|from| from <= checkpoint.seq),
            };
            if moved {
                return Err(ChainBreak::RewrittenPast {
                    seq: checkpoint.keyed_from.or(keyed_from).unwrap_or(1),
                    checkpoint: checkpoint.seq,
                });
            }
        }
        Ok(Self {
            previous_seq: 0,
            previous_hash: GENESIS.to_owned(),
            checked: 0,
            key,
            keyed_from,
            anchors: checkpoints
                .iter()
                .map(|checkpoint| (checkpoint.seq, checkpoint.hash.clone()))
                .collect(),
            anchored_to: latest.map_or(0, |checkpoint| checkpoint.seq),
        })
    }

    fn is_keyed(&self, seq: i64) -> bool {
        self.keyed_from.is_some_and(|from| seq >= from)
    }

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
        let key = self.is_keyed(entry.seq).then_some(&self.key);
        if entry_hash(entry.seq, &entry.content, &entry.prev_hash, key) != entry.hash {
            return Err(if entry.seq <= self.anchored_to {
                ChainBreak::RewrittenPast {
                    seq: entry.seq,
                    checkpoint: self.anchored_to,
                }
            } else if key.is_some() && self.anchored_to > 0 {
                ChainBreak::ForgedAppend { seq: entry.seq }
            } else {
                ChainBreak::Altered { seq: entry.seq }
            });
        }
        if self
            .anchors
            .get(&entry.seq)
            .is_some_and(|signed| *signed != entry.hash)
        {
            return Err(ChainBreak::RewrittenPast {
                seq: entry.seq,
                checkpoint: entry.seq,
            });
        }
        self.previous_seq = entry.seq;
        self.previous_hash.clone_from(&entry.hash);
        self.checked += 1;
        Ok(())
    }

    /// Checks the end of the chain against the latest checkpoint and the head.
    pub fn finish(self, head_seq: i64, head_hash: &str) -> Result<u64, ChainBreak> {
        if self.previous_seq < self.anchored_to {
            return Err(ChainBreak::TruncatedBelowCheckpoint {
                last: self.previous_seq,
                checkpoint: self.anchored_to,
            });
        }
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

/// One field an audit entry records: its value before and after the change (`None` where
/// that side does not hold it: a creation has no before, a deletion no after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The fields an entry's before and after values differ in, by name; for a creation or a
/// deletion, every field recorded. Values that are not JSON
/// objects count as one field, `value`.
pub fn field_changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |text: Option<&str>| -> Vec<(String, serde_json::Value)> {
        match text.map(serde_json::from_str::<serde_json::Value>) {
            Some(Ok(serde_json::Value::Object(map))) => map.into_iter().collect(),
            Some(Ok(other)) => vec![("value".to_owned(), other)],
            _ => Vec::new(),
        }
    };
    let (before, after) = (parse(before), parse(after));
    let mut fields: Vec<&String> = before.iter().map(|(field, _)| field).collect();
    for (field, _) in &after {
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    let value_in = |side: &[(String, serde_json::Value)], field: &str| {
        side.iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
    };
    fields
        .into_iter()
        .map(|field| FieldChange {
            field: field.clone(),
            before: value_in(&before, field),
            after: value_in(&after, field),
        })
        .filter(|change| change.before != change.after)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_shows_only_the_fields_that_moved() {
        let changes = field_changes(
            Some(r#"{"status":"received","note":"x"}"#),
            Some(r#"{"status":"closed","note":"x","closed_by":7}"#),
        );
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["status", "closed_by"]);
        assert_eq!(changes[1].before, None);
        let created = field_changes(None, Some(r#"{"a":1,"b":null}"#));
        assert_eq!(created.len(), 2);
        let odd = field_changes(Some("3"), Some("not json"));
        assert_eq!(odd.len(), 1);
        assert_eq!(odd[0].field, "value");
    }

    fn key() -> AuditKey {
        AuditKey::from_bytes([7; 32])
    }

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

    /// A chain of `actions` keyed with `key` from the first entry.
    fn chain_with(actions: &[&str], key: Option<&AuditKey>) -> Vec<ChainedEntry> {
        let mut prev = GENESIS.to_owned();
        actions
            .iter()
            .zip(1..)
            .map(|(action, seq)| {
                let content = content(action);
                let hash = entry_hash(seq, &content, &prev, key);
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

    fn chain(actions: &[&str]) -> Vec<ChainedEntry> {
        chain_with(actions, Some(&key()))
    }

    fn checkpoint_of(entry: &ChainedEntry) -> Checkpoint {
        Checkpoint {
            seq: entry.seq,
            hash: entry.hash.clone(),
            keyed_from: Some(1),
            at: 0,
        }
    }

    fn verify_against(
        entries: &[ChainedEntry],
        head: (i64, &str),
        checkpoints: &[Checkpoint],
    ) -> Result<u64, ChainBreak> {
        let mut verifier = ChainVerifier::new(key(), Some(1), checkpoints)?;
        for entry in entries {
            verifier.check(entry)?;
        }
        verifier.finish(head.0, head.1)
    }

    fn verify(entries: &[ChainedEntry], head: (i64, &str)) -> Result<u64, ChainBreak> {
        verify_against(entries, head, &[])
    }

    #[test]
    fn an_intact_chain_verifies() {
        let entries = chain(&["create", "update", "delete"]);
        let head = entries
            .last()
            .map(|e| (e.seq, e.hash.clone()))
            .unwrap_or_default();
        assert_eq!(verify(&entries, (head.0, &head.1)), Ok(3));
        assert_eq!(
            verify_against(&entries, (head.0, &head.1), &[checkpoint_of(&entries[1])]),
            Ok(3)
        );
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
        forged.hash = entry_hash(2, &forged.content, &forged.prev_hash, Some(&key()));
        inserted.insert(2, forged);
        assert_eq!(verify(&inserted, (head.0, &head.1)).unwrap_err().seq(), 2);

        let truncated = &entries[..3];
        assert_eq!(
            verify(truncated, (head.0, &head.1)),
            Err(ChainBreak::Truncated { last: 3, head: 4 })
        );
    }

    #[test]
    fn an_entry_appended_without_the_key_is_named_forged() {
        let mut entries = chain(&["create", "update"]);
        // A correct hash by the unkeyed formula, as one who can only write the database
        // would compute it.
        let content = content("delete");
        let prev = entries[1].hash.clone();
        let hash = entry_hash(3, &content, &prev, None);
        entries.push(ChainedEntry {
            seq: 3,
            content,
            prev_hash: prev,
            hash: hash.clone(),
        });
        assert_eq!(
            verify_against(&entries, (3, &hash), &[checkpoint_of(&entries[1])]),
            Err(ChainBreak::ForgedAppend { seq: 3 })
        );
    }

    #[test]
    fn a_past_rewritten_with_the_key_is_caught_by_the_checkpoint() {
        let entries = chain(&["create", "update", "delete"]);
        let signed = checkpoint_of(&entries[2]);
        let rewritten = chain(&["create", "login", "delete"]);
        let head = (3, rewritten[2].hash.as_str());
        assert_eq!(verify(&rewritten, head), Ok(3), "the key alone cannot tell");
        assert_eq!(
            verify_against(&rewritten, head, std::slice::from_ref(&signed)),
            Err(ChainBreak::RewrittenPast {
                seq: 3,
                checkpoint: 3
            })
        );
        // Rewritten without the key: the first rewritten entry is named.
        let unkeyed = chain_with(&["create", "login", "delete"], None);
        assert_eq!(
            verify_against(&unkeyed, (3, &unkeyed[2].hash), &[signed]),
            Err(ChainBreak::RewrittenPast {
                seq: 1,
                checkpoint: 3
            })
        );
    }

    #[test]
    fn entries_cut_below_a_checkpoint_are_named_with_the_head_moved_back() {
        let entries = chain(&["create", "update", "delete", "login"]);
        let signed = checkpoint_of(&entries[3]);
        let kept = &entries[..2];
        assert_eq!(
            verify_against(kept, (2, &kept[1].hash), &[signed]),
            Err(ChainBreak::TruncatedBelowCheckpoint {
                last: 2,
                checkpoint: 4
            })
        );
    }

    #[test]
    fn a_checkpoint_verifies_only_with_its_signature() {
        let signing = SigningKey::from_bytes(&[9; 32]);
        let checkpoint = checkpoint_of(&chain(&["create"])[0]);
        let signature = checkpoint.sign(&signing);
        assert!(checkpoint.signed_by(&signature, &signing.verifying_key()));
        let moved = Checkpoint {
            seq: 2,
            ..checkpoint.clone()
        };
        assert!(!moved.signed_by(&signature, &signing.verifying_key()));
        let other = SigningKey::from_bytes(&[8; 32]);
        assert!(!checkpoint.signed_by(&signature, &other.verifying_key()));
        assert!(!checkpoint.signed_by("zz", &signing.verifying_key()));
    }

    #[test]
    fn a_missing_field_and_an_empty_one_hash_differently() {
        let mut with_empty = content("create");
        with_empty.entity_id = Some(String::new());
        let mut with_none = content("create");
        with_none.entity_id = None;
        assert_ne!(
            entry_hash(1, &with_empty, GENESIS, None),
            entry_hash(1, &with_none, GENESIS, None)
        );
        assert_ne!(
            entry_hash(1, &with_none, GENESIS, None),
            entry_hash(1, &with_none, GENESIS, Some(&key()))
        );
    }
}
