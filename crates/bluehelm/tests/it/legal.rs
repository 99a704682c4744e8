//! The legal registry: status on a date across replacement, refused cycles and dates, bad
//! input named by field, rights per role and agency, the pages in Vietnamese, the
//! procedures' citations and the legal health they add up to.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use bluehelm_app::notices;

use crate::both_engines;
use crate::harness::{Engine, TestApp, PASSWORD};

both_engines!(
    status_follows_replacement_on_the_seeded_framework,
    cycles_and_impossible_dates_are_refused_by_field,
    only_keepers_and_coordinators_write_the_registry,
    the_registry_pages_speak_vietnamese,
    procedures_cite_the_registry_and_its_health_is_checked,
    the_security_council_record_is_seeded_and_linked_to_the_registry,
    the_published_text_is_a_pdf_kept_with_its_sha256,
    the_graph_ranks_what_rests_on_what
);

async fn app_with(engine: Engine) -> Option<(TestApp, String)> {
    let app = TestApp::new(engine).await?;
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    Some((app, token))
}

/// The id of the seeded document with this number.
pub(crate) async fn id_of(app: &TestApp, token: &str, number: &str) -> i64 {
    let path = format!(
        "/api/v1/legal/documents?q={}",
        crate::harness::urlencode(number)
    );
    let page = app.api(Method::GET, &path, token, None).await.json();
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| item["document"]["number"] == number)
        .unwrap_or_else(|| panic!("{number} is seeded: {page}"))["document"]["id"]
        .as_i64()
        .expect("id")
}

async fn status(app: &TestApp, token: &str, id: i64, on: &str) -> Value {
    let response = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/documents/{id}?on={on}"),
            token,
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    response.json()["status"].clone()
}

