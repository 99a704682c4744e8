//! A person's records kept with their history (identity documents, language tests,
//! qualifications, medical fitness: a renewal is a new row) and their expiries (only the
//! newest record of each kind). Medical content never enters the audit trail: the entry
//! names the record only.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::listing::{PageRequest, Sort};
use bluehelm_domain::person::full_name;
use bluehelm_domain::records::{DocumentDraft, LanguageDraft, MedicalDraft, QualificationDraft};
use serde::Serialize;
use sqlx::FromRow;
use time::Date;

use crate::agency::within_subtree;
use crate::catalogue::Specialty;
use crate::conditions::page_sql;
use crate::ids::Ids;
use crate::person::*;
use crate::training::Enrolment;
use crate::{now, on_pool, on_tx, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityDocument {
    pub id: i64,
    pub person_id: i64,
    pub kind: String,
    pub number: String,
    pub issued_on: Option<Date>,
    pub expires_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LanguageTestRecord {
    pub id: i64,
    pub person_id: i64,
    pub language: String,
    pub test: String,
    pub score: Option<String>,
    pub level: String,
    pub tested_on: Date,
    pub valid_until: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualificationRecord {
    pub id: i64,
    pub person_id: i64,
    pub kind: String,
    pub category: String,
    pub name_vi: String,
    pub name_en: String,
    pub issued_on: Date,
    pub expires_on: Option<Date>,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MedicalRecord {
    pub id: i64,
    pub person_id: i64,
    pub status: String,
    pub examined_on: Date,
    pub valid_until: Date,
    pub restrictions: Option<String>,
}

/// What expires: the kind of record, whose, what it is, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expiry {
    /// document, language, qualification or medical.
    pub record: String,
    pub record_id: i64,
    pub person_id: i64,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
    pub agency_id: i64,
    pub agency_code: String,
    /// The document kind, the language, the qualification code; `medical` for fitness.
    pub what: String,
    pub expires_on: Date,
}

impl Expiry {
    pub fn full_name(&self) -> String {
        full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }
}

/// The sub-records' statements, for one person (`= $1`) or several ([`Ids::test`]).
fn documents_sql(people: &str) -> String {
    format!(
        "select id, person_id, kind, number, issued_on, expires_on from identity_document \
         where person_id {people} order by person_id, expires_on desc, id desc"
    )
}

fn language_tests_sql(people: &str) -> String {
    format!(
        "select id, person_id, language, test, score, level, tested_on, valid_until \
         from language_test where person_id {people} order by person_id, tested_on desc, id desc"
    )
}

fn qualifications_sql(people: &str) -> String {
    format!(
        "select q.id, q.person_id, k.code as kind, k.category, k.name_vi, k.name_en, q.issued_on, \
         q.expires_on, q.reference from qualification q join qualification_kind k on k.id = q.kind_id \
         where q.person_id {people} order by q.person_id, q.issued_on desc, q.id desc"
    )
}

const ONE_PERSON: &str = "= $1";

/// A person with every record their one-screen view shows.
#[derive(Debug, Clone)]
pub struct PersonRecords {
    pub person: Person,
    pub specialties: Vec<Specialty>,
    pub documents: Vec<IdentityDocument>,
    pub languages: Vec<LanguageTestRecord>,
    pub qualifications: Vec<QualificationRecord>,
    pub training: Vec<Enrolment>,
    pub preferred_missions: Vec<String>,
}

/// One of a person's records, whatever its kind, as [`PERSON_RECORD_PARTS`] returns it;
/// none (`part` null) for a person without records in [`PERSON_RECORDS_SQL`].
#[derive(sqlx::FromRow)]
struct RecordRow {
    part: Option<String>,
    record_id: i64,
    n1: Option<i64>,
    n2: Option<i64>,
    t1: Option<String>,
    t2: Option<String>,
    t3: Option<String>,
    t4: Option<String>,
    t5: Option<String>,
    d1: Option<Date>,
    d2: Option<Date>,
}

/// A person and every record of theirs in one statement, for PostgreSQL: each row is one
/// record beside the person's columns (read from the first row only), so the read is one
/// round trip to the server.
static PERSON_RECORDS_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "select {PERSON_COLUMNS}, r.part, coalesce(r.record_id, 0) as record_id, r.n1, r.n2, \
           r.t1, r.t2, r.t3, r.t4, r.t5, r.d1, r.d2 \
         from person p join agency g on g.id = p.agency_id left join ({PERSON_RECORD_PARTS}) r on true \
         where p.id = $1"
    )
});

