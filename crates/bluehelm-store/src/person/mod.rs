//! The personnel pool in storage: people and the search behind every list of them.
//!
//! # What lives here
//! People and their search (filters combine into one query; a name search reads its rarest
//! word as a prefix range of `person_word`'s key (word, folded name, name in list order,
//! person), so the other words are checked in the key itself; the page and the exact count
//! of a name search come from one query; other lists count to 1,000 and stop
//! (`total_capped`), on the index of the filters (`person_filters`: status, service,
//! gender, rank) without reading people when those are the filters; on SQLite a broad
//! filter walks the sort index and stops at the page;
//! lists sort by `name_sort`, given name first, as Vietnamese lists do), and in [`bulk`]
//! `create_people()` (bulk: multi-row inserts of 16,000 values, on PostgreSQL the name
//! words and specialties streamed with COPY, and one chained audit entry per person; the
//! names, words and entries are derived on a blocking thread while the batches before are
//! written). Statistics are refreshed after bulk writes
//! (PostgreSQL: `vacuum analyze`, so index-only scans work at once), never on empty tables
//! (PostgreSQL would plan foreign-key checks as scans). Catalogues and settings live in
//! [`crate::catalogue`], sub-records in [`crate::records`], the candidate pool in
//! [`crate::pool`].

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::person::{fold, full_name, Gender, PersonDraft, PersonStatus, Service};
use bluehelm_domain::records::Cefr;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::agency::within_subtree;
use crate::catalogue::Specialty;
use crate::conditions::{bind_params, literal, page_sql, Conditions, Param};
use crate::ids::Ids;
use crate::{now, on_pool, on_tx, Engine, Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: i64,
    pub agency_id: i64,
    pub agency_code: String,
    #[serde(skip)]
    pub agency_path: String,
    pub service: String,
    pub service_number: String,
    pub family_name: String,
    pub middle_name: Option<String>,
    pub given_name: String,
    pub gender: String,
    pub birth_date: Date,
    pub rank_code: Option<String>,
    pub rank_order: Option<i64>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: String,
    pub last_return_on: Option<Date>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Person {
    pub fn full_name(&self) -> String {
        full_name(
            &self.family_name,
            self.middle_name.as_deref(),
            &self.given_name,
        )
    }

    pub fn owner(&self) -> AgencyPath {
        AgencyPath::from_stored(self.agency_path.clone())
    }
}

/// The people list counts matches up to this many; past it the page says there are more.
pub const PEOPLE_COUNT_CAP: i64 = 1_000;

/// Sort keys of the people list.
pub const PERSON_SORT: &[(&str, &str)] = &[
    ("name", "p.name_sort"),
    ("service_number", "p.service_number"),
    ("birth_date", "p.birth_date"),
    ("rank", "p.rank_order"),
    ("status", "p.status"),
    ("updated_at", "p.updated_at"),
];

/// Filters of the people list; every one is optional and they combine with "and".
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    /// Words of the name, any order, diacritics and case ignored; each must start a word.
    pub name: Option<String>,
    pub within: Option<AgencyPath>,
    pub service: Option<Service>,
    pub min_rank: Option<i64>,
    pub max_rank: Option<i64>,
    pub specialty: Option<String>,
    pub gender: Option<Gender>,
    pub status: Option<PersonStatus>,
    /// A language with at least this level, from a test still valid today.
    pub language: Option<(String, Cefr)>,
    /// A qualification code valid on a date.
    pub qualification: Option<(String, Date)>,
    /// Medically cleared on a date.
    pub medical_valid_on: Option<Date>,
    /// "Today", for the validity of language tests.
    pub today: Option<Date>,
}

pub(crate) const PERSON_COLUMNS: &str = "p.id, p.agency_id, g.code as agency_code, g.path as agency_path, p.service, \
     p.service_number, p.family_name, p.middle_name, p.given_name, p.gender, p.birth_date, \
     p.rank_code, p.rank_order, p.phone, p.email, p.status, p.last_return_on, p.created_at, p.updated_at";

pub(crate) const CLEARED: &str = "('fit', 'fit_with_restrictions')";

