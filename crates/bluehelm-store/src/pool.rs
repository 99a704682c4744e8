//! The candidate pool read model: what eligibility and the planner read about people, for
//! one person or a whole pool in eight queries, whatever its size.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::eligibility::{Candidate, LanguageFact, MedicalClearance, QualificationFact};
use bluehelm_domain::person::{Gender, PersonStatus, Service};
use bluehelm_domain::records::{Cefr, MedicalStatus};
use time::Date;

use crate::agency::subtree_range;
use crate::person::*;
use crate::{on_pool, Result, Store, StoreError};

impl Store {
    /// What the eligibility rules need of a person. Medical data is reduced to a clearance.
    pub async fn candidate(&self, person: &Person) -> Result<Candidate> {
        let mut found = self
            .candidates_where(
                "p.id >= $1 and p.id <= $2",
                Param::Int(person.id),
                Param::Int(person.id),
            )
            .await?;
        found
            .pop()
            .map(|(_, candidate)| candidate)
            .ok_or(StoreError::NotFound)
    }

    /// What the eligibility rules need of every person within `within` (everyone when
    /// `None`), in eight queries whatever the number of people: the pool a position is
    /// checked against. Medical data is reduced to a clearance.
    pub async fn candidates(&self, within: Option<&AgencyPath>) -> Result<Vec<(i64, Candidate)>> {
        let (low, high) = within
            .map(subtree_range)
            .unwrap_or_else(|| (String::new(), "\u{10FFFF}".to_owned()));
        self.candidates_where(
            "g.path >= $1 and g.path < $2",
            Param::Text(low),
            Param::Text(high),
        )
        .await
    }

