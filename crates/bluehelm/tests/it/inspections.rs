//! Conferences, inspections and outreach: a conference issues a directive whose tasks go
//! to its agencies; an inspection's recommendation becomes a task, and closing the task
//! closes the recommendation's follow-up; health findings are the medical role's alone;
//! outreach is recorded by agency and totalled by year, agency and kind, the only part a
//! viewer reads. Bad input is named by field with nothing written.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::both_engines;
use crate::harness::{Engine, TestApp, PASSWORD};
use crate::legal::{fields, id_of};

both_engines!(
    a_visit_records_the_officers_it_saw_and_names_them_to_who_reads_every_person,
    a_conference_issues_a_directive_to_the_agencies_it_brought_together,
    a_recommendation_becomes_a_task_and_closing_it_closes_the_follow_up,
    outreach_is_totalled_by_year_agency_and_kind_and_viewers_see_totals_only,
    the_inspection_and_outreach_pages_speak_vietnamese
);

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> crate::harness::Response {
    app.api(Method::POST, path, token, Some(body)).await
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.api(Method::GET, path, token, None).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.text);
    response.json()
}

/// A body for the tests, with its standing agency, as the coordinator: its id.
async fn team(app: &TestApp, token: &str, standing: &str) -> i64 {
    let body = post(
        app,
        token,
        "/api/v1/bodies",
        json!({"kind": "working_group", "name_vi": "Tổ công tác liên ngành",
               "name_en": "Inter-agency working group", "standing": standing}),
    )
    .await;
    assert_eq!(body.status, StatusCode::CREATED, "{}", body.text);
    body.json()["id"].as_i64().expect("body id")
}

