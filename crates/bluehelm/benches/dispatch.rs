//! Force generation and dispatch at scale, on SQLite and PostgreSQL: the demo history
//! (rotations, individual officers, police, dossiers of every era and state) drawn from a
//! pool of 100,000 people, then the latency of the "where dossiers wait" dashboard and of
//! "deployed now by mission, type and gender", each through the service the API calls.
//! Run with `cargo bench -p bluehelm --bench dispatch [-- --people N] [--scale S] [--reuse]`.

use std::time::Instant;

use bluehelm::{demo, history};
use bluehelm_app::{deployments, dossiers, Ctx};
use bluehelm_store::Store;

#[path = "support.rs"]
mod support;

use support::{coordinator, fresh, measure, ms, reused};

fn argument(args: &[String], name: &str) -> Option<usize> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
}

async fn prepared(engine: &str, people: usize, scale: usize, reuse: bool) -> Option<Store> {
    if reuse {
        if let Some(store) = reused(engine, "dispatch", "person", people).await {
            if store.count("deployment").await.ok()? > 0 {
                println!("{engine:<10} reusing the history of the last run");
                return Some(store);
            }
        }
    }
    let store = fresh(engine, "dispatch").await?;
    let started = Instant::now();
    demo::load_users(&store, Some("bench-password-1"))
        .await
        .expect("users");
    demo::load_people(&store, people, 1).await.expect("people");
    let pool = started.elapsed();
    let started = Instant::now();
    let loaded = history::load(&store, 1, scale).await.expect("history");
    store.refresh_statistics().await.expect("statistics");
    println!(
        "{engine:<10} pool of {people} in {:.1} s; history (scale {scale}) in {:.1} s: {loaded}",
        pool.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Some(store)
}

async fn bench(engine: &str, people: usize, scale: usize, reuse: bool) {
    let Some(store) = prepared(engine, people, scale, reuse).await else {
        println!("{engine:<10} skipped: PostgreSQL not reachable");
        return;
    };
    let rows = |table| store.count(table);
    println!(
        "{engine:<10} {} deployments, {} dossiers, {} dossier steps, {} open steps",
        rows("deployment").await.expect("count"),
        rows("dossier").await.expect("count"),
        rows("dossier_step").await.expect("count"),
        store.waiting_steps().await.expect("waiting").len()
    );
    let agency = store.agency_by_code("BQP-CGGHB").await.expect("agency").id;
    let principal = coordinator(agency);
    let ctx = Ctx::new(&store, &principal);
    let (p50, p95) = measure(|_| async {
        let waiting = dossiers::waiting(&ctx, bluehelm_store::now())
            .await
            .expect("waiting");
        waiting.steps.len()
    })
    .await;
    println!(
        "{engine:<10} where dossiers wait (every open step + per agency): p50 {} p95 {}",
        ms(p50),
        ms(p95)
    );
    let (p50, p95) = measure(|_| async {
        deployments::deployed_now(&ctx)
            .await
            .expect("deployed now")
            .len()
    })
    .await;
    let groups = deployments::deployed_now(&ctx).await.expect("deployed now");
    let on_the_ground: i64 = groups.iter().map(|g| g.people).sum();
    println!(
        "{engine:<10} deployed now by mission, type and gender ({on_the_ground} people, {} groups): p50 {} p95 {}",
        groups.len(),
        ms(p50),
        ms(p95)
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let people = argument(&args, "--people").unwrap_or(100_000);
    let scale = argument(&args, "--scale").unwrap_or((people / 3_000).max(1));
    let reuse = args.iter().any(|a| a == "--reuse");
    for engine in ["SQLite", "PostgreSQL"] {
        bench(engine, people, scale, reuse).await;
    }
}
