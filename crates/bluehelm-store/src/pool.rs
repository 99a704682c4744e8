//! The candidate pool read model: what eligibility and the planner read about people, for
//! one person or a whole pool in two queries, whatever its size.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::eligibility::{Candidate, LanguageFact, MedicalClearance, QualificationFact};
use bluehelm_domain::person::{Gender, PersonStatus, Service};
use bluehelm_domain::records::{Cefr, MedicalStatus};
use time::Date;

use crate::agency::within_any;
use crate::conditions::{bind_params, Param};
use crate::person::*;
use crate::{on_pool, Result, Store, StoreError};

impl Store {
    /// What the eligibility rules need of a person. Medical data is reduced to a clearance.
    pub async fn candidate(&self, person: &Person) -> Result<Candidate> {
        let mut found = self
            .candidates_where("p.id = $1", &[Param::Int(person.id)])
            .await?;
        found
            .pop()
            .map(|(_, candidate)| candidate)
            .ok_or(StoreError::NotFound)
    }

    /// What the eligibility rules need of every person within `within` (everyone when
    /// `None`), in two queries whatever the number of people: the pool a position is
    /// checked against. Medical data is reduced to a clearance.
    pub async fn candidates(&self, within: Option<&AgencyPath>) -> Result<Vec<(i64, Candidate)>> {
        self.candidates_where(&within_any("g.path", within), &[])
            .await
    }

    /// The agency code of every person within `within` (everyone when `None`), by id: the
    /// planner's agency caps.
    pub async fn person_agencies(&self, within: Option<&AgencyPath>) -> Result<Vec<(i64, String)>> {
        let sql = format!(
            "select p.id, g.code from person p join agency g on g.id = p.agency_id \
             where {} order by p.id",
            within_any("g.path", within)
        );
        Ok(on_pool!(&self.db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
    }

    /// Everyone holding an active deployment (planned to extended), with the unit it is
    /// with, if any: people already committed, whom proposals leave out.
    pub async fn committed_people(&self) -> Result<Vec<(i64, Option<i64>)>> {
        let sql = "select person_id, unit_id from deployment \
                   where status not in ('returned', 'withdrawn') order by person_id";
        Ok(on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
    }

    /// The candidates nominated for a request's positions, in two queries.
    pub async fn nominee_candidates(&self, request_id: i64) -> Result<Vec<(i64, Candidate)>> {
        self.candidates_where(
            "p.id in (select n.person_id from nomination n join request_position q on q.id = n.position_id \
             where q.request_id = $1)",
            &[Param::Int(request_id)],
        )
        .await
    }

    /// The candidates of the people `condition` selects (on `p`, the person, and `g`, their
    /// agency), with its parameters.
    pub(crate) async fn candidates_where(
        &self,
        condition: &str,
        params: &[Param],
    ) -> Result<Vec<(i64, Candidate)>> {
        let scope = format!("join person p on p.id = r.person_id join agency g on g.id = p.agency_id where {condition}");
        type PersonFacts = (i64, String, Date, String, Option<i64>, String, Option<Date>);
        let people_sql = format!("select p.id, p.gender, p.birth_date, p.service, p.rank_order, p.status, p.last_return_on \
                 from person p join agency g on g.id = p.agency_id where {condition} order by p.id");
        // Every kind of fact in one statement, a row per fact:
        // (person, kind, label, detail, until, examined on, number). The first part names
        // the date columns' type: PostgreSQL types a union's columns part by part.
        let facts_sql = format!(
            "select r.person_id, 'specialty' as fact, s.code as label, null as detail, \
                 cast(null as date) as until, cast(null as date) as examined_on, 0 as number \
                 from person_specialty r join specialty s on s.id = r.specialty_id {scope} \
             union all select r.person_id, 'language', r.language, r.level, r.valid_until, null, 0 \
                 from language_test r {scope} \
             union all select r.person_id, 'qualification', k.code, null, r.expires_on, null, 0 \
                 from qualification r join qualification_kind k on k.id = r.kind_id {scope} \
             union all select r.person_id, 'passport', null, null, r.expires_on, null, 0 \
                 from identity_document r {scope} \
                 and r.kind in ('passport', 'official_passport', 'diplomatic_passport') and r.expires_on is not null \
             union all select r.person_id, 'medical', r.status, null, r.valid_until, r.examined_on, r.id \
                 from medical_fitness r {scope} \
             union all select r.person_id, 'tours', null, null, null, null, count(*) \
                 from deployment r {scope} and r.status = 'returned' group by r.person_id \
             union all select r.person_id, 'preference', m.code, null, null, null, 0 \
                 from mission_preference r join mission m on m.id = r.mission_id {scope}"
        );
        type Fact = (
            i64,
            String,
            Option<String>,
            Option<String>,
            Option<Date>,
            Option<Date>,
            i64,
        );
        let (people, facts) = on_pool!(&self.db, pool => {
            let people: Vec<PersonFacts> = bind_params!(sqlx::query_as(&people_sql), params).fetch_all(&mut *pool).await?;
            let facts: Vec<Fact> = bind_params!(sqlx::query_as(&facts_sql), params).fetch_all(&mut *pool).await?;
            Ok::<_, sqlx::Error>((people, facts))
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
        // The examination each person's clearance comes from: the newest.
        let mut newest_examination: Vec<Option<(Date, i64)>> = vec![None; candidates.len()];
        for (id, fact, label, detail, until, examined_on, number) in facts {
            let Some(i) = index(&candidates, id) else {
                continue;
            };
            let candidate = &mut candidates[i].1;
            match (fact.as_str(), label) {
                ("specialty", Some(code)) => candidate.specialties.push(code),
                ("language", Some(language)) => {
                    if let Some(level) = detail.as_deref().and_then(Cefr::parse) {
                        candidate.languages.push(LanguageFact {
                            language,
                            level,
                            valid_until: until,
                        });
                    }
                }
                ("qualification", Some(kind)) => {
                    candidate.qualifications.push(QualificationFact {
                        kind,
                        expires_on: until,
                    });
                }
                ("passport", _) => candidate.passport_expiries.extend(until),
                ("medical", Some(status)) => {
                    let (Some(valid_until), Some(examined_on)) = (until, examined_on) else {
                        continue;
                    };
                    let examination = Some((examined_on, number));
                    if examination > newest_examination[i] {
                        newest_examination[i] = examination;
                        candidate.medical = Some(MedicalClearance {
                            cleared: MedicalStatus::parse(&status)
                                .is_some_and(MedicalStatus::clears_deployment),
                            valid_until,
                        });
                    }
                }
                ("tours", _) => candidate.tours = u32::try_from(number).unwrap_or(0),
                ("preference", Some(code)) => candidate.preferred_missions.push(code),
                _ => {}
            }
        }
        Ok(candidates)
    }
}
