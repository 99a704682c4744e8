//! Bulk import and export of the people file (CSV, columns in
//! [`bluehelm_domain::exchange::PERSON_COLUMNS`]).
//!
//! An import is checked whole before anything is written: every bad row is reported with
//! its line, column and reason, and nothing is written until the file is clean; then it is
//! written in one transaction. An export streams in batches and contains only the people
//! the reader may read; the people file holds no health data.

use std::collections::{HashMap, HashSet};

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::exchange::{column_positions, person_input, RowError, PERSON_COLUMNS};
use bluehelm_domain::person::{fold, parse_service_number, PersonDraft, Service};
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_store::person::{Person, PersonFilter};
use bluehelm_store::Store;
use serde::Serialize;
use time::Date;

use super::Ctx;
use crate::error::AppError;

/// At most this many errors are listed (all are counted): enough to fix a file in one pass
/// without answering with a report larger than the file.
const LISTED_ERRORS: usize = 1_000;

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    /// Data rows read (the header excluded).
    pub rows: usize,
    /// Whether the rows were written: only for a clean file that was not a dry run.
    pub written: bool,
    /// Every fault, by line (the header is line 1), column and reason.
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<RowError>,
    /// How many faults in all (only the first 1,000 are listed).
    pub error_count: usize,
    /// Lines whose person has the same name and date of birth as someone already in the
    /// pool or earlier in the file: written, but worth a look.
    pub likely_duplicates: Vec<u64>,
}

impl ImportReport {
    fn fail(&mut self, error: RowError) {
        self.error_count += 1;
        if self.errors.len() < LISTED_ERRORS {
            self.errors.push(error);
        }
    }
}

