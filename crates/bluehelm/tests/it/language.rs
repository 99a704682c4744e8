//! Every page speaks its reader's language. The demo is crawled from the home page, as each
//! of its roles, following the links a reader sees (one page per kind of record), first in
//! Vietnamese, then in English:
//! - a Vietnamese page shows no English word of the interface (a word of the English
//!   catalogue that the Vietnamese one never uses) and no raw code or catalogue key;
//! - an English page shows no Vietnamese sentence of the interface (a message of the
//!   Vietnamese catalogue of two words or more that differs from its English twin);
//! - no page links to a page its reader is refused.
//!
//! A failure names the role, the page and the string (or the link).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use axum::http::StatusCode;

use crate::both_engines;
use crate::harness::{Engine, TestApp, WebSession};

both_engines!(
    every_page_speaks_the_readers_language,
    the_api_answers_in_the_language_asked_for,
    lists_are_paged_and_sorted_by_their_headings
);

const VI_CATALOGUE: &str = include_str!("../../../bluehelm-app/i18n/vi.ftl");
const EN_CATALOGUE: &str = include_str!("../../../bluehelm-app/i18n/en.ftl");
const PASSWORD: &str = "demo-password-1";
/// Links that lead to no page: downloads, the API, actions.
const NOT_PAGES: &[&str] = &[
    "/logout",
    "/static/",
    "/api/",
    "/exports",
    "/lang",
    "/files/template",
];
const MOST_PAGES_PER_ROLE: usize = 400;

/// The catalogue's messages by id, placeholders and markup removed.
fn messages(catalogue: &str) -> HashMap<String, String> {
    let mut messages = HashMap::new();
    for line in catalogue.lines() {
        if line.starts_with('#') || line.starts_with(' ') {
            continue;
        }
        if let Some((id, value)) = line.split_once(" = ") {
            let mut plain = String::new();
            let mut depth = 0;
            for c in value.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ if depth == 0 => plain.push(c),
                    _ => {}
                }
            }
            messages.insert(id.trim().to_owned(), plain);
        }
    }
    messages
}

/// Words of three letters or more, starting with a letter of the Latin alphabet.
fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.len() >= 3 && word[1..].chars().all(|c| c.is_ascii_lowercase()))
}

