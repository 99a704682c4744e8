//! A synthetic deployment history shaped like the real one (individual officers from 2014,
//! the Level-2 field hospital rotations from 2018, the engineering unit from 2022, police
//! from 2022), drawn from the generated pool: every batch goes through a dossier under the
//! procedure in force on its date, every person rests between tours, and the dossiers of
//! today stand in every state. Real dates come from the public record; names and people
//! are generated. `scale` multiplies the volumes for benchmarks.

use std::collections::HashMap;
use std::fmt;

use anyhow::{Context, Result};
use bluehelm_domain::deployment::{Dates, DeploymentDraft, DeploymentStatus};
use bluehelm_domain::dispatch::{
    act, choose_template, opening, DecisionType, DossierStatus, ForceCategory, StepAction,
    LEAD_AGENCY,
};
use bluehelm_domain::eligibility::{
    add_months, LanguageRequirement, PersonnelType, Requirements, Tour,
};
use bluehelm_domain::person::Service;
use bluehelm_domain::records::Cefr;
use bluehelm_domain::request::{PositionRequest, RequestDraft, RequestStatus};
use bluehelm_domain::unit::{PositionDraft, Readiness, ReadinessDraft, UnitDraft, UnitKind};
use bluehelm_store::deployment::NewDeployment;
use bluehelm_store::dossier::{NewDossier, NewStep};
use bluehelm_store::{Actor, Store};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use time::macros::date;
use time::{Date, Duration, OffsetDateTime, Time};

/// What was loaded, for the demo's summary line.
#[derive(Debug, Default)]
pub struct Loaded {
    unit_names: std::collections::HashSet<String>,
    pub dossiers: usize,
    pub deployments: usize,
    pub units: usize,
    pub requests: usize,
}

impl fmt::Display for Loaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Deployment history: {} deployments, {} dossiers, {} units, {} UN requests.",
            self.deployments, self.dossiers, self.units, self.requests
        )
    }
}

/// A formed unit's line of rotations: (name, kind, mission, raising agency, size, table of
/// organisation as (section, title, specialty, posts), departures of rotation 1, 2, …).
struct UnitLine {
    name_vi: &'static str,
    kind: UnitKind,
    mission: &'static str,
    agency: &'static str,
    organisation: &'static [(&'static str, &'static str, &'static str, u32)],
    departures: &'static [Date],
}

const HOSPITAL: &[(&str, &str, &str, u32)] = &[
    ("Khối điều trị", "Bác sĩ phẫu thuật", "medical_doctor", 8),
    ("Khối điều trị", "Bác sĩ", "medical_doctor", 10),
    ("Khối điều trị", "Điều dưỡng", "nurse", 25),
    ("Khối điều trị", "Dược sĩ", "pharmacist", 4),
    ("Khối hậu cần", "Nhân viên hậu cần", "logistics", 16),
];

const ENGINEERS: &[(&str, &str, &str, u32)] = &[
    ("Khối kỹ thuật", "Kỹ sư công binh", "engineer", 60),
    ("Khối kỹ thuật", "Lái xe, vận hành máy", "driver", 60),
    ("Khối kỹ thuật", "Nhân viên kỹ thuật", "signals", 30),
    ("Khối hậu cần", "Nhân viên hậu cần", "logistics", 34),
];

