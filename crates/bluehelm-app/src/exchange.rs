//! Bulk import and export of the people file and of each kind of sub-record (columns in
//! [`bluehelm_domain::exchange`]), as CSV or XLSX: a file is read into rows of text first,
//! whatever its format, and the same checks run on those rows.
//!
//! An import is checked whole before anything is written: every bad row is reported with
//! its line, column and reason, and nothing is written until the file is clean; then it is
//! written in one transaction. An export streams in batches and contains only the people
//! the reader may read; the people file holds no health data.

use std::collections::{HashMap, HashSet};

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::exchange::{
    person_input, sub_record_input, RecordFile, RowError, SubRecordInput, PERSON_COLUMNS,
};
use bluehelm_domain::message::Message;
use bluehelm_domain::person::{fold, parse_service_number, PersonDraft, Service};
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::records::{DocumentDraft, LanguageDraft, QualificationDraft};
use bluehelm_store::person::{Person, PersonFilter};
use bluehelm_store::Store;
use serde::Serialize;
use time::Date;

use crate::i18n::Tr;
use crate::sheet::{csv_cell, xlsx_bytes, FileFormat, Sheet, SheetFault, IMPORT_LIMITS};
use crate::AppError;
use crate::Ctx;

/// The largest file an import takes: about 300,000 people.
pub const IMPORT_LIMIT_BYTES: usize = 64 * 1024 * 1024;

/// At most this many errors are listed (all are counted): enough to fix a file in one pass
/// without answering with a report larger than the file.
const LISTED_ERRORS: usize = 1_000;

/// What an import found and did. Its faults' reasons are messages; [`ImportReport::answer`]
/// renders them in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Data rows read (the header excluded).
    pub rows: usize,
    /// Whether the rows were written: only for a clean file that was not a dry run.
    pub written: bool,
    /// Every fault, by line (the header is line 1), column and reason.
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

    /// The report as the API answers it, each fault's reason in `tr`'s language.
    pub fn answer(self, tr: &Tr) -> ImportAnswer {
        ImportAnswer {
            rows: self.rows,
            written: self.written,
            errors: self
                .errors
                .into_iter()
                .map(|error| ImportFault {
                    line: error.line,
                    message: tr.field_message(&error.fault),
                    code: error.fault.code,
                    column: error.fault.field,
                })
                .collect(),
            error_count: self.error_count,
            likely_duplicates: self.likely_duplicates,
        }
    }
}

/// An import's report as the API answers it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportAnswer {
    /// Data rows read (the header excluded).
    pub rows: usize,
    /// Whether the rows were written: only for a clean file that was not a dry run.
    pub written: bool,
    /// The faults, by line, column and reason (the first 1,000).
    pub errors: Vec<ImportFault>,
    /// How many faults in all.
    pub error_count: usize,
    /// Lines whose person has the same name and date of birth as someone already in the
    /// pool or earlier in the file: written, but worth a look.
    pub likely_duplicates: Vec<u64>,
}

/// One fault of an imported file.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportFault {
    /// The line (the header is line 1).
    pub line: u64,
    /// The file's column at fault; empty when the whole line is.
    pub column: String,
    /// A stable machine code (`invalid`, `unknown_value`, `duplicate`, …).
    pub code: &'static str,
    /// The reason, in the reader's language.
    pub message: String,
}

/// Reads a file within the import limits, its header checked against `file`'s columns
/// first; faults go to the report. Parsing a workbook is CPU work: it runs in the bounded
/// blocking pool.
async fn open_sheet(
    bytes: &[u8],
    file: RecordFile,
    report: &mut ImportReport,
) -> Result<Option<Sheet>, AppError> {
    let owned = bytes.to_vec();
    let read = crate::blocking::run(move || Sheet::read(&owned, &IMPORT_LIMITS, file.columns()));
    match read.await? {
        Ok(sheet) => Ok(Some(sheet)),
        Err(SheetFault::Unreadable(reason)) => {
            report.fail(RowError::new(1, "", "unreadable", reason));
            Ok(None)
        }
        Err(SheetFault::Limit(limit)) => {
            report.fail(RowError::new(1, "", "too_large", limit.reason()));
            Ok(None)
        }
        Err(SheetFault::Header(errors)) => {
            errors.into_iter().for_each(|error| report.fail(error));
            Ok(None)
        }
    }
}

/// What checking a people file needs from the database: the agencies and specialties by
/// code, and the service numbers already taken.
struct PeopleCatalogue {
    agencies: HashMap<String, (i64, bluehelm_domain::agency::AgencyPath)>,
    specialties: HashMap<String, i64>,
    taken: HashSet<(String, String)>,
}

