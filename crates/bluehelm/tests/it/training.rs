//! Training courses and the expiry notices: seats are limited, a pass becomes a
//! qualification, results are final; notices reach the right officers once per record and
//! lead time, in the application and by e-mail through a real SMTP conversation.

use std::sync::{Arc, Mutex};

use axum::http::{Method, StatusCode};
use bluehelm_app::notices;
use serde_json::{json, Value};
use time::{Date, Duration};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::both_engines;
use crate::harness::{Engine, TestApp};
use crate::people::person;

both_engines!(
    a_pass_becomes_a_qualification_and_seats_are_limited,
    notices_reach_the_right_officers_once_per_lead_time,
    a_course_is_run_from_the_web_pages
);

fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
    let response = app.api(Method::POST, path, token, Some(body)).await;
    let value = serde_json::from_str(&response.text).unwrap_or(Value::Null);
    (response.status, value)
}

async fn new_person(app: &TestApp, token: &str, agency: i64, number: &str, given: &str) -> i64 {
    let (status, created) = post(
        app,
        "/api/v1/people",
        token,
        person(agency, number, "Phạm", "Thị", given),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["person"]["id"].as_i64().expect("id")
}

async fn a_pass_becomes_a_qualification_and_seats_are_limited(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    app.user("outsider", "BCA", &["agency_officer"]).await;
    let token = app.token("coordinator").await;
    let outsider = app.token("outsider").await;
    let agency = app.agency_id("BQP-CGGHB").await;
    let starts = today() - Duration::days(20);
    let (status, course) = post(
        &app,
        "/api/v1/courses",
        &token,
        json!({
            "title": "Pre-deployment training, rotation 8",
            "provider": "Viet Nam Peacekeeping Training Centre",
            "starts_on": starts.to_string(),
            "ends_on": (starts + Duration::days(14)).to_string(),
            "capacity": 2,
            "qualification": "un-pdt"
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{course}");
    let course_id = course["id"].as_i64().expect("id");
    let enrolments = format!("/api/v1/courses/{course_id}/enrolments");
    let people = [
        new_person(&app, &token, agency, "QN-T1", "Hà").await,
        new_person(&app, &token, agency, "QN-T2", "Mai").await,
        new_person(&app, &token, agency, "QN-T3", "Linh").await,
    ];
    let mut enrolment_ids = Vec::new();
    for person_id in &people[..2] {
        let (status, enrolment) =
            post(&app, &enrolments, &token, json!({ "person_id": person_id })).await;
        assert_eq!(status, StatusCode::CREATED, "{enrolment}");
        enrolment_ids.push(enrolment["id"].as_i64().expect("id"));
    }
    let (status, full) = post(&app, &enrolments, &token, json!({ "person_id": people[2] })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{full}");
    assert_eq!(full["errors"][0]["code"], "full");
    let (status, _) = post(&app, &enrolments, &token, json!({ "person_id": people[0] })).await;
    assert_eq!(status, StatusCode::CONFLICT, "a person is enrolled once");

    // The course is corrected by its agency, never below the seats taken.
    let corrected = |capacity: u32| {
        json!({
            "title": "Pre-deployment training, rotation 8 (UNMISS)",
            "provider": "Viet Nam Peacekeeping Training Centre",
            "starts_on": starts.to_string(),
            "ends_on": (starts + Duration::days(14)).to_string(),
            "capacity": capacity,
            "qualification": "un-pdt"
        })
    };
    let course_path = format!("/api/v1/courses/{course_id}");
    let put = |token: String, capacity: u32| {
        let (app, path, body) = (&app, course_path.clone(), corrected(capacity));
        async move { app.api(Method::PUT, &path, &token, Some(body)).await }
    };
    assert_eq!(put(outsider.clone(), 2).await.status, StatusCode::FORBIDDEN);
    let below = put(token.clone(), 1).await;
    assert_eq!(
        below.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        below.text
    );
    assert_eq!(below.json()["errors"][0]["code"], "below_seats_taken");
    let renamed = put(token.clone(), 2).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text);
    assert_eq!(
        renamed.json()["title"],
        "Pre-deployment training, rotation 8 (UNMISS)"
    );
    let session = app
        .sign_in("coordinator", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let edit = format!("/training/{course_id}/edit");
    let form = app.web_get(&session, &edit).await;
    assert!(form
        .text
        .contains("value=\"Pre-deployment training, rotation 8 (UNMISS)\""));
    let (starts_text, ends_text) = (
        starts.to_string(),
        (starts + Duration::days(14)).to_string(),
    );
    let fields = |capacity: &'static str| {
        vec![
            ("title", "Pre-deployment training, rotation 8"),
            ("provider", "Viet Nam Peacekeeping Training Centre"),
            ("starts_on", starts_text.as_str()),
            ("ends_on", ends_text.as_str()),
            ("capacity", capacity),
            ("qualification", "un-pdt"),
        ]
    };
    let refused = app.web_post(&session, &edit, &fields("1")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("không được ít hơn số chỗ đã có người đăng ký (2)"),
        "{}",
        refused.text
    );
    let saved = app.web_post(&session, &edit, &fields("2")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    // Another ministry's officer may neither enrol these people nor record results.
    let result_path =
        |enrolment: i64| format!("/api/v1/courses/{course_id}/enrolments/{enrolment}/result");
    let passed_on = starts + Duration::days(14);
    let pass = json!({ "outcome": "passed", "score": "91", "result_on": passed_on.to_string() });
    let (status, _) = post(
        &app,
        &result_path(enrolment_ids[0]),
        &outsider,
        pass.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, recorded) = post(&app, &result_path(enrolment_ids[0]), &token, pass.clone()).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(recorded["status"], "passed");
    let detail = app
        .api(
            Method::GET,
            &format!("/api/v1/people/{}", people[0]),
            &token,
            None,
        )
        .await
        .json();
    let qualification = &detail["qualifications"][0];
    assert_eq!(qualification["kind"], "un-pdt");
    assert_eq!(qualification["issued_on"], passed_on.to_string());
    let expected_until = bluehelm_domain::eligibility::add_months(passed_on, 12);
    assert_eq!(qualification["expires_on"], expected_until.to_string());
    assert_eq!(detail["training"][0]["status"], "passed");

    // A result is final; a withdrawal frees the seat.
    let (status, again) = post(&app, &result_path(enrolment_ids[0]), &token, pass).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert_eq!(again["errors"][0]["code"], "already_recorded");
    let withdraw = json!({ "outcome": "withdrawn", "result_on": today().to_string() });
    let (status, _) = post(&app, &result_path(enrolment_ids[1]), &token, withdraw).await;
    assert_eq!(status, StatusCode::OK);
    let second = app
        .api(
            Method::GET,
            &format!("/api/v1/people/{}", people[1]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(second["qualifications"], json!([]), "only a pass awards");
    let (status, _) = post(&app, &enrolments, &token, json!({ "person_id": people[2] })).await;
    assert_eq!(status, StatusCode::CREATED);
    let course = app
        .api(
            Method::GET,
            &format!("/api/v1/courses/{course_id}"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(course["course"]["seats_taken"], 2);
    assert_eq!(course["enrolments"].as_array().map(Vec::len), Some(3));
}

/// A mail relay that accepts everything and keeps (recipient, message) pairs.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<(String, String)>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let kept = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ready\r\n").await;
                let mut recipient = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("RCPT TO:") {
                        recipient = line[8..].trim().trim_matches(['<', '>']).to_owned();
                        b"250 ok\r\n"
                    } else if command == "DATA" {
                        let _ = write.write_all(b"354 go on\r\n").await;
                        let mut message = String::new();
                        while let Ok(Some(data)) = lines.next_line().await {
                            if data == "." {
                                break;
                            }
                            message.push_str(&data);
                            message.push('\n');
                        }
                        kept.lock()
                            .expect("lock")
                            .push((recipient.clone(), message));
                        b"250 queued\r\n"
                    } else if command == "QUIT" {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, received)
}

async fn notices_reach_the_right_officers_once_per_lead_time(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let officer = app.user("officer", "BQP-CGGHB", &["agency_officer"]).await;
    let doctor = app.user("doctor", "BQP", &["medical"]).await;
    app.user("elsewhere", "BCA", &["agency_officer"]).await;
    app.user("ministry", "BQP", &["agency_officer"]).await;
    let mut tx = app
        .store
        .begin_write(bluehelm_store::Actor::SYSTEM)
        .await
        .expect("begin");
    for (id, email) in [
        (officer, "officer@mod.example"),
        (doctor, "doctor@mod.example"),
    ] {
        let user = app.store.user(id).await.expect("user").0;
        let roles = user
            .roles
            .iter()
            .filter_map(|role| bluehelm_domain::role::Role::parse(role))
            .collect();
        tx.update_user(
            id,
            &user.display_name,
            Some(email),
            user.agency_id,
            &roles,
            false,
        )
        .await
        .expect("set e-mail");
    }
    tx.commit().await.expect("commit");

    let token = app.token("coordinator").await;
    let agency = app.agency_id("BQP-CGGHB").await;
    let id = new_person(&app, &token, agency, "QN-N1", "Thu").await;
    let day = |offset: i64| (today() + Duration::days(offset)).to_string();
    let (status, _) = post(
        &app,
        &format!("/api/v1/people/{id}/documents"),
        &token,
        json!({ "kind": "passport", "number": "C7654321", "expires_on": day(20) }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = post(
        &app,
        &format!("/api/v1/people/{id}/languages"),
        &token,
        json!({ "language": "en", "test": "ielts", "level": "B2", "tested_on": day(-600), "valid_until": day(60) }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let doctor_token = app.token("doctor").await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/people/{id}/medical"),
        &doctor_token,
        json!({ "status": "fit", "examined_on": day(-360), "valid_until": day(5) }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    // A person of a unit without its own officer: the ministry's officer looks after them.
    let academy = app.agency_id("BQP-HVQY").await;
    let cadet = new_person(&app, &token, academy, "QN-N2", "Vân").await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/people/{cadet}/documents"),
        &token,
        json!({ "kind": "passport", "number": "C1111111", "expires_on": day(10) }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    // Passport → the 30-day notice, language → 90, medical → 7 (to the medical officer
    // only), the cadet's passport → 30 to the ministry.
    let queued = notices::queue_expiry_notices(&app.store, today())
        .await
        .expect("sweep");
    assert_eq!(queued, 4);
    assert_eq!(
        notices::queue_expiry_notices(&app.store, today())
            .await
            .expect("sweep"),
        0
    );
    // Fifteen days on the passport reaches its 7-day notice; the language stays in its 90.
    let later = today() + Duration::days(15);
    assert_eq!(
        notices::queue_expiry_notices(&app.store, later)
            .await
            .expect("sweep"),
        1
    );

    let officer_token = app.token("officer").await;
    let mine = app
        .api(Method::GET, "/api/v1/notices", &officer_token, None)
        .await
        .json();
    assert_eq!(mine["unread"], 3);
    let mut leads: Vec<(String, i64)> = mine["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| {
            (
                n["record"].as_str().unwrap_or("").to_owned(),
                n["lead_days"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    leads.sort();
    assert_eq!(
        leads,
        [
            ("document".to_owned(), 7),
            ("document".to_owned(), 30),
            ("language".to_owned(), 90)
        ]
    );
    let theirs = app
        .api(Method::GET, "/api/v1/notices", &doctor_token, None)
        .await
        .json();
    assert_eq!(theirs["items"][0]["record"], "medical");
    assert_eq!(theirs["unread"], 1);
    let ministry = app.token("ministry").await;
    let theirs = app
        .api(Method::GET, "/api/v1/notices", &ministry, None)
        .await
        .json();
    assert_eq!(theirs["unread"], 1, "{theirs}");
    assert_eq!(theirs["items"][0]["person_id"], cadet);
    let elsewhere = app.token("elsewhere").await;
    let none = app
        .api(Method::GET, "/api/v1/notices", &elsewhere, None)
        .await
        .json();
    assert_eq!(none["unread"], 0);
    let (status, read) = post(&app, "/api/v1/notices/read", &officer_token, json!({})).await;
    assert_eq!((status, read["read"].clone()), (StatusCode::OK, json!(3)));

    // E-mail: every notice once, to its recipient, then nothing more.
    let (port, received) = smtp_sink().await;
    let mailer = notices::Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Bluehelm <bluehelm@mod.example>",
        Some("https://bluehelm.example".to_owned()),
    )
    .expect("mailer");
    let delivery = notices::deliver(&app.store, &mailer, today(), 100)
        .await
        .expect("deliver");
    assert_eq!((delivery.sent, delivery.failed), (4, 0));
    let again = notices::deliver(&app.store, &mailer, today(), 100)
        .await
        .expect("deliver");
    assert_eq!(again.sent + again.failed, 0);
    let received = received.lock().expect("lock").clone();
    let mut recipients: Vec<&str> = received.iter().map(|(to, _)| to.as_str()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        [
            "doctor@mod.example",
            "officer@mod.example",
            "officer@mod.example",
            "officer@mod.example"
        ]
    );
    assert!(received
        .iter()
        .all(|(_, message)| message.contains(&format!("https://bluehelm.example/people/{id}"))));

    // A doctor moved to another post no longer sees the health notices they once had.
    let mut tx = app
        .store
        .begin_write(bluehelm_store::Actor::SYSTEM)
        .await
        .expect("begin");
    let viewer = [bluehelm_domain::role::Role::Viewer].into_iter().collect();
    let user = app.store.user(doctor).await.expect("user").0;
    tx.update_user(
        doctor,
        &user.display_name,
        user.email.as_deref(),
        user.agency_id,
        &viewer,
        false,
    )
    .await
    .expect("change role");
    tx.commit().await.expect("commit");
    let theirs = app
        .api(Method::GET, "/api/v1/notices", &doctor_token, None)
        .await
        .json();
    assert_eq!(
        (theirs["unread"].clone(), theirs["items"].clone()),
        (json!(0), json!([]))
    );
}

async fn a_course_is_run_from_the_web_pages(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let agency = app.agency_id("BQP-CGGHB").await;
    let person_id = new_person(&app, &token, agency, "QN-W1", "Nga").await;
    let session = app
        .sign_in("coordinator", crate::harness::PASSWORD)
        .await
        .unwrap_or_else(|response| panic!("sign-in refused: {}", response.text));
    let starts = today().to_string();
    let refused = app
        .web_post(
            &session,
            "/training",
            &[
                ("title", "UN Staff Officers Course"),
                ("provider", "VNDPKO"),
                ("starts_on", &starts),
                ("ends_on", "2000-01-01"),
                ("capacity", "0"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("id=\"course-capacity-error\""),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("id=\"course-ends_on-error\""));
    let created = app
        .web_post(
            &session,
            "/training",
            &[
                ("title", "UN Staff Officers Course"),
                ("provider", "VNDPKO"),
                ("starts_on", &starts),
                ("ends_on", &starts),
                ("capacity", "10"),
                ("qualification", "un-sotc"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text);
    let course_id = app.store.courses(None).await.expect("courses")[0].id;
    let path = format!("/training/{course_id}");
    let unknown = app
        .web_post(
            &session,
            &format!("{path}/enrolments"),
            &[("service", "army"), ("service_number", "QN-NOBODY")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let enrolled = app
        .web_post(
            &session,
            &format!("{path}/enrolments"),
            &[("service", "army"), ("service_number", "QN-W1")],
        )
        .await;
    assert_eq!(enrolled.status, StatusCode::SEE_OTHER, "{}", enrolled.text);
    let page = app.web_get(&session, &path).await;
    assert!(page.text.contains("Phạm Thị Nga"), "{}", page.text);
    let enrolment_id = app
        .store
        .person_enrolments(person_id)
        .await
        .expect("enrolments")[0]
        .id;
    let passed = app
        .web_post(
            &session,
            &format!("{path}/enrolments/{enrolment_id}/result"),
            &[
                ("outcome", "passed"),
                ("score", "88"),
                ("result_on", &starts),
            ],
        )
        .await;
    assert_eq!(passed.status, StatusCode::SEE_OTHER, "{}", passed.text);
    let person = app.web_get(&session, &format!("/people/{person_id}")).await;
    assert_eq!(person.status, StatusCode::OK);
    assert!(person
        .text
        .contains(&format!("href=\"/training/{course_id}\"")));
    let expiries = app.web_get(&session, "/expiries?days=30").await;
    assert_eq!(expiries.status, StatusCode::OK, "{}", expiries.text);
    assert!(expiries.text.contains("id=\"notices\""));
}
