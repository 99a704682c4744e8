//! The synthetic demo data: one account per role in the seeded agencies and a personnel
//! pool of any size. Every account is marked as demo data and every person is generated,
//! so nobody takes them for real people.

use std::collections::HashMap;

use anyhow::{Context, Result};
use bluehelm_domain::person::{PersonDraft, PersonInput};
use bluehelm_domain::policy::Principal;
use bluehelm_domain::records::{DocumentDraft, LanguageDraft, MedicalDraft, QualificationDraft};
use bluehelm_domain::role::Role;
use bluehelm_domain::user::NewUser;
use bluehelm_store::{Actor, Store};

use crate::synthetic;
use rand::distributions::Alphanumeric;
use rand::Rng;

#[derive(clap::Args, Clone)]
pub struct DemoArgs {
    /// Password for every demo user (default: a random one each, printed).
    #[arg(long, env = "BLUEHELM_DEMO_PASSWORD")]
    pub password: Option<String>,
    /// How many synthetic people to add to the personnel pool.
    #[arg(long, default_value_t = DEFAULT_PEOPLE)]
    pub people: usize,
    /// The seed of the generator: the same seed gives the same people.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
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
    // The agencies of the dispatch procedure, each with the role its steps ask for.
    (
        "coordinator.bca",
        "Kiều Thị Công (demo)",
        "BCA-VPTT",
        "coordinator",
    ),
    (
        "mfa.officer",
        "Ngô Thị Ngoại (demo)",
        "BNG-TCQT",
        "agency_officer",
    ),
    ("mof.officer", "Lý Văn Ngân (demo)", "BTC", "agency_officer"),
    (
        "moha.officer",
        "Trương Thị Nội (demo)",
        "BNV",
        "agency_officer",
    ),
    ("government", "Mai Văn Chính (demo)", "VPCP", "approver"),
    ("ndsc", "Tạ Văn Hội (demo)", "HDQPAN", "approver"),
    (
        "president.office",
        "Cao Thị Chủ (demo)",
        "VPCTN",
        "approver",
    ),
    (
        "mission.ny",
        "Lâm Văn Sứ (demo)",
        "BNG-PDLHQ",
        "agency_officer",
    ),
];

pub fn generate_password() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

const DEFAULT_PEOPLE: usize = 300;

impl Default for DemoArgs {
    fn default() -> Self {
        Self {
            password: None,
            if_empty: false,
            people: DEFAULT_PEOPLE,
            seed: 1,
        }
    }
}

/// The principal of an existing, enabled account, for commands run in a user's name.
pub async fn principal_of(store: &Store, username: &str) -> Result<Principal> {
    let id = store
        .user_id_by_username(username)
        .await
        .with_context(|| format!("as: no user is named {username}"))?;
    let (user, agency_path) = store.user(id).await?;
    if user.disabled {
        anyhow::bail!("as: the account {username} is disabled");
    }
    Ok(Principal {
        user_id: user.id,
        agency_id: user.agency_id,
        agency_path,
        roles: user
            .roles
            .iter()
            .filter_map(|role| Role::parse(role))
            .collect(),
    })
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
    let logins = load_users(store, args.password.as_deref()).await?;
    let people = load_people(store, args.people, args.seed).await?;
    load_training(store).await?;
    let history = crate::history::load(store, args.seed, 1).await?;
    load_preferences(store, args.seed).await?;
    let today = bluehelm_store::now().date();
    load_mandate_renewals(store, today).await?;
    crate::lawmaking::load(store, "coordinator").await?;
    crate::coordination::load_bodies(store, "coordinator").await?;
    crate::coordination::load(store, "coordinator", "officer.bqp", today).await?;
    crate::coordination::load_inspections(store, today).await?;
    crate::coordination::load_outreach(store).await?;
    // The history's deployments and dossiers came after the people's statistics: without
    // fresh ones the planner drives small tables' reads through the whole pool.
    store.refresh_statistics().await?;
    bluehelm_app::notices::queue_due_notices(store, today)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    println!(
        "Demo data loaded (synthetic: every account is marked “demo”; {people} generated people)."
    );
    println!("{history}");
    println!("{:<17} {:<16} {:<12} password", "user", "role", "agency");
    for (username, role, agency, password) in logins {
        println!("{username:<17} {role:<16} {agency:<12} {password}");
    }
    Ok(())
}

