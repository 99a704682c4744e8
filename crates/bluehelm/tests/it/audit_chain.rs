//! The audit trail's hash chain: tampering with one row directly in the database makes
//! `bluehelm audit verify` fail and name that row.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::both_engines;
use crate::harness::{binary, raw_execute, Engine, TestApp};

both_engines!(
    an_untouched_trail_verifies,
    an_altered_entry_is_named,
    a_removed_entry_is_named,
    an_inserted_entry_is_named,
    every_write_and_its_audit_entry_commit_together
);

/// Runs `bluehelm audit verify` and returns its exit code and output.
fn verify(url: &str) -> (i32, String) {
    let output = std::process::Command::new(binary())
        .args(["--database-url", url, "audit", "verify"])
        .output()
        .expect("run bluehelm");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
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