/// How the people query is shaped beyond the filter itself.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shape<'a> {
    /// Folded words of the name search, the rarest first: it drives the query through the
    /// word index and the others are checked against the name its entries carry.
    words: &'a [String],
    /// SQLite only: keep the planner off the filters' indexes so it walks the sort index and
    /// stops at the page, which is much cheaper when the filter matches many people. The
    /// words are then checked on each person's folded name instead of through the word index.
    steer_to_sort: bool,
    /// The query joins the word index as `w` and reads people from it: the words become
    /// conditions on its entries, so a capped count stops at the cap instead of first
    /// listing every match of an `in (…)`.
    words_joined: bool,
}

/// Whether the folded name in `name` has a word that starts with the word bound as `word`
/// (the word with a space before it, both folded): a plain substring test, which costs a
/// fraction of a `like` pattern's matching; each engine names it its own way.
fn name_has_word(engine: Engine, name: &str, word: &str) -> String {
    let position = match engine {
        Engine::Sqlite => "instr",
        Engine::Postgres => "strpos",
    };
    format!("{position}(' ' || {name}, {word}) > 0")
}

pub(crate) fn person_conditions(
    engine: Engine,
    filter: &PersonFilter,
    shape: Shape<'_>,
) -> Conditions {
    let mut c = Conditions::default();
    // Unary plus turns a column into an expression, which SQLite will not use an index for.
    let steer = if shape.steer_to_sort { "+" } else { "" };
    if shape.steer_to_sort {
        for word in shape.words {
            let word = c.next(Param::Text(format!(" {word}")));
            c.add(name_has_word(engine, "p.name_folded", &word));
        }
    } else if let Some((driver, others)) = shape.words.split_first() {
        // A word prefix is a range of the word index: every word that starts with it lies
        // between it and it + U+10FFFF in byte order. Each index entry carries the whole
        // folded name, so the other words are checked there: only matching people are read.
        let low = c.next(Param::Text(driver.clone()));
        let high = c.next(Param::Text(format!("{driver}\u{10FFFF}")));
        let mut others_sql = String::new();
        for word in others {
            let word = c.next(Param::Text(format!(" {word}")));
            others_sql.push_str(" and ");
            others_sql.push_str(&name_has_word(engine, "w.name_folded", &word));
        }
        let words = format!("w.word >= {low} and w.word < {high}{others_sql}");
        if shape.words_joined {
            c.add(words);
        } else {
            c.add(format!(
                "p.id in (select w.person_id from person_word w where {words})"
            ));
        }
    }
    // The agency subtree and the closed codes are written as literals: how many people
    // they hold decides the plan (see `crate::conditions`).
    if let Some(within) = &filter.within {
        c.add(within_subtree("g.path", within));
    }
    if let Some(service) = filter.service {
        c.add(format!("{steer}p.service = {}", literal(service.as_str())));
    }
    if let Some(min) = filter.min_rank {
        let p = c.next(Param::Int(min));
        c.add(format!("{steer}p.rank_order >= {p}"));
    }
    if let Some(max) = filter.max_rank {
        let p = c.next(Param::Int(max));
        c.add(format!("{steer}p.rank_order <= {p}"));
    }
    if let Some(gender) = filter.gender {
        c.add(format!("{steer}p.gender = {}", literal(gender.as_str())));
    }
    if let Some(status) = filter.status {
        c.add(format!("{steer}p.status = {}", literal(status.as_str())));
    }
    if let Some(code) = &filter.specialty {
        let p = c.next(Param::Text(code.clone()));
        c.add(format!(
            "exists (select 1 from person_specialty ps join specialty s on s.id = ps.specialty_id \
             where ps.person_id = p.id and s.code = {p})"
        ));
    }
    if let Some((language, level)) = &filter.language {
        let lang = c.next(Param::Text(language.clone()));
        // CEFR codes sort in level order (A1 < A2 < … < C2), so a text comparison works.
        let lvl = c.next(Param::Text(level.as_str().to_owned()));
        let today = c.next(Param::Date(filter.today.unwrap_or(Date::MIN)));
        c.add(format!(
            "exists (select 1 from language_test lt where lt.person_id = p.id and lt.language = {lang} \
             and lt.level >= {lvl} and (lt.valid_until is null or lt.valid_until >= {today}))"
        ));
    }
    if let Some((code, on)) = &filter.qualification {
        let code = c.next(Param::Text(code.clone()));
        let on = c.next(Param::Date(*on));
        c.add(format!(
            "exists (select 1 from qualification q join qualification_kind k on k.id = q.kind_id \
             where q.person_id = p.id and k.code = {code} and q.issued_on <= {on} \
             and (q.expires_on is null or q.expires_on >= {on}))"
        ));
    }
    if let Some(on) = filter.medical_valid_on {
        let on = c.next(Param::Date(on));
        c.add(format!(
            "exists (select 1 from medical_fitness m where m.person_id = p.id \
             and m.status in {CLEARED} and m.examined_on <= {on} and m.valid_until >= {on})"
        ));
    }
    c
}