/// Rotation departures from the public record (REFERENCE 1.6); the last of each line is
/// the synthetic continuation to today.
const UNIT_LINES: &[UnitLine] = &[
    UnitLine {
        name_vi: "Bệnh viện dã chiến cấp 2",
        kind: UnitKind::FieldHospital,
        mission: "UNMISS",
        agency: "BQP-CGGHB-BV2",
        organisation: HOSPITAL,
        departures: &[
            date!(2018 - 10 - 01),
            date!(2019 - 11 - 19),
            date!(2021 - 04 - 21),
            date!(2022 - 04 - 27),
            date!(2023 - 07 - 07),
            date!(2024 - 09 - 26),
            date!(2025 - 09 - 22),
            date!(2026 - 09 - 21),
        ],
    },
    UnitLine {
        name_vi: "Đội Công binh",
        kind: UnitKind::Engineering,
        mission: "UNISFA",
        agency: "BQP-CGGHB-DCB",
        organisation: ENGINEERS,
        departures: &[
            date!(2022 - 06 - 15),
            date!(2023 - 08 - 08),
            date!(2024 - 09 - 24),
            date!(2025 - 09 - 22),
            date!(2026 - 09 - 21),
        ],
    },
];

/// Police officers sent as individuals: (departure, mission, how many).
const POLICE: &[(Date, &str, usize)] = &[
    (date!(2022 - 10 - 15), "UNMISS", 3),
    (date!(2023 - 08 - 20), "UNMISS", 3),
    (date!(2024 - 05 - 20), "UNISFA", 2),
    (date!(2024 - 06 - 20), "UNMISS", 3),
    (date!(2025 - 04 - 20), "UNMISS", 3),
    (date!(2026 - 04 - 20), "UNMISS", 3),
];

const INDIVIDUAL_MISSIONS: &[&str] = &["UNMISS", "MINUSCA", "UNISFA"];

/// One group sent together under one dossier.
struct Batch {
    title: String,
    category: ForceCategory,
    mission: &'static str,
    personnel_type: PersonnelType,
    departs: Date,
    tour_months: u32,
    size: usize,
    unit: Option<(&'static UnitLine, u32)>,
}

fn batches(today: Date, scale: usize) -> Vec<Batch> {
    let mut all = Vec::new();
    // The first two officers left the day the Peacekeeping Centre was set up.
    all.push(Batch {
        title: "Sĩ quan tham mưu UNMISS 2014".to_owned(),
        category: ForceCategory::MndArmed,
        mission: "UNMISS",
        personnel_type: PersonnelType::StaffOfficer,
        departs: date!(2014 - 05 - 27),
        tour_months: 12,
        size: 2 * scale,
        unit: None,
    });
    for year in 2015..=today.year() {
        for (half, month) in [(0, time::Month::March), (1, time::Month::September)] {
            let departs = Date::from_calendar_date(year, month, 15).unwrap_or(today);
            if departs > today {
                continue;
            }
            let mission = INDIVIDUAL_MISSIONS[(year as usize + half) % INDIVIDUAL_MISSIONS.len()];
            let personnel_type = if half == 0 {
                PersonnelType::StaffOfficer
            } else {
                PersonnelType::MilitaryObserver
            };
            all.push(Batch {
                title: format!("Sĩ quan {mission} {}/{year}", month as u8),
                category: ForceCategory::MndArmed,
                mission,
                personnel_type,
                departs,
                tour_months: 12,
                size: (4 + (year as usize - 2015) / 2) * scale,
                unit: None,
            });
        }
    }
    for &(departs, mission, size) in POLICE {
        all.push(Batch {
            title: format!("Sĩ quan cảnh sát {mission} {departs}"),
            category: ForceCategory::MpsArmed,
            mission,
            personnel_type: PersonnelType::IndividualPolice,
            departs,
            tour_months: 12,
            size: size * scale,
            unit: None,
        });
    }
    for line in UNIT_LINES {
        let rotations = line.departures.iter().enumerate();
        for (index, &departs) in rotations.flat_map(|pair| std::iter::repeat_n(pair, scale)) {
            let size: u32 = line.organisation.iter().map(|(_, _, _, count)| count).sum();
            all.push(Batch {
                title: format!("{} số {}", line.name_vi, index + 1),
                category: ForceCategory::MndArmed,
                mission: line.mission,
                personnel_type: PersonnelType::FormedUnit,
                departs,
                tour_months: 12,
                size: size as usize,
                unit: Some((line, index as u32 + 1)),
            });
        }
    }
    all.sort_by_key(|batch| batch.departs);
    all
}

/// Who the generator acts as for each agency and role of the procedure.
struct Actors {
    by_agency_role: HashMap<(i64, String), Actor>,
}

impl Actors {
    async fn load(store: &Store) -> Result<Self> {
        let mut by_agency_role = HashMap::new();
        for (username, _, agency_code, role) in crate::demo::DEMO_USERS {
            let agency = store.agency_by_code(agency_code).await?;
            let user = store.user_id_by_username(username).await?;
            by_agency_role.insert(
                (agency.id, (*role).to_owned()),
                Actor::user(user, agency.id),
            );
        }
        Ok(Self { by_agency_role })
    }

