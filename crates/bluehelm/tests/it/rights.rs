//! The authorisation policy, end to end: roles × agencies × actions through the API and the
//! web pages, with every refusal in the audit trail.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::both_engines;
use crate::harness::{Engine, TestApp};

both_engines!(
    the_rights_table_holds_through_the_api,
    the_rights_table_holds_through_the_web
);

fn agency_body(code: &str, kind: &str, parent: Option<i64>) -> Value {
    json!({ "code": code, "kind": kind, "name_vi": format!("Tên {code}"), "name_en": format!("Name {code}"), "parent_id": parent })
}

async fn the_rights_table_holds_through_the_api(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    for (name, agency, role) in [
        ("admin", "BQP-CGGHB", "admin"),
        ("coordinator", "BQP-CGGHB", "coordinator"),
        ("officer.bqp", "BQP", "agency_officer"),
        ("officer.bca", "BCA", "agency_officer"),
        ("viewer", "QH-UBQPAN", "viewer"),
        ("auditor", "BQP-CPC", "auditor"),
        ("medical", "BQP-HVQY", "medical"),
    ] {
        app.user(name, agency, &[role]).await;
    }
    let staff_bqp = app.user("staff.bqp", "BQP-CGGHB", &["approver"]).await;
    let staff_bca = app.user("staff.bca", "BCA-VPTT", &["approver"]).await;
    let mnd_department = app.agency_id("BQP-HVQY").await;
    let mps_department = app.agency_id("BCA-TTHL").await;
    let (bqp, bca) = (app.agency_id("BQP").await, app.agency_id("BCA").await);
    let mut tokens = std::collections::HashMap::new();
    for name in [
        "admin",
        "coordinator",
        "officer.bqp",
        "officer.bca",
        "viewer",
        "auditor",
        "medical",
    ] {
        tokens.insert(name, app.token(name).await);
    }
    let denied_before = app.audit_count("permission_denied").await;

    use Method as M;
    let update = |code: &str| Some(agency_body(code, "department", None));
    let user_update = json!({ "display_name": "Changed", "agency_id": bca, "roles": ["approver"] });
    let cases: Vec<(&str, Method, String, Option<Value>, StatusCode)> = vec![
        // An agency officer reads and writes only within their own ministry.
        (
            "officer.bca",
            M::GET,
            format!("/api/v1/users/{staff_bca}"),
            None,
            StatusCode::OK,
        ),
        (
            "officer.bca",
            M::GET,
            format!("/api/v1/users/{staff_bqp}"),
            None,
            StatusCode::FORBIDDEN,
        ),
        (
            "officer.bca",
            M::PUT,
            format!("/api/v1/agencies/{mps_department}"),
            update("BCA-TTHL"),
            StatusCode::OK,
        ),
        (
            "officer.bca",
            M::PUT,
            format!("/api/v1/agencies/{mnd_department}"),
            update("BQP-HVQY"),
            StatusCode::FORBIDDEN,
        ),
        (
            "officer.bca",
            M::DELETE,
            format!("/api/v1/agencies/{mnd_department}"),
            None,
            StatusCode::FORBIDDEN,
        ),
        (
            "officer.bca",
            M::POST,
            "/api/v1/agencies".into(),
            Some(agency_body("BCA-NEW", "unit", Some(bca))),
            StatusCode::CREATED,
        ),
        (
            "officer.bca",
            M::POST,
            "/api/v1/agencies".into(),
            Some(agency_body("BQP-NEW", "unit", Some(bqp))),
            StatusCode::FORBIDDEN,
        ),
        (
            "officer.bca",
            M::PUT,
            format!("/api/v1/agencies/{bca}"),
            Some(agency_body("BCA", "ministry", None)),
            StatusCode::FORBIDDEN,
        ),
        (
            "officer.bca",
            M::PUT,
            format!("/api/v1/users/{staff_bca}"),
            Some(user_update.clone()),
            StatusCode::FORBIDDEN,
        ),
        (
            "officer.bqp",
            M::GET,
            format!("/api/v1/users/{staff_bca}"),
            None,
            StatusCode::FORBIDDEN,
        ),
        (
            "officer.bqp",
            M::PUT,
            format!("/api/v1/agencies/{mps_department}"),
            update("BCA-TTHL"),
            StatusCode::FORBIDDEN,
        ),
        // Viewers see aggregates and the agency tree, never other people's records.
        (
            "viewer",
            M::GET,
            "/api/v1/agencies".into(),
            None,
            StatusCode::OK,
        ),
        (
            "viewer",
            M::GET,
            format!("/api/v1/users/{staff_bqp}"),
            None,
            StatusCode::FORBIDDEN,
        ),
        (
            "viewer",
            M::GET,
            "/api/v1/audit".into(),
            None,
            StatusCode::FORBIDDEN,
        ),
        ("viewer", M::GET, "/api/v1/me".into(), None, StatusCode::OK),
        // Auditors read everything and change nothing.
        (
            "auditor",
            M::GET,
            "/api/v1/audit".into(),
            None,
            StatusCode::OK,
        ),
        (
            "auditor",
            M::GET,
            format!("/api/v1/users/{staff_bca}"),
            None,
            StatusCode::OK,
        ),
        (
            "auditor",
            M::PUT,
            format!("/api/v1/agencies/{mnd_department}"),
            update("BQP-HVQY"),
            StatusCode::FORBIDDEN,
        ),
        (
            "medical",
            M::GET,
            format!("/api/v1/users/{staff_bqp}"),
            None,
            StatusCode::FORBIDDEN,
        ),
        (
            "coordinator",
            M::GET,
            format!("/api/v1/users/{staff_bca}"),
            None,
            StatusCode::OK,
        ),
        (
            "coordinator",
            M::PUT,
            format!("/api/v1/users/{staff_bca}"),
            Some(user_update.clone()),
            StatusCode::FORBIDDEN,
        ),
        (
            "admin",
            M::PUT,
            format!("/api/v1/users/{staff_bca}"),
            Some(user_update),
            StatusCode::OK,
        ),
        (
            "admin",
            M::POST,
            "/api/v1/agencies".into(),
            Some(agency_body("BQP-NEW", "unit", Some(bqp))),
            StatusCode::CREATED,
        ),
    ];
    let mut refused = 0;
    for (who, method, path, body, expected) in cases {
        let response = app.api(method.clone(), &path, &tokens[who], body).await;
        assert_eq!(
            response.status, expected,
            "{who} {method} {path}: {}",
            response.text
        );
        if expected == StatusCode::FORBIDDEN {
            assert!(response.is_problem());
            assert_eq!(response.json()["code"], "forbidden");
            refused += 1;
        }
    }
    assert_eq!(
        app.audit_count("permission_denied").await - denied_before,
        refused,
        "every refusal is audited"
    );
    // The refused writes changed nothing.
    let department = app.store.agency(mnd_department).await.expect("still there");
    assert_eq!(department.name_en, "Military Medical Academy");

    // Lists are cut inside the query: an officer sees their ministry's accounts only and a
    // viewer only their own.
    let page = app
        .api(Method::GET, "/api/v1/users", &tokens["officer.bca"], None)
        .await
        .json();
    let names: Vec<&str> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert_eq!(names, ["officer.bca", "staff.bca"]);
    assert_eq!(page["total"], 2);
    let page = app
        .api(Method::GET, "/api/v1/users", &tokens["viewer"], None)
        .await
        .json();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["username"], "viewer");
}

