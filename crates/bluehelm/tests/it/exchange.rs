//! Bulk import and export of the people file: a bad row stops the whole file and is named;
//! a clean file is written whole; an export gives back what was imported, within rights.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};

use crate::both_engines;
use crate::harness::{Engine, TestApp};

both_engines!(
    one_bad_row_writes_nothing_and_is_named,
    import_then_export_round_trips_within_rights,
    a_large_list_counts_to_its_cap,
    sub_records_import_whole_or_not_at_all_and_export_back,
    a_workbook_round_trips,
    a_file_is_uploaded_from_the_web_page
);

const HEADER: &str = "agency_code,service,service_number,family_name,middle_name,given_name,gender,birth_date,rank,phone,email,status,specialties";

fn file(rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

async fn import(
    app: &TestApp,
    token: &str,
    body: String,
    dry_run: bool,
) -> (StatusCode, serde_json::Value) {
    let response = app
        .send(
            Request::post(format!("/api/v1/people/import?dry_run={dry_run}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "text/csv")
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    (response.status, response.json())
}

async fn upload(
    app: &TestApp,
    token: &str,
    kind: &str,
    body: Vec<u8>,
    dry_run: bool,
) -> (StatusCode, serde_json::Value) {
    let response = app
        .send(
            Request::post(format!("/api/v1/imports/{kind}?dry_run={dry_run}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    (response.status, response.json())
}

async fn export(app: &TestApp, token: &str, query: &str) -> (StatusCode, String) {
    let response = app
        .api(
            Method::GET,
            &format!("/api/v1/people/export.csv{query}"),
            token,
            None,
        )
        .await;
    (response.status, response.text)
}

async fn one_bad_row_writes_nothing_and_is_named(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let rows = [
        "BQP-HVQY,army,QN-100,Nguyễn,Thị,Hoa,female,1988-02-03,thieu-ta,,,,medical_doctor;surgeon",
        "BQP-HVQY,army,QN-101,Trần,Văn,Nam,male,1990-13-40,dai-uy,,,,nurse",
        "BCA-VPTT,police,CA-100,Lê,Thị,Lan,female,1992-07-01,dai-uy,,,,police_officer",
    ];
    let audit_before = app.store.count("audit_entry").await.expect("count");
    let (status, report) = import(&app, &token, file(&rows), false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    assert_eq!(report["written"], false);
    assert_eq!(report["rows"], 3);
    assert_eq!(report["error_count"], 1);
    assert_eq!(report["errors"][0]["line"], 3);
    assert_eq!(report["errors"][0]["column"], "birth_date");
    assert_eq!(report["errors"][0]["message"], "phải là một ngày hợp lệ");
    assert_eq!(
        app.store.count("person").await.expect("count"),
        0,
        "nothing written"
    );
    assert_eq!(
        app.store.count("audit_entry").await.expect("count"),
        audit_before
    );

    // Several faults on several lines, all reported at once.
    let worse = [
        "NOPE,army,QN-200,Phạm,,An,male,1990-01-01,dai-uy,,,,",
        "BQP-HVQY,army,QN-201,Phạm,,Bình,male,1990-01-01,do-doc,,,,astronaut",
        "BQP-HVQY,army,QN-201,Phạm,,Chi,female,1990-01-01,dai-uy,,,,",
        "BQP-HVQY,army,QN-202",
    ];
    let (_, report) = import(&app, &token, file(&worse), true).await;
    let found: Vec<(i64, String)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["line"].as_i64().unwrap_or(0),
                e["column"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (2, "agency_code".to_owned()),
            (3, "rank".to_owned()),
            (3, "specialties".to_owned()),
            (4, "service_number".to_owned()),
            (5, String::new()),
        ]
    );
    let reasons: Vec<(&str, &str)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        [reasons[0], reasons[3], reasons[4]],
        [
            (
                "unknown_value",
                "không có cơ quan, đơn vị nào mang mã “NOPE”"
            ),
            (
                "duplicate",
                "số hiệu QN-201 đã được dùng trong lực lượng Lục quân"
            ),
            (
                "invalid",
                "dòng này có 3 giá trị, trong khi dòng tiêu đề có 13 cột"
            ),
        ]
    );
    let (_, report) = import(&app, &token, "family,given\nA,B\n".to_owned(), true).await;
    assert!(report["errors"]
        .as_array()
        .is_some_and(|e| e.iter().any(|e| e["column"] == "family" && e["line"] == 1)));

    // The clean file: a dry run writes nothing, the real run writes every row.
    let clean = file(&[rows[0], rows[2]]);
    let (status, report) = import(&app, &token, clean.clone(), true).await;
    assert_eq!(
        (status, report["written"].clone()),
        (StatusCode::OK, false.into())
    );
    assert_eq!(app.store.count("person").await.expect("count"), 0);
    let (status, report) = import(&app, &token, clean, false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(app.store.count("person").await.expect("count"), 2);
}

async fn import_then_export_round_trips_within_rights(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let rows = [
        "BCA-VPTT,police,CA-300,Lê,Thị,Lan,female,1992-07-01,dai-uy,0912 345 678,lan@demo.invalid,available,police_officer",
        "BQP-HVQY,army,QN-300,Nguyễn,Thị,Hoa,female,1988-02-03,thieu-ta,,,in_training,medical_doctor;surgeon",
        "BNG-TCQT,civilian,DS-300,\"Đặng\",,\"Thu, Hà\",female,1985-11-30,,,,available,interpreter",
    ];
    let original = file(&rows);
    let (status, report) = import(&app, &token, original.clone(), false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    let (status, exported) = export(&app, &token, "").await;
    assert_eq!(status, StatusCode::OK);
    let normalise =
        |text: &str| -> Vec<String> { text.lines().map(|l| l.replace('"', "")).collect() };
    assert_eq!(
        normalise(&exported),
        normalise(&original),
        "the export gives back the file"
    );

    // An officer of the police exports only the police.
    app.user("police", "BCA", &["agency_officer"]).await;
    let police = app.token("police").await;
    let (_, exported) = export(&app, &police, "").await;
    assert_eq!(exported.lines().count(), 2, "{exported}");
    assert!(exported.contains("CA-300") && !exported.contains("QN-300"));
    // And cannot import into the army.
    let (status, report) = import(
        &app,
        &police,
        file(&["BQP-HVQY,army,QN-301,Ngô,,Quyền,male,1985-01-01,thieu-ta,,,,"]),
        false,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(report["errors"][0]["column"], "agency_code");
    // Viewers export nothing.
    app.user("viewer", "VPCP", &["viewer"]).await;
    let viewer = app.token("viewer").await;
    assert_eq!(export(&app, &viewer, "").await.0, StatusCode::FORBIDDEN);
    // Filters apply to the export as to the list.
    let (_, exported) = export(&app, &token, "?q=hoa").await;
    assert_eq!(exported.lines().count(), 2, "{exported}");
}

async fn a_large_list_counts_to_its_cap(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let rows: Vec<String> = (0..1_005)
        .map(|n| {
            let status = if n < 3 { "retired" } else { "available" };
            format!("BQP-HVQY,army,QN-{n:05},Nguyễn,Văn,Số {n},male,1990-01-01,dai-uy,,,{status},")
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let (status, report) = import(&app, &token, file(&rows), false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    let everyone = app
        .api(Method::GET, "/api/v1/people?per_page=10", &token, None)
        .await
        .json();
    assert_eq!(
        (everyone["total"].clone(), everyone["total_capped"].clone()),
        (1_000.into(), true.into())
    );
    assert_eq!(everyone["items"].as_array().map(Vec::len), Some(10));
    let retired = app
        .api(Method::GET, "/api/v1/people?status=retired", &token, None)
        .await
        .json();
    assert_eq!(
        (retired["total"].clone(), retired["total_capped"].clone()),
        (3.into(), false.into())
    );
    // The list still pages past the cap, in name order.
    let far = app
        .api(
            Method::GET,
            "/api/v1/people?status=available&page=21&per_page=50&sort=service_number",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(far["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(far["items"][1]["service_number"], "QN-01004");
    // Several words: the rarest drives the search, the others are checked on its rows.
    let one = app
        .api(
            Method::GET,
            "/api/v1/people?q=nguyen%20so%201004",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(one["items"][0]["service_number"], "QN-01004", "{one}");
    assert_eq!(one["total"], 1);
    // The import took its ids in one block and chained one audit entry per person, in two
    // batches: the chain holds, and the next person created by hand follows on.
    let found = app
        .api(Method::GET, "/api/v1/people?q=so%201004", &token, None)
        .await
        .json();
    let last_imported = found["items"][0]["id"].as_i64().expect("id");
    let created = app
        .api(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(serde_json::json!({
                "agency_id": found["items"][0]["agency_id"], "service": "army",
                "service_number": "QN-02000", "family_name": "Trần", "given_name": "Bình",
                "gender": "male", "birth_date": "1991-04-05", "rank": "dai-uy", "status": "available",
            })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(
        created.json()["person"]["id"].as_i64(),
        Some(last_imported + 1)
    );
    assert!(app
        .store
        .verify_audit_chain(&[])
        .await
        .expect("walk")
        .is_ok());
}

async fn sub_records_import_whole_or_not_at_all_and_export_back(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    app.user("police", "BCA", &["agency_officer"]).await;
    let token = app.token("coordinator").await;
    let people = [
        "BQP-HVQY,army,QN-200,Nguyễn,Thị,Hoa,female,1988-02-03,thieu-ta,,,,medical_doctor",
        "BQP-HVQY,army,QN-201,Trần,Văn,Nam,male,1990-01-04,dai-uy,,,,nurse",
    ];
    let (status, report) = import(&app, &token, file(&people), false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");

    let documents = "service,service_number,kind,number,issued_on,expires_on\n\
        army,QN-200,passport,C1234567,2020-01-01,2030-01-01\n\
        army,QN-999,passport,C7654321,2020-01-01,2030-01-01\n\
        army,QN-201,passport,C2345678,2021-01-01,2019-01-01\n";
    let (status, report) = upload(&app, &token, "documents", documents.into(), false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    let faults: Vec<(i64, String)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["line"].as_i64().unwrap_or(0),
                e["column"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        faults,
        [
            (3, "service_number".to_owned()),
            (4, "expires_on".to_owned())
        ]
    );
    assert_eq!(
        app.store.count("identity_document").await.expect("count"),
        0
    );

    // Another ministry's officer may not add records to these people.
    let police = app.token("police").await;
    let clean = "service,service_number,kind,number,issued_on,expires_on\n\
        army,QN-200,passport,C1234567,2020-01-01,2030-01-01\n\
        army,QN-201,official_passport,B2345678,2021-01-01,2031-01-01\n";
    let (status, report) = upload(&app, &police, "documents", clean.into(), false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    assert_eq!(report["error_count"], 2);
    let (status, report) = upload(&app, &token, "documents", clean.into(), false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    let languages = "service_number,service,language,test,score,level,tested_on,valid_until\n\
        QN-200,army,en,ielts,7.0,C1,2025-05-01,2027-05-01\n";
    let (status, report) = upload(&app, &token, "languages", languages.into(), false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    let qualifications = "service,service_number,kind,issued_on,expires_on,reference\n\
        army,QN-201,un-sotc,2024-06-01,,cert 17\n\
        army,QN-201,no-such-course,2024-06-01,,\n";
    let (status, report) =
        upload(&app, &token, "qualifications", qualifications.into(), false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    assert_eq!(
        (
            report["errors"][0]["line"].clone(),
            report["errors"][0]["column"].clone()
        ),
        (serde_json::json!(3), serde_json::json!("kind"))
    );

    let exported = app
        .api(Method::GET, "/api/v1/exports/documents.csv", &token, None)
        .await;
    assert_eq!(exported.status, StatusCode::OK);
    assert_eq!(
        exported.text, clean,
        "the export reads as the file imported"
    );
    let languages_back = app
        .api(Method::GET, "/api/v1/exports/languages.csv", &token, None)
        .await;
    assert!(
        languages_back
            .text
            .ends_with("army,QN-200,en,ielts,7.0,C1,2025-05-01,2027-05-01\n"),
        "{}",
        languages_back.text
    );
    let bad_name = app
        .api(Method::GET, "/api/v1/exports/medical.csv", &token, None)
        .await;
    assert_eq!(bad_name.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn a_workbook_round_trips(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let people = [
        "BQP-HVQY,army,QN-300,Nguyễn,Thị,Hoa,female,1988-02-03,thieu-ta,,,,medical_doctor;surgeon",
        "BCA-VPTT,police,CA-300,Lê,,Lan,female,1992-07-01,dai-uy,0912345678,lan@example.vn,in_training,police_officer",
    ];
    let (status, report) = import(&app, &token, file(&people), false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    let workbook = app
        .api(Method::GET, "/api/v1/exports/people.xlsx", &token, None)
        .await;
    assert_eq!(workbook.status, StatusCode::OK);
    assert!(workbook.bytes.starts_with(b"PK"), "an XLSX archive");
    let csv_before = export(&app, &token, "").await.1;

    let Some(other) = TestApp::new(engine).await else {
        return;
    };
    other
        .user("coordinator", "BQP-CGGHB", &["coordinator"])
        .await;
    let other_token = other.token("coordinator").await;
    let (status, report) =
        upload(&other, &other_token, "people", workbook.bytes.clone(), true).await;
    assert_eq!(
        (status, report["rows"].clone()),
        (StatusCode::OK, serde_json::json!(2)),
        "{report}"
    );
    let (status, report) = upload(&other, &other_token, "people", workbook.bytes, false).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(export(&other, &other_token, "").await.1, csv_before);
}

/// A multipart form as a browser sends it.
fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----bluehelm-test-boundary";
    let mut body = Vec::new();
    for (name, filename, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match filename {
            Some(filename) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn a_file_is_uploaded_from_the_web_page(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let session = app
        .sign_in("coordinator", crate::harness::PASSWORD)
        .await
        .unwrap_or_else(|response| panic!("sign-in refused: {}", response.text));
    let page = app.web_get(&session, "/files").await;
    assert_eq!(page.status, StatusCode::OK);
    // A page that is not there says so in the reader's language.
    let missing = app.web_get(&session, "/people/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.text.contains("Không tìm thấy nội dung này"),
        "{}",
        missing.text
    );
    let bad = file(&[
        "BQP-HVQY,army,QN-400,Nguyễn,Thị,Hoa,female,1988-02-30,thieu-ta,,,,",
        "NOPE,army,QN-401,Trần,,An,male,1990-01-01,dai-uy,,,,",
    ]);
    let post = |query: String, body: (String, Vec<u8>)| {
        let cookie = format!("bh_session={}", session.cookie);
        Request::post(format!("/files{query}"))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, body.0)
            .body(Body::from(body.1))
            .expect("request")
    };
    let form = || {
        multipart(&[
            ("csrf_token", None, session.csrf.as_bytes()),
            ("kind", None, b"people"),
            ("file", Some("people.csv"), bad.as_bytes()),
        ])
    };
    let forged = app
        .send(post(
            String::new(),
            multipart(&[
                ("kind", None, b"people"),
                ("file", Some("people.csv"), bad.as_bytes()),
            ]),
        ))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no token, no upload");
    // The token in the address no longer counts: it belongs in the form, first.
    let in_the_address = app
        .send(post(
            format!("?csrf_token={}", session.csrf),
            multipart(&[
                ("kind", None, b"people"),
                ("csrf_token", None, session.csrf.as_bytes()),
                ("file", Some("people.csv"), bad.as_bytes()),
            ]),
        ))
        .await;
    assert_eq!(
        in_the_address.status,
        StatusCode::FORBIDDEN,
        "token not first"
    );
    let refused = app.send(post(String::new(), form())).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert!(refused.text.contains("id=\"import-faults\""));
    // Each reason in the reader's language, its values in place.
    for fault in [
        "<td>2</td><td translate=\"no\">birth_date</td><td>phải là một ngày hợp lệ</td>",
        "<td>3</td><td translate=\"no\">agency_code</td><td>không có cơ quan, đơn vị nào mang mã “NOPE”</td>",
    ] {
        assert!(refused.text.contains(fault), "{fault}: {}", refused.text);
    }
    let good = file(&["BQP-HVQY,army,QN-400,Nguyễn,Thị,Hoa,female,1988-02-03,thieu-ta,,,,"]);
    let checked = app
        .send(post(
            String::new(),
            multipart(&[
                ("csrf_token", None, session.csrf.as_bytes()),
                ("kind", None, b"people"),
                ("dry_run", None, b"1"),
                ("file", Some("people.csv"), good.as_bytes()),
            ]),
        ))
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.text);
    assert!(checked.text.contains("id=\"import-clean\""));
    assert_eq!(app.store.count("person").await.expect("count"), 0);
    let written = app
        .send(post(
            String::new(),
            multipart(&[
                ("csrf_token", None, session.csrf.as_bytes()),
                ("kind", None, b"people"),
                ("file", Some("people.csv"), good.as_bytes()),
            ]),
        ))
        .await;
    assert!(
        written.text.contains("id=\"import-written\""),
        "{}",
        written.text
    );
    assert_eq!(app.store.count("person").await.expect("count"), 1);
}