    fn for_step(&self, agency_id: i64, role: &str) -> Actor {
        self.by_agency_role
            .get(&(agency_id, role.to_owned()))
            .copied()
            .unwrap_or(Actor::SYSTEM)
    }
}

fn at(day: Date, hour: u8) -> OffsetDateTime {
    day.with_time(Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT))
        .assume_utc()
}

/// Opens a dossier dated `dated` and decides its steps one after the other, a few days
/// apart, as the procedure's users; `stop_after` leaves it in progress after that many
/// decisions, and `last` is the final action (approve, return or reject).
#[allow(clippy::too_many_arguments)]
async fn run_dossier(
    store: &Store,
    actors: &Actors,
    title: &str,
    category: ForceCategory,
    decision: DecisionType,
    dated: Date,
    request_id: Option<i64>,
    unit_id: Option<i64>,
    stop_after: Option<(usize, StepAction)>,
) -> Result<i64> {
    let templates = store.templates().await?;
    let terms: Vec<_> = templates.iter().map(|t| t.terms()).collect();
    let choice = choose_template(&terms, category, decision, dated)
        .map_err(|error| anyhow::anyhow!("{title}: {}", error.message))?;
    let lead = store.agency_by_code(category.lead_agency()).await?;
    let template_steps = store.template_steps(choice.template_id).await?;
    let mut steps = Vec::new();
    let seqs: Vec<u32> = template_steps.iter().map(|s| s.seq as u32).collect();
    for (step, status) in template_steps.iter().zip(opening(&seqs)) {
        let agency_id = if step.agency_code == LEAD_AGENCY {
            lead.id
        } else {
            store.agency_by_code(&step.agency_code).await?.id
        };
        steps.push(NewStep {
            step_id: step.id,
            seq: step.seq,
            agency_id,
            role: step.role.clone(),
            limit_days: step.limit_days,
            status,
        });
    }
    let new = NewDossier {
        template_id: choice.template_id,
        title: title.to_owned(),
        category,
        decision,
        dated,
        explanation: choice.explanation,
        lead_agency_id: lead.id,
        request_id,
        unit_id,
        person_ids: Vec::new(),
        steps,
        opened_at: at(dated, 8),
    };
    let opener = actors.for_step(lead.id, "coordinator");
    let mut tx = store.begin_write(opener).await?;
    let id = tx.create_dossier(&new).await?;
    tx.commit().await?;
    let mut day = dated;
    let mut decided = 0;
    loop {
        let mut tx = store.begin_write(Actor::SYSTEM).await?;
        let (status, current) = tx.dossier_state(id).await?;
        let Some(index) = current
            .iter()
            .position(|s| s.status() == bluehelm_domain::dispatch::StepStatus::Active)
        else {
            break;
        };
        if status != DossierStatus::InProgress {
            break;
        }
        let (action, comment) = match stop_after {
            Some((count, _)) if decided > count => break,
            Some((count, action)) if decided == count => {
                if action == StepAction::Approve {
                    break;
                }
                (action, Some("Bổ sung dự toán kinh phí và danh sách dự bị"))
            }
            _ => (StepAction::Approve, None),
        };
        drop(tx);
        let step = &current[index];
        let mut tx = store
            .begin_write(actors.for_step(step.agency_id, &step.role))
            .await?;
        for kind in step.required_documents() {
            let content = format!("%PDF-1.4\n% {kind}: {title}\n");
            let digest = hex_digest(content.as_bytes());
            tx.attach_document(
                id,
                &kind,
                &format!("{kind}.pdf"),
                "application/pdf",
                content.as_bytes(),
                &digest,
            )
            .await?;
        }
        let pairs: Vec<(u32, _)> = current.iter().map(|s| (s.seq as u32, s.status())).collect();
        let transition = act(status, &pairs, index, action, comment)
            .map_err(|refusal| anyhow::anyhow!("{title}: {refusal}"))?;
        day += Duration::days(i64::from(2 + (decided as u8 % 4)));
        tx.apply_step_action(
            id,
            &current,
            index,
            action,
            comment,
            &transition,
            at(day.min(today_utc()), 10),
        )
        .await?;
        tx.commit().await?;
        decided += 1;
        if action != StepAction::Approve {
            break;
        }
    }
    Ok(id)
}

