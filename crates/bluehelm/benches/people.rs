//! The personnel registry at scale, on SQLite and PostgreSQL: a pool of synthetic people
//! (100,000 by default), then the latency of name searches and of a filtered list, the
//! import of the whole pool as a CSV file, and the eligibility of everybody for one
//! position. Run with `cargo bench -p bluehelm --bench people [-- --people N] [--reuse]`;
//! `--write-only` and `--import-only` time the import's write phase, or the import, alone.

use std::time::Instant;

use bluehelm::{demo, synthetic};
use bluehelm_app::exchange::{import_people, refresh_statistics_after, Export};
use bluehelm_app::Ctx;
use bluehelm_domain::eligibility::{
    evaluate, LanguageRequirement, PersonnelType, Requirements, Tour,
};
use bluehelm_domain::exchange::RecordFile;
use bluehelm_domain::listing::{PageRequest, Sort};
use bluehelm_domain::person::{fold, PersonDraft, PersonInput, PersonStatus, Service};
use bluehelm_domain::records::Cefr;
use bluehelm_store::person::{PersonFilter, PERSON_SORT};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[path = "support.rs"]
mod support;

use support::{coordinator, fresh, measure, ms, reused};

async fn bench(engine: &str, count: usize, reuse: bool) {
    let store = if reuse {
        reused(engine, "pool", "person", count).await
    } else {
        None
    };
    let store = match store {
        Some(store) => {
            println!("{engine:<10} reusing the pool of {count} people from the last run");
            store
        }
        None => {
            let Some(store) = fresh(engine, "pool").await else {
                println!("{engine:<10} skipped: PostgreSQL not reachable");
                return;
            };
            let started = Instant::now();
            demo::load_people(&store, count, 1).await.expect("load");
            println!(
                "{engine:<10} loaded {count} people with their records in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            store
        }
    };
    let today = bluehelm_store::now().date();
    let people: Vec<_> = synthetic::people(count, 1, today).collect();
    let mut rng = StdRng::seed_from_u64(7);
    let names: Vec<String> = (0..support::QUERIES)
        .map(|_| {
            let p = &people[rng.gen_range(0..people.len())].person;
            fold(&format!("{} {}", p.family_name, p.given_name))
        })
        .collect();
    let sort = Sort::parse(None, PERSON_SORT).expect("sort");
    let (p50, p95) = measure(|i| {
        let filter = PersonFilter {
            name: Some(names[i].clone()),
            today: Some(today),
            ..PersonFilter::default()
        };
        let store = &store;
        async move {
            store
                .list_people(&filter, sort, PageRequest::default())
                .await
                .expect("search")
                .items
                .len()
        }
    })
    .await;
    println!(
        "{engine:<10} name search (\"family given\", first page of 50): p50 {} p95 {}",
        ms(p50),
        ms(p95)
    );

    let (p50, p95) = measure(|i| {
        let filter = PersonFilter {
            service: Some(Service::Army),
            status: Some(PersonStatus::Available),
            language: Some(("en".to_owned(), Cefr::B2)),
            today: Some(today),
            ..PersonFilter::default()
        };
        let page = PageRequest {
            page: (i % 5) as u32 + 1,
            per_page: 50,
        };
        let store = &store;
        async move {
            store
                .list_people(&filter, sort, page)
                .await
                .expect("list")
                .items
                .len()
        }
    })
    .await;
    println!("{engine:<10} filtered list (service, status, English ≥ B2; pages 1-5 of 50): p50 {} p95 {}", ms(p50), ms(p95));

    let requirements = Requirements {
        personnel_type: PersonnelType::StaffOfficer,
        services: vec![],
        min_rank: Some(9),
        max_rank: Some(11),
        specialties: vec!["staff_officer".into()],
        language: Some(LanguageRequirement {
            language: "en".into(),
            min_level: Cefr::B2,
        }),
        qualifications: vec!["un-sotc".into()],
        gender: None,
    };
    let tour = Tour {
        start: today + time::Duration::days(120),
        months: 12,
    };
    let settings = store.eligibility_settings().await.expect("settings");
    let started = Instant::now();
    let candidates = store.candidates(None).await.expect("candidates");
    let loaded = started.elapsed();
    let started = Instant::now();
    let eligible = candidates
        .iter()
        .filter(|(_, c)| evaluate(c, &requirements, &tour, &settings).is_empty())
        .count();
    let evaluated = started.elapsed();
    println!(
        "{engine:<10} eligibility of {} people for one staff-officer post: rules {} (+ loading their records {}); {eligible} eligible",
        candidates.len(),
        ms(evaluated),
        ms(loaded)
    );

    export_and_import(engine, count, &store, today).await;
    write_phases(engine, count, today).await;
}

/// Exports the people of `store` as the import's CSV file, then checks it and imports it
/// into an empty database, as an import from the web page or the API does: the answer
/// comes once the rows are committed, and the statistics are refreshed after it.
async fn export_and_import(
    engine: &str,
    count: usize,
    store: &bluehelm_store::Store,
    today: time::Date,
) {
    let agency = store.agency_by_code("BQP-CGGHB").await.expect("agency").id;
    let principal = coordinator(agency);
    let ctx = Ctx::new(store, &principal);
    let mut export = Export::new(&ctx, PersonFilter::default(), RecordFile::People)
        .await
        .expect("export");
    let started = Instant::now();
    let mut file = Vec::new();
    while let Some(chunk) = export.next_csv_chunk().await.expect("chunk") {
        file.extend_from_slice(&chunk);
    }
    println!(
        "{engine:<10} export of {count} people: {} ({} MB)",
        ms(started.elapsed()),
        file.len() / 1_000_000
    );
    let target = fresh(engine, "import").await.expect("second database");
    let ctx = Ctx::new(&target, &principal);
    // A dry run reads and checks every line and writes nothing: the import's first half.
    let started = Instant::now();
    let checked = import_people(&ctx, &file, true, today, std::sync::Arc::new(|_| {}))
        .await
        .expect("dry run");
    assert_eq!(checked.error_count, 0);
    println!(
        "{engine:<10} check of a {count}-row CSV (dry run): {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let report = import_people(&ctx, &file, false, today, std::sync::Arc::new(|_| {}))
        .await
        .expect("import");
    assert!(
        report.written && report.error_count == 0,
        "{:?}",
        report.errors.first()
    );
    let answered = started.elapsed();
    let started = Instant::now();
    refresh_statistics_after(&target, &report)
        .await
        .expect("statistics");
    println!(
        "{engine:<10} import of a {count}-row CSV (checked, then written in one transaction): answered in {:.2} s; statistics refreshed after the answer in {:.2} s",
        answered.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}

/// The people `synthetic::people` makes, checked as the import checks them.
async fn synthetic_drafts(
    store: &bluehelm_store::Store,
    count: usize,
    today: time::Date,
) -> Vec<(PersonDraft, Vec<i64>)> {
    let agencies: std::collections::HashMap<String, i64> = store
        .all_agencies()
        .await
        .expect("agencies")
        .into_iter()
        .map(|agency| (agency.code, agency.id))
        .collect();
    let specialties: std::collections::HashMap<String, i64> = store
        .specialties()
        .await
        .expect("specialties")
        .into_iter()
        .map(|specialty| (specialty.code, specialty.id))
        .collect();
    synthetic::people(count, 1, today)
        .map(|generated| {
            let input = PersonInput {
                agency_id: agencies[generated.agency_code],
                ..generated.person
            };
            let draft = PersonDraft::parse(&input, today).expect("draft");
            let ids = draft
                .specialties
                .iter()
                .filter_map(|code| specialties.get(code).copied())
                .collect();
            (draft, ids)
        })
        .collect()
}

/// The import alone (`--import-only`): the synthetic people written to a database of
/// their own, without their records, then exported and imported as in [`bench`].
async fn import_only(engine: &str, count: usize, today: time::Date) {
    let Some(source) = fresh(engine, "source").await else {
        println!("{engine:<10} skipped: PostgreSQL not reachable");
        return;
    };
    let drafts = synthetic_drafts(&source, count, today).await;
    let mut tx = source
        .begin_write(bluehelm_store::Actor::SYSTEM)
        .await
        .expect("write");
    tx.create_people(drafts).await.expect("people");
    tx.commit().await.expect("commit");
    source.refresh_statistics().await.expect("statistics");
    export_and_import(engine, count, &source, today).await;
}

/// The import's write phase by phase, on a database of its own: the same kind of people,
/// written by the same `create_people` in one transaction, then committed, then the
/// statistics refreshed.
async fn write_phases(engine: &str, count: usize, today: time::Date) {
    let store = fresh(engine, "phases").await.expect("third database");
    let drafts = synthetic_drafts(&store, count, today).await;
    let started = Instant::now();
    let mut tx = store
        .begin_write(bluehelm_store::Actor::SYSTEM)
        .await
        .expect("write");
    tx.create_people(drafts).await.expect("people");
    let rows = started.elapsed();
    let started = Instant::now();
    tx.commit().await.expect("commit");
    let commit = started.elapsed();
    let started = Instant::now();
    store.refresh_statistics().await.expect("statistics");
    let statistics = started.elapsed();
    println!(
        "{engine:<10} the import's write of {count} people: rows, name words and audit entries {:.2} s, commit {:.2} s, statistics {:.2} s",
        rows.as_secs_f64(),
        commit.as_secs_f64(),
        statistics.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count = args
        .iter()
        .position(|a| a == "--people")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    // `--reuse` measures the pool an earlier run left, instead of loading it again.
    let reuse = args.iter().any(|a| a == "--reuse");
    // `--write-only` times the import's write phase alone, `--import-only` the import.
    let write_only = args.iter().any(|a| a == "--write-only");
    let only_import = args.iter().any(|a| a == "--import-only");
    // `--engine SQLite` or `--engine PostgreSQL` measures one engine only.
    let only = args
        .iter()
        .position(|a| a == "--engine")
        .and_then(|i| args.get(i + 1));
    for engine in ["SQLite", "PostgreSQL"] {
        if only.is_some_and(|only| !only.eq_ignore_ascii_case(engine)) {
            continue;
        }
        if write_only {
            write_phases(engine, count, bluehelm_store::now().date()).await;
        } else if only_import {
            import_only(engine, count, bluehelm_store::now().date()).await;
        } else {
            bench(engine, count, reuse).await;
        }
    }
}
