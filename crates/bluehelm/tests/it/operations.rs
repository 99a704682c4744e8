//! What an operator relies on: the OpenAPI document, the metrics, and a backup that
//! restores exactly what it saved.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::both_engines;
use crate::harness::{Engine, TestApp};

both_engines!(
    the_openapi_document_lists_every_route,
    metrics_count_requests_by_route,
    a_restored_backup_holds_exactly_what_was_saved
);

async fn the_openapi_document_lists_every_route(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let response = app
        .send(
            Request::get("/api/v1/openapi.json")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let document = response.json();
    assert!(document["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.")));
    let paths = document["paths"].as_object().expect("paths");
    for path in [
        "/api/v1/agencies",
        "/api/v1/agencies/{id}",
        "/api/v1/users",
        "/api/v1/users/{id}",
        "/api/v1/users/{id}/password",
        "/api/v1/audit",
        "/api/v1/me",
        "/api/v1/tokens",
        "/api/v1/tokens/{id}",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from {:?}",
            paths.keys()
        );
    }
    assert!(
        document["components"]["schemas"]["Problem"].is_object(),
        "errors are documented"
    );
}

async fn metrics_count_requests_by_route(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("viewer", "BNG", &["viewer"]).await;
    let token = app.token("viewer").await;
    for id in [2, 3, 4] {
        let path = format!("/api/v1/agencies/{}", id);
        assert_eq!(
            app.api(Method::GET, &path, &token, None).await.status,
            StatusCode::OK
        );
    }
    let metrics = app
        .send(
            Request::get("/metrics")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(
        metrics
            .content_type
            .starts_with("application/openmetrics-text")
            || metrics.content_type.starts_with("text/plain")
    );
    let line = metrics
        .text
        .lines()
        .find(|line| {
            line.starts_with("bluehelm_http_requests_total")
                && line.contains("route=\"/api/v1/agencies/{id}\"")
                && line.contains("status=\"200\"")
        })
        .unwrap_or_else(|| panic!("no counter for the route in\n{}", metrics.text));
    assert!(line.ends_with(" 3"), "{line}");
    assert!(
        metrics
            .text
            .contains("bluehelm_http_request_duration_seconds_bucket"),
        "latencies are exported"
    );
    assert!(
        !metrics.text.contains("/api/v1/agencies/2"),
        "ids never become labels"
    );
    // The connections each read took from the pool, and the waits for them, per route.
    let series = |name: &str| -> f64 {
        metrics
            .text
            .lines()
            .find(|line| line.starts_with(name) && line.contains("route=\"/api/v1/agencies/{id}\""))
            .and_then(|line| line.rsplit(' ').next())
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("no {name} for the route in\n{}", metrics.text))
    };
    assert_eq!(series("bluehelm_db_acquisitions_per_request_count"), 3.0);
    let taken = series("bluehelm_db_acquisitions_per_request_sum");
    assert!(
        (3.0..=12.0).contains(&taken),
        "{taken} connections for three reads"
    );
    assert_eq!(series("bluehelm_db_pool_wait_seconds_count"), 3.0);
    assert!(
        metrics.text.contains("bluehelm_db_pool_connections ")
            && metrics.text.contains("bluehelm_db_pool_idle_connections "),
        "the pool's connections are exported"
    );
}

fn cli(url: &str, args: &[&str]) -> (bool, String) {
    let output = crate::harness::command(url)
        .args(args)
        .output()
        .expect("run bluehelm");
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

async fn a_restored_backup_holds_exactly_what_was_saved(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let token = app.token("admin").await;
    let parent = app.agency_id("BCA").await;
    let create = |code: &'static str| json!({ "code": code, "kind": "unit", "name_vi": code, "name_en": code, "parent_id": parent });
    let saved = app
        .api(
            Method::POST,
            "/api/v1/agencies",
            &token,
            Some(create("SAVED")),
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.text);

    let directory = tempfile::tempdir().expect("temporary directory");
    let file = directory.path().join("bluehelm.backup");
    let file = file.to_str().expect("utf-8 path");
    let (ok, output) = cli(&app.url, &["backup", "--output", file]);
    assert!(ok, "{output}");
    let (ok, output) = cli(&app.url, &["backup", "--output", file]);
    assert!(
        !ok && output.contains("output:"),
        "never overwrites: {output}"
    );

    let later = app
        .api(
            Method::POST,
            "/api/v1/agencies",
            &token,
            Some(create("LATER")),
        )
        .await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.text);
    let agencies_with_later = app.store.count("agency").await.expect("count");
    // The head signed after the backup: the restore gives those entries up openly.
    let (ok, output) = cli(&app.url, &["audit", "checkpoint"]);
    assert!(ok, "{output}");
    app.store.close().await;

    let (ok, output) = cli(&app.url, &["restore", "--input", file]);
    assert!(ok, "{output}");
    assert!(output.contains("are given up"), "{output}");
    let restored = bluehelm_store::Store::connect(&app.url, crate::harness::audit_key())
        .await
        .expect("connect");
    assert_eq!(
        restored.count("agency").await.expect("count"),
        agencies_with_later - 1
    );
    assert!(restored.agency_by_code("SAVED").await.is_ok());
    assert!(restored.agency_by_code("LATER").await.is_err());
    assert!(restored
        .verify_audit_chain(&[])
        .await
        .expect("walk")
        .is_ok());
    let (ok, output) = cli(&app.url, &["audit", "verify"]);
    assert!(ok, "{output}");
}
