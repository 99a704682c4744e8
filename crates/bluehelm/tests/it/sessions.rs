//! Sign-in, lock-out, disabled accounts, CSRF, sign-out and the remembered language.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;

use crate::both_engines;
use crate::harness::{raw_execute, Engine, TestApp, PASSWORD};

both_engines!(
    five_wrong_passwords_lock_the_account_with_a_clear_message,
    a_disabled_account_is_told_so,
    forms_without_the_csrf_token_are_refused,
    signing_out_ends_the_session,
    the_language_is_remembered_per_user,
    api_tokens_can_be_revoked,
    idle_and_old_sessions_end,
    a_disabled_account_loses_its_tokens_at_once,
    a_password_reset_by_an_administrator_revokes_the_tokens,
    pages_forbid_framing_foreign_scripts_and_sniffing,
    the_csrf_cookie_is_secure_when_served_over_tls,
    sign_in_limits_are_shared_and_tell_no_account_apart
);

async fn five_wrong_passwords_lock_the_account_with_a_clear_message(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("officer", "BCA", &["agency_officer"]).await;
    for attempt in 1..=4 {
        let refused = app
            .sign_in("officer", "wrong password!!")
            .await
            .err()
            .expect("refused");
        assert_eq!(
            refused.status,
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
        assert!(refused.text.contains("id=\"login-error\""));
    }
    let fifth = app
        .sign_in("officer", "wrong password!!")
        .await
        .err()
        .expect("refused");
    assert!(
        fifth.text.contains("locked") || fifth.text.contains("khóa"),
        "{}",
        fifth.text
    );
    // Even the right password is refused while the lock holds, and the page says why.
    let locked = app
        .sign_in("officer", PASSWORD)
        .await
        .err()
        .expect("locked");
    assert_eq!(locked.status, StatusCode::UNAUTHORIZED);
    assert!(
        locked.text.contains("locked") || locked.text.contains("khóa"),
        "{}",
        locked.text
    );
    assert_eq!(app.audit_count("login_failed").await, 6);
    // An unknown user and a wrong password read the same.
    let unknown = app
        .sign_in("nobody", "wrong password!!")
        .await
        .err()
        .expect("refused");
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
}

async fn a_disabled_account_is_told_so(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let officer = app.user("officer", "BCA", &["agency_officer"]).await;
    let token = app.token("admin").await;
    let bca = app.agency_id("BCA").await;
    let body = json!({ "display_name": "Officer", "agency_id": bca, "roles": ["agency_officer"], "disabled": true });
    let response = app
        .api(
            Method::PUT,
            &format!("/api/v1/users/{officer}"),
            &token,
            Some(body),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    let refused = app
        .sign_in("officer", PASSWORD)
        .await
        .err()
        .expect("refused");
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(
        refused.text.contains("disabled") || refused.text.contains("vô hiệu hóa"),
        "{}",
        refused.text
    );
}

async fn forms_without_the_csrf_token_are_refused(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let session = app.sign_in("admin", PASSWORD).await.ok().expect("signs in");
    let agencies = app.store.count("agency").await.expect("count");
    for token in ["", "forged-token"] {
        let body =
            format!("csrf_token={token}&code=BCA-X&kind=unit&name_vi=a&name_en=a&parent_id=1");
        let response = app
            .send(
                Request::post("/admin/agencies")
                    .header(header::COOKIE, format!("bh_session={}", session.cookie))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .expect("request"),
            )
            .await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "token {token:?}");
    }
    // The same form with the session's token goes through.
    let parent = app.agency_id("BCA").await.to_string();
    let fields = [
        ("code", "BCA-X"),
        ("kind", "unit"),
        ("name_vi", "Đơn vị X"),
        ("name_en", "Unit X"),
        ("parent_id", parent.as_str()),
    ];
    let response = app.web_post(&session, "/admin/agencies", &fields).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.text);
    assert_eq!(
        app.store.count("agency").await.expect("count"),
        agencies + 1
    );
}

async fn signing_out_ends_the_session(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let session = app.sign_in("admin", PASSWORD).await.ok().expect("signs in");
    assert_eq!(app.web_get(&session, "/").await.status, StatusCode::OK);
    let response = app.web_post(&session, "/logout", &[]).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let after = app.web_get(&session, "/").await;
    assert_eq!(
        after.status,
        StatusCode::SEE_OTHER,
        "the old cookie no longer opens pages"
    );
    assert_eq!(app.audit_count("logout").await, 1);
}

