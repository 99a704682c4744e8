//! Tasks at a country's scale, on SQLite and PostgreSQL: 100 agencies (the seeded tree
//! and departments added below the ministries), 4,000 directives over twelve years giving
//! 20,000 tasks, each to a presiding agency (a few preside over far more than the rest, as
//! the department does) with up to three coordinating ones; tasks due more than a month
//! ago are nine in ten closed (four in five of those on time), the rest are open. An
//! officer's account in each agency hears the reminders.
//! Measures, for 1,000 random agencies' officers:
//!
//! - the dashboard: the summary of the agency's subtree (`coordination::summary`);
//! - the overdue list: the first page of 50 (`coordination::tasks`, view `overdue`);
//!
//! and the department's coordinator's summary, and a reminder sweep over every task
//! (`notices::queue_task_notices`), first and again (nothing new).
//!
//! Run with `cargo bench -p bluehelm --bench coordination [-- --reuse]`.

use std::time::{Duration, Instant};

use bluehelm_app::Ctx;
use bluehelm_domain::agency::{AgencyDraft, AgencyKind, AgencyPath};
use bluehelm_domain::coordination::{
    Contribution, DirectiveDraft, Step, TaskAction, TaskDraft, TaskStatus,
};
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::policy::Principal;
use bluehelm_domain::role::Role;
use bluehelm_domain::user::NewUser;
use bluehelm_store::{Actor, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::{Date, Duration as Days};

#[path = "support.rs"]
mod support;

use support::{coordinator, fresh, ms, percentile, reused};

const AGENCIES: usize = 100;
const DIRECTIVES: usize = 4_000;
const TASKS_PER_DIRECTIVE: usize = 5;
const SAMPLES: usize = 1_000;

fn day(rng: &mut StdRng, from: Date, span_days: i64) -> Date {
    from + Days::days(rng.gen_range(0..span_days))
}

/// Adds departments below the ministries up to [`AGENCIES`], and an officer in each
/// agency; returns every agency as (id, path).
async fn agencies(store: &Store) -> Vec<(i64, String)> {
    let mut rng = StdRng::seed_from_u64(3);
    let ministries: Vec<i64> = store
        .all_agencies()
        .await
        .expect("agencies")
        .into_iter()
        .filter(|agency| agency.parent_id.is_none())
        .map(|agency| agency.id)
        .collect();
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
    let seeded = store.all_agencies().await.expect("agencies").len();
    for index in seeded..AGENCIES {
        let parent = ministries[rng.gen_range(0..ministries.len())];
        let draft = AgencyDraft {
            code: format!("BENCH-{index}"),
            kind: AgencyKind::Department,
            name_vi: format!("Cục tổng hợp {index}"),
            name_en: format!("Synthetic department {index}"),
            parent_id: Some(parent),
        };
        tx.create_agency(&draft).await.expect("agency");
    }
    tx.commit().await.expect("commit");
    let all = store.all_agencies().await.expect("agencies");
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
    for agency in &all {
        let user = NewUser {
            username: format!("officer.{}", agency.code.to_lowercase()),
            display_name: format!("Cán bộ {}", agency.code),
            email: None,
            agency_id: agency.id,
            roles: [Role::AgencyOfficer].into(),
        };
        tx.create_user(&user, "bench").await.expect("user");
    }
    tx.commit().await.expect("commit");
    all.into_iter()
        .map(|agency| (agency.id, agency.path))
        .collect()
}

async fn load(store: &Store, today: Date) {
    let agencies = agencies(store).await;
    let mut rng = StdRng::seed_from_u64(17);
    // A Zipf draw of the presiding agency: the department presides over most.
    let weights: Vec<f64> = (1..=agencies.len()).map(|rank| 1.0 / rank as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut running = 0.0;
    for weight in &weights {
        running += weight / total;
        cumulative.push(running);
    }
    let department = store.agency_by_code("BQP-CGGHB").await.expect("agency").id;
    let mut order: Vec<i64> = agencies.iter().map(|(id, _)| *id).collect();
    order.sort_by_key(|id| (*id != department, (id * 7919) % 101));
    let start = today - Days::days(12 * 365);
    let mut created: Vec<(i64, Date)> = Vec::with_capacity(DIRECTIVES * TASKS_PER_DIRECTIVE);
    let mut issued: Vec<Date> = (0..DIRECTIVES)
        .map(|_| day(&mut rng, start, 12 * 365))
        .collect();
    issued.sort();
    for chunk in issued.chunks(500) {
        let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
        for issued_on in chunk {
            let tasks = (0..TASKS_PER_DIRECTIVE)
                .map(|index| {
                    let draw: f64 = rng.gen();
                    let rank = cumulative
                        .partition_point(|c| *c < draw)
                        .min(order.len() - 1);
                    let presiding = order[rank];
                    let mut coordinating: Vec<Contribution> = Vec::new();
                    for _ in 0..rng.gen_range(0..=3) {
                        let agency = order[rng.gen_range(0..order.len())];
                        if agency != presiding && coordinating.iter().all(|c| c.agency_id != agency)
                        {
                            coordinating.push(Contribution {
                                agency_id: agency,
                                contribution: Some("Số liệu và ý kiến".to_owned()),
                            });
                        }
                    }
                    TaskDraft {
                        title: format!("Nhiệm vụ tổng hợp {index}"),
                        product: "Báo cáo".to_owned(),
                        presiding,
                        coordinating,
                        due_on: *issued_on + Days::days(rng.gen_range(30..365)),
                        law_project_id: None,
                        mission_id: None,
                        unit_id: None,
                        dossier_id: None,
                    }
                })
                .collect();
            let draft = DirectiveDraft {
                title: "Chỉ đạo tổng hợp".to_owned(),
                issued_on: *issued_on,
                issued_by: "Hội nghị".to_owned(),
                document_id: None,
                conference_id: None,
                tasks,
            };
            let (_, ids) = tx.create_directive(&draft).await.expect("directive");
            for (id, task) in ids.into_iter().zip(&draft.tasks) {
                created.push((id, task.due_on));
            }
        }
        tx.commit().await.expect("commit");
    }
    // Tasks due over a month ago: nine in ten closed, four in five of those on time.
    let closing: Vec<(i64, Date)> = created
        .into_iter()
        .filter(|(_, due_on)| *due_on < today - Days::days(30) && rng.gen_range(0..10) != 0)
        .collect();
    for chunk in closing.chunks(2_000) {
        let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
        for &(id, due_on) in chunk {
            let closed_on = if rng.gen_range(0..5) == 0 {
                due_on + Days::days(rng.gen_range(1..60))
            } else {
                due_on - Days::days(rng.gen_range(0..20))
            };
            let (task, ..) = store.task(id).await.expect("task");
            let step = Step {
                action: TaskAction::Accept,
                status: TaskStatus::Closed,
                share_done: 100,
                note: None,
                due_on: None,
            };
            tx.apply_task_step(&task, &step, closed_on)
                .await
                .expect("close");
        }
        tx.commit().await.expect("commit");
    }
}

fn report(engine: &str, what: &str, samples: &mut [Duration]) {
    let count = samples.len();
    println!(
        "{engine:<10} {what} ({count}): p50 {}, p95 {}, max {}",
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.95)),
        ms(percentile(samples, 1.0))
    );
}