/// Every record of one person in one statement, each kind in the columns it needs, each
/// kind read by the bound id. A statement per kind cost a round trip to the connection's
/// thread each: the person read spent more time waking threads than in the database.
const PERSON_RECORD_PARTS: &str = "\
select 'specialty' as part, s.id as record_id, cast(null as bigint) as n1, cast(null as bigint) as n2, \
  s.code as t1, s.name_vi as t2, s.name_en as t3, cast(null as text) as t4, cast(null as text) as t5, \
  cast(null as date) as d1, cast(null as date) as d2 \
  from person_specialty ps join specialty s on s.id = ps.specialty_id where ps.person_id = $1 \
union all select 'document', id, null, null, kind, number, null, null, null, issued_on, expires_on \
  from identity_document where person_id = $1 \
union all select 'language', id, null, null, language, test, score, level, null, tested_on, valid_until \
  from language_test where person_id = $1 \
union all select 'qualification', q.id, null, null, k.code, k.category, k.name_vi, k.name_en, q.reference, \
  q.issued_on, q.expires_on \
  from qualification q join qualification_kind k on k.id = q.kind_id where q.person_id = $1 \
union all select 'training', e.id, e.course_id, e.qualification_id, c.title, e.status, e.score, null, null, \
  e.result_on, c.starts_on \
  from enrolment e join training_course c on c.id = e.course_id where e.person_id = $1 \
union all select 'mission', m.id, null, null, m.code, null, null, null, null, null, null \
  from mission_preference r join mission m on m.id = r.mission_id where r.person_id = $1";

/// Latest first, undated last, as each kind of record lists.
fn latest_first<T>(records: &mut [T], key: impl Fn(&T) -> (Option<Date>, i64)) {
    records.sort_by(|a, b| {
        let (a, b) = (key(a), key(b));
        match (a.0, b.0) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(b.1.cmp(&a.1))
    });
}

impl PersonRecords {
    fn from_rows(person: Person, rows: Vec<RecordRow>) -> Self {
        let mut records = PersonRecords {
            person,
            specialties: Vec::new(),
            documents: Vec::new(),
            languages: Vec::new(),
            qualifications: Vec::new(),
            training: Vec::new(),
            preferred_missions: Vec::new(),
        };
        let person_id = records.person.id;
        let text = Option::unwrap_or_default;
        // Enrolments list by their course's start, which the row carries beside them.
        let mut training: Vec<(Option<Date>, Enrolment)> = Vec::new();
        for row in rows {
            let Some(part) = row.part else { continue };
            let id = row.record_id;
            match part.as_str() {
                "specialty" => records.specialties.push(Specialty {
                    id,
                    code: text(row.t1),
                    name_vi: text(row.t2),
                    name_en: text(row.t3),
                }),
                "document" => records.documents.push(IdentityDocument {
                    id,
                    person_id,
                    kind: text(row.t1),
                    number: text(row.t2),
                    issued_on: row.d1,
                    expires_on: row.d2,
                }),
                "language" => records.languages.push(LanguageTestRecord {
                    id,
                    person_id,
                    language: text(row.t1),
                    test: text(row.t2),
                    score: row.t3,
                    level: text(row.t4),
                    tested_on: row.d1.unwrap_or(Date::MIN),
                    valid_until: row.d2,
                }),
                "qualification" => records.qualifications.push(QualificationRecord {
                    id,
                    person_id,
                    kind: text(row.t1),
                    category: text(row.t2),
                    name_vi: text(row.t3),
                    name_en: text(row.t4),
                    issued_on: row.d1.unwrap_or(Date::MIN),
                    expires_on: row.d2,
                    reference: row.t5,
                }),
                "training" => training.push((
                    row.d2,
                    Enrolment {
                        id,
                        course_id: row.n1.unwrap_or_default(),
                        course_title: text(row.t1),
                        person_id,
                        family_name: records.person.family_name.clone(),
                        middle_name: records.person.middle_name.clone(),
                        given_name: records.person.given_name.clone(),
                        agency_code: records.person.agency_code.clone(),
                        status: text(row.t2),
                        score: row.t3,
                        result_on: row.d1,
                        qualification_id: row.n2,
                    },
                )),
                _ => records.preferred_missions.push(text(row.t1)),
            }
        }
        records.specialties.sort_by(|a, b| a.code.cmp(&b.code));
        latest_first(&mut records.documents, |d| (d.expires_on, d.id));
        latest_first(&mut records.languages, |l| (Some(l.tested_on), l.id));
        latest_first(&mut records.qualifications, |q| (Some(q.issued_on), q.id));
        records.preferred_missions.sort();
        latest_first(&mut training, |(starts_on, e)| (*starts_on, e.id));
        records.training = training.into_iter().map(|(_, e)| e).collect();
        records
    }
}