/// A person of a search page with the number of people the search matched.
#[derive(sqlx::FromRow)]
pub(crate) struct CountedPerson {
    #[sqlx(flatten)]
    person: Person,
    matches: i64,
}

/// Binds a person's 15 stored fields in the order of [`PERSON_FIELDS`]; their folded name
/// and name in list order are given, derived from the draft by `fold` and `sort_name`.
macro_rules! bind_person {
    ($query:expr, $draft:expr, $name_folded:expr, $name_sort:expr) => {{
        let draft: &PersonDraft = $draft;
        $query
            .bind(draft.agency_id)
            .bind(draft.service.as_str())
            .bind(draft.service_number.clone())
            .bind(draft.family_name.clone())
            .bind(draft.middle_name.clone())
            .bind(draft.given_name.clone())
            .bind($name_folded)
            .bind($name_sort)
            .bind(draft.gender.as_str())
            .bind(draft.birth_date)
            .bind(draft.rank.map(|rank| rank.code.clone()))
            .bind(draft.rank.map(|rank| i64::from(rank.order)))
            .bind(draft.phone.clone())
            .bind(draft.email.clone())
            .bind(draft.status.as_str())
    }};
}

mod bulk;
mod words;

pub(crate) use words::WordCounts;
use words::{SearchWords, SORTED_SEARCH_LIMIT};

/// The stored fields of a person that [`bind_person!`] binds, in its order.
pub(crate) const PERSON_FIELDS: [&str; 15] = [
    "agency_id",
    "service",
    "service_number",
    "family_name",
    "middle_name",
    "given_name",
    "name_folded",
    "name_sort",
    "gender",
    "birth_date",
    "rank_code",
    "rank_order",
    "phone",
    "email",
    "status",
];

