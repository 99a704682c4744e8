//! The personnel registry through the API: search that ignores diacritics, history kept on
//! renewal, health data for the medical role only, rights per agency, eligibility.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::both_engines;
use crate::harness::{Engine, TestApp};

both_engines!(
    names_are_found_without_diacritics,
    common_names_page_in_name_order,
    personal_values_leave_only_through_their_readers,
    renewals_keep_the_history,
    health_data_is_for_the_medical_role_only,
    officers_see_only_their_own_agency,
    bad_people_are_refused_with_every_field_named,
    eligibility_names_every_failed_rule,
    a_person_is_corrected_through_the_form,
    a_police_officers_assessment_awards_what_was_passed_in_full
);

pub fn person(agency_id: i64, number: &str, family: &str, middle: &str, given: &str) -> Value {
    json!({
        "agency_id": agency_id,
        "service": "army",
        "service_number": number,
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "gender": "female",
        "birth_date": "1990-05-17",
        "rank": "dai-uy",
        "specialties": ["staff_officer"]
    })
}

/// An application with a coordinator and their token.
async fn app_with_coordinator(engine: Engine) -> Option<(TestApp, String)> {
    let app = TestApp::new(engine).await?;
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    Some((app, token))
}

async fn create(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app
        .api(Method::POST, "/api/v1/people", token, Some(body))
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    response.json()
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p["family_name"].as_str().unwrap_or(""),
                p["given_name"].as_str().unwrap_or("")
            )
        })
        .collect()
}

async fn names_are_found_without_diacritics(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    let agency = app.agency_id("BQP-CGGHB").await;
    create(&app, &token, person(agency, "QN-1", "Nguyễn", "Văn", "An")).await;
    create(&app, &token, person(agency, "QN-2", "Nguyễn", "Thị", "Ánh")).await;
    create(&app, &token, person(agency, "QN-3", "Đặng", "Văn", "Đức")).await;
    create(&app, &token, person(agency, "QN-4", "Trần", "", "Anh")).await;
    create(&app, &token, person(agency, "QN-5", "Vũ", "Thị", "Lan")).await;
    let search = |q: &str| {
        let path = format!("/api/v1/people?q={}", crate::harness::urlencode(q));
        let app = &app;
        let token = &token;
        async move {
            let response = app.api(Method::GET, &path, token, None).await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.text);
            names(&response.json())
        }
    };
    assert_eq!(search("nguyen van an").await, ["Nguyễn An"]);
    assert_eq!(search("NGUYỄN").await, ["Nguyễn An", "Nguyễn Ánh"]);
    assert_eq!(search("dang duc").await, ["Đặng Đức"]);
    // Each word must start a word of the name: "an" finds An, Ánh and Anh, never Lan.
    assert_eq!(search("an").await, ["Nguyễn An", "Nguyễn Ánh", "Trần Anh"]);
    assert_eq!(search("anh").await, ["Nguyễn Ánh", "Trần Anh"]);
    assert!(search("100%_").await.is_empty());
    // Filters combine with the search.
    let response = app
        .api(
            Method::GET,
            "/api/v1/people?q=nguyen&rank_min=9&rank_max=9&gender=female&service=army&sort=-name",
            &token,
            None,
        )
        .await;
    assert_eq!(names(&response.json()), ["Nguyễn Ánh", "Nguyễn An"]);
}