async fn the_language_is_remembered_per_user(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("viewer", "QH-UBQPAN", &["viewer"]).await;
    let session = app
        .sign_in("viewer", PASSWORD)
        .await
        .ok()
        .expect("signs in");
    assert!(app.web_get(&session, "/").await.text.contains("Xin chào"));
    let response = app
        .web_post(&session, "/lang", &[("lang", "en"), ("back", "/")])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    // A new session on another device, without the cookie, speaks English too.
    let other = app
        .sign_in("viewer", PASSWORD)
        .await
        .ok()
        .expect("signs in");
    let home = app.web_get(&other, "/").await;
    assert!(
        home.text.contains("Welcome") && home.text.contains("lang=\"en\""),
        "{}",
        home.text
    );
}

async fn api_tokens_can_be_revoked(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("auditor", "BQP-CPC", &["auditor"]).await;
    let bootstrap = app.token("auditor").await;
    let created = app
        .api(
            Method::POST,
            "/api/v1/tokens",
            &bootstrap,
            Some(json!({ "name": "report script" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let created = created.json();
    let secret = created["secret"].as_str().expect("secret").to_owned();
    let id = created["token"]["id"].as_i64().expect("id");
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", &secret, None)
            .await
            .status,
        StatusCode::OK
    );
    let revoked = app
        .api(
            Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            &bootstrap,
            None,
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text);
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", &secret, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // The token was stored hashed: its secret appears nowhere in the database.
    let stored: i64 = app.store.count("api_token").await.expect("count");
    assert_eq!(stored, 2);
}

async fn idle_and_old_sessions_end(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("viewer", "BNG", &["viewer"]).await;
    let idle = app
        .sign_in("viewer", PASSWORD)
        .await
        .ok()
        .expect("signs in");
    assert_eq!(app.web_get(&idle, "/").await.status, StatusCode::OK);
    // Unused for longer than the idle limit (30 minutes by default).
    raw_execute(
        &app.url,
        "update session set last_seen_at = '2000-01-01 00:00:00+00:00'",
    )
    .await;
    assert_eq!(
        app.web_get(&idle, "/").await.status,
        StatusCode::SEE_OTHER,
        "an idle session sends the user to sign in"
    );
    assert_eq!(app.store.count("session").await.expect("count"), 0);

    let old = app
        .sign_in("viewer", PASSWORD)
        .await
        .ok()
        .expect("signs in");
    // In use a moment ago, but opened longer ago than the absolute limit (12 hours).
    raw_execute(
        &app.url,
        "update session set created_at = '2000-01-01 00:00:00+00:00'",
    )
    .await;
    assert_eq!(app.web_get(&old, "/").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.count("session").await.expect("count"), 0);
}

async fn a_disabled_account_loses_its_tokens_at_once(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let officer = app.user("officer", "BCA", &["agency_officer"]).await;
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let officer_token = app.token("officer").await;
    let admin_token = app.token("admin").await;
    // Twice, so the second answer may come from the remembered principal.
    for _ in 0..2 {
        let me = app
            .api(Method::GET, "/api/v1/me", &officer_token, None)
            .await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    }
    let disabled = app
        .api(
            Method::PUT,
            &format!("/api/v1/users/{officer}"),
            &admin_token,
            Some(json!({
                "display_name": "Officer",
                "agency_id": app.agency_id("BCA").await,
                "roles": ["agency_officer"],
                "disabled": true
            })),
        )
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.text);
    let me = app
        .api(Method::GET, "/api/v1/me", &officer_token, None)
        .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.text);
}

async fn a_password_reset_by_an_administrator_revokes_the_tokens(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let officer = app.user("officer", "BCA", &["agency_officer"]).await;
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let officer_token = app.token("officer").await;
    let admin_token = app.token("admin").await;
    let me = app
        .api(Method::GET, "/api/v1/me", &officer_token, None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    // Changing one's own password keeps one's tokens.
    let own = app
        .api(
            Method::PUT,
            &format!("/api/v1/users/{officer}/password"),
            &officer_token,
            Some(json!({ "password": "a-new-long-password-1" })),
        )
        .await;
    assert_eq!(own.status, StatusCode::NO_CONTENT, "{}", own.text);
    let me = app
        .api(Method::GET, "/api/v1/me", &officer_token, None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    let reset = app
        .api(
            Method::PUT,
            &format!("/api/v1/users/{officer}/password"),
            &admin_token,
            Some(json!({ "password": "another-long-password-2" })),
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT, "{}", reset.text);
    let me = app
        .api(Method::GET, "/api/v1/me", &officer_token, None)
        .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.text);
    let admin_me = app.api(Method::GET, "/api/v1/me", &admin_token, None).await;
    assert_eq!(
        admin_me.status,
        StatusCode::OK,
        "the administrator's own tokens stay"
    );
}

async fn pages_forbid_framing_foreign_scripts_and_sniffing(engine: Engine) {
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    for path in ["/login", "/api/v1/openapi.json", "/no-such-page"] {
        let response = app
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        let header = |name: &str| {
            response
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let policy = header("content-security-policy");
        assert!(
            policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'self'"),
            "{path}: {policy}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
    }
}

async fn the_csrf_cookie_is_secure_when_served_over_tls(engine: Engine) {
    use tower::ServiceExt;
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let config = bluehelm_server::ServerConfig {
        secure_cookies: true,
        ..Default::default()
    };
    let router = bluehelm_server::app(bluehelm_server::AppState::new(app.store.clone(), config));
    let response = router
        .oneshot(Request::get("/login").body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    let cookies: Vec<&str> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    let csrf = cookies
        .iter()
        .find(|cookie| cookie.starts_with("bh_csrf="))
        .expect("a CSRF cookie");
    assert!(csrf.contains("; Secure"), "{csrf}");
}

async fn sign_in_limits_are_shared_and_tell_no_account_apart(engine: Engine) {
    use bluehelm_app::sessions::{sign_in, AddressLimiter, SessionLimits};
    use bluehelm_domain::user::LoginRefused;
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    app.user("admin", "BQP-CGGHB", &["admin"]).await;
    let limits = SessionLimits {
        idle: time::Duration::minutes(30),
        absolute: time::Duration::hours(12),
    };
    let limiter = AddressLimiter::new(100);
    let attacker: std::net::IpAddr = [203, 0, 113, 7].into();
    let office: std::net::IpAddr = [10, 1, 2, 3].into();
    let attempt = |name: &'static str, password: &'static str, from| {
        let (app, limiter) = (&app, &limiter);
        async move {
            sign_in(&app.store, limiter, limits, name, password, Some(from))
                .await
                .err()
                .map(|error| error.to_string())
        }
    };
    // A real account and a made-up name answer alike, failure after failure, lock included.
    for round in 1..=5 {
        let real = attempt("admin", "wrong password!!", attacker).await;
        let unknown = attempt("nobody", "wrong password!!", attacker).await;
        let kind = |answer: &Option<String>| {
            answer
                .as_deref()
                .map(|text| text.split(" until ").next().map(str::to_owned))
        };
        assert_eq!(
            kind(&real),
            kind(&unknown),
            "round {round}: {real:?} / {unknown:?}"
        );
        if round == 5 {
            assert!(
                real.as_deref().is_some_and(|text| text.contains("locked")),
                "{real:?}"
            );
        } else {
            assert_eq!(
                real.as_deref(),
                Some(LoginRefused::BadCredentials.to_string().as_str())
            );
        }
    }
    // The guesser locked the name for their own address only: the administrator signs in
    // from the office.
    assert_eq!(
        attempt("admin", PASSWORD, attacker)
            .await
            .map(|text| text.contains("locked")),
        Some(true)
    );
    assert_eq!(
        attempt("admin", PASSWORD, office).await,
        None,
        "signed in from the office"
    );

    // The per-address allowance is counted in the database: a second server on the same
    // database continues the count of the first.
    let other = bluehelm_store::Store::connect(&app.url, crate::harness::audit_key())
        .await
        .expect("a second server's store");
    let tight = AddressLimiter::new(3);
    let now = time::OffsetDateTime::now_utc();
    let visitor: std::net::IpAddr = [198, 51, 100, 1].into();
    assert!(tight.allow(&app.store, visitor, now).await.expect("count"));
    assert!(tight.allow(&other, visitor, now).await.expect("count"));
    assert!(tight.allow(&app.store, visitor, now).await.expect("count"));
    assert!(!tight.allow(&other, visitor, now).await.expect("count"));
    assert!(tight
        .allow(&other, visitor, now + time::Duration::minutes(1))
        .await
        .expect("count"));
}