impl Store {
    /// A person and their records, each statement prepared once per connection (the
    /// person's id is bound, never written into the SQL). On PostgreSQL in one statement,
    /// since a round trip to the server costs more than repeating the person's columns on
    /// every row. On SQLite in two, the person and then the records: its connection thread
    /// copies every value of every row, and the repeated columns cost more than the second
    /// statement's handoff (136 to 153 against 116 to 124 µs of server time per read, at 300
    /// people).
    pub async fn person_records(&self, id: i64) -> Result<PersonRecords> {
        let person_sql = person_by_id_sql();
        let in_one = self.engine() == crate::Engine::Postgres;
        let (person, rows) = on_pool!(&self.db, pool => {
            async {
                if !in_one {
                    let person: Person = sqlx::query_as(&person_sql).bind(id).fetch_one(&mut *pool).await?;
                    let records: Vec<RecordRow> = sqlx::query_as(PERSON_RECORD_PARTS).bind(id).fetch_all(&mut *pool).await?;
                    return Ok((person, records));
                }
                let rows = sqlx::query(&PERSON_RECORDS_SQL).bind(id).fetch_all(pool).await?;
                let person = Person::from_row(rows.first().ok_or(sqlx::Error::RowNotFound)?)?;
                let records = rows.iter().map(RecordRow::from_row).collect::<Result<Vec<_>, _>>()?;
                Ok::<_, sqlx::Error>((person, records))
            }
            .await
        })?;
        Ok(PersonRecords::from_rows(person, rows))
    }