fn today_utc() -> Date {
    bluehelm_store::now().date()
}

fn hex_digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

fn requirements(personnel_type: PersonnelType) -> Requirements {
    Requirements {
        personnel_type,
        services: Vec::new(),
        min_rank: None,
        max_rank: None,
        specialties: Vec::new(),
        language: None,
        qualifications: Vec::new(),
        gender: None,
    }
}

/// The pool by service family, shuffled once: (person, is a police officer).
struct Pool {
    armed: Vec<i64>,
    police: Vec<i64>,
    gender: HashMap<i64, &'static str>,
    free_from: HashMap<i64, Date>,
}

impl Pool {
    async fn load(store: &Store, rng: &mut StdRng) -> Result<Self> {
        let mut armed = Vec::new();
        let mut police = Vec::new();
        let mut gender = HashMap::new();
        for (id, candidate) in store.candidates(None).await? {
            gender.insert(id, candidate.gender.as_str());
            match candidate.service {
                Service::Police => police.push(id),
                Service::Civilian => {}
                _ => armed.push(id),
            }
        }
        armed.shuffle(rng);
        police.shuffle(rng);
        Ok(Self {
            armed,
            police,
            gender,
            free_from: HashMap::new(),
        })
    }

    /// Up to `count` people free on `departs`, who are then held until a rest after `ends`.
    fn take(
        &mut self,
        police: bool,
        count: usize,
        departs: Date,
        ends: Date,
        rest_months: u32,
    ) -> Vec<i64> {
        let pool = if police { &self.police } else { &self.armed };
        let mut chosen = Vec::with_capacity(count);
        for &id in pool {
            if chosen.len() == count {
                break;
            }
            if self.free_from.get(&id).is_none_or(|free| *free <= departs) {
                chosen.push(id);
            }
        }
        for id in &chosen {
            self.free_from
                .insert(*id, add_months(ends, rest_months as i32));
        }
        chosen
    }
}

