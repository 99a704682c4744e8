//! The audit trail's keyed chain and its signed checkpoints: the database refuses to change
//! or remove an entry; one who lifts that guard and tampers with rows directly makes
//! `bluehelm audit verify` fail and name what was done (an entry altered, removed,
//! inserted or forged, the tail cut with the head moved back, the past rewritten and
//! re-hashed).

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::both_engines;
use bluehelm_domain::audit::{entry_hash, AuditContent};
use bluehelm_domain::listing::PageRequest;
use bluehelm_store::audit::AuditFilter;

use crate::harness::{audit_key, raw_execute, raw_try, Engine, TestApp};

both_engines!(
    an_untouched_trail_verifies,
    the_database_refuses_to_change_audit_rows,
    a_tail_cut_with_the_head_moved_back_is_named,
    an_entry_forged_without_the_key_is_named,
    a_past_rewritten_and_rehashed_is_named,
    a_running_server_signs_the_head_after_writes,
    an_altered_entry_is_named,
    a_removed_entry_is_named,
    an_inserted_entry_is_named,
    every_write_and_its_audit_entry_commit_together,
    the_health_panel_shows_the_last_backup_and_check
);

/// Runs `bluehelm audit verify` and returns its exit code and output.
fn verify(url: &str) -> (i32, String) {
    let output = crate::harness::command(url)
        .args(["audit", "verify"])
        .output()
        .expect("run bluehelm");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// Signs the head into the test database's checkpoints file, as a server does.
fn checkpoint(url: &str) {
    let output = crate::harness::command(url)
        .args(["audit", "checkpoint"])
        .output()
        .expect("run bluehelm");
    assert!(output.status.success(), "{output:?}");
}

/// Lifts the append-only guard, as one with the database owner's rights can.
async fn lift_guard(app: &TestApp, engine: Engine) {
    let sql = match engine {
        Engine::Sqlite => "drop trigger audit_entry_no_update; drop trigger audit_entry_no_delete;",
        Engine::Postgres => {
            "drop trigger audit_entry_no_change on audit_entry; \
                             drop trigger audit_entry_no_truncate on audit_entry;"
        }
    };
    raw_execute(&app.url, sql).await;
}

/// Every entry, oldest first, with its content as hashed.
async fn entries(app: &TestApp) -> Vec<(i64, AuditContent, String)> {
    let page = PageRequest::parse(Some(1), Some(500)).expect("a page");
    let mut all: Vec<_> = app
        .store
        .list_audit(&AuditFilter::default(), page)
        .await
        .expect("trail")
        .items
        .into_iter()
        .map(|entry| {
            let content = AuditContent {
                at: entry.at,
                actor_user_id: entry.actor_user_id,
                actor_agency_id: entry.actor_agency_id,
                action: entry.action,
                entity: entry.entity,
                entity_id: entry.entity_id,
                before: entry.before,
                after: entry.after,
            };
            (entry.seq, content, entry.hash)
        })
        .collect();
    all.reverse();
    all
}

fn quoted(value: &Option<String>) -> String {
    value.as_ref().map_or("null".into(), |text| {
        format!("'{}'", text.replace('\'', "''"))
    })
}

/// An application whose trail holds the seeded agencies plus a few writes.
async fn app_with_history(engine: Engine) -> Option<TestApp> {
    let app = TestApp::new(engine).await?;
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let token = app.token("admin").await;
    let parent = app.agency_id("BCA").await;
    for code in ["BCA-A", "BCA-B", "BCA-C"] {
        let body = json!({ "code": code, "kind": "unit", "name_vi": code, "name_en": code, "parent_id": parent });
        let response = app
            .api(Method::POST, "/api/v1/agencies", &token, Some(body))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    }
    Some(app)
}

async fn an_untouched_trail_verifies(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    let (code, output) = verify(&app.url);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("intact"), "{output}");
}

async fn an_altered_entry_is_named(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    lift_guard(&app, engine).await;
    raw_execute(
        &app.url,
        "update audit_entry set after = '{\"code\":\"FORGED\"}' where seq = 5",
    )
    .await;
    let (code, output) = verify(&app.url);
    assert_eq!(code, 2, "{output}");
    assert!(
        output.contains("entry 5 ") || output.contains("entry 5:"),
        "{output}"
    );
    assert!(output.contains("altered"), "{output}");
}