    /// Every identity document of a person, the latest expiry first.
    pub async fn documents(&self, person_id: i64) -> Result<Vec<IdentityDocument>> {
        let sql = documents_sql(ONE_PERSON);
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(person_id).fetch_all(pool).await)?)
    }

    pub async fn language_tests(&self, person_id: i64) -> Result<Vec<LanguageTestRecord>> {
        let sql = language_tests_sql(ONE_PERSON);
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(person_id).fetch_all(pool).await)?)
    }

    pub async fn qualifications(&self, person_id: i64) -> Result<Vec<QualificationRecord>> {
        let sql = qualifications_sql(ONE_PERSON);
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(person_id).fetch_all(pool).await)?)
    }

    /// The identity documents of several people, by person, the latest expiry first.
    pub async fn documents_of(&self, ids: &[i64]) -> Result<Vec<IdentityDocument>> {
        let sql = documents_sql(&Ids::test(self.engine(), 1));
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    /// The language tests of several people, by person, the latest test first.
    pub async fn language_tests_of(&self, ids: &[i64]) -> Result<Vec<LanguageTestRecord>> {
        let sql = language_tests_sql(&Ids::test(self.engine(), 1));
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    /// The qualifications of several people, by person, the latest issue first.
    pub async fn qualifications_of(&self, ids: &[i64]) -> Result<Vec<QualificationRecord>> {
        let sql = qualifications_sql(&Ids::test(self.engine(), 1));
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    /// The medical history of a person. Callers must hold the medical role and audit the read.
    pub async fn medical_records(&self, person_id: i64) -> Result<Vec<MedicalRecord>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select id, person_id, status, examined_on, valid_until, restrictions from medical_fitness \
                 where person_id = $1 order by examined_on desc, id desc",
            )
            .bind(person_id).fetch_all(pool).await
        })?)
    }

    /// Records that expire between `from` and `until` (inclusive) for people within
    /// `within`, in `sort`'s order (one of [`EXPIRY_SORT`]), all of them or one `page`.
    /// Only the newest record of each kind counts: a passport that has been renewed no
    /// longer expires. Medical fitness is included only when asked.
    pub async fn expiries(
        &self,
        within: Option<&AgencyPath>,
        from: Date,
        until: Date,
        include_medical: bool,
        sort: Sort,
        page: Option<PageRequest>,
    ) -> Result<Vec<Expiry>> {
        let sql = format!(
            "{} order by {}, {EXPIRY_ORDER} {}",
            expiries_sql(include_medical, within),
            sort.sql(),
            page.map(page_sql).unwrap_or_default()
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(from).bind(until).fetch_all(pool).await
        })?)
    }

    /// How many of the [`Store::expiries`] there are, counted up to `cap`: a summary needs
    /// no more, and a large pool's window may hold thousands.
    pub async fn expiry_count(
        &self,
        within: Option<&AgencyPath>,
        from: Date,
        until: Date,
        include_medical: bool,
        cap: i64,
    ) -> Result<i64> {
        let key = (
            within.map(|path| path.as_str().to_owned()),
            from,
            until,
            include_medical,
            cap,
        );
        if let Some(count) = self.expiry_counts.get(&key, self.written.current()) {
            return Ok(count);
        }
        let _turn = self.expiry_counts.reading.lock().await;
        let generation = self.written.current();
        if let Some(count) = self.expiry_counts.get(&key, generation) {
            return Ok(count);
        }
        let sql = format!(
            "select count(*) from ({} limit $3) as found",
            expiries_sql(include_medical, within)
        );
        let count = on_pool!(&self.db, pool => {
            sqlx::query_scalar(&sql).bind(from).bind(until).bind(cap).fetch_one(pool).await
        })?;
        self.expiry_counts.put(key, generation, count);
        Ok(count)
    }
}

/// The keys the expiries sort by; the first, soonest first, is the default. `name` is the
/// order of Vietnamese lists: given name, middle, family.
pub const EXPIRY_SORT: &[(&str, &str)] = &[
    ("expires_on", "expires_on"),
    ("name", "name_sort"),
    ("agency", "agency_code"),
    ("record", "record"),
];

/// Soonest first: the default of [`EXPIRY_SORT`], for the sweeps that read every expiry.
pub const SOONEST_FIRST: Sort = Sort {
    column: EXPIRY_SORT[0].1,
    descending: false,
};

/// Whatever the order asked for, the soonest first, then the person, the record's kind and
/// its id settle ties, so that pages never overlap.
const EXPIRY_ORDER: &str = "expires_on, person_id, record, record_id";

/// Expiry counts by (scope, from, until, medical included, cap), until the next write: the
/// home page of every signed-in user shows one, and at 100,000 people each costs
/// milliseconds.
pub(crate) type RememberedExpiryCounts =
    crate::remembered::Remembered<(Option<String>, Date, Date, bool, i64), i64>;

