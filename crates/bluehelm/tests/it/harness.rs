//! Spawning the application on a fresh database, and talking to it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use bluehelm_domain::user::NewUser;
use bluehelm_server::{AppState, ServerConfig};
use bluehelm_store::{Actor, Store};
use serde_json::Value;
use tower::ServiceExt;

pub const PASSWORD: &str = "test-password-long";

/// The audit key and checkpoint signing key of every test database, as the environment
/// gives them to the `bluehelm` binary.
pub const AUDIT_KEY_HEX: &str = "0707070707070707070707070707070707070707070707070707070707070707";
pub const CHECKPOINT_KEY_HEX: &str =
    "0909090909090909090909090909090909090909090909090909090909090909";

pub fn audit_key() -> bluehelm_domain::audit::AuditKey {
    bluehelm_domain::audit::AuditKey::from_hex(AUDIT_KEY_HEX).expect("a key")
}

/// The checkpoints file of the database at `url`, one per test database.
pub fn checkpoints_for(url: &str) -> std::path::PathBuf {
    let name: String = url
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    std::env::temp_dir().join(format!("bluehelm-checkpoints-{name}.log"))
}

/// The `bluehelm` binary on the database at `url`, with the test keys and checkpoints.
pub fn command(url: &str) -> std::process::Command {
    let mut command = std::process::Command::new(binary());
    command
        .args(["--database-url", url])
        .env("BLUEHELM_AUDIT_KEY", AUDIT_KEY_HEX)
        .env("BLUEHELM_CHECKPOINT_KEY", CHECKPOINT_KEY_HEX)
        .env("BLUEHELM_AUDIT_CHECKPOINTS", checkpoints_for(url));
    command
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Generates one test per engine for each listed `async fn name(engine: Engine)`. The
/// PostgreSQL case is ignored, with its reason, when no server is named (see `build.rs`).
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    super::$name($crate::harness::Engine::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(
                    not(postgres_tests),
                    ignore = "set BLUEHELM_TEST_POSTGRES_URL to run the PostgreSQL cases"
                )]
                async fn on_postgres() {
                    super::$name($crate::harness::Engine::Postgres).await
                }
            }
        )*
    };
}

/// Cases that only PostgreSQL can have (several servers on one database): ignored, with
/// the reason, without `BLUEHELM_TEST_POSTGRES_URL`.
#[macro_export]
macro_rules! postgres_only {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(not(postgres_tests), ignore = "set BLUEHELM_TEST_POSTGRES_URL to run the PostgreSQL cases")]
                async fn on_postgres() {
                    super::$name($crate::harness::Engine::Postgres).await
                }
            }
        )*
    };
}

/// [`both_engines!`] for cases that drive Chromium: ignored, with the reason, where its
/// driver is not installed.
#[macro_export]
macro_rules! both_engines_in_browser {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(not(browser_tests), ignore = "install chromium and chromium-driver to run the browser cases")]
                async fn on_sqlite() {
                    super::$name($crate::harness::Engine::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(
                    not(all(browser_tests, postgres_tests)),
                    ignore = "needs chromium-driver and BLUEHELM_TEST_POSTGRES_URL"
                )]
                async fn on_postgres() {
                    super::$name($crate::harness::Engine::Postgres).await
                }
            }
        )*
    };
}

/// The server named by `BLUEHELM_TEST_POSTGRES_URL`; PostgreSQL cases run only when it is
/// set, so its absence here is a mistake in the test, not a reason to skip.
pub fn postgres_admin_url() -> String {
    std::env::var("BLUEHELM_TEST_POSTGRES_URL")
        .expect("PostgreSQL cases run only with BLUEHELM_TEST_POSTGRES_URL set")
}

