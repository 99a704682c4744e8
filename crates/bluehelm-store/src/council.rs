//! The country's Security Council record in storage: terms, presidencies and initiatives,
//! seeded from the published record, the initiatives linked to the legal registry.

use serde::Serialize;
use time::macros::date;
use time::Date;

use crate::{now, on_pool, on_tx, Result, Store};

/// A term as an elected member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilTerm {
    pub id: i64,
    pub starts_on: Date,
    pub ends_on: Date,
    /// The day the General Assembly elected the country.
    pub elected_on: Option<Date>,
    /// Votes received, of the votes cast, where the record gives them.
    pub votes_for: Option<i64>,
    pub votes_cast: Option<i64>,
    /// Whether the facts were checked against a published source.
    pub verified: bool,
    pub note: Option<String>,
}

/// A month the country presided over the Council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilPresidency {
    pub id: i64,
    pub term_id: i64,
    /// The first day of the month.
    pub month: Date,
    pub verified: bool,
}

/// A priority or initiative of a term, with the registry's document it produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilInitiative {
    pub id: i64,
    pub term_id: i64,
    pub title_vi: String,
    pub title_en: String,
    pub document_id: Option<i64>,
    pub document_number: Option<String>,
    pub happened_on: Option<Date>,
    pub verified: bool,
    pub note: Option<String>,
}

/// The seeded terms: first day, last day, elected on, votes for, votes cast, verified, note.
type TermSeed = (
    Date,
    Date,
    Option<Date>,
    Option<i64>,
    Option<i64>,
    bool,
    &'static str,
);

const TERMS: &[TermSeed] = &[
    (
        date!(2008 - 01 - 01),
        date!(2009 - 12 - 31),
        None,
        None,
        None,
        true,
        "Ngày bầu và số phiếu nhiệm kỳ này chưa đối chiếu nguồn.",
    ),
    (
        date!(2020 - 01 - 01),
        date!(2021 - 12 - 31),
        Some(date!(2019 - 06 - 07)),
        Some(192),
        Some(193),
        true,
        "Ứng cử viên duy nhất của nhóm châu Á - Thái Bình Dương.",
    ),
];

/// The seeded presidencies: the month, verified.
const PRESIDENCIES: &[(Date, bool)] = &[
    (date!(2008 - 07 - 01), true),
    (date!(2009 - 10 - 01), true),
    (date!(2020 - 01 - 01), false),
    (date!(2021 - 04 - 01), false),
];

/// The seeded initiatives: the term's first year, titles, the document's number, the day,
/// verified, note.
type InitiativeSeed = (
    i32,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<Date>,
    bool,
    &'static str,
);

const INITIATIVES: &[InitiativeSeed] = &[
    (2008, "Nghị quyết 1889 (2009) về phụ nữ, hòa bình và an ninh",
     "Resolution 1889 (2009) on women, peace and security",
     Some("S/RES/1889 (2009)"), Some(date!(2009 - 10 - 05)), false,
     "Thông qua nhất trí trong tháng Việt Nam làm Chủ tịch Hội đồng; vai trò khởi xướng chưa đối chiếu nguồn."),
    (2020, "Tham vấn các nước không phải thành viên về báo cáo thường niên của Hội đồng Bảo an",
     "Consultations with non-members on the Security Council's annual report",
     None, None, false, "Thời điểm và kết quả chưa đối chiếu nguồn."),
];

impl Store {
    /// Fills an empty record from the published one; leaves one with rows alone.
    pub async fn seed_council(&self) -> Result<()> {
        if self.count("council_term").await? > 0 {
            return Ok(());
        }
        let mut tx = self.begin_write(crate::Actor::SYSTEM).await?;
        let at = now();
        let mut terms = Vec::with_capacity(TERMS.len());
        for &(starts_on, ends_on, elected_on, votes_for, votes_cast, verified, note) in TERMS {
            let id: i64 = on_tx!(&mut tx.tx, conn => {
                sqlx::query_scalar(
                    "insert into council_term (starts_on, ends_on, elected_on, votes_for, votes_cast, verified, \
                     note, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
                )
                .bind(starts_on).bind(ends_on).bind(elected_on).bind(votes_for).bind(votes_cast)
                .bind(verified).bind(note).bind(at)
                .fetch_one(conn).await
            })?;
            let values = serde_json::json!({
                "starts_on": starts_on, "ends_on": ends_on, "elected_on": elected_on,
                "votes_for": votes_for, "votes_cast": votes_cast, "verified": verified,
            });
            tx.audit_insert("council_term", id, &values).await?;
            terms.push((id, starts_on, ends_on));
        }
        let term_of = |day: Date| {
            terms
                .iter()
                .find(|(_, from, to)| *from <= day && day <= *to)
                .map(|(id, ..)| *id)
        };
        for &(month, verified) in PRESIDENCIES {
            let Some(term) = term_of(month) else { continue };
            let id: i64 = on_tx!(&mut tx.tx, conn => {
                sqlx::query_scalar(
                    "insert into council_presidency (term_id, month, verified) values ($1, $2, $3) returning id",
                )
                .bind(term).bind(month).bind(verified).fetch_one(conn).await
            })?;
            let values =
                serde_json::json!({ "term_id": term, "month": month, "verified": verified });
            tx.audit_insert("council_presidency", id, &values).await?;
        }
        for &(year, title_vi, title_en, number, happened_on, verified, note) in INITIATIVES {
            let Some(term) = Date::from_ordinal_date(year, 1).ok().and_then(term_of) else {
                continue;
            };
            let document: Option<i64> = match number {
                Some(number) => on_tx!(&mut tx.tx, conn => {
                    sqlx::query_scalar("select id from legal_document where number = $1")
                        .bind(number).fetch_optional(conn).await
                })?,
                None => None,
            };
            let id: i64 = on_tx!(&mut tx.tx, conn => {
                sqlx::query_scalar(
                    "insert into council_initiative (term_id, title_vi, title_en, document_id, happened_on, \
                     verified, note) values ($1, $2, $3, $4, $5, $6, $7) returning id",
                )
                .bind(term).bind(title_vi).bind(title_en).bind(document).bind(happened_on)
                .bind(verified).bind(note).fetch_one(conn).await
            })?;
            let values = serde_json::json!({
                "term_id": term, "title_en": title_en, "document_id": document,
                "happened_on": happened_on, "verified": verified,
            });
            tx.audit_insert("council_initiative", id, &values).await?;
        }
        tx.commit().await
    }

    /// The whole record, in order of time.
    pub async fn council_record(
        &self,
    ) -> Result<(
        Vec<CouncilTerm>,
        Vec<CouncilPresidency>,
        Vec<CouncilInitiative>,
    )> {
        Ok(on_pool!(&self.db, pool => {
            async {
                let terms = sqlx::query_as(
                    "select id, starts_on, ends_on, elected_on, votes_for, votes_cast, verified, note \
                     from council_term order by starts_on",
                )
                .fetch_all(&mut *pool).await?;
                let presidencies = sqlx::query_as(
                    "select id, term_id, month, verified from council_presidency order by month",
                )
                .fetch_all(&mut *pool).await?;
                let initiatives = sqlx::query_as(
                    "select i.id, i.term_id, i.title_vi, i.title_en, i.document_id, d.number as document_number, \
                     i.happened_on, i.verified, i.note from council_initiative i \
                     left join legal_document d on d.id = i.document_id order by i.term_id, i.happened_on, i.id",
                )
                .fetch_all(&mut *pool).await?;
                Ok::<_, sqlx::Error>((terms, presidencies, initiatives))
            }
            .await
        })?)
    }
}