/// `value` matched literally inside a LIKE pattern that declares `\` its escape.
pub(crate) fn escape_like(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The distinct words of a person's folded name, for the word index.
pub(crate) fn name_words(draft: &PersonDraft) -> Vec<String> {
    words_of(&fold(&draft.full_name()))
}

/// The distinct words of a folded name, sorted.
pub(crate) fn words_of(folded_name: &str) -> Vec<String> {
    let mut words: Vec<String> = folded_name
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

pub(crate) fn person_by_id_sql() -> String {
    format!(
        "select {PERSON_COLUMNS} from person p join agency g on g.id = p.agency_id where p.id = $1"
    )
}

/// The folded name in the order Vietnamese lists sort by: given name, middle, family.
pub(crate) fn sort_name(draft: &PersonDraft) -> String {
    fold(&full_name(
        &draft.given_name,
        draft.middle_name.as_deref(),
        &draft.family_name,
    ))
}

impl Store {
    /// The people with these ids, in one query (in id order; unknown ids are left out).
    pub async fn people_by_ids(&self, ids: &[i64]) -> Result<Vec<Person>> {
        let sql = format!(
            "select {PERSON_COLUMNS} from person p join agency g on g.id = p.agency_id \
             where {} order by p.id",
            Ids::among(self.engine(), "p.id", 1)
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    pub async fn person(&self, id: i64) -> Result<Person> {
        let sql = person_by_id_sql();
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(id).fetch_one(pool).await)?)
    }

    pub async fn list_people(
        &self,
        filter: &PersonFilter,
        sort: Sort,
        page: PageRequest,
    ) -> Result<Page<Person>> {
        let words = match &filter.name {
            Some(name) => self.words_by_rarity(name).await?,
            None => SearchWords::default(),
        };
        let sqlite = self.engine() == crate::Engine::Sqlite;
        if !words.words.is_empty() && words.fewest <= SORTED_SEARCH_LIMIT {
            return self.search_people(filter, &words.words, sort, page).await;
        }
        let words = words.words;
        let counting = person_conditions(
            self.engine(),
            filter,
            Shape {
                words: &words,
                words_joined: true,
                ..Shape::default()
            },
        );
        // One past the cap tells "more" from "exactly the cap". A person two of whose name
        // words start with the searched one has two entries: `distinct` counts them once.
        let cap = PEOPLE_COUNT_CAP + 1;
        let count_sql = if words.is_empty() && filter.within.is_none() {
            // No agency to test: every person has one, and its row is not read.
            format!(
                "select count(*) from (select 1 from person p where {} limit {cap}) as matched",
                counting.render()
            )
        } else if words.is_empty() {
            format!(
                "select count(*) from (select 1 from person p join agency g on g.id = p.agency_id where {} limit {cap}) as matched",
                counting.render()
            )
        } else if counting.sql.len() == 1 {
            // Only the name is searched: the word index answers alone, without a person read.
            format!(
                "select count(*) from (select distinct w.person_id from person_word w where {} limit {cap}) as matched",
                counting.render()
            )
        } else {
            format!(
                "select count(*) from (select distinct p.id from person_word w join person p on p.id = w.person_id \
                 join agency g on g.id = p.agency_id where {} limit {cap}) as matched",
                counting.render()
            )
        };
        let named_only = counting.sql.len() == 1 && !words.is_empty();
        if !sqlite && named_only && sort.column == "p.name_sort" {
            if let Some(found) = self.named_in_word_order(filter, &words, sort, page).await? {
                return Ok(found);
            }
        }
        let counted: i64 = on_pool!(&self.db, pool => {
            bind_params!(sqlx::query_scalar(&count_sql), &counting.params).fetch_one(pool).await
        })?;
        let steer_to_sort = sqlite
            && counted > PEOPLE_COUNT_CAP
            && matches!(sort.column, "p.name_sort" | "p.birth_date");
        let listing = person_conditions(
            self.engine(),
            filter,
            Shape {
                words: &words,
                steer_to_sort,
                words_joined: false,
            },
        );
        let condition = listing.render();
        let paging = page_sql(page);
        // Steering also keeps SQLite from reaching people through their agency's index.
        let agency_join = if steer_to_sort {
            "+p.agency_id"
        } else {
            "p.agency_id"
        };
        let list_sql = format!(
            "select {PERSON_COLUMNS} from person p join agency g on g.id = {agency_join} where {condition} \
             order by {}, p.id {paging}",
            sort.sql()
        );
        let items: Vec<Person> = on_pool!(&self.db, pool => {
            bind_params!(sqlx::query_as(&list_sql), &listing.params).fetch_all(pool).await
        })?;
        Ok(Page::counted_to(items, counted, PEOPLE_COUNT_CAP, page))
    }

    /// A page of a search by name alone, in name order, on PostgreSQL, with its capped
    /// count, in one statement: the word index's entries carry each name in list order, so
    /// the matches are found once, on the index alone, then counted and paged, and only
    /// the page's people are read. (PostgreSQL cannot check the words on the entries of
    /// the name-order index before reading each person, as SQLite does.) `None` for a page
    /// past the end, which says nothing of the count.
    async fn named_in_word_order(
        &self,
        filter: &PersonFilter,
        words: &[String],
        sort: Sort,
        page: PageRequest,
    ) -> Result<Option<Page<Person>>> {
        let ordering = person_conditions(
            self.engine(),
            filter,
            Shape {
                words,
                words_joined: true,
                ..Shape::default()
            },
        );
        let condition = ordering.render();
        let paging = page_sql(page);
        let direction = if sort.descending { "desc" } else { "asc" };
        let cap = PEOPLE_COUNT_CAP + 1;
        let sql = format!(
            "with matched as materialized (select distinct w.name_sort, w.person_id from person_word w where {condition}), \
             shown as (select name_sort, person_id from matched \
               order by name_sort {direction}, person_id {paging}) \
             select {PERSON_COLUMNS}, (select count(*) from (select 1 from matched limit {cap}) as capped) as matches \
             from shown x join person p on p.id = x.person_id join agency g on g.id = p.agency_id \
             order by x.name_sort {direction}, x.person_id"
        );
        let rows: Vec<CountedPerson> = on_pool!(&self.db, pool => {
            bind_params!(sqlx::query_as(&sql), &ordering.params).fetch_all(pool).await
        })?;
        let Some(counted) = rows.first().map(|row| row.matches) else {
            let nobody = Page::counted_to(Vec::new(), 0, PEOPLE_COUNT_CAP, page);
            return Ok((page.offset() == 0).then_some(nobody));
        };
        let items = rows.into_iter().map(|row| row.person).collect();
        Ok(Some(Page::counted_to(
            items,
            counted,
            PEOPLE_COUNT_CAP,
            page,
        )))
    }

    /// A name search whose rarest word finds few enough people to count and sort in one
    /// pass, so the page and the count come from one query. A search of common words goes
    /// the way of a list instead: a capped count, and a page read along the sort order.
    pub(crate) async fn search_people(
        &self,
        filter: &PersonFilter,
        words: &[String],
        sort: Sort,
        page: PageRequest,
    ) -> Result<Page<Person>> {
        let listing = person_conditions(
            self.engine(),
            filter,
            Shape {
                words,
                ..Shape::default()
            },
        );
        let condition = listing.render();
        let paging = page_sql(page);
        let sql = format!(
            "select {PERSON_COLUMNS}, count(*) over () as matches from person p join agency g on g.id = p.agency_id \
             where {condition} order by {}, p.id {paging}",
            sort.sql()
        );
        let rows: Vec<CountedPerson> = on_pool!(&self.db, pool => {
            bind_params!(sqlx::query_as(&sql), &listing.params).fetch_all(pool).await
        })?;
        let matches = match rows.first() {
            Some(row) => row.matches,
            // A page past the end says nothing of the total: count on its own.
            None if page.offset() > 0 => {
                let counting = person_conditions(
                    self.engine(),
                    filter,
                    Shape {
                        words,
                        ..Shape::default()
                    },
                );
                let count_sql = format!(
                    "select count(*) from person p join agency g on g.id = p.agency_id where {}",
                    counting.render()
                );
                on_pool!(&self.db, pool => {
                    bind_params!(sqlx::query_scalar(&count_sql), &counting.params).fetch_one(pool).await
                })?
            }
            None => 0,
        };
        let items = rows.into_iter().map(|row| row.person).collect();
        Ok(Page::exact(items, matches, page))
    }

    /// The next `limit` people matching `filter` with an id above `after_id`, in id order:
    /// the batches of a streamed export, each one indexed query however far it has got.
    pub async fn people_after(
        &self,
        filter: &PersonFilter,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<Person>> {
        let words = match &filter.name {
            Some(name) => self.words_by_rarity(name).await?.words,
            None => Vec::new(),
        };
        let mut conditions = person_conditions(
            self.engine(),
            filter,
            Shape {
                words: &words,
                ..Shape::default()
            },
        );
        let after = conditions.next(Param::Int(after_id));
        conditions.add(format!("p.id > {after}"));
        let condition = conditions.render();
        let limit = conditions.next(Param::Int(limit));
        let sql = format!(
            "select {PERSON_COLUMNS} from person p join agency g on g.id = p.agency_id where {condition} \
             order by p.id limit {limit}"
        );
        Ok(
            on_pool!(&self.db, pool => bind_params!(sqlx::query_as(&sql), &conditions.params).fetch_all(pool).await)?,
        )
    }

    /// The specialty codes of several people at once: (person id, code), in code order.
    pub async fn specialty_codes_of(&self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        let sql = format!(
            "select ps.person_id, s.code from person_specialty ps join specialty s on s.id = ps.specialty_id \
             where {} order by ps.person_id, s.code",
            Ids::among(self.engine(), "ps.person_id", 1)
        );
        Ok(
            on_pool!(&self.db, pool => sqlx::query_as(&sql).bind(Ids::from(ids)).fetch_all(pool).await)?,
        )
    }

    /// Every (service, service number) in use, to check an import against before writing.
    pub async fn service_numbers(&self) -> Result<std::collections::HashSet<(String, String)>> {
        let rows: Vec<(String, String)> = on_pool!(&self.db, pool => {
            sqlx::query_as("select service, service_number from person").fetch_all(pool).await
        })?;
        Ok(rows.into_iter().collect())
    }

    /// Every person's key for files that refer to people: (service, service number) → (id,
    /// owning agency's path).
    pub async fn person_keys(
        &self,
    ) -> Result<std::collections::HashMap<(String, String), (i64, AgencyPath)>> {
        let rows: Vec<(String, String, i64, String)> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "select p.service, p.service_number, p.id, g.path from person p join agency g on g.id = p.agency_id",
            )
            .fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(|(service, number, id, path)| {
                ((service, number), (id, AgencyPath::from_stored(path)))
            })
            .collect())
    }

    /// The id of the person with this service number in this service.
    pub async fn person_id_by_service_number(&self, service: &str, number: &str) -> Result<i64> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("select id from person where service = $1 and service_number = $2")
                .bind(service).bind(number).fetch_one(pool).await
        })?)
    }

    /// People with the same name (diacritics ignored) and date of birth, other than `except`.
    pub async fn likely_duplicates(
        &self,
        family: &str,
        middle: Option<&str>,
        given: &str,
        birth_date: Date,
        except: Option<i64>,
    ) -> Result<Vec<Person>> {
        let folded = fold(&full_name(family, middle, given));
        let sql = format!(
            "select {PERSON_COLUMNS} from person p join agency g on g.id = p.agency_id \
             where p.name_folded = $1 and p.birth_date = $2 and p.id <> $3 order by p.id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(&sql).bind(&folded).bind(birth_date).bind(except.unwrap_or(0)).fetch_all(pool).await
        })?)
    }

    pub async fn person_specialties(&self, person_id: i64) -> Result<Vec<Specialty>> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(PERSON_SPECIALTIES_SQL).bind(person_id).fetch_all(pool).await
        })?)
    }

    /// The codes of the missions a person asked to serve in, in code order.
    pub async fn mission_preferences(&self, person_id: i64) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on_pool!(&self.db, pool => {
            sqlx::query_as(MISSION_PREFERENCES_SQL).bind(person_id).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(|(code,)| code).collect())
    }
}

