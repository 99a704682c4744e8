//! Files built to exhaust the reader, posted to a running server: a sparse range to the
//! last cell, a shared-strings table declaring billions, a part unpacking at a thousand to
//! one. Each is refused with 422 naming the file and the limit, while `/healthz` keeps
//! answering; a valid workbook of 100,000 rows still imports.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::both_engines;
use crate::harness::{Engine, Server, TestApp};
use crate::spreadsheets::{bombs, people_workbook};

both_engines!(spreadsheet_bombs_are_refused_while_the_server_serves);

async fn spreadsheet_bombs_are_refused_while_the_server_serves(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("coordinator", "BQP-CGGHB", &["coordinator"]).await;
    let token = app.token("coordinator").await;
    let server = Server::start(&app.url, &[]).await;
    let client = reqwest::Client::new();

    // A probe of /healthz every 20 ms for as long as the bombs fall.
    let stop = Arc::new(AtomicBool::new(false));
    let probe = tokio::spawn({
        let (client, base, stop) = (client.clone(), server.base.clone(), stop.clone());
        async move {
            let (mut answered, mut slowest) = (0u32, Duration::ZERO);
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                let health = client
                    .get(format!("{base}/healthz"))
                    .timeout(Duration::from_secs(5))
                    .send()
                    .await
                    .expect("the server answers /healthz");
                assert!(health.status().is_success(), "healthz {}", health.status());
                slowest = slowest.max(started.elapsed());
                answered += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            (answered, slowest)
        }
    });

    for (name, bytes, words) in bombs() {
        let started = Instant::now();
        let response = client
            .post(format!(
                "{}/api/v1/imports/documents?dry_run=true",
                server.base
            ))
            .bearer_auth(&token)
            .header("accept-language", "vi")
            .body(bytes)
            .send()
            .await
            .expect("an answer");
        let status = response.status().as_u16();
        let report: serde_json::Value = response.json().await.expect("a report");
        assert_eq!(status, 422, "{name}: {report}");
        let reason = report["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(
            report["errors"][0]["code"] == "too_large" && reason.contains(words),
            "{name} names the limit: {report}"
        );
        eprintln!("{name}: refused in {:?}", started.elapsed());
    }

    let people = people_workbook(100_000);
    let response = client
        .post(format!(
            "{}/api/v1/imports/people?dry_run=false",
            server.base
        ))
        .bearer_auth(&token)
        .body(people)
        .send()
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    let report: serde_json::Value = response.json().await.expect("a report");
    assert_eq!(
        (status, &report["rows"]),
        (201, &100_000.into()),
        "{report}"
    );
    assert_eq!(app.store.count("person").await.expect("count"), 100_000);

    stop.store(true, Ordering::Relaxed);
    let (answered, slowest) = probe.await.expect("probe");
    assert!(answered > 0);
    eprintln!("healthz answered {answered} times, slowest {slowest:?}");
}
