//! Force generation and dispatch: missions and mandates, UN requests and nominations, the
//! dispatch procedure (who may decide which step, parallel steps, returns, the law chosen
//! by date), and the deployment rules, each failing alone with its message.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};

use crate::both_engines;
use crate::harness::{Engine, TestApp, PASSWORD};
use crate::people::person;

both_engines!(
    missions_are_seeded_with_their_mandates_and_renewals_are_recorded,
    the_procedure_is_chosen_by_date_and_category,
    the_procedure_advances_only_by_the_right_people_in_order,
    deployment_rules_each_fail_alone_with_their_message,
    a_refused_step_or_request_writes_nothing,
    every_page_shows_the_demo_history,
    a_request_is_planned_optimally_explained_and_accepted,
    who_can_fill_a_position_and_what_the_un_answered,
    missions_are_recorded_corrected_and_closed,
    a_request_is_corrected_line_by_line,
    a_unit_and_its_table_of_organisation_are_corrected,
    a_deployment_warns_when_its_legal_basis_was_not_in_force_on_departure
);

pub async fn call(
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

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
    call(app, Method::POST, path, token, Some(body)).await
}

async fn get(app: &TestApp, path: &str, token: &str) -> Value {
    let (status, value) = call(app, Method::GET, path, token, None).await;
    assert_eq!(status, StatusCode::OK, "{path}: {value}");
    value
}

fn field_of(problem: &Value) -> (String, String) {
    let first = &problem["errors"][0];
    (
        first["field"].as_str().unwrap_or_default().to_owned(),
        first["code"].as_str().unwrap_or_default().to_owned(),
    )
}

/// A coordinator of the peacekeeping department, with a token.
async fn coordinator(app: &TestApp) -> String {
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    app.token("coordinator").await
}

