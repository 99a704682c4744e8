//! Several servers on one PostgreSQL database: a token revoked through one is refused by
//! the other on its next request, and a background job runs on one server at a time.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::harness::{audit_key, Engine, Server, TestApp};
use crate::{both_engines, postgres_only};

postgres_only!(a_token_revoked_on_one_server_is_refused_by_the_other);
both_engines!(a_background_job_runs_on_one_server_at_a_time);

async fn a_token_revoked_on_one_server_is_refused_by_the_other(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("officer", "BCA", &["agency_officer"]).await;
    let token = app.token("officer").await;
    let first = Server::start(&app.url, &[]).await;
    let second = Server::start(&app.url, &[]).await;
    let client = reqwest::Client::new();
    let me = |base: String| {
        let (client, token) = (client.clone(), token.clone());
        async move {
            client
                .get(format!("{base}/api/v1/me"))
                .bearer_auth(&token)
                .send()
                .await
                .expect("an answer")
                .status()
                .as_u16()
        }
    };
    // Both servers have answered, so both remember the token's principal.
    for _ in 0..2 {
        assert_eq!(me(first.base.clone()).await, 200);
        assert_eq!(me(second.base.clone()).await, 200);
    }
    let tokens: serde_json::Value = client
        .get(format!("{}/api/v1/tokens", first.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("tokens");
    let id = tokens[0]["id"].as_i64().expect("a token id");
    let revoked = client
        .delete(format!("{}/api/v1/tokens/{id}", first.base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("an answer");
    assert!(revoked.status().is_success(), "{}", revoked.status());
    // The notification leaves at commit; the other server's next request is refused well
    // within the cache's five seconds (it is usually already there).
    let started = std::time::Instant::now();
    let mut status = me(second.base.clone()).await;
    while status == 200 && started.elapsed() < Duration::from_millis(500) {
        tokio::time::sleep(Duration::from_millis(10)).await;
        status = me(second.base.clone()).await;
    }
    assert_eq!(status, 401, "refused after {:?}", started.elapsed());
    eprintln!("refused by the other server after {:?}", started.elapsed());
}

async fn a_background_job_runs_on_one_server_at_a_time(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let other = bluehelm_store::Store::connect(&app.url, audit_key())
        .await
        .expect("a second server's store");
    let (entered, release) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(tokio::sync::Notify::new()),
    );
    let holder = tokio::spawn({
        let (store, entered, release) = (app.store.clone(), entered.clone(), release.clone());
        async move {
            store
                .exclusively("sweep", async {
                    entered.store(true, Ordering::Release);
                    release.notified().await;
                })
                .await
                .expect("run")
        }
    });
    while !entered.load(Ordering::Acquire) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let meanwhile = other
        .exclusively("sweep", async { "ran" })
        .await
        .expect("try");
    let another_job = other
        .exclusively("checkpoint", async { "ran" })
        .await
        .expect("try");
    release.notify_one();
    assert_eq!(holder.await.expect("holder"), Some(()));
    let afterwards = other
        .exclusively("sweep", async { "ran" })
        .await
        .expect("try");
    assert_eq!(another_job, Some("ran"), "other jobs run meanwhile");
    assert_eq!(afterwards, Some("ran"), "the job is free once done");
    match engine {
        // Two servers share a PostgreSQL database: the second skips the round.
        Engine::Postgres => assert_eq!(meanwhile, None),
        // A SQLite file belongs to one server: there is nobody to wait for.
        Engine::Sqlite => assert_eq!(meanwhile, Some("ran")),
    }
}