/// A search whose rarest word starts thousands of names pages along the name order with a
/// capped count, as a list does; it must find the same people, in the same order, as the
/// word index does for a rarer search.
async fn common_names_page_in_name_order(engine: Engine) {
    use bluehelm_domain::listing::{PageRequest, Sort};
    use bluehelm_domain::person::{fold, full_name};
    use bluehelm_store::person::{PersonFilter, PERSON_SORT};

    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    bluehelm::demo::load_people(&app.store, 6_000, 11)
        .await
        .expect("people");
    app.store.refresh_statistics().await.expect("statistics");
    let by_name = Sort::parse(Some("name"), PERSON_SORT).expect("sort");
    for (query, common) in [("nguyen", true), ("nguyen van", false), ("t", true)] {
        let filter = PersonFilter {
            name: Some(query.to_owned()),
            ..PersonFilter::default()
        };
        // Every match, in id order, through the export's word-index path.
        let mut expected = app
            .store
            .people_after(&filter, 0, 100_000)
            .await
            .expect("matches");
        assert_eq!(
            expected.len() > 2_000,
            common,
            "{query}: {}",
            expected.len()
        );
        expected.sort_by_cached_key(|p| {
            (
                fold(&full_name(
                    &p.given_name,
                    p.middle_name.as_deref(),
                    &p.family_name,
                )),
                p.id,
            )
        });
        let expected: Vec<i64> = expected.iter().map(|p| p.id).collect();
        for page in [1, 3] {
            let listed = app
                .store
                .list_people(
                    &filter,
                    by_name,
                    PageRequest::parse(Some(page), Some(50)).expect("paging"),
                )
                .await
                .expect("page");
            let start = (page as usize - 1) * 50;
            let ids: Vec<i64> = listed.items.iter().map(|p| p.id).collect();
            assert_eq!(ids, expected[start..start + 50], "{query}, page {page}");
            if common {
                assert!(
                    listed.total_capped,
                    "{query}: a common search counts to a cap"
                );
                assert_eq!(listed.total, bluehelm_store::person::PEOPLE_COUNT_CAP);
            } else {
                assert_eq!(listed.total, expected.len() as i64, "{query}");
            }
        }
    }
}