async fn the_rights_table_holds_through_the_web(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("officer.bca", "BCA", &["agency_officer"]).await;
    app.user("viewer", "QH-UBQPAN", &["viewer"]).await;
    let staff_bqp = app.user("staff.bqp", "BQP-CGGHB", &["approver"]).await;
    let staff_bca = app.user("staff.bca", "BCA-VPTT", &["approver"]).await;
    let mnd_department = app.agency_id("BQP-HVQY").await;
    let denied_before = app.audit_count("permission_denied").await;

    let officer = app
        .sign_in("officer.bca", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signs in");
    let fields = [
        ("code", "BQP-HVQY"),
        ("kind", "department"),
        ("name_vi", "Đổi tên"),
        ("name_en", "Renamed"),
    ];
    let response = app
        .web_post(
            &officer,
            &format!("/admin/agencies/{mnd_department}"),
            &fields,
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(response.content_type.starts_with("text/html"));
    assert_eq!(
        app.store
            .agency(mnd_department)
            .await
            .expect("agency")
            .name_en,
        "Military Medical Academy"
    );
    assert_eq!(
        app.web_get(&officer, &format!("/admin/users/{staff_bqp}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let own = app
        .web_get(&officer, &format!("/admin/users/{staff_bca}"))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.text.contains("staff.bca"));
    let list = app.web_get(&officer, "/admin/users").await;
    assert!(list.text.contains("staff.bca") && !list.text.contains("staff.bqp"));

    let viewer = app
        .sign_in("viewer", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signs in");
    let refused = app.web_get(&viewer, "/audit").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // The refusal says, in the reader's language, which roles may.
    assert!(
        refused
            .text
            .contains("Người được phép: Quản trị hệ thống hoặc Kiểm toán, pháp chế."),
        "{}",
        refused.text
    );
    assert_eq!(
        app.web_get(&viewer, &format!("/admin/users/{staff_bca}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let list = app.web_get(&viewer, "/admin/users").await;
    assert!(!list.text.contains("staff.bca") && !list.text.contains("staff.bqp"));

    assert_eq!(
        app.audit_count("permission_denied").await - denied_before,
        4
    );
}