pub(crate) const PERSON_SPECIALTIES_SQL: &str = "select s.id, s.code, s.name_vi, s.name_en \
     from person_specialty ps join specialty s on s.id = ps.specialty_id \
     where ps.person_id = $1 order by s.code";

pub(crate) const MISSION_PREFERENCES_SQL: &str = "select m.code from mission_preference r \
     join mission m on m.id = r.mission_id where r.person_id = $1 order by m.code";

impl WriteTx {
    pub async fn person(&mut self, id: i64) -> Result<Person> {
        let sql = person_by_id_sql();
        Ok(on_tx!(&mut self.tx, conn => sqlx::query_as(&sql).bind(id).fetch_one(conn).await)?)
    }

    /// Creates a person with their specialties (ids from the catalogue) and audits it.
    pub async fn create_person(
        &mut self,
        draft: &PersonDraft,
        specialty_ids: &[i64],
    ) -> Result<Person> {
        let at = now();
        let sql =
            format!(
            "insert into person ({}, created_at, updated_at) values ({}, $16, $16) returning id",
            PERSON_FIELDS.join(", "),
            (1..=15).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
        );
        let id: i64 = on_tx!(&mut self.tx, conn => {
            bind_person!(sqlx::query_scalar(&sql), draft, fold(&draft.full_name()), sort_name(draft)).bind(at).fetch_one(conn).await
        })?;
        self.set_specialties(id, specialty_ids).await?;
        self.set_name_words(id, draft).await?;
        let after = self.person(id).await?;
        self.audit_insert("person", id, &after).await?;
        Ok(after)
    }

