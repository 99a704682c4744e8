//! The synthetic demo data: one account per role in the seeded agencies. Every name is
//! marked as demo data so that nobody takes it for a real person.

use anyhow::{Context, Result};
use bluehelm_domain::user::NewUser;
use bluehelm_store::{Actor, Store};
use rand::distributions::Alphanumeric;
use rand::Rng;

#[derive(clap::Args, Clone, Default)]
pub struct DemoArgs {
    /// Password for every demo user (default: a random one each, printed).
    #[arg(long, env = "BLUEHELM_DEMO_PASSWORD")]
    pub password: Option<String>,
    /// Do nothing, successfully, when the database already has users.
    #[arg(long)]
    pub if_empty: bool,
}

/// (user name, display name, agency code, role)
pub const DEMO_USERS: &[(&str, &str, &str, &str)] = &[
    ("admin", "Quản trị viên (demo)", "BQP-CGGHB", "admin"),
    (
        "coordinator",
        "Nguyễn Thị Điều Phối (demo)",
        "BQP-CGGHB",
        "coordinator",
    ),
    (
        "officer.bqp",
        "Trần Văn Quốc (demo)",
        "BQP",
        "agency_officer",
    ),
    (
        "officer.bca",
        "Lê Thị An Ninh (demo)",
        "BCA",
        "agency_officer",
    ),
    ("approver", "Phạm Văn Duyệt (demo)", "BQP", "approver"),
    (
        "inspector",
        "Hoàng Thị Kiểm (demo)",
        "BQP-CGGHB",
        "inspector",
    ),
    ("finance", "Vũ Văn Tài (demo)", "BTC", "finance"),
    ("medical", "Đặng Thị Y (demo)", "BQP-HVQY", "medical"),
    ("auditor", "Bùi Văn Pháp (demo)", "BQP-CPC", "auditor"),
    ("viewer", "Đỗ Thị Xem (demo)", "QH-UBQPAN", "viewer"),
];

pub fn generate_password() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

/// Loads the demo accounts into a database without users, in one transaction.
pub async fn load(store: &Store, args: &DemoArgs) -> Result<()> {
    if store.count("account").await? > 0 {
        if args.if_empty {
            println!("The database already has users; demo data not loaded.");
            return Ok(());
        }
        anyhow::bail!("the database already has users: demo data goes only into an empty database");
    }
    let mut logins = Vec::new();
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    for (username, display_name, agency_code, role) in DEMO_USERS {
        let agency = store
            .agency_by_code(agency_code)
            .await
            .with_context(|| format!("the seeded agency {agency_code} is missing"))?;
        let password = args.password.clone().unwrap_or_else(generate_password);
        let email = format!("{username}@demo.invalid");
        let user = NewUser::parse(
            username,
            display_name,
            &email,
            agency.id,
            [*role],
            &password,
        )?;
        let hash = bluehelm_server::auth::hash_password(&password)?;
        tx.create_user(&user, &hash).await?;
        logins.push((*username, *role, *agency_code, password));
    }
    tx.commit().await?;
    println!("Demo data loaded (synthetic: every account is marked “demo”).");
    println!("{:<14} {:<16} {:<12} password", "user", "role", "agency");
    for (username, role, agency, password) in logins {
        println!("{username:<14} {role:<16} {agency:<12} {password}");
    }
    Ok(())
}
