//! The two migration folders describe one schema, and landed migrations never change.
//!
//! - `migrations_are_frozen`: every landed migration file keeps the SHA-256 it landed with;
//!   a change to the schema is a new migration, on both engines.
//! - `both_engines_migrate_to_the_same_schema`: tables, columns (with compatible types and
//!   the same nullability), primary keys, indexes, unique and foreign keys and the number of
//!   check constraints agree between SQLite and PostgreSQL.
//! - `an_old_database_keeps_its_data_when_upgraded`: a database made by the first migration,
//!   with data in it, migrated to the latest keeps that data and reads it back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use bluehelm_store::Store;
use sha2::{Digest, Sha256};
use sqlx::Connection;

use crate::both_engines;
use crate::harness::{fresh_database, raw_execute, Engine};

/// The SHA-256 of every landed migration. Add a line for each new migration; never change
/// one.
const LANDED: &[(&str, &str)] = &[
    (
        "postgres/0001_foundation.sql",
        "abcc5d8a09af675e98d5309ea8098a986e95aef2c0f4d1e4aebeacba196aac63",
    ),
    (
        "postgres/0002_personnel.sql",
        "0164faa5b9f32a2cadba154a392fb384ff0a91d09d7239f168bbc41e962b0c38",
    ),
    (
        "postgres/0003_training_notices.sql",
        "90a038e2fac4d7862d2ece8aca8dbc0da241d8eb55b9a4244f99767590c491bc",
    ),
    (
        "postgres/0004_name_search.sql",
        "d14fd16ed6cb5877b08c4f9c2372c05844f0d2d176942f9f960a53a564f69232",
    ),
    (
        "postgres/0005_dispatch.sql",
        "b23a94ec336bc8e60305dae53e805f59fa8e17f2e4c335f774499449a8b93d11",
    ),
    (
        "postgres/0006_mission_preference.sql",
        "ba9d8c7fed9b13b416e8f51743ebe3466ae14075aa931a0de77870337f14c637",
    ),
    (
        "postgres/0007_audit_anchor.sql",
        "e6d83d1ae968ca39b1473b3c8eebca0e196969216e2f4200b7f82fcd6b3747f7",
    ),
    (
        "postgres/0008_sign_in_limits.sql",
        "697dca7a8b7de41b11bedc981d4cd3a160dfc99ff5d041a033e24317cb81eafb",
    ),
    (
        "postgres/0009_unit_position_requirements.sql",
        "0441f75a272aa2d723fbc3848274bfc1f6ff87324d7739511c4cfcee500ef735",
    ),
    (
        "postgres/0010_incident_follow_up.sql",
        "9861a390725674caad5288c594b36eae5abf0ad0ee7a9201ae683bb02da8a10e",
    ),
    (
        "postgres/0011_police_assessment.sql",
        "44e20ec6390b71920d3efb31a7705079d8f3139e02d09108439b9ecb51979f40",
    ),
    (
        "postgres/0012_unit_sections.sql",
        "72097bb150a83c5daea2210aa316e2469e0815a2e4c881f48dcef0f48d400b75",
    ),
    (
        "postgres/0013_person_name_order.sql",
        "5504dcca38013462360060fab615b02a664c5d03de04bbb0ece9319762e575fa",
    ),
    (
        "postgres/0014_legal_registry.sql",
        "ad5e6018975cf08ab94772faf8f30f83667d7ce4c4397575d4552c71219096e3",
    ),
    (
        "postgres/0015_legal_citation.sql",
        "412e617a7eab22b58544824cb13c308fdfbd9dee10716d055ecd21fd2ca83032",
    ),
    (
        "postgres/0016_template_versions.sql",
        "1e3fbb75615c511bfd76a89be58b2ef953dbf6b9fc570dec1dfc49a750c73423",
    ),
    (
        "postgres/0017_security_council.sql",
        "bc93c9b18535f2fd8beb57f8b9c894b436d591ed4e06dc341afeffe44b30b114",
    ),
    (
        "postgres/0018_notice_subjects.sql",
        "5a7dc633d7b42bf24efeaae881f92d55303fc19124e891f0713b2f41e300aaff",
    ),
    (
        "postgres/0019_mandate_documents.sql",
        "cc172fb2f4c93a2eea8dfb3e9300d3a55d1c5d3445a91af0173bca7271e92099",
    ),
    (
        "postgres/0020_law_making.sql",
        "89b16aa4f642030f494182af421921e5907d33328dbf15c5c275b7e78d43aaec",
    ),
    (
        "postgres/0021_legal_files.sql",
        "4f841a90aa3ddb6dc8289a33aec93c87dcabd60e14c8833fb0b81ed8eee94c65",
    ),
    (
        "postgres/0022_directives.sql",
        "e598ab506c6818455b1e664aa13312440312938077ce58c736d5f4102850a51f",
    ),
    (
        "postgres/0023_bodies.sql",
        "bbff2eb92fe284f83f692afc3cc14fe9f4ce25a16e2567a262df75f9c2b0c3ba",
    ),
    (
        "postgres/0024_conferences_inspections_outreach.sql",
        "d1d2f37e07e78e511474dbfe3bd223b0e9a59da16ae799afe351cbc03bad859b",
    ),
    (
        "postgres/0025_deployment_list_order.sql",
        "25f63f5d7ef4cc974f414587cb0a8d25bd614db8a3d1a97cc6444fb3d4e81257",
    ),
    (
        "postgres/0026_conference_members.sql",
        "74e18e62b16bf97518e98c29f60a728826c438ce395bc80a607cb62793ca113e",
    ),
    (
        "postgres/0027_person_filters.sql",
        "7a6e49156b3d6da06b8f5e169157678f1925777a8f79696b76078e33c5090741",
    ),
    (
        "postgres/0028_person_word_key.sql",
        "c750dbf5d33db71ae3017caed6aa3a7456ea976f1d59969df7093c3da1a1b061",
    ),
    (
        "sqlite/0001_foundation.sql",
        "7610e21419268eee93cbbdf1e19a5b63e89dce1b549b415d719478dc2b90d0de",
    ),
    (
        "sqlite/0002_personnel.sql",
        "fd99667f85d4e23ba5af3cd47a60b1f7130b71a8356e86b87fb921a19d47d8e9",
    ),
    (
        "sqlite/0003_training_notices.sql",
        "6404b5857f0492cbd776077e6ee6e72b7d04484959f770dc50344d4fcafa5a5a",
    ),
    (
        "sqlite/0004_name_search.sql",
        "c29b652e9544b2512da1dda7733ffc1d65b09843fe2b8c46ea2dc152684db2f1",
    ),
    (
        "sqlite/0005_dispatch.sql",
        "d8996cd2825f451b9a5736b87ac95ece4336aa598affa748e79fe1cc9ca80423",
    ),
    (
        "sqlite/0006_mission_preference.sql",
        "65c646c10044290f29c831eed0a955782138591972387044bc510dd024084b5f",
    ),
    (
        "sqlite/0007_audit_anchor.sql",
        "ad03e95c51304272cf337430f8bdabab29bcfb609ed66c0325617129a2b4b3ab",
    ),
    (
        "sqlite/0008_sign_in_limits.sql",
        "be80685f28651d7b873da674e36106b611670d3e9ee11b937ea65aa83b04a521",
    ),
    (
        "sqlite/0009_unit_position_requirements.sql",
        "0a2dc5dc595bf9b948f5328236ef8a67ebbbac2c0df08a003d0fcaa832dde4b3",
    ),
    (
        "sqlite/0010_incident_follow_up.sql",
        "f0b1dde604bbe59abda069eb6e25d9d8517e236ba998372848ca495e044c345f",
    ),
    (
        "sqlite/0011_police_assessment.sql",
        "e8e903d77931e5c36a3f34298531a403ace931c7d505c0f60f8087ada8a44fa8",
    ),
    (
        "sqlite/0012_unit_sections.sql",
        "72097bb150a83c5daea2210aa316e2469e0815a2e4c881f48dcef0f48d400b75",
    ),
    (
        "sqlite/0013_person_name_order.sql",
        "e5662de005a7892faf9a3b380cbf40ea22be539e2478509e56a7c9c67f7f17ae",
    ),
    (
        "sqlite/0014_legal_registry.sql",
        "71e0038d1184130740afd4fd97515a074bc4be5c827b2eda22c8de610f253684",
    ),
    (
        "sqlite/0015_legal_citation.sql",
        "aa09eb51563e5ea18accbb38f2534c26069bc1beccae7bf2867dd71e9f350056",
    ),
    (
        "sqlite/0016_template_versions.sql",
        "87efb281a538bbc760cfc1d10e9eed08730385d4d371a9aebabf020dcc734f77",
    ),
    (
        "sqlite/0017_security_council.sql",
        "762a8ec1cccb8dae451dd627294fa239ff8b81269adc31e2f0d973a7cbdd5f2e",
    ),
    (
        "sqlite/0018_notice_subjects.sql",
        "27072086a8f8665773205741b226c6cbb600b6cd609b0c945ba9a618131c780c",
    ),
    (
        "sqlite/0019_mandate_documents.sql",
        "e112f083931ccc11a0deb6f4b1a1ec28eda31b4ad3f27eb9cea94d03dd3c7c54",
    ),
    (
        "sqlite/0020_law_making.sql",
        "5589a57ddba985ab51327193a18e9a6e0a60d1c60e58446e848a1d794625f35a",
    ),
    (
        "sqlite/0021_legal_files.sql",
        "8774d698bd0e0d804a90dd550722b4bd6efcccf5b23fc985417094caf1e2f71a",
    ),
    (
        "sqlite/0022_directives.sql",
        "48c5a57f16e7755578357cb3d7cc9d7e0315badf2465fc3516f1d3b4f706f816",
    ),
    (
        "sqlite/0023_bodies.sql",
        "2f09ba88731fa82299fabb5100dd4e2811e12ccacd8cf423cb67e41e7a7c804a",
    ),
    (
        "sqlite/0024_conferences_inspections_outreach.sql",
        "4e42403e40534205e481e26ae0235b0d70d18d40a283fec64dd046bfa4fc55b3",
    ),
    (
        "sqlite/0025_deployment_list_order.sql",
        "25f63f5d7ef4cc974f414587cb0a8d25bd614db8a3d1a97cc6444fb3d4e81257",
    ),
    (
        "sqlite/0026_conference_members.sql",
        "14a1f713052704d934bae5855a33e81d96a57c43790e8c51d0ef273d9ed1befe",
    ),
    (
        "sqlite/0027_person_filters.sql",
        "7a6e49156b3d6da06b8f5e169157678f1925777a8f79696b76078e33c5090741",
    ),
    (
        "sqlite/0028_person_word_key.sql",
        "8a23d2fac9fffbc252f4a0cb5096cd16102a8b54c34d036828b9570e2b5d85e5",
    ),
];

