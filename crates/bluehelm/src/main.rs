//! The `bluehelm` command: serve, migrate, manage users, load demo data, import and export
//! people, list expiries, verify the audit trail, back up and restore. Configuration comes from flags or the matching
//! `BLUEHELM_*` environment variables.

use bluehelm::demo;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use bluehelm_app::anchor::{self, AnchorKeys, CheckpointLog};
use bluehelm_app::sheet::FileFormat;
use bluehelm_app::{exchange, notices, Ctx};
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::exchange::RecordFile;
use bluehelm_domain::user::NewUser;
use bluehelm_server::{AppState, ServerConfig};
use bluehelm_store::person::PersonFilter;
use bluehelm_store::{Actor, Store};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bluehelm",
    version,
    about = "The system of record for a country's participation in UN peacekeeping"
)]
struct Cli {
    /// Database URL: sqlite:PATH or postgres://USER@HOST/DB. Default: a SQLite file in the data directory.
    #[arg(long, env = "BLUEHELM_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Where Bluehelm keeps its files. Default: $XDG_DATA_HOME/bluehelm or ~/.local/share/bluehelm.
    #[arg(long, env = "BLUEHELM_DATA_DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// Where the audit key and the checkpoint signing key are kept (created on first use).
    /// Default: the `keys` folder of the data directory.
    #[arg(long, env = "BLUEHELM_KEYS_DIR", global = true)]
    keys_dir: Option<PathBuf>,
    /// The file the signed checkpoints of the audit trail are appended to. Default:
    /// `audit-checkpoints.log` in the data directory.
    #[arg(long, env = "BLUEHELM_AUDIT_CHECKPOINTS", global = true)]
    checkpoints: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (migrations run first).
    Serve(ServeArgs),
    /// Apply pending database migrations and seed the agency tree.
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Load the synthetic demo data into an empty database and print the demo logins.
    Demo(demo::DemoArgs),
    /// List identity documents, language tests and qualifications that expire soon.
    Expiries(ExpiriesArgs),
    /// Queue the expiry notices due today and e-mail them when a relay is set (the server
    /// does this every hour by itself; this is for a scheduler or a one-off run).
    Notices(NoticesArgs),
    /// The force-generation planner.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Import a file (CSV or XLSX) of people or of their documents, languages or
    /// qualifications, checked whole first and written all or nothing.
    Import(ImportArgs),
    /// Export a file (CSV or XLSX) with the rights of a user.
    Export(ExportArgs),
    /// Work with the audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write an online backup of the database.
    Backup {
        /// The file to write.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Replace the database with a backup (stop the server first).
    Restore {
        /// The backup file to read.
        #[arg(long, short)]
        input: PathBuf,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "BLUEHELM_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Load the demo data first if the database has no users.
    #[arg(long)]
    demo: bool,
    /// Password for every demo user (default: a random one each, printed).
    #[arg(long, env = "BLUEHELM_DEMO_PASSWORD", requires = "demo")]
    demo_password: Option<String>,
    /// Mark cookies Secure (set when Bluehelm is served over HTTPS).
    #[arg(long, env = "BLUEHELM_SECURE_COOKIES")]
    secure_cookies: bool,
    /// A reverse proxy whose X-Forwarded-For header names the client and whose
    /// X-Forwarded-Proto says whether it came over HTTPS (repeat for each; comma-separated in
    /// the environment). Other peers are judged by their own address and connection.
    #[arg(
        long = "trusted-proxy",
        env = "BLUEHELM_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Minutes without a request after which a session ends.
    #[arg(long, env = "BLUEHELM_SESSION_IDLE_MINUTES", default_value_t = 30)]
    session_idle_minutes: i64,
    /// Minutes between two runs of the expiry notices (queue and e-mail).
    #[arg(long, env = "BLUEHELM_NOTICE_INTERVAL_MINUTES", default_value_t = 60)]
    notice_interval_minutes: u64,
    #[command(flatten)]
    mail: MailArgs,
}

#[derive(Subcommand)]
enum PlanCommand {
    /// Solve an instance given as interchange files (positions.csv, candidates.csv,
    /// pairs.csv, optional constraints.csv) and write plan.csv beside them.
    Solve {
        /// The folder holding the instance's files.
        #[arg(long)]
        instance: PathBuf,
        /// Where to write the plan (default: plan.csv in the instance folder).
        #[arg(long)]
        output: Option<PathBuf>,
        /// With limits.csv: how many branch-and-bound nodes to explore before reporting
        /// the best plan found and its gap (each node is one exact solve).
        #[arg(long, default_value_t = 1_000)]
        node_limit: usize,
    },
    /// Write a synthetic instance as interchange files, the same for the same seed.
    Generate {
        #[arg(long)]
        positions: u32,
        #[arg(long)]
        candidates: u32,
        /// The share of eligible pairs, in percent.
        #[arg(long, default_value_t = 2)]
        density: u32,
        /// Many candidates compete for the same positions.
        #[arg(long)]
        contested: bool,
        /// Harder competition: a few strong candidates every position wants, the rest
        /// far behind.
        #[arg(long, conflicts_with = "contested")]
        skewed: bool,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write limits.csv: at least this share of every group's positions, in
        /// percent, go to women.
        #[arg(long)]
        women_percent: Option<u32>,
        /// Also write limits.csv: no agency sends more than this many people.
        #[arg(long)]
        agency_cap: Option<u32>,
        /// The folder to write into (created if missing).
        #[arg(long)]
        output: PathBuf,
    },
}

#[derive(Args)]
struct MailArgs {
    /// The mail relay for notices, smtp://host[:port]; without it notices stay in the application.
    #[arg(long, env = "BLUEHELM_SMTP_URL")]
    smtp_url: Option<String>,
    /// The sender of notice e-mails.
    #[arg(
        long,
        env = "BLUEHELM_MAIL_FROM",
        default_value = "Bluehelm <bluehelm@localhost>"
    )]
    mail_from: String,
    /// The address people open Bluehelm at, for links in e-mails (https://bluehelm.example.gov.vn).
    #[arg(long, env = "BLUEHELM_PUBLIC_URL")]
    public_url: Option<String>,
}