async fn status_follows_replacement_on_the_seeded_framework(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let resolution = id_of(&app, &token, "130/2020/QH14").await;
    let law = id_of(&app, &token, "92/2025/QH15").await;
    assert_eq!(
        status(&app, &token, resolution, "2021-06-30").await["status"],
        "adopted"
    );
    assert_eq!(
        status(&app, &token, resolution, "2025-12-31").await,
        json!({"status": "in_force"})
    );
    assert_eq!(
        status(&app, &token, resolution, "2026-01-01").await,
        json!({"status": "replaced", "by": law, "on": "2026-01-01"})
    );
    assert_eq!(
        status(&app, &token, law, "2026-01-01").await,
        json!({"status": "in_force"})
    );
    // The search ignores case and diacritics, in the number as in the titles.
    for query in ["LUẬT THAM GIA", "luat tham gia", "92/2025/qh15"] {
        let path = format!(
            "/api/v1/legal/documents?q={}",
            crate::harness::urlencode(query)
        );
        let found = app.api(Method::GET, &path, &token, None).await.json();
        let ids: Vec<i64> = found["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|item| item["document"]["id"].as_i64())
            .collect();
        assert!(ids.contains(&law), "{query}: {found}");
    }
    let decrees = app
        .api(
            Method::GET,
            "/api/v1/legal/documents?q=nd-cp&kind=decree",
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(decrees["total"], 3, "NĐ-CP found as nd-cp: {decrees}");
    // The pending regimes decree is a draft; uncertain facts are kept unverified.
    let drafts = app
        .api(
            Method::GET,
            "/api/v1/legal/documents?kind=decree&on=2026-06-01",
            &token,
            None,
        )
        .await
        .json();
    let draft = &drafts["items"][0];
    assert_eq!(draft["status"]["status"], "draft", "{drafts}");
    assert_eq!(draft["document"]["verified"], false);
    let detail = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/documents/{resolution}"),
            &token,
            None,
        )
        .await
        .json();
    let timeline: Vec<&str> = detail["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|step| step["on"].as_str())
        .collect();
    assert_eq!(timeline, ["2020-11-13", "2021-07-01", "2026-01-01"]);
    let replaced_by: Vec<i64> = detail["related_from"]
        .as_array()
        .expect("relations")
        .iter()
        .filter(|r| r["kind"] == "replaces")
        .filter_map(|r| r["subject_id"].as_i64())
        .collect();
    assert_eq!(replaced_by, [law]);
    assert_eq!(detail["changed_by"]["number"], "92/2025/QH15", "{detail}");
    let unknown_day = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/documents/{law}?on=31/12/2025"),
            &token,
            None,
        )
        .await;
    assert_eq!(unknown_day.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown_day.json()["errors"][0]["field"], "on");
}

pub(crate) fn fields(response: &crate::harness::Response) -> Vec<(String, String)> {
    response.json()["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("field errors: {}", response.text))
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or("").to_owned(),
                e["code"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

async fn cycles_and_impossible_dates_are_refused_by_field(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let resolution = id_of(&app, &token, "130/2020/QH14").await;
    let law = id_of(&app, &token, "92/2025/QH15").await;
    let before = app.store.count("legal_relation").await.expect("count");
    let back = app
        .api(
            Method::POST,
            &format!("/api/v1/legal/documents/{resolution}/relations"),
            &token,
            Some(json!({"kind": "replaces", "object_id": law.to_string(), "effective_on": "2026-02-01"})),
        )
        .await;
    assert_eq!(
        back.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        back.text
    );
    assert!(
        fields(&back).contains(&("object_id".into(), "cycle".into())),
        "{}",
        back.text
    );
    let early = app
        .api(
            Method::POST,
            &format!("/api/v1/legal/documents/{law}/relations"),
            &token,
            Some(json!({"kind": "amends", "object_id": resolution.to_string(), "effective_on": "2025-01-01"})),
        )
        .await;
    assert_eq!(
        fields(&early),
        [("effective_on".to_owned(), "out_of_order".to_owned())]
    );
    assert_eq!(
        app.store.count("legal_relation").await.expect("count"),
        before
    );

    let bad = app
        .api(
            Method::POST,
            "/api/v1/legal/documents",
            &token,
            Some(json!({
                "kind": "decree", "number": "12/2026/QH15", "title_vi": "", "title_en": "A decree",
                "issuer": "Chính phủ", "signed_on": "2026-03-01", "effective_on": "2026-02-01",
                "source_url": "javascript:alert(1)"
            })),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let named: Vec<String> = fields(&bad).into_iter().map(|(field, _)| field).collect();
    assert_eq!(named, ["number", "title_vi", "source_url", "effective_on"]);
    assert!(
        bad.json()["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("NĐ-CP")),
        "the refusal shows how the kind is numbered: {}",
        bad.text
    );
    let taken = app
        .api(
            Method::POST,
            "/api/v1/legal/documents",
            &token,
            Some(json!({
                "kind": "law", "number": "92/2025/QH15", "title_vi": "Luật", "title_en": "Law",
                "issuer": "Quốc hội", "signed_on": "2025-06-26", "effective_on": "2026-01-01"
            })),
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.text);
}

async fn only_keepers_and_coordinators_write_the_registry(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    app.user("legal.officer", "BQP-CPC", &["agency_officer"])
        .await;
    app.user("police.officer", "BCA", &["agency_officer"]).await;
    app.user("approver", "BQP", &["approver"]).await;
    let legal = app.token("legal.officer").await;
    let police = app.token("police.officer").await;
    let approver = app.token("approver").await;
    let law = id_of(&app, &token, "92/2025/QH15").await;
    let circular = json!({
        "kind": "circular", "number": "05/2026/TT-BCA", "title_vi": "Thông tư", "title_en": "Circular",
        "issuer": "Bộ Công an", "signed_on": "2026-02-01", "effective_on": "2026-03-18"
    });
    let denied_before = app.audit_count("permission_denied").await;
    let refused = app
        .api(
            Method::POST,
            "/api/v1/legal/documents",
            &approver,
            Some(circular.clone()),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // An agency's officer registers their agency's documents and relates them…
    let created = app
        .api(
            Method::POST,
            "/api/v1/legal/documents",
            &police,
            Some(circular),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json()["agency_code"], "BCA");
    let id = created.json()["id"].as_i64().expect("id");
    let related = app
        .api(
            Method::POST,
            &format!("/api/v1/legal/documents/{id}/relations"),
            &police,
            Some(json!({"kind": "implements", "object_id": law.to_string()})),
        )
        .await;
    assert_eq!(related.status, StatusCode::CREATED, "{}", related.text);
    assert_eq!(related.json()["effective_on"], "2026-03-18");
    // …but not the Legal Department's, which its own officers keep.
    let path = format!("/api/v1/legal/documents/{law}/relations");
    let relation = json!({"kind": "guides", "object_id": id.to_string()});
    let foreign = app
        .api(Method::POST, &path, &police, Some(relation.clone()))
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.audit_count("permission_denied").await,
        denied_before + 2
    );
    let own = app.api(Method::POST, &path, &legal, Some(relation)).await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.text);
    // Everybody signed in reads, the approver included.
    let read = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/documents/{id}"),
            &approver,
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(app.audit_count("create").await > 0);
}

async fn the_registry_pages_speak_vietnamese(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let list = app.web_get(&session, "/legal?q=130%2F2020").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.text.contains("Văn bản pháp lý"), "{}", list.text);
    assert!(
        list.text
            .contains("Đã được thay thế bởi 92/2025/QH15 (từ 01/01/2026)"),
        "the status names the replacing law: {}",
        list.text
    );
    let resolution = id_of(&app, &token, "130/2020/QH14").await;
    let page = app.web_get(&session, &format!("/legal/{resolution}")).await;
    assert!(page.text.contains("Được thay thế bởi"), "{}", page.text);
    assert!(
        page.text.contains("01/07/2021"),
        "dates dd/mm/yyyy: {}",
        page.text
    );
    // A refused form comes back at its own address with what was typed and the error.
    let refused = app
        .web_post(
            &session,
            "/legal",
            &[
                ("kind", "law"),
                ("number", "92-2025"),
                ("title_vi", "Luật thử"),
                ("title_en", "Test law"),
                ("issuer", "Quốc hội"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text.contains("ví dụ 92/2025/QH15"),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains("value=\"Luật thử\""),
        "{}",
        refused.text
    );
    let saved = app
        .web_post(
            &session,
            "/legal",
            &[
                ("kind", "law"),
                ("number", "99/2026/QH15"),
                ("title_vi", "Luật thử"),
                ("title_en", "Test law"),
                ("issuer", "Quốc hội"),
                ("signed_on", "2026-06-01"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
}

/// The numbers a list of citation views names, with their article where one is cited.
fn cited(views: &Value) -> Vec<String> {
    views
        .as_array()
        .expect("citations")
        .iter()
        .map(|view| {
            let number = view["citation"]["number"].as_str().unwrap_or_default();
            match view["citation"]["article"].as_str() {
                Some(article) => format!("{number} art. {article}"),
                None => number.to_owned(),
            }
        })
        .collect()
}

async fn procedures_cite_the_registry_and_its_health_is_checked(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    // The free-text bases of the seeded procedures became citations: a dossier of 2026
    // rests on the Law and its decree, each in force on the dossier's date, and its first
    // step on the decree.
    let body = json!({ "title": "Send 2026", "category": "mnd_armed", "decision": "send", "dated": "2026-01-02" });
    let opened = app
        .api(Method::POST, "/api/v1/dossiers", &token, Some(body))
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
    let dossier = opened.json()["id"].as_i64().expect("id");
    let detail = app
        .api(
            Method::GET,
            &format!("/api/v1/dossiers/{dossier}"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(cited(&detail["basis"]), ["92/2025/QH15", "01/2026/NĐ-CP"]);
    assert!(detail["basis"]
        .as_array()
        .expect("basis")
        .iter()
        .all(|view| view["in_force"] == true));
    assert_eq!(cited(&detail["steps"][0]["citations"]), ["01/2026/NĐ-CP"]);

    // Under the 2021 regime the first step cites an article of Decree 61/2021, and the
    // decree's page lists the procedure that relies on it.
    let decree_2021 = id_of(&app, &token, "61/2021/NĐ-CP").await;
    let page = app
        .api(
            Method::GET,
            &format!("/api/v1/legal/documents/{decree_2021}"),
            &token,
            None,
        )
        .await
        .json();
    let relied: Vec<&Value> = page["relied_on_by"]
        .as_array()
        .expect("relied_on_by")
        .iter()
        .collect();
    assert!(
        relied.iter().any(|view| view["citation"]["article"] == "12"
            && view["citation"]["step_en"] == "Dossier and report to the Government"
            && view["in_force"] == true),
        "{page}"
    );

    // The procedure of 2014 cites the Law on National Defence of 2018: not in force on the
    // procedure's first day, which the health check reports.
    let health = app
        .api(
            Method::GET,
            "/api/v1/legal/health?on=2026-12-06",
            &token,
            None,
        )
        .await;
    assert_eq!(health.status, StatusCode::OK, "{}", health.text);
    let health = health.json();
    let out_of_force: Vec<&Value> = health["not_in_force"]
        .as_array()
        .expect("not_in_force")
        .iter()
        .collect();
    assert!(
        out_of_force
            .iter()
            .any(|view| view["citation"]["number"] == "22/2018/QH14"
                && view["citation"]["acted_on"] == "2014-05-27"
                && view["citation"]["subject"] == "workflow_template"),
        "{health}"
    );
    assert!(
        out_of_force
            .iter()
            .all(|view| view["citation"]["number"] != "92/2025/QH15"),
        "the 2026 procedures rest on documents in force: {health}"
    );
    assert_eq!(
        health["ending"],
        json!([]),
        "nothing ends within 180 days yet"
    );

    // A decree replacing Decree 01/2026 in 60 days puts it, and the procedures of 2026
    // that rest on it, among what ends soon.
    let created = app
        .api(
            Method::POST,
            "/api/v1/legal/documents",
            &token,
            Some(json!({
                "kind": "decree", "number": "15/2027/NĐ-CP", "title_vi": "Nghị định thay thế",
                "title_en": "Replacing decree", "issuer": "Chính phủ",
                "signed_on": "2026-12-01", "effective_on": "2027-02-04",
            })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let replacing = created.json()["id"].as_i64().expect("id");
    let decree_2026 = id_of(&app, &token, "01/2026/NĐ-CP").await;
    let related = app
        .api(
            Method::POST,
            &format!("/api/v1/legal/documents/{replacing}/relations"),
            &token,
            Some(json!({ "kind": "replaces", "object_id": decree_2026.to_string(), "effective_on": "2027-02-04" })),
        )
        .await;
    assert_eq!(related.status, StatusCode::CREATED, "{}", related.text);
    let health = app
        .api(
            Method::GET,
            "/api/v1/legal/health?on=2026-12-06",
            &token,
            None,
        )
        .await
        .json();
    let ending = health["ending"].as_array().expect("ending");
    assert_eq!(ending.len(), 1, "{health}");
    assert_eq!(ending[0]["document"]["id"], decree_2026);
    assert_eq!(ending[0]["on"], "2027-02-04");
    assert_eq!(ending[0]["changed_by"]["number"], "15/2027/NĐ-CP");
    let templates: std::collections::BTreeSet<&str> = ending[0]["relied_on_by"]
        .as_array()
        .expect("relied_on_by")
        .iter()
        .filter_map(|view| view["citation"]["template_en"].as_str())
        .collect();
    assert_eq!(
        templates.len(),
        2,
        "both procedures of 2026 rely on it: {health}"
    );

    // The pages say it in Vietnamese, linked to the documents.
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let page = app.web_get(&session, "/legal/health").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("Tình trạng căn cứ pháp lý"),
        "{}",
        page.text
    );
    assert!(page.text.contains("Luật số 22/2018/QH14"), "{}", page.text);
    assert!(
        page.text.contains("Nghị định số 01/2026/NĐ-CP"),
        "{}",
        page.text
    );
    assert!(page.text.contains("04/02/2027"), "{}", page.text);
    let page = app.web_get(&session, &format!("/dossiers/{dossier}")).await;
    assert!(
        page.text.contains(&format!(
            "<a href=\"/legal/{decree_2026}\" class=\"citation\">Nghị định số 01/2026/NĐ-CP</a>"
        )),
        "{}",
        page.text
    );
    let page = app
        .web_get(&session, &format!("/legal/{decree_2021}"))
        .await;
    assert!(
        page.text.contains("Được viện dẫn làm căn cứ"),
        "{}",
        page.text
    );

    // Coordinators are told once about the document that is replaced, also when two
    // sweeps run at once; officers of an agency are not.
    app.user("ministry_officer", "BCA", &["agency_officer"])
        .await;
    let on = time::macros::date!(2026 - 12 - 06);
    let (first, second) = tokio::join!(
        notices::queue_legal_notices(&app.store, on),
        notices::queue_legal_notices(&app.store, on)
    );
    let coordinators = app
        .store
        .accounts_with_role("coordinator")
        .await
        .expect("coordinators");
    assert_eq!(
        first.expect("sweep") + second.expect("sweep"),
        coordinators.len() as u64,
        "one notice per coordinator and document"
    );
    let again = notices::queue_legal_notices(&app.store, on + time::Duration::days(30))
        .await
        .expect("sweep");
    assert_eq!(again, 0, "a document is told of once");
    let listed = app
        .api(Method::GET, "/api/v1/notices", &token, None)
        .await
        .json();
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{listed}");
    assert_eq!(items[0]["record"], "legal_document");
    assert_eq!(items[0]["record_id"], decree_2026);
    assert_eq!(items[0]["subject"], "01/2026/NĐ-CP");
    assert_eq!(items[0]["what"], "replaced");
    assert_eq!(items[0]["expires_on"], "2027-02-04");
    assert_eq!(items[0]["person_id"], Value::Null);
    let officer = app.token("ministry_officer").await;
    let listed = app
        .api(Method::GET, "/api/v1/notices", &officer, None)
        .await
        .json();
    assert_eq!(listed["items"], json!([]), "{listed}");
    let page = app.web_get(&session, "/expiries").await;
    assert!(
        page.text.contains(&format!("<a href=\"/legal/{decree_2026}\">Văn bản 01/2026/NĐ-CP được thay thế từ ngày 04/02/2027")),
        "{}",
        page.text
    );
}

async fn the_security_council_record_is_seeded_and_linked_to_the_registry(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let response = app
        .api(Method::GET, "/api/v1/legal/council", &token, None)
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    let terms = response.json();
    let years: Vec<(String, String)> = terms
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| {
            (
                t["term"]["starts_on"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                t["term"]["ends_on"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            ("2008-01-01".to_owned(), "2009-12-31".to_owned()),
            ("2020-01-01".to_owned(), "2021-12-31".to_owned())
        ]
    );
    let second = &terms[1];
    assert_eq!(
        (
            second["term"]["votes_for"].as_i64(),
            second["term"]["votes_cast"].as_i64()
        ),
        (Some(192), Some(193))
    );
    let months = |term: &Value| -> Vec<String> {
        term["presidencies"]
            .as_array()
            .expect("presidencies")
            .iter()
            .filter_map(|p| p["month"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(months(&terms[0]), ["2008-07-01", "2009-10-01"]);
    assert_eq!(months(second), ["2020-01-01", "2021-04-01"]);
    // What the published record does not confirm is kept unverified.
    assert_eq!(second["presidencies"][0]["verified"], false);
    let resolution = id_of(&app, &token, "S/RES/1889 (2009)").await;
    assert_eq!(terms[0]["initiatives"][0]["document_id"], resolution);
    assert_eq!(
        terms[0]["initiatives"][0]["document_number"],
        "S/RES/1889 (2009)"
    );

    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let page = app.web_get(&session, "/legal/council").await;
    assert_eq!(page.status, StatusCode::OK);
    for said in [
        "Việt Nam tại Hội đồng Bảo an",
        "Tháng 7/2008",
        "07/06/2019, 192/193 phiếu",
        &format!("href=\"/legal/{resolution}\""),
    ] {
        assert!(page.text.contains(said), "{said}: {}", page.text);
    }
}

async fn put_file(
    app: &TestApp,
    token: &str,
    id: i64,
    name: &str,
    bytes: &[u8],
) -> crate::harness::Response {
    let request = axum::http::Request::put(format!(
        "/api/v1/legal/documents/{id}/file?file_name={}",
        crate::harness::urlencode(name)
    ))
    .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
    .header(axum::http::header::CONTENT_TYPE, "application/octet-stream")
    .body(axum::body::Body::from(bytes.to_vec()))
    .expect("request");
    app.send(request).await
}

async fn the_published_text_is_a_pdf_kept_with_its_sha256(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let law = id_of(&app, &token, "92/2025/QH15").await;
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    // Not a PDF, by its name or by its content: refused on `file`, nothing kept.
    let named = put_file(&app, &token, law, "luat.docx", pdf).await;
    assert_eq!(
        named.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        named.text
    );
    assert_eq!(
        fields(&named),
        [("file".to_owned(), "file_type".to_owned())]
    );
    let disguised = put_file(&app, &token, law, "luat.pdf", b"MZ\x90\x00 not a pdf").await;
    assert_eq!(
        fields(&disguised),
        [("file".to_owned(), "content_mismatch".to_owned())]
    );
    let path = format!("/api/v1/legal/documents/{law}");
    assert!(app.api(Method::GET, &path, &token, None).await.json()["file"].is_null());

    // Another agency's officer may not register the Legal Department's text.
    app.user("police.officer", "BCA", &["agency_officer"]).await;
    let police = app.token("police.officer").await;
    let refused = put_file(&app, &police, law, "luat.pdf", pdf).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);

    let saved = put_file(&app, &token, law, "Luật 92-2025.pdf", pdf).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let expected = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(pdf))
    };
    assert_eq!(saved.json()["sha256"], expected.as_str());
    assert_eq!(saved.json()["size"], pdf.len());
    let detail = app.api(Method::GET, &path, &token, None).await.json();
    assert_eq!(detail["file"]["sha256"], expected.as_str());
    // Every signed-in reader downloads it as it was sent, never shown inline.
    let download = app
        .api(Method::GET, &format!("{path}/file"), &police, None)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, pdf.to_vec());
    assert_eq!(download.headers["content-type"], "application/pdf");
    assert!(download.headers["content-disposition"]
        .to_str()
        .unwrap_or("")
        .starts_with("attachment"));
    // A new text replaces the old one.
    let newer = b"%PDF-1.7\n% corrected copy\n%%EOF\n";
    let replaced = put_file(&app, &token, law, "luat.pdf", newer).await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.text);
    let download = app
        .api(Method::GET, &format!("{path}/file"), &token, None)
        .await;
    assert_eq!(download.bytes, newer.to_vec());

    // The document's page shows the file and its hash, in Vietnamese.
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let page = app.web_get(&session, &format!("/legal/{law}")).await;
    assert!(page.text.contains("Văn bản gốc"), "{}", page.text);
    assert!(page.text.contains(&hex::encode({
        use sha2::Digest;
        sha2::Sha256::digest(newer)
    })));
}

async fn the_graph_ranks_what_rests_on_what(engine: Engine) {
    let Some((app, token)) = app_with(engine).await else {
        return;
    };
    let graph = app
        .api(Method::GET, "/api/v1/legal/graph", &token, None)
        .await;
    assert_eq!(graph.status, StatusCode::OK, "{}", graph.text);
    let graph = graph.json();
    let rank = |number: &str| {
        graph["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|node| node["number"] == number)
            .unwrap_or_else(|| panic!("{number} in {graph}"))["rank"]
            .as_i64()
            .expect("rank")
    };
    assert_eq!(rank("2013"), 0, "the Constitution rests on nothing");
    assert_eq!(rank("92/2025/QH15"), 1);
    assert_eq!(rank("130/2020/QH14"), 1, "a replacement does not rank");
    assert_eq!(rank("01/2026/NĐ-CP"), 2);
    let law = id_of(&app, &token, "92/2025/QH15").await;
    let resolution = id_of(&app, &token, "130/2020/QH14").await;
    assert!(graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .any(|e| e["subject"] == law && e["kind"] == "replaces" && e["object"] == resolution));
    let Ok(session) = app.sign_in("coordinator", PASSWORD).await else {
        panic!("the coordinator signs in");
    };
    let page = app.web_get(&session, "/legal/graph").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("<svg id=\"legal-graph\""),
        "{}",
        page.text
    );
    assert!(page.text.contains(&format!("href=\"/legal/{law}\"")));
    assert!(
        page.text.contains("Được thay thế bởi") || page.text.contains("Thay thế"),
        "{}",
        page.text
    );
}