fn officer(agency: i64, path: &str) -> Principal {
    Principal {
        user_id: 0,
        agency_id: agency,
        agency_path: AgencyPath::from_stored(path.to_owned()),
        roles: [Role::AgencyOfficer].into(),
    }
}

async fn bench(engine: &str, reuse: bool) {
    let today = bluehelm_store::now().date();
    let tasks = DIRECTIVES * TASKS_PER_DIRECTIVE;
    let store = match reuse {
        true => reused(engine, "coordination", "task", tasks).await,
        false => None,
    };
    let store = match store {
        Some(store) => store,
        None => {
            let Some(store) = fresh(engine, "coordination").await else {
                println!("{engine:<10} skipped: PostgreSQL not reachable");
                return;
            };
            let started = Instant::now();
            load(&store, today).await;
            store.refresh_statistics().await.expect("statistics");
            println!(
                "{engine:<10} loaded {tasks} tasks of {DIRECTIVES} directives for {AGENCIES} agencies in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            store
        }
    };
    let agencies: Vec<(i64, String)> = store
        .all_agencies()
        .await
        .expect("agencies")
        .into_iter()
        .map(|agency| (agency.id, agency.path))
        .collect();
    let mut rng = StdRng::seed_from_u64(5);

    let mut dashboards = Vec::with_capacity(SAMPLES);
    let mut overdue_lists = Vec::with_capacity(SAMPLES);
    let mut most_overdue = 0;
    for _ in 0..SAMPLES {
        let (agency, path) = &agencies[rng.gen_range(0..agencies.len())];
        let principal = officer(*agency, path);
        let ctx = Ctx::new(&store, &principal);
        let started = Instant::now();
        let summary = bluehelm_app::coordination::summary(&ctx)
            .await
            .expect("summary");
        dashboards.push(started.elapsed());
        let started = Instant::now();
        let page = bluehelm_app::coordination::tasks(
            &ctx,
            Some("overdue"),
            None,
            PageRequest::parse(Some(1), Some(50)).expect("page"),
        )
        .await
        .expect("overdue");
        overdue_lists.push(started.elapsed());
        most_overdue = most_overdue.max(page.total);
        std::hint::black_box(summary);
    }
    report(
        engine,
        "an agency's dashboard (its subtree's summary)",
        &mut dashboards,
    );
    report(
        engine,
        &format!("an agency's overdue list, first 50 (most overdue: {most_overdue})"),
        &mut overdue_lists,
    );
    let department = store.agency_by_code("BQP-CGGHB").await.expect("agency").id;
    let principal = coordinator(department);
    let ctx = Ctx::new(&store, &principal);
    let mut samples = Vec::with_capacity(100);
    for _ in 0..100 {
        let started = Instant::now();
        std::hint::black_box(
            bluehelm_app::coordination::summary(&ctx)
                .await
                .expect("summary"),
        );
        samples.push(started.elapsed());
    }
    report(
        engine,
        "the coordinator's summary of every task",
        &mut samples,
    );
    for sweep in ["first", "again"] {
        let started = Instant::now();
        let added = bluehelm_app::notices::queue_task_notices(&store, today)
            .await
            .expect("sweep");
        println!(
            "{engine:<10} reminder sweep over every task ({sweep}): {} ({added} notices new)",
            ms(started.elapsed())
        );
    }
}

#[tokio::main]
async fn main() {
    // `--reuse` measures the tasks an earlier run left, instead of loading them again.
    let reuse = std::env::args().any(|a| a == "--reuse");
    for engine in ["SQLite", "PostgreSQL"] {
        bench(engine, reuse).await;
    }
}
