//! The catalogues and the eligibility settings: administrators keep them, everybody reads
//! them, bad entries are named, and a changed margin changes the verdict at once.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::both_engines;
use crate::harness::{Engine, TestApp};

both_engines!(
    administrators_keep_the_catalogues,
    a_changed_setting_changes_the_verdict
);

async fn administrators_keep_the_catalogues(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let admin = app.token("admin").await;
    let coordinator = app.token("coordinator").await;
    let kind = json!({ "code": "hazmat", "category": "professional", "name_vi": "Xử lý vật liệu nguy hiểm", "name_en": "Hazardous materials", "validity_months": 24 });
    let refused = app
        .api(
            Method::POST,
            "/api/v1/qualification-kinds",
            &coordinator,
            Some(kind.clone()),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let created = app
        .api(
            Method::POST,
            "/api/v1/qualification-kinds",
            &admin,
            Some(kind.clone()),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json()["validity_months"], 24);
    let again = app
        .api(
            Method::POST,
            "/api/v1/qualification-kinds",
            &admin,
            Some(kind),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let bad = app
        .api(
            Method::POST,
            "/api/v1/specialties",
            &admin,
            Some(json!({ "code": "Dog Handler", "name_vi": "", "name_en": "Dog handler" })),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = bad.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(fields, ["code", "name_vi"]);
    let renamed = app
        .api(
            Method::PUT,
            "/api/v1/specialties/nurse",
            &admin,
            Some(json!({ "name_vi": "Điều dưỡng viên", "name_en": "Nurse (registered)" })),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    let listed = app
        .api(Method::GET, "/api/v1/specialties", &coordinator, None)
        .await
        .json();
    assert!(listed
        .as_array()
        .expect("list")
        .iter()
        .any(|s| s["code"] == "nurse" && s["name_en"] == "Nurse (registered)"));
    let missing = app
        .api(
            Method::PUT,
            "/api/v1/specialties/astronaut",
            &admin,
            Some(json!({ "name_vi": "x", "name_en": "x" })),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // The web page saves through the same checks.
    let session = app
        .sign_in("admin", crate::harness::PASSWORD)
        .await
        .unwrap_or_else(|response| panic!("sign-in refused: {}", response.text));
    let saved = app
        .web_post(
            &session,
            "/admin/catalogues/specialties",
            &[
                ("code", "dog-handler"),
                ("name_vi", "Huấn luyện chó nghiệp vụ"),
                ("name_en", "Dog handler"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    // The page it leads to says the form was saved, once.
    let flash = saved
        .set_cookies
        .iter()
        .find(|cookie| cookie.starts_with("bh_flash="))
        .expect("a flash with the redirect");
    let flash = flash.split(';').next().unwrap_or_default();
    let page = app
        .send(
            Request::get("/admin/catalogues")
                .header(
                    header::COOKIE,
                    format!("bh_session={}; {flash}", session.cookie),
                )
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert!(page.text.contains("Huấn luyện chó nghiệp vụ"));
    assert!(
        page.text.contains("id=\"flash\">Đã lưu.</p>"),
        "{}",
        page.text
    );
    assert!(
        page.set_cookies
            .iter()
            .any(|c| c.starts_with("bh_flash=;") && c.contains("Max-Age=0")),
        "shown once: {:?}",
        page.set_cookies
    );
    let again = app.web_get(&session, "/admin/catalogues").await;
    assert!(!again.text.contains("id=\"flash\""));
    let refused = app
        .web_post(
            &session,
            "/admin/catalogues/settings",
            &[("rest_months", "500"), ("passport_months_beyond_tour", "6")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn a_changed_setting_changes_the_verdict(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let admin = app.token("admin").await;
    let token = app.token("coordinator").await;
    let agency = app.agency_id("BQP-CGGHB").await;
    let created = app
        .api(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(crate::people::person(agency, "QN-S1", "Hà", "Thị", "Thu")),
        )
        .await;
    let id = created.json()["person"]["id"].as_i64().expect("id");
    // Born 1990-05-17: 36 on a tour starting 2027-01-10.
    let check = || async {
        let response = app
            .api(
                Method::POST,
                &format!("/api/v1/people/{id}/eligibility"),
                &token,
                Some(json!({
                    "requirements": { "personnel_type": "staff_officer" },
                    "tour": { "start": "2027-01-10", "months": 12 }
                })),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text);
        response.json()["failures"]
            .as_array()
            .expect("failures")
            .iter()
            .map(|f| f["rule"].as_str().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    };
    assert!(!check().await.contains(&"age".to_owned()));
    let mut settings = app
        .api(Method::GET, "/api/v1/settings/eligibility", &token, None)
        .await
        .json();
    for limit in settings["age_limits"].as_array_mut().expect("limits") {
        if limit["personnel_type"] == "staff_officer" {
            limit["max_years"] = json!(35);
        }
    }
    let refused = app
        .api(
            Method::PUT,
            "/api/v1/settings/eligibility",
            &token,
            Some(settings.clone()),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let saved = app
        .api(
            Method::PUT,
            "/api/v1/settings/eligibility",
            &admin,
            Some(settings),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    assert!(check().await.contains(&"age".to_owned()));
}