fn english_only_words() -> BTreeSet<String> {
    let vietnamese: BTreeSet<String> = messages(VI_CATALOGUE)
        .values()
        .flat_map(|value| {
            latin_words(value)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    messages(EN_CATALOGUE)
        .values()
        .flat_map(|value| {
            latin_words(value)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|word| !vietnamese.contains(word))
        .collect()
}

/// Vietnamese messages that English says otherwise.
fn vietnamese_only_sentences() -> BTreeSet<String> {
    let english = messages(EN_CATALOGUE);
    messages(VI_CATALOGUE)
        .into_iter()
        .filter(|(id, value)| {
            !value.is_ascii() && english.get(id).is_some_and(|twin| twin != value)
        })
        .map(|(_, value)| collapse(&value))
        .collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's pieces of text: its text nodes, each cut at the ` · ` that joins terms, so
/// that a message of the interface is a whole piece and a record's name that contains
/// its words (a unit named "Đội Công binh số 5") is not mistaken for it.
fn pieces(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(['\n', '·'])
        .map(collapse)
        .filter(|piece| !piece.is_empty())
}

/// Raw codes: snake_case values (`fit_with_restrictions`) and dotted catalogue keys
/// (`self.deployment.departed_on`).
fn raw_codes(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || ",;:()[]\"'«»·/".contains(c))
        .map(|token| token.trim_matches(|c: char| c == '.' || c == '-'))
        .filter(|token| {
            let lowercase_code = !token.is_empty()
                && token
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
            let snake = token.contains('_')
                && token
                    .split('_')
                    .all(|part| !part.is_empty() && !part.contains('.'));
            let key = token.matches('.').count() >= 2 && !token.contains("..");
            lowercase_code && (snake || key)
        })
        .map(str::to_owned)
        .collect()
}

/// What a reader sees of a page: its text, and the attributes read aloud or shown.
fn visible_text(page: &str) -> String {
    let mut text = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push('\n');
        rest = &rest[start..];
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        let close = if lower.starts_with("<script") {
            "</script>"
        } else if lower.starts_with("<style") {
            "</style>"
        } else if lower.starts_with("<!--") {
            "-->"
        } else {
            ">"
        };
        let end = rest.find(close).map_or(rest.len(), |at| at + close.len());
        let tag = &rest[..end];
        // Identifiers (`translate="no"`) and text declared in a language of its own (the
        // English name beside the Vietnamese one in a catalogue) are not the interface's.
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let own_language = tag.contains(" lang=\"") && name != "html";
        if close == ">" && !name.is_empty() && (tag.contains("translate=\"no\"") || own_language) {
            let closing = format!("</{name}>");
            let skipped = rest
                .find(&closing)
                .map_or(rest.len(), |at| at + closing.len());
            rest = &rest[skipped..];
            continue;
        }
        if close == ">" {
            for attribute in ["placeholder=\"", "title=\"", "aria-label=\"", "alt=\""] {
                if let Some(value) = tag
                    .split(attribute)
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                {
                    text.push_str(value);
                    text.push('\n');
                }
            }
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|link| link.starts_with('/') && !NOT_PAGES.iter().any(|p| link.starts_with(p)))
        .map(|link| link.split('#').next().unwrap_or(link).replace("&amp;", "&"))
        .collect()
}

/// One page per kind of record: `/people/17` stands for every person.
fn shape(link: &str) -> String {
    link.split('?')
        .next()
        .unwrap_or(link)
        .split('/')
        .map(|part| {
            if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) {
                "N"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// What a role reaches from home: the pages with their text, and the links that lead to a
/// refusal, each with the page it was found on (a page links only to what its reader may
/// open).
struct Crawl {
    pages: Vec<(String, String)>,
    refused: Vec<(String, String)>,
}

async fn crawl(app: &TestApp, session: &WebSession) -> Crawl {
    let mut pages = Vec::new();
    let mut refused = Vec::new();
    let mut shapes = BTreeSet::from([shape("/")]);
    let mut queue = VecDeque::from([("/".to_owned(), "/".to_owned())]);
    while let Some((path, from)) = queue.pop_front() {
        if pages.len() >= MOST_PAGES_PER_ROLE {
            break;
        }
        let response = app.web_get(session, &path).await;
        if response.status == StatusCode::FORBIDDEN {
            refused.push((path, from));
            continue;
        }
        let is_page =
            response.status == StatusCode::OK && response.content_type.starts_with("text/html");
        if !is_page {
            continue;
        }
        for link in links(&response.text) {
            if shapes.insert(shape(&link)) {
                queue.push_back((link, path.clone()));
            }
        }
        pages.push((path, visible_text(&response.text)));
    }
    Crawl { pages, refused }
}

async fn every_page_speaks_the_readers_language(engine: Engine) {
    let Some(app) = TestApp::with_demo(engine, PASSWORD).await else {
        return;
    };
    let english_words = english_only_words();
    let vietnamese_sentences = vietnamese_only_sentences();
    // (role, what, string) → the first page it was seen on.
    let mut found: BTreeMap<(String, &str, String), String> = BTreeMap::new();
    let mut crawled = 0;
    for (username, ..) in bluehelm::demo::DEMO_USERS {
        let session = app
            .sign_in(username, PASSWORD)
            .await
            .ok()
            .expect("signed in");
        let Crawl { pages, refused } = crawl(&app, &session).await;
        assert!(pages.len() >= 3, "{username} reaches {} pages", pages.len());
        for (link, from) in refused {
            found
                .entry((username.to_string(), "link to a page refused to them", link))
                .or_insert(from);
        }
        crawled += pages.len();
        for (path, text) in &pages {
            for word in latin_words(text) {
                if english_words.contains(&word.to_lowercase()) {
                    found
                        .entry((username.to_string(), "English word", word.to_owned()))
                        .or_insert_with(|| path.clone());
                }
            }
            for code in raw_codes(text) {
                found
                    .entry((username.to_string(), "raw code", code))
                    .or_insert_with(|| path.clone());
            }
        }
        let switched = app
            .web_post(&session, "/lang", &[("lang", "en"), ("back", "/")])
            .await;
        assert_eq!(switched.status, StatusCode::SEE_OTHER, "{}", switched.text);
        let pages = crawl(&app, &session).await.pages;
        crawled += pages.len();
        for (path, text) in pages {
            for piece in pieces(&text) {
                if vietnamese_sentences.contains(&piece) {
                    found
                        .entry((username.to_string(), "Vietnamese text", piece))
                        .or_insert_with(|| path.clone());
                }
            }
        }
    }
    assert!(crawled >= 100, "only {crawled} pages crawled");
    let report: Vec<String> = found
        .iter()
        .map(|((role, what, string), path)| format!("{role} on {path}: {what} «{string}»"))
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// A token's caller gets messages in the language its `Accept-Language` asks for (a
/// session keeps the user's own choice); codes and parameters are the same in both.
async fn the_api_answers_in_the_language_asked_for(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let agency = app.agency_id("BQP-CGGHB").await;
    let created = app
        .api(
            axum::http::Method::POST,
            "/api/v1/people",
            &token,
            Some(crate::people::person(
                agency,
                "QN-LANG-1",
                "Hà",
                "Thị",
                "Thu",
            )),
        )
        .await;
    let id = created.json()["person"]["id"].as_i64().expect("id");
    let reasons = |lang: &'static str| {
        let app = &app;
        let token = &token;
        async move {
            let request = axum::http::Request::builder()
                .method(axum::http::Method::POST)
                .uri(format!("/api/v1/people/{id}/eligibility"))
                .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
                .header(axum::http::header::CONTENT_TYPE, "application/json")
                .header(axum::http::header::ACCEPT_LANGUAGE, lang)
                .body(axum::body::Body::from(
                    serde_json::json!({
                        "requirements": { "personnel_type": "staff_officer", "min_rank": 99 },
                        "tour": { "start": "2027-01-10", "months": 12 }
                    })
                    .to_string(),
                ))
                .expect("request");
            let response = app.send(request).await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.text);
            response.json()["failures"]
                .as_array()
                .expect("failures")
                .iter()
                .map(|failure| {
                    (
                        failure["reason"]["code"].as_str().unwrap_or("").to_owned(),
                        failure["reason"]["message"]
                            .as_str()
                            .unwrap_or("")
                            .to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let english = reasons("en-GB,en;q=0.9").await;
    let vietnamese = reasons("vi-VN,vi;q=0.9").await;
    assert!(!english.is_empty(), "the person fails some rule");
    assert_eq!(
        english.iter().map(|(code, _)| code).collect::<Vec<_>>(),
        vietnamese.iter().map(|(code, _)| code).collect::<Vec<_>>()
    );
    for ((code, in_english), (_, in_vietnamese)) in english.iter().zip(&vietnamese) {
        assert_ne!(in_english, in_vietnamese, "{code}");
        assert!(!in_vietnamese.is_ascii(), "{code}: {in_vietnamese}");
    }

    // A refusal too: the same fields and codes, each sentence in the language asked for,
    // English when none is.
    let refusal = |lang: Option<&'static str>| {
        let app = &app;
        let token = &token;
        async move {
            let mut request = axum::http::Request::builder()
                .method(axum::http::Method::POST)
                .uri("/api/v1/missions")
                .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
                .header(axum::http::header::CONTENT_TYPE, "application/json");
            if let Some(lang) = lang {
                request = request.header(axum::http::header::ACCEPT_LANGUAGE, lang);
            }
            let body = serde_json::json!({ "code": "UNX", "name_en": "X", "name_vi": "X",
                "host": "X", "latitude": "95", "longitude": "0", "started_on": "2020-01-01" });
            let response = app
                .send(
                    request
                        .body(axum::body::Body::from(body.to_string()))
                        .expect("request"),
                )
                .await;
            assert_eq!(
                response.status,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY
            );
            let problem = response.json();
            (
                problem["errors"][0]["field"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
                problem["errors"][0]["message"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
        }
    };
    let (field, in_vietnamese) = refusal(Some("vi-VN,vi;q=0.9")).await;
    assert_eq!(field, "latitude");
    assert_eq!(in_vietnamese, "vĩ độ là một số từ -90 đến 90");
    let (_, in_english) = refusal(Some("en-GB")).await;
    assert_eq!(in_english, "latitude is a number from -90 to 90");
    assert_eq!(refusal(None).await.1, in_english, "English by default");
}

/// The dossiers and requests lists sort by the heading clicked, and again the other way,
/// and say so to screen readers; a query that is not one shows the default order.
async fn lists_are_paged_and_sorted_by_their_headings(engine: Engine) {
    let Some(app) = TestApp::with_demo(engine, PASSWORD).await else {
        return;
    };
    let session = app
        .sign_in("coordinator", PASSWORD)
        .await
        .ok()
        .expect("signed in");
    let references = |page: &str| -> Vec<String> {
        page.split("id=\"requests\"")
            .nth(1)
            .unwrap_or("")
            .split("<tbody>")
            .nth(1)
            .unwrap_or("")
            .split("</tbody>")
            .next()
            .unwrap_or("")
            .split("<a href=\"/requests/")
            .skip(1)
            .filter_map(|row| row.split('>').nth(1)?.split('<').next())
            .map(str::to_owned)
            .collect()
    };
    let ascending = app.web_get(&session, "/requests?sort=reference").await;
    assert_eq!(ascending.status, StatusCode::OK);
    assert!(ascending
        .text
        .contains(r#"aria-sort="ascending"><a href="/requests?sort=-reference">"#));
    let up = references(&ascending.text);
    assert!(up.len() >= 2, "{up:?}");
    let mut sorted = up.clone();
    sorted.sort();
    assert_eq!(up, sorted);
    let down = references(
        &app.web_get(&session, "/requests?sort=-reference")
            .await
            .text,
    );
    assert_eq!(down, up.iter().rev().cloned().collect::<Vec<_>>());
    let unknown = app
        .web_get(&session, "/requests?sort=password&page=0")
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(unknown
        .text
        .contains(r#"aria-sort="descending"><a href="/requests?sort=deadline">"#));
    // A refused form is shown with its page's own address, for the browser to show.
    let refused = app
        .web_post(
            &session,
            "/people",
            &[("family_name", ""), ("given_name", "An")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text
        .contains(r#"<body data-address="/people/new">"#));
    assert!(refused.text.contains(r#"value="An""#), "the input is kept");
    let shown = app.web_get(&session, "/people/new").await;
    assert!(!shown.text.contains("data-address"));
    let dossiers = app.web_get(&session, "/dossiers?sort=title").await;
    assert_eq!(dossiers.status, StatusCode::OK);
    assert!(dossiers
        .text
        .contains(r#"aria-sort="ascending"><a href="/dossiers?sort=-title">"#));
}

#[test]
fn the_crawl_recognises_what_it_looks_for() {
    assert_eq!(
        raw_codes("Tình trạng: fit_with_restrictions, self.deployment.departed_on, e-mail a.b"),
        ["fit_with_restrictions", "self.deployment.departed_on"]
    );
    let english = english_only_words();
    assert!(english.contains("people") && !english.contains("unmiss"));
    assert!(vietnamese_only_sentences().contains("Đã lưu."));
    assert_eq!(
        pieces("<td>Cử mới · Lực lượng</td>\n Đội Công binh số 5 ").collect::<Vec<_>>(),
        ["<td>Cử mới", "Lực lượng</td>", "Đội Công binh số 5"]
    );
    assert_eq!(
        visible_text("<p title=\"Gợi ý\">Xin <b>chào</b></p><script>var x_y = 1;</script>")
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["Gợi", "ý", "Xin", "chào"]
    );
    assert_eq!(
        visible_text("<td><code translate=\"no\">coordinator</code></td><td lang=\"en\">Staff officer</td><td>Bác sĩ</td>")
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["Bác", "sĩ"]
    );
    assert_eq!(shape("/people/17?sort=name"), "/people/N");
}