async fn renewals_keep_the_history(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    let agency = app.agency_id("BQP-CGGHB").await;
    let created = create(&app, &token, person(agency, "QN-10", "Lê", "Thị", "Hoa")).await;
    let id = created["person"]["id"].as_i64().expect("id");
    // A person with a specialty and no other record reads with those lists empty; an
    // unknown id is not found.
    let bare = app
        .api(Method::GET, &format!("/api/v1/people/{id}"), &token, None)
        .await;
    assert_eq!(bare.status, StatusCode::OK, "{}", bare.text);
    let bare = bare.json();
    assert_eq!(bare["person"]["given_name"], "Hoa", "{bare}");
    assert_eq!(bare["specialties"][0]["code"], "staff_officer", "{bare}");
    assert_eq!(
        bare["specialties"].as_array().map(Vec::len),
        Some(1),
        "{bare}"
    );
    for list in ["documents", "languages", "qualifications", "training"] {
        assert_eq!(bare[list], json!([]), "{list}: {bare}");
    }
    let unknown = app
        .api(
            Method::GET,
            &format!("/api/v1/people/{}", id + 1000),
            &token,
            None,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.text);
    let today = time::OffsetDateTime::now_utc().date();
    let soon = today + time::Duration::days(40);
    let later = today + time::Duration::days(3650);
    let passport = |number: &str, expires: time::Date| json!({ "kind": "passport", "number": number, "issued_on": "2020-01-01", "expires_on": expires.to_string() });
    let path = format!("/api/v1/people/{id}/documents");
    let first = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(passport("C1111111", soon)),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let expiring = app
        .api(Method::GET, "/api/v1/expiries?within_days=90", &token, None)
        .await
        .json();
    assert_eq!(expiring["total"], 1, "{expiring}");
    assert_eq!(expiring["items"][0]["what"], "passport");
    assert_eq!(expiring["items"][0]["expires_on"], soon.to_string());
    // The home page's count, remembered between writes, is counted again after one.
    let home_count = || {
        app.store
            .expiry_count(None, today, today + time::Duration::days(90), false, 1_000)
    };
    assert_eq!(home_count().await.expect("count"), 1);
    assert_eq!(home_count().await.expect("count"), 1);

    let renewed = app
        .api(
            Method::POST,
            &path,
            &token,
            Some(passport("C2222222", later)),
        )
        .await;
    assert_eq!(renewed.status, StatusCode::CREATED);
    let detail = app
        .api(Method::GET, &format!("/api/v1/people/{id}"), &token, None)
        .await
        .json();
    let numbers: Vec<&str> = detail["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["number"].as_str())
        .collect();
    assert_eq!(
        numbers,
        ["C2222222", "C1111111"],
        "the old passport is kept, the newest first"
    );
    let expiring = app
        .api(Method::GET, "/api/v1/expiries?within_days=90", &token, None)
        .await
        .json();
    assert_eq!(
        expiring["items"],
        json!([]),
        "a renewed passport no longer expires"
    );
    assert_eq!(expiring["total"], 0);
    assert_eq!(home_count().await.expect("count"), 0);
    assert_eq!(
        app.api(Method::GET, "/api/v1/expiries?within_days=0", &token, None)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let too_long = app
        .api(Method::GET, "/api/v1/expiries?per_page=501", &token, None)
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long.text.contains("per_page"), "{}", too_long.text);
}

async fn health_data_is_for_the_medical_role_only(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    let agency = app.agency_id("BQP-CGGHB").await;
    let id = create(&app, &token, person(agency, "QN-20", "Phạm", "Văn", "Bình")).await["person"]
        ["id"]
        .as_i64()
        .expect("id");
    app.user("doctor", "BQP-HVQY", &["medical"]).await;
    let doctor = app.token("doctor").await;
    let exam = json!({ "status": "fit_with_restrictions", "examined_on": "2026-01-05",
                       "valid_until": (time::OffsetDateTime::now_utc().date() + time::Duration::days(20)).to_string(),
                       "restrictions": "no high-altitude posting" });
    let path = format!("/api/v1/people/{id}/medical");
    let refused = app
        .api(Method::POST, &path, &token, Some(exam.clone()))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "a coordinator cannot write health data"
    );
    let written = app.api(Method::POST, &path, &doctor, Some(exam)).await;
    assert_eq!(written.status, StatusCode::CREATED, "{}", written.text);

    for (username, agency_code, role) in [
        ("coord2", "BQP-CGGHB", "coordinator"),
        ("auditor", "BQP-CPC", "auditor"),
        ("officer", "BQP", "agency_officer"),
        ("inspector", "BQP-CGGHB", "inspector"),
        ("finance", "BTC", "finance"),
        ("approver", "BQP", "approver"),
        ("admin", "BQP-CGGHB", "admin"),
        ("viewer", "VPCP", "viewer"),
    ] {
        app.user(username, agency_code, &[role]).await;
        let other = app.token(username).await;
        let detail = app
            .api(Method::GET, &format!("/api/v1/people/{id}"), &other, None)
            .await;
        assert!(
            !detail.text.contains("high-altitude") && !detail.text.contains("fit_with"),
            "{role}: {}",
            detail.text
        );
        let medical = app.api(Method::GET, &path, &other, None).await;
        assert_eq!(medical.status, StatusCode::FORBIDDEN, "{role}");
        let expiries = app.api(Method::GET, "/api/v1/expiries", &other, None).await;
        assert!(
            !expiries.text.contains("medical"),
            "{role}: {}",
            expiries.text
        );
    }
    // The same on the web page.
    let page = format!("/people/{id}");
    let coordinator = app
        .sign_in("coord2", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signs in");
    let seen = app.web_get(&coordinator, &page).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.text.contains("Phạm Văn Bình") && !seen.text.contains("high-altitude"));
    let medical_officer = app
        .sign_in("doctor", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signs in");
    assert!(app
        .web_get(&medical_officer, &page)
        .await
        .text
        .contains("no high-altitude posting"));

    let reads_before = app.audit_count("medical_read").await;
    let detail = app
        .api(Method::GET, &format!("/api/v1/people/{id}"), &doctor, None)
        .await
        .json();
    assert_eq!(
        detail["medical"][0]["restrictions"],
        "no high-altitude posting"
    );
    let records = app.api(Method::GET, &path, &doctor, None).await.json();
    assert_eq!(records[0]["status"], "fit_with_restrictions");
    assert_eq!(
        app.audit_count("medical_read").await,
        reads_before + 2,
        "every read is audited"
    );
    let expiries = app
        .api(Method::GET, "/api/v1/expiries", &doctor, None)
        .await
        .json();
    assert_eq!(expiries["items"][0]["record"], "medical");
    // The trail names the examination but never its content.
    let trail = app
        .api(
            Method::GET,
            "/api/v1/audit?per_page=500",
            &app.token("auditor").await,
            None,
        )
        .await;
    assert!(trail.text.contains("medical_fitness") && !trail.text.contains("high-altitude"));
    // The form is the medical role's only: others see none, and their posts are refused.
    assert!(!seen.text.contains("id=\"add-medical\""));
    let exam_form = [
        ("status", "fit"),
        ("examined_on", "2026-02-01"),
        ("valid_until", "2027-02-01"),
        ("restrictions", ""),
    ];
    let medical_form = format!("/people/{id}/medical");
    let refused = app.web_post(&coordinator, &medical_form, &exam_form).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app
        .web_post(
            &medical_officer,
            &medical_form,
            &[
                ("status", "fit"),
                ("examined_on", "2026-02-01"),
                ("valid_until", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("Hiệu lực đến:"), "{}", bad.text);
    let recorded = app
        .web_post(&medical_officer, &medical_form, &exam_form)
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.text);
    let records = app.api(Method::GET, &path, &doctor, None).await.json();
    assert_eq!(records.as_array().map(Vec::len), Some(2));
}

async fn officers_see_only_their_own_agency(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    let defence_unit = app.agency_id("BQP-HVQY").await;
    let police_unit = app.agency_id("BCA-VPTT").await;
    let soldier = create(
        &app,
        &token,
        person(defence_unit, "QN-30", "Hoàng", "Văn", "Nam"),
    )
    .await["person"]["id"]
        .as_i64()
        .expect("id");
    let mut police = person(police_unit, "CA-30", "Vũ", "Thị", "Lan");
    police["service"] = json!("police");
    police["rank"] = json!("thieu-ta");
    police["specialties"] = json!(["police_officer"]);
    create(&app, &token, police).await;
    app.user("police.officer", "BCA", &["agency_officer"]).await;
    let officer = app.token("police.officer").await;
    let listed = app
        .api(Method::GET, "/api/v1/people", &officer, None)
        .await
        .json();
    assert_eq!(names(&listed), ["Vũ Lan"]);
    // Asking for another ministry's subtree is refused, naming the filter, not quietly
    // answered with their own.
    let within = app.agency_id("BQP").await;
    let refused = app
        .api(
            Method::GET,
            &format!("/api/v1/people?within={within}"),
            &officer,
            None,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert_eq!(refused.json()["errors"][0]["field"], "within");
    let own = app.agency_id("BCA-VPTT").await;
    let listed = app
        .api(
            Method::GET,
            &format!("/api/v1/people?within={own}"),
            &officer,
            None,
        )
        .await
        .json();
    assert_eq!(names(&listed), ["Vũ Lan"]);
    let denied_before = app.audit_count("permission_denied").await;
    let read = app
        .api(
            Method::GET,
            &format!("/api/v1/people/{soldier}"),
            &officer,
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    let write = app
        .api(
            Method::PUT,
            &format!("/api/v1/people/{soldier}"),
            &officer,
            Some(person(police_unit, "QN-30", "Hoàng", "Văn", "Nam")),
        )
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);
    let create_there = app
        .api(
            Method::POST,
            "/api/v1/people",
            &officer,
            Some(person(defence_unit, "QN-31", "Mai", "", "Hương")),
        )
        .await;
    assert_eq!(create_there.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count("permission_denied").await,
        denied_before + 3
    );
    // Viewers see no personal data at all.
    app.user("viewer", "VPCP", &["viewer"]).await;
    let viewer = app.token("viewer").await;
    assert_eq!(
        app.api(Method::GET, "/api/v1/people", &viewer, None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

async fn bad_people_are_refused_with_every_field_named(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    let agency = app.agency_id("BQP-CGGHB").await;
    let mut bad = person(agency, "x", "Nguyễn", "", "<b>An</b>");
    bad["rank"] = json!("do-doc");
    bad["specialties"] = json!(["astronaut"]);
    let response = app
        .api(Method::POST, "/api/v1/people", &token, Some(bad))
        .await;
    assert_eq!(
        response.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        response.text
    );
    let fields: Vec<String> = response.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(fields, ["service_number", "given_name", "rank"]);
    let unknown_specialty = app
        .api(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(json!({
        "agency_id": agency, "service": "army", "service_number": "QN-40", "family_name": "Ngô",
        "given_name": "Quyền", "gender": "male", "birth_date": "1985-01-01", "rank": "thieu-ta",
        "specialties": ["astronaut"] })),
        )
        .await;
    assert_eq!(
        unknown_specialty.json()["errors"][0]["field"],
        "specialties"
    );
    assert_eq!(
        app.store.count("person").await.expect("count"),
        0,
        "nothing written"
    );

    let first = create(&app, &token, person(agency, "QN-41", "Bùi", "Thị", "Mai")).await;
    assert_eq!(first["likely_duplicates"], json!([]));
    let taken = app
        .api(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(person(agency, "qn-41", "Bùi", "Thị", "Mai")),
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(taken.json()["errors"][0]["field"], "service_number");
    let twin = create(&app, &token, person(agency, "QN-42", "BÙI", "THI", "mai")).await;
    assert_eq!(
        twin["likely_duplicates"][0]["service_number"], "QN-41",
        "same name and birth date is flagged"
    );

    // Another ministry's officer learns that likely duplicates exist elsewhere, never who.
    app.user("officer.bca", "BCA", &["agency_officer"]).await;
    let officer = app.token("officer.bca").await;
    let police = app.agency_id("BCA").await;
    let elsewhere = create(&app, &officer, person(police, "QN-43", "Bùi", "Thị", "Mai")).await;
    assert_eq!(elsewhere["likely_duplicates"], json!([]), "{elsewhere}");
    assert_eq!(elsewhere["duplicates_elsewhere"], 2, "{elsewhere}");
    let Ok(session) = app.sign_in("officer.bca", crate::harness::PASSWORD).await else {
        panic!("the officer signs in");
    };
    let id = elsewhere["person"]["id"].as_i64().expect("id");
    let page = app.web_get(&session, &format!("/people/{id}")).await;
    assert!(
        page.text
            .contains("Cơ quan khác còn 2 hồ sơ cùng họ tên và ngày sinh"),
        "{}",
        page.text
    );
    assert!(!page.text.contains("QN-41"), "{}", page.text);
}

async fn eligibility_names_every_failed_rule(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    let agency = app.agency_id("BQP-CGGHB").await;
    let id = create(&app, &token, person(agency, "QN-50", "Đỗ", "Thị", "Thu")).await["person"]
        ["id"]
        .as_i64()
        .expect("id");
    let documents = format!("/api/v1/people/{id}/documents");
    let passport = json!({ "kind": "passport", "number": "C5555555", "expires_on": "2027-11-01" });
    assert_eq!(
        app.api(Method::POST, &documents, &token, Some(passport))
            .await
            .status,
        StatusCode::CREATED
    );
    let language = json!({ "language": "en", "test": "ielts", "score": "5.5", "level": "B1", "tested_on": "2026-01-10" });
    assert_eq!(
        app.api(
            Method::POST,
            &format!("/api/v1/people/{id}/languages"),
            &token,
            Some(language)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let body = json!({
        "requirements": { "personnel_type": "staff_officer", "min_rank": 9, "max_rank": 11,
                          "language": { "language": "en", "min_level": "B2" },
                          "qualifications": ["un-sotc"] },
        "tour": { "start": "2027-03-01", "months": 12 }
    });
    let answer = app
        .api(
            Method::POST,
            &format!("/api/v1/people/{id}/eligibility"),
            &token,
            Some(body),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let answer = answer.json();
    assert_eq!(answer["eligible"], false);
    let rules: Vec<&str> = answer["failures"]
        .as_array()
        .expect("failures")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, ["language", "qualification", "passport", "medical"]);
    // Each reason as a code with its parameters, and the sentence in the caller's language.
    let passport = &answer["failures"][2]["reason"];
    assert_eq!(passport["code"], "eligibility.passport_before_end");
    assert_eq!(
        passport["params"],
        json!({"expiry": "2027-11-01", "gap": 4, "gap_unit": "months"})
    );
    assert_eq!(
        passport["message"],
        "hộ chiếu hết hạn ngày 01/11/2027, 4 tháng trước khi nhiệm kỳ kết thúc"
    );
}

async fn personal_values_leave_only_through_their_readers(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    app.user("admin", "BQP", &["admin"]).await;
    app.user("auditor", "BQP", &["auditor"]).await;
    app.user("viewer", "BQP", &["viewer"]).await;
    let unit = app.agency_id("BQP-HVQY").await;
    let mut body = person(unit, "QN-77", "Đặng", "Thị", "=HYPERLINK(\"http://evil\")");
    body["phone"] = json!("+84912000111");
    let id = create(&app, &token, body.clone()).await["person"]["id"]
        .as_i64()
        .expect("id");
    body["phone"] = json!("+84912000222");
    let updated = app
        .api(
            Method::PUT,
            &format!("/api/v1/people/{id}"),
            &token,
            Some(body),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);

    let trail = |token: String| {
        let app = &app;
        async move {
            app.api(Method::GET, "/api/v1/audit?entity=person", &token, None)
                .await
        }
    };
    // The auditor reads every record, so the trail shows them the change itself.
    let audited = trail(app.token("auditor").await).await;
    assert!(audited.text.contains("+84912000222"), "{}", audited.text);
    assert_eq!(audited.json()["items"][0]["values_withheld"], false);
    // The administrator may not read people: the trail says what changed, not the values.
    let administered = trail(app.token("admin").await).await;
    assert_eq!(administered.status, StatusCode::OK);
    let items = administered.json()["items"].clone();
    assert_eq!(items.as_array().map(Vec::len), Some(2), "{items}");
    assert_eq!(items[0]["entity_id"], id.to_string());
    assert_eq!(items[0]["values_withheld"], true);
    for secret in ["Đặng", "HYPERLINK", "912000", "1990-05-17"] {
        assert!(
            !administered.text.contains(secret),
            "{secret} leaks: {}",
            administered.text
        );
    }
    let session = app
        .sign_in("admin", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let page = app.web_get(&session, "/audit?entity=person").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Nội dung được ẩn"), "{}", page.text);
    // Who acted: their name and agency, not a login name.
    assert!(
        page.text
            .contains("Test coordinator <small class=\"muted\">· BQP-CGGHB</small>"),
        "{}",
        page.text
    );
    for secret in ["Đặng", "HYPERLINK", "912000", "1990-05-17"] {
        assert!(!page.text.contains(secret), "{secret} leaks on the page");
    }
    // Nobody else reads the trail at all.
    assert_eq!(
        trail(app.token("viewer").await).await.status,
        StatusCode::FORBIDDEN
    );

    // The CSV export writes a name that would start a formula as text, and reads it back.
    let csv = app
        .api(Method::GET, "/api/v1/people/export.csv", &token, None)
        .await
        .text;
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'+84912000222,"), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",+"), "{csv}");
}

/// The edit form opens filled with what is recorded; a refused correction is shown again at
/// the form's own address with what was typed, and changes nothing; an accepted one is
/// saved, audited, and leads back to the person.
async fn a_person_is_corrected_through_the_form(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    let agency = app.agency_id("BQP-CGGHB").await;
    let created = create(
        &app,
        &token,
        person(agency, "QN-EDIT-1", "Trần", "Thị", "Mai"),
    )
    .await;
    let id = created["person"]["id"].as_i64().expect("id");
    let session = app
        .sign_in("coordinator", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let form = app.web_get(&session, &format!("/people/{id}/edit")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("value=\"QN-EDIT-1\""), "{}", form.text);
    assert!(form.text.contains("<option value=\"dai-uy\" selected>"));
    let fields = |given: &'static str, email: &'static str| {
        vec![
            ("agency_id", agency.to_string()),
            ("service", "army".to_owned()),
            ("service_number", "QN-EDIT-1".to_owned()),
            ("family_name", "Trần".to_owned()),
            ("middle_name", "Thị".to_owned()),
            ("given_name", given.to_owned()),
            ("gender", "female".to_owned()),
            ("birth_date", "1990-05-17".to_owned()),
            ("rank", "thieu-ta".to_owned()),
            ("email", email.to_owned()),
            ("status", "available".to_owned()),
            ("specialties", "staff_officer".to_owned()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let session = &session;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.web_post(session, &format!("/people/{id}"), &pairs)
                .await
        }
    };
    let updates_before = app.audit_count("update").await;
    let refused = post(fields("Mai Anh", "not an address")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text
        .contains(&format!("data-address=\"/people/{id}/edit\"")));
    assert!(
        refused.text.contains("value=\"Mai Anh\""),
        "the input is kept"
    );
    assert_eq!(app.audit_count("update").await, updates_before);
    let saved = post(fields("Mai Anh", "mai.anh@example.vn")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(saved.headers["location"], format!("/people/{id}").as_str());
    assert_eq!(app.audit_count("update").await, updates_before + 1);
    let (status, detail) = {
        let response = app
            .api(Method::GET, &format!("/api/v1/people/{id}"), &token, None)
            .await;
        (response.status, response.json())
    };
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["person"]["given_name"], "Mai Anh");
    assert_eq!(detail["person"]["rank_code"], "thieu-ta");

    // The trail shows the correction field by field, only what moved, in words, and
    // links the record for a reader who may open it.
    app.user("auditor", "BQP", &["auditor"]).await;
    let auditor = app
        .sign_in("auditor", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let trail = app
        .web_get(&auditor, &format!("/audit?entity=person&entity_id={id}"))
        .await;
    assert_eq!(trail.status, StatusCode::OK);
    let latest = trail
        .text
        .split("<table class=\"diff\">")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .unwrap_or_else(|| panic!("no difference shown: {}", trail.text));
    assert!(
        latest.contains("<th scope=\"row\">Tên</th><td class=\"before\" translate=\"no\">Mai</td><td class=\"after\" translate=\"no\">Mai Anh</td>"),
        "{latest}"
    );
    assert!(
        !latest.contains(">Họ</th>"),
        "an unchanged field is listed: {latest}"
    );
    assert!(trail.text.contains(&format!("href=\"/people/{id}\"")));
}

/// A police officer's assessment for mission service is recorded part by part with scores
/// and pass marks; the English parts all passed award `ams-english`, a driving part failed
/// awards nothing. Only police officers take it; a part is recorded once per day; the form
/// keeps what was typed and names the part at fault.
async fn a_police_officers_assessment_awards_what_was_passed_in_full(engine: Engine) {
    let Some((app, token)) = app_with_coordinator(engine).await else {
        return;
    };
    app.user("outsider", "BQP", &["agency_officer"]).await;
    let outsider = app.token("outsider").await;
    let agency = app.agency_id("BCA").await;
    let mut officer = person(agency, "CA-AMS-1", "Vũ", "Thị", "Thanh");
    officer["service"] = json!("police");
    let officer = create(&app, &token, officer).await["person"]["id"]
        .as_i64()
        .expect("id");
    let soldier = create(
        &app,
        &token,
        person(app.agency_id("BQP").await, "QN-AMS-2", "Lê", "Văn", "Nam"),
    )
    .await["person"]["id"]
        .as_i64()
        .expect("id");
    let parts = |driving: u32| {
        json!({ "assessed_on": "2026-11-18", "parts": [
            { "part": "english_reading", "score": 72 },
            { "part": "english_listening", "score": 65, "pass_mark": 60 },
            { "part": "english_writing", "score": 61 },
            { "part": "english_interview", "score": 80, "pass_mark": 70 },
            { "part": "driving", "score": driving }
        ] })
    };
    let path = |id: i64| format!("/api/v1/people/{id}/assessments");
    let refused = app
        .api(Method::POST, &path(soldier), &token, Some(parts(70)))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["code"], "not_police");
    let forbidden = app
        .api(Method::POST, &path(officer), &outsider, Some(parts(70)))
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let recorded = app
        .api(Method::POST, &path(officer), &token, Some(parts(55)))
        .await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.text);
    assert_eq!(recorded.json().as_array().map(Vec::len), Some(5));
    let again = app
        .api(Method::POST, &path(officer), &token, Some(parts(70)))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
    let detail = app
        .api(
            Method::GET,
            &format!("/api/v1/people/{officer}"),
            &token,
            None,
        )
        .await
        .json();
    let kinds: Vec<&str> = detail["qualifications"]
        .as_array()
        .expect("qualifications")
        .iter()
        .filter_map(|q| q["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["ams-english"], "{detail}");
    assert_eq!(detail["qualifications"][0]["expires_on"], "2027-11-18");

    // On the page: the results with their verdicts, and the form.
    let session = app
        .sign_in("coordinator", crate::harness::PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let page = app.web_get(&session, &format!("/people/{officer}")).await;
    assert!(page.text.contains("Tiếng Anh: đọc hiểu"), "{}", page.text);
    assert!(page.text.contains("Không đạt"), "the driving part failed");
    let form = format!("/people/{officer}/assessments");
    let refused = app
        .web_post(
            &session,
            &form,
            &[
                ("assessed_on", "2026-11-25"),
                ("score.driving", "75"),
                ("pass_mark.driving", "60"),
                ("score.firearms", "140"),
                ("pass_mark.firearms", "70"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text
        .contains("id=\"ams-score-firearms\" name=\"score.firearms\" type=\"number\" min=\"0\" max=\"100\" size=\"4\" value=\"140\" aria-invalid=\"true\""), "{}", refused.text);
    let saved = app
        .web_post(
            &session,
            &form,
            &[
                ("assessed_on", "2026-11-25"),
                ("score.driving", "75"),
                ("pass_mark.driving", "60"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let detail = app
        .api(
            Method::GET,
            &format!("/api/v1/people/{officer}"),
            &token,
            None,
        )
        .await
        .json();
    let kinds: Vec<&str> = detail["qualifications"]
        .as_array()
        .expect("qualifications")
        .iter()
        .filter_map(|q| q["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"ams-driving"), "{detail}");
}
