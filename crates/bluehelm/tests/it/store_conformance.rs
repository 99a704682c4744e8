//! The storage contract, tested on the store directly and on both engines: what the
//! application layer relies on whichever database is underneath.
//!
//! - A write and its audit entry commit together, or neither does.
//! - Concurrent writers are serialised on the chain head: every entry is chained in commit
//!   order and the chain verifies.
//! - Constraint refusals come back as the same typed errors (`Duplicate`, `InUse`,
//!   `NotFound`), never as engine-specific messages.
//! - Times read back exactly as written (microseconds, UTC).
//! - Bulk audit entries written many per statement chain like single ones.
//! - A set of ids bound as one parameter finds exactly those rows, whatever its size.
//! - Catalogues remembered between writes show a write as soon as it commits.
//! - Each filter of a list keeps exactly its rows, alone and with the others.
//! - A read connection the server ended is replaced, not handed out again.

use std::collections::BTreeSet;

use bluehelm_domain::agency::{AgencyDraft, AgencyKind};
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::listing::{PageRequest, Sort};
use bluehelm_domain::policy::Scope;
use bluehelm_domain::role::Role;
use bluehelm_domain::user::NewUser;
use bluehelm_store::account::{User, UserFilter};
use bluehelm_store::agency::AgencyFilter;
use bluehelm_store::audit::{AuditEntry, AuditFilter};
use bluehelm_store::{Actor, Store, StoreError};

use crate::harness::{fresh_database, postgres_admin_url, Engine};
use crate::{both_engines, postgres_only};

both_engines!(
    a_write_and_its_audit_entry_commit_together,
    an_uncommitted_write_leaves_no_trace,
    concurrent_writers_chain_in_commit_order,
    constraint_refusals_are_typed,
    times_read_back_exactly,
    bulk_audit_entries_chain_like_single_ones,
    lists_page_and_count_inside_the_query,
    a_set_of_ids_finds_exactly_its_rows,
    remembered_catalogues_show_a_write_once_it_commits,
    list_filters_keep_exactly_their_rows,
);

postgres_only!(a_read_connection_the_server_ended_is_replaced);

async fn store(engine: Engine) -> Store {
    let url = fresh_database(engine).await.expect("database");
    let store = Store::connect(&url, crate::harness::audit_key())
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    store.seed_agencies().await.expect("seed agencies");
    store
}

fn draft(store_parent: i64, code: &str) -> AgencyDraft {
    AgencyDraft {
        code: code.to_owned(),
        kind: AgencyKind::Unit,
        name_vi: format!("Đơn vị {code}"),
        name_en: format!("Unit {code}"),
        parent_id: Some(store_parent),
    }
}

async fn root(store: &Store) -> i64 {
    store.agency_by_code("BQP").await.expect("seeded root").id
}

async fn audit_entries(store: &Store, entity_id: &str) -> Vec<String> {
    store
        .list_audit(
            &AuditFilter {
                entity: Some("agency".to_owned()),
                entity_id: Some(entity_id.to_owned()),
                ..AuditFilter::default()
            },
            PageRequest::parse(Some(1), Some(50)).expect("paging"),
        )
        .await
        .expect("audit")
        .items
        .into_iter()
        .map(|entry| entry.action)
        .collect()
}

async fn a_write_and_its_audit_entry_commit_together(engine: Engine) {
    let store = store(engine).await;
    let parent = root(&store).await;
    let mut tx = store
        .begin_write(Actor::user(1, parent))
        .await
        .expect("begin");
    let created = tx
        .create_agency(&draft(parent, "BQP-T1"))
        .await
        .expect("create");
    tx.commit().await.expect("commit");

    let read = store.agency(created.id).await.expect("read back");
    assert_eq!(read.code, "BQP-T1");
    assert_eq!(
        read.path,
        format!(
            "{}{}/",
            store.agency(parent).await.expect("root").path,
            created.id
        )
    );
    assert_eq!(
        audit_entries(&store, &created.id.to_string()).await,
        ["create"]
    );
    let report = store
        .verify_audit_chain(&[])
        .await
        .expect("walk")
        .expect("chain intact");
    assert!(report.entries >= 1);
}