    /// The agency code of every person within `within` (everyone when `None`), by id: the
    /// planner's agency caps.
    pub async fn person_agencies(&self, within: Option<&AgencyPath>) -> Result<Vec<(i64, String)>> {
        let (low, high) = within
            .map(subtree_range)
            .unwrap_or_else(|| (String::new(), "\u{10FFFF}".to_owned()));
        let sql = "select p.id, g.code from person p join agency g on g.id = p.agency_id \
                   where g.path >= $1 and g.path < $2 order by p.id";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(&low).bind(&high).fetch_all(pool).await
        })?)
    }

    /// Everyone holding an active deployment (planned to extended), with the unit it is
    /// with, if any: people already committed, whom proposals leave out.
    pub async fn committed_people(&self) -> Result<Vec<(i64, Option<i64>)>> {
        let sql = "select person_id, unit_id from deployment \
                   where status not in ('returned', 'withdrawn') order by person_id";
        Ok(on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
    }

    /// The candidates nominated for a request's positions, in eight queries.
    pub async fn nominee_candidates(&self, request_id: i64) -> Result<Vec<(i64, Candidate)>> {
        self.candidates_where(
            "p.id in (select n.person_id from nomination n join request_position q on q.id = n.position_id \
             where q.request_id >= $1 and q.request_id <= $2)",
            Param::Int(request_id),
            Param::Int(request_id),
        )
        .await
    }

    /// The candidates of the people `condition` selects (on `p`, the person, and `g`, their
    /// agency), with its two parameters.
    pub(crate) async fn candidates_where(
        &self,
        condition: &str,
        first: Param,
        second: Param,
    ) -> Result<Vec<(i64, Candidate)>> {
        let params = [first, second];
        let scope = format!("join person p on p.id = r.person_id join agency g on g.id = p.agency_id where {condition}");
        type PersonFacts = (i64, String, Date, String, Option<i64>, String, Option<Date>);
        let people_sql = format!("select p.id, p.gender, p.birth_date, p.service, p.rank_order, p.status, p.last_return_on \
                 from person p join agency g on g.id = p.agency_id where {condition} order by p.id");
        let specialties_sql = format!("select r.person_id, s.code from person_specialty r join specialty s on s.id = r.specialty_id {scope}");
        let languages_sql = format!(
            "select r.person_id, r.language, r.level, r.valid_until from language_test r {scope}"
        );
        let qualifications_sql = format!(
            "select r.person_id, k.code, r.expires_on from qualification r \
                 join qualification_kind k on k.id = r.kind_id {scope}"
        );
        let passports_sql = format!("select r.person_id, r.expires_on from identity_document r {scope} \
                 and r.kind in ('passport', 'official_passport', 'diplomatic_passport') and r.expires_on is not null");
        let medical_sql = format!(
            "select r.person_id, r.status, r.valid_until from medical_fitness r {scope} \
                 order by r.person_id, r.examined_on desc, r.id desc"
        );
        let tours_sql = format!(
            "select r.person_id, count(*) from deployment r {scope} and r.status = 'returned' \
                 group by r.person_id"
        );
        let preferences_sql = format!(
            "select r.person_id, m.code from mission_preference r join mission m on m.id = r.mission_id {scope}"
        );
        let (
            people,
            specialties,
            languages,
            qualifications,
            passports,
            medical,
            tours,
            preferences,
        ) = on_pool!(&self.db, pool => {
            let people: Vec<PersonFacts> = bind_params!(sqlx::query_as(&people_sql), &params).fetch_all(&mut *pool).await?;
            let specialties: Vec<(i64, String)> = bind_params!(sqlx::query_as(&specialties_sql), &params).fetch_all(&mut *pool).await?;
            let languages: Vec<(i64, String, String, Option<Date>)> = bind_params!(sqlx::query_as(&languages_sql), &params).fetch_all(&mut *pool).await?;
            let qualifications: Vec<(i64, String, Option<Date>)> = bind_params!(sqlx::query_as(&qualifications_sql), &params).fetch_all(&mut *pool).await?;
            let passports: Vec<(i64, Date)> = bind_params!(sqlx::query_as(&passports_sql), &params).fetch_all(&mut *pool).await?;
            let medical: Vec<(i64, String, Date)> = bind_params!(sqlx::query_as(&medical_sql), &params).fetch_all(&mut *pool).await?;
            let tours: Vec<(i64, i64)> = bind_params!(sqlx::query_as(&tours_sql), &params).fetch_all(&mut *pool).await?;
            let preferences: Vec<(i64, String)> = bind_params!(sqlx::query_as(&preferences_sql), &params).fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((people, specialties, languages, qualifications, passports, medical, tours, preferences))
        })?;
        let mut candidates: Vec<(i64, Candidate)> = people
            .into_iter()
            .map(
                |(id, gender, birth_date, service, rank_order, status, last_return)| {
                    (
                        id,
                        Candidate {
                            gender: Gender::parse(&gender).unwrap_or(Gender::Male),
                            birth_date,
                            service: Service::parse(&service).unwrap_or(Service::Civilian),
                            rank_order: rank_order.map(|order| order as i32),
                            status: PersonStatus::parse(&status)
                                .unwrap_or(PersonStatus::Unavailable),
                            specialties: Vec::new(),
                            languages: Vec::new(),
                            qualifications: Vec::new(),
                            passport_expiries: Vec::new(),
                            medical: None,
                            last_return,
                            tours: 0,
                            preferred_missions: Vec::new(),
                        },
                    )
                },
            )
            .collect();
        // People are in id order, so each sub-record finds its person by binary search.
        let index = |candidates: &[(i64, Candidate)], id: i64| {
            candidates.binary_search_by_key(&id, |(pid, _)| *pid).ok()
        };
        for (id, code) in specialties {
            if let Some(i) = index(&candidates, id) {
                candidates[i].1.specialties.push(code);
            }
        }
        for (id, language, level, valid_until) in languages {
            if let (Some(i), Some(level)) = (index(&candidates, id), Cefr::parse(&level)) {
                candidates[i].1.languages.push(LanguageFact {
                    language,
                    level,
                    valid_until,
                });
            }
        }
        for (id, kind, expires_on) in qualifications {
            if let Some(i) = index(&candidates, id) {
                candidates[i]
                    .1
                    .qualifications
                    .push(QualificationFact { kind, expires_on });
            }
        }
        for (id, expires_on) in passports {
            if let Some(i) = index(&candidates, id) {
                candidates[i].1.passport_expiries.push(expires_on);
            }
        }
        for (id, status, valid_until) in medical {
            if let Some(i) = index(&candidates, id) {
                // The newest examination comes first; the older ones no longer count.
                candidates[i].1.medical.get_or_insert(MedicalClearance {
                    cleared: MedicalStatus::parse(&status)
                        .is_some_and(MedicalStatus::clears_deployment),
                    valid_until,
                });
            }
        }
        for (id, count) in tours {
            if let Some(i) = index(&candidates, id) {
                candidates[i].1.tours = u32::try_from(count).unwrap_or(0);
            }
        }
        for (id, code) in preferences {
            if let Some(i) = index(&candidates, id) {
                candidates[i].1.preferred_missions.push(code);
            }
        }
        Ok(candidates)
    }
}