fn migrations_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../bluehelm-store/migrations")
}

fn migration_files(engine: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(migrations_dir().join(engine))
        .expect("migrations folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

#[test]
fn migrations_are_frozen() {
    for (path, expected) in LANDED {
        let bytes = std::fs::read(migrations_dir().join(path))
            .unwrap_or_else(|error| panic!("landed migration {path} is gone: {error}"));
        let actual = hex::encode(Sha256::digest(&bytes));
        assert_eq!(
            &actual, expected,
            "{path} changed after it landed: put the change in a new migration instead"
        );
    }
    let (sqlite, postgres) = (migration_files("sqlite"), migration_files("postgres"));
    assert_eq!(
        sqlite, postgres,
        "each migration exists for both engines, under the same name"
    );
    for name in &sqlite {
        assert!(
            LANDED
                .iter()
                .any(|(path, _)| *path == format!("sqlite/{name}")),
            "record the SHA-256 of the new migration {name} in LANDED"
        );
    }
}

/// One table as both engines can describe it, in comparable terms.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// name → (type family, not null)
    columns: BTreeMap<String, (&'static str, bool)>,
    primary_key: Vec<String>,
    /// Indexes created by name: name → (columns, unique, partial)
    indexes: BTreeMap<String, (Vec<String>, bool, bool)>,
    /// Column lists of unique constraints declared with the table.
    unique: BTreeSet<Vec<String>>,
    /// (columns, referenced table, referenced columns, on delete)
    foreign_keys: BTreeSet<(Vec<String>, String, Vec<String>, String)>,
    checks: usize,
}

fn family(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "smallint" | "int" => "integer",
        "real" | "double precision" | "double" => "real",
        "blob" | "bytea" => "blob",
        "boolean" => "boolean",
        // SQLite keeps dates, times and JSON as text written by the application.
        "text" | "date" | "timestamp with time zone" | "character varying" | "jsonb" | "json" => {
            "text"
        }
        other => panic!("no type family for {other:?}: add it to the parity test"),
    }
}

fn count_checks(create_sql: &str) -> usize {
    let lower = create_sql.to_ascii_lowercase();
    lower
        .match_indices("check")
        .filter(|(at, _)| {
            let before = lower[..*at].chars().next_back();
            let after = lower[at + 5..].trim_start().chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after == Some('(')
        })
        .count()
}

async fn sqlite_schema(url: &str) -> BTreeMap<String, Table> {
    let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
    let tables: Vec<(String, String)> = sqlx::query_as(
        "select name, sql from sqlite_master where type = 'table' \
         and name not like 'sqlite_%' and name not like '_sqlx%' order by name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut schema = BTreeMap::new();
    for (name, create_sql) in tables {
        let mut table = Table {
            checks: count_checks(&create_sql),
            ..Table::default()
        };
        let columns: Vec<(String, String, bool, i64)> = sqlx::query_as(
            "select name, type, \"notnull\", pk from pragma_table_info($1) order by cid",
        )
        .bind(&name)
        .fetch_all(&mut conn)
        .await
        .expect("columns");
        let mut key: Vec<(i64, String)> = Vec::new();
        for (column, declared, not_null, pk) in columns {
            if pk > 0 {
                key.push((pk, column.clone()));
            }
            table
                .columns
                .insert(column, (family(&declared), not_null || pk > 0));
        }
        key.sort();
        table.primary_key = key.into_iter().map(|(_, column)| column).collect();
        let indexes: Vec<(String, bool, String, bool)> =
            sqlx::query_as("select name, \"unique\", origin, partial from pragma_index_list($1)")
                .bind(&name)
                .fetch_all(&mut conn)
                .await
                .expect("indexes");
        for (index, unique, origin, partial) in indexes {
            let columns: Vec<String> = sqlx::query_scalar(
                "select coalesce(name, '(expression)') from pragma_index_info($1) order by seqno",
            )
            .bind(&index)
            .fetch_all(&mut conn)
            .await
            .expect("index columns");
            match origin.as_str() {
                "c" => {
                    table.indexes.insert(index, (columns, unique, partial));
                }
                "u" => {
                    table.unique.insert(columns);
                }
                _ => {}
            }
        }
        let keys: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
            "select id, \"table\", \"from\", \"to\", on_delete from pragma_foreign_key_list($1) \
             order by id, seq",
        )
        .bind(&name)
        .fetch_all(&mut conn)
        .await
        .expect("foreign keys");
        let mut grouped: BTreeMap<i64, (Vec<String>, String, Vec<String>, String)> =
            BTreeMap::new();
        for (id, target, from, to, on_delete) in keys {
            let entry = grouped
                .entry(id)
                .or_insert_with(|| (Vec::new(), target, Vec::new(), on_delete.to_lowercase()));
            entry.0.push(from);
            entry.2.push(to.unwrap_or_else(|| "id".to_owned()));
        }
        table.foreign_keys = grouped.into_values().collect();
        schema.insert(name, table);
    }
    schema
}

/// An index as PostgreSQL describes it: name, unique, primary, partial, the kind of
/// constraint that made it, its columns (an expression's as `(expression)`, as on SQLite).
type PgIndex = (String, bool, bool, bool, Option<String>, Vec<String>);

async fn postgres_schema(url: &str) -> BTreeMap<String, Table> {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables where table_schema = 'public' \
         and table_type = 'BASE TABLE' and table_name not like '\\_sqlx%' order by 1",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut schema = BTreeMap::new();
    for name in tables {
        let mut table = Table::default();
        let columns: Vec<(String, String, String)> = sqlx::query_as(
            "select column_name::text, data_type::text, is_nullable::text \
             from information_schema.columns where table_schema = 'public' and table_name = $1 \
             order by ordinal_position",
        )
        .bind(&name)
        .fetch_all(&mut conn)
        .await
        .expect("columns");
        for (column, declared, nullable) in columns {
            table
                .columns
                .insert(column, (family(&declared), nullable == "NO"));
        }
        // Each index with its columns in order, and whether a constraint made it.
        let indexes: Vec<PgIndex> =
            sqlx::query_as(
                "select i.relname::text, ix.indisunique, ix.indisprimary, ix.indpred is not null, \
                 (select c.contype::text from pg_constraint c where c.conindid = ix.indexrelid and c.contype in ('p', 'u') \
                  and c.conrelid = t.oid), \
                 array(select coalesce(a.attname::text, '(expression)') from unnest(ix.indkey) with ordinality k(attnum, ord) \
                       left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum \
                       order by k.ord) \
                 from pg_index ix join pg_class i on i.oid = ix.indexrelid \
                 join pg_class t on t.oid = ix.indrelid \
                 join pg_namespace n on n.oid = t.relnamespace \
                 where n.nspname = 'public' and t.relname = $1",
            )
            .bind(&name)
            .fetch_all(&mut conn)
            .await
            .expect("indexes");
        for (index, unique, primary, partial, constraint, columns) in indexes {
            if primary {
                table.primary_key = columns;
            } else if constraint.as_deref() == Some("u") {
                table.unique.insert(columns);
            } else {
                table.indexes.insert(index, (columns, unique, partial));
            }
        }
        let keys: Vec<(String, Vec<String>, Vec<String>, String)> = sqlx::query_as(
            "select (select relname::text from pg_class where oid = c.confrelid), \
             array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, ord) \
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum \
                   order by k.ord), \
             array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, ord) \
                   join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum \
                   order by k.ord), \
             c.confdeltype::text \
             from pg_constraint c where c.contype = 'f' and c.conrelid = $1::regclass",
        )
        .bind(&name)
        .fetch_all(&mut conn)
        .await
        .expect("foreign keys");
        for (target, from, to, on_delete) in keys {
            let on_delete = match on_delete.as_str() {
                "c" => "cascade",
                "n" => "set null",
                "d" => "set default",
                "r" => "restrict",
                _ => "no action",
            };
            table
                .foreign_keys
                .insert((from, target, to, on_delete.to_owned()));
        }
        let checks: i64 = sqlx::query_scalar(
            "select count(*) from pg_constraint where contype = 'c' and conrelid = $1::regclass",
        )
        .bind(&name)
        .fetch_one(&mut conn)
        .await
        .expect("checks");
        table.checks = usize::try_from(checks).expect("count");
        schema.insert(name, table);
    }
    schema
}

async fn migrated(engine: Engine) -> String {
    let url = fresh_database(engine).await.expect("database");
    let store = Store::connect(&url, crate::harness::audit_key())
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    store.close().await;
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(postgres_tests),
    ignore = "set BLUEHELM_TEST_POSTGRES_URL to compare the two engines' schemas"
)]
async fn both_engines_migrate_to_the_same_schema() {
    let sqlite = sqlite_schema(&migrated(Engine::Sqlite).await).await;
    let postgres = postgres_schema(&migrated(Engine::Postgres).await).await;
    assert!(sqlite.len() > 30, "the schema was read: {sqlite:?}");
    let names = |schema: &BTreeMap<String, Table>| schema.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&sqlite), names(&postgres), "the same tables");
    for (name, table) in &sqlite {
        assert_eq!(
            table, &postgres[name],
            "table {name}: SQLite (left) and PostgreSQL (right) differ"
        );
    }
}

