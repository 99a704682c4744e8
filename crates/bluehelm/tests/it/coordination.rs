//! Directives and tasks: each agency a task involves sees it and another ministry nothing
//! of it; progress, submission, return with comments and acceptance by who may take each
//! step; bad input named by field with nothing written.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::both_engines;
use crate::harness::{Engine, TestApp, PASSWORD};
use crate::lawmaking::decree_project;
use crate::legal::{fields, id_of};

both_engines!(
    a_task_is_seen_by_its_agencies_alone_and_moves_to_acceptance,
    a_bad_directive_is_named_by_field_and_nothing_is_written,
    the_task_pages_speak_vietnamese,
    reminders_go_once_to_each_agency_and_an_overdue_task_escalates_once,
    bodies_keep_their_members_and_refuse_a_term_out_of_order
);

async fn app_with(engine: Engine) -> Option<(TestApp, String)> {
    let app = TestApp::new(engine).await?;
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    Some((app, token))
}

fn directive(document: i64, due_on: &str, coordinating: &[&str]) -> Value {
    let coordinating: Vec<Value> = coordinating
        .iter()
        .map(|agency| json!({"agency": agency, "contribution": "Số liệu và ý kiến của cơ quan"}))
        .collect();
    json!({
        "title": "Kết luận Hội nghị tổng kết thi hành Nghị quyết 130/2020/QH14",
        "issued_on": "2026-03-02",
        "issued_by": "Hội nghị tổng kết",
        "document_id": document.to_string(),
        "tasks": [{
            "title": "Hoàn thành báo cáo tổng kết thi hành pháp luật",
            "product": "Báo cáo tổng kết thi hành pháp luật",
            "presiding": "BQP-CPC",
            "coordinating": coordinating,
            "due_on": due_on,
        }],
    })
}

async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> crate::harness::Response {
    app.api(
        Method::POST,
        &format!("/api/v1/tasks/{id}/steps"),
        token,
        Some(body),
    )
    .await
}

