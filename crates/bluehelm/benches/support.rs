//! What the benchmarks share: fresh or reused databases on either engine, a coordinator
//! principal, and latency percentiles.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use bluehelm_domain::policy::Principal;
use bluehelm_domain::role::Role;
use bluehelm_store::Store;

pub const QUERIES: usize = 300;

pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[rank]
}

pub fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

pub async fn fresh(engine: &str, name: &str) -> Option<Store> {
    let url = match engine {
        "SQLite" => {
            let path = std::env::temp_dir().join(format!("bluehelm-bench-{name}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            format!("sqlite:{}", path.display())
        }
        _ => {
            use sqlx::Connection;
            let admin = std::env::var("BLUEHELM_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
            let mut conn = sqlx::PgConnection::connect(&admin).await.ok()?;
            let db = format!("bluehelm_bench_{name}");
            sqlx::query(&format!("drop database if exists {db}"))
                .execute(&mut conn)
                .await
                .ok()?;
            sqlx::query(&format!("create database {db}"))
                .execute(&mut conn)
                .await
                .ok()?;
            format!(
                "{}/{db}",
                admin
                    .rsplit_once('/')
                    .map_or(admin.as_str(), |(base, _)| base)
            )
        }
    };
    let store = Store::connect(
        &url,
        bluehelm_domain::audit::AuditKey::from_bytes(rand::random()),
    )
    .await
    .expect("connect");
    store.migrate().await.expect("migrate");
    store.seed_reference_data().await.expect("seed");
    Some(store)
}

pub fn coordinator(store_agency: i64) -> Principal {
    Principal {
        user_id: 0,
        agency_id: store_agency,
        agency_path: bluehelm_domain::agency::AgencyPath::root(store_agency),
        roles: [Role::Coordinator].into(),
    }
}

pub async fn measure<F, Fut>(mut run: F) -> (Duration, Duration)
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut samples = Vec::with_capacity(QUERIES);
    for i in 0..QUERIES {
        let started = Instant::now();
        std::hint::black_box(run(i).await);
        samples.push(started.elapsed());
    }
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.95),
    )
}

/// The database `name` left by an earlier run, when its `table` holds `count` rows
/// (migrated to this version).
pub async fn reused(engine: &str, name: &str, table: &'static str, count: usize) -> Option<Store> {
    let url = match engine {
        "SQLite" => format!(
            "sqlite:{}",
            std::env::temp_dir()
                .join(format!("bluehelm-bench-{name}.db"))
                .display()
        ),
        _ => std::env::var("BLUEHELM_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
            .rsplit_once('/')
            .map(|(base, _)| format!("{base}/bluehelm_bench_{name}"))?,
    };
    let store = Store::connect(
        &url,
        bluehelm_domain::audit::AuditKey::from_bytes(rand::random()),
    )
    .await
    .ok()?;
    store.migrate().await.ok()?;
    (store.count(table).await.ok()? == count as i64).then_some(store)
}