both_engines!(
    an_old_database_keeps_its_data_when_upgraded,
    a_database_that_ran_the_earlier_form_of_0024_upgrades,
);

/// The SHA-384 that the form of migration 0024 holding `conference_member` recorded.
fn earlier_0024(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "d710d8a193412e4f0802f65d3407cd1292c7f91efe51c6906b13851a6a578a9d55847e3be25d216aeffb3bfc9ce6eb46",
        Engine::Postgres => "8de4400eb7253a8b165c5353b51ff36867fed8453f89184f04071debb1f442d92995dadc63c22108a7489566846151d7",
    }
}

async fn recorded_0024(engine: Engine, url: &str) -> String {
    let sql = "select lower(hex(checksum)) from _sqlx_migrations where version = 24";
    match engine {
        Engine::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
            sqlx::query_scalar(sql).fetch_one(&mut conn).await
        }
        Engine::Postgres => {
            let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
            sqlx::query_scalar(&sql.replace("lower(hex(checksum))", "encode(checksum, 'hex')"))
                .fetch_one(&mut conn)
                .await
        }
    }
    .expect("the record of 0024")
}

/// A database that ran 0024 when it still created `conference_member` has that table and
/// another checksum for 0024: it upgrades, its record of 0024 becomes the released one, and
/// 0026 leaves its table as it is.
async fn a_database_that_ran_the_earlier_form_of_0024_upgrades(engine: Engine) {
    let url = migrated(engine).await;
    let released = recorded_0024(engine, &url).await;
    assert_ne!(released, earlier_0024(engine));
    let bytes = match engine {
        Engine::Sqlite => format!("x'{}'", earlier_0024(engine)),
        Engine::Postgres => format!("decode('{}', 'hex')", earlier_0024(engine)),
    };
    raw_execute(
        &url,
        &format!("update _sqlx_migrations set checksum = {bytes} where version = 24"),
    )
    .await;
    raw_execute(&url, "delete from _sqlx_migrations where version = 26").await;
    let store = Store::connect(&url, crate::harness::audit_key())
        .await
        .expect("connect");
    store.migrate().await.expect("upgrade");
    store.close().await;
    assert_eq!(recorded_0024(engine, &url).await, released);
}