async fn a_task_is_seen_by_its_agencies_alone_and_moves_to_acceptance(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let resolution = id_of(&app, &token, "130/2020/QH14").await;
    let created = app
        .api(
            Method::POST,
            "/api/v1/directives",
            &token,
            Some(directive(
                resolution,
                "2026-06-30",
                &["BCA-VPTT", "BNG-TCQT"],
            )),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json()["task_ids"][0].as_i64().expect("task");
    // The directive cites its basis in the registry: Resolution 130, replaced by the Law
    // of 2025 before the directive's date, shows on the legal health page as cited out of
    // force.
    let health = app
        .api(Method::GET, "/api/v1/legal/health", &token, None)
        .await
        .json();
    let directive_citations: Vec<&Value> = health["not_in_force"]
        .as_array()
        .expect("not in force")
        .iter()
        .filter(|view| view["citation"]["subject"] == "directive")
        .collect();
    assert_eq!(directive_citations.len(), 1, "{health}");
    assert_eq!(
        directive_citations[0]["citation"]["directive_title"],
        "Kết luận Hội nghị tổng kết thi hành Nghị quyết 130/2020/QH14"
    );

    app.user("legal.officer", "BQP-CPC", &["agency_officer"])
        .await;
    app.user("police.officer", "BCA-VPTT", &["agency_officer"])
        .await;
    app.user("mfa.officer", "BNG-TCQT", &["agency_officer"])
        .await;
    app.user("mof.officer", "BTC", &["agency_officer"]).await;
    let presiding = app.token("legal.officer").await;
    let police = app.token("police.officer").await;
    let mfa = app.token("mfa.officer").await;
    let finance = app.token("mof.officer").await;
    let path = format!("/api/v1/tasks/{id}");

    // Each agency involved sees its task; another ministry sees nothing of it.
    for (who, reader) in [
        ("presiding", &presiding),
        ("police", &police),
        ("mfa", &mfa),
    ] {
        let listed = app
            .api(Method::GET, "/api/v1/tasks", reader, None)
            .await
            .json();
        assert_eq!(listed["total"], 1, "{who}: {listed}");
        assert_eq!(
            app.api(Method::GET, &path, reader, None).await.status,
            StatusCode::OK,
            "{who}"
        );
    }
    let listed = app
        .api(Method::GET, "/api/v1/tasks", &finance, None)
        .await
        .json();
    assert_eq!(listed["total"], 0, "{listed}");
    assert_eq!(
        app.api(Method::GET, &path, &finance, None).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = step(
        &app,
        &finance,
        id,
        json!({"action": "progress", "share_done": "10"}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    // A coordinating agency reports progress; only the presiding one submits.
    let progress = step(
        &app,
        &police,
        id,
        json!({"action": "progress", "share_done": "30", "note": "Đã gửi số liệu"}),
    )
    .await;
    assert_eq!(progress.status, StatusCode::OK, "{}", progress.text);
    assert_eq!(progress.json()["task"]["status"], "under_way");
    assert_eq!(progress.json()["task"]["share_done"], 30);
    let refused = step(&app, &police, id, json!({"action": "submit"})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    let view = app.api(Method::GET, &path, &presiding, None).await.json();
    assert_eq!(view["actions"], json!(["progress", "submit"]));
    let submitted = step(
        &app,
        &presiding,
        id,
        json!({"action": "submit", "note": "Dự thảo báo cáo"}),
    )
    .await;
    assert_eq!(
        submitted.json()["task"]["status"],
        "submitted",
        "{}",
        submitted.text
    );

    // Only the department judges the product: returned with comments, then accepted.
    let refused = step(&app, &presiding, id, json!({"action": "accept"})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let silent = step(&app, &token, id, json!({"action": "return"})).await;
    assert_eq!(
        fields(&silent),
        [("note".to_owned(), "required".to_owned())]
    );
    let returned = step(
        &app,
        &token,
        id,
        json!({"action": "return", "note": "Bổ sung phần kinh phí"}),
    )
    .await;
    assert_eq!(
        returned.json()["task"]["status"],
        "returned",
        "{}",
        returned.text
    );
    let extended = step(
        &app,
        &token,
        id,
        json!({"action": "extend", "due_on": "2026-07-31", "note": "Chờ số liệu kinh phí"}),
    )
    .await;
    assert_eq!(
        extended.json()["task"]["due_on"],
        "2026-07-31",
        "{}",
        extended.text
    );
    let again = step(&app, &presiding, id, json!({"action": "submit"})).await;
    assert_eq!(again.json()["task"]["status"], "submitted");
    let accepted = step(&app, &token, id, json!({"action": "accept"})).await;
    let task = accepted.json();
    assert_eq!(task["task"]["status"], "closed", "{}", accepted.text);
    assert_eq!(task["task"]["share_done"], 100);
    assert!(task["task"]["closed_on"].is_string());
    let history: Vec<&str> = task["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|event| event["action"].as_str())
        .collect();
    assert_eq!(
        history,
        ["assigned", "progress", "submit", "return", "extend", "submit", "accept"]
    );
    let moved = &task["history"][4];
    assert_eq!(
        (moved["due_before"].as_str(), moved["due_after"].as_str()),
        (Some("2026-06-30"), Some("2026-07-31"))
    );
    // The agencies' summaries count it, closed after its deadline; another ministry's count nothing.
    let summary = app
        .api(Method::GET, "/api/v1/tasks/summary", &mfa, None)
        .await
        .json();
    assert_eq!(
        summary,
        json!({"open": 0, "due_soon": 0, "overdue": 0, "closed": 1, "closed_on_time": 0})
    );
    let summary = app
        .api(Method::GET, "/api/v1/tasks/summary", &finance, None)
        .await
        .json();
    assert_eq!(summary["closed"], 0, "{summary}");
    // A closed task takes no more steps.
    let closed = step(
        &app,
        &police,
        id,
        json!({"action": "progress", "share_done": "50"}),
    )
    .await;
    assert_eq!(
        fields(&closed),
        [("action".to_owned(), "transition".to_owned())]
    );
}

async fn a_bad_directive_is_named_by_field_and_nothing_is_written(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let resolution = id_of(&app, &token, "130/2020/QH14").await;
    let mut bad = directive(resolution, "2026-02-01", &["BQP-CPC", "NOPE"]);
    bad["issued_by"] = json!("");
    let refused = app
        .api(Method::POST, "/api/v1/directives", &token, Some(bad))
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
            ("issued_by".to_owned(), "required".to_owned()),
            ("tasks[0].coordinating".to_owned(), "same_agency".to_owned()),
            (
                "tasks[0].coordinating".to_owned(),
                "unknown_value".to_owned()
            ),
            ("tasks[0].due_on".to_owned(), "out_of_order".to_owned()),
        ]
    );
    let listed = app
        .api(Method::GET, "/api/v1/tasks", &token, None)
        .await
        .json();
    assert_eq!(listed["total"], 0, "nothing written: {listed}");
    // Only the department's coordinators give directives.
    app.user("legal.officer", "BQP-CPC", &["agency_officer"])
        .await;
    let officer = app.token("legal.officer").await;
    let denied = app
        .api(
            Method::POST,
            "/api/v1/directives",
            &officer,
            Some(directive(resolution, "2026-06-30", &["BCA-VPTT"])),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
}

async fn the_task_pages_speak_vietnamese(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    // The dossier a task concerns is picked from the dossiers, by title and date.
    let body = json!({ "title": "Cử bệnh viện dã chiến 2026", "category": "mnd_armed", "decision": "send", "dated": "2026-01-02" });
    let opened = app
        .api(Method::POST, "/api/v1/dossiers", &token, Some(body))
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
    let dossier = opened.json()["id"].as_i64().expect("id").to_string();
    // And the law-making project from the open projects, by title.
    let project = decree_project(&app, &token).await["id"]
        .as_i64()
        .expect("id")
        .to_string();
    let list = app.web_get(&session, "/tasks").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains("Chỉ đạo và nhiệm vụ"), "{}", list.text);
    assert!(
        list.text.contains(&format!(
            "<option value=\"{dossier}\">Cử bệnh viện dã chiến 2026 (02/01/2026)</option>"
        )),
        "{}",
        list.text
    );
    assert!(
        list.text.contains(&format!(
            "<option value=\"{project}\">Nghị định thử nghiệm về chế độ</option>"
        )),
        "{}",
        list.text
    );
    // A dossier that does not exist is refused on its field.
    let unknown = app
        .web_post(
            &session,
            "/tasks",
            &[
                ("title", "Kết luận hội nghị"),
                ("issued_on", "2026-03-02"),
                ("issued_by", "Hội nghị tổng kết"),
                ("task_title", "Chuẩn bị lực lượng"),
                ("product", "Báo cáo"),
                ("presiding", "BQP-CPC"),
                ("due_on", "2026-06-30"),
                ("dossier_id", "999999"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unknown.text.contains(
            "<select id=\"directive-dossier_id\" name=\"dossier_id\" aria-invalid=\"true\">"
        ),
        "{}",
        unknown.text
    );
    let form = |due_on: &'static str| {
        vec![
            ("dossier_id", dossier.as_str()),
            ("law_project_id", project.as_str()),
            ("title", "Kết luận hội nghị"),
            ("issued_on", "2026-03-02"),
            ("issued_by", "Hội nghị tổng kết"),
            ("task_title", "Hoàn thành báo cáo tổng kết"),
            ("product", "Báo cáo tổng kết thi hành pháp luật"),
            ("presiding", "BQP-CPC"),
            ("coordinating.BCA-VPTT", "1"),
            ("contribution.BCA-VPTT", "Số liệu lực lượng Công an"),
            ("due_on", due_on),
        ]
    };
    // A deadline before the directive comes back on the form, in Vietnamese, as typed.
    let refused = app.web_post(&session, "/tasks", &form("2026-02-01")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("thời hạn không được trước ngày ban hành chỉ đạo"),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains("Số liệu lực lượng Công an"),
        "{}",
        refused.text
    );
    let saved = app.web_post(&session, "/tasks", &form("2026-06-30")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let location = saved.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = app.web_get(&session, &location).await;
    assert!(page.text.contains("Đã giao"), "{}", page.text);
    assert!(
        page.text
            .contains(&format!("<a href=\"/dossiers/{dossier}\">Mở hồ sơ</a>")),
        "the task links the dossier picked: {}",
        page.text
    );
    assert!(
        page.text.contains(&format!(
            "<a href=\"/legal/projects/{project}\">Mở dự án</a>"
        )),
        "the task links the project picked: {}",
        page.text
    );
    assert!(
        page.text.contains("30/06/2026"),
        "dates dd/mm/yyyy: {}",
        page.text
    );
    let refused = app
        .web_post(
            &session,
            &format!("{location}/steps"),
            &[("action", "progress"), ("share_done", "150")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("tỷ lệ hoàn thành phải từ 0 đến 100"),
        "{}",
        refused.text
    );
    let done = app
        .web_post(
            &session,
            &format!("{location}/steps"),
            &[
                ("action", "progress"),
                ("share_done", "40"),
                ("note", "Đã họp tổ biên tập"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    let page = app.web_get(&session, &location).await;
    assert!(
        page.text.contains("Đang thực hiện") && page.text.contains("Đã họp tổ biên tập"),
        "{}",
        page.text
    );
}

async fn reminders_go_once_to_each_agency_and_an_overdue_task_escalates_once(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let resolution = id_of(&app, &token, "130/2020/QH14").await;
    let mut body = directive(resolution, "2026-03-05", &["BCA-VPTT"]);
    body["issued_on"] = json!("2026-01-01");
    let mut late = body["tasks"][0].clone();
    late["title"] = json!("Báo cáo kinh phí");
    late["due_on"] = json!("2026-02-20");
    body["tasks"].as_array_mut().expect("tasks").push(late);
    let created = app
        .api(Method::POST, "/api/v1/directives", &token, Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    app.user("legal.officer", "BQP-CPC", &["agency_officer"])
        .await;
    app.user("police.officer", "BCA-VPTT", &["agency_officer"])
        .await;
    app.user("mof.officer", "BTC", &["agency_officer"]).await;

    // Two sweeps at once: one notice per threshold and recipient.
    let on = time::macros::date!(2026 - 03 - 01);
    let (first, second) = tokio::join!(
        bluehelm_app::notices::queue_task_notices(&app.store, on),
        bluehelm_app::notices::queue_task_notices(&app.store, on)
    );
    // Due soon to both agencies' officers; overdue to both; escalated to the coordinator.
    assert_eq!(first.expect("sweep") + second.expect("sweep"), 5);
    let again = bluehelm_app::notices::queue_task_notices(&app.store, on + time::Duration::days(1))
        .await
        .expect("sweep");
    assert_eq!(again, 0, "each threshold once");

    let what_of = |listed: Value| -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = listed["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|item| item["record"] == "task")
            .map(|item| {
                (
                    item["what"].as_str().unwrap_or("").to_owned(),
                    item["subject"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        found.sort();
        found
    };
    let police = app.token("police.officer").await;
    let listed = app
        .api(Method::GET, "/api/v1/notices", &police, None)
        .await
        .json();
    assert_eq!(
        what_of(listed),
        [
            (
                "due_soon".to_owned(),
                "Hoàn thành báo cáo tổng kết thi hành pháp luật".to_owned()
            ),
            ("overdue".to_owned(), "Báo cáo kinh phí".to_owned()),
        ]
    );
    let listed = app
        .api(Method::GET, "/api/v1/notices", &token, None)
        .await
        .json();
    assert_eq!(
        what_of(listed),
        [("escalated".to_owned(), "Báo cáo kinh phí".to_owned())]
    );
    let finance = app.token("mof.officer").await;
    let listed = app
        .api(Method::GET, "/api/v1/notices", &finance, None)
        .await
        .json();
    assert!(what_of(listed).is_empty(), "another ministry hears nothing");
}

async fn bodies_keep_their_members_and_refuse_a_term_out_of_order(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let body = json!({
        "kind": "working_group",
        "name_vi": "Tổ công tác liên ngành",
        "name_en": "Inter-agency working group",
        "standing": "BQP-CGGHB",
    });
    app.user("legal.officer", "BQP-CPC", &["agency_officer"])
        .await;
    let officer = app.token("legal.officer").await;
    let denied = app
        .api(Method::POST, "/api/v1/bodies", &officer, Some(body.clone()))
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let created = app
        .api(Method::POST, "/api/v1/bodies", &token, Some(body))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json()["id"].as_i64().expect("id");
    let members = format!("/api/v1/bodies/{id}/members");
    let head = json!({
        "name": "Hoàng Xuân Chiến", "position": "Thứ trưởng Bộ Quốc phòng", "agency": "BQP",
        "role": "head", "from_on": "2021-01-01",
    });
    let added = app.api(Method::POST, &members, &token, Some(head)).await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    let secretary = json!({
        "username": "coordinator", "position": "Thư ký", "agency": "BQP-CGGHB",
        "role": "secretary", "from_on": "2021-01-01", "to_on": "2020-06-30",
    });
    let refused = app
        .api(Method::POST, &members, &token, Some(secretary.clone()))
        .await;
    assert_eq!(
        fields(&refused),
        [("to_on".to_owned(), "out_of_order".to_owned())]
    );
    let mut unknown = secretary;
    unknown["username"] = json!("nobody");
    unknown["to_on"] = json!("");
    let refused = app.api(Method::POST, &members, &token, Some(unknown)).await;
    assert_eq!(
        fields(&refused),
        [("username".to_owned(), "unknown_value".to_owned())]
    );
    let detail = app
        .api(Method::GET, &format!("/api/v1/bodies/{id}"), &officer, None)
        .await
        .json();
    let names: Vec<&str> = detail["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Hoàng Xuân Chiến"],
        "nothing written by the refusals: {detail}"
    );
    assert_eq!(detail["body"]["members"], 1);

    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let page = app.web_get(&session, &format!("/bodies/{id}")).await;
    assert!(page.text.contains("Trưởng ban, Tổ trưởng"), "{}", page.text);
    assert!(page.text.contains("01/01/2021"), "{}", page.text);
    let refused = app
        .web_post(
            &session,
            &format!("/bodies/{id}/members"),
            &[
                ("name", "Nguyễn Văn A"),
                ("position", "Thành viên"),
                ("agency", "BNG-TCQT"),
                ("role", "member"),
                ("from_on", "2022-01-01"),
                ("to_on", "2021-01-01"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("nhiệm kỳ không thể kết thúc trước khi bắt đầu"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("Nguyễn Văn A"), "{}", refused.text);
}
