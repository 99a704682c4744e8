//! No acknowledged write is lost when the server process is killed.

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::both_engines;
use crate::harness::{Engine, Server, TestApp};

both_engines!(every_acknowledged_write_survives_sigkill);

async fn every_acknowledged_write_survives_sigkill(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let token = app.token("admin").await;
    let parent = app.agency_id("BCA").await;
    let mut server = Server::start(&app.url, &[]).await;

    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let client = reqwest::Client::new();
    let mut writers = Vec::new();
    for writer in 0..4 {
        let (client, token, base, acknowledged) = (
            client.clone(),
            token.clone(),
            server.base.clone(),
            acknowledged.clone(),
        );
        writers.push(tokio::spawn(async move {
            for n in 0.. {
                let code = format!("BCA-W{writer}-{n}");
                let body = serde_json::json!({ "code": code, "kind": "unit", "name_vi": code, "name_en": code, "parent_id": parent });
                match client.post(format!("{base}/api/v1/agencies")).bearer_auth(&token).json(&body).send().await {
                    Ok(response) if response.status() == reqwest::StatusCode::CREATED => acknowledged.lock().await.push(code),
                    Ok(response) => panic!("unexpected {}", response.status()),
                    Err(_) => break, // the server is gone
                }
            }
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    server.child.kill().expect("SIGKILL the server");
    server.child.wait().expect("reap");
    for writer in writers {
        writer.await.expect("writer");
    }
    let acknowledged = acknowledged.lock().await.clone();
    assert!(
        acknowledged.len() > 10,
        "only {} writes were acknowledged",
        acknowledged.len()
    );

    // Reopen the database as a restarted server would, and look for every acknowledged code.
    let store = bluehelm_store::Store::connect(&app.url, crate::harness::audit_key())
        .await
        .expect("reopen");
    for code in &acknowledged {
        assert!(
            store.agency_by_code(code).await.is_ok(),
            "acknowledged write {code} was lost"
        );
    }
    let chain = store.verify_audit_chain(&[]).await.expect("read chain");
    assert!(
        chain.is_ok(),
        "the audit trail survives the kill intact: {chain:?}"
    );
    drop(server);
}
