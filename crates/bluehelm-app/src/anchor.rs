//! The audit trail anchored outside the database.
//!
//! Two secrets live outside the database: the audit key, which keys every entry's MAC,
//! and the checkpoint signing key (Ed25519). Each comes from the environment
//! (`BLUEHELM_AUDIT_KEY`, `BLUEHELM_CHECKPOINT_KEY`, 64 hexadecimal digits) or from a
//! file in the keys directory (`audit.key`, `checkpoint.key`), created with owner-only
//! rights on first use. The checkpoints file is a line of JSON per signed head, appended
//! and synced, never rewritten; `checkpoint.pub` beside the signing key lets anybody check
//! it without being able to sign.
//!
//! A server signs the head shortly after every write batch (commits are coalesced over
//! [`CHECKPOINT_DELAY`]), `bluehelm audit checkpoint` on demand. What a checkpoint proves
//! is in [`bluehelm_domain::audit`].

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use bluehelm_domain::audit::{AuditKey, ChainBreak, Checkpoint};
use bluehelm_store::audit::ChainReport;
use bluehelm_store::Store;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// How long a server waits after a commit before signing the head, so that a burst of
/// writes costs one checkpoint.
pub const CHECKPOINT_DELAY: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
pub enum AnchorError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{what} is not 64 hexadecimal digits")]
    BadKey { what: String },
    #[error("{path}, line {line}: not a checkpoint")]
    Unparsable { path: PathBuf, line: usize },
    #[error(transparent)]
    Store(#[from] bluehelm_store::StoreError),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> AnchorError + '_ {
    move |source| AnchorError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The two secrets of the anchored trail.
pub struct AnchorKeys {
    pub audit: AuditKey,
    pub signing: SigningKey,
}

impl AnchorKeys {
    /// The keys from the environment's values when given, else from `dir`, where missing
    /// key files are created.
    pub fn load(
        dir: &Path,
        audit_hex: Option<&str>,
        signing_hex: Option<&str>,
    ) -> Result<Self, AnchorError> {
        let audit = secret(dir, "audit.key", audit_hex)?;
        let signing = SigningKey::from_bytes(&secret(dir, "checkpoint.key", signing_hex)?);
        if signing_hex.is_none() {
            let public = dir.join("checkpoint.pub");
            let text = hex::encode(signing.verifying_key().to_bytes());
            if std::fs::read_to_string(&public).ok().as_deref() != Some(text.as_str()) {
                std::fs::write(&public, text).map_err(io_error(&public))?;
            }
        }
        Ok(Self {
            audit: AuditKey::from_bytes(audit),
            signing,
        })
    }

    pub fn verifying(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }
}

fn parse_secret(text: &str, what: &str) -> Result<[u8; 32], AnchorError> {
    hex::decode(text.trim())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| AnchorError::BadKey {
            what: what.to_owned(),
        })
}

/// A 32-byte secret: `given` (from the environment), else the file `name` in `dir`,
/// created with fresh random bytes and owner-only rights when it does not exist.
fn secret(dir: &Path, name: &str, given: Option<&str>) -> Result<[u8; 32], AnchorError> {
    if let Some(text) = given {
        return parse_secret(text, name);
    }
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_secret(&text, &path.display().to_string()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(io_error(dir))?;
            let bytes: [u8; 32] = rand::random();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&path).map_err(io_error(&path))?;
            file.write_all(hex::encode(bytes).as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(io_error(&path))?;
            Ok(bytes)
        }
        Err(error) => Err(io_error(&path)(error)),
    }
}

/// One line of the checkpoints file.
#[derive(Serialize, Deserialize)]
struct SignedLine {
    #[serde(flatten)]
    checkpoint: Checkpoint,
    signature: String,
}

/// The append-only file of signed checkpoints.
pub struct CheckpointLog {
    pub path: PathBuf,
}

impl CheckpointLog {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// Appends `checkpoint` signed with `key`, and syncs it to disk.
    pub fn append(&self, checkpoint: &Checkpoint, key: &SigningKey) -> Result<(), AnchorError> {
        let line = SignedLine {
            checkpoint: checkpoint.clone(),
            signature: checkpoint.sign(key),
        };
        let mut text = serde_json::to_string(&line).expect("a checkpoint serialises");
        text.push('\n');
        if let Some(dir) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(io_error(&self.path))?;
        // One write of one line: appends from several processes do not interleave.
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_data())
            .map_err(io_error(&self.path))
    }

    /// Every checkpoint, its signature checked with `key`; none when the file does not
    /// exist yet. A line signed by another key is a forged checkpoint.
    pub fn read(
        &self,
        key: &VerifyingKey,
    ) -> Result<Result<Vec<Checkpoint>, ChainBreak>, AnchorError> {
        let file = match std::fs::File::open(&self.path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Ok(vec![])),
            Err(error) => return Err(io_error(&self.path)(error)),
        };
        let mut checkpoints = Vec::new();
        for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(io_error(&self.path))?;
            if line.trim().is_empty() {
                continue;
            }
            let signed: SignedLine =
                serde_json::from_str(&line).map_err(|_| AnchorError::Unparsable {
                    path: self.path.clone(),
                    line: index + 1,
                })?;
            if !signed.checkpoint.signed_by(&signed.signature, key) {
                return Ok(Err(ChainBreak::ForgedCheckpoint { line: index + 1 }));
            }
            checkpoints.push(signed.checkpoint);
        }
        Ok(Ok(checkpoints))
    }

    fn latest(&self, key: &VerifyingKey) -> Option<Checkpoint> {
        self.read(key)
            .ok()?
            .ok()?
            .into_iter()
            .max_by_key(|checkpoint| checkpoint.seq)
    }
}

/// Signs the chain's head into `log` unless the latest checkpoint already holds it;
/// answers the checkpoint written.
pub async fn checkpoint(
    store: &Store,
    keys: &AnchorKeys,
    log: &CheckpointLog,
) -> Result<Option<Checkpoint>, AnchorError> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let head = store.audit_head(now).await?;
    let latest = log.latest(&keys.verifying());
    if latest.is_some_and(|latest| latest.seq == head.seq && latest.hash == head.hash) {
        return Ok(None);
    }
    log.append(&head, &keys.signing)?;
    Ok(Some(head))
}

/// Walks the whole chain with the audit key against every checkpoint of `log`.
pub async fn verify(
    store: &Store,
    keys: &AnchorKeys,
    log: &CheckpointLog,
) -> Result<Result<ChainReport, ChainBreak>, AnchorError> {
    let checkpoints = match log.read(&keys.verifying())? {
        Ok(checkpoints) => checkpoints,
        Err(forged) => return Ok(Err(forged)),
    };
    Ok(store.verify_audit_chain(&checkpoints).await?)
}

/// Signs the head shortly after every burst of commits, for as long as the server runs.
pub async fn keep_checkpointing(store: Store, keys: AnchorKeys, log: CheckpointLog) {
    loop {
        store.committed().await;
        tokio::time::sleep(CHECKPOINT_DELAY).await;
        // One server of the database signs at a time; each signs the head it sees.
        let signed = store
            .exclusively("audit checkpoint", checkpoint(&store, &keys, &log))
            .await;
        match signed {
            Ok(Some(Err(error))) => tracing::error!(%error, "cannot write the audit checkpoint"),
            Err(error) => tracing::error!(%error, "cannot write the audit checkpoint"),
            Ok(_) => {}
        }
    }
}
