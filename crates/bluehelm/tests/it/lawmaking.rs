//! Law-making projects: stages in order with no skipping, opinions per agency and how they
//! were taken in, adoption into the registry with the planned relations, the involved
//! agencies alone reading a project, bad input named by field with nothing written, and
//! the pages in Vietnamese.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::both_engines;
use crate::harness::{Engine, TestApp, PASSWORD};
use crate::legal::{fields, id_of};

both_engines!(
    a_project_moves_through_its_stages_and_is_adopted_into_the_registry,
    only_the_agencies_involved_read_a_project,
    the_law_making_pages_speak_vietnamese
);

async fn app_with(engine: Engine) -> Option<(TestApp, String)> {
    let app = TestApp::new(engine).await?;
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    Some((app, token))
}

/// A decree project presided over by the department, guided by the Legal Department,
/// consulting the police's standing office and the Ministry of Finance.
pub(crate) async fn decree_project(app: &TestApp, token: &str) -> Value {
    let law = id_of(app, token, "92/2025/QH15").await;
    let replaced = id_of(app, token, "162/2016/NĐ-CP").await;
    let body = json!({
        "kind": "decree",
        "title_vi": "Nghị định thử nghiệm về chế độ",
        "title_en": "Test decree on regimes",
        "presiding": "BQP-CGGHB",
        "guiding": "BQP-CPC",
        "consulted": ["BCA-VPTT", "BTC"],
        "opened_on": "2026-01-05",
        "implements_id": law.to_string(),
        "replaces_id": replaced.to_string(),
    });
    let created = app
        .api(Method::POST, "/api/v1/legal/projects", token, Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    created.json()
}

async fn detail(app: &TestApp, token: &str, id: i64) -> Value {
    let response = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/projects/{id}"),
            token,
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    response.json()
}

async fn complete(app: &TestApp, token: &str, id: i64, body: Value) -> crate::harness::Response {
    app.api(
        Method::POST,
        &format!("/api/v1/legal/projects/{id}/stages"),
        token,
        Some(body),
    )
    .await
}

fn statuses(detail: &Value) -> Vec<String> {
    detail["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|stage| stage["status"].as_str().unwrap_or("").to_owned())
        .collect()
}

async fn a_project_moves_through_its_stages_and_is_adopted_into_the_registry(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let project = decree_project(&app, &token).await;
    let id = project["id"].as_i64().expect("id");
    assert_eq!(project["current_stage"], "drafting");
    assert_eq!(
        project["current_due_on"], "2026-05-05",
        "120 days by default"
    );
    let opened = detail(&app, &token, id).await;
    assert_eq!(
        statuses(&opened),
        ["current", "waiting", "waiting", "waiting", "waiting"]
    );

    // Skipping a stage is refused on `stage`, and nothing changes.
    let skipped = complete(
        &app,
        &token,
        id,
        json!({"stage": "appraisal", "done_on": "2026-02-01"}),
    )
    .await;
    assert_eq!(
        skipped.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        skipped.text
    );
    assert_eq!(
        fields(&skipped),
        [("stage".to_owned(), "stage_skipped".to_owned())]
    );
    assert_eq!(statuses(&detail(&app, &token, id).await), statuses(&opened));

    let done = complete(
        &app,
        &token,
        id,
        json!({"stage": "drafting", "done_on": "2026-02-01", "next_due_on": "2026-03-15", "note": "Gửi lấy ý kiến"}),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    assert_eq!(done.json()["current_stage"], "consultation");
    assert_eq!(done.json()["current_due_on"], "2026-03-15");
    let again = complete(
        &app,
        &token,
        id,
        json!({"stage": "drafting", "done_on": "2026-02-02"}),
    )
    .await;
    assert_eq!(
        fields(&again),
        [("stage".to_owned(), "stage_done".to_owned())]
    );

    // A draft version, then opinions on it per agency.
    let draft = app
        .api(
            Method::POST,
            &format!("/api/v1/legal/projects/{id}/drafts"),
            &token,
            Some(json!({"dated": "2026-02-01", "summary": "Dự thảo lần 1"})),
        )
        .await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.text);
    assert_eq!(draft.json()["id"], 1, "the first version");
    let opinion = |agency: &str, disposition: &str, response: &str| {
        json!({
            "agency": agency, "version": "1", "received_on": "2026-02-20",
            "content": "Đề nghị làm rõ nguồn kinh phí", "disposition": disposition, "response": response,
        })
    };
    let path = format!("/api/v1/legal/projects/{id}/opinions");
    let unexplained = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(opinion("BTC", "declined", "")),
        )
        .await;
    assert_eq!(
        fields(&unexplained),
        [("response".to_owned(), "required".to_owned())]
    );
    let outsider = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(opinion("BNV", "pending", "")),
        )
        .await;
    assert_eq!(
        fields(&outsider),
        [("agency".to_owned(), "not_consulted".to_owned())]
    );
    let received = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(opinion("BTC", "pending", "")),
        )
        .await;
    assert_eq!(received.status, StatusCode::CREATED, "{}", received.text);
    let police = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(opinion("BCA-VPTT", "accepted", "Đã bổ sung")),
        )
        .await;
    assert_eq!(police.status, StatusCode::CREATED, "{}", police.text);
    let opinion_id = received.json()["id"].as_i64().expect("id");
    let answer_path = format!("{path}/{opinion_id}");
    let unexplained = app
        .api(
            Method::PUT,
            &answer_path,
            &token,
            Some(json!({"disposition": "partly"})),
        )
        .await;
    assert_eq!(
        fields(&unexplained),
        [("response".to_owned(), "required".to_owned())]
    );
    let answered = app
        .api(
            Method::PUT,
            &answer_path,
            &token,
            Some(json!({"disposition": "partly", "response": "Giao Bộ Tài chính hướng dẫn"})),
        )
        .await;
    assert_eq!(answered.status, StatusCode::NO_CONTENT, "{}", answered.text);
    let with_opinions = detail(&app, &token, id).await;
    let table: Vec<(String, String)> = with_opinions["opinions"]
        .as_array()
        .expect("opinions")
        .iter()
        .map(|o| {
            (
                o["agency_code"].as_str().unwrap_or("").to_owned(),
                o["disposition"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        table,
        [
            ("BTC".to_owned(), "partly".to_owned()),
            ("BCA-VPTT".to_owned(), "accepted".to_owned())
        ]
    );

    for (stage, day) in [
        ("consultation", "2026-03-10"),
        ("appraisal", "2026-04-01"),
        ("government_submission", "2026-05-01"),
    ] {
        let done = complete(&app, &token, id, json!({"stage": stage, "done_on": day})).await;
        assert_eq!(done.status, StatusCode::OK, "{stage}: {}", done.text);
    }
    // The adoption needs the text's number and dates, its number written as its kind's.
    let bare = complete(
        &app,
        &token,
        id,
        json!({"stage": "adoption", "done_on": "2026-06-01"}),
    )
    .await;
    let mut missing = fields(&bare);
    missing.sort();
    assert_eq!(
        missing,
        [
            ("effective_on".to_owned(), "required".to_owned()),
            ("number".to_owned(), "required".to_owned()),
            ("signed_on".to_owned(), "required".to_owned()),
        ]
    );
    let misnumbered = complete(
        &app,
        &token,
        id,
        json!({"stage": "adoption", "number": "05-2026", "signed_on": "2026-06-01", "effective_on": "2026-07-15"}),
    )
    .await;
    assert_eq!(
        fields(&misnumbered),
        [("number".to_owned(), "invalid_number".to_owned())]
    );
    let registry_before = app
        .api(
            Method::GET,
            "/api/v1/legal/documents?kind=decree",
            &token,
            None,
        )
        .await
        .json()["total"]
        .clone();
    assert_eq!(
        detail(&app, &token, id).await["project"]["status"],
        "open",
        "a refused adoption writes nothing"
    );
    let adopted = complete(
        &app,
        &token,
        id,
        json!({"stage": "adoption", "number": "05/2026/NĐ-CP", "signed_on": "2026-06-01", "effective_on": "2026-07-15"}),
    )
    .await;
    assert_eq!(adopted.status, StatusCode::OK, "{}", adopted.text);
    let adopted = adopted.json();
    assert_eq!(adopted["status"], "adopted");
    assert_eq!(adopted["current_stage"], Value::Null);
    assert_eq!(adopted["document_number"], "05/2026/NĐ-CP");
    let registry_after = app
        .api(
            Method::GET,
            "/api/v1/legal/documents?kind=decree",
            &token,
            None,
        )
        .await
        .json()["total"]
        .clone();
    assert_eq!(
        registry_after.as_i64(),
        registry_before.as_i64().map(|n| n + 1)
    );

    // The registry holds the text with the relations the project planned.
    let document = adopted["document_id"].as_i64().expect("document");
    let entry = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/documents/{document}?on=2026-08-01"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(entry["status"]["status"], "in_force", "{entry}");
    let relations: Vec<(String, i64)> = entry["relates_to"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or("").to_owned(),
                r["object_id"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    let law = id_of(&app, &token, "92/2025/QH15").await;
    let replaced = id_of(&app, &token, "162/2016/NĐ-CP").await;
    assert!(
        relations.contains(&("implements".to_owned(), law)),
        "{relations:?}"
    );
    assert!(
        relations.contains(&("replaces".to_owned(), replaced)),
        "{relations:?}"
    );
    let old = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/documents/{replaced}?on=2026-08-01"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        old["status"],
        json!({"status": "replaced", "by": document, "on": "2026-07-15"})
    );
    // An adopted project no longer changes.
    let closed = app
        .api(
            Method::POST,
            &format!("/api/v1/legal/projects/{id}/drafts"),
            &token,
            Some(json!({"dated": "2026-06-02", "summary": "Sau khi ban hành"})),
        )
        .await;
    assert_eq!(fields(&closed), [("stage".to_owned(), "closed".to_owned())]);
}

async fn only_the_agencies_involved_read_a_project(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let project = decree_project(&app, &token).await;
    let id = project["id"].as_i64().expect("id");
    app.user("legal.officer", "BQP-CPC", &["agency_officer"])
        .await;
    app.user("police.officer", "BCA", &["agency_officer"]).await;
    app.user("mfa.officer", "BNG-TCQT", &["agency_officer"])
        .await;
    app.user("auditor", "BQP-CPC", &["auditor"]).await;
    app.user("viewer", "QH-UBQPAN", &["viewer"]).await;
    let path = format!("/api/v1/legal/projects/{id}");
    let drafts = format!("{path}/drafts");
    let draft = json!({"dated": "2026-01-20", "summary": "Dự thảo"});

    // The police, consulted through their standing office, read it but do not run it.
    let police = app.token("police.officer").await;
    assert_eq!(
        app.api(Method::GET, &path, &police, None).await.status,
        StatusCode::OK
    );
    let listed = app
        .api(Method::GET, "/api/v1/legal/projects", &police, None)
        .await
        .json();
    assert_eq!(listed["total"], 1, "{listed}");
    let refused = app
        .api(Method::POST, &drafts, &police, Some(draft.clone()))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    let police_view = app.api(Method::GET, &path, &police, None).await.json();
    assert_eq!(police_view["can_run"], false);

    // Another ministry sees nothing of it, and the attempt is recorded.
    let denied_before = app.audit_count("permission_denied").await;
    let mfa = app.token("mfa.officer").await;
    assert_eq!(
        app.api(Method::GET, &path, &mfa, None).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = app
        .api(Method::GET, "/api/v1/legal/projects", &mfa, None)
        .await
        .json();
    assert_eq!(listed["total"], 0, "{listed}");
    assert_eq!(
        app.audit_count("permission_denied").await,
        denied_before + 1
    );
    let viewer = app.token("viewer").await;
    assert_eq!(
        app.api(Method::GET, "/api/v1/legal/projects", &viewer, None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // The guiding agency's officer runs it; the auditor reads it.
    let legal = app.token("legal.officer").await;
    let added = app.api(Method::POST, &drafts, &legal, Some(draft)).await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    let auditor = app.token("auditor").await;
    assert_eq!(
        app.api(Method::GET, &path, &auditor, None).await.status,
        StatusCode::OK
    );

    // An officer opens projects only for an agency of their own subtree.
    let elsewhere = json!({
        "kind": "circular", "title_vi": "Thông tư", "title_en": "Circular",
        "presiding": "BTC", "opened_on": "2026-01-05",
    });
    let refused = app
        .api(
            Method::POST,
            "/api/v1/legal/projects",
            &legal,
            Some(elsewhere),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);

    // Bad input is named by field, and nothing is written.
    let bad = json!({
        "kind": "statute", "title_vi": "", "title_en": "Law",
        "presiding": "BQP-CGGHB", "guiding": "BQP-CGGHB", "consulted": ["BQP-CGGHB", "NOPE"],
        "opened_on": "05/01/2026", "replaces_id": "999999",
    });
    let refused = app
        .api(Method::POST, "/api/v1/legal/projects", &token, Some(bad))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    let mut named = fields(&refused);
    named.sort();
    assert_eq!(
        named,
        [
            ("consulted".to_owned(), "same_agency".to_owned()),
            ("consulted".to_owned(), "unknown_value".to_owned()),
            ("guiding".to_owned(), "same_agency".to_owned()),
            ("kind".to_owned(), "unknown_value".to_owned()),
            ("opened_on".to_owned(), "invalid_date".to_owned()),
            ("replaces_id".to_owned(), "unknown_value".to_owned()),
            ("title_vi".to_owned(), "required".to_owned()),
        ]
    );
    let all = app
        .api(Method::GET, "/api/v1/legal/projects", &token, None)
        .await
        .json();
    assert_eq!(all["total"], 1, "{all}");
}

async fn the_law_making_pages_speak_vietnamese(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let project = decree_project(&app, &token).await;
    let id = project["id"].as_i64().expect("id");
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let list = app.web_get(&session, "/legal/projects").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.text
            .contains("Dự án xây dựng văn bản quy phạm pháp luật"),
        "{}",
        list.text
    );
    assert!(
        list.text.contains("Soạn thảo dự thảo nghị định"),
        "the current stage: {}",
        list.text
    );
    assert!(
        list.text.contains("05/01/2026"),
        "dates dd/mm/yyyy: {}",
        list.text
    );

    // A skipped stage comes back at the project's address with the reason in Vietnamese.
    let path = format!("/legal/projects/{id}");
    let refused = app
        .web_post(
            &session,
            &format!("{path}/stages"),
            &[
                ("form", "stage"),
                ("stage", "appraisal"),
                ("done_on", "2026-02-01"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("không được bỏ qua bước"),
        "{}",
        refused.text
    );
    let done = app
        .web_post(
            &session,
            &format!("{path}/stages"),
            &[
                ("form", "stage"),
                ("stage", "drafting"),
                ("done_on", "2026-02-01"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    // A refused opinion keeps what was typed.
    let refused = app
        .web_post(
            &session,
            &format!("{path}/opinions"),
            &[
                ("form", "opinion"),
                ("agency", "BTC"),
                ("received_on", "2026-02-10"),
                ("content", "Góp ý về kinh phí"),
                ("disposition", "declined"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("hãy giải trình"), "{}", refused.text);
    assert!(
        refused.text.contains("Góp ý về kinh phí"),
        "{}",
        refused.text
    );
    let page = app.web_get(&session, &path).await;
    assert!(
        page.text.contains("Lấy ý kiến các bộ, ngành"),
        "{}",
        page.text
    );
    assert!(page.text.contains("Đang thực hiện"), "{}", page.text);
}