    pub async fn update_person(
        &mut self,
        id: i64,
        draft: &PersonDraft,
        specialty_ids: &[i64],
    ) -> Result<Person> {
        let before = self.person(id).await?;
        let assignments: Vec<String> = PERSON_FIELDS
            .iter()
            .enumerate()
            .map(|(index, field)| format!("{field} = ${}", index + 1))
            .collect();
        let sql = format!(
            "update person set {}, updated_at = $16 where id = $17",
            assignments.join(", ")
        );
        on_tx!(&mut self.tx, conn => {
            bind_person!(sqlx::query(&sql), draft, fold(&draft.full_name()), sort_name(draft))
                .bind(now())
                .bind(id)
                .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.set_specialties(id, specialty_ids).await?;
        self.set_name_words(id, draft).await?;
        // Deployments under way are counted under the person's gender: a correction follows
        // them (finished ones keep what was reported).
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "update deployment set gender = $2 where person_id = $1 and status not in ('returned', 'withdrawn')",
            )
            .bind(id).bind(draft.gender.as_str())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        let after = self.person(id).await?;
        self.audit(
            AuditAction::Update,
            "person",
            Some(id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }

    pub(crate) async fn set_name_words(
        &mut self,
        person_id: i64,
        draft: &PersonDraft,
    ) -> Result<()> {
        let words = name_words(draft);
        let name = fold(&draft.full_name());
        let order = sort_name(draft);
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from person_word where person_id = $1")
                .bind(person_id).execute(&mut *conn).await?;
            for word in &words {
                sqlx::query("insert into person_word (word, person_id, name_folded, name_sort) values ($1, $2, $3, $4)")
                    .bind(word).bind(person_id).bind(&name).bind(&order).execute(&mut *conn).await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        Ok(())
    }

    pub(crate) async fn set_specialties(
        &mut self,
        person_id: i64,
        specialty_ids: &[i64],
    ) -> Result<()> {
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from person_specialty where person_id = $1")
                .bind(person_id).execute(&mut *conn).await?;
            for specialty_id in specialty_ids {
                sqlx::query("insert into person_specialty (person_id, specialty_id) values ($1, $2)")
                    .bind(person_id).bind(specialty_id).execute(&mut *conn).await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        Ok(())
    }

    /// Replaces the missions a person asked to serve in, audited with the codes before and
    /// after.
    pub async fn set_mission_preferences(
        &mut self,
        person_id: i64,
        missions: &[(i64, String)],
    ) -> Result<()> {
        let before: Vec<(String,)> = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "select m.code from mission_preference r join mission m on m.id = r.mission_id \
                 where r.person_id = $1 order by m.code",
            )
            .bind(person_id).fetch_all(conn).await
        })?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query("delete from mission_preference where person_id = $1")
                .bind(person_id).execute(&mut *conn).await?;
            for (mission_id, _) in missions {
                sqlx::query("insert into mission_preference (person_id, mission_id) values ($1, $2)")
                    .bind(person_id).bind(mission_id).execute(&mut *conn).await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        let before: Vec<String> = before.into_iter().map(|(code,)| code).collect();
        let after: Vec<&String> = missions.iter().map(|(_, code)| code).collect();
        self.audit(
            AuditAction::Update,
            "mission_preference",
            Some(person_id.to_string()),
            Some(&serde_json::json!({ "missions": before })),
            Some(&serde_json::json!({ "missions": after })),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reaches_like_literally() {
        assert_eq!(escape_like("100%_a\\b"), "100\\%\\_a\\\\b");
    }
}