async fn an_uncommitted_write_leaves_no_trace(engine: Engine) {
    let store = store(engine).await;
    let parent = root(&store).await;
    let entries_before = store.count("audit_entry").await.expect("count");
    let agencies_before = store.count("agency").await.expect("count");
    {
        let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
        tx.create_agency(&draft(parent, "BQP-GONE"))
            .await
            .expect("create");
        // Dropped without commit, as when a later step of the same use case fails.
    }
    assert_eq!(store.count("agency").await.expect("count"), agencies_before);
    assert_eq!(
        store.count("audit_entry").await.expect("count"),
        entries_before
    );
    assert!(matches!(
        store.agency_by_code("BQP-GONE").await,
        Err(StoreError::NotFound)
    ));
    // The head did not move: the next write chains on the last committed entry.
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
    tx.create_agency(&draft(parent, "BQP-KEPT"))
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    store
        .verify_audit_chain(&[])
        .await
        .expect("walk")
        .expect("chain intact");
}

async fn concurrent_writers_chain_in_commit_order(engine: Engine) {
    let store = store(engine).await;
    let parent = root(&store).await;
    let entries_before = store.count("audit_entry").await.expect("count");
    let mut writers = Vec::new();
    for writer in 0..6 {
        let store = store.clone();
        writers.push(tokio::spawn(async move {
            for n in 0..5 {
                let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
                tx.create_agency(&draft(parent, &format!("BQP-C{writer}-{n}")))
                    .await
                    .expect("create");
                tx.commit().await.expect("commit");
            }
        }));
    }
    for writer in writers {
        writer.await.expect("writer");
    }
    assert_eq!(
        store.count("audit_entry").await.expect("count"),
        entries_before + 30
    );
    let report = store
        .verify_audit_chain(&[])
        .await
        .expect("walk")
        .expect("chain intact");
    assert_eq!(
        report.entries,
        u64::try_from(entries_before + 30).expect("count")
    );
}