/// The expiring records between two dates (`$1` and `$2`) of people within `within` (of
/// everybody when `None`), one `union all` part per kind of record. Everybody is no path
/// range at all, and an agency's subtree is written as literals (see `crate::conditions`).
fn expiries_sql(include_medical: bool, within: Option<&AgencyPath>) -> String {
    let person = "p.id as person_id, p.family_name, p.middle_name, p.given_name, p.name_sort, p.agency_id, g.code as agency_code";
    let mut scope =
        "join person p on p.id = r.person_id join agency g on g.id = p.agency_id".to_owned();
    if let Some(path) = within {
        scope = format!("{scope} where {}", within_subtree("g.path", path));
    }
    let (from, until) = ("$1", "$2");
    // The dates bound each part's own scan (by its expiry index) before the people are
    // joined: the pool may hold a hundred thousand people, the window a few hundred rows.
    let mut parts = vec![
        format!(
            "select 'document' as record, r.id as record_id, {person}, r.kind as what, r.expires as expires_on \
             from (select d.id, d.person_id, d.kind, d.expires_on as expires from identity_document d \
             where d.expires_on >= {from} and d.expires_on <= {until} and not exists (select 1 from identity_document n \
             where n.person_id = d.person_id and n.kind = d.kind and n.expires_on > d.expires_on)) r {scope}"
        ),
        format!(
            "select 'language' as record, r.id as record_id, {person}, r.language as what, r.expires as expires_on \
             from (select t.id, t.person_id, t.language, t.valid_until as expires from language_test t \
             where t.valid_until >= {from} and t.valid_until <= {until} and not exists (select 1 from language_test n \
             where n.person_id = t.person_id and n.language = t.language and n.tested_on > t.tested_on)) r {scope}"
        ),
        format!(
            "select 'qualification' as record, r.id as record_id, {person}, r.code as what, r.expires as expires_on \
             from (select q.id, q.person_id, k.code, q.expires_on as expires from qualification q \
             join qualification_kind k on k.id = q.kind_id where q.expires_on >= {from} and q.expires_on <= {until} \
             and not exists (select 1 from qualification n where n.person_id = q.person_id \
             and n.kind_id = q.kind_id and n.issued_on > q.issued_on)) r {scope}"
        ),
    ];
    if include_medical {
        parts.push(format!(
            "select 'medical' as record, r.id as record_id, {person}, 'medical' as what, r.expires as expires_on \
             from (select m.id, m.person_id, m.valid_until as expires from medical_fitness m \
             where m.valid_until >= {from} and m.valid_until <= {until} and not exists (select 1 from medical_fitness n \
             where n.person_id = m.person_id and n.examined_on > m.examined_on)) r {scope}"
        ));
    }
    parts.join(" union all ")
}

impl WriteTx {
    pub async fn add_document(
        &mut self,
        person_id: i64,
        draft: &DocumentDraft,
    ) -> Result<IdentityDocument> {
        let record: IdentityDocument = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "insert into identity_document (person_id, kind, number, issued_on, expires_on, created_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id, person_id, kind, number, issued_on, expires_on",
            )
            .bind(person_id).bind(draft.kind.as_str()).bind(&draft.number).bind(draft.issued_on)
            .bind(draft.expires_on).bind(now())
            .fetch_one(conn).await
        })?;
        self.audit_insert("identity_document", record.id, &record)
            .await?;
        Ok(record)
    }

    pub async fn add_language_test(
        &mut self,
        person_id: i64,
        draft: &LanguageDraft,
    ) -> Result<LanguageTestRecord> {
        let record: LanguageTestRecord = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "insert into language_test (person_id, language, test, score, level, tested_on, valid_until, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8) \
                 returning id, person_id, language, test, score, level, tested_on, valid_until",
            )
            .bind(person_id).bind(&draft.language).bind(draft.test.as_str()).bind(&draft.score)
            .bind(draft.level.as_str()).bind(draft.tested_on).bind(draft.valid_until).bind(now())
            .fetch_one(conn).await
        })?;
        self.audit_insert("language_test", record.id, &record)
            .await?;
        Ok(record)
    }

    pub async fn add_qualification(
        &mut self,
        person_id: i64,
        kind_id: i64,
        draft: &QualificationDraft,
    ) -> Result<i64> {
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into qualification (person_id, kind_id, issued_on, expires_on, reference, created_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(person_id).bind(kind_id).bind(draft.issued_on).bind(draft.expires_on)
            .bind(&draft.reference).bind(now())
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({
            "person_id": person_id, "kind": draft.kind, "issued_on": draft.issued_on,
            "expires_on": draft.expires_on, "reference": draft.reference,
        });
        self.audit_insert("qualification", id, &after).await?;
        Ok(id)
    }

    /// Records an examination. The audit entry names the record but not its content: the
    /// trail is read by auditors, who must not see health data.
    pub async fn add_medical(
        &mut self,
        person_id: i64,
        draft: &MedicalDraft,
    ) -> Result<MedicalRecord> {
        let record: MedicalRecord = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "insert into medical_fitness (person_id, status, examined_on, valid_until, restrictions, created_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id, person_id, status, examined_on, valid_until, restrictions",
            )
            .bind(person_id).bind(draft.status.as_str()).bind(draft.examined_on).bind(draft.valid_until)
            .bind(&draft.restrictions).bind(now())
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({ "person_id": person_id });
        self.audit_insert("medical_fitness", record.id, &after)
            .await?;
        Ok(record)
    }
}
