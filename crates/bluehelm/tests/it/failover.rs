//! Failover: a PostgreSQL primary with a synchronous streaming standby, made here with the
//! installed server on ports of their own. Writes stream through a Bluehelm server given
//! both hosts; the primary is killed and the standby promoted. Afterwards every write
//! Bluehelm acknowledged is on the new primary, and Bluehelm takes writes again.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::{free_port, Engine, Server, TestApp};
use crate::postgres_only;

postgres_only!(a_promoted_standby_takes_the_writes_and_loses_none);

/// The installed server's programs (the newest version).
fn program(name: &str) -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    versions.sort();
    versions.last().expect("a version").join("bin").join(name)
}

/// Runs a server program as the `postgres` user when we are root (it refuses root).
fn run(name: &str, args: &[&str]) {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.starts_with(b"0\n"));
    let mut command = if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program(name));
        command
    } else {
        Command::new(program(name))
    };
    let output = command
        .args(args)
        .output()
        .expect("run a PostgreSQL program");
    assert!(
        output.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Two clusters in a folder of their own, stopped (immediately) when dropped.
struct Pair {
    root: tempfile::TempDir,
    primary: u16,
    standby: u16,
}

impl Pair {
    fn dir(&self, name: &str) -> String {
        self.root.path().join(name).display().to_string()
    }

    fn url(&self, port: u16, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{port}/{database}")
    }
}

impl Drop for Pair {
    fn drop(&mut self) {
        for name in ["primary", "standby"] {
            let _ = Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(program("pg_ctl"))
                .args(["-D", &self.dir(name), "-m", "immediate", "stop"])
                .output();
        }
    }
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open the configuration");
    file.write_all(text.as_bytes())
        .expect("write the configuration");
}

async fn start_pair() -> Pair {
    let root = tempfile::tempdir().expect("a folder");
    let _ = Command::new("chown")
        .args(["postgres:postgres", &root.path().display().to_string()])
        .status();
    let pair = Pair {
        root,
        primary: free_port(),
        standby: free_port(),
    };
    let (primary, standby) = (pair.dir("primary"), pair.dir("standby"));
    run(
        "initdb",
        &[
            "-D",
            &primary,
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        ],
    );
    let sockets = pair.root.path().display().to_string();
    append(
        &Path::new(&primary).join("postgresql.conf"),
        &format!(
            "\nport = {}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{sockets}'\n\
             wal_level = replica\nmax_wal_senders = 5\nsynchronous_standby_names = '*'\n\
             synchronous_commit = on\n",
            pair.primary
        ),
    );
    let log = format!("{primary}.log");
    run("pg_ctl", &["-D", &primary, "-l", &log, "-w", "start"]);
    run(
        "pg_basebackup",
        &[
            "-h",
            "127.0.0.1",
            "-p",
            &pair.primary.to_string(),
            "-U",
            "postgres",
            "-D",
            &standby,
            "-R",
            "-X",
            "stream",
            "--checkpoint=fast",
        ],
    );
    // Once promoted, the standby has no standby of its own to wait for.
    append(
        &Path::new(&standby).join("postgresql.conf"),
        &format!(
            "\nport = {}\nsynchronous_standby_names = ''\n",
            pair.standby
        ),
    );
    let log = format!("{standby}.log");
    run("pg_ctl", &["-D", &standby, "-l", &log, "-w", "start"]);
    // The standby confirms every commit before the primary acknowledges it.
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(&pair.url(pair.primary, "postgres"))
        .await
        .expect("the primary");
    for _ in 0..100 {
        let state: Option<String> =
            sqlx::query_scalar("select sync_state from pg_stat_replication limit 1")
                .fetch_optional(&mut admin)
                .await
                .expect("replication state");
        if state.as_deref() == Some("sync") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    sqlx::raw_sql("create database bluehelm")
        .execute(&mut admin)
        .await
        .expect("create the database");
    pair
}

async fn a_promoted_standby_takes_the_writes_and_loses_none(engine: Engine) {
    assert_eq!(engine, Engine::Postgres);
    let pair = start_pair().await;
    let both = format!(
        "postgres://postgres@127.0.0.1:{},127.0.0.1:{}/bluehelm",
        pair.primary, pair.standby
    );
    let app = TestApp::on_database(both.clone()).await;
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let token = app.token("admin").await;
    let parent = app.agency_id("BCA").await;
    app.store.close().await;
    let server = Server::start(&both, &[]).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");

    let mut acknowledged = Vec::new();
    let mut killed_at: Option<Instant> = None;
    let mut back_after = None;
    for n in 0..2_000 {
        let code = format!("BCA-F{n}");
        let body = serde_json::json!({ "code": code, "kind": "unit", "name_vi": code, "name_en": code, "parent_id": parent });
        let answer = client
            .post(format!("{}/api/v1/agencies", server.base))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
        if answer.is_ok_and(|answer| answer.status().as_u16() == 201) {
            acknowledged.push(code);
            if let Some(killed) = killed_at {
                back_after = Some(killed.elapsed());
                if acknowledged.len() > 60 {
                    break;
                }
            }
        }
        if killed_at.is_none() && acknowledged.len() == 50 {
            run(
                "pg_ctl",
                &["-D", &pair.dir("primary"), "-m", "immediate", "stop"],
            );
            killed_at = Some(Instant::now());
            run("pg_ctl", &["-D", &pair.dir("standby"), "-w", "promote"]);
            eprintln!(
                "failover: standby promoted {:?} after the primary died",
                killed_at.map(|at| at.elapsed())
            );
        }
        if killed_at.is_some_and(|killed| killed.elapsed() > Duration::from_secs(30)) {
            break;
        }
    }
    let back_after = back_after.expect("Bluehelm takes writes on the promoted standby");
    eprintln!(
        "failover: first acknowledged write {back_after:?} after the primary died; {} acknowledged",
        acknowledged.len()
    );
    drop(server);

    // Every acknowledged write is on the new primary, read there alone.
    let promoted = bluehelm_store::Store::connect(
        &pair.url(pair.standby, "bluehelm"),
        crate::harness::audit_key(),
    )
    .await
    .expect("the promoted standby");
    let mut lost = Vec::new();
    for code in &acknowledged {
        if promoted.agency_by_code(code).await.is_err() {
            lost.push(code.clone());
        }
    }
    assert!(lost.is_empty(), "acknowledged writes lost: {lost:?}");
    let chain = promoted.verify_audit_chain(&[]).await.expect("walk");
    assert!(chain.is_ok(), "{chain:?}");
}