async fn a_removed_entry_is_named(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    lift_guard(&app, engine).await;
    raw_execute(&app.url, "delete from audit_entry where seq = 7").await;
    let (code, output) = verify(&app.url);
    assert_eq!(code, 2, "{output}");
    assert!(
        output.contains("entry 7") && output.contains("missing"),
        "{output}"
    );
}

async fn an_inserted_entry_is_named(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    let head = app.store.count("audit_entry").await.expect("count");
    let forged = head + 1;
    raw_execute(
        &app.url,
        &format!(
            "insert into audit_entry (seq, at, action, entity, prev_hash, hash) \
             values ({forged}, '2026-01-01 00:00:00+00:00', 'delete', 'agency', 'x', 'y')"
        ),
    )
    .await;
    let (code, output) = verify(&app.url);
    assert_eq!(code, 2, "{output}");
    assert!(output.contains(&format!("entry {forged}")), "{output}");
}

/// A write refused by the database leaves no audit entry behind, and an accepted one
/// always has exactly one.
async fn every_write_and_its_audit_entry_commit_together(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    let token = app.token("admin").await;
    let entries = app.store.count("audit_entry").await.expect("count");
    let duplicate = json!({ "code": "BCA-A", "kind": "unit", "name_vi": "x", "name_en": "x", "parent_id": app.agency_id("BCA").await });
    let response = app
        .api(Method::POST, "/api/v1/agencies", &token, Some(duplicate))
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.text);
    assert_eq!(response.json()["errors"][0]["field"], "code");
    assert_eq!(
        app.store.count("audit_entry").await.expect("count"),
        entries
    );
    let (code, output) = verify(&app.url);
    assert_eq!(code, 0, "{output}");
}

async fn the_database_refuses_to_change_audit_rows(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    let count = app.store.count("audit_entry").await.expect("count");
    for sql in [
        "update audit_entry set after = '{}' where seq = 5",
        "delete from audit_entry where seq = 7",
        "delete from audit_entry",
    ] {
        let refused = raw_try(&app.url, sql).await.expect_err(sql);
        assert!(refused.contains("append-only"), "{sql}: {refused}");
    }
    if engine == Engine::Postgres {
        let refused = raw_try(&app.url, "truncate audit_entry cascade")
            .await
            .expect_err("truncate");
        assert!(refused.contains("append-only"), "{refused}");
    }
    assert_eq!(app.store.count("audit_entry").await.expect("count"), count);
    assert_eq!(verify(&app.url).0, 0);
}

async fn a_tail_cut_with_the_head_moved_back_is_named(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    checkpoint(&app.url);
    let all = entries(&app).await;
    let (last, _, _) = all.last().cloned().expect("entries");
    let (kept, _, kept_hash) = all[all.len() - 3].clone();
    lift_guard(&app, engine).await;
    raw_execute(
        &app.url,
        &format!(
            "delete from audit_entry where seq > {kept}; \
             update audit_head set seq = {kept}, hash = '{kept_hash}' where id = 1"
        ),
    )
    .await;
    let (code, output) = verify(&app.url);
    assert_eq!(code, 2, "{output}");
    assert!(
        output.contains(&format!("after {kept} were removed"))
            && output.contains(&format!("checkpoint records entry {last}")),
        "{output}"
    );
}

async fn an_entry_forged_without_the_key_is_named(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    checkpoint(&app.url);
    let (head, _, head_hash) = entries(&app).await.last().cloned().expect("entries");
    let forged = head + 1;
    let content = AuditContent {
        at: time::macros::datetime!(2026-01-01 00:00 UTC),
        actor_user_id: None,
        actor_agency_id: None,
        action: "delete".into(),
        entity: "agency".into(),
        entity_id: Some("3".into()),
        before: None,
        after: None,
    };
    // The hash is right by the formula; only the key is missing.
    let hash = entry_hash(forged, &content, &head_hash, None);
    raw_execute(
        &app.url,
        &format!(
            "insert into audit_entry (seq, at, action, entity, entity_id, prev_hash, hash) \
             values ({forged}, '2026-01-01 00:00:00+00:00', 'delete', 'agency', '3', '{head_hash}', '{hash}'); \
             update audit_head set seq = {forged}, hash = '{hash}' where id = 1"
        ),
    )
    .await;
    let (code, output) = verify(&app.url);
    assert_eq!(code, 2, "{output}");
    assert!(
        output.contains(&format!("entry {forged} was forged")),
        "{output}"
    );
}