/// A request for one staff officer at UNMISS; returns (request id, position id).
pub async fn staff_officer_request(app: &TestApp, token: &str, reference: &str) -> (i64, i64) {
    let (status, request) = post(
        app,
        "/api/v1/requests",
        token,
        json!({
            "reference": reference,
            "mission": "UNMISS",
            "personnel_type": "staff_officer",
            "received_on": "2026-01-05",
            "nomination_deadline": "2026-02-01",
            "tour_start": "2026-04-01",
            "tour_months": "12",
            "positions": [{
                "title": "Military planning officer",
                "count": 1,
                "requirements": { "personnel_type": "staff_officer" }
            }]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{request}");
    let id = request["id"].as_i64().expect("id");
    let detail = get(app, &format!("/api/v1/requests/{id}"), token).await;
    let position = detail["positions"][0]["position"]["id"]
        .as_i64()
        .expect("position");
    (id, position)
}

async fn new_person(app: &TestApp, token: &str, number: &str, given: &str) -> i64 {
    let agency = app.agency_id("BQP-CGGHB").await;
    let (status, created) = post(
        app,
        "/api/v1/people",
        token,
        person(agency, number, "Đỗ", "Thị", given),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["person"]["id"].as_i64().expect("id")
}

async fn open_dossier(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    post(app, "/api/v1/dossiers", token, body).await
}

/// Attaches a small PDF of `kind` to the dossier as `token`.
pub async fn attach(app: &TestApp, token: &str, dossier: i64, kind: &str) -> StatusCode {
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!(
            "/api/v1/dossiers/{dossier}/documents?kind={kind}&file_name={kind}.pdf"
        ))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/pdf")
        .body(Body::from(format!("%PDF-1.7\n% {kind}\n")))
        .expect("request");
    app.send(request).await.status
}

async fn steps(app: &TestApp, token: &str, dossier: i64) -> Vec<Value> {
    get(app, &format!("/api/v1/dossiers/{dossier}"), token).await["steps"]
        .as_array()
        .expect("steps")
        .clone()
}

fn step_status(steps: &[Value], code: &str) -> Vec<String> {
    steps
        .iter()
        .filter(|s| s["step"]["code"] == code)
        .map(|s| s["step"]["status"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn step_id(steps: &[Value], code: &str) -> i64 {
    steps
        .iter()
        .find(|s| s["step"]["code"] == code)
        .and_then(|s| s["step"]["id"].as_i64())
        .expect("step")
}

/// Approves every open step of a dossier in turn, each by a user of the step's agency and
/// role (created on the way), attaching the documents a step needs.
pub async fn approve_all(app: &TestApp, reader: &str, dossier: i64) {
    for _ in 0..20 {
        let open: Vec<Value> = steps(app, reader, dossier)
            .await
            .into_iter()
            .filter(|s| s["step"]["status"] == "active")
            .collect();
        if open.is_empty() {
            return;
        }
        for step in open {
            let agency = step["step"]["agency_code"]
                .as_str()
                .expect("agency")
                .to_owned();
            let role = step["step"]["role"].as_str().expect("role").to_owned();
            let username = format!("{}.{}", agency.to_lowercase(), role.replace('_', "-"));
            if app.store.user_id_by_username(&username).await.is_err() {
                app.user(&username, &agency, &[&role]).await;
            }
            let token = app.token(&username).await;
            for kind in step["step"]["documents"]
                .as_str()
                .unwrap_or_default()
                .split(',')
                .filter(|k| !k.is_empty())
            {
                assert_eq!(
                    attach(app, &token, dossier, kind).await,
                    StatusCode::CREATED
                );
            }
            let id = step["step"]["id"].as_i64().expect("id");
            let (status, body) = post(
                app,
                &format!("/api/v1/dossiers/{dossier}/steps/{id}"),
                &token,
                json!({ "action": "approve" }),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
    }
    panic!("the dossier did not finish");
}

async fn missions_are_seeded_with_their_mandates_and_renewals_are_recorded(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    app.user("officer", "BQP", &["agency_officer"]).await;
    let officer = app.token("officer").await;
    let missions = get(&app, "/api/v1/missions", &token).await;
    assert_eq!(missions.as_array().expect("list").len(), 12);
    let unmiss = get(&app, "/api/v1/missions/UNMISS", &token).await;
    assert_eq!(unmiss["mission"]["latest_resolution"], "2779 (2025)");
    assert_eq!(unmiss["mission"]["mandate_ends_on"], "2026-04-30");
    let resolutions = unmiss["resolutions"].as_array().expect("resolutions");
    assert_eq!(resolutions.len(), 8);
    assert_eq!(resolutions[0]["votes_abstaining"], 3);

    // Outside their role: refused and audited.
    let denied_before = app.audit_count("permission_denied").await;
    let renewal = json!({
        "number": "2820 (2026)", "adopted_on": "2026-04-28",
        "votes_for": 12, "votes_against": 0, "votes_abstaining": 3,
        "mandate_ends_on": "2027-04-30", "troop_ceiling": 17000, "police_ceiling": 2101
    });
    let (status, _) = post(
        &app,
        "/api/v1/missions/UNMISS/resolutions",
        &officer,
        renewal.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count("permission_denied").await,
        denied_before + 1
    );

    let mut bad = renewal.clone();
    bad["votes_for"] = json!(14);
    let (status, problem) = post(&app, "/api/v1/missions/UNMISS/resolutions", &token, bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("votes_for".into(), "too_many_votes".into())
    );

    let (status, created) = post(
        &app,
        "/api/v1/missions/UNMISS/resolutions",
        &token,
        renewal.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (status, _) = post(&app, "/api/v1/missions/UNMISS/resolutions", &token, renewal).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let unmiss = get(&app, "/api/v1/missions/UNMISS", &token).await;
    assert_eq!(unmiss["mission"]["mandate_ends_on"], "2027-04-30");
    assert_eq!(unmiss["mission"]["latest_resolution"], "2820 (2026)");

    // One registry: every mandate resolution, seeded or recorded, is a council resolution
    // of the legal registry that names its mission.
    let resolutions = unmiss["resolutions"].as_array().expect("resolutions");
    assert_eq!(resolutions.len(), 9);
    assert!(
        resolutions.iter().all(|r| r["document_id"].is_i64()),
        "{unmiss}"
    );
    let renewal = resolutions
        .iter()
        .find(|r| r["number"] == 2820)
        .expect("the renewal");
    let document_id = renewal["document_id"].as_i64().expect("document");
    let document = get(
        &app,
        &format!("/api/v1/legal/documents/{document_id}"),
        &token,
    )
    .await;
    assert_eq!(document["document"]["number"], "S/RES/2820 (2026)");
    assert_eq!(document["document"]["kind"], "council_resolution");
    assert_eq!(document["document"]["effective_on"], "2026-04-28");
    assert_eq!(document["document"]["verified"], false);
    assert_eq!(document["mandate_of"]["code"], "UNMISS");
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let page = app.web_get(&session, "/missions/UNMISS").await;
    assert!(
        page.text
            .contains(&format!("<a href=\"/legal/{document_id}\">2820 (2026)</a>")),
        "{}",
        page.text
    );
    let page = app
        .web_get(&session, &format!("/legal/{document_id}"))
        .await;
    assert!(page.text.contains("Nhiệm vụ của phái bộ"), "{}", page.text);
    assert!(
        page.text.contains("href=\"/missions/UNMISS\""),
        "{}",
        page.text
    );
}

async fn the_procedure_is_chosen_by_date_and_category(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    let dossier = |dated: &str, category: &str, decision: &str| json!({ "title": format!("{decision} {category} {dated}"), "category": category, "decision": decision, "dated": dated });
    let (status, old) =
        open_dossier(&app, &token, dossier("2025-12-31", "mnd_armed", "send")).await;
    assert_eq!(status, StatusCode::CREATED, "{old}");
    let (status, new) =
        open_dossier(&app, &token, dossier("2026-01-02", "mnd_armed", "send")).await;
    assert_eq!(status, StatusCode::CREATED, "{new}");
    assert_eq!(old["template_code"], "armed-2021");
    assert_eq!(new["template_code"], "armed-2026");
    assert!(old["explanation"]
        .as_str()
        .unwrap_or_default()
        .contains("Resolution 130/2020/QH14"));
    assert!(new["explanation"]
        .as_str()
        .unwrap_or_default()
        .contains("Law 92/2025/QH15"));
    // The steps cite the provisions of their own regime.
    let old_steps = steps(&app, &token, old["id"].as_i64().expect("id")).await;
    assert_eq!(
        old_steps[0]["step"]["provision"],
        "Decree 61/2021/ND-CP, Art. 12"
    );
    assert_eq!(old_steps[0]["step"]["status"], "active");
    assert!(old_steps[1..]
        .iter()
        .all(|s| s["step"]["status"] == "waiting"));

    let (status, problem) =
        open_dossier(&app, &token, dossier("2025-06-01", "mps_armed", "extend")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("decision".into(), "not_under_this_law".into())
    );
    let (status, allowed) =
        open_dossier(&app, &token, dossier("2026-03-01", "mps_armed", "extend")).await;
    assert_eq!(status, StatusCode::CREATED, "{allowed}");
    assert_eq!(allowed["lead_agency_code"], "BCA-VPTT");

    let (status, problem) =
        open_dossier(&app, &token, dossier("2025-06-01", "civilian", "send")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("dated".into(), "no_procedure".into()));
    let (status, civil) =
        open_dossier(&app, &token, dossier("2026-06-01", "civilian", "send")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(civil["template_code"], "civilian-2026");
}

async fn the_procedure_advances_only_by_the_right_people_in_order(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    app.user("mfa", "BNG-TCQT", &["agency_officer"]).await;
    app.user("mof", "BTC", &["agency_officer"]).await;
    app.user("mof.approver", "BTC", &["approver"]).await;
    app.user("government", "VPCP", &["approver"]).await;
    let (mfa, mof, mof_approver, government) = (
        app.token("mfa").await,
        app.token("mof").await,
        app.token("mof.approver").await,
        app.token("government").await,
    );
    let (request, _) = staff_officer_request(&app, &token, "NV/OMA/2026/001").await;
    let (status, dossier) = open_dossier(
        &app,
        &token,
        json!({ "title": "Staff officers for UNMISS, 2026", "category": "mnd_armed", "decision": "send",
                "dated": "2026-01-10", "request_id": request }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{dossier}");
    let id = dossier["id"].as_i64().expect("id");
    let decide = |step: i64, action: &'static str, comment: Option<&'static str>| {
        (
            format!("/api/v1/dossiers/{id}/steps/{step}"),
            json!({ "action": action, "comment": comment }),
        )
    };
    let all = steps(&app, &token, id).await;
    let proposal = step_id(&all, "proposal");

    // The proposal needs its submission attached first; the wrong agency may not decide it.
    let (path, body) = decide(proposal, "approve", None);
    let denied_before = app.audit_count("permission_denied").await;
    let (status, _) = post(&app, &path, &mfa, body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count("permission_denied").await,
        denied_before + 1
    );
    let (status, problem) = post(&app, &path, &token, body.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("documents".into(), "missing_documents".into())
    );
    assert_eq!(
        attach(&app, &mfa, id, "submission").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        attach(&app, &token, id, "submission").await,
        StatusCode::CREATED
    );
    let (status, _) = post(&app, &path, &token, body.clone()).await;
    assert_eq!(status, StatusCode::OK);
    // Approved once only.
    let (status, problem) = post(&app, &path, &token, body).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        problem["errors"][0]["message"],
        "this step is “Approved”, not waiting for a decision: steps are decided in order, once"
    );

    // The two opinions run in parallel; the Government's step waits for both.
    let all = steps(&app, &token, id).await;
    assert_eq!(step_status(&all, "opinion_foreign_affairs"), ["active"]);
    assert_eq!(step_status(&all, "opinion_finance"), ["active"]);
    let government_step = step_id(&all, "government");
    let (path, body) = decide(step_id(&all, "opinion_foreign_affairs"), "approve", None);
    assert_eq!(post(&app, &path, &mfa, body).await.0, StatusCode::OK);
    let (path, body) = decide(government_step, "approve", None);
    assert_eq!(
        post(&app, &path, &government, body).await.0,
        StatusCode::CONFLICT,
        "skipped a step"
    );
    // The right agency with the wrong role is refused too.
    let (path, body) = decide(step_id(&all, "opinion_finance"), "approve", None);
    assert_eq!(
        post(&app, &path, &mof_approver, body.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(post(&app, &path, &mof, body).await.0, StatusCode::OK);
    let all = steps(&app, &token, id).await;
    assert_eq!(step_status(&all, "government"), ["active"]);

    // A return needs a comment and reopens both opinions.
    let (path, body) = decide(government_step, "return", None);
    let (status, problem) = post(&app, &path, &government, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("comment".into(), "required".into()));
    assert_eq!(
        problem["errors"][0]["message"],
        "a comment is required to return or reject a step"
    );
    let (path, body) = decide(government_step, "return", Some("Add the cost estimate"));
    assert_eq!(post(&app, &path, &government, body).await.0, StatusCode::OK);
    let all = steps(&app, &token, id).await;
    assert_eq!(step_status(&all, "opinion_foreign_affairs"), ["active"]);
    assert_eq!(step_status(&all, "opinion_finance"), ["active"]);
    assert_eq!(step_status(&all, "government"), ["waiting"]);
    assert_eq!(step_status(&all, "proposal"), ["approved"]);

    // Where dossiers wait: both opinions, one at each ministry.
    let waiting = get(&app, "/api/v1/dossiers/waiting", &token).await;
    let agencies: Vec<&str> = waiting["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .filter_map(|q| q["agency_code"].as_str())
        .collect();
    assert_eq!(agencies, ["BNG-TCQT", "BTC"]);

    approve_all(&app, &token, id).await;
    let detail = get(&app, &format!("/api/v1/dossiers/{id}"), &token).await;
    assert_eq!(detail["dossier"]["status"], "approved");
    let actions: Vec<&str> = detail["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"return"));
    let waiting = get(&app, "/api/v1/dossiers/waiting", &token).await;
    assert!(waiting["steps"].as_array().expect("steps").is_empty());
    // A finished dossier takes no more documents.
    assert_eq!(attach(&app, &token, id, "late").await, StatusCode::CONFLICT);
}

async fn deployment_rules_each_fail_alone_with_their_message(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    app.user("officer.bqp", "BQP-CGGHB", &["agency_officer"])
        .await;
    app.user("officer.bca", "BCA", &["agency_officer"]).await;
    let officer = app.token("officer.bqp").await;
    let outsider = app.token("officer.bca").await;
    let (request, position) = staff_officer_request(&app, &token, "NV/OMA/2026/002").await;
    let person = new_person(&app, &token, "QN-D1", "Hằng").await;
    let other = new_person(&app, &token, "QN-D2", "Lan").await;
    // Someone who fails the position's rules is nominated only with a written reason.
    let (status, refusal) = post(
        &app,
        &format!("/api/v1/request-positions/{position}/nominations"),
        &token,
        json!({ "person_id": person }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refusal}");
    assert_eq!(field_of(&refusal), ("reason".into(), "not_eligible".into()));
    assert!(
        refusal["errors"][0]["reasons"]
            .as_array()
            .is_some_and(|reasons| reasons
                .iter()
                .any(|r| r["code"] == "eligibility.passport_none")),
        "{refusal}"
    );
    assert_eq!(app.store.count("nomination").await.expect("count"), 0);
    let because = "Passport renewal filed; the mission accepts late passports";
    let (status, nomination) = post(
        &app,
        &format!("/api/v1/request-positions/{position}/nominations"),
        &token,
        json!({ "person_id": person, "reason": because }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{nomination}");
    let audited = app
        .store
        .list_audit(
            &bluehelm_store::audit::AuditFilter {
                entity: Some("nomination".to_owned()),
                ..Default::default()
            },
            bluehelm_domain::listing::PageRequest::default(),
        )
        .await
        .expect("audit");
    assert!(
        audited.items.iter().any(|entry| entry
            .after
            .as_deref()
            .is_some_and(|after| after.contains(because))),
        "the reason is in the audit trail"
    );
    let detail = get(&app, &format!("/api/v1/requests/{request}"), &token).await;
    assert_eq!(detail["request"]["status"], "nominated");
    // The verdict is shown beside the nomination: this person has no passport yet.
    let failures = detail["positions"][0]["nominations"][0]["failures"]
        .as_array()
        .expect("failures")
        .clone();
    assert!(
        failures.iter().any(|f| f["rule"] == "passport"),
        "{failures:?}"
    );

    let (_, dossier) = open_dossier(
        &app,
        &token,
        json!({ "title": "UNMISS staff officer", "category": "mnd_armed",
        "decision": "send", "dated": "2026-01-10", "request_id": request, "people": [person] }),
    )
    .await;
    let dossier = dossier["id"].as_i64().expect("dossier");
    let plan = |person: i64, departure: &str, end: &str| {
        json!({ "person_id": person, "dossier_id": dossier, "position_id": position,
                "appointment": "Military planning officer", "planned_departure": departure, "planned_end": end })
    };

    // Dates in order.
    let (status, problem) = post(
        &app,
        "/api/v1/deployments",
        &officer,
        plan(person, "2026-04-01", "2026-03-01"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("planned_end".into(), "out_of_order".into())
    );
    // Within the officer's agency only.
    let (status, _) = post(
        &app,
        "/api/v1/deployments",
        &outsider,
        plan(person, "2026-04-01", "2027-04-01"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, deployment) = post(
        &app,
        "/api/v1/deployments",
        &officer,
        plan(person, "2026-04-01", "2027-04-01"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{deployment}");
    assert_eq!(deployment["mission_code"], "UNMISS");
    assert_eq!(deployment["personnel_type"], "staff_officer");
    let id = deployment["id"].as_i64().expect("id");
    // One active deployment per person.
    let (status, problem) = post(
        &app,
        "/api/v1/deployments",
        &officer,
        plan(person, "2026-05-01", "2027-05-01"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["errors"][0]["field"], "person_id");
    assert!(
        problem["errors"][0]["message"].as_str().is_some_and(
            |message| message.starts_with("this person already has an active deployment (#")
        ),
        "{problem}"
    );
    let moving = format!("/api/v1/deployments/{id}/status");
    // No approval before the dossier is approved.
    let (status, problem) = post(&app, &moving, &officer, json!({ "status": "approved" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("dossier_id".into(), "dossier_not_approved".into())
    );
    approve_all(&app, &token, dossier).await;
    // Eligibility at approval: refused for the officer, even with a reason …
    let (status, problem) = post(
        &app,
        &moving,
        &officer,
        json!({ "status": "approved", "reason": "urgent" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("eligibility".into(), "not_eligible".into())
    );
    assert!(problem["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("passport"));
    assert!(
        problem["errors"][0]["reasons"]
            .as_array()
            .expect("the failed rules as reasons")
            .iter()
            .any(|reason| reason["code"]
                .as_str()
                .is_some_and(|code| code.starts_with("eligibility.passport"))),
        "{problem}"
    );
    // … and overridden by a coordinator with a written reason, which is kept and audited.
    let (status, approved) = post(
        &app,
        &moving,
        &token,
        json!({ "status": "approved", "reason": "Passport issued on 2026-02-01, entry pending" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    assert_eq!(
        approved["override_reason"],
        "Passport issued on 2026-02-01, entry pending"
    );
    // The path of statuses, and the dates each step needs.
    let (status, problem) = post(&app, &moving, &officer, json!({ "status": "deployed" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("status".into(), "transition".into()));
    assert_eq!(
        post(
            &app,
            &moving,
            &officer,
            json!({ "status": "pre_deployment" })
        )
        .await
        .0,
        StatusCode::OK
    );
    let (status, problem) = post(
        &app,
        &moving,
        &officer,
        json!({ "status": "deployed", "departed_on": "2026-04-02" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("arrived_on".into(), "required".into()));
    let (status, deployed) = post(
        &app,
        &moving,
        &officer,
        json!({ "status": "deployed", "departed_on": "2026-04-02", "arrived_on": "2026-04-03" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{deployed}");
    let person_now = get(&app, &format!("/api/v1/people/{person}"), &token).await;
    assert_eq!(person_now["person"]["status"], "deployed");
    // Incidents: discipline by the officer; health by the medical role, hidden from others.
    app.user("doctor", "BQP-HVQY", &["medical"]).await;
    let doctor = app.token("doctor").await;
    let incidents = format!("/api/v1/deployments/{id}/incidents");
    let illness = json!({ "kind": "illness", "occurred_on": "2026-05-02", "summary": "Malaria, treated at the level-2 hospital" });
    assert_eq!(
        post(&app, &incidents, &officer, illness.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(&app, &incidents, &doctor, illness).await.0,
        StatusCode::CREATED
    );
    let early = json!({ "kind": "discipline", "occurred_on": "2026-03-01", "summary": "Late at the muster" });
    let (status, problem) = post(&app, &incidents, &officer, early).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("occurred_on".into(), "out_of_order".into())
    );
    let discipline = json!({ "kind": "discipline", "occurred_on": "2026-05-10", "summary": "Curfew breach, reprimand" });
    assert_eq!(
        post(&app, &incidents, &officer, discipline).await.0,
        StatusCode::CREATED
    );
    let seen = get(&app, &incidents, &officer).await;
    assert_eq!(seen[0]["kind"], "illness");
    assert!(
        seen[0]["summary"].is_null(),
        "health details hidden: {seen}"
    );
    assert_eq!(seen[1]["summary"], "Curfew breach, reprimand");
    let seen = get(&app, &incidents, &doctor).await;
    assert_eq!(
        seen[0]["summary"],
        "Malaria, treated at the level-2 hospital"
    );
    // Follow-up by the same people, dated within the incident, until a step closes it; a
    // health incident's notes stay the medical role's.
    let incident_id = |n: usize| seen[n]["id"].as_i64().expect("incident");
    let follow = |n: usize| format!("{incidents}/{}/follow-ups", incident_id(n));
    let recovered =
        json!({ "dated": "2026-05-20", "note": "Recovered, back on duty", "closes": true });
    assert_eq!(
        post(&app, &follow(0), &officer, recovered.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, closed) = post(&app, &follow(0), &doctor, recovered.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{closed}");
    assert_eq!(closed["closed_on"], "2026-05-20");
    assert_eq!(closed["follow_ups"][0]["note"], "Recovered, back on duty");
    let (status, problem) = post(&app, &follow(0), &doctor, recovered).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("incident".into(), "closed".into()));
    let before = json!({ "dated": "2026-05-09", "note": "Hearing" });
    let (status, problem) = post(&app, &follow(1), &officer, before).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("dated".into(), "out_of_order".into()));
    let hearing = json!({ "dated": "2026-05-12", "note": "Hearing held, reprimand confirmed" });
    let (status, open) = post(&app, &follow(1), &officer, hearing).await;
    assert_eq!(status, StatusCode::CREATED, "{open}");
    assert!(open["closed_on"].is_null());
    let seen_by_officer = get(&app, &incidents, &officer).await;
    assert_eq!(seen_by_officer[0]["closed_on"], "2026-05-20");
    assert!(
        seen_by_officer[0]["follow_ups"][0]["note"].is_null(),
        "{seen_by_officer}"
    );
    // On the page: the officer follows up the disciplinary incident, not the health one.
    let session = app
        .sign_in("officer.bqp", PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let page = app.web_get(&session, &format!("/deployments/{id}")).await;
    let forms = page.text.matches("class=\"inline follow-up\"").count();
    assert_eq!(forms, 1, "{}", page.text);
    assert!(
        page.text.contains("Kết thúc theo dõi ngày 20/05/2026"),
        "{}",
        page.text
    );
    let follow_up_page = format!("/deployments/{id}/incidents/{}/follow-up", incident_id(1));
    let refused = app
        .web_post(
            &session,
            &follow_up_page,
            &[
                ("incident", &incident_id(1).to_string()),
                ("dated", "2026-05-13"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let note_field = format!(
        "id=\"follow-note-{}\" name=\"note\" value=\"\" aria-invalid=\"true\"",
        incident_id(1)
    );
    assert!(refused.text.contains(&note_field), "{}", refused.text);
    assert!(
        refused.text.contains("value=\"2026-05-13\""),
        "the date typed is kept"
    );
    let settled = app
        .web_post(
            &session,
            &follow_up_page,
            &[
                ("dated", "2026-05-14"),
                ("note", "Reprimand served"),
                ("closes", "1"),
            ],
        )
        .await;
    assert_eq!(settled.status, StatusCode::SEE_OTHER, "{}", settled.text);
    let now = get(&app, &incidents, &officer).await;
    assert_eq!(now[1]["closed_on"], "2026-05-14");
    assert_eq!(now[1]["follow_ups"].as_array().map(Vec::len), Some(2));
    let counts = get(&app, "/api/v1/statistics/deployed-now", &officer).await;
    assert_eq!(
        counts,
        json!([{ "mission_code": "UNMISS", "personnel_type": "staff_officer", "gender": "female", "people": 1 }])
    );
    // A correction of the person's record follows the deployment under way.
    let mut corrected = crate::people::person(
        app.agency_id("BQP-CGGHB").await,
        "QN-D1",
        "Đỗ",
        "Thị",
        "Hằng",
    );
    corrected["gender"] = json!("male");
    let (status, body) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/people/{person}"),
        &token,
        Some(corrected),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let counts = get(&app, "/api/v1/statistics/deployed-now", &officer).await;
    assert_eq!(counts[0]["gender"], "male");
    let (status, problem) = post(
        &app,
        &moving,
        &officer,
        json!({ "status": "returned", "returned_on": "2026-04-01" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("returned_on".into(), "out_of_order".into())
    );
    assert_eq!(
        post(
            &app,
            &moving,
            &officer,
            json!({ "status": "returned", "returned_on": "2027-04-05" })
        )
        .await
        .0,
        StatusCode::OK
    );
    let person_now = get(&app, &format!("/api/v1/people/{person}"), &token).await;
    assert_eq!(person_now["person"]["status"], "available");
    assert_eq!(person_now["person"]["last_return_on"], "2027-04-05");
    // Returned: the person may be planned again; the other person could be all along.
    assert_eq!(
        post(
            &app,
            "/api/v1/deployments",
            &officer,
            plan(person, "2028-06-01", "2029-06-01")
        )
        .await
        .0,
        StatusCode::CREATED
    );
    assert_eq!(
        post(
            &app,
            "/api/v1/deployments",
            &officer,
            plan(other, "2026-04-01", "2027-04-01")
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let audited = app.audit_count("update").await;
    assert!(audited >= 5, "every move is audited ({audited})");
}

async fn a_refused_step_or_request_writes_nothing(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    let tables = [
        "un_request",
        "request_position",
        "dossier",
        "dossier_step",
        "dossier_event",
        "audit_entry",
    ];
    let counts = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            let mut all = Vec::new();
            for table in tables {
                all.push(store.count(table).await.expect("count"));
            }
            all
        }
    };
    let before = counts(&app).await;
    // A request whose second position is bad: nothing of it is written.
    let (status, problem) = post(&app, "/api/v1/requests", &token, json!({
        "reference": "NV/2026/BAD", "mission": "UNISFA", "personnel_type": "military_observer",
        "received_on": "2026-01-05", "nomination_deadline": "2026-02-01", "tour_start": "2026-04-01", "tour_months": "12",
        "positions": [
            { "title": "Team site observer", "count": 2, "requirements": { "personnel_type": "military_observer" } },
            { "title": "", "count": 1, "requirements": { "personnel_type": "military_observer" } }
        ]
    })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem).0, "positions[1].title");
    assert_eq!(counts(&app).await, before);
    // Values typed by hand that match nothing Bluehelm knows: each refused by its field,
    // in the reader's language on the page, and nothing written.
    let (status, problem) = post(&app, "/api/v1/requests", &token, json!({
        "reference": "NV/2026/UNKNOWN", "mission": "UNISFA", "personnel_type": "staff_officer",
        "received_on": "2026-01-05", "nomination_deadline": "2026-02-01", "tour_start": "2026-04-01", "tour_months": "12",
        "positions": [
            { "title": "Staff officer", "count": 1, "requirements": { "personnel_type": "staff_officer",
              "specialties": ["sĩ quan tham mưu"] } },
            { "title": "Liaison officer", "count": 1, "requirements": { "personnel_type": "staff_officer",
              "language": { "language": "xx", "min_level": "B2" }, "qualifications": ["no-such-course"] } }
        ]
    })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let faults: Vec<(String, String)> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or_default().to_owned(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        faults,
        [
            (
                "positions[0].requirements.specialties".to_owned(),
                "unknown_value".to_owned()
            ),
            (
                "positions[1].requirements.qualifications".to_owned(),
                "unknown_value".to_owned()
            ),
            (
                "positions[1].requirements.language".to_owned(),
                "unknown_value".to_owned()
            ),
        ]
    );
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("sĩ quan tham mưu"),
        "{problem}"
    );
    assert_eq!(counts(&app).await, before);
    let session = app
        .sign_in("coordinator", PASSWORD)
        .await
        .unwrap_or_else(|response| panic!("sign-in refused: {}", response.text));
    let before = counts(&app).await;
    let page = app
        .web_post(
            &session,
            "/requests",
            &[
                ("reference", "NV/2026/UNKNOWN"),
                ("mission", "UNISFA"),
                ("personnel_type", "staff_officer"),
                ("received_on", "2026-01-05"),
                ("nomination_deadline", "2026-02-01"),
                ("tour_start", "2026-04-01"),
                ("tour_months", "12"),
                ("positions[0].title", "Staff officer"),
                ("positions[0].count", "1"),
                ("positions[0].specialty", "sĩ quan tham mưu"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text.contains("chuyên môn này không có trong danh mục"),
        "{}",
        page.text
    );
    assert_eq!(counts(&app).await, before);

    let (_, dossier) = open_dossier(&app, &token, json!({ "title": "Observers", "category": "mnd_armed", "decision": "send", "dated": "2026-02-01" })).await;
    let id = dossier["id"].as_i64().expect("id");
    let proposal = step_id(&steps(&app, &token, id).await, "proposal");
    let after_open = counts(&app).await;
    // A refused approval (no submission attached) changes no step, no history, no trail.
    let (status, _) = post(
        &app,
        &format!("/api/v1/dossiers/{id}/steps/{proposal}"),
        &token,
        json!({ "action": "approve" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(counts(&app).await, after_open);
    assert_eq!(
        step_status(&steps(&app, &token, id).await, "proposal"),
        ["active"]
    );
    // Rejecting from the page must be confirmed; unconfirmed, nothing moves.
    let unconfirmed = app
        .web_post(
            &session,
            &format!("/dossiers/{id}/steps/{proposal}"),
            &[("action", "reject"), ("comment", "")],
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed
        .text
        .contains("hãy đánh dấu ô xác nhận trước khi từ chối hồ sơ"));
    assert_eq!(
        step_status(&steps(&app, &token, id).await, "proposal"),
        ["active"]
    );
    // The step waits on the coordinator's home page, under the dossier's title.
    let home = app.web_get(&session, "/").await;
    let waiting = home
        .text
        .split("id=\"my-steps\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no step waits on the home page: {}", home.text));
    assert!(
        waiting.contains(&format!("/dossiers/{id}\">Observers</a>")),
        "{waiting}"
    );
    // A document of the wrong type is refused before anything is stored.
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!(
            "/api/v1/dossiers/{id}/documents?kind=submission&file_name=submission.pdf"
        ))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from("MZ\u{90}not a pdf"))
        .expect("request");
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&response.json()),
        ("file".into(), "content_mismatch".into())
    );
    // A kind of document that is not in the list is refused by its field.
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!(
            "/api/v1/dossiers/{id}/documents?kind=minutes&file_name=minutes.pdf"
        ))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from("%PDF-1.7\n"))
        .expect("request");
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&response.json()),
        ("kind".into(), "unknown_value".into())
    );
    // An office document is judged by its parts, not by the zip signature alone: twelve
    // bytes of junk and a workbook named .docx are refused alike.
    let workbook = app
        .api(Method::GET, "/api/v1/exports/people.xlsx", &token, None)
        .await
        .bytes;
    assert!(workbook.starts_with(b"PK\x03\x04"), "a real workbook");
    for body in [b"PK\x03\x04\0\0\0\0\0\0\0\0".to_vec(), workbook] {
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!(
                "/api/v1/dossiers/{id}/documents?kind=submission&file_name=submission.docx"
            ))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body))
            .expect("request");
        let response = app.send(request).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            field_of(&response.json()),
            ("file".into(), "content_mismatch".into())
        );
    }
    assert_eq!(app.store.count("dossier_document").await.expect("count"), 0);
}

async fn every_page_shows_the_demo_history(engine: Engine) {
    let Some(app) = TestApp::with_demo(engine, "demo-password-1").await else {
        return;
    };
    let session = app
        .sign_in("coordinator", "demo-password-1")
        .await
        .ok()
        .expect("signed in");
    let page = |path: &'static str| {
        let app = &app;
        let session = &session;
        async move {
            let response = app.web_get(session, path).await;
            assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.text);
            response.text
        }
    };
    let missions = page("/missions").await;
    assert!(
        missions.contains(r#"data-mission="UNMISS""#),
        "the map marks UNMISS"
    );
    // The demo renews the mandates that ended before today: none is shown as ended, while
    // those ending within weeks are flagged.
    let running = get(&app, "/api/v1/missions", &app.token("coordinator").await).await;
    for mission in running.as_array().expect("missions") {
        let ended = mission["mandate"]["state"] == "ended";
        assert!(
            !ended || !mission["mission"]["closed_on"].is_null(),
            "{mission}"
        );
    }
    let unmiss = page("/missions/UNMISS").await;
    assert!(unmiss.contains("2779 (2025)") && unmiss.contains("Dữ liệu mẫu"));
    // Expiries come a page at a time, soonest first: two pages of three are the first six.
    let coordinator = app.token("coordinator").await;
    let expiries = |query: &'static str| {
        let app = &app;
        let coordinator = &coordinator;
        async move {
            let found = get(
                app,
                &format!("/api/v1/expiries?within_days=730&{query}"),
                coordinator,
            )
            .await;
            let items = found["items"].as_array().expect("items").clone();
            (found["total"].as_i64().expect("total"), items)
        }
    };
    let (total, six) = expiries("per_page=6").await;
    let (_, first) = expiries("per_page=3&page=1").await;
    let (_, second) = expiries("per_page=3&page=2").await;
    assert!(
        total > 50,
        "the demo's records expire within two years: {total}"
    );
    assert_eq!(six.len(), 6);
    assert_eq!([first, second].concat(), six);
    let dates: Vec<&str> = six
        .iter()
        .filter_map(|e| e["expires_on"].as_str())
        .collect();
    assert!(dates.windows(2).all(|pair| pair[0] <= pair[1]), "{dates:?}");
    // Other orders: the latest first, or by agency; an unknown one is refused on `sort`.
    let (_, latest) = expiries("per_page=6&sort=-expires_on").await;
    let latest: Vec<&str> = latest
        .iter()
        .filter_map(|e| e["expires_on"].as_str())
        .collect();
    assert!(
        latest.windows(2).all(|pair| pair[0] >= pair[1]),
        "{latest:?}"
    );
    assert!(latest[0] > dates[5], "the latest come first: {latest:?}");
    let (_, by_agency) = expiries("per_page=50&sort=agency").await;
    let agencies: Vec<&str> = by_agency
        .iter()
        .filter_map(|e| e["agency_code"].as_str())
        .collect();
    assert_eq!(agencies.len(), 50);
    assert!(
        agencies.windows(2).all(|pair| pair[0] <= pair[1]),
        "{agencies:?}"
    );
    let (status, refused) = call(
        &app,
        Method::GET,
        "/api/v1/expiries?sort=surname",
        &coordinator,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(field_of(&refused).0, "sort");
    let listed = page("/expiries?days=730").await.replace("&#38;", "&");
    assert!(
        listed.contains(&format!("({total})"))
            && listed.contains("/expiries?days=730&sort=expires_on&page=2"),
        "the count and the next page: {listed}"
    );
    let latest_first = page("/expiries?days=730&sort=-expires_on")
        .await
        .replace("&#38;", "&");
    assert!(
        latest_first.contains(r#"<th scope="col" aria-sort="descending"><a href="/expiries?days=730&sort=expires_on">"#)
            && latest_first.contains(r#"<a href="/expiries?days=730&sort=name">"#),
        "the headings sort the list: {latest_first}"
    );
    let dossiers = page("/dossiers").await;
    assert!(
        dossiers.contains(r#"class="overdue""#),
        "a step is past its limit"
    );
    let waiting = get(&app, "/api/v1/dossiers", &app.token("coordinator").await).await;
    let statuses: std::collections::BTreeSet<&str> = waiting
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["status"].as_str())
        .collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        ["approved", "in_progress", "rejected"]
    );
    for path in [
        "/requests",
        "/requests/1",
        "/dossiers/1",
        "/deployments",
        "/deployments/1",
        "/units",
        "/units/1",
    ] {
        page(path).await;
    }
    assert!(page("/units")
        .await
        .contains("Bệnh viện dã chiến cấp 2 số 1"));
    // The table of organisation names specialties and languages, not their codes.
    let organisation = page("/units/1").await;
    let organisation = organisation
        .split("id=\"organisation\"")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .expect("the table of organisation");
    assert!(
        organisation.contains("<li>Chuyên môn: Bác sĩ</li>")
            && organisation.contains("<li>tiếng Anh trình độ B1 trở lên</li>"),
        "{organisation}"
    );
    assert!(!organisation.contains("medical_doctor"), "{organisation}");
    // Who can fill a line: the line's requirements, then the pool ranked for it, without
    // nominating (the unit's plan fills its lines).
    let token = app.token("coordinator").await;
    let line = get(&app, "/api/v1/units/1", &token).await["positions"][0]["id"]
        .as_i64()
        .expect("a line");
    let fits = get(
        &app,
        &format!("/api/v1/units/1/positions/{line}/candidates"),
        &token,
    )
    .await;
    assert_eq!(
        (fits["unit_id"].as_i64(), fits["position_id"].as_i64()),
        (Some(1), Some(line))
    );
    assert!(fits["request_id"].is_null());
    let listed = fits["eligible"].as_array().map_or(0, Vec::len)
        + fits["near_misses"].as_array().map_or(0, Vec::len);
    assert!(listed > 0, "{fits}");
    assert!(fits["eligible"]
        .as_array()
        .expect("eligible")
        .iter()
        .all(|fit| fit["failures"].as_array().is_some_and(Vec::is_empty)));
    let candidates_path = format!("/units/1/positions/{line}/candidates");
    let response = app.web_get(&session, &candidates_path).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    let candidates = response.text;
    assert!(
        candidates.contains("<li>Chuyên môn: Bác sĩ</li>"),
        "{candidates}"
    );
    assert!(!candidates.contains("class=\"nominate\""), "{candidates}");
    assert!(organisation.contains(&format!("/units/1/positions/{line}/candidates")));
    // The deployments list pages like every list: pages from 1, disjoint, counted.
    let first = get(&app, "/api/v1/deployments?per_page=3", &token).await;
    let second = get(&app, "/api/v1/deployments?per_page=3&page=2", &token).await;
    let ids = |page: &serde_json::Value| -> Vec<i64> {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|item| item["id"].as_i64())
            .collect()
    };
    assert_eq!(ids(&first).len(), 3, "{first}");
    assert!(
        first["total"].as_i64().is_some_and(|total| total > 3),
        "{first}"
    );
    assert!(ids(&second).iter().all(|id| !ids(&first).contains(id)));
    let zero = app
        .api(Method::GET, "/api/v1/deployments?page=0", &token, None)
        .await;
    assert_eq!(
        zero.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        zero.text
    );
    assert_eq!(zero.json()["errors"][0]["field"], "page");
    // It sorts by mission code (either way), refuses an unknown key by name, and the page
    // offers the same order with dates dd/mm/yyyy.
    let codes = |page: &serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|item| item["mission_code"].as_str().map(str::to_owned))
            .collect()
    };
    let ascending = codes(
        &get(
            &app,
            "/api/v1/deployments?sort=mission&per_page=200",
            &token,
        )
        .await,
    );
    let descending = codes(
        &get(
            &app,
            "/api/v1/deployments?sort=-mission&per_page=200",
            &token,
        )
        .await,
    );
    assert!(ascending.windows(2).all(|w| w[0] <= w[1]), "{ascending:?}");
    assert!(
        descending.windows(2).all(|w| w[0] >= w[1]),
        "{descending:?}"
    );
    assert_ne!(ascending.first(), descending.first(), "{ascending:?}");
    let unknown = app
        .api(Method::GET, "/api/v1/deployments?sort=salary", &token, None)
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.json()["errors"][0]["field"], "sort");
    let listed = app.web_get(&session, "/deployments?sort=-mission").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        listed
            .text
            .contains("aria-sort=\"descending\"><a href=\"/deployments?sort=mission\">"),
        "{}",
        listed.text
    );
    let first =
        &get(&app, "/api/v1/deployments?sort=-mission&per_page=1", &token).await["items"][0];
    let departure = first["planned_departure"].as_str().expect("departure");
    let (year, rest) = departure.split_once('-').expect("a date");
    let (month, day) = rest.split_once('-').expect("a date");
    assert!(
        listed
            .text
            .contains(&format!("<td>{day}/{month}/{year} – ")),
        "dates read dd/mm/yyyy: {}",
        listed.text
    );
    // The demo gives some people missions they asked for; the person page shows them and
    // its form replaces them, refusing more than three with the reason on the card.
    let coordinator_token = app.token("coordinator").await;
    let asked = get(&app, "/api/v1/people/1", &coordinator_token).await;
    let asked: Vec<String> = asked["preferred_missions"]
        .as_array()
        .expect("preferred missions")
        .iter()
        .filter_map(|m| m.as_str().map(str::to_owned))
        .collect();
    assert!(
        !asked.is_empty(),
        "the demo's first person asked for a mission"
    );
    let person_page = page("/people/1").await;
    let card = person_page
        .split(r#"id="preferences""#)
        .nth(1)
        .expect("the preferences card");
    assert!(asked.iter().all(|code| card.contains(code.as_str())));
    let saved = app
        .web_post(
            &session,
            "/people/1/preferences",
            &[("missions", "UNMISS"), ("missions", "MINUSCA")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let asked = get(&app, "/api/v1/people/1", &coordinator_token).await;
    assert_eq!(asked["preferred_missions"], json!(["MINUSCA", "UNMISS"]));
    let refused = app
        .web_post(
            &session,
            "/people/1/preferences",
            &[
                ("missions", "UNMISS"),
                ("missions", "MINUSCA"),
                ("missions", "UNIFIL"),
                ("missions", "MONUSCO"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("field-error"));
    let asked = get(&app, "/api/v1/people/1", &coordinator_token).await;
    assert_eq!(asked["preferred_missions"], json!(["MINUSCA", "UNMISS"]));
    // A unit's plan is accepted under one of its dossiers, or says one is needed first.
    let unit_plan = page("/units/1/plan").await;
    assert!(unit_plan.contains("plan-filled"));
    assert!(
        (unit_plan.contains("accept-plan") && unit_plan.contains("dossier-id"))
            != unit_plan.contains("needs-dossier")
    );
    let plan = page("/requests/1/plan").await;
    assert!(
        plan.contains("plan-filled")
            && plan.contains("accept-plan")
            && plan.contains("min-women")
            && plan.contains("max-per-agency")
    );
    // Declining a request ends the work on it: the form asks for a confirmation first.
    let status_of = || {
        let app = &app;
        let token = &coordinator_token;
        async move {
            get(app, "/api/v1/requests/1", token).await["request"]["status"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    let before = status_of().await;
    assert_ne!(before, "declined");
    let unconfirmed = app
        .web_post(&session, "/requests/1/status", &[("status", "declined")])
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.text.contains("hãy đánh dấu ô xác nhận"));
    assert_eq!(status_of().await, before);
    let confirmed = app
        .web_post(
            &session,
            "/requests/1/status",
            &[("status", "declined"), ("confirm", "1")],
        )
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.text
    );
    assert_eq!(status_of().await, "declined");
}

async fn a_request_is_planned_optimally_explained_and_accepted(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    app.user("officer", "BQP", &["agency_officer"]).await;
    let officer = app.token("officer").await;
    bluehelm::demo::load_people(&app.store, 300, 7)
        .await
        .expect("pool");
    let (status, request) = post(
        &app,
        "/api/v1/requests",
        &token,
        json!({
            "reference": "NV/OMA/2026/PLAN", "mission": "UNMISS", "personnel_type": "staff_officer",
            "received_on": "2026-01-05", "nomination_deadline": "2026-02-01",
            "tour_start": "2026-04-01", "tour_months": "12",
            "positions": [{ "title": "Staff officer", "count": 3, "requirements": { "personnel_type": "staff_officer" } }]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{request}");
    let id = request["id"].as_i64().expect("id");
    let plan_path = format!("/api/v1/requests/{id}/plan");
    assert_eq!(
        post(&app, &plan_path, &officer, json!({})).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, plan) = post(&app, &plan_path, &token, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    assert_eq!(plan["posts"], 3);
    assert_eq!(
        plan["filled"], 3,
        "the pool has eligible staff officers: {plan}"
    );
    let chosen: Vec<i64> = plan["assignments"]
        .as_array()
        .expect("assignments")
        .iter()
        .map(|a| a["score"].as_i64().unwrap_or(0))
        .collect();
    let total: i64 = chosen.iter().sum();
    assert_eq!(plan["score"].as_i64(), Some(total));
    // Optimal for one position: nobody left out scores more than the lowest chosen.
    let lowest = chosen.iter().copied().min().unwrap_or(0);
    for runner in plan["runners_up"].as_array().expect("runners up") {
        assert!(runner["score"].as_i64().unwrap_or(0) <= lowest, "{runner}");
    }
    // Every choice is explained point by point.
    for assignment in plan["assignments"].as_array().expect("assignments") {
        let parts: i64 = assignment["parts"]
            .as_array()
            .expect("parts")
            .iter()
            .map(|p| p["points"].as_i64().unwrap_or(0))
            .sum();
        assert_eq!(Some(parts), assignment["score"].as_i64());
    }
    let position = plan["assignments"][0]["position_id"]
        .as_i64()
        .expect("position");
    let first = plan["assignments"][0]["person_id"]
        .as_i64()
        .expect("person");
    // Forbid the first choice: they are gone, and the plan fills the post with another.
    let (_, again) = post(
        &app,
        &plan_path,
        &token,
        json!({ "forbids": [{ "position_id": position, "person_id": first }] }),
    )
    .await;
    assert_eq!(again["filled"], 3);
    assert!(again["assignments"]
        .as_array()
        .expect("assignments")
        .iter()
        .all(|a| a["person_id"].as_i64() != Some(first)));
    assert!(again["score"].as_i64() <= plan["score"].as_i64());
    // Pin a runner-up: they are in, marked pinned.
    if let Some(runner) = plan["runners_up"][0]["person_id"].as_i64() {
        let (_, pinned) = post(
            &app,
            &plan_path,
            &token,
            json!({ "pins": [{ "position_id": position, "person_id": runner }] }),
        )
        .await;
        assert!(pinned["assignments"]
            .as_array()
            .expect("assignments")
            .iter()
            .any(|a| a["person_id"].as_i64() == Some(runner) && a["pinned"] == true));
    }
    // A person who asks for the request's mission scores the preference weight more: the
    // best runner-up asking for UNMISS makes the optimum the better of the old plan and the
    // old plan with its lowest choice swapped for them.
    let (runner, runner_score) = plan["runners_up"]
        .as_array()
        .expect("runners up")
        .iter()
        .filter_map(|r| Some((r["person_id"].as_i64()?, r["score"].as_i64()?)))
        .max_by_key(|&(id, score)| (score, -id))
        .expect("a runner-up");
    let preferences = format!("/api/v1/people/{runner}/preferences");
    let (status, problem) = call(
        &app,
        Method::PUT,
        &preferences,
        &token,
        Some(json!({ "missions": ["UNMISS", "NOPE"] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("missions".into(), "unknown_value".into())
    );
    let (status, problem) = call(
        &app,
        Method::PUT,
        &preferences,
        &token,
        Some(json!({ "missions": ["UNMISS", "MINUSCA", "UNIFIL", "MONUSCO"] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("missions".into(), "too_many".into()));
    let (status, saved) = call(
        &app,
        Method::PUT,
        &preferences,
        &token,
        Some(json!({ "missions": ["unmiss"] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["missions"], json!(["UNMISS"]));
    let shown = get(&app, &format!("/api/v1/people/{runner}"), &token).await;
    assert_eq!(shown["preferred_missions"], json!(["UNMISS"]));
    let (_, preferred) = post(&app, &plan_path, &token, json!({})).await;
    let old_score = plan["score"].as_i64().expect("score");
    assert_eq!(
        preferred["score"].as_i64(),
        Some(old_score.max(old_score - lowest + runner_score + 20)),
        "{preferred}"
    );
    if runner_score + 20 > lowest {
        let theirs = preferred["assignments"]
            .as_array()
            .expect("assignments")
            .iter()
            .find(|a| a["person_id"].as_i64() == Some(runner))
            .expect("the runner-up is chosen");
        assert!(theirs["parts"]
            .as_array()
            .expect("parts")
            .iter()
            .any(|p| p["criterion"] == "preference" && p["points"] == 20));
    }
    let plan = preferred;
    // A woman among the three: the plan has one, proven optimal, no better than without
    // the limit; more women than posts is refused naming the limit.
    let women_of = |plan: &serde_json::Value| {
        plan["by_gender"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["key"] == "female")
            .and_then(|c| c["people"].as_i64())
            .unwrap_or(0)
    };
    let (status, with_woman) = post(&app, &plan_path, &token, json!({ "min_women": 1 })).await;
    assert_eq!(status, StatusCode::OK, "{with_woman}");
    assert!(women_of(&with_woman) >= 1, "{with_woman}");
    assert_eq!(with_woman["status"], "optimal");
    assert_eq!(with_woman["filled"], 3);
    assert!(with_woman["score"].as_i64() <= plan["score"].as_i64());
    if women_of(&plan) >= 1 {
        assert_eq!(with_woman["score"], plan["score"]);
    }
    let (status, problem) = post(&app, &plan_path, &token, json!({ "min_women": 4 })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        field_of(&problem),
        ("min_women".into(), "cannot_be_met".into())
    );
    // One person per agency at most: the plan keeps to it, proven optimal, and no better
    // than without the cap.
    let (status, capped) = post(&app, &plan_path, &token, json!({ "max_per_agency": 1 })).await;
    assert_eq!(status, StatusCode::OK, "{capped}");
    assert_eq!(capped["status"], "optimal");
    assert!(capped["by_agency"]
        .as_array()
        .expect("agencies")
        .iter()
        .all(|c| c["people"].as_i64() <= Some(1)));
    assert!(capped["score"].as_i64() <= plan["score"].as_i64());
    let most = plan["by_agency"]
        .as_array()
        .expect("agencies")
        .iter()
        .filter_map(|c| c["people"].as_i64())
        .max()
        .unwrap_or(0);
    if most <= 1 {
        assert_eq!(capped["score"], plan["score"]);
    }
    // Two of the chosen who must not go together: at most one goes, proven optimal; pinned
    // both, the refusal names the pair's field. A chosen one who must go with someone
    // left out: both go or neither.
    let chosen_people: Vec<i64> = plan["assignments"]
        .as_array()
        .expect("assignments")
        .iter()
        .filter_map(|a| a["person_id"].as_i64())
        .collect();
    let sent = |plan: &Value, person: i64| {
        plan["assignments"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|a| a["person_id"].as_i64() == Some(person))
    };
    let (first, second) = (chosen_people[0], chosen_people[1]);
    let (status, parted) = post(
        &app,
        &plan_path,
        &token,
        json!({ "apart": [{ "first": first, "second": second }] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{parted}");
    assert_eq!(parted["status"], "optimal");
    assert!(!(sent(&parted, first) && sent(&parted, second)), "{parted}");
    assert!(parted["score"].as_i64() <= plan["score"].as_i64());
    assert_eq!(parted["apart"][0]["first"], first);
    let (status, problem) = post(
        &app,
        &plan_path,
        &token,
        json!({ "apart": [{ "first": first, "second": second }],
                "pins": [{ "position_id": position, "person_id": first },
                         { "position_id": position, "person_id": second }] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(field_of(&problem), ("apart".into(), "cannot_be_met".into()));
    let left_out = plan["runners_up"]
        .as_array()
        .expect("runners up")
        .iter()
        .filter_map(|r| r["person_id"].as_i64())
        .find(|id| !chosen_people.contains(id))
        .expect("someone left out");
    let (status, teamed) = post(
        &app,
        &plan_path,
        &token,
        json!({ "together": [{ "first": first, "second": left_out }] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{teamed}");
    assert_eq!(sent(&teamed, first), sent(&teamed, left_out), "{teamed}");
    assert!(teamed["score"].as_i64() <= plan["score"].as_i64());
    let (status, problem) = post(
        &app,
        &plan_path,
        &token,
        json!({ "together": [{ "first": first, "second": 999_999 }] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("together".into(), "not_found".into()));
    // On the page the pair is chosen from two pick-lists of the people the plan names,
    // and shown by their names.
    let session = app
        .sign_in("coordinator", PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let page = app
        .web_get(
            &session,
            &format!("/requests/{id}/plan?together_first={first}&together_second={left_out}"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let pairs = page
        .text
        .split("id=\"together-pairs\"")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_else(|| panic!("the pair is not shown: {}", page.text));
    assert!(pairs.contains(" + "), "{pairs}");
    assert!(
        !pairs.contains('#'),
        "people are named, not numbered: {pairs}"
    );
    assert!(page
        .text
        .contains(&format!("<option value=\"{left_out}\">")));
    // Someone not eligible cannot be pinned, and the refusal names them.
    let agency = app.agency_id("BQP-CGGHB").await;
    let (_, young) = post(
        &app,
        "/api/v1/people",
        &token,
        crate::people::person(agency, "QN-P-NONE", "Hà", "Văn", "Mới"),
    )
    .await;
    let young = young["person"]["id"].as_i64().expect("id");
    let (status, problem) = post(
        &app,
        &plan_path,
        &token,
        json!({ "pins": [{ "position_id": position, "person_id": young }] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("pins".into(), "not_eligible".into()));
    // Accepting nominates the people of the plan.
    let (status, accepted) = post(&app, &format!("{plan_path}/accept"), &token, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{accepted}");
    let detail = get(&app, &format!("/api/v1/requests/{id}"), &token).await;
    assert_eq!(detail["request"]["status"], "nominated");
    assert_eq!(
        detail["positions"][0]["nominations"]
            .as_array()
            .expect("nominations")
            .len(),
        3
    );
    assert!(detail["positions"][0]["nominations"]
        .as_array()
        .expect("nominations")
        .iter()
        .all(|n| n["failures"].as_array().is_some_and(|f| f.is_empty())));
    // A unit's plan, accepted under the unit's dossier, plans its people as the rotation's
    // deployments; accepting again adds nobody, and another unit's dossier is refused.
    let (status, unit) = post(
        &app,
        "/api/v1/units",
        &token,
        json!({ "name": "Engineering company 9", "kind": "engineering", "rotation": 1,
                "mission": "UNISFA", "tour_months": 12 }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{unit}");
    let unit_id = unit["id"].as_i64().expect("unit");
    let (status, line) = post(
        &app,
        &format!("/api/v1/units/{unit_id}/positions"),
        &token,
        json!({ "title": "Sapper", "count": 2 }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{line}");
    let (status, unit_dossier) = open_dossier(
        &app,
        &token,
        json!({ "title": "Engineering company 9, rotation 1", "category": "mnd_armed",
                "decision": "send", "dated": "2026-03-01", "unit_id": unit_id }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{unit_dossier}");
    let unit_dossier = unit_dossier["id"].as_i64().expect("dossier");
    let (status, other_dossier) = open_dossier(
        &app,
        &token,
        json!({ "title": "Not the unit's", "category": "mnd_armed", "decision": "send",
                "dated": "2026-03-01" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{other_dossier}");
    let accept_unit = format!("/api/v1/units/{unit_id}/plan/accept");
    let (status, problem) = post(
        &app,
        &accept_unit,
        &token,
        json!({ "dossier_id": other_dossier["id"] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        field_of(&problem),
        ("dossier_id".into(), "other_unit".into())
    );
    let (status, accepted) = post(
        &app,
        &accept_unit,
        &token,
        json!({ "dossier_id": unit_dossier }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{accepted}");
    assert_eq!(accepted["filled"], 2, "{accepted}");
    let members = |detail: &Value| -> Vec<(i64, String, i64, String)> {
        let mut found: Vec<_> = detail["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|d| {
                (
                    d["person_id"].as_i64().unwrap_or(0),
                    d["status"].as_str().unwrap_or("").to_owned(),
                    d["dossier_id"].as_i64().unwrap_or(0),
                    d["appointment"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        found.sort();
        found
    };
    let planned = members(&get(&app, &format!("/api/v1/units/{unit_id}"), &token).await);
    // The members come a page at a time, counted.
    let second = get(
        &app,
        &format!("/api/v1/units/{unit_id}?per_page=1&page=2"),
        &token,
    )
    .await;
    assert_eq!(
        (
            second["members"].as_array().map(Vec::len),
            second["members_total"].as_i64(),
            second["members_pages"].as_i64()
        ),
        (Some(1), Some(2), Some(2)),
        "{second}"
    );
    let mut chosen: Vec<i64> = accepted["assignments"]
        .as_array()
        .expect("assignments")
        .iter()
        .filter_map(|a| a["person_id"].as_i64())
        .collect();
    chosen.sort();
    assert_eq!(
        planned,
        chosen
            .iter()
            .map(|&person| (
                person,
                "planned".to_owned(),
                unit_dossier,
                "Sapper".to_owned()
            ))
            .collect::<Vec<_>>()
    );
    let (status, _) = post(
        &app,
        &accept_unit,
        &token,
        json!({ "dossier_id": unit_dossier }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        members(&get(&app, &format!("/api/v1/units/{unit_id}"), &token).await),
        planned
    );
    // People planned with one unit are committed: another unit's plan leaves them out.
    let (_, second) = post(
        &app,
        "/api/v1/units",
        &token,
        json!({ "name": "Engineering company 10", "kind": "engineering", "rotation": 1,
                "mission": "UNISFA", "tour_months": 12 }),
    )
    .await;
    let second = second["id"].as_i64().expect("unit");
    post(
        &app,
        &format!("/api/v1/units/{second}/positions"),
        &token,
        json!({ "title": "Sapper", "count": 2 }),
    )
    .await;
    let (status, other_plan) = post(
        &app,
        &format!("/api/v1/units/{second}/plan"),
        &token,
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{other_plan}");
    assert_eq!(other_plan["filled"], 2, "{other_plan}");
    assert!(other_plan["assignments"]
        .as_array()
        .expect("assignments")
        .iter()
        .all(|a| !chosen.contains(&a["person_id"].as_i64().unwrap_or(0))));
    // A unit's sections are the groups of its women quotas: the lines of one section
    // share it, a line outside any section is a group of its own; a share rounds up.
    let (_, sectioned) = post(
        &app,
        "/api/v1/units",
        &token,
        json!({ "name": "Engineering company 11", "kind": "engineering", "rotation": 1,
                "mission": "UNISFA", "tour_months": 12 }),
    )
    .await;
    let sectioned = sectioned["id"].as_i64().expect("unit");
    for (title, section, count) in [
        ("Sapper", " Khối   kỹ thuật ", 2),
        ("Driver", "Khối kỹ thuật", 2),
        ("Cook", "", 1),
    ] {
        let (status, line) = post(
            &app,
            &format!("/api/v1/units/{sectioned}/positions"),
            &token,
            json!({ "title": title, "count": count, "section": section }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{line}");
        let expected = if section.is_empty() {
            Value::Null
        } else {
            json!("Khối kỹ thuật")
        };
        assert_eq!(line["section"], expected, "one spelling per section");
    }
    let sectioned_plan = format!("/api/v1/units/{sectioned}/plan");
    let (status, half) = post(
        &app,
        &sectioned_plan,
        &token,
        json!({ "min_women_share": 50 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{half}");
    assert_eq!(half["filled"], 5, "{half}");
    let groups: Vec<(String, i64, Option<i64>)> = half["women_by_group"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap_or("").to_owned(),
                g["posts"].as_i64().unwrap_or(0),
                g["at_least"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("Khối kỹ thuật".to_owned(), 4, Some(2)),
            ("Cook".to_owned(), 1, Some(1))
        ]
    );
    let women_on = |titles: &[&str]| {
        half["assignments"]
            .as_array()
            .expect("assignments")
            .iter()
            .filter(|a| a["gender"] == "female")
            .filter(|a| titles.contains(&a["position_title"].as_str().unwrap_or("")))
            .count() as i64
    };
    assert!(women_on(&["Sapper", "Driver"]) >= 2, "{half}");
    assert_eq!(women_on(&["Cook"]), 1, "{half}");
    assert_eq!(
        half["women_by_group"][0]["women"].as_i64(),
        Some(women_on(&["Sapper", "Driver"]))
    );
    let (status, problem) = post(
        &app,
        &sectioned_plan,
        &token,
        json!({ "min_women_share": 150 }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        field_of(&problem),
        ("min_women_share".into(), "out_of_range".into())
    );
    let (status, problem) = post(
        &app,
        &sectioned_plan,
        &token,
        json!({ "min_women_share": 50, "min_women_per_group": 1 }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        field_of(&problem),
        ("min_women_share".into(), "one_or_other".into())
    );
    let plan_page = app
        .web_get(
            &session,
            &format!("/units/{sectioned}/plan?min_women_share=50"),
        )
        .await
        .text;
    assert!(
        plan_page.contains("Khối kỹ thuật: ") && plan_page.contains("Nữ theo từng bộ phận"),
        "{plan_page}"
    );
    // The weights are settings: a coordinator may not change them, an administrator may
    // within bounds, and the next proposal scores with them.
    let weights = get(&app, "/api/v1/settings/suitability", &token).await;
    assert_eq!(weights["specialty"], 30);
    let nothing = json!({
        "specialty": 0, "training_each": 0, "training_max_count": 0,
        "language_per_level": 0, "rest_per_three_months": 0, "rest_max_months": 0,
        "experience_per_tour": 0, "experience_max_tours": 0, "rank_fit": 0, "rank_step_loss": 0,
        "preference": 0
    });
    let (status, _) = call(
        &app,
        Method::PUT,
        "/api/v1/settings/suitability",
        &token,
        Some(nothing.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let admin = app.token("admin").await;
    let mut too_many = nothing.clone();
    too_many["training_max_count"] = json!(21);
    let (status, problem) = call(
        &app,
        Method::PUT,
        "/api/v1/settings/suitability",
        &admin,
        Some(too_many),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("training_max_count".into(), "out_of_range".into())
    );
    let (status, _) = call(
        &app,
        Method::PUT,
        "/api/v1/settings/suitability",
        &admin,
        Some(nothing),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, flat) = post(&app, &plan_path, &token, json!({})).await;
    assert_eq!(flat["score"], 0, "{flat}");
    assert_eq!(flat["filled"], 3);
}

async fn person_status(app: &TestApp, token: &str, person: i64) -> String {
    let detail = get(app, &format!("/api/v1/people/{person}"), token).await;
    detail["person"]["status"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// "Who can fill this?" lists exactly the eligible people and the near misses, with the
/// rules they fail; a nomination holds its person until it is withdrawn or the UN says no;
/// the web form takes several position lines, each refused on its own line.
async fn who_can_fill_a_position_and_what_the_un_answered(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    bluehelm::demo::load_people(&app.store, 300, 7)
        .await
        .expect("pool");
    let (status, request) = post(
        &app,
        "/api/v1/requests",
        &token,
        json!({
            "reference": "NV/OMA/2026/FIT", "mission": "UNMISS", "personnel_type": "staff_officer",
            "received_on": "2026-01-05", "nomination_deadline": "2026-02-01",
            "tour_start": "2026-04-01", "tour_months": "12",
            "positions": [{ "title": "Planning officer", "count": 2, "requirements": {
                "personnel_type": "staff_officer", "min_rank": 8, "max_rank": 12,
                "specialties": ["staff_officer"] } }]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{request}");
    let request = request["id"].as_i64().expect("id");
    let detail = get(&app, &format!("/api/v1/requests/{request}"), &token).await;
    let position = detail["positions"][0]["position"]["id"]
        .as_i64()
        .expect("position");
    let fits = get(
        &app,
        &format!("/api/v1/request-positions/{position}/candidates"),
        &token,
    )
    .await;
    let count = |name: &str| fits[name].as_array().map_or(0, Vec::len) as i64;
    let number = |name: &str| fits[name].as_i64().unwrap_or(-1);
    assert!(count("eligible") > 0, "{fits}");
    assert!(count("near_misses") > 0, "{fits}");
    assert_eq!(
        count("eligible")
            + number("more_eligible")
            + count("near_misses")
            + number("more_near_misses")
            + number("far"),
        number("pool"),
        "everyone read is counted once"
    );
    // The verdicts agree with the person's own eligibility check, and the best come first.
    let check = |person: i64| {
        let app = &app;
        let token = &token;
        async move {
            let (status, failures) = post(
                app,
                &format!("/api/v1/people/{person}/eligibility"),
                token,
                json!({
                    "requirements": { "personnel_type": "staff_officer", "min_rank": 8,
                        "max_rank": 12, "specialties": ["staff_officer"] },
                    "tour": { "start": "2026-04-01", "months": 12 }
                }),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{failures}");
            failures["failures"].as_array().map_or(0, Vec::len)
        }
    };
    let eligible = fits["eligible"].as_array().expect("eligible").clone();
    let scores: Vec<i64> = eligible
        .iter()
        .map(|fit| fit["score"].as_i64().unwrap_or(0))
        .collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    for fit in eligible.iter().take(3) {
        assert!(fit["failures"].as_array().expect("failures").is_empty());
        assert_eq!(check(fit["person_id"].as_i64().expect("id")).await, 0);
    }
    for fit in fits["near_misses"].as_array().expect("near").iter().take(3) {
        let failed = fit["failures"].as_array().expect("failures").len();
        assert!((1..=2).contains(&failed), "{fit}");
        assert_eq!(check(fit["person_id"].as_i64().expect("id")).await, failed);
    }

    // A nomination holds the person; withdrawing it lets them go, with an audit entry.
    let first = eligible[0]["person_id"].as_i64().expect("person");
    let second = eligible
        .get(1)
        .and_then(|fit| fit["person_id"].as_i64())
        .expect("two eligible people");
    let nominate = |person: i64| {
        let app = &app;
        let token = &token;
        async move {
            let (status, nomination) = post(
                app,
                &format!("/api/v1/request-positions/{position}/nominations"),
                token,
                json!({ "person_id": person }),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{nomination}");
            nomination["id"].as_i64().expect("nomination")
        }
    };
    let was = person_status(&app, &token, first).await;
    assert_eq!(was, "available");
    let nomination = nominate(first).await;
    assert_eq!(person_status(&app, &token, first).await, "nominated");
    let deleted_before = app.audit_count("delete").await;
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/nominations/{nomination}"),
        &token,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.audit_count("delete").await, deleted_before + 1);
    assert_eq!(person_status(&app, &token, first).await, "available");

    // The UN's answer: an unknown one is refused; "not selected" lets the person go and
    // keeps the nomination on record; "selected" moves the request.
    let nomination = nominate(first).await;
    let answer = |nomination: i64, selection: &'static str| {
        let app = &app;
        let token = &token;
        async move {
            post(
                app,
                &format!("/api/v1/nominations/{nomination}/selection"),
                token,
                json!({ "selection": selection }),
            )
            .await
        }
    };
    let (status, problem) = answer(nomination, "maybe").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem).0, "selection");
    let (status, answered) = answer(nomination, "not_selected").await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "not_selected");
    assert_eq!(person_status(&app, &token, first).await, "available");
    let (status, problem) = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/nominations/{nomination}"),
        &token,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&problem), ("nomination".into(), "answered".into()));
    let chosen = nominate(second).await;
    let (status, _) = answer(chosen, "selected").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(person_status(&app, &token, second).await, "nominated");
    let detail = get(&app, &format!("/api/v1/requests/{request}"), &token).await;
    assert_eq!(detail["request"]["status"], "selected");

    // The page names the specialty a near miss lacks by its Vietnamese name, and offers
    // each eligible person a button, not a number to type.
    let session = app
        .sign_in("coordinator", PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let page = app
        .web_get(
            &session,
            &format!("/requests/{request}/positions/{position}/candidates"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Sĩ quan tham mưu"), "{}", page.text);
    assert!(!page.text.contains("staff_officer"), "a raw code is shown");
    assert!(page.text.contains("name=\"person_id\""));

    // Two position lines in one form; a rank range upside down is refused on its line.
    let form = |highest: &'static str| {
        vec![
            ("reference", "NV/OMA/2026/TWO"),
            ("mission", "UNMISS"),
            ("personnel_type", "staff_officer"),
            ("received_on", "2026-01-05"),
            ("nomination_deadline", "2026-02-01"),
            ("tour_start", "2026-04-01"),
            ("tour_months", "12"),
            ("positions[0].title", "Planning officer"),
            ("positions[0].count", "2"),
            ("positions[0].min_rank", "dai-uy"),
            ("positions[0].max_rank", "thuong-ta"),
            ("positions[0].specialty", "staff_officer"),
            ("positions[0].language", "en"),
            ("positions[0].min_level", "B1"),
            ("positions[2].title", "Signals officer"),
            ("positions[2].count", "1"),
            ("positions[2].min_rank", "thieu-ta"),
            ("positions[2].max_rank", highest),
            ("positions[2].women_only", "1"),
        ]
    };
    let requests_before = app.store.count("un_request").await.expect("count");
    let refused = app.web_post(&session, "/requests", &form("dai-uy")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let line = refused
        .text
        .split("id=\"line-2\"")
        .nth(1)
        .expect("the third line");
    assert!(
        line.split("</fieldset>")
            .next()
            .unwrap_or_default()
            .contains("field-error"),
        "the error is on the line it belongs to"
    );
    assert_eq!(
        app.store.count("un_request").await.expect("count"),
        requests_before
    );
    let unknown = app
        .web_post(&session, "/requests", &form("tuong-quan"))
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let created = app.web_post(&session, "/requests", &form("trung-ta")).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let location = created.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    let id: i64 = location
        .trim_start_matches("/requests/")
        .parse()
        .expect("request id");
    let detail = get(&app, &format!("/api/v1/requests/{id}"), &token).await;
    let positions = detail["positions"].as_array().expect("positions");
    assert_eq!(positions.len(), 2);
    let second_line = &positions[1]["position"];
    assert_eq!(second_line["title"], "Signals officer");
    let wanted: Value =
        serde_json::from_str(second_line["requirements"].as_str().expect("requirements"))
            .expect("json");
    assert_eq!(wanted["min_rank"], 10);
    assert_eq!(wanted["max_rank"], 11);
    assert_eq!(wanted["gender"], "female");
    let page = app.web_get(&session, &format!("/requests/{id}")).await;
    assert!(
        page.text.contains("Cấp bậc từ Thiếu tá đến Trung tá"),
        "{}",
        page.text
    );
    assert!(page.text.contains("tiếng Anh trình độ B1 trở lên"));
    // The new request waits on the coordinator's home page; the answered one does not.
    let home = app.web_get(&session, "/").await;
    let open = home
        .text
        .split("id=\"open-requests\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no open requests on the home page: {}", home.text));
    assert!(
        open.contains(&format!("/requests/{id}\">NV/OMA/2026/TWO</a>")),
        "{open}"
    );
    assert!(!open.contains("NV/OMA/2026/FIT"), "{open}");
}

/// A mission the seed lacks is recorded, corrected and closed, through the API and the
/// page; bad coordinates and a taken acronym are refused by field; closing from the page
/// asks for a confirmation; a closed mission is no longer offered for new requests.
async fn missions_are_recorded_corrected_and_closed(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    app.user("officer", "BQP", &["agency_officer"]).await;
    let officer = app.token("officer").await;
    let mission = |code: &str, latitude: &str| {
        json!({ "code": code, "name_en": "UN Support Mission in Libya",
                "name_vi": "Phái bộ hỗ trợ của Liên hợp quốc tại Li-bi", "host": "Libya",
                "latitude": latitude, "longitude": "13.19", "started_on": "2011-09-16" })
    };
    assert_eq!(
        post(
            &app,
            "/api/v1/missions",
            &officer,
            mission("UNSMIL", "32.89")
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (status, problem) = post(&app, "/api/v1/missions", &token, mission("UNSMIL", "132")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("latitude".into(), "out_of_range".into())
    );
    let (status, created) =
        post(&app, "/api/v1/missions", &token, mission("unsmil", "32.89")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["code"], "UNSMIL");
    let (status, _) = post(&app, "/api/v1/missions", &token, mission("UNSMIL", "32.89")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, corrected) = call(
        &app,
        Method::PUT,
        "/api/v1/missions/UNSMIL",
        &token,
        Some(
            json!({ "name_en": "UN Support Mission in Libya", "name_vi": "Phái bộ UNSMIL",
                     "host": "Libya", "latitude": "32.9", "longitude": "13.2",
                     "started_on": "2011-09-16" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{corrected}");
    assert_eq!(corrected["name_vi"], "Phái bộ UNSMIL");

    let session = app
        .sign_in("coordinator", PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let requests = app.web_get(&session, "/requests").await;
    assert!(requests.text.contains("<option value=\"UNSMIL\""));
    let register = app.web_get(&session, "/missions").await;
    let title = register
        .text
        .split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .unwrap_or_default();
    assert!(!title.contains('<'), "the page title holds markup: {title}");
    assert_eq!(register.text.matches("id=\"new-mission\"").count(), 1);
    let closing = |confirm: &'static str| {
        let mut fields = vec![
            ("was_open", "1"),
            ("name_en", "UN Support Mission in Libya"),
            ("name_vi", "Phái bộ UNSMIL"),
            ("host", "Libya"),
            ("latitude", "32.9"),
            ("longitude", "13.2"),
            ("started_on", "2011-09-16"),
            ("closed_on", "2026-10-31"),
        ];
        if !confirm.is_empty() {
            fields.push(("confirm_close", confirm));
        }
        fields
    };
    let refused = app
        .web_post(&session, "/missions/UNSMIL", &closing(""))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text
        .contains("hãy đánh dấu ô xác nhận để kết thúc phái bộ"));
    let still = get(&app, "/api/v1/missions/UNSMIL", &token).await;
    assert!(still["mission"]["closed_on"].is_null(), "{still}");
    let closed = app
        .web_post(&session, "/missions/UNSMIL", &closing("1"))
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.text);
    let now = get(&app, "/api/v1/missions/UNSMIL", &token).await;
    assert_eq!(now["mission"]["closed_on"], "2026-10-31");
    let requests = app.web_get(&session, "/requests").await;
    assert!(!requests.text.contains("<option value=\"UNSMIL\""));
}

/// The edit form opens with the request as recorded; a line changes in place, a new one is
/// added, a blank one is removed; a line with nominations can be neither removed nor cut
/// below them, and a refused edit changes nothing.
async fn a_request_is_corrected_line_by_line(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    let (status, request) = post(
        &app,
        "/api/v1/requests",
        &token,
        json!({
            "reference": "NV/OMA/2026/EDIT", "mission": "UNMISS", "personnel_type": "staff_officer",
            "received_on": "2026-01-05", "nomination_deadline": "2026-02-01",
            "tour_start": "2026-04-01", "tour_months": "12",
            "positions": [
                { "title": "Planning officer", "count": 2, "requirements": {
                    "personnel_type": "staff_officer", "services": ["army", "navy"],
                    "specialties": ["staff_officer", "logistics"] } },
                { "title": "Signals officer", "count": 1, "requirements": { "personnel_type": "staff_officer" } }
            ]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{request}");
    let id = request["id"].as_i64().expect("id");
    let detail = get(&app, &format!("/api/v1/requests/{id}"), &token).await;
    let position = |n: usize| {
        detail["positions"][n]["position"]["id"]
            .as_i64()
            .expect("position")
    };
    let (planning, signals) = (position(0), position(1));
    let person = new_person(&app, &token, "QN-EDIT-R", "Hạnh").await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/request-positions/{signals}/nominations"),
        &token,
        json!({ "person_id": person, "reason": "Only candidate with the language" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let session = app
        .sign_in("coordinator", PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let page = app.web_get(&session, &format!("/requests/{id}/edit")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("value=\"NV/OMA/2026/EDIT\""));
    assert!(page
        .text
        .contains(&format!("name=\"positions[1].id\" value=\"{signals}\"")));
    let planning_id = planning.to_string();
    let signals_id = signals.to_string();
    let form = |signals_title: &str, signals_count: &str| {
        vec![
            ("reference", "NV/OMA/2026/EDIT".to_owned()),
            ("mission", "UNMISS".to_owned()),
            ("personnel_type", "staff_officer".to_owned()),
            ("received_on", "2026-01-05".to_owned()),
            ("nomination_deadline", "2026-02-10".to_owned()),
            ("tour_start", "2026-04-01".to_owned()),
            ("tour_months", "12".to_owned()),
            ("positions[0].id", planning_id.clone()),
            ("positions[0].title", "Planning officer".to_owned()),
            ("positions[0].count", "3".to_owned()),
            ("positions[0].specialty", "staff_officer".to_owned()),
            ("positions[1].id", signals_id.clone()),
            ("positions[1].title", signals_title.to_owned()),
            ("positions[1].count", signals_count.to_owned()),
            ("positions[2].title", "Logistics officer".to_owned()),
            ("positions[2].count", "1".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let session = &session;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.web_post(session, &format!("/requests/{id}/edit"), &pairs)
                .await
        }
    };
    let audited = app.audit_count("update").await;
    // Removing the nominated line, or cutting it to none, is refused; nothing changes.
    let removed = send(form("", "")).await;
    assert_eq!(removed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        removed
            .text
            .contains("không bỏ được vị trí đã có người được đề cử"),
        "{}",
        removed.text
    );
    let cut = send(form("Signals officer", "0")).await;
    assert_eq!(cut.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_count("update").await, audited);
    assert_eq!(
        get(&app, &format!("/api/v1/requests/{id}"), &token).await["positions"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // Accepted: one changed in place, one kept, one added.
    let saved = send(form("Signals officer (radio)", "1")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let detail = get(&app, &format!("/api/v1/requests/{id}"), &token).await;
    assert_eq!(detail["request"]["nomination_deadline"], "2026-02-10");
    let positions = detail["positions"].as_array().expect("positions");
    let titles: Vec<&str> = positions
        .iter()
        .filter_map(|p| p["position"]["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Planning officer",
            "Signals officer (radio)",
            "Logistics officer"
        ]
    );
    assert_eq!(positions[0]["position"]["count"], 3);
    // What the form does not show is kept: both services and the second specialty.
    let kept: Value = serde_json::from_str(
        positions[0]["position"]["requirements"]
            .as_str()
            .expect("requirements"),
    )
    .expect("json");
    assert_eq!(kept["services"], json!(["army", "navy"]));
    assert_eq!(kept["specialties"], json!(["staff_officer", "logistics"]));
    assert_eq!(
        positions[1]["nominations"].as_array().map(Vec::len),
        Some(1)
    );
    // The plain line is removed by clearing it.
    let mut fewer = form("Signals officer (radio)", "1");
    fewer.retain(|(key, _)| !key.starts_with("positions[2]"));
    let saved = send(fewer).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let detail = get(&app, &format!("/api/v1/requests/{id}"), &token).await;
    assert_eq!(detail["positions"].as_array().map(Vec::len), Some(2));
}

/// A unit's facts are corrected through its form; a line of its table of organisation asks
/// for a rank range (in the unit's rank table) and a qualification, shown in words, is
/// changed and removed (once confirmed); refusals name their field and write nothing, and
/// another agency's officer may not touch the unit.
async fn a_unit_and_its_table_of_organisation_are_corrected(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    app.user("police.officer", "BCA", &["agency_officer"]).await;
    let outsider = app.token("police.officer").await;
    let (status, unit) = post(
        &app,
        "/api/v1/units",
        &token,
        json!({ "name": "Level-2 Field Hospital 9", "kind": "field_hospital", "rotation": 1,
                "mission": "UNMISS", "tour_months": 12, "overlap_days": 14 }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{unit}");
    let id = unit["id"].as_i64().expect("unit");
    let lines = format!("/api/v1/units/{id}/positions");
    let line = |min_rank: &str, max_rank: &str, qualification: &str| {
        json!({ "title": "Surgeon", "count": 2, "specialty": "logistics",
                "min_rank": min_rank, "max_rank": max_rank, "qualification": qualification })
    };
    let (status, problem) = post(&app, &lines, &token, line("thieu-ta", "dai-uy", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("max_rank".into(), "out_of_order".into())
    );
    let (status, problem) = post(&app, &lines, &token, line("", "", "no-such-course")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_of(&problem),
        ("qualification".into(), "unknown_value".into())
    );
    let table = |detail: &Value| detail["positions"].as_array().cloned().unwrap_or_default();
    assert!(table(&get(&app, &format!("/api/v1/units/{id}"), &token).await).is_empty());
    let (status, created) = post(&app, &lines, &token, line("dai-uy", "thieu-ta", "un-sotc")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let position = created["id"].as_i64().expect("line");
    assert_eq!(
        (created["min_rank"].as_i64(), created["max_rank"].as_i64()),
        (Some(9), Some(10))
    );

    let session = app
        .sign_in("coordinator", PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let page = app.web_get(&session, &format!("/units/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("Cấp bậc từ Đại úy đến Thiếu tá"),
        "{}",
        page.text
    );
    assert!(page.text.contains("Chứng chỉ: "), "{}", page.text);
    assert!(
        !page.text.contains("un-sotc<"),
        "the qualification by its name"
    );

    // The line's form opens as recorded; a reversed range is refused at its own address.
    let edit = format!("/units/{id}/positions/{position}/edit");
    let form = app.web_get(&session, &edit).await;
    assert!(
        form.text.contains("<option value=\"dai-uy\" selected>"),
        "{}",
        form.text
    );
    let changed = |max_rank: &'static str| {
        vec![
            ("title", "Surgeon"),
            ("count", "3"),
            ("specialty", "logistics"),
            ("min_rank", "thieu-ta"),
            ("max_rank", max_rank),
            ("qualification", "un-sotc"),
        ]
    };
    let refused = app.web_post(&session, &edit, &changed("dai-uy")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("aria-invalid=\"true\""));
    assert!(
        refused
            .text
            .contains("<option value=\"thieu-ta\" selected>"),
        "input kept"
    );
    let saved = app.web_post(&session, &edit, &changed("trung-ta")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let recorded = table(&get(&app, &format!("/api/v1/units/{id}"), &token).await);
    assert_eq!(
        (
            recorded[0]["count"].as_i64(),
            recorded[0]["max_rank"].as_i64()
        ),
        (Some(3), Some(11))
    );

    // Through the API, and never by another agency.
    let put_line = format!("/api/v1/units/{id}/positions/{position}");
    let (status, _) = call(
        &app,
        Method::PUT,
        &put_line,
        &outsider,
        Some(line("", "", "")),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, updated) =
        call(&app, Method::PUT, &put_line, &token, Some(line("", "", ""))).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert!(updated["min_rank"].is_null() && updated["qualification"].is_null());

    // The unit's facts: a refusal keeps what was typed, a correction moves the unit.
    let unit_form = |rotation: &'static str| {
        vec![
            ("name", "Level-2 Field Hospital 9"),
            ("kind", "field_hospital"),
            ("mission", "UNISFA"),
            ("rotation", rotation),
            ("tour_months", "12"),
            ("overlap_days", "14"),
            ("deploys_on", "2026-09-26"),
        ]
    };
    let refused = app
        .web_post(&session, &format!("/units/{id}/edit"), &unit_form("0"))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("<option value=\"UNISFA\" selected>"));
    let moved = app
        .web_post(&session, &format!("/units/{id}/edit"), &unit_form("2"))
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.text);
    let detail = get(&app, &format!("/api/v1/units/{id}"), &token).await;
    assert_eq!(detail["unit"]["rotation"], 2);
    assert_eq!(detail["unit"]["mission_code"], "UNISFA");
    assert_eq!(detail["unit"]["deploys_on"], "2026-09-26");
    let (status, _) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/units/{id}"),
        &outsider,
        Some(json!({ "name": "Taken", "kind": "other", "rotation": 1, "tour_months": 12 })),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Removing a line must be confirmed.
    let remove = format!("/units/{id}/positions/{position}/remove");
    let unconfirmed = app.web_post(&session, &remove, &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed
        .text
        .contains("hãy đánh dấu ô xác nhận để bỏ vị trí này"));
    assert_eq!(
        table(&get(&app, &format!("/api/v1/units/{id}"), &token).await).len(),
        1
    );
    let removed = app.web_post(&session, &remove, &[("confirm", "1")]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(table(&get(&app, &format!("/api/v1/units/{id}"), &token).await).is_empty());
    let gone = call(&app, Method::DELETE, &put_line, &token, None).await.0;
    assert_eq!(gone, StatusCode::NOT_FOUND);
    assert!(app.audit_count("delete").await >= 1);
}

/// A deployment shows the law it was sent under, checked on the day of departure: sent
/// under the 2021 procedure (dossier of 20 December 2025) but leaving on 1 February 2026,
/// after Resolution 130/2020/QH14 and Decree 61/2021/ND-CP were replaced, it warns; one
/// sent under the 2026 procedure does not.
async fn a_deployment_warns_when_its_legal_basis_was_not_in_force_on_departure(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let token = coordinator(&app).await;
    let (request, position) = staff_officer_request(&app, &token, "NV/OMA/2026/031").await;
    let late = new_person(&app, &token, "QN-L1", "Mai").await;
    let timely = new_person(&app, &token, "QN-L2", "Hoa").await;
    let mut planned = Vec::new();
    for (person, dated, departure) in [
        (late, "2025-12-20", "2026-02-01"),
        (timely, "2026-01-10", "2026-04-01"),
    ] {
        let (status, dossier) = open_dossier(
            &app,
            &token,
            json!({ "title": format!("Send {dated}"), "category": "mnd_armed", "decision": "send",
                    "dated": dated, "request_id": request, "people": [person] }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{dossier}");
        let (status, deployment) = post(
            &app,
            "/api/v1/deployments",
            &token,
            json!({ "person_id": person, "dossier_id": dossier["id"], "position_id": position,
                    "appointment": "Military planning officer", "planned_departure": departure,
                    "planned_end": "2027-01-31" }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{deployment}");
        planned.push(deployment["id"].as_i64().expect("id"));
    }
    let basis = |detail: &Value| -> Vec<(String, bool)> {
        detail["legal_basis"]
            .as_array()
            .expect("legal_basis")
            .iter()
            .map(|view| {
                (
                    view["citation"]["number"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    view["in_force"] == true,
                )
            })
            .collect()
    };
    let late_detail = get(&app, &format!("/api/v1/deployments/{}", planned[0]), &token).await;
    assert_eq!(
        late_detail["person_id"], late,
        "the deployment's own fields stay where they were"
    );
    assert_eq!(
        basis(&late_detail),
        [
            ("130/2020/QH14".to_owned(), false),
            ("61/2021/NĐ-CP".to_owned(), false)
        ]
    );
    let timely_detail = get(&app, &format!("/api/v1/deployments/{}", planned[1]), &token).await;
    assert_eq!(
        basis(&timely_detail),
        [
            ("92/2025/QH15".to_owned(), true),
            ("01/2026/NĐ-CP".to_owned(), true)
        ]
    );
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let page = app
        .web_get(&session, &format!("/deployments/{}", planned[0]))
        .await;
    assert!(
        page.text.contains("Nghị quyết số 130/2020/QH14"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("không có hiệu lực vào ngày này"),
        "{}",
        page.text
    );
    let page = app
        .web_get(&session, &format!("/deployments/{}", planned[1]))
        .await;
    assert!(page.text.contains("Luật số 92/2025/QH15"), "{}", page.text);
    assert!(
        !page.text.contains("không có hiệu lực vào ngày này"),
        "{}",
        page.text
    );
}
