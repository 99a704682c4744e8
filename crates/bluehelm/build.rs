//! Decides at build time which integration cases can run here, so that the ones that
//! cannot are reported as ignored, with the reason, instead of passing silently.
//!
//! - `postgres_tests`: `BLUEHELM_TEST_POSTGRES_URL` names a PostgreSQL server. With it set,
//!   an unreachable server fails the cases.
//! - `browser_tests`: Chromium's driver is installed.
//! - `schema_fuzz_tests`: `BLUEHELM_SCHEMATHESIS` names the schemathesis program.
//! - `accessibility_tests`: `BLUEHELM_AXE` names axe-core's script and the browser runs.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo::rustc-check-cfg=cfg(browser_tests)");
    println!("cargo::rustc-check-cfg=cfg(schema_fuzz_tests)");
    println!("cargo::rustc-check-cfg=cfg(accessibility_tests)");
    println!("cargo::rerun-if-env-changed=BLUEHELM_AXE");
    let has_axe = std::env::var_os("BLUEHELM_AXE").is_some_and(|path| !path.is_empty());
    if has_axe && std::path::Path::new("/usr/bin/chromedriver").exists() {
        println!("cargo::rustc-cfg=accessibility_tests");
    }
    println!("cargo::rerun-if-env-changed=BLUEHELM_SCHEMATHESIS");
    if std::env::var_os("BLUEHELM_SCHEMATHESIS").is_some_and(|path| !path.is_empty()) {
        println!("cargo::rustc-cfg=schema_fuzz_tests");
    }
    println!("cargo::rerun-if-env-changed=BLUEHELM_TEST_POSTGRES_URL");
    println!("cargo::rerun-if-changed=/usr/bin/chromedriver");
    if std::env::var_os("BLUEHELM_TEST_POSTGRES_URL").is_some_and(|url| !url.is_empty()) {
        println!("cargo::rustc-cfg=postgres_tests");
    }
    if std::path::Path::new("/usr/bin/chromedriver").exists() {
        println!("cargo::rustc-cfg=browser_tests");
    }
}