async fn constraint_refusals_are_typed(engine: Engine) {
    let store = store(engine).await;
    let parent = root(&store).await;
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
    tx.create_agency(&draft(parent, "BQP-DUP"))
        .await
        .expect("create");
    tx.commit().await.expect("commit");

    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
    let duplicate = tx.create_agency(&draft(parent, "BQP-DUP")).await;
    assert!(
        matches!(duplicate, Err(StoreError::Duplicate)),
        "{duplicate:?}"
    );
    drop(tx);

    // The root still has children: the foreign key refuses its deletion.
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
    let in_use = tx.delete_agency(parent).await;
    assert!(matches!(in_use, Err(StoreError::InUse)), "{in_use:?}");
    drop(tx);

    assert!(matches!(
        store.agency(9_999_999).await,
        Err(StoreError::NotFound)
    ));
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
    assert!(matches!(
        tx.update_agency(9_999_999, &draft(parent, "BQP-NONE"))
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn times_read_back_exactly(engine: Engine) {
    let store = store(engine).await;
    let parent = root(&store).await;
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
    let created = tx
        .create_agency(&draft(parent, "BQP-TIME"))
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    let read = store.agency(created.id).await.expect("read back");
    assert_eq!(read.created_at, created.created_at);
    assert_eq!(read.created_at.offset(), time::UtcOffset::UTC);
    assert_eq!(read.created_at.nanosecond() % 1_000, 0, "microseconds");
    let entry = &store
        .list_audit(
            &AuditFilter::default(),
            PageRequest::parse(Some(1), Some(1)).expect("paging"),
        )
        .await
        .expect("audit")
        .items[0];
    assert!(entry.at >= created.created_at);
}

async fn bulk_audit_entries_chain_like_single_ones(engine: Engine) {
    let store = store(engine).await;
    let seeded = store.count("audit_entry").await.expect("count");
    // More records than one multi-row statement takes on either engine.
    let records: Vec<(i64, serde_json::Value)> = (0..700)
        .map(|n| {
            (
                n,
                serde_json::json!({ "n": n, "name": format!("Người {n}") }),
            )
        })
        .collect();
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("begin");
    tx.audit(
        AuditAction::Create,
        "probe",
        Some("first".to_owned()),
        None::<&()>,
        Some(&1),
    )
    .await
    .expect("one entry");
    tx.audit_created("probe", &records)
        .await
        .expect("bulk entries");
    tx.audit(
        AuditAction::Create,
        "probe",
        Some("last".to_owned()),
        None::<&()>,
        Some(&2),
    )
    .await
    .expect("one entry");
    tx.commit().await.expect("commit");
    let report = store
        .verify_audit_chain(&[])
        .await
        .expect("walk")
        .expect("chain intact");
    assert_eq!(report.entries, u64::try_from(seeded + 702).expect("count"));
    let newest = store
        .list_audit(
            &AuditFilter::default(),
            PageRequest::parse(Some(1), Some(3)).expect("paging"),
        )
        .await
        .expect("audit");
    assert_eq!(newest.total, seeded + 702);
    assert_eq!(newest.items[0].entity_id.as_deref(), Some("last"));
    assert_eq!(newest.items[1].entity_id.as_deref(), Some("699"));
    assert_eq!(
        newest.items[1].after.as_deref(),
        Some(r#"{"n":699,"name":"Người 699"}"#)
    );
}

async fn lists_page_and_count_inside_the_query(engine: Engine) {
    let store = store(engine).await;
    let all = store.all_agencies().await.expect("all");
    let sort = Sort::parse(Some("code"), &[("code", "code")]).expect("sort");
    let first = store
        .list_agencies(
            &AgencyFilter::default(),
            sort,
            PageRequest::parse(Some(1), Some(5)).expect("paging"),
        )
        .await
        .expect("page 1");
    let second = store
        .list_agencies(
            &AgencyFilter::default(),
            sort,
            PageRequest::parse(Some(2), Some(5)).expect("paging"),
        )
        .await
        .expect("page 2");
    assert_eq!(first.total, i64::try_from(all.len()).expect("count"));
    assert_eq!(first.items.len(), 5);
    let mut codes: Vec<String> = all.iter().map(|agency| agency.code.clone()).collect();
    codes.sort();
    let paged: Vec<String> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|agency| agency.code.clone())
        .collect();
    assert_eq!(paged, codes[..10]);
}

async fn a_set_of_ids_finds_exactly_its_rows(engine: Engine) {
    let store = store(engine).await;
    store.seed_legal_registry().await.expect("seed registry");
    let seeded: Vec<i64> = store
        .legal_documents_of(&(1..=200).collect::<Vec<_>>())
        .await
        .expect("documents")
        .into_iter()
        .map(|document| document.id)
        .collect();
    assert!(seeded.len() > 5, "the registry is seeded: {seeded:?}");
    let labelled = |ids: Vec<i64>| {
        let store = store.clone();
        async move {
            let mut found: Vec<i64> = store
                .legal_labels(&ids)
                .await
                .expect("labels")
                .into_iter()
                .map(|(id, ..)| id)
                .collect();
            found.sort_unstable();
            found
        }
    };
    assert!(labelled(Vec::new()).await.is_empty());
    assert_eq!(labelled(vec![seeded[2]]).await, vec![seeded[2]]);
    // Thousands of ids, unknown ones among them and one twice: only the known, once each.
    let mut many: Vec<i64> = (100_000..105_000).collect();
    many.extend([seeded[0], seeded[3], seeded[0], -7]);
    let mut expected = vec![seeded[0], seeded[3]];
    expected.sort_unstable();
    assert_eq!(labelled(many).await, expected);
}

async fn remembered_catalogues_show_a_write_once_it_commits(engine: Engine) {
    let store = store(engine).await;
    store.seed_catalogues().await.expect("seed catalogues");
    let before = store.specialties().await.expect("specialties");
    assert!(!before.is_empty());
    let mut tx = store.begin_write(Actor::SYSTEM).await.expect("write");
    tx.create_specialty("harbour-pilot", "Hoa tiêu", "Harbour pilot")
        .await
        .expect("create");
    assert_eq!(
        store.specialties().await.expect("during the write"),
        before,
        "an uncommitted specialty is not shown"
    );
    tx.commit().await.expect("commit");
    let after = store.specialties().await.expect("after the commit");
    assert_eq!(after.len(), before.len() + 1);
    assert!(after
        .iter()
        .any(|specialty| specialty.code == "harbour-pilot"));
}

/// SQLite's statistics keep row counts only: value samples would make every statement with
/// a bound range be planned again at each run. A database analysed with samples loses them
/// when it is next opened.
#[tokio::test]
async fn sqlite_statistics_keep_counts_without_samples() {
    let url = fresh_database(Engine::Sqlite).await.expect("database");
    let store = Store::connect(&url, crate::harness::audit_key())
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    store.seed_agencies().await.expect("seed agencies");
    let rows = |table: &'static str| {
        let url = url.clone();
        async move {
            use sqlx::Connection;
            let mut conn = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("connect");
            sqlx::query_scalar::<_, i64>(&format!("select count(*) from {table}"))
                .fetch_one(&mut conn)
                .await
                .expect("count")
        }
    };
    store.refresh_statistics().await.expect("analyse");
    assert!(rows("sqlite_stat1").await > 0, "row counts are kept");
    assert_eq!(rows("sqlite_stat4").await, 0, "value samples are not");
    // Analysed behind the application's back, as an older version did: samples return
    // until the store is opened again.
    crate::harness::raw_execute(&url, "analyze").await;
    assert!(rows("sqlite_stat4").await > 0, "the library keeps samples");
    store.close().await;
    let reopened = Store::connect(&url, crate::harness::audit_key())
        .await
        .expect("reopen");
    assert_eq!(rows("sqlite_stat4").await, 0);
    reopened.close().await;
}

fn everything() -> PageRequest {
    PageRequest::parse(Some(1), Some(500)).expect("paging")
}

async fn user_ids(store: &Store, scope: &Scope, filter: &UserFilter) -> Vec<i64> {
    let sort = Sort::parse(None, &[("id", "a.id")]).expect("sort");
    let page = store
        .list_users(scope, filter, sort, everything())
        .await
        .expect("users");
    assert_eq!(page.total, i64::try_from(page.items.len()).expect("count"));
    page.items.into_iter().map(|user| user.id).collect()
}

async fn audit_seqs(store: &Store, filter: &AuditFilter) -> Vec<i64> {
    let page = store.list_audit(filter, everything()).await.expect("audit");
    assert_eq!(page.total, i64::try_from(page.items.len()).expect("count"));
    page.items.into_iter().map(|entry| entry.seq).collect()
}

/// Each filter of the account, audit and agency lists, alone and together, keeps exactly
/// the rows the same test in memory keeps: a filter left unset reaches no SQL, and one that
/// is set is compared as its column's type on both engines.
async fn list_filters_keep_exactly_their_rows(engine: Engine) {
    let store = store(engine).await;
    let bqp = root(&store).await;
    let bca = store.agency_by_code("BCA").await.expect("seeded").id;
    let mut tx = store.begin_write(Actor::user(1, bqp)).await.expect("begin");
    let unit = tx
        .create_agency(&draft(bqp, "BQP-L1"))
        .await
        .expect("agency");
    for (username, agency_id, role, disabled) in [
        ("loc.mot", unit.id, Role::AgencyOfficer, false),
        ("loc.hai", bca, Role::Viewer, true),
        ("loc.ba", bqp, Role::AgencyOfficer, true),
        ("khac.bon", bqp, Role::Viewer, false),
    ] {
        let roles = BTreeSet::from([role]);
        let user = NewUser {
            username: username.to_owned(),
            display_name: format!("Người {username}"),
            email: None,
            agency_id,
            roles: roles.clone(),
        };
        let id = tx.create_user(&user, "not-a-hash").await.expect("user");
        if disabled {
            tx.update_user(id, &user.display_name, None, agency_id, &roles, true)
                .await
                .expect("disable");
        }
    }
    tx.commit().await.expect("commit");

    let agencies = store.all_agencies().await.expect("agencies");
    let bqp_path = agencies
        .iter()
        .find(|agency| agency.id == bqp)
        .expect("root")
        .path
        .clone();
    let within_bqp: BTreeSet<i64> = agencies
        .iter()
        .filter(|agency| agency.path.starts_with(&bqp_path))
        .map(|agency| agency.id)
        .collect();
    let sort = Sort::parse(None, &[("id", "a.id")]).expect("sort");
    let everyone: Vec<User> = store
        .list_users(&Scope::All, &UserFilter::default(), sort, everything())
        .await
        .expect("users")
        .items;
    let kept = |keep: &dyn Fn(&User) -> bool| -> Vec<i64> {
        everyone
            .iter()
            .filter(|user| keep(user))
            .map(|user| user.id)
            .collect()
    };
    let officers = UserFilter {
        role: Some(Role::AgencyOfficer),
        ..UserFilter::default()
    };
    assert_eq!(
        user_ids(&store, &Scope::All, &officers).await,
        kept(&|user| user.roles.iter().any(|role| role == "agency_officer"))
    );
    let named = UserFilter {
        text: Some("LOC.".to_owned()),
        ..UserFilter::default()
    };
    assert_eq!(
        user_ids(&store, &Scope::All, &named).await,
        kept(&|user| user.username.starts_with("loc."))
    );
    let disabled = UserFilter {
        disabled: Some(true),
        ..UserFilter::default()
    };
    assert_eq!(
        user_ids(&store, &Scope::All, &disabled).await,
        kept(&|user| user.disabled)
    );
    let at_bca = UserFilter {
        agency_id: Some(bca),
        ..UserFilter::default()
    };
    assert_eq!(
        user_ids(&store, &Scope::All, &at_bca).await,
        kept(&|user| user.agency_id == bca)
    );
    let ministry = Scope::Subtree(bluehelm_domain::agency::AgencyPath::from_stored(
        bqp_path.clone(),
    ));
    assert_eq!(
        user_ids(&store, &ministry, &UserFilter::default()).await,
        kept(&|user| within_bqp.contains(&user.agency_id))
    );
    let together = UserFilter {
        role: Some(Role::AgencyOfficer),
        text: Some("loc".to_owned()),
        disabled: Some(true),
        agency_id: None,
    };
    let loc_ba = kept(&|user| user.username == "loc.ba");
    assert_eq!(loc_ba.len(), 1);
    assert_eq!(user_ids(&store, &ministry, &together).await, loc_ba);
    assert_eq!(
        user_ids(
            &store,
            &Scope::OwnAccount(loc_ba[0]),
            &UserFilter::default()
        )
        .await,
        loc_ba
    );

    let kind_and_text = AgencyFilter {
        within: Some(bluehelm_domain::agency::AgencyPath::from_stored(bqp_path)),
        kind: Some(AgencyKind::Unit),
        text: Some("l1".to_owned()),
    };
    let found = store
        .list_agencies(
            &kind_and_text,
            Sort::parse(None, &[("code", "code")]).expect("sort"),
            everything(),
        )
        .await
        .expect("agencies");
    assert_eq!(
        found
            .items
            .iter()
            .map(|agency| agency.id)
            .collect::<Vec<_>>(),
        [unit.id]
    );

    let trail: Vec<AuditEntry> = store
        .list_audit(&AuditFilter::default(), everything())
        .await
        .expect("trail")
        .items;
    let kept = |keep: &dyn Fn(&AuditEntry) -> bool| -> Vec<i64> {
        trail
            .iter()
            .filter(|entry| keep(entry))
            .map(|entry| entry.seq)
            .collect()
    };
    let accounts_created = AuditFilter {
        actor_user_id: Some(1),
        action: Some("create".to_owned()),
        entity: Some("user".to_owned()),
        ..AuditFilter::default()
    };
    let created = kept(&|entry| {
        entry.actor_user_id == Some(1) && entry.action == "create" && entry.entity == "user"
    });
    assert_eq!(created.len(), 4);
    assert_eq!(audit_seqs(&store, &accounts_created).await, created);
    let middle = &trail[trail.len() / 2];
    let since = AuditFilter {
        from: Some(middle.at),
        to: Some(trail[0].at),
        ..AuditFilter::default()
    };
    assert_eq!(
        audit_seqs(&store, &since).await,
        kept(&|entry| entry.at >= middle.at && entry.at < trail[0].at)
    );
    let one = AuditFilter {
        entity: Some("agency".to_owned()),
        entity_id: Some(unit.id.to_string()),
        ..AuditFilter::default()
    };
    assert_eq!(
        audit_seqs(&store, &one).await,
        kept(&|entry| entry.entity == "agency"
            && entry.entity_id.as_deref() == Some(unit.id.to_string().as_str()))
    );
}

/// Reads take their connections from a pool that does not test them on return: a
/// connection the server ended must be dropped on its first failure, or every later read
/// handed it would fail too.
async fn a_read_connection_the_server_ended_is_replaced(engine: Engine) {
    use sqlx::Connection;
    let url = fresh_database(engine).await.expect("database");
    let store = Store::connect(&url, crate::harness::audit_key())
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    for _ in 0..8 {
        store.ping().await.expect("a read before");
    }
    let database = url.rsplit('/').next().expect("a database name");
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .expect("admin connection");
    let ended: i64 = sqlx::query_scalar(
        "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity \
         where datname = $1 and pid <> pg_backend_pid()) as ended",
    )
    .bind(database)
    .fetch_one(&mut admin)
    .await
    .expect("end the store's connections");
    assert!(ended >= 1, "no connection to end");
    // Each ended connection fails at most twice (the server's notice, then the closed
    // socket) before it is dropped; the pool holds at most 64.
    let mut failures = 0;
    while store.ping().await.is_err() {
        failures += 1;
        assert!(failures <= 128, "reads keep failing on ended connections");
    }
    for _ in 0..8 {
        store.ping().await.expect("a read on a new connection");
    }
}