/// Creates the demo accounts (one per role, and one for each agency of the dispatch
/// procedure) in one transaction; returns (user, role, agency, password) for each.
pub async fn load_users(
    store: &Store,
    password: Option<&str>,
) -> Result<Vec<(&'static str, &'static str, &'static str, String)>> {
    let mut logins = Vec::new();
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    for (username, display_name, agency_code, role) in DEMO_USERS {
        let agency = store
            .agency_by_code(agency_code)
            .await
            .with_context(|| format!("the seeded agency {agency_code} is missing"))?;
        let password = password
            .map(str::to_owned)
            .unwrap_or_else(generate_password);
        let email = format!("{username}@demo.invalid");
        let user = NewUser::parse(
            username,
            display_name,
            &email,
            agency.id,
            [*role],
            &password,
        )?;
        let hash = bluehelm_app::password::hash_password(&password)?;
        tx.create_user(&user, &hash).await?;
        logins.push((*username, *role, *agency_code, password));
    }
    tx.commit().await?;
    Ok(logins)
}

/// (title, provider, place, days from today to the start, length in days, seats, code of
/// the qualification awarded)
const DEMO_COURSES: &[(&str, &str, &str, i64, i64, u32, &str)] = &[
    (
        "Khóa sĩ quan tham mưu LHQ 2026",
        "Trung tâm Huấn luyện GGHB",
        "Hà Nội",
        -120,
        25,
        24,
        "un-sotc",
    ),
    (
        "Huấn luyện trước triển khai, BVDC2 số 8",
        "Cục Gìn giữ hòa bình Việt Nam",
        "Hà Nội",
        -30,
        21,
        40,
        "un-pdt",
    ),
    (
        "Bảo vệ thường dân",
        "Trung tâm Huấn luyện GGHB",
        "Hà Nội",
        -3,
        10,
        30,
        "un-poc",
    ),
    (
        "Khóa chuyên gia quân sự LHQ",
        "Trung tâm Huấn luyện GGHB",
        "Hà Nội",
        45,
        20,
        20,
        "un-mem",
    ),
];