/// Checks the people file and, unless `dry_run` or it has any fault, writes it in one
/// transaction. `progress` is told how many rows have been checked.
pub async fn import_people(
    ctx: &Ctx<'_>,
    file: &[u8],
    dry_run: bool,
    today: Date,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ImportReport, AppError> {
    ctx.scope(Action::Create, Resource::Person).await?;
    let mut report = ImportReport::default();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect(),
        Err(error) => {
            report.fail(RowError::new(
                1,
                "",
                format!("the file cannot be read as CSV: {error}"),
            ));
            return Ok(report);
        }
    };
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let positions = match column_positions(&header, PERSON_COLUMNS) {
        Ok(positions) => positions,
        Err(errors) => {
            for error in errors {
                report.fail(error);
            }
            return Ok(report);
        }
    };
    let agencies: HashMap<String, (i64, bluehelm_domain::agency::AgencyPath)> = ctx
        .store
        .all_agencies()
        .await?
        .into_iter()
        .map(|agency| (agency.code.clone(), (agency.id, agency.path())))
        .collect();
    let specialties: HashMap<String, i64> = ctx
        .store
        .specialties()
        .await?
        .into_iter()
        .map(|s| (s.code, s.id))
        .collect();
    let mut taken = ctx.store.service_numbers().await?;
    let mut known_names: HashSet<(String, Date)> = HashSet::new();
    let mut drafts: Vec<(PersonDraft, Vec<i64>)> = Vec::new();
    let mut refused = false;
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 2;
        progress(index as u64 + 1);
        report.rows += 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                report.fail(RowError::new(line, "", format!("cannot be read: {error}")));
                continue;
            }
        };
        if record.len() != header.len() {
            report.fail(RowError::new(
                line,
                "",
                format!(
                    "has {} values; the header has {}",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let values: Vec<&str> = positions
            .iter()
            .map(|&position| record.get(position).unwrap_or(""))
            .collect();
        let agency_code = values[0].trim();
        let agency = agencies.get(agency_code);
        let Some((agency_id, path)) = agency else {
            report.fail(RowError::new(
                line,
                "agency_code",
                format!("no agency has the code {agency_code:?}"),
            ));
            continue;
        };
        if policy::authorize(
            ctx.principal,
            Action::Create,
            Resource::Person,
            &Owner {
                agency: Some(path),
                user_id: None,
            },
        )
        .is_err()
        {
            refused = true;
            report.fail(RowError::new(
                line,
                "agency_code",
                format!("you may not add people to {agency_code}"),
            ));
            continue;
        }
        // Every check runs on every line, so one pass reports all of a line's faults.
        let input = person_input(&values, *agency_id);
        let mut ids = Vec::with_capacity(input.specialties.len());
        let mut faults = Vec::new();
        for code in &input.specialties {
            match specialties.get(code) {
                Some(id) => ids.push(*id),
                None => faults.push(RowError::new(
                    line,
                    "specialties",
                    format!("{code} is not in the specialty catalogue"),
                )),
            }
        }
        let number = parse_service_number(&input.service_number).ok();
        let service = Service::parse(input.service.trim());
        if let (Some(number), Some(service)) = (number, service) {
            if !taken.insert((service.as_str().to_owned(), number.clone())) {
                faults.push(RowError::new(
                    line,
                    "service_number",
                    format!("{number} is already used in the {service} service"),
                ));
            }
        }
        let draft = match PersonDraft::parse(&input, today) {
            Ok(draft) => Some(draft),
            Err(invalid) => {
                faults.extend(
                    invalid
                        .0
                        .iter()
                        .map(|error| RowError::from_field(line, error)),
                );
                None
            }
        };
        faults.sort_by_key(|fault| {
            PERSON_COLUMNS
                .iter()
                .position(|column| *column == fault.column)
        });
        match draft {
            Some(draft) if faults.is_empty() => {
                if !known_names.insert((fold(&draft.full_name()), draft.birth_date)) {
                    report.likely_duplicates.push(line);
                }
                drafts.push((draft, ids));
            }
            _ => faults.into_iter().for_each(|fault| report.fail(fault)),
        }
    }
    if refused {
        // One entry for the whole file: the report names every refused line.
        ctx.store
            .record_event(
                ctx.actor(),
                AuditAction::PermissionDenied,
                "person",
                None,
                Some(serde_json::json!({ "action": "import" })),
            )
            .await?;
    }
    if report.error_count > 0 || dry_run {
        return Ok(report);
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.create_people(&drafts).await?;
    tx.commit().await?;
    if drafts.len() >= 1_000 {
        ctx.store.refresh_statistics().await?;
    }
    report.written = true;
    Ok(report)
}

/// People of an export, a batch at a time, as CSV bytes (the header first).
pub struct PeopleExport {
    store: Store,
    filter: PersonFilter,
    after_id: i64,
    header_sent: bool,
    finished: bool,
}

/// People per batch: large enough to amortise the query, small enough to keep memory flat.
const EXPORT_BATCH: i64 = 2_000;

impl PeopleExport {
    /// An export of the people `filter` selects, cut to those the caller may read.
    pub async fn new(ctx: &Ctx<'_>, filter: PersonFilter) -> Result<Self, AppError> {
        let filter = super::people::readable(ctx, filter).await?;
        Ok(Self {
            store: ctx.store.clone(),
            filter,
            after_id: 0,
            header_sent: false,
            finished: false,
        })
    }

    /// The next chunk of the file, or `None` at its end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        if self.finished {
            return Ok(None);
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        if !self.header_sent {
            writer
                .write_record(PERSON_COLUMNS)
                .map_err(AppError::internal)?;
            self.header_sent = true;
        }
        let people = self
            .store
            .people_after(&self.filter, self.after_id, EXPORT_BATCH)
            .await?;
        if (people.len() as i64) < EXPORT_BATCH {
            self.finished = true;
        }
        let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
        let mut codes: HashMap<i64, Vec<String>> = HashMap::new();
        for (person_id, code) in self.store.specialty_codes_of(&ids).await? {
            codes.entry(person_id).or_default().push(code);
        }
        for person in &people {
            writer
                .write_record(row(person, codes.get(&person.id)))
                .map_err(AppError::internal)?;
            self.after_id = person.id;
        }
        let bytes = writer
            .into_inner()
            .map_err(|error| AppError::internal(error.into_error()))?;
        Ok(Some(bytes))
    }
}

/// One person as a line of the people file, in [`PERSON_COLUMNS`] order.
fn row(person: &Person, specialties: Option<&Vec<String>>) -> Vec<String> {
    vec![
        person.agency_code.clone(),
        person.service.clone(),
        person.service_number.clone(),
        person.family_name.clone(),
        person.middle_name.clone().unwrap_or_default(),
        person.given_name.clone(),
        person.gender.clone(),
        person.birth_date.to_string(),
        person.rank_code.clone().unwrap_or_default(),
        person.phone.clone().unwrap_or_default(),
        person.email.clone().unwrap_or_default(),
        person.status.clone(),
        specialties.map(|codes| codes.join(";")).unwrap_or_default(),
    ]
}
