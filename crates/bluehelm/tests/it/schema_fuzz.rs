//! The served OpenAPI document against the server itself: schemathesis generates requests
//! from the document for every operation, as a coordinator and as an administrator, on the
//! demo data. No answer may be a server error or contradict the document (an undeclared
//! status, content type or body shape). Bounded in time: `BLUEHELM_SCHEMA_FUZZ_SECONDS`
//! per role (default 90).

use crate::harness::{Engine, Server, TestApp};

const PASSWORD: &str = "fuzz-password-1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(schema_fuzz_tests),
    ignore = "set BLUEHELM_SCHEMATHESIS to the schemathesis program to fuzz the API"
)]
async fn no_generated_request_breaks_the_server_or_its_document() {
    let program = std::env::var("BLUEHELM_SCHEMATHESIS").expect("the schemathesis program");
    let seconds = std::env::var("BLUEHELM_SCHEMA_FUZZ_SECONDS").unwrap_or_else(|_| "90".into());
    let app = TestApp::new(Engine::Sqlite)
        .await
        .expect("SQLite always runs");
    let server = Server::start(&app.url, &["--demo", "--demo-password", PASSWORD]).await;
    for role in ["coordinator", "admin"] {
        let token = app.token(role).await;
        let output = tokio::process::Command::new(&program)
            .args(["run", &format!("{}/api/v1/openapi.json", server.base)])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            .args(["--max-time", &seconds, "--phases", "examples,fuzzing"])
            .args([
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            ])
            .args(["--max-examples", "20", "--workers", "2", "--no-color"])
            // Revoking its own token would end the run's rights half-way.
            .args(["--exclude-path", "/api/v1/tokens/{id}"])
            .output()
            .await
            .expect("run schemathesis");
        let report = String::from_utf8_lossy(&output.stdout);
        let summary = report
            .rsplit_once("SUMMARY")
            .map_or(report.as_ref(), |(_, summary)| summary);
        eprintln!("as {role}:{summary}");
        assert!(
            output.status.success(),
            "as {role}, generated requests found faults:\n{report}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