/// Demo courses organised by the Department: past ones with results (each pass recorded
/// as the qualification the course awards), one under way, one to come.
pub async fn load_training(store: &Store) -> Result<()> {
    use bluehelm_domain::training::{CourseDraft, EnrolmentStatus, ResultDraft};
    let today = bluehelm_store::now().date();
    let department = store.agency_by_code("BQP-CGGHB").await?;
    let kinds = store.qualification_kind_ids().await?;
    let pool = store
        .people_after(&bluehelm_store::person::PersonFilter::default(), 0, 120)
        .await?;
    let mut finished = Vec::new();
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    for (index, &(title, provider, place, start, length, seats, code)) in
        DEMO_COURSES.iter().enumerate()
    {
        let starts_on = today + time::Duration::days(start);
        let draft = CourseDraft {
            title: title.to_owned(),
            provider: provider.to_owned(),
            place: Some(place.to_owned()),
            starts_on,
            ends_on: starts_on + time::Duration::days(length),
            capacity: seats,
            qualification: Some(code.to_owned()),
        };
        let course_id = tx
            .create_course(department.id, &draft, kinds.get(code).copied())
            .await?;
        let attendees = pool.iter().skip(index * 25).take(seats as usize - 4);
        for person in attendees {
            let enrolment_id = tx.enrol(course_id, person.id).await?;
            if draft.ends_on < today {
                finished.push((course_id, enrolment_id));
            }
        }
    }
    tx.commit().await?;
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    for (position, (course_id, enrolment_id)) in finished.into_iter().enumerate() {
        let course = store.course(course_id).await?;
        let enrolment = store.enrolment(enrolment_id).await?;
        let result = ResultDraft {
            // About one in nine fails.
            outcome: if position % 9 == 8 {
                EnrolmentStatus::Failed
            } else {
                EnrolmentStatus::Passed
            },
            score: Some(format!("{}", 60 + (position * 7) % 40)),
            result_on: course.ends_on,
        };
        tx.record_result(&enrolment, &course, &result).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Missions asked for by every fourth of the first few thousand people (one or two each,
/// drawn from the register with the seed), so proposals show the preference criterion.
pub async fn load_preferences(store: &Store, seed: u64) -> Result<()> {
    use rand::{Rng, SeedableRng};
    let missions = store.missions().await?;
    if missions.is_empty() {
        return Ok(());
    }
    let people = store.person_agencies(None).await?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ 0x7072_6566);
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    for (person_id, _) in people.iter().take(4_000).step_by(4) {
        let mut chosen: Vec<(i64, String)> = (0..rng.gen_range(1..=2))
            .map(|_| &missions[rng.gen_range(0..missions.len())])
            .map(|mission| (mission.id, mission.code.clone()))
            .collect();
        chosen.sort();
        chosen.dedup();
        tx.set_mission_preferences(*person_id, &chosen).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The first number of the demo's renewals: well past the seeded record, and marked in each
/// renewal's note, so that nobody takes them for the Council's real resolutions.
const DEMO_RESOLUTION_NUMBERS: u32 = 9_001;

/// Renews, a year at a time, each running mission's mandate that ended before `today`, so
/// that the demo's missions look as they do today: a renewal adopted the day before the
/// mandate it extends ends.
pub async fn load_mandate_renewals(store: &Store, today: time::Date) -> Result<usize> {
    let mut number = DEMO_RESOLUTION_NUMBERS;
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    for mission in store.missions().await? {
        let (None, Some(mut ends_on)) = (mission.closed_on, mission.mandate_ends_on) else {
            continue;
        };
        while ends_on < today {
            let adopted_on = ends_on.previous_day().unwrap_or(ends_on);
            let next = ends_on.replace_year(ends_on.year() + 1).or_else(|_| {
                ends_on
                    .replace_day(28)
                    .and_then(|d| d.replace_year(d.year() + 1))
            })?;
            let draft = bluehelm_domain::mission::ResolutionDraft {
                number,
                year: adopted_on.year(),
                adopted_on,
                votes: None,
                mandate_ends_on: Some(next),
                troop_ceiling: None,
                police_ceiling: None,
                note: Some(
                    "Dữ liệu mẫu: số nghị quyết minh họa, không phải nghị quyết thật".to_owned(),
                ),
            };
            tx.add_resolution(mission.id, &draft).await?;
            number += 1;
            ends_on = next;
        }
    }
    tx.commit().await?;
    Ok((number - DEMO_RESOLUTION_NUMBERS) as usize)
}

/// Writes `count` synthetic people with their sub-records, a thousand per transaction.
pub async fn load_people(store: &Store, count: usize, seed: u64) -> Result<usize> {
    let today = bluehelm_store::now().date();
    let agencies: HashMap<String, i64> = store
        .all_agencies()
        .await?
        .into_iter()
        .map(|agency| (agency.code, agency.id))
        .collect();
    let specialties: HashMap<String, i64> = store
        .specialties()
        .await?
        .into_iter()
        .map(|specialty| (specialty.code, specialty.id))
        .collect();
    let kinds = store.qualification_kind_ids().await?;
    let progress = indicatif::ProgressBar::new(count as u64);
    let mut generated = synthetic::people(count, seed, today).peekable();
    while generated.peek().is_some() {
        let mut tx = store.begin_write(Actor::SYSTEM).await?;
        let batch: Vec<synthetic::SyntheticPerson> = generated.by_ref().take(1_000).collect();
        let mut drafts = Vec::with_capacity(batch.len());
        for synthetic in &batch {
            let agency_id = *agencies.get(synthetic.agency_code).with_context(|| {
                format!("the seeded agency {} is missing", synthetic.agency_code)
            })?;
            let input = PersonInput {
                agency_id,
                ..synthetic.person.clone()
            };
            let draft = PersonDraft::parse(&input, today)?;
            let ids: Vec<i64> = draft
                .specialties
                .iter()
                .filter_map(|code| specialties.get(code).copied())
                .collect();
            drafts.push((draft, ids));
        }
        let ids = tx.create_people(drafts).await?;
        for (synthetic, person_id) in batch.iter().zip(ids) {
            for document in &synthetic.documents {
                tx.add_document(person_id, &DocumentDraft::parse(document)?)
                    .await?;
            }
            for language in &synthetic.languages {
                tx.add_language_test(person_id, &LanguageDraft::parse(language)?)
                    .await?;
            }
            for qualification in &synthetic.qualifications {
                let draft = QualificationDraft::parse(qualification)?;
                let kind = *kinds
                    .get(&draft.kind)
                    .with_context(|| format!("the qualification kind {} is missing", draft.kind))?;
                tx.add_qualification(person_id, kind, &draft).await?;
            }
            if let Some(medical) = &synthetic.medical {
                tx.add_medical(person_id, &MedicalDraft::parse(medical)?)
                    .await?;
            }
            progress.inc(1);
        }
        tx.commit().await?;
    }
    progress.finish_and_clear();
    // Never on empty tables: PostgreSQL would then plan its foreign-key checks for empty
    // tables and scan them row by row once a large import fills them.
    if count > 0 {
        store.refresh_statistics().await?;
    }
    Ok(count)
}
