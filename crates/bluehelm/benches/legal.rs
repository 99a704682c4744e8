//! The legal registry at a country's scale, on SQLite and PostgreSQL: 10,000 documents
//! (laws, decrees implementing them, circulars guiding the decrees, Prime Minister's
//! decisions) signed over thirty years, about one in five amended or replaced by a later
//! one, and 100,000 citations of them by 20,000 acts, a few documents cited far more than
//! the rest (Zipf, as the main law and its decree are). Measures:
//!
//! - a document's status on a date with what relies on it, as its page and the API
//!   compute them (`legal::document_detail`), for 1,000 random documents and dates;
//! - a page of the registry with each document's status on a date (`legal::documents`),
//!   for 1,000 random dates;
//! - what relies on each document (`Store::citations_of_document`), for all 10,000;
//! - the legal health page over the 100,000 citations (`legal::health`).
//!
//! Run with `cargo bench -p bluehelm --bench legal [-- --reuse]`.

use std::time::{Duration, Instant};

use bluehelm_app::Ctx;
use bluehelm_domain::legal::{Cited, DocumentDraft, DocumentKind, RelationDraft, RelationKind};
use bluehelm_domain::listing::PageRequest;
use bluehelm_store::legal::LegalFilter;
use bluehelm_store::{Actor, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::{Date, Duration as Days};

#[path = "support.rs"]
mod support;

use support::{coordinator, fresh, ms, percentile, reused};

const DOCUMENTS: usize = 10_000;
const ACTS: usize = 20_000;
const CITATIONS_PER_ACT: usize = 5;
const SAMPLES: usize = 1_000;

fn day(rng: &mut StdRng, from: i32, to: i32) -> Date {
    let start = Date::from_ordinal_date(from, 1).expect("year");
    let span = (Date::from_ordinal_date(to, 1).expect("year") - start).whole_days();
    start + Days::days(rng.gen_range(0..span))
}

/// The kind of the `index`-th document, and its number as the kind writes it.
fn numbered(index: usize, signed: Date) -> (DocumentKind, String) {
    let year = signed.year();
    // Numbered past the seeded framework's, so none collides with it.
    let number = index + 10_000;
    match index % 20 {
        0 => (
            DocumentKind::Law,
            format!("{number}/{year}/QH{}", 9 + (year - 1992) / 5),
        ),
        1..=5 => (DocumentKind::Decree, format!("{number}/{year}/NĐ-CP")),
        6..=15 => (DocumentKind::Circular, format!("{number}/{year}/TT-BQP")),
        _ => (
            DocumentKind::PrimeMinisterDecision,
            format!("{number}/QĐ-TTg"),
        ),
    }
}

async fn load(store: &Store) {
    let mut rng = StdRng::seed_from_u64(11);
    let agency = store.agency_by_code("BQP-CPC").await.expect("keeper").id;
    // Signed in order, so that a later document may change an earlier one.
    let mut signed: Vec<Date> = (0..DOCUMENTS).map(|_| day(&mut rng, 1995, 2026)).collect();
    signed.sort();
    let mut ids: Vec<(i64, DocumentKind, Date)> = Vec::with_capacity(DOCUMENTS);
    for chunk in signed.chunks(1_000) {
        let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
        for signed_on in chunk {
            let index = ids.len();
            let (kind, number) = numbered(index, *signed_on);
            let effective_on = *signed_on + Days::days(rng.gen_range(0..90));
            let ends_on = (rng.gen_range(0..20) == 0)
                .then(|| effective_on + Days::days(rng.gen_range(365..3650)));
            let draft = DocumentDraft {
                kind,
                number: Some(number),
                title_vi: format!("Văn bản tổng hợp {index}"),
                title_en: format!("Synthetic document {index}"),
                issuer: "Chính phủ".to_owned(),
                signed_on: Some(*signed_on),
                effective_on: Some(effective_on),
                ends_on,
                source_url: None,
                verified: false,
                note: None,
            };
            let id = tx
                .create_legal_document(agency, &draft)
                .await
                .expect("document");
            ids.push((id, kind, effective_on));
        }
        tx.commit().await.expect("commit");
    }
    // Decrees implement an earlier law, circulars guide an earlier decree; about one in
    // five is amended or replaced by a later document of its kind.
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
    let mut replaced = std::collections::HashSet::new();
    for (position, (id, kind, effective_on)) in ids.iter().enumerate() {
        let earlier = |wanted: DocumentKind, rng: &mut StdRng| {
            let candidates: Vec<&(i64, DocumentKind, Date)> = ids
                [position.saturating_sub(400)..position]
                .iter()
                .filter(|(_, k, _)| *k == wanted)
                .collect();
            (!candidates.is_empty()).then(|| *candidates[rng.gen_range(0..candidates.len())])
        };
        let parent = match kind {
            DocumentKind::Decree => {
                earlier(DocumentKind::Law, &mut rng).map(|p| (RelationKind::Implements, p))
            }
            DocumentKind::Circular => {
                earlier(DocumentKind::Decree, &mut rng).map(|p| (RelationKind::Guides, p))
            }
            _ => None,
        };
        let change = (rng.gen_range(0..5) == 0)
            .then(|| earlier(*kind, &mut rng))
            .flatten()
            .filter(|(object, ..)| !replaced.contains(object))
            .map(|p| {
                let kind = if rng.gen_range(0..2) == 0 {
                    RelationKind::Replaces
                } else {
                    RelationKind::Amends
                };
                (kind, p)
            });
        for (relation, (object, _, object_from)) in parent.into_iter().chain(change) {
            if relation == RelationKind::Replaces {
                replaced.insert(object);
            }
            let draft = RelationDraft {
                kind: relation,
                object,
                effective_on: (*effective_on).max(object_from),
                articles: None,
            };
            tx.add_legal_relation(*id, &draft).await.expect("relation");
        }
    }
    tx.commit().await.expect("commit");
    // Citations: a Zipf draw over the documents, the most cited first.
    let weights: Vec<f64> = (1..=DOCUMENTS).map(|rank| 1.0 / rank as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(DOCUMENTS);
    let mut running = 0.0;
    for weight in &weights {
        running += weight / total;
        cumulative.push(running);
    }
    let mut order: Vec<i64> = ids.iter().map(|(id, ..)| *id).collect();
    order.sort_by_key(|id| (id * 7919) % DOCUMENTS as i64);
    for chunk in (0..ACTS).collect::<Vec<_>>().chunks(2_000) {
        let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
        for act in chunk {
            let cited: Vec<Cited> = (0..CITATIONS_PER_ACT)
                .map(|_| {
                    let draw: f64 = rng.gen();
                    let rank = cumulative.partition_point(|c| *c < draw).min(DOCUMENTS - 1);
                    let article =
                        (rng.gen_range(0..3) == 0).then(|| rng.gen_range(1..60).to_string());
                    Cited {
                        document: order[rank],
                        article,
                    }
                })
                .collect();
            let acted_on = day(&mut rng, 2000, 2027);
            tx.cite("deployment", *act as i64 + 1, acted_on, &cited)
                .await
                .expect("cite");
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

async fn bench(engine: &str, reuse: bool) {
    let store = match reuse {
        true => reused(engine, "legal", "legal_citation", ACTS * CITATIONS_PER_ACT).await,
        false => None,
    };
    let store = match store {
        Some(store) => store,
        None => {
            let Some(store) = fresh(engine, "legal").await else {
                println!("{engine:<10} skipped: PostgreSQL not reachable");
                return;
            };
            let started = Instant::now();
            load(&store).await;
            // As after any bulk write: the planner's statistics follow the new rows.
            store.refresh_statistics().await.expect("statistics");
            println!(
                "{engine:<10} loaded {DOCUMENTS} documents and {} citations in {:.1} s",
                ACTS * CITATIONS_PER_ACT,
                started.elapsed().as_secs_f64()
            );
            store
        }
    };
    let agency = store.agency_by_code("BQP-CGGHB").await.expect("agency").id;
    let principal = coordinator(agency);
    let ctx = Ctx::new(&store, &principal);
    let documents: Vec<i64> = store
        .legal_choices()
        .await
        .expect("documents")
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    let mut rng = StdRng::seed_from_u64(5);

    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let id = documents[rng.gen_range(0..documents.len())];
        let on = day(&mut rng, 1995, 2027);
        let started = Instant::now();
        let detail = bluehelm_app::legal::document_detail(&ctx, id, on)
            .await
            .expect("detail");
        samples.push(started.elapsed());
        std::hint::black_box(detail);
    }
    report(
        engine,
        "a document's status on a random date, with what relies on it",
        &mut samples,
    );

    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let on = day(&mut rng, 1995, 2027);
        let page = PageRequest::parse(Some(rng.gen_range(1..20)), Some(50)).expect("page");
        let started = Instant::now();
        let found = bluehelm_app::legal::documents(&ctx, &LegalFilter::default(), page, on)
            .await
            .expect("page");
        samples.push(started.elapsed());
        std::hint::black_box(found);
    }
    report(
        engine,
        "a page of 50 documents with their status on a random date",
        &mut samples,
    );

    let mut samples = Vec::with_capacity(documents.len());
    let mut most = 0;
    for id in &documents {
        let started = Instant::now();
        let relying = store.citations_of_document(*id).await.expect("citations");
        samples.push(started.elapsed());
        most = most.max(relying.len());
    }
    report(
        engine,
        &format!("what relies on each document (most cited: {most})"),
        &mut samples,
    );

    let started = Instant::now();
    let health = bluehelm_app::legal::health(&ctx, bluehelm_store::now().date())
        .await
        .expect("health");
    println!(
        "{engine:<10} legal health over every citation: {} ({} cited out of force, {} outdated, {} ending)",
        ms(started.elapsed()),
        health.not_in_force.len(),
        health.outdated.len(),
        health.ending.len()
    );
}

#[tokio::main]
async fn main() {
    // `--reuse` measures the registry an earlier run left, instead of loading it again.
    let reuse = std::env::args().any(|a| a == "--reuse");
    for engine in ["SQLite", "PostgreSQL"] {
        bench(engine, reuse).await;
    }
}