async fn a_conference_issues_a_directive_to_the_agencies_it_brought_together(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    // The agencies the working group draws on are in the tree.
    for code in ["VPQH", "BDNTW", "LHHN"] {
        app.agency_id(code).await;
    }
    let body = team(&app, &token, "BTC").await;
    let member = post(
        &app,
        &token,
        &format!("/api/v1/bodies/{body}/members"),
        json!({"name": "Hoàng Xuân Chiến", "position": "Thứ trưởng Bộ Quốc phòng", "agency": "BQP",
               "role": "head", "from_on": "2021-01-01"}),
    )
    .await
    .json()["id"]
        .as_i64()
        .expect("member");
    let other_body = team(&app, &token, "BCA-VPTT").await;
    let outsider = post(
        &app,
        &token,
        &format!("/api/v1/bodies/{other_body}/members"),
        json!({"name": "Nguyễn Văn A", "position": "Cục trưởng", "agency": "BCA-VPTT",
               "role": "member", "from_on": "2021-01-01"}),
    )
    .await
    .json()["id"]
        .as_i64()
        .expect("member");
    let conferences = app.store.count("conference").await.expect("count");
    let refused = post(
        &app,
        &token,
        "/api/v1/conferences",
        json!({"title": " ", "held_on": "2026-02-30", "body_id": "999", "chair": "",
               "agencies": ["BQP-CGGHB", "NOPE"], "members": [outsider.to_string()]}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&refused),
        [
            ("title".to_owned(), "required".to_owned()),
            ("held_on".to_owned(), "invalid_date".to_owned()),
            ("body_id".to_owned(), "unknown_value".to_owned()),
            ("chair".to_owned(), "required".to_owned()),
            ("agencies".to_owned(), "unknown_value".to_owned()),
            ("members".to_owned(), "not_a_member".to_owned()),
        ]
    );
    assert_eq!(
        app.store.count("conference").await.expect("count"),
        conferences
    );

    let created = post(
        &app,
        &token,
        "/api/v1/conferences",
        json!({"title": "Hội nghị tổng kết thi hành pháp luật", "held_on": "2026-03-02",
               "body_id": body.to_string(), "chair": "Thứ trưởng Bộ Quốc phòng",
               "agencies": ["BQP-CGGHB", "BCA-VPTT", "VPQH", "VPQH"], "members": [member.to_string()],
               "conclusions": "Hoàn thiện báo cáo tổng kết."}),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let conference = created.json()["id"].as_i64().expect("conference id");

    // A directive naming a conference that does not exist is refused on that field.
    let directive = |conference: i64, mission: &str| {
        json!({
            "title": "Kết luận hội nghị", "issued_on": "2026-03-02", "issued_by": "Hội nghị tổng kết",
            "conference_id": conference.to_string(),
            "tasks": [{"title": "Hoàn thành báo cáo", "product": "Báo cáo tổng kết",
                       "presiding": "BQP-CGGHB", "mission": mission,
                       "coordinating": [{"agency": "BCA-VPTT", "contribution": "Số liệu"}],
                       "due_on": "2026-06-30"}],
        })
    };
    let mut unknown = directive(conference + 1, "ATLANTIS");
    unknown["tasks"][0]["unit_id"] = json!("999999");
    unknown["tasks"][0]["dossier_id"] = json!("999999");
    let refused = post(&app, &token, "/api/v1/directives", unknown).await;
    assert_eq!(
        fields(&refused),
        [
            ("conference_id".to_owned(), "unknown_value".to_owned()),
            ("tasks[0].mission".to_owned(), "unknown_value".to_owned()),
            ("tasks[0].unit_id".to_owned(), "unknown_value".to_owned()),
            ("tasks[0].dossier_id".to_owned(), "unknown_value".to_owned()),
        ]
    );
    let issued = post(
        &app,
        &token,
        "/api/v1/directives",
        directive(conference, "UNISFA"),
    )
    .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.text);
    let task = issued.json()["task_ids"][0].as_i64().expect("task");
    let detail = get(&app, &token, &format!("/api/v1/tasks/{task}")).await;
    assert_eq!(detail["task"]["mission_code"], "UNISFA");
    // The list shows a figure's tasks: the one due last June is overdue, none is closed.
    let overdue = get(&app, &token, "/api/v1/tasks?view=overdue").await;
    assert_eq!(
        (
            overdue["total"].as_i64(),
            overdue["items"][0]["id"].as_i64()
        ),
        (Some(1), Some(task))
    );
    let closed = get(&app, &token, "/api/v1/tasks?view=closed").await;
    assert_eq!(closed["total"], 0);
    let refused = app
        .api(Method::GET, "/api/v1/tasks?view=late", &token, None)
        .await;
    assert_eq!(
        fields(&refused),
        [("view".to_owned(), "unknown_value".to_owned())]
    );

    let detail = get(&app, &token, &format!("/api/v1/conferences/{conference}")).await;
    let attending: Vec<&str> = detail["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .filter_map(|agency| agency["code"].as_str())
        .collect();
    assert_eq!(attending.len(), 3, "each agency once: {attending:?}");
    assert!(attending.contains(&"VPQH"));
    assert_eq!(detail["directives"][0]["tasks"], 1);
    assert_eq!(detail["members"][0]["name"], "Hoàng Xuân Chiến");
    assert_eq!(detail["conference"]["directives"], 1);

    // Overdue, the task escalates once to the standing agency of the body that met, not
    // to the department's coordinators.
    app.user("standing", "BTC", &["agency_officer"]).await;
    let standing = app.token("standing").await;
    let after = time::macros::date!(2026 - 07 - 01);
    for day in [after, after + time::Duration::days(1)] {
        bluehelm_app::notices::queue_task_notices(&app.store, day)
            .await
            .expect("sweep");
    }
    let heard = |listed: Value| -> Vec<String> {
        listed["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|item| item["record"] == "task")
            .map(|item| item["what"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let listed = get(&app, &standing, "/api/v1/notices").await;
    assert_eq!(heard(listed), ["escalated"]);
    // The coordinator hears of it as one of the presiding agency, not as the escalation.
    let listed = get(&app, &token, "/api/v1/notices").await;
    assert_eq!(heard(listed), ["overdue"]);

    // Everyone signed in reads the conferences; only coordinators record one.
    app.user("viewer", "QH-UBQPAN", &["viewer"]).await;
    let viewer = app.token("viewer").await;
    let list = get(&app, &viewer, "/api/v1/conferences").await;
    assert_eq!(list["total"], 1);
    let refused = post(
        &app,
        &viewer,
        "/api/v1/conferences",
        json!({"title": "Họp", "held_on": "2026-03-02", "chair": "Ai đó"}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn a_recommendation_becomes_a_task_and_closing_it_closes_the_follow_up(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    app.user("inspector", "BQP-CGGHB", &["inspector"]).await;
    app.user("medical", "BQP-HVQY", &["medical"]).await;
    app.user("officer", "BQP-CGGHB", &["agency_officer"]).await;
    app.user("police", "BCA", &["agency_officer"]).await;
    let coordinator = app.token("coordinator").await;
    let inspector = app.token("inspector").await;
    let medical = app.token("medical").await;
    let officer = app.token("officer").await;
    let police = app.token("police").await;
    let body = team(&app, &coordinator, "BQP-CGGHB").await;
    let unit = post(
        &app,
        &coordinator,
        "/api/v1/units",
        json!({"name": "Đội Công binh số 9", "kind": "engineering", "rotation": 1,
               "mission": "UNISFA", "tour_months": 12}),
    )
    .await;
    assert_eq!(unit.status, StatusCode::CREATED, "{}", unit.text);
    let unit = unit.json()["id"].as_i64().expect("unit");
    let elsewhere = post(
        &app,
        &coordinator,
        "/api/v1/units",
        json!({"name": "Bệnh viện dã chiến số 9", "kind": "field_hospital", "rotation": 1,
               "mission": "UNMISS", "tour_months": 12}),
    )
    .await
    .json()["id"]
        .as_i64()
        .expect("unit");

    let visit = |to_on: &str, units: Vec<i64>, areas: &[&str]| {
        json!({"title": "Kiểm tra Đội Công binh tại UNISFA", "team_id": body.to_string(),
               "mission": "UNISFA", "from_on": "2026-03-04", "to_on": to_on,
               "units": units.iter().map(i64::to_string).collect::<Vec<_>>(), "areas": areas})
    };
    // An officer of an agency records no visit; bad dates and a unit elsewhere are named.
    let refused = post(
        &app,
        &officer,
        "/api/v1/inspections",
        visit("2026-03-09", vec![unit], &["health"]),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = post(
        &app,
        &inspector,
        "/api/v1/inspections",
        visit("2026-03-01", vec![unit, elsewhere], &[]),
    )
    .await;
    assert_eq!(
        fields(&refused),
        [
            ("to_on".to_owned(), "out_of_order".to_owned()),
            ("units".to_owned(), "elsewhere".to_owned()),
            ("areas".to_owned(), "required".to_owned()),
        ]
    );
    assert_eq!(app.store.count("inspection").await.expect("count"), 0);
    let created = post(
        &app,
        &inspector,
        "/api/v1/inspections",
        visit(
            "2026-03-09",
            vec![unit],
            &["equipment", "health", "living_conditions"],
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json()["id"].as_i64().expect("inspection");
    let path = format!("/api/v1/inspections/{id}");

    // Findings: the inspector records the equipment; what concerns health is the medical
    // role's, refused to the inspector (and the refusal audited).
    let finding = |area: &str, text: &str| json!({"area": area, "severity": "moderate", "description": text, "unit_id": unit.to_string()});
    let equipment = post(
        &app,
        &inspector,
        &format!("{path}/findings"),
        finding("equipment", "Máy phát điện xuống cấp"),
    )
    .await;
    assert_eq!(equipment.status, StatusCode::CREATED, "{}", equipment.text);
    let equipment = equipment.json()["id"].as_i64().expect("finding");
    let denied = app.audit_count("permission_denied").await;
    let refused = post(
        &app,
        &inspector,
        &format!("{path}/findings"),
        finding("health", "Sốt rét"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("permission_denied").await, denied + 1);
    let refused = post(
        &app,
        &inspector,
        &format!("{path}/checks"),
        json!({"area": "health", "result": "needs_improvement"}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let health = post(
        &app,
        &medical,
        &format!("{path}/findings"),
        finding("health", "Ba quân nhân sốt rét"),
    )
    .await;
    assert_eq!(health.status, StatusCode::CREATED, "{}", health.text);
    let checked = post(
        &app,
        &medical,
        &format!("{path}/checks"),
        json!({"area": "health", "result": "needs_improvement", "note": "Cơ số thuốc thấp"}),
    )
    .await;
    assert_eq!(checked.status, StatusCode::NO_CONTENT, "{}", checked.text);
    let out_of_scope = post(
        &app,
        &inspector,
        &format!("{path}/checks"),
        json!({"area": "discipline", "result": "satisfactory"}),
    )
    .await;
    assert_eq!(
        fields(&out_of_scope),
        [("area".to_owned(), "out_of_scope".to_owned())]
    );

    let seen = get(&app, &inspector, &path).await;
    let text = seen.to_string();
    assert!(
        !text.contains("sốt rét") && !text.contains("Cơ số thuốc"),
        "{text}"
    );
    assert_eq!(seen["findings"].as_array().expect("findings").len(), 1);
    let health_check = seen["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|check| check["area"] == "health")
        .expect("the health area")
        .clone();
    assert_eq!(health_check["result"], "withheld");
    let seen = get(&app, &medical, &path).await;
    assert_eq!(seen["findings"].as_array().expect("findings").len(), 2);
    // The audit trail keeps the health finding's values for the medical role only.
    app.user("auditor", "BQP-CPC", &["auditor"]).await;
    let auditor = app.token("auditor").await;
    let trail = get(&app, &auditor, "/api/v1/audit?entity=health_finding").await;
    assert_eq!(
        trail["total"], 2,
        "the finding and the health area's result: {trail}"
    );
    assert!(!trail.to_string().contains("sốt rét"), "{trail}");

    // Evidence: a file checked by name and content, kept with its SHA-256; one about
    // health is the medical role's to send and to read.
    let health_finding = health.json()["id"].as_i64().expect("finding");
    let upload = |token: &str, finding: i64, name: &str, bytes: Vec<u8>| {
        let path = format!("{path}/findings/{finding}/evidence?file_name={name}");
        let token = token.to_owned();
        let app = &app;
        async move {
            app.send(
                axum::http::Request::post(path)
                    .header("authorization", format!("Bearer {token}"))
                    .header("content-type", "application/octet-stream")
                    .body(axum::body::Body::from(bytes))
                    .expect("request"),
            )
            .await
        }
    };
    let png = b"\x89PNG\r\n\x1a\nmay-phat-dien".to_vec();
    let kept = upload(&inspector, equipment, "may-phat-dien.png", png.clone()).await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.text);
    let kept = kept.json();
    assert_eq!(kept["content_type"], "image/png");
    assert_eq!(kept["sha256"].as_str().map(str::len), Some(64));
    let renamed = upload(&inspector, equipment, "bao-cao.pdf", b"MZ\x90\x00".to_vec()).await;
    assert_eq!(
        fields(&renamed),
        [("file".to_owned(), "content_mismatch".to_owned())]
    );
    let refused = upload(
        &inspector,
        health_finding,
        "xet-nghiem.pdf",
        b"%PDF-1.4 x".to_vec(),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let medical_file = upload(
        &medical,
        health_finding,
        "xet-nghiem.pdf",
        b"%PDF-1.4 x".to_vec(),
    )
    .await;
    assert_eq!(
        medical_file.status,
        StatusCode::CREATED,
        "{}",
        medical_file.text
    );
    let medical_file = medical_file.json()["id"].as_i64().expect("evidence");
    let seen = get(&app, &inspector, &path).await;
    assert_eq!(seen["evidence"].as_array().map(Vec::len), Some(1));
    let file_path = format!("{path}/evidence/{}", kept["id"]);
    let download = app.api(Method::GET, &file_path, &inspector, None).await;
    assert_eq!(
        (download.status, download.bytes.clone()),
        (StatusCode::OK, png)
    );
    let hidden = app
        .api(
            Method::GET,
            &format!("{path}/evidence/{medical_file}"),
            &inspector,
            None,
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let seen = get(&app, &medical, &path).await;
    assert_eq!(seen["evidence"].as_array().map(Vec::len), Some(2));

    // A recommendation due before the visit ended, or with an agency both presiding and
    // coordinating, is named by field and writes nothing.
    let tasks = app.store.count("task").await.expect("count");
    let recommendation = |due_on: &str, coordinating: &str| {
        json!({"finding_id": equipment.to_string(), "title": "Thay máy phát điện dự phòng",
               "product": "Báo cáo kết quả", "presiding": "BQP-CGGHB",
               "coordinating": [{"agency": coordinating, "contribution": "Kinh phí"}], "due_on": due_on})
    };
    let refused = post(
        &app,
        &inspector,
        &format!("{path}/recommendations"),
        recommendation("2026-03-05", "BQP-CGGHB"),
    )
    .await;
    assert_eq!(
        fields(&refused),
        [
            ("coordinating".to_owned(), "same_agency".to_owned()),
            ("due_on".to_owned(), "out_of_order".to_owned()),
        ]
    );
    assert_eq!(app.store.count("task").await.expect("count"), tasks);
    let given = post(
        &app,
        &inspector,
        &format!("{path}/recommendations"),
        recommendation("2026-05-30", "BTC"),
    )
    .await;
    assert_eq!(given.status, StatusCode::CREATED, "{}", given.text);
    let task = given.json()["id"].as_i64().expect("task");
    let seen = get(&app, &inspector, &path).await;
    assert_eq!(seen["inspection"]["open_recommendations"], 1);
    assert_eq!(seen["recommendations"][0]["status"], "assigned");

    // The task is the presiding agency's like any other, about the visit's mission; the
    // police, not involved, see nothing of it.
    let detail = get(&app, &officer, &format!("/api/v1/tasks/{task}")).await;
    assert_eq!(detail["task"]["mission_code"], "UNISFA");
    assert_eq!(detail["task"]["issued_by"], "Tổ công tác liên ngành");
    assert_eq!(
        detail["task"]["unit_id"], unit,
        "the unit the finding concerns"
    );
    let hidden = app
        .api(Method::GET, &format!("/api/v1/tasks/{task}"), &police, None)
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let step = |action: &str| json!({"action": action, "note": "Đã thay thế"});
    let submitted = post(
        &app,
        &officer,
        &format!("/api/v1/tasks/{task}/steps"),
        step("submit"),
    )
    .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    let seen = get(&app, &inspector, &path).await;
    assert_eq!(seen["inspection"]["open_recommendations"], 1);
    let accepted = post(
        &app,
        &coordinator,
        &format!("/api/v1/tasks/{task}/steps"),
        step("accept"),
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    let seen = get(&app, &inspector, &path).await;
    assert_eq!(seen["inspection"]["open_recommendations"], 0);
    assert_eq!(seen["recommendations"][0]["status"], "closed");
    let list = get(&app, &coordinator, "/api/v1/inspections").await;
    assert_eq!(list["items"][0]["recommendations"], 1);
    assert_eq!(list["items"][0]["open_recommendations"], 0);
    // A second recommendation joins the visit's directive rather than opening another.
    let directives = app.store.count("directive").await.expect("count");
    let second = post(
        &app,
        &inspector,
        &format!("{path}/recommendations"),
        recommendation("2026-06-30", "BTC"),
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);
    assert_eq!(
        app.store.count("directive").await.expect("count"),
        directives
    );
}

async fn outreach_is_totalled_by_year_agency_and_kind_and_viewers_see_totals_only(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    app.user("police", "BCA", &["agency_officer"]).await;
    app.user("viewer", "QH-UBQPAN", &["viewer"]).await;
    let coordinator = app.token("coordinator").await;
    let police = app.token("police").await;
    let viewer = app.token("viewer").await;
    let law = id_of(&app, &coordinator, "130/2020/QH14").await;
    let activity = |kind: &str, held_on: &str, agency: &str, participants: &str, viewers: &str| {
        json!({"kind": kind, "title": "Hoạt động tuyên truyền", "held_on": held_on, "agency": agency,
               "participants": participants, "viewers": viewers, "documents": [law.to_string()]})
    };
    for (token, body) in [
        (
            &coordinator,
            activity(
                "peacekeepers_day",
                "2024-05-29",
                "BQP-CGGHB",
                "300",
                "15000",
            ),
        ),
        (
            &coordinator,
            activity("media", "2024-11-02", "BQP-CGGHB", "", "80000"),
        ),
        (
            &police,
            activity("law_training", "2024-03-12", "BCA-VPTT", "120", ""),
        ),
        (
            &police,
            activity("law_training", "2025-09-18", "BCA-VPTT", "200", "0"),
        ),
        (
            &coordinator,
            activity(
                "peacekeepers_day",
                "2025-05-29",
                "BQP-CGGHB",
                "320",
                "20000",
            ),
        ),
    ] {
        let created = post(&app, token, "/api/v1/outreach", body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    }
    // The police record their own activities, not the army's.
    let refused = post(
        &app,
        &police,
        "/api/v1/outreach",
        activity("media", "2025-01-10", "BQP-CGGHB", "1", "1"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut bad = activity("peacekeepers_day", "2025-05-28", "BCA-VPTT", "12x", "-4");
    bad["documents"] = json!(["999999"]);
    let refused = post(&app, &police, "/api/v1/outreach", bad).await;
    assert_eq!(
        fields(&refused),
        [
            ("held_on".to_owned(), "not_the_day".to_owned()),
            ("participants".to_owned(), "out_of_range".to_owned()),
            ("viewers".to_owned(), "out_of_range".to_owned()),
            ("documents".to_owned(), "unknown_value".to_owned()),
        ]
    );
    assert_eq!(
        app.store.count("outreach_activity").await.expect("count"),
        5
    );

    let totals = get(&app, &viewer, "/api/v1/outreach/totals").await;
    let rows: Vec<(i64, String, String, i64, i64, i64)> = totals
        .as_array()
        .expect("totals")
        .iter()
        .map(|row| {
            (
                row["year"].as_i64().expect("year"),
                row["agency_code"].as_str().expect("agency").to_owned(),
                row["kind"].as_str().expect("kind").to_owned(),
                row["activities"].as_i64().expect("activities"),
                row["participants"].as_i64().expect("participants"),
                row["viewers"].as_i64().expect("viewers"),
            )
        })
        .collect();
    let row =
        |year: i64, agency: &str, kind: &str, activities: i64, participants: i64, viewers: i64| {
            (
                year,
                agency.to_owned(),
                kind.to_owned(),
                activities,
                participants,
                viewers,
            )
        };
    assert_eq!(
        rows,
        [
            row(2025, "BCA-VPTT", "law_training", 1, 200, 0),
            row(2025, "BQP-CGGHB", "peacekeepers_day", 1, 320, 20000),
            row(2024, "BCA-VPTT", "law_training", 1, 120, 0),
            row(2024, "BQP-CGGHB", "media", 1, 0, 80000),
            row(2024, "BQP-CGGHB", "peacekeepers_day", 1, 300, 15000),
        ]
    );
    // The viewer reads the figures, not the activities.
    let hidden = app
        .api(Method::GET, "/api/v1/outreach", &viewer, None)
        .await;
    assert_eq!(hidden.status, StatusCode::FORBIDDEN);
    let list = get(&app, &police, "/api/v1/outreach?sort=-reach").await;
    assert_eq!(list["total"], 5);
    assert_eq!(list["items"][0]["viewers"], 80000);
    assert_eq!(list["documents"].as_array().expect("documents").len(), 5);
    let Ok(session) = app.sign_in("viewer", PASSWORD).await else {
        panic!("the viewer signs in");
    };
    let page = app.web_get(&session, "/outreach").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("outreach-chart"), "{}", page.text);
    assert!(!page.text.contains("outreach-activities"), "{}", page.text);
    // Task figures too: a viewer reads how all tasks stand, not the tasks, on the home
    // page (no link to a list they may not open) and through the API.
    let home = app.web_get(&session, "/").await;
    assert!(home.text.contains("Nhiệm vụ theo chỉ đạo"), "{}", home.text);
    assert!(!home.text.contains("/tasks?view="), "{}", home.text);
    let summary = app
        .api(Method::GET, "/api/v1/tasks/summary", &viewer, None)
        .await;
    assert_eq!(summary.status, StatusCode::OK, "{}", summary.text);
    let tasks = app.api(Method::GET, "/api/v1/tasks", &viewer, None).await;
    assert_eq!(tasks.status, StatusCode::FORBIDDEN);
}

async fn the_inspection_and_outreach_pages_speak_vietnamese(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let body = team(&app, &token, "BQP-CGGHB").await;
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let visit = |to_on: &'static str| {
        vec![
            ("title", "Kiểm tra lực lượng tại UNISFA".to_owned()),
            ("team_id", body.to_string()),
            ("mission", "UNISFA".to_owned()),
            ("from_on", "2026-03-04".to_owned()),
            ("to_on", to_on.to_owned()),
            ("area.equipment", "1".to_owned()),
        ]
    };
    let form = visit("2026-03-01");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app.web_post(&session, "/inspections", &pairs).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("ngày kết thúc không được trước ngày bắt đầu"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("Kiểm tra lực lượng tại UNISFA"));
    let form = visit("2026-03-09");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = app.web_post(&session, "/inspections", &pairs).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let location = saved.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = app.web_get(&session, &location).await;
    assert!(
        page.text.contains("04/03/2026 – 09/03/2026"),
        "{}",
        page.text
    );
    assert!(page.text.contains("Trang thiết bị"), "{}", page.text);
    let refused = app
        .web_post(
            &session,
            &format!("{location}/recommendations"),
            &[
                ("task_title", "Thay máy phát điện"),
                ("product", "Báo cáo"),
                ("presiding", "BQP-CGGHB"),
                ("due_on", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("thời hạn không được trước ngày ban hành chỉ đạo"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("Thay máy phát điện"));

    // A directive's task chosen to concern a mission, from the form's pick-list.
    let tasks = app.web_get(&session, "/tasks").await;
    assert!(
        tasks.text.contains("<option value=\"UNISFA\">"),
        "{}",
        tasks.text
    );
    let saved = app
        .web_post(
            &session,
            "/tasks",
            &[
                ("title", "Kết luận đoàn kiểm tra"),
                ("issued_on", "2026-03-10"),
                ("issued_by", "Tổ công tác liên ngành"),
                ("task_title", "Bảo đảm nguồn nước cho doanh trại"),
                ("product", "Báo cáo kết quả"),
                ("presiding", "BQP-CGGHB"),
                ("mission", "UNISFA"),
                ("due_on", "2026-04-30"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let task = saved.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = app.web_get(&session, &task).await;
    assert!(page.text.contains("Phái bộ liên quan"), "{}", page.text);
    assert!(page.text.contains(">UNISFA</a>"), "{}", page.text);

    let refused = app
        .web_post(
            &session,
            "/outreach",
            &[
                ("kind", "peacekeepers_day"),
                ("title", "Kỷ niệm ngày 29/5"),
                ("held_on", "2026-05-28"),
                ("agency", "BQP-CGGHB"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("Ngày Quốc tế những người gìn giữ hòa bình Liên hợp quốc là ngày 29/5"),
        "{}",
        refused.text
    );
    let saved = app
        .web_post(
            &session,
            "/outreach",
            &[
                ("kind", "peacekeepers_day"),
                ("title", "Kỷ niệm ngày 29/5"),
                ("held_on", "2026-05-29"),
                ("agency", "BQP-CGGHB"),
                ("participants", "300"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let page = app.web_get(&session, "/outreach").await;
    assert!(page.text.contains("29/05/2026"), "{}", page.text);
    assert!(
        page.text.contains("<th scope=\"row\">2026</th>"),
        "{}",
        page.text
    );
}

async fn a_visit_records_the_officers_it_saw_and_names_them_to_who_reads_every_person(
    engine: Engine,
) {
    let Some(app) = TestApp::with_demo(engine, PASSWORD).await else {
        return;
    };
    let inspector = app.token("inspector").await;
    // The demo's first visit, to the field hospital at UNMISS.
    let path = "/api/v1/inspections?sort=from";
    let visits = get(&app, &inspector, path).await;
    let visit = visits["items"][0]["id"].as_i64().expect("a visit");
    let on_tour = get(
        &app,
        &inspector,
        &format!("/api/v1/inspections/{visit}/people"),
    )
    .await;
    let on_tour: Vec<i64> = on_tour
        .as_array()
        .expect("people")
        .iter()
        .filter_map(|person| person["person_id"].as_i64())
        .collect();
    assert!(
        !on_tour.is_empty(),
        "the hospital's staff serve during the visit"
    );
    let people = get(&app, &inspector, "/api/v1/people?per_page=500").await;
    let elsewhere = people["items"]
        .as_array()
        .expect("people")
        .iter()
        .filter_map(|person| person["id"].as_i64())
        .find(|id| !on_tour.contains(id))
        .expect("someone not at the mission then");
    let people_path = format!("/api/v1/inspections/{visit}/people");
    let add = |person: i64| {
        post(
            &app,
            &inspector,
            &people_path,
            json!({"person_id": person.to_string()}),
        )
    };
    let refused = add(elsewhere).await;
    assert_eq!(
        fields(&refused),
        [("person_id".to_owned(), "not_on_tour".to_owned())]
    );
    let added = add(on_tour[0]).await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    let again = add(on_tour[0]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);

    let seen = get(&app, &inspector, &format!("/api/v1/inspections/{visit}")).await;
    assert_eq!(seen["people"][0]["person_id"].as_i64(), Some(on_tour[0]));
    // The approver reads the visit, and some people only: the count, not the names.
    let approver = app.token("approver").await;
    let seen = get(&app, &approver, &format!("/api/v1/inspections/{visit}")).await;
    assert_eq!(seen["people"].as_array().map(Vec::len), Some(0));
    assert_eq!(seen["inspection"]["people_visited"], 1);
}