/// A fresh, empty database URL for `engine`. An unreachable PostgreSQL server fails the
/// test: it was named, so it is meant to be there.
pub async fn fresh_database(engine: Engine) -> Option<String> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    match engine {
        Engine::Sqlite => {
            let dir = std::env::temp_dir().join(format!("bluehelm-test-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("db{n}.sqlite"));
            let _ = std::fs::remove_file(&path);
            Some(format!("sqlite:{}", path.display()))
        }
        Engine::Postgres => {
            use sqlx::Connection;
            let admin = postgres_admin_url();
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .unwrap_or_else(|error| panic!("PostgreSQL not reachable at {admin}: {error}"));
            let name = format!("bh_test_{}_{n}", std::process::id());
            sqlx::query(&format!("drop database if exists {name}"))
                .execute(&mut conn)
                .await
                .expect("drop old test database");
            sqlx::query(&format!("create database {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(base, _)| base);
            Some(format!("{base}/{name}"))
        }
    }
}

/// One password hash for every test user: Argon2 is slow on purpose, tests need not be.
fn test_password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| bluehelm_app::password::hash_password(PASSWORD).expect("hash"))
}

pub struct TestApp {
    pub store: Store,
    pub url: String,
    router: Router,
}

pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub content_type: String,
    pub set_cookies: Vec<String>,
    pub text: String,
    pub bytes: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|_| panic!("not JSON: {}", self.text))
    }

    pub fn is_problem(&self) -> bool {
        self.content_type == "application/problem+json"
    }
}

impl TestApp {
    /// The application on a fresh, migrated and seeded database; `None` to skip.
    pub async fn new(engine: Engine) -> Option<TestApp> {
        let url = fresh_database(engine).await?;
        Some(Self::on_database(url).await)
    }

    /// The application on the empty database at `url`, migrated and seeded.
    /// The application on a fresh database holding the demo (300 people), every demo
    /// account signing in with `password`; `None` to skip.
    pub async fn with_demo(engine: Engine, password: &str) -> Option<TestApp> {
        let app = TestApp::new(engine).await?;
        let args = bluehelm::demo::DemoArgs {
            password: Some(password.to_owned()),
            people: 300,
            ..Default::default()
        };
        bluehelm::demo::load(&app.store, &args)
            .await
            .expect("demo data");
        Some(app)
    }

    pub async fn on_database(url: String) -> TestApp {
        let store = Store::connect(&url, crate::harness::audit_key())
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        store.seed_reference_data().await.expect("seed");
        let router = bluehelm_server::app(AppState::new(store.clone(), ServerConfig::default()));
        TestApp { store, url, router }
    }

    pub async fn agency_id(&self, code: &str) -> i64 {
        self.store
            .agency_by_code(code)
            .await
            .expect("seeded agency")
            .id
    }

    /// Creates a user with [`PASSWORD`] and returns their id.
    pub async fn user(&self, username: &str, agency_code: &str, roles: &[&str]) -> i64 {
        let agency = self.agency_id(agency_code).await;
        let user = NewUser::parse(
            username,
            &format!("Test {username}"),
            "",
            agency,
            roles.iter().copied(),
            PASSWORD,
        )
        .expect("valid user");
        let mut tx = self.store.begin_write(Actor::SYSTEM).await.expect("begin");
        let id = tx
            .create_user(&user, test_password_hash())
            .await
            .expect("create user");
        tx.commit().await.expect("commit");
        id
    }

    /// A bearer token for `username`.
    pub async fn token(&self, username: &str) -> String {
        let id = self
            .store
            .user_id_by_username(username)
            .await
            .expect("user exists");
        let secret = format!("bh_{}", bluehelm_app::password::random_token());
        let mut tx = self.store.begin_write(Actor::SYSTEM).await.expect("begin");
        tx.create_api_token(id, "test", &secret)
            .await
            .expect("token");
        tx.commit().await.expect("commit");
        secret
    }

