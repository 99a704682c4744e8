//! Dispatch templates as versioned data: a new version copied, refused by field while a
//! step cites a document not in force on its first day or names no agency, saved,
//! activated; dossiers opened before keep their version and the choice by date explains
//! itself with the citations.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::both_engines;
use crate::harness::{Engine, TestApp};

both_engines!(a_new_version_is_checked_activated_and_dossiers_keep_theirs);

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let response = app.api(method, path, token, body).await;
    let value = serde_json::from_str(&response.text).unwrap_or(Value::Null);
    (response.status, value)
}

/// The draft input that says what a version holds.
fn input_of(detail: &Value) -> Value {
    let cited = |views: &Value| -> Value {
        views
            .as_array()
            .expect("citations")
            .iter()
            .map(|view| json!({ "document_id": view["citation"]["document_id"], "article": view["citation"]["article"].as_str().unwrap_or_default() }))
            .collect()
    };
    let list = |text: &Value| -> Vec<String> {
        text.as_str()
            .unwrap_or_default()
            .split(',')
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let t = &detail["template"];
    json!({
        "name_vi": t["name_vi"], "name_en": t["name_en"],
        "valid_from": t["valid_from"], "valid_to": t["valid_to"].as_str().unwrap_or_default(),
        "categories": list(&t["categories"]), "decisions": list(&t["decisions"]),
        "basis": cited(&detail["basis"]),
        "steps": detail["steps"].as_array().expect("steps").iter().map(|view| {
            let s = &view["step"];
            json!({
                "code": s["code"], "seq": s["seq"].to_string(), "name_vi": s["name_vi"],
                "name_en": s["name_en"], "agency": s["agency_code"], "role": s["role"],
                "limit_days": s["limit_days"].to_string(), "documents": list(&s["documents"]),
                "provision": cited(&view["citations"]),
            })
        }).collect::<Vec<_>>(),
    })
}

fn fields(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn open(app: &TestApp, token: &str, dated: &str) -> Value {
    let body = json!({ "title": format!("Send {dated}"), "category": "mnd_armed", "decision": "send", "dated": dated });
    let (status, dossier) = call(app, Method::POST, "/api/v1/dossiers", token, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{dossier}");
    dossier
}

async fn a_new_version_is_checked_activated_and_dossiers_keep_theirs(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    app.user("finance", "BTC", &["agency_officer"]).await;
    app.user("auditor", "BQP-CGGHB", &["auditor"]).await;
    let token = app.token("coordinator").await;
    let (_, templates) = call(&app, Method::GET, "/api/v1/templates", &token, None).await;
    let first = templates
        .as_array()
        .expect("templates")
        .iter()
        .find(|t| t["code"] == "armed-2026")
        .expect("armed-2026 is seeded")
        .clone();
    assert_eq!(
        (first["version"].as_i64(), first["status"].as_str()),
        (Some(1), Some("active"))
    );
    let v1 = first["id"].as_i64().expect("id");
    let before = open(&app, &token, "2026-03-01").await;
    assert_eq!(before["template_id"], v1);

    // The emergency withdrawal by the Ministers waits as a draft, citing the Law, until its
    // article is confirmed: no dossier is opened under it.
    let emergency = templates
        .as_array()
        .expect("templates")
        .iter()
        .find(|t| t["code"] == "emergency-withdrawal-2026")
        .expect("the emergency withdrawal is seeded")
        .clone();
    assert_eq!(emergency["status"], "draft");
    let (status, detail) = call(
        &app,
        Method::GET,
        &format!("/api/v1/templates/{}", emergency["id"]),
        &token,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(
        detail["basis"][0]["citation"]["number"], "92/2025/QH15",
        "{detail}"
    );
    let body = json!({ "title": "Withdraw", "category": "mnd_armed", "decision": "withdraw", "dated": "2026-06-01" });
    let (status, withdrawal) =
        call(&app, Method::POST, "/api/v1/dossiers", &token, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{withdrawal}");
    assert_eq!(withdrawal["template_code"], "armed-2026");

    // Only the registry's keepers make versions.
    let other = app.token("finance").await;
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/api/v1/templates/{v1}/versions"),
        &other,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, draft) = call(
        &app,
        Method::POST,
        &format!("/api/v1/templates/{v1}/versions"),
        &token,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    assert_eq!(
        (
            draft["version"].as_i64(),
            draft["status"].as_str(),
            draft["procedure"].as_str()
        ),
        (Some(2), Some("draft"), Some("armed-2026"))
    );
    let v2 = draft["id"].as_i64().expect("id");
    let (_, detail) = call(
        &app,
        Method::GET,
        &format!("/api/v1/templates/{v2}"),
        &token,
        None,
    )
    .await;
    assert_eq!(
        detail["steps"].as_array().map(Vec::len),
        Some(9),
        "the copy has every step"
    );
    assert_eq!(
        detail["steps"][0]["citations"][0]["citation"]["number"],
        "01/2026/NĐ-CP"
    );
    assert_eq!(detail["basis"].as_array().map(Vec::len), Some(2));

    // A decree signed but in force only from 2027 cannot be the provision of a version
    // applying from 1 July 2026; an unknown agency and a gap in the positions are named too,
    // and nothing is written.
    let (status, later) = call(
        &app,
        Method::POST,
        "/api/v1/legal/documents",
        &token,
        Some(json!({ "kind": "decree", "number": "02/2027/NĐ-CP", "title_vi": "Nghị định sau", "title_en": "Later decree", "issuer": "Chính phủ", "signed_on": "2026-06-01", "effective_on": "2027-01-01" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{later}");
    let mut input = input_of(&detail);
    input["valid_from"] = json!("2026-07-01");
    input["steps"][0]["provision"] = json!([{ "document_id": later["id"], "article": "3" }]);
    input["steps"][1]["agency"] = json!("NOWHERE");
    input["steps"][8]["seq"] = json!("9");
    let (status, problem) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/templates/{v2}"),
        &token,
        Some(input.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        fields(&problem),
        [
            ("steps[1].agency".to_owned(), "unknown".to_owned()),
            ("steps[8].seq".to_owned(), "not_consecutive".to_owned())
        ]
    );
    input["steps"][1]["agency"] = json!("BNG-TCQT");
    input["steps"][8]["seq"] = json!("8");
    let (status, problem) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/templates/{v2}"),
        &token,
        Some(input.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        fields(&problem),
        [(
            "steps[0].provision[0].document_id".to_owned(),
            "not_in_force".to_owned()
        )]
    );
    let (_, unchanged) = call(
        &app,
        Method::GET,
        &format!("/api/v1/templates/{v2}"),
        &token,
        None,
    )
    .await;
    assert_eq!(
        unchanged["template"]["valid_from"], "2026-01-01",
        "nothing written"
    );

    // Corrected, saved and activated: version 1 ends the day before version 2 begins.
    let decree = detail["steps"][0]["citations"][0]["citation"]["document_id"].clone();
    input["steps"][0]["provision"] = json!([{ "document_id": decree, "article": "5" }]);
    input["steps"][0]["limit_days"] = json!("20");
    let (status, saved) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/templates/{v2}"),
        &token,
        Some(input.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["valid_from"], "2026-07-01");
    let (status, active) = call(
        &app,
        Method::POST,
        &format!("/api/v1/templates/{v2}/activate"),
        &token,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{active}");
    assert_eq!(active["status"], "active");
    let (_, old) = call(
        &app,
        Method::GET,
        &format!("/api/v1/templates/{v1}"),
        &token,
        None,
    )
    .await;
    assert_eq!(
        (
            old["template"]["status"].as_str(),
            old["template"]["valid_to"].as_str()
        ),
        (Some("active"), Some("2026-06-30"))
    );
    let (status, problem) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/templates/{v2}"),
        &token,
        Some(input),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&problem),
        [("status".to_owned(), "not_a_draft".to_owned())]
    );

    // The dossier opened before keeps version 1; new dossiers follow the version in force
    // on their date, and their basis is the version's citations.
    let (_, kept) = call(
        &app,
        Method::GET,
        &format!("/api/v1/dossiers/{}", before["id"]),
        &token,
        None,
    )
    .await;
    assert_eq!(kept["dossier"]["template_id"], v1);
    assert_eq!(kept["steps"][0]["step"]["limit_days"], 15);
    let earlier = open(&app, &token, "2026-06-30").await;
    assert_eq!(earlier["template_id"], v1);
    let later_dossier = open(&app, &token, "2026-07-01").await;
    assert_eq!(later_dossier["template_id"], v2);
    let (_, detail) = call(
        &app,
        Method::GET,
        &format!("/api/v1/dossiers/{}", later_dossier["id"]),
        &token,
        None,
    )
    .await;
    assert_eq!(detail["steps"][0]["step"]["limit_days"], 20);
    assert_eq!(
        detail["steps"][0]["citations"][0]["citation"]["article"],
        "5"
    );
    let basis: Vec<&str> = detail["basis"]
        .as_array()
        .expect("basis")
        .iter()
        .filter_map(|v| v["citation"]["number"].as_str())
        .collect();
    assert_eq!(basis, ["92/2025/QH15", "01/2026/NĐ-CP"]);
    assert!(
        detail["dossier"]["explanation"]
            .as_str()
            .unwrap_or_default()
            .contains("Law 92/2025/QH15"),
        "{detail}"
    );

    // Every write is in the audit trail.
    let (_, trail) = call(
        &app,
        Method::GET,
        &format!("/api/v1/audit?entity=workflow_template&entity_id={v2}"),
        &app.token("auditor").await,
        None,
    )
    .await;
    assert!(trail.to_string().contains("activated_at"), "{trail}");
}