/// Loads the history into a database that has the demo accounts and a pool.
pub async fn load(store: &Store, seed: u64, scale: usize) -> Result<Loaded> {
    let today = today_utc();
    let actors = Actors::load(store)
        .await
        .context("the demo accounts are needed first")?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let mut pool = Pool::load(store, &mut rng).await?;
    let rest = store.eligibility_settings().await?.rest_months;
    let mut loaded = Loaded::default();
    let missions: HashMap<String, i64> = store
        .missions()
        .await?
        .into_iter()
        .map(|m| (m.code, m.id))
        .collect();
    for batch in batches(today, scale.max(1)) {
        let mission_id = missions[batch.mission];
        let ends = add_months(batch.departs, batch.tour_months as i32);
        let people = pool.take(
            batch.category == ForceCategory::MpsArmed,
            batch.size,
            batch.departs,
            ends,
            rest,
        );
        if people.is_empty() {
            continue;
        }
        let dated = (batch.departs - Duration::days(75)).max(date!(2014 - 05 - 27));
        let (request_id, position_id, unit_id) = match batch.unit {
            None => {
                let draft = RequestDraft {
                    reference: format!(
                        "NV/{}/{}/{}",
                        batch.mission,
                        batch.departs.year(),
                        loaded.requests + 1
                    ),
                    mission: batch.mission.to_owned(),
                    personnel_type: batch.personnel_type,
                    received_on: dated - Duration::days(30),
                    nomination_deadline: dated,
                    tour: Tour {
                        start: batch.departs,
                        months: batch.tour_months,
                    },
                    note: None,
                    positions: vec![PositionRequest {
                        id: None,
                        title: batch.title.clone(),
                        count: people.len() as u32,
                        requirements: requirements(batch.personnel_type),
                    }],
                };
                let mut tx = store
                    .begin_write(
                        actors.for_step(store.agency_by_code("BQP-CGGHB").await?.id, "coordinator"),
                    )
                    .await?;
                let request = tx.create_request(mission_id, &draft).await?;
                tx.commit().await?;
                let position = store.request_positions(request).await?[0].id;
                loaded.requests += 1;
                (Some(request), Some(position), None)
            }
            Some((line, rotation)) => {
                let agency = store.agency_by_code(line.agency).await?;
                let first = format!("{} số {rotation}", line.name_vi);
                let name = if loaded.unit_names.insert(first.clone()) {
                    first
                } else {
                    format!("{first} ({})", loaded.units + 1)
                };
                let draft = UnitDraft {
                    name,
                    kind: line.kind,
                    rotation,
                    mission: Some(line.mission.to_owned()),
                    tour_months: batch.tour_months,
                    overlap_days: 14,
                    deploys_on: Some(batch.departs),
                };
                let mut tx = store.begin_write(Actor::SYSTEM).await?;
                let unit = tx.create_unit(agency.id, Some(mission_id), &draft).await?;
                for (section, title, specialty, count) in line.organisation {
                    let position = PositionDraft {
                        title: (*title).to_owned(),
                        specialty: Some((*specialty).to_owned()),
                        count: *count,
                        language: Some(("en".to_owned(), bluehelm_domain::records::Cefr::B1)),
                        min_rank: None,
                        max_rank: None,
                        qualification: None,
                        section: Some((*section).to_owned()),
                    };
                    tx.add_unit_position(unit, &position).await?;
                }
                tx.commit().await?;
                loaded.units += 1;
                (None, None, Some(unit))
            }
        };
        let dossier = run_dossier(
            store,
            &actors,
            &format!("Cử {}", batch.title),
            batch.category,
            DecisionType::Send,
            dated,
            request_id,
            unit_id,
            None,
        )
        .await?;
        loaded.dossiers += 1;
        let mut tx = store.begin_write(Actor::SYSTEM).await?;
        for (index, person_id) in people.iter().enumerate() {
            if let Some(position) = position_id {
                tx.nominate(position, *person_id, None).await?;
            }
            let new = NewDeployment {
                person_id: *person_id,
                mission_id,
                unit_id,
                position_id,
                dossier_id: dossier,
                personnel_type: batch.personnel_type.as_str().to_owned(),
                gender: pool.gender[person_id].to_owned(),
            };
            let draft = DeploymentDraft {
                appointment: batch.title.clone(),
                planned_departure: batch.departs,
                planned_end: ends,
                un_index: Some(format!(
                    "VN-{}-{:05}",
                    batch.departs.year(),
                    loaded.deployments + index + 1
                )),
            };
            let (status, returned_on) = if ends + Duration::days(2) < today {
                (DeploymentStatus::Returned, Some(ends + Duration::days(2)))
            } else {
                (DeploymentStatus::Deployed, None)
            };
            let dates = Dates {
                planned_departure: Some(batch.departs),
                planned_end: Some(ends),
                departed_on: Some(batch.departs),
                arrived_on: Some(batch.departs + Duration::days(1)),
                returned_on,
            };
            tx.record_past_deployment(&new, &draft, status, &dates)
                .await?;
        }
        if let Some(request) = request_id {
            let current = store.request(request).await;
            if let Ok(current) = current {
                tx.set_request_status(&current, RequestStatus::Closed)
                    .await?;
            }
        }
        tx.commit().await?;
        loaded.deployments += people.len();
    }
    readiness(store).await?;
    loaded.units += 1;
    for copy in 0..scale.max(1) {
        loaded.dossiers += dossiers_of_today(store, &actors, today, copy).await?;
    }
    loaded.requests += open_requests(store, &actors, &mut pool, today).await?;
    Ok(loaded)
}