async fn an_old_database_keeps_its_data_when_upgraded(engine: Engine) {
    let url = fresh_database(engine).await.expect("database");
    let folder = match engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    };
    let all = sqlx::migrate::Migrator::new(migrations_dir().join(folder))
        .await
        .expect("read migrations");
    let oldest = sqlx::migrate::Migrator {
        migrations: all.migrations[..1].to_vec().into(),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    match engine {
        Engine::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&format!("{url}?mode=rwc"))
                .await
                .expect("connect");
            oldest.run(&mut conn).await.expect("first migration");
        }
        Engine::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
            oldest.run(&mut conn).await.expect("first migration");
        }
    }
    // Rows as the first release wrote them: an agency (its id from the identity, as the
    // release took it, so that later agencies follow it), an account in it with a role.
    let at = "2024-05-01 08:00:00.000000+00:00";
    let at = match engine {
        Engine::Sqlite => format!("'{at}'"),
        Engine::Postgres => format!("timestamptz '{at}'"),
    };
    raw_execute(
        &url,
        &format!(
            "insert into agency (code, kind, name_vi, name_en, parent_id, path, created_at, \
             updated_at) values ('BQP', 'ministry', 'Bộ Quốc phòng', 'Ministry of National \
             Defence', null, '/1/', {at}, {at})"
        ),
    )
    .await;
    raw_execute(
        &url,
        &format!(
            "insert into account (id, username, display_name, agency_id, password_hash, lang, \
             created_at, updated_at) values (7, 'lan.nguyen', 'Nguyễn Thị Lan', 1, 'x', 'vi', \
             {at}, {at})"
        ),
    )
    .await;
    raw_execute(
        &url,
        "insert into account_role (account_id, role) values (7, 'coordinator')",
    )
    .await;

    let store = Store::connect(&url, crate::harness::audit_key())
        .await
        .expect("connect");
    store
        .migrate()
        .await
        .expect("upgrade to the latest migration");
    let agency = store.agency(1).await.expect("the agency is still there");
    assert_eq!(agency.code, "BQP");
    assert_eq!(agency.name_vi, "Bộ Quốc phòng");
    let (user, _) = store.user(7).await.expect("the account is still there");
    assert_eq!(user.username, "lan.nguyen");
    assert_eq!(user.display_name, "Nguyễn Thị Lan");
    assert_eq!(user.roles, ["coordinator"]);
    // The upgraded database takes the rest of the reference data and new writes.
    store
        .seed_reference_data()
        .await
        .expect("seed after upgrade");
    assert!(store.count("mission").await.expect("count") > 0);
}