    pub async fn send(&self, request: Request<Body>) -> Response {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let set_cookies = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok().map(str::to_owned))
            .collect();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Response {
            status,
            headers,
            content_type,
            set_cookies,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// A JSON API call with a bearer token.
    pub async fn api(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Response {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        let body = match body {
            Some(body) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(body.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).expect("request")).await
    }

    /// Signs in through the web form and returns the browser's session.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<WebSession, Response> {
        let form = self
            .send(Request::get("/login").body(Body::empty()).expect("request"))
            .await;
        let csrf = cookie_value(&form.set_cookies, "bh_csrf")
            .expect("the login page sets the CSRF cookie");
        let body = format!(
            "csrf_token={csrf}&username={}&password={}",
            urlencode(username),
            urlencode(password)
        );
        let response = self
            .send(
                Request::post("/login")
                    .header(header::COOKIE, format!("bh_csrf={csrf}"))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .expect("request"),
            )
            .await;
        let Some(session) = cookie_value(&response.set_cookies, "bh_session") else {
            return Err(response);
        };
        let home = self
            .send(
                Request::get("/admin/agencies")
                    .header(header::COOKIE, format!("bh_session={session}"))
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        let csrf = home
            .text
            .split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("pages carry the session's CSRF token")
            .to_owned();
        Ok(WebSession {
            cookie: session,
            csrf,
        })
    }

    pub async fn web_get(&self, session: &WebSession, path: &str) -> Response {
        self.send(
            Request::get(path)
                .header(header::COOKIE, format!("bh_session={}", session.cookie))
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn web_post(
        &self,
        session: &WebSession,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let mut body = format!("csrf_token={}", session.csrf);
        for (key, value) in fields {
            body.push_str(&format!("&{key}={}", urlencode(value)));
        }
        self.send(
            Request::post(path)
                .header(header::COOKIE, format!("bh_session={}", session.cookie))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    pub async fn audit_count(&self, action: &str) -> i64 {
        let page = self
            .store
            .list_audit(
                &bluehelm_store::audit::AuditFilter {
                    action: Some(action.to_owned()),
                    ..Default::default()
                },
                bluehelm_domain::listing::PageRequest::default(),
            )
            .await
            .expect("audit list");
        page.total
    }
}

pub struct WebSession {
    pub cookie: String,
    pub csrf: String,
}

pub fn cookie_value(set_cookies: &[String], name: &str) -> Option<String> {
    set_cookies.iter().find_map(|cookie| {
        let (pair, _) = cookie.split_once(';').unwrap_or((cookie, ""));
        let (key, value) = pair.split_once('=')?;
        (key == name && !value.is_empty()).then(|| value.to_owned())
    })
}

pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Runs one SQL statement directly against the database, behind the application's back.
pub async fn raw_execute(url: &str, sql: &str) {
    raw_try(url, sql).await.expect("raw statement");
}

/// Runs one statement outside the application, as one with the database's password would;
/// answers the database's refusal.
pub async fn raw_try(url: &str, sql: &str) -> Result<(), String> {
    use sqlx::Connection;
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.expect("connect");
        sqlx::raw_sql(sql).execute(&mut conn).await.map(drop)
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
        sqlx::raw_sql(sql).execute(&mut conn).await.map(drop)
    }
    .map_err(|error| error.to_string())
}

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// The `bluehelm` binary built for these tests.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_bluehelm")
}

/// A running `bluehelm serve` process, killed when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub base: String,
}

impl Server {
    /// Starts the server on a port it picks itself and reads back from its first lines, so
    /// that no two servers (or a browser driver) ever race for one port chosen beforehand.
    /// When it does not come up, the panic says what the server wrote on its way out.
    pub async fn start(database_url: &str, extra: &[&str]) -> Server {
        use std::io::BufRead;
        let errors = tempfile::NamedTempFile::new().expect("a file for the server's errors");
        let mut command = command(database_url);
        command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(errors.reopen().expect("reopen the errors file"));
        let mut child = command.spawn().expect("start bluehelm");
        let stdout = child.stdout.take().expect("the server's output");
        let (address_tx, address_rx) = tokio::sync::oneshot::channel();
        // Reads the address, then keeps draining so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut address_tx = Some(address_tx);
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(at) = line.find("http://") {
                    if let Some(tx) = address_tx.take() {
                        let _ = tx.send(line[at..].trim_end_matches('/').to_owned());
                    }
                }
            }
        });
        // Owned by `Server` at once, so that its `Drop` kills the process on every path.
        let mut server = Server {
            child,
            base: String::new(),
        };
        match tokio::time::timeout(std::time::Duration::from_secs(120), address_rx).await {
            Ok(Ok(base)) => server.base = base,
            outcome => {
                let _ = server.child.kill();
                let status = server.child.wait();
                let said = std::fs::read_to_string(errors.path()).unwrap_or_default();
                panic!(
                    "the server did not start ({}; {status:?}):\n{said}",
                    if outcome.is_err() {
                        "no address within 120 s"
                    } else {
                        "it stopped"
                    }
                );
            }
        }
        let client = reqwest::Client::new();
        for _ in 0..300 {
            let health = client.get(format!("{}/healthz", server.base)).send().await;
            if health.is_ok_and(|response| response.status().is_success()) {
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "the server on {} never answered its health check",
            server.base
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