async fn a_past_rewritten_and_rehashed_is_named(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    checkpoint(&app.url);
    lift_guard(&app, engine).await;
    // One who holds the audit key too rewrites entry 5 and re-hashes every entry after it.
    let mut all = entries(&app).await;
    all[4].1.after = Some(r#"{"code":"FORGED"}"#.into());
    let mut prev = all[3].2.clone();
    let mut sql = String::new();
    for (seq, content, _) in &all[4..] {
        let hash = entry_hash(*seq, content, &prev, Some(&audit_key()));
        sql.push_str(&format!(
            "update audit_entry set after = {}, prev_hash = '{prev}', hash = '{hash}' where seq = {seq};",
            quoted(&content.after)
        ));
        prev = hash;
    }
    sql.push_str(&format!(
        "update audit_head set hash = '{prev}' where id = 1;"
    ));
    raw_execute(&app.url, &sql).await;
    let (code, output) = verify(&app.url);
    assert_eq!(code, 2, "{output}");
    assert!(output.contains("past was rewritten"), "{output}");
}

async fn a_running_server_signs_the_head_after_writes(engine: Engine) {
    let Some(app) = app_with_history(engine).await else {
        return;
    };
    let token = app.token("admin").await;
    let server = crate::harness::Server::start(&app.url, &[]).await;
    let body = json!({ "code": "BCA-S", "kind": "unit", "name_vi": "S", "name_en": "S", "parent_id": app.agency_id("BCA").await });
    let created = reqwest::Client::new()
        .post(format!("{}/api/v1/agencies", server.base))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .expect("an answer");
    assert_eq!(created.status().as_u16(), 201);
    let head = app.store.audit_head(0).await.expect("head");
    let signed = format!("\"seq\":{},\"hash\":\"{}\"", head.seq, head.hash);
    let log = crate::harness::checkpoints_for(&app.url);
    let mut found = false;
    for _ in 0..100 {
        if std::fs::read_to_string(&log).is_ok_and(|text| text.contains(&signed)) {
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(found, "the head {signed} is signed into {}", log.display());
    drop(server);
    assert_eq!(verify(&app.url).0, 0);
}

/// The administrators' home page shows the accounts, the last backup (none yet, then the
/// one the command wrote) and the last check of the trail, which they run from there: intact,
/// then broken at the entry altered behind the application's back. Others see no panel.
async fn the_health_panel_shows_the_last_backup_and_check(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    app.user("officer", "BQP", &["agency_officer"]).await;
    let token = app.token("admin").await;
    let officer = app
        .sign_in("officer", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signed in");
    assert!(!app
        .web_get(&officer, "/")
        .await
        .text
        .contains("id=\"system-health\""));
    let admin = app
        .sign_in("admin", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let home = app.web_get(&admin, "/").await.text;
    assert!(
        home.contains("Chưa có bản sao lưu nào được ghi nhận"),
        "{home}"
    );
    assert!(home.contains("Chưa kiểm tra lần nào"), "{home}");

    let directory = tempfile::tempdir().expect("temporary directory");
    let file = directory.path().join("bluehelm.backup");
    let output = crate::harness::command(&app.url)
        .args(["backup", "--output", file.to_str().expect("utf-8 path")])
        .output()
        .expect("run bluehelm");
    assert!(output.status.success(), "{output:?}");
    let health = app
        .api(Method::GET, "/api/v1/system/health", &token, None)
        .await;
    assert_eq!(health.status, StatusCode::OK, "{}", health.text);
    let health = health.json();
    assert!(health["last_backup"].is_string(), "{health}");
    assert_eq!(health["backup_overdue"], false);
    assert_eq!(health["accounts"]["active"], 2);
    assert!(health["last_check"].is_null());

    let checked = app.web_post(&admin, "/audit/check", &[]).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.text);
    let home = app.web_get(&admin, "/").await.text;
    assert!(!home.contains("Chưa có bản sao lưu"), "{home}");
    assert!(home.contains("Nguyên vẹn ("), "{home}");

    lift_guard(&app, engine).await;
    raw_execute(
        &app.url,
        "update audit_entry set after = '{\"code\":\"FORGED\"}' where seq = 3",
    )
    .await;
    let check = app
        .api(Method::POST, "/api/v1/audit/check", &token, None)
        .await;
    assert_eq!(check.status, StatusCode::CREATED, "{}", check.text);
    assert_eq!(check.json()["broken_at"], 3);
    let home = app.web_get(&admin, "/").await.text;
    assert!(
        home.contains("Phát hiện sai lệch tại bản ghi số 3"),
        "{home}"
    );
}