/// The people of a file that passed every check, and whether a line was refused for the
/// caller's rights.
struct CheckedPeople {
    drafts: Vec<(PersonDraft, Vec<i64>)>,
    refused: bool,
}

/// Checks every line of a people file against the catalogue and the caller's rights:
/// CPU only, run on the blocking pool.
fn check_people(
    sheet: &Sheet,
    catalogue: PeopleCatalogue,
    principal: &policy::Principal,
    today: Date,
    report: &mut ImportReport,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> CheckedPeople {
    let PeopleCatalogue {
        agencies,
        specialties,
        mut taken,
    } = catalogue;
    let mut known_names: HashSet<(String, Date)> = HashSet::new();
    let mut drafts: Vec<(PersonDraft, Vec<i64>)> = Vec::new();
    let mut refused = false;
    for (index, (line, values)) in sheet.rows().enumerate() {
        progress(index as u64 + 1);
        report.rows += 1;
        let values = match values {
            Ok(values) => values,
            Err(error) => {
                report.fail(error);
                continue;
            }
        };
        let agency_code = values[0].trim();
        let agency = agencies.get(agency_code);
        let Some((agency_id, path)) = agency else {
            report.fail(RowError::new(
                line,
                "agency_code",
                "unknown_value",
                Message::new("import.no_agency_code").text("code", agency_code),
            ));
            continue;
        };
        if policy::authorize(
            principal,
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
                "forbidden",
                Message::new("import.may_not_add_people").text("code", agency_code),
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
                    "unknown_value",
                    Message::new("import.unknown_specialty").text("code", code.clone()),
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
                    "duplicate",
                    Message::new("import.service_number_taken")
                        .text("number", number.clone())
                        .term("service", "service", service.as_str()),
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
                .position(|column| *column == fault.column())
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
    CheckedPeople { drafts, refused }
}

/// Checks the people file and, unless `dry_run` or it has any fault, writes it in one
/// transaction. `progress` is told how many rows have been checked. The check runs on the
/// blocking pool: a file of 100,000 lines takes seconds of CPU, which no async worker
/// should spend.
pub async fn import_people(
    ctx: &Ctx<'_>,
    file: &[u8],
    dry_run: bool,
    today: Date,
    progress: std::sync::Arc<dyn Fn(u64) + Send + Sync>,
) -> Result<ImportReport, AppError> {
    ctx.scope(Action::Create, Resource::Person).await?;
    let mut report = ImportReport::default();
    let Some(sheet) = open_sheet(file, RecordFile::People, &mut report).await? else {
        return Ok(report);
    };
    let catalogue = PeopleCatalogue {
        agencies: ctx
            .store
            .all_agencies()
            .await?
            .into_iter()
            .map(|agency| (agency.code.clone(), (agency.id, agency.path())))
            .collect(),
        specialties: ctx
            .store
            .specialties()
            .await?
            .into_iter()
            .map(|s| (s.code, s.id))
            .collect(),
        taken: ctx.store.service_numbers().await?,
    };
    let principal = ctx.principal.clone();
    let (mut report, checked) = crate::blocking::run(move || {
        let checked = check_people(
            &sheet,
            catalogue,
            &principal,
            today,
            &mut report,
            progress.as_ref(),
        );
        (report, checked)
    })
    .await?;
    if checked.refused {
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
    let drafts = checked.drafts;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.create_people(drafts).await?;
    tx.commit().await?;
    report.written = true;
    Ok(report)
}

/// An import of at least this many people changes the tables enough that the planner's
/// statistics should be refreshed.
const LARGE_IMPORT: usize = 1_000;

/// Refreshes the planner's statistics on a task of its own when `report` wrote a large
/// import. The import has committed, so its answer need not wait: at 100,000 people the
/// refresh takes about a second on PostgreSQL. A caller that is about to exit (the command
/// line) awaits the handle.
pub fn refresh_statistics_after(
    store: &Store,
    report: &ImportReport,
) -> tokio::task::JoinHandle<()> {
    let store = store.clone();
    let needed = report.written && report.rows >= LARGE_IMPORT;
    tokio::spawn(async move {
        if needed {
            if let Err(error) = store.refresh_statistics().await {
                tracing::warn!(%error, "the statistics were not refreshed after an import");
            }
        }
    })
}

/// A checked sub-record, ready to write.
enum SubRecordDraft {
    Document(DocumentDraft),
    Language(LanguageDraft),
    Qualification(i64, QualificationDraft),
}

/// Checks a file of identity documents, language tests or qualifications (people named by
/// service and service number) and, unless `dry_run` or it has any fault, adds every
/// record in one transaction. Existing records stay: a file adds history, it never
/// replaces it.
pub async fn import_records(
    ctx: &Ctx<'_>,
    file: RecordFile,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport, AppError> {
    if file == RecordFile::People {
        return Err(AppError::field(
            "kind",
            "invalid_value",
            "validation.people_files_are_imported_with_import_people",
        ));
    }
    ctx.scope(Action::Update, Resource::Person).await?;
    let mut report = ImportReport::default();
    let Some(sheet) = open_sheet(bytes, file, &mut report).await? else {
        return Ok(report);
    };
    let people = ctx.store.person_keys().await?;
    let catalogue = ctx.store.qualification_kind_ids().await?;
    let mut records: Vec<(i64, SubRecordDraft)> = Vec::new();
    let mut refused = false;
    for (line, values) in sheet.rows() {
        report.rows += 1;
        let values = match values {
            Ok(values) => values,
            Err(error) => {
                report.fail(error);
                continue;
            }
        };
        let service = values[0].trim();
        let number = parse_service_number(values[1]).unwrap_or_default();
        let Some((person_id, owner)) = people.get(&(service.to_owned(), number.clone())) else {
            report.fail(RowError::new(
                line,
                "service_number",
                "not_found",
                Message::new("import.no_person_with_number")
                    .text("number", number.clone())
                    .text("service", service),
            ));
            continue;
        };
        let owner = Owner {
            agency: Some(owner),
            user_id: None,
        };
        if policy::authorize(ctx.principal, Action::Update, Resource::Person, &owner).is_err() {
            refused = true;
            report.fail(RowError::new(
                line,
                "service_number",
                "forbidden",
                Message::new("import.may_not_change_records").text("number", number.clone()),
            ));
            continue;
        }
        let draft = match sub_record_input(file, &values) {
            Some(SubRecordInput::Document(input)) => {
                DocumentDraft::parse(&input).map(SubRecordDraft::Document)
            }
            Some(SubRecordInput::Language(input)) => {
                LanguageDraft::parse(&input).map(SubRecordDraft::Language)
            }
            Some(SubRecordInput::Qualification(input)) => QualificationDraft::parse(&input)
                .and_then(|draft| match catalogue.get(&draft.kind) {
                    Some(&kind_id) => Ok(SubRecordDraft::Qualification(kind_id, draft)),
                    None => Err(bluehelm_domain::Invalid(vec![
                        bluehelm_domain::FieldError::new(
                            "kind",
                            "unknown_value",
                            "message.unknown_qualification",
                        )
                        .because(vec![
                            bluehelm_domain::message::Message::new("reference.value")
                                .text("value", draft.kind.clone()),
                        ]),
                    ])),
                }),
            None => continue,
        };
        match draft {
            Ok(draft) => records.push((*person_id, draft)),
            Err(invalid) => invalid
                .0
                .iter()
                .for_each(|error| report.fail(RowError::from_field(line, error))),
        }
    }
    if refused {
        ctx.store
            .record_event(
                ctx.actor(),
                AuditAction::PermissionDenied,
                "person",
                None,
                Some(serde_json::json!({ "action": "import", "file": file.as_str() })),
            )
            .await?;
    }
    if report.error_count > 0 || dry_run {
        return Ok(report);
    }
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    for (person_id, draft) in &records {
        match draft {
            SubRecordDraft::Document(draft) => {
                tx.add_document(*person_id, draft).await?;
            }
            SubRecordDraft::Language(draft) => {
                tx.add_language_test(*person_id, draft).await?;
            }
            SubRecordDraft::Qualification(kind_id, draft) => {
                tx.add_qualification(*person_id, *kind_id, draft).await?;
            }
        }
    }
    tx.commit().await?;
    report.written = true;
    Ok(report)
}

/// An export of one file over the people a filter selects, cut to those the reader may
/// read, produced in batches of people so memory stays flat whatever the pool's size.
pub struct Export {
    store: Store,
    filter: PersonFilter,
    file: RecordFile,
    after_id: i64,
    header_sent: bool,
    finished: bool,
}

/// People per batch: large enough to amortise the query, small enough to keep memory flat.
const EXPORT_BATCH: i64 = 2_000;

fn optional_date(date: Option<Date>) -> String {
    date.map(|date| date.to_string()).unwrap_or_default()
}

impl Export {
    pub async fn new(
        ctx: &Ctx<'_>,
        filter: PersonFilter,
        file: RecordFile,
    ) -> Result<Self, AppError> {
        let filter = crate::people::readable(ctx, filter).await?;
        Ok(Self {
            store: ctx.store.clone(),
            filter,
            file,
            after_id: 0,
            header_sent: false,
            finished: false,
        })
    }

    /// The rows of the next batch of people, or `None` at the end.
    pub async fn next_rows(&mut self) -> Result<Option<Vec<Vec<String>>>, AppError> {
        if self.finished {
            return Ok(None);
        }
        let people = self
            .store
            .people_after(&self.filter, self.after_id, EXPORT_BATCH)
            .await?;
        if (people.len() as i64) < EXPORT_BATCH {
            self.finished = true;
        }
        if let Some(last) = people.last() {
            self.after_id = last.id;
        }
        let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
        let keys: HashMap<i64, (&str, &str)> = people
            .iter()
            .map(|p| (p.id, (p.service.as_str(), p.service_number.as_str())))
            .collect();
        let keyed = |person_id: i64, rest: Vec<String>| {
            let (service, number) = keys.get(&person_id).copied().unwrap_or_default();
            [service.to_owned(), number.to_owned()]
                .into_iter()
                .chain(rest)
                .collect::<Vec<String>>()
        };
        let rows = match self.file {
            RecordFile::People => {
                let mut codes: HashMap<i64, Vec<String>> = HashMap::new();
                for (person_id, code) in self.store.specialty_codes_of(&ids).await? {
                    codes.entry(person_id).or_default().push(code);
                }
                people
                    .iter()
                    .map(|person| row(person, codes.get(&person.id)))
                    .collect()
            }
            RecordFile::Documents => self
                .store
                .documents_of(&ids)
                .await?
                .into_iter()
                .map(|d| {
                    let rest = vec![
                        d.kind,
                        d.number,
                        optional_date(d.issued_on),
                        optional_date(d.expires_on),
                    ];
                    keyed(d.person_id, rest)
                })
                .collect(),
            RecordFile::Languages => self
                .store
                .language_tests_of(&ids)
                .await?
                .into_iter()
                .map(|t| {
                    let rest = vec![
                        t.language,
                        t.test,
                        t.score.unwrap_or_default(),
                        t.level,
                        t.tested_on.to_string(),
                        optional_date(t.valid_until),
                    ];
                    keyed(t.person_id, rest)
                })
                .collect(),
            RecordFile::Qualifications => self
                .store
                .qualifications_of(&ids)
                .await?
                .into_iter()
                .map(|q| {
                    let rest = vec![
                        q.kind,
                        q.issued_on.to_string(),
                        optional_date(q.expires_on),
                        q.reference.unwrap_or_default(),
                    ];
                    keyed(q.person_id, rest)
                })
                .collect(),
        };
        Ok(Some(rows))
    }

    /// The next chunk of the CSV file (the header first), or `None` at its end.
    pub async fn next_csv_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        let rows = self.next_rows().await?;
        if rows.is_none() && self.header_sent {
            return Ok(None);
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        if !self.header_sent {
            writer
                .write_record(self.file.columns())
                .map_err(AppError::internal)?;
            self.header_sent = true;
        }
        for row in rows.into_iter().flatten() {
            writer
                .write_record(row.iter().map(|value| csv_cell(value).into_owned()))
                .map_err(AppError::internal)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|error| AppError::internal(error.into_error()))?;
        Ok(Some(bytes))
    }

    /// The whole file as an XLSX workbook. A workbook is one compressed archive, so it is
    /// built in memory (about 100 bytes a row); CSV is the format to stream.
    pub async fn xlsx(mut self) -> Result<Vec<u8>, AppError> {
        let mut rows = Vec::new();
        while let Some(batch) = self.next_rows().await? {
            rows.extend(batch);
        }
        xlsx_bytes(self.file.columns(), rows).map_err(AppError::internal)
    }

    pub async fn write_to(
        self,
        format: FileFormat,
        out: &mut (dyn std::io::Write + Send),
    ) -> Result<(), AppError> {
        match format {
            FileFormat::Xlsx => out
                .write_all(&self.xlsx().await?)
                .map_err(AppError::internal),
            FileFormat::Csv => {
                let mut export = self;
                while let Some(chunk) = export.next_csv_chunk().await? {
                    out.write_all(&chunk).map_err(AppError::internal)?;
                }
                Ok(())
            }
        }
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
