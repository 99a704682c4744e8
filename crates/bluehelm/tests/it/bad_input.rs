//! Bad input gets a 4xx problem+json naming what is wrong, and changes nothing.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::both_engines;
use crate::harness::{Engine, TestApp};

both_engines!(
    bad_input_is_refused_and_changes_nothing,
    a_caller_without_the_right_is_refused_before_the_body_is_read,
    an_irreversible_action_on_a_page_must_be_confirmed
);

async fn bad_input_is_refused_and_changes_nothing(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let token = app.token("admin").await;
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let importer = app.token("coordinator").await;
    let agencies = app.store.count("agency").await.expect("count");
    let entries = app.store.count("audit_entry").await.expect("count");
    let parent = app.agency_id("BCA").await;
    let huge = "x".repeat(2 * 1024 * 1024);

    // (what, raw body, expected status, expected code, field at fault)
    let cases: Vec<(&str, String, StatusCode, &str, Option<&str>)> = vec![
        ("malformed JSON", "{\"code\": ".into(), StatusCode::BAD_REQUEST, "malformed_json", None),
        ("wrong type", json!({"code": 5, "kind": "unit", "name_vi": "a", "name_en": "a"}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", Some("code")),
        ("unknown field", json!({"code": "BCA-X", "kind": "unit", "name_vi": "a", "name_en": "a", "parent_id": parent, "admin": true}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", Some("admin")),
        ("oversized body", json!({"code": "BCA-X", "kind": "unit", "name_vi": huge, "name_en": "a"}).to_string(),
            StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", None),
        ("SQL injection in a code", json!({"code": "X'); drop table agency; --", "kind": "unit", "name_vi": "a", "name_en": "a", "parent_id": parent}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("code")),
        ("HTML injection in a name", json!({"code": "BCA-X", "kind": "unit", "name_vi": "<script>alert(1)</script>", "name_en": "a", "parent_id": parent}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("name_vi")),
        ("missing field", json!({"code": "BCA-X", "kind": "unit", "name_vi": "a"}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", None),
        ("unknown parent", json!({"code": "BCA-X", "kind": "unit", "name_vi": "a", "name_en": "a", "parent_id": 999_999}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("parent_id")),
    ];
    for (what, body, status, code, field) in cases {
        let request = Request::post("/api/v1/agencies")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .expect("request");
        let response = app.send(request).await;
        assert_eq!(response.status, status, "{what}: {}", response.text);
        assert!(response.is_problem(), "{what}: {}", response.content_type);
        let problem = response.json();
        assert_eq!(problem["code"], code, "{what}: {problem}");
        if let Some(field) = field {
            assert_eq!(problem["errors"][0]["field"], field, "{what}: {problem}");
        }
    }

    // A file past its route's limit is a problem too, not plain text.
    let request = Request::post("/api/v1/imports/people?dry_run=true")
        .header(header::AUTHORIZATION, format!("Bearer {importer}"))
        .body(Body::from(vec![b'a'; 65 * 1024 * 1024]))
        .expect("request");
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.is_problem(), "{}", response.content_type);
    assert_eq!(response.json()["code"], "payload_too_large");

    // Query strings: an injected sort key or a non-number is refused, not interpolated.
    for (query, field) in [
        ("sort=code;drop%20table%20agency", "sort"),
        ("per_page=100000", "per_page"),
        ("within=1%20or%201=1", ""),
    ] {
        let response = app
            .api(
                Method::GET,
                &format!("/api/v1/agencies?{query}"),
                &token,
                None,
            )
            .await;
        assert!(
            response.status.is_client_error(),
            "{query}: {}",
            response.text
        );
        assert!(response.is_problem(), "{query}");
        if !field.is_empty() {
            assert_eq!(response.json()["errors"][0]["field"], field, "{query}");
        }
    }
    // A search text is only ever a value: the injection finds nothing and breaks nothing.
    let response = app
        .api(
            Method::GET,
            "/api/v1/agencies?q=%27%20or%201%3D1%20--",
            &token,
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json()["total"], 0);
    let response = app
        .api(Method::GET, "/api/v1/agencies/not-a-number", &token, None)
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.is_problem());

    assert_eq!(
        app.store.count("agency").await.expect("count"),
        agencies,
        "no agency was written"
    );
    assert_eq!(
        app.store.count("audit_entry").await.expect("count"),
        entries,
        "nothing was audited as written"
    );
}

async fn a_caller_without_the_right_is_refused_before_the_body_is_read(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("viewer", "BQP", &["viewer"]).await;
    let token = app.token("viewer").await;
    for (path, body) in [
        ("/api/v1/agencies", "{\"code\": "),
        ("/api/v1/people", "not json at all"),
        ("/api/v1/units", "{}"),
        ("/api/v1/imports/people?dry_run=true", "junk,junk\n"),
    ] {
        let denied = app.audit_count("permission_denied").await;
        let request = Request::post(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .expect("request");
        let response = app.send(request).await;
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "{path}: {}",
            response.text
        );
        assert_eq!(
            app.audit_count("permission_denied").await,
            denied + 1,
            "{path}: the refusal is on the trail"
        );
    }
}

async fn an_irreversible_action_on_a_page_must_be_confirmed(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let token = app.token("admin").await;
    let parent = app.agency_id("BCA").await;
    let created = app
        .api(
            Method::POST,
            "/api/v1/agencies",
            &token,
            Some(json!({"code": "BCA-TMP", "kind": "unit", "name_vi": "Tạm", "name_en": "Temporary", "parent_id": parent})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json()["id"].as_i64().expect("id");
    let session = app
        .sign_in("admin", crate::harness::PASSWORD)
        .await
        .unwrap_or_else(|response| panic!("sign-in refused: {}", response.text));
    let path = format!("/admin/agencies/{id}/delete");
    let unconfirmed = app.web_post(&session, &path, &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed
            .text
            .contains("hãy đánh dấu ô xác nhận trước khi xóa"),
        "{}",
        unconfirmed.text
    );
    assert!(app.store.agency(id).await.is_ok(), "still there");
    let confirmed = app.web_post(&session, &path, &[("confirm", "1")]).await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.text
    );
    assert!(
        app.store.agency(id).await.is_err(),
        "deleted once confirmed"
    );
}