impl MailArgs {
    fn mailer(&self) -> Result<Option<notices::Mailer>> {
        self.smtp_url
            .as_deref()
            .map(|relay| {
                notices::Mailer::new(relay, &self.mail_from, self.public_url.clone())
                    .map_err(anyhow::Error::msg)
            })
            .transpose()
    }
}

#[derive(Args)]
struct NoticesArgs {
    /// The day to run for (YYYY-MM-DD); today by default.
    #[arg(long, value_parser = parse_day)]
    today: Option<time::Date>,
    #[command(flatten)]
    mail: MailArgs,
}

fn parse_record_file(value: &str) -> Result<RecordFile, String> {
    RecordFile::parse_field("kind", value).map_err(|error| error.message)
}

fn parse_day(value: &str) -> Result<time::Date, String> {
    bluehelm_domain::person::parse_date("today", value).map_err(|error| error.message)
}

#[derive(Args)]
struct ImportArgs {
    /// The CSV or XLSX file; its columns are listed in the README.
    #[arg(long, short)]
    file: PathBuf,
    /// What the file holds: people, documents, languages or qualifications.
    #[arg(long, default_value = "people", value_parser = parse_record_file)]
    kind: RecordFile,
    /// Act as this user, with their rights; the audit trail names them.
    #[arg(long = "as", value_name = "USERNAME")]
    username: String,
    /// Check the file and report every fault; write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
struct ExportArgs {
    /// The file to write, .csv or .xlsx.
    #[arg(long, short)]
    output: PathBuf,
    /// What to export: people, documents, languages or qualifications.
    #[arg(long, default_value = "people", value_parser = parse_record_file)]
    kind: RecordFile,
    /// Act as this user: the file holds only the people they may read.
    #[arg(long = "as", value_name = "USERNAME")]
    username: String,
}

#[derive(Args)]
struct ExpiriesArgs {
    /// How far ahead: days, written `90` or `90d`.
    #[arg(long, default_value = "90d", value_parser = parse_days)]
    within: i64,
    /// Only people of this agency (its code) and the agencies below it.
    #[arg(long)]
    agency: Option<String>,
    /// Include medical fitness (health data: only for the medical officers' use).
    #[arg(long)]
    include_medical: bool,
}

fn parse_days(value: &str) -> Result<i64, String> {
    let days: i64 = value
        .trim()
        .trim_end_matches('d')
        .parse()
        .map_err(|_| format!("{value:?} is not a number of days such as 90d"))?;
    if (1..=3650).contains(&days) {
        Ok(days)
    } else {
        Err("must be between 1 and 3650 days".to_owned())
    }
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        /// The agency's code, e.g. BQP-CGGHB.
        #[arg(long)]
        agency: String,
        /// A role (repeat for several): admin, coordinator, agency_officer, approver, inspector, finance, medical, auditor, viewer.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        #[arg(long, default_value = "")]
        email: String,
        /// The password; read from BLUEHELM_PASSWORD, or generated and printed when absent.
        #[arg(long, env = "BLUEHELM_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Set a new password (unlocks the account and ends its sessions).
    SetPassword {
        #[arg(long)]
        username: String,
        /// The password; read from BLUEHELM_PASSWORD, or generated and printed when absent.
        #[arg(long, env = "BLUEHELM_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Create an API token for a user and print its secret once.
    Token {
        #[arg(long)]
        username: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Walk the keyed chain against the signed checkpoints; name the first entry altered,
    /// removed, inserted or forged, or the past rewritten, and fail.
    Verify,
    /// Sign the chain's head into the checkpoints file now.
    Checkpoint,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BLUEHELM_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn data_dir(cli: &Cli) -> Result<PathBuf> {
    if let Some(dir) = &cli.data_dir {
        return Ok(dir.clone());
    }
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|dir| !dir.is_empty()) {
        return Ok(PathBuf::from(dir).join("bluehelm"));
    }
    let home = std::env::var_os("HOME")
        .context("set --data-dir or BLUEHELM_DATA_DIR (HOME is not set)")?;
    Ok(PathBuf::from(home).join(".local/share/bluehelm"))
}

/// The keys of the audit trail: from the environment, else the keys directory.
fn anchor_keys(cli: &Cli) -> Result<AnchorKeys> {
    let dir = match &cli.keys_dir {
        Some(dir) => dir.clone(),
        None => data_dir(cli)?.join("keys"),
    };
    let from_env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    AnchorKeys::load(
        &dir,
        from_env("BLUEHELM_AUDIT_KEY").as_deref(),
        from_env("BLUEHELM_CHECKPOINT_KEY").as_deref(),
    )
    .context("cannot load the audit keys")
}

fn checkpoint_log(cli: &Cli) -> Result<CheckpointLog> {
    Ok(CheckpointLog::new(match &cli.checkpoints {
        Some(path) => path.clone(),
        None => data_dir(cli)?.join("audit-checkpoints.log"),
    }))
}

fn database_url(cli: &Cli) -> Result<String> {
    if let Some(url) = &cli.database_url {
        return Ok(url.clone());
    }
    let dir = data_dir(cli)?;
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    Ok(format!("sqlite:{}", dir.join("bluehelm.db").display()))
}

/// Opens the database, applies migrations and seeds the reference data.
async fn open(cli: &Cli) -> Result<Store> {
    let url = database_url(cli)?;
    let store = Store::connect(&url, anchor_keys(cli)?.audit)
        .await
        .context("cannot open the database")?;
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    store
        .seed_reference_data()
        .await
        .context("cannot seed the reference data")?;
    Ok(store)
}

async fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Serve(args) => serve(&cli, args).await?,
        Command::Migrate => {
            let store = open(&cli).await?;
            println!("Database is up to date ({}).", store.engine().name());
        }
        Command::User(command) => user(&cli, command).await?,
        Command::Demo(args) => {
            let store = open(&cli).await?;
            demo::load(&store, args).await?;
        }
        Command::Expiries(args) => expiries(&cli, args).await?,
        Command::Notices(args) => send_notices(&cli, args).await?,
        Command::Plan(PlanCommand::Solve {
            instance,
            output,
            node_limit,
        }) => return solve_plan(instance, output.as_deref(), *node_limit),
        Command::Plan(PlanCommand::Generate {
            positions,
            candidates,
            density,
            contested,
            skewed,
            seed,
            women_percent,
            agency_cap,
            output,
        }) => {
            let shape = bluehelm_planner::generate::Shape {
                positions: *positions,
                candidates: *candidates,
                density_percent: (*density).clamp(1, 100),
                max_score: 1_000,
                scores: if *skewed {
                    bluehelm_planner::generate::Scores::Skewed
                } else if *contested {
                    bluehelm_planner::generate::Scores::Contested
                } else {
                    bluehelm_planner::generate::Scores::Random
                },
            };
            let named = bluehelm_planner::generate::named(&shape, *seed);
            std::fs::create_dir_all(output)
                .with_context(|| format!("output: cannot create {}", output.display()))?;
            let mut files = bluehelm_planner::interchange::write_instance(&named);
            if women_percent.is_some() || agency_cap.is_some() {
                let limits = bluehelm_planner::generate::limits(
                    &named,
                    women_percent.unwrap_or(0).min(100),
                    *agency_cap,
                );
                files.push(("limits.csv", limits));
            }
            for (name, text) in files {
                std::fs::write(output.join(name), text)
                    .with_context(|| format!("output: cannot write {name}"))?;
            }
            println!(
                "{} positions, {} candidates, {} pairs written to {}",
                positions,
                candidates,
                named.instance.pairs.len(),
                output.display()
            );
        }
        Command::Import(args) => return import(&cli, args).await,
        Command::Export(args) => export(&cli, args).await?,
        Command::Audit(AuditCommand::Verify) => return verify(&cli).await,
        Command::Audit(AuditCommand::Checkpoint) => {
            let store = open(&cli).await?;
            let log = checkpoint_log(&cli)?;
            match anchor::checkpoint(&store, &anchor_keys(&cli)?, &log).await? {
                Some(signed) => println!(
                    "Checkpoint of entry {} signed into {}.",
                    signed.seq,
                    log.path.display()
                ),
                None => println!("The latest checkpoint already holds the head."),
            }
        }
        Command::Backup { output } => backup(&cli, output).await?,
        Command::Restore { input } => restore(&cli, input).await?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn serve(cli: &Cli, args: &ServeArgs) -> Result<()> {
    let store = open(cli).await?;
    if args.demo {
        let demo_args = demo::DemoArgs {
            password: args.demo_password.clone(),
            if_empty: true,
            ..demo::DemoArgs::default()
        };
        demo::load(&store, &demo_args).await?;
    }
    let config = ServerConfig {
        secure_cookies: args.secure_cookies,
        session_idle: time::Duration::minutes(args.session_idle_minutes),
        trusted_proxies: args.trusted_proxies.clone(),
        ..ServerConfig::default()
    };
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let address = listener.local_addr()?;
    println!(
        "Bluehelm is running on {} at http://{address}/",
        store.engine().name()
    );
    println!("Stop it with Ctrl-C.");
    let mailer = args.mail.mailer()?;
    let outbox = tokio::spawn(notices::run_outbox(
        store.clone(),
        mailer,
        std::time::Duration::from_secs(args.notice_interval_minutes.max(1) * 60),
    ));
    // The head as it stands now, then shortly after every burst of writes.
    let log = checkpoint_log(cli)?;
    let keys = anchor_keys(cli)?;
    anchor::checkpoint(&store, &keys, &log).await?;
    let checkpoints = tokio::spawn(anchor::keep_checkpointing(store.clone(), keys, log));
    let principals = tokio::spawn({
        let store = store.clone();
        async move { store.follow_principal_changes().await }
    });
    let primary = tokio::spawn({
        let store = store.clone();
        async move { store.follow_primary().await }
    });
    bluehelm_server::serve(listener, AppState::new(store.clone(), config)).await?;
    checkpoints.abort();
    principals.abort();
    primary.abort();
    outbox.abort();
    store.close().await;
    Ok(())
}

fn password_or_generated(password: &Option<String>) -> (String, bool) {
    match password {
        Some(password) => (password.clone(), false),
        None => (demo::generate_password(), true),
    }
}

async fn user(cli: &Cli, command: &UserCommand) -> Result<()> {
    let store = open(cli).await?;
    match command {
        UserCommand::Create {
            username,
            display_name,
            agency,
            roles,
            email,
            password,
        } => {
            let agency = store
                .agency_by_code(agency)
                .await
                .with_context(|| format!("no agency has the code {agency}"))?;
            let (password, generated) = password_or_generated(password);
            let new = NewUser::parse(
                username,
                display_name,
                email,
                agency.id,
                roles.iter().map(String::as_str),
                &password,
            )?;
            let hash = bluehelm_app::password::hash_password(&password)?;
            let mut tx = store.begin_write(Actor::SYSTEM).await?;
            let id = tx
                .create_user(&new, &hash)
                .await
                .map_err(|error| match error {
                    bluehelm_store::StoreError::Duplicate => {
                        anyhow::anyhow!("username: {username} is taken")
                    }
                    other => other.into(),
                })?;
            tx.commit().await?;
            println!("Created user {username} (id {id}).");
            if generated {
                println!("Password: {password}");
            }
        }
        UserCommand::SetPassword { username, password } => {
            let id = store
                .user_id_by_username(username)
                .await
                .with_context(|| format!("no user is called {username}"))?;
            let (password, generated) = password_or_generated(password);
            bluehelm_domain::user::check_password(&password)
                .map_err(|error| anyhow::anyhow!("password: {}", error.message))?;
            let hash = bluehelm_app::password::hash_password(&password)?;
            let mut tx = store.begin_write(Actor::SYSTEM).await?;
            tx.set_password(id, &hash).await?;
            tx.commit().await?;
            println!("Password of {username} set; the account is unlocked and its sessions ended.");
            if generated {
                println!("Password: {password}");
            }
        }
        UserCommand::Token { username, name } => {
            let id = store
                .user_id_by_username(username)
                .await
                .with_context(|| format!("no user is called {username}"))?;
            let secret = format!("bh_{}", bluehelm_app::password::random_token());
            let mut tx = store.begin_write(Actor::SYSTEM).await?;
            tx.create_api_token(id, name, &secret).await?;
            tx.commit().await?;
            println!("{secret}");
        }
    }
    Ok(())
}

async fn verify(cli: &Cli) -> Result<ExitCode> {
    let store = open(cli).await?;
    match anchor::verify(&store, &anchor_keys(cli)?, &checkpoint_log(cli)?).await? {
        Ok(report) => {
            println!(
                "Audit trail intact: {} entries, head {} {}.",
                report.entries, report.head_seq, report.head_hash
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(broken) => {
            println!("Audit trail BROKEN at entry {}: {broken}", broken.seq());
            Ok(ExitCode::from(2))
        }
    }
}

async fn import(cli: &Cli, args: &ImportArgs) -> Result<ExitCode> {
    let store = open(cli).await?;
    let principal = bluehelm::demo::principal_of(&store, &args.username).await?;
    let file = std::fs::read(&args.file)
        .with_context(|| format!("file: cannot read {}", args.file.display()))?;
    let lines = file.iter().filter(|&&byte| byte == b'\n').count() as u64;
    let progress = indicatif::ProgressBar::new(lines.saturating_sub(1));
    let ctx = Ctx::new(&store, &principal);
    let today = bluehelm_store::now().date();
    let report = match args.kind {
        RecordFile::People => {
            // The bar is a handle on shared state: the check's thread moves it.
            let bar = progress.clone();
            let report = move |done: u64| {
                if done.is_multiple_of(1_000) {
                    bar.set_position(done);
                }
            };
            exchange::import_people(
                &ctx,
                &file,
                args.dry_run,
                today,
                std::sync::Arc::new(report),
            )
            .await
        }
        kind => exchange::import_records(&ctx, kind, &file, args.dry_run).await,
    }
    .map_err(|error| anyhow::anyhow!("{error}"))?;
    progress.finish_and_clear();
    exchange::refresh_statistics_after(&store, &report).await?;
    let tr = bluehelm_app::i18n::Tr::new(bluehelm_domain::lang::Lang::En);
    for error in &report.errors {
        let column = if error.column().is_empty() {
            "-"
        } else {
            error.column()
        };
        println!(
            "line {}, {column}: {}",
            error.line,
            tr.field_message(&error.fault)
        );
    }
    if report.error_count > report.errors.len() {
        println!("… and {} more.", report.error_count - report.errors.len());
    }
    if report.error_count > 0 {
        println!(
            "{} rows read, {} faults: nothing written.",
            report.rows, report.error_count
        );
        return Ok(ExitCode::from(2));
    }
    for line in &report.likely_duplicates {
        println!("line {line}: same name and date of birth as an earlier person; check it is not the same one");
    }
    if report.written {
        println!("{} {} written.", report.rows, args.kind);
    } else {
        println!(
            "{} rows checked: the file is clean (dry run, nothing written).",
            report.rows
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn export(cli: &Cli, args: &ExportArgs) -> Result<()> {
    let format = match args.output.to_str().and_then(FileFormat::from_name) {
        Some(format) => format,
        None => bail!("output: name the file .csv or .xlsx"),
    };
    let store = open(cli).await?;
    let principal = bluehelm::demo::principal_of(&store, &args.username).await?;
    if args.output.exists() {
        bail!(
            "output: {} exists already; choose a new file",
            args.output.display()
        );
    }
    let ctx = Ctx::new(&store, &principal);
    let export = exchange::Export::new(&ctx, PersonFilter::default(), args.kind)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(&args.output)
            .with_context(|| format!("output: cannot create {}", args.output.display()))?,
    );
    export
        .write_to(format, &mut file)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    std::io::Write::flush(&mut file)?;
    let bytes = std::fs::metadata(&args.output).map_or(0, |meta| meta.len());
    println!("Written {} ({bytes} bytes).", args.output.display());
    Ok(())
}

async fn expiries(cli: &Cli, args: &ExpiriesArgs) -> Result<()> {
    let store = open(cli).await?;
    let within = match &args.agency {
        Some(code) => Some(
            store
                .agency_by_code(code)
                .await
                .with_context(|| format!("agency: no agency has the code {code}"))?
                .path(),
        ),
        None => None,
    };
    let today = bluehelm_store::now().date();
    let until = today + time::Duration::days(args.within);
    let items = store
        .expiries(
            within.as_ref(),
            today,
            until,
            args.include_medical,
            bluehelm_store::records::SOONEST_FIRST,
            None,
        )
        .await?;
    println!(
        "{:<11} {:<14} {:<18} {:<12} name",
        "expires", "record", "what", "agency"
    );
    for item in &items {
        println!(
            "{:<11} {:<14} {:<18} {:<12} {}",
            item.expires_on.to_string(),
            item.record,
            item.what,
            item.agency_code,
            item.full_name()
        );
    }
    println!("{} expire within {} days.", items.len(), args.within);
    Ok(())
}

async fn send_notices(cli: &Cli, args: &NoticesArgs) -> Result<()> {
    let mailer = args.mail.mailer()?;
    let store = open(cli).await?;
    let today = args.today.unwrap_or_else(|| bluehelm_store::now().date());
    let queued = notices::queue_due_notices(&store, today).await?;
    println!("{queued} new notices queued for {today}.");
    if let Some(mailer) = &mailer {
        let delivery = notices::deliver(&store, mailer, today, 10_000).await?;
        println!(
            "{} e-mailed, {} failed (retried on the next run).",
            delivery.sent, delivery.failed
        );
    }
    store.close().await;
    Ok(())
}

fn solve_plan(
    folder: &std::path::Path,
    output: Option<&std::path::Path>,
    node_limit: usize,
) -> Result<ExitCode> {
    use bluehelm_planner::{interchange, solve_fixed};
    let read = |name: &str, required: bool| -> Result<String> {
        let path = folder.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(text),
            Err(error) if !required && error.kind() == std::io::ErrorKind::NotFound => {
                Ok(String::new())
            }
            Err(error) => Err(anyhow::anyhow!("{}: {error}", path.display())),
        }
    };
    let named = interchange::parse(
        &read("positions.csv", true)?,
        &read("candidates.csv", true)?,
        &read("pairs.csv", true)?,
        &read("constraints.csv", false)?,
    )?;
    let limits = interchange::parse_limits(&named, &read("limits.csv", false)?)?;
    let started = std::time::Instant::now();
    let (plan, status, bound) = match &limits {
        None => match solve_fixed(&named.instance, &named.fixed) {
            Ok(plan) => {
                let bound = plan.score;
                (plan, "optimal".to_owned(), bound)
            }
            Err(infeasible) => {
                println!("status: infeasible: {infeasible}");
                return Ok(ExitCode::from(2));
            }
        },
        Some(side) => {
            use bluehelm_planner::side::{solve_side, Status};
            let outcome = match solve_side(&named.instance, &named.fixed, side, node_limit) {
                Ok(outcome) => outcome,
                Err(infeasible) => {
                    println!("status: infeasible: {infeasible}");
                    return Ok(ExitCode::from(2));
                }
            };
            let status = match &outcome.status {
                Status::Optimal => "optimal".to_owned(),
                Status::Gap => format!(
                    "feasible with a gap (node budget of {node_limit} spent; bound: {} filled, score {})",
                    outcome.bound.0, outcome.bound.1
                ),
                Status::Infeasible(fault) => {
                    let groups = interchange::distinct(&named.position_groups);
                    let agencies = interchange::distinct(&named.candidate_agencies);
                    let reason = fault.describe(
                        |g| groups.get(g as usize).cloned().unwrap_or_default(),
                        |a| agencies.get(a as usize).cloned().unwrap_or_default(),
                        |c| {
                            let id = named.candidate_ids.get(c as usize);
                            format!("candidate {}", id.cloned().unwrap_or_default())
                        },
                    );
                    println!("status: infeasible: {reason}");
                    return Ok(ExitCode::from(2));
                }
            };
            match outcome.plan {
                Some(plan) => (plan, status, outcome.bound.1),
                None => {
                    println!("status: {status}; no plan meeting the limits was found");
                    return Ok(ExitCode::from(2));
                }
            }
        }
    };
    let elapsed = started.elapsed();
    let output = output.map_or_else(|| folder.join("plan.csv"), std::path::Path::to_path_buf);
    std::fs::write(&output, interchange::write_plan(&named, &plan))
        .with_context(|| format!("output: cannot write {}", output.display()))?;
    println!("status: {status}");
    println!(
        "filled: {} of {} positions",
        plan.filled, named.instance.positions
    );
    println!("score: {} (the proven bound: {bound})", plan.score);
    println!("time: {:.3} s", elapsed.as_secs_f64());
    println!("plan: {}", output.display());
    Ok(ExitCode::SUCCESS)
}

fn sqlite_path(url: &str) -> Option<PathBuf> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    Some(PathBuf::from(path))
}

async fn backup(cli: &Cli, output: &Path) -> Result<()> {
    let url = database_url(cli)?;
    if output.exists() {
        bail!(
            "output: {} exists already; choose a new file",
            output.display()
        );
    }
    let store = open(cli).await?;
    if sqlite_path(&url).is_some() {
        store
            .backup_sqlite(&output.to_string_lossy())
            .await
            .context("the backup failed")?;
    } else {
        run_tool(
            "pg_dump",
            &["--format=custom", "--file", &output.to_string_lossy(), &url],
        )?;
    }
    // On the trail once written, so that the administrators' health panel shows its date.
    let file_name = output
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    store
        .record_event(
            Actor::SYSTEM,
            AuditAction::Backup,
            "database",
            None,
            Some(serde_json::json!({ "file_name": file_name })),
        )
        .await?;
    println!("Backup written to {}.", output.display());
    Ok(())
}

async fn restore(cli: &Cli, input: &Path) -> Result<()> {
    let url = database_url(cli)?;
    if !input.is_file() {
        bail!("input: {} is not a file", input.display());
    }
    let keys = anchor_keys(cli)?;
    let log = checkpoint_log(cli)?;
    let settled = match sqlite_path(&url) {
        Some(target) => {
            // Check the backup before it replaces anything: it must open, migrate and
            // carry an intact audit trail that holds every checkpoint signed up to its head.
            let candidate =
                Store::connect(&format!("sqlite:{}", input.display()), keys.audit.clone()).await?;
            candidate.migrate().await?;
            let settled = check_against_checkpoints(&candidate, &keys, &log)
                .await
                .context("input")?;
            candidate.close().await;
            let staging = target.with_extension("restoring");
            std::fs::copy(input, &staging).context("cannot copy the backup")?;
            for suffix in ["-wal", "-shm"] {
                let side = PathBuf::from(format!("{}{suffix}", target.display()));
                if side.exists() {
                    std::fs::remove_file(&side)?;
                }
            }
            std::fs::rename(&staging, &target).context("cannot put the backup in place")?;
            settled
        }
        None => {
            run_tool(
                "pg_restore",
                &[
                    "--clean",
                    "--if-exists",
                    "--single-transaction",
                    "--exit-on-error",
                    "--no-owner",
                    "--dbname",
                    &url,
                    &input.to_string_lossy(),
                ],
            )?;
            let restored = Store::connect(&url, keys.audit.clone()).await?;
            let settled = check_against_checkpoints(&restored, &keys, &log)
                .await
                .context("the restored database")?;
            restored.close().await;
            settled
        }
    };
    if let Some(newest) = settled.later.iter().map(|checkpoint| checkpoint.seq).max() {
        // The restored chain ends before checkpoints signed later: the log moves aside,
        // kept as evidence, and a new one holds those the backup covers.
        let aside = log.path.with_extension(format!(
            "superseded-{}",
            time::OffsetDateTime::now_utc().unix_timestamp()
        ));
        std::fs::rename(&log.path, &aside)
            .with_context(|| format!("cannot move {} aside", log.path.display()))?;
        for checkpoint in &settled.covered {
            log.append(checkpoint, &keys.signing)?;
        }
        println!(
            "The backup ends at audit entry {}; entries up to {newest} were signed after it \
             and are given up. Their checkpoints are kept in {}.",
            settled.head,
            aside.display()
        );
    }
    println!("Database restored from {}.", input.display());
    Ok(())
}

/// A restored chain against the checkpoints: those up to its head, which it must hold,
/// and those signed after it.
struct Settled {
    head: i64,
    covered: Vec<bluehelm_domain::audit::Checkpoint>,
    later: Vec<bluehelm_domain::audit::Checkpoint>,
}

async fn check_against_checkpoints(
    store: &Store,
    keys: &AnchorKeys,
    log: &CheckpointLog,
) -> Result<Settled> {
    let head = store.audit_head(0).await?.seq;
    let checkpoints = match log.read(&keys.verifying())? {
        Ok(all) => all,
        Err(forged) => bail!("checkpoints: {forged}"),
    };
    let (covered, later): (Vec<_>, Vec<_>) = checkpoints
        .into_iter()
        .partition(|checkpoint| checkpoint.seq <= head);
    if let Err(broken) = store.verify_audit_chain(&covered).await? {
        bail!(
            "the audit trail is broken at entry {}: {broken}",
            broken.seq()
        );
    }
    Ok(Settled {
        head,
        covered,
        later,
    })
}

fn run_tool(program: &str, args: &[&str]) -> Result<()> {
    let status = std::process::Command::new(program)
        .args(args)
        .status()
        .with_context(|| format!("cannot run {program}: install the PostgreSQL client tools"))?;
    if !status.success() {
        bail!("{program} failed ({status})");
    }
    Ok(())
}