/// The readiness records of the public record: the medical and engineering pledges, and the
/// formed police unit's promotion to level 3.
async fn readiness(store: &Store) -> Result<()> {
    let units = store.units(None).await?;
    let fpu_agency = store.agency_by_code("BCA-FPU1").await?;
    let draft = UnitDraft {
        name: "Đơn vị Cảnh sát gìn giữ hòa bình số 1".to_owned(),
        kind: UnitKind::FormedPolice,
        rotation: 1,
        mission: None,
        tour_months: 12,
        overlap_days: 14,
        deploys_on: None,
    };
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    let fpu = tx.create_unit(fpu_agency.id, None, &draft).await?;
    tx.commit().await?;
    let changes: Vec<(i64, Readiness, Date, &str)> = units
        .iter()
        .filter(|u| u.rotation == 1)
        .map(|u| match u.kind.as_str() {
            "field_hospital" => (
                u.id,
                Readiness::Level2,
                date!(2017 - 06 - 30),
                "Chuyến đánh giá và tư vấn của LHQ, 26–30/6/2017",
            ),
            _ => (
                u.id,
                Readiness::Level1,
                date!(2019 - 06 - 01),
                "Đăng ký cam kết trong hệ thống PCRS: 268 quân nhân công binh sẵn sàng",
            ),
        })
        .chain([(
            fpu,
            Readiness::Level3,
            date!(2026 - 02 - 05),
            "Nâng từ mức 2 lên mức 3 (thông báo của LHQ)",
        )])
        .collect();
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    for (unit_id, level, dated, evidence) in changes {
        let unit = store.unit(unit_id).await?;
        tx.record_readiness(
            &unit,
            &ReadinessDraft {
                level,
                dated,
                evidence: evidence.to_owned(),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A dossier of today: title, category, decision, days since it opened, and where it
/// stops (after how many decisions, with which last action).
type TodayCase = (
    &'static str,
    ForceCategory,
    DecisionType,
    i64,
    Option<(usize, StepAction)>,
);

/// Dossiers under way today, one in each state: waiting at the Government past its time
/// limit, waiting for one of two opinions, returned with comments, rejected, just opened.
async fn dossiers_of_today(
    store: &Store,
    actors: &Actors,
    today: Date,
    copy: usize,
) -> Result<usize> {
    let cases: [TodayCase; 5] = [
        (
            "Cử Bệnh viện dã chiến cấp 2 số 9",
            ForceCategory::MndArmed,
            DecisionType::Send,
            40,
            Some((3, StepAction::Approve)),
        ),
        (
            "Cử sĩ quan cảnh sát UNMISS 2027",
            ForceCategory::MpsArmed,
            DecisionType::Send,
            12,
            Some((2, StepAction::Approve)),
        ),
        (
            "Cử sĩ quan tham mưu MINUSCA 2027",
            ForceCategory::MndArmed,
            DecisionType::Send,
            20,
            Some((3, StepAction::Return)),
        ),
        (
            "Cử chuyên gia dân sự hỗ trợ bầu cử",
            ForceCategory::Civilian,
            DecisionType::Send,
            60,
            Some((4, StepAction::Reject)),
        ),
        (
            "Gia hạn nhiệm kỳ Đội Công binh số 5",
            ForceCategory::MndArmed,
            DecisionType::Extend,
            3,
            Some((0, StepAction::Approve)),
        ),
    ];
    for (title, category, decision, days_ago, stop) in cases {
        let title = match copy {
            0 => title.to_owned(),
            _ => format!("{title} ({})", copy + 1),
        };
        run_dossier(
            store,
            actors,
            &title,
            category,
            decision,
            today - Duration::days(days_ago),
            None,
            None,
            stop,
        )
        .await?;
    }
    Ok(cases.len())
}

/// Two requests still open: one just received, with two position lines and the
/// requirements a staff officer's request usually carries; one with nominations made.
async fn open_requests(
    store: &Store,
    actors: &Actors,
    pool: &mut Pool,
    today: Date,
) -> Result<usize> {
    let coordinator = actors.for_step(store.agency_by_code("BQP-CGGHB").await?.id, "coordinator");
    let english = |level| {
        Some(LanguageRequirement {
            language: "en".to_owned(),
            min_level: level,
        })
    };
    let staff_officers = vec![
        PositionRequest {
            id: None,
            title: "Sĩ quan kế hoạch".to_owned(),
            count: 2,
            requirements: Requirements {
                min_rank: Some(9),
                max_rank: Some(12),
                specialties: vec!["staff_officer".to_owned()],
                language: english(Cefr::B1),
                ..requirements(PersonnelType::StaffOfficer)
            },
        },
        PositionRequest {
            id: None,
            title: "Sĩ quan thông tin liên lạc".to_owned(),
            count: 1,
            requirements: Requirements {
                min_rank: Some(8),
                max_rank: Some(11),
                language: english(Cefr::B1),
                ..requirements(PersonnelType::StaffOfficer)
            },
        },
    ];
    let police = vec![PositionRequest {
        id: None,
        title: "Cảnh sát tuần tra".to_owned(),
        count: 2,
        requirements: requirements(PersonnelType::IndividualPolice),
    }];
    let open = [
        (
            "NV/OMA/2026/214",
            "UNMISS",
            PersonnelType::StaffOfficer,
            staff_officers,
            0,
        ),
        (
            "NV/PD/2026/077",
            "UNISFA",
            PersonnelType::IndividualPolice,
            police,
            2,
        ),
    ];
    let missions = store.missions().await?;
    let count = open.len();
    for (reference, mission, personnel_type, positions, nominees) in open {
        let mission_id = missions
            .iter()
            .find(|m| m.code == mission)
            .map(|m| m.id)
            .context("seeded mission")?;
        let draft = RequestDraft {
            reference: reference.to_owned(),
            mission: mission.to_owned(),
            personnel_type,
            received_on: today - Duration::days(10),
            nomination_deadline: today + Duration::days(25),
            tour: Tour {
                start: today + Duration::days(120),
                months: 12,
            },
            note: None,
            positions,
        };
        let mut tx = store.begin_write(coordinator).await?;
        let request = tx.create_request(mission_id, &draft).await?;
        tx.commit().await?;
        let position = store.request_positions(request).await?[0].id;
        let start = draft.tour.start;
        let people = pool.take(
            personnel_type == PersonnelType::IndividualPolice,
            nominees,
            start,
            add_months(start, 12),
            0,
        );
        let mut tx = store.begin_write(coordinator).await?;
        for person in people {
            tx.nominate(position, person, None).await?;
        }
        if nominees > 0 {
            tx.set_request_status(&store.request(request).await?, RequestStatus::Nominated)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(count)
}
