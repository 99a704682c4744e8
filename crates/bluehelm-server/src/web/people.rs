//! The personnel pages: the searchable list, a person on one screen with what is expiring
//! highlighted, and the forms that add a person, a document or a language test.

use super::form::specialty_options;
use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_app::i18n::Tr;
use bluehelm_domain::assessment::{AmsPart, AssessmentInput, PartInput};
use bluehelm_domain::lang::Lang;
use bluehelm_domain::listing::{Page, PageRequest};
use bluehelm_domain::person::{PersonInput, PersonStatus, Service};
use bluehelm_domain::policy::{self, Action, Owner, Resource};
use bluehelm_domain::rank::{rank, ranks};
use bluehelm_domain::records::{
    expiry_state, Cefr, DocumentInput, DocumentKind, ExpiryState, LanguageInput, LanguageTest,
};
use bluehelm_domain::FieldError;
use bluehelm_store::person::{Person, PERSON_SORT};
use serde::Deserialize;
use time::Date;

use super::admin::{agency_rows, AgencyRow};
use super::form::after;
use super::{error_for, form_errors, render, Layout, Viewer, WebError, WithLayout};
use crate::auth::Caller;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::paging;
use bluehelm_app::people::{self, PeopleQuery, PersonDetail};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people", get(list).post(create))
        .route("/people/new", get(new_person))
        .route("/people/{id}", get(show).post(update))
        .route("/people/{id}/edit", get(edit_person))
        .route("/people/{id}/documents", post(add_document))
        .route("/people/{id}/languages", post(add_language))
        .route("/people/{id}/medical", post(add_medical))
        .route("/people/{id}/assessments", post(add_assessment))
        .route("/people/{id}/preferences", post(set_preferences))
}

fn today() -> Date {
    bluehelm_store::now().date()
}

/// A person as a row of the list.
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub service_number: String,
    pub rank: String,
    pub agency: String,
    pub status: String,
}

fn rank_name(service: &str, code: Option<&str>, lang: Lang) -> String {
    let found = Service::parse(service)
        .zip(code)
        .and_then(|(service, code)| rank(service, code));
    match (found, lang) {
        (Some(rank), Lang::Vi) => rank.name_vi.clone(),
        (Some(rank), Lang::En) => rank.name_en.clone(),
        (None, _) => String::new(),
    }
}

fn row(person: &Person, lang: Lang) -> PersonRow {
    PersonRow {
        id: person.id,
        name: person.full_name(),
        service_number: person.service_number.clone(),
        rank: rank_name(&person.service, person.rank_code.as_deref(), lang),
        agency: person.agency_code.clone(),
        status: person.status.clone(),
    }
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    layout: Layout,
    query: PeopleQuery,
    rows: Vec<PersonRow>,
    total: i64,
    total_capped: bool,
    page: u32,
    pages: i64,
    services: Vec<&'static str>,
    statuses: Vec<&'static str>,
    levels: Vec<&'static str>,
    specialties: Vec<(String, String)>,
    can_create: bool,
    errors: Vec<FieldError>,
}

impl PeoplePage {
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    /// The current query string with another page number.
    fn page_link(&self, page: i64) -> String {
        let q = &self.query;
        let pairs: Vec<(&str, String)> = [
            ("q", q.q.clone()),
            ("service", q.service.clone()),
            ("status", q.status.clone()),
            ("specialty", q.specialty.clone()),
            ("language", q.language.clone()),
            ("level", q.level.clone()),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.filter(|v| !v.is_empty()).map(|v| (key, v)))
        .chain(std::iter::once(("page", page.to_string())))
        .collect();
        format!(
            "/people?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

fn may(caller: &Caller, action: Action, resource: Resource) -> bool {
    policy::scope(&caller.principal, action, resource).is_ok()
}

pub async fn list(viewer: Viewer, Query(query): Query<PeopleQuery>) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/people");
    let ctx = viewer.ctx();
    let lang = caller.lang();
    let specialties = people::specialties(&ctx).await.in_layout(layout)?;
    let parsed = match paging(query.page, Some(50), query.sort.as_deref(), PERSON_SORT) {
        Ok((sort, page)) => query
            .filter(&ctx, today())
            .await
            .map(|filter| (filter, sort, page)),
        Err(error) => Err(error),
    };
    let (found, errors) = match parsed {
        Ok((filter, sort, page)) => (
            people::list_people(&ctx, filter, sort, page, today())
                .await
                .in_layout(layout)?,
            Vec::new(),
        ),
        Err(error) => {
            let errors = form_errors(error, caller.lang()).in_layout(layout)?;
            (Page::exact(Vec::new(), 0, PageRequest::default()), errors)
        }
    };
    let page = PeoplePage {
        layout: layout(),
        rows: found.items.iter().map(|person| row(person, lang)).collect(),
        total: found.total,
        total_capped: found.total_capped,
        page: found.page,
        pages: found.pages(),
        query,
        services: Service::ALL.iter().map(|s| s.as_str()).collect(),
        statuses: PersonStatus::ALL.iter().map(|s| s.as_str()).collect(),
        levels: Cefr::ALL.iter().map(|s| s.as_str()).collect(),
        specialties: specialty_options(&specialties, lang),
        can_create: may(caller, Action::Create, Resource::Person),
        errors,
    };
    render(&page, &page.errors)
}

/// The person form as submitted: every field as text, specialties repeated.
#[derive(Debug, Clone, Default)]
pub struct PersonForm {
    pub agency_id: String,
    pub service: String,
    pub service_number: String,
    pub family_name: String,
    pub middle_name: String,
    pub given_name: String,
    pub gender: String,
    pub birth_date: String,
    pub rank: String,
    pub phone: String,
    pub email: String,
    /// Only when editing: the person's status.
    pub status: String,
    pub specialties: Vec<String>,
}

impl PersonForm {
    fn parse(body: &str) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
        let mut form = PersonForm::default();
        for (key, value) in pairs {
            match key.as_str() {
                "agency_id" => form.agency_id = value,
                "service" => form.service = value,
                "service_number" => form.service_number = value,
                "family_name" => form.family_name = value,
                "middle_name" => form.middle_name = value,
                "given_name" => form.given_name = value,
                "gender" => form.gender = value,
                "birth_date" => form.birth_date = value,
                "rank" => form.rank = value,
                "phone" => form.phone = value,
                "email" => form.email = value,
                "status" => form.status = value,
                "specialties" => form.specialties.push(value),
                _ => {}
            }
        }
        form
    }

    fn input(&self) -> PersonInput {
        PersonInput {
            agency_id: self.agency_id.trim().parse().unwrap_or(0),
            service: self.service.clone(),
            service_number: self.service_number.clone(),
            family_name: self.family_name.clone(),
            middle_name: self.middle_name.clone(),
            given_name: self.given_name.clone(),
            gender: self.gender.clone(),
            birth_date: self.birth_date.clone(),
            rank: self.rank.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            status: self.status.clone(),
            specialties: self.specialties.clone(),
        }
    }
}

/// A rank choice of the form: its code and its name in the reader's language.
pub struct RankOption {
    pub code: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "person_new.html")]
struct NewPersonPage {
    layout: Layout,
    /// The person edited, or `None` for a new one.
    editing: Option<i64>,
    statuses: Vec<&'static str>,
    form: PersonForm,
    agencies: Vec<AgencyRow>,
    services: Vec<&'static str>,
    ranks: Vec<RankOption>,
    specialties: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl NewPersonPage {
    fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }

    fn has_specialty(&self, code: &str) -> bool {
        self.form.specialties.iter().any(|held| held == code)
    }
}

/// Every rank of the army and police tables (the navy's flag ranks included), labelled.
fn rank_options(lang: Lang) -> Vec<RankOption> {
    let mut options: Vec<RankOption> = Vec::new();
    for service in [Service::Army, Service::Navy, Service::Police] {
        for rank in ranks(service) {
            if options.iter().any(|o| o.code == rank.code) {
                continue;
            }
            let label = match lang {
                Lang::Vi => rank.name_vi.clone(),
                Lang::En => rank.name_en.clone(),
            };
            options.push(RankOption {
                code: rank.code.clone(),
                label,
            });
        }
    }
    options
}

async fn new_person_page(
    viewer: &Viewer,
    form: PersonForm,
    errors: Vec<FieldError>,
) -> Result<Response, WebError> {
    person_form_page(viewer, None, form, errors).await
}

/// The person form: a new person, or `editing` one already recorded.
async fn person_form_page(
    viewer: &Viewer,
    editing: Option<i64>,
    form: PersonForm,
    errors: Vec<FieldError>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = match editing {
        Some(id) => format!("/people/{id}/edit"),
        None => "/people/new".to_owned(),
    };
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let lang = caller.lang();
    let agencies = bluehelm_app::agencies::all_agencies(&ctx)
        .await
        .in_layout(layout)?;
    let specialties = people::specialties(&ctx).await.in_layout(layout)?;
    let page = NewPersonPage {
        layout: layout(),
        editing,
        statuses: PersonStatus::ALL.iter().map(|s| s.as_str()).collect(),
        form,
        agencies: agency_rows(&agencies, lang),
        services: Service::ALL.iter().map(|s| s.as_str()).collect(),
        ranks: rank_options(lang),
        specialties: specialty_options(&specialties, lang),
        errors,
    };
    render(&page, &page.errors)
}

pub async fn new_person(viewer: Viewer) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let form = PersonForm {
        agency_id: caller.principal.agency_id.to_string(),
        service: "army".to_owned(),
        gender: "female".to_owned(),
        ..PersonForm::default()
    };
    new_person_page(&viewer, form, Vec::new()).await
}

/// The form that corrects a person's core facts, filled with what is recorded.
pub async fn edit_person(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/people/{id}/edit");
    let ctx = viewer.ctx();
    let detail = people::person_detail(&ctx, id)
        .await
        .in_layout(|| Layout::for_caller(caller, &path))?;
    let person = detail.person;
    let form = PersonForm {
        agency_id: person.agency_id.to_string(),
        service: person.service,
        service_number: person.service_number,
        family_name: person.family_name,
        middle_name: person.middle_name.unwrap_or_default(),
        given_name: person.given_name,
        gender: person.gender,
        birth_date: person.birth_date.to_string(),
        rank: person.rank_code.unwrap_or_default(),
        phone: person.phone.unwrap_or_default(),
        email: person.email.unwrap_or_default(),
        status: person.status,
        specialties: detail.specialties.into_iter().map(|s| s.code).collect(),
    };
    person_form_page(&viewer, Some(id), form, Vec::new()).await
}

pub async fn update(
    viewer: Viewer,
    Path(id): Path<i64>,
    body: String,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let form = PersonForm::parse(&body);
    let ctx = viewer.ctx();
    let result = people::update_person(&ctx, id, &form.input(), today()).await;
    after(
        caller,
        &format!("/people/{id}/edit"),
        result,
        |person| format!("/people/{}", person.id),
        |errors| person_form_page(&viewer, Some(id), form, errors),
    )
    .await
}

pub async fn create(viewer: Viewer, body: String) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let form = PersonForm::parse(&body);
    let ctx = viewer.ctx();
    let result = people::create_person(&ctx, &form.input(), today()).await;
    after(
        caller,
        "/people",
        result,
        |created| format!("/people/{}", created.person.id),
        |errors| new_person_page(&viewer, form, errors),
    )
    .await
}

/// A dated record as the person page shows it.
pub struct DatedRow {
    pub cells: Vec<String>,
    pub expires_on: String,
    /// `expired`, `soon` or empty.
    pub state: &'static str,
    pub days_left: i64,
}

fn dated(tr: &Tr, cells: Vec<String>, expires_on: Option<Date>, today: Date) -> DatedRow {
    let (state, days_left) = match expiry_state(expires_on, today) {
        ExpiryState::Expired => ("expired", 0),
        ExpiryState::Soon(days) => ("soon", days),
        ExpiryState::Valid => ("", 0),
    };
    DatedRow {
        cells,
        expires_on: expires_on.map(|d| tr.date(d)).unwrap_or_default(),
        state,
        days_left,
    }
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    layout: Layout,
    person: Person,
    rank: String,
    specialties: Vec<String>,
    documents: Vec<DatedRow>,
    languages: Vec<DatedRow>,
    qualifications: Vec<DatedRow>,
    medical: Option<Vec<DatedRow>>,
    medical_form: MedicalForm,
    medical_statuses: Vec<&'static str>,
    training: Vec<bluehelm_store::training::Enrolment>,
    /// Every mission of the register as (code, name, asked for by the person).
    missions: Vec<(String, String, bool)>,
    preferred_missions: Vec<String>,
    duplicates: Vec<PersonRow>,
    /// Likely duplicates held by agencies the reader may not read: only their number, said.
    duplicates_elsewhere: Option<String>,
    can_update: bool,
    document_kinds: Vec<&'static str>,
    tests: Vec<&'static str>,
    language_names: Vec<(&'static str, String)>,
    levels: Vec<&'static str>,
    document_form: DocumentForm,
    language_form: LanguageForm,
    /// A police officer's assessments for mission service; `None` for anyone else.
    assessments: Option<Vec<bluehelm_store::assessment::AssessedPart>>,
    ams_parts: Vec<&'static str>,
    /// What was typed in the assessment form, when it was refused.
    assessment_form: HashMap<String, String>,
    today_text: String,
    errors: Vec<FieldError>,
    /// Which form the errors belong to: `document`, `language` or `preferences`.
    failed_form: &'static str,
}

impl PersonPage {
    /// A field of the assessment form: what was typed, else the date of today or the
    /// default pass mark.
    fn assessment_value(&self, field: &str) -> String {
        match self.assessment_form.get(field) {
            Some(typed) => typed.clone(),
            None if field == "assessed_on" => self.today_text.clone(),
            None if field.starts_with("pass_mark.") => {
                bluehelm_domain::assessment::DEFAULT_PASS_MARK.to_string()
            }
            None => String::new(),
        }
    }

    fn error(&self, form: &str, field: &str) -> Option<String> {
        if self.failed_form == form {
            error_for(&self.errors, field)
        } else {
            None
        }
    }

    fn expiring_count(&self) -> usize {
        let medical = self.medical.iter().flatten();
        self.documents
            .iter()
            .chain(&self.languages)
            .chain(&self.qualifications)
            .chain(medical)
            .filter(|row| !row.state.is_empty())
            .count()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DocumentForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub issued_on: String,
    #[serde(default)]
    pub expires_on: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub test: String,
    #[serde(default)]
    pub score: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub tested_on: String,
    #[serde(default)]
    pub valid_until: String,
}

/// The medical form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MedicalForm {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub examined_on: String,
    #[serde(default)]
    pub valid_until: String,
    #[serde(default)]
    pub restrictions: String,
}

struct Forms {
    document: DocumentForm,
    language: LanguageForm,
    medical: MedicalForm,
    assessment: HashMap<String, String>,
    errors: Vec<FieldError>,
    failed: &'static str,
}

impl Default for Forms {
    fn default() -> Self {
        Self {
            document: DocumentForm {
                kind: "passport".to_owned(),
                ..DocumentForm::default()
            },
            language: LanguageForm {
                language: "en".to_owned(),
                test: "ielts".to_owned(),
                level: "B2".to_owned(),
                ..LanguageForm::default()
            },
            medical: MedicalForm {
                status: "fit".to_owned(),
                ..MedicalForm::default()
            },
            assessment: HashMap::new(),
            errors: Vec::new(),
            failed: "",
        }
    }
}

async fn person_page(viewer: &Viewer, id: i64, forms: Forms) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/people/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let lang = caller.lang();
    let today = today();
    let PersonDetail {
        person,
        specialties,
        documents,
        languages,
        qualifications,
        training,
        preferred_missions,
        medical,
    } = people::person_detail(&ctx, id).await.in_layout(layout)?;
    let duplicates = people::likely_duplicates_of(&ctx, &person)
        .await
        .in_layout(layout)?;
    let assessments = if person.service == Service::Police.as_str() {
        Some(
            bluehelm_app::assessments::police_assessments(&ctx, id)
                .await
                .in_layout(layout)?,
        )
    } else {
        None
    };
    let owner = person.owner();
    let can_update = policy::authorize(
        &caller.principal,
        Action::Update,
        Resource::Person,
        &Owner {
            agency: Some(&owner),
            user_id: None,
        },
    )
    .is_ok();
    let name = |vi: &str, en: &str| match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => en.to_owned(),
    };
    let tr = Tr::new(lang);
    let missions = if can_update {
        let register = bluehelm_app::forces::mission_register(&ctx)
            .await
            .in_layout(layout)?;
        register
            .into_iter()
            .map(|m| {
                let chosen = preferred_missions.contains(&m.code);
                (m.code, name(&m.name_vi, &m.name_en), chosen)
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = PersonPage {
        layout: layout(),
        rank: rank_name(&person.service, person.rank_code.as_deref(), lang),
        specialties: specialties
            .iter()
            .map(|s| name(&s.name_vi, &s.name_en))
            .collect(),
        documents: documents
            .iter()
            .map(|d| {
                dated(
                    &tr,
                    vec![
                        d.kind.clone(),
                        d.number.clone(),
                        d.issued_on.map(|x| tr.date(x)).unwrap_or_default(),
                    ],
                    d.expires_on,
                    today,
                )
            })
            .collect(),
        languages: languages
            .iter()
            .map(|l| {
                dated(
                    &tr,
                    vec![
                        tr.term("language_name", &l.language),
                        tr.term("language_test", &l.test),
                        l.score.clone().unwrap_or_default(),
                        l.level.clone(),
                        tr.date(l.tested_on),
                    ],
                    l.valid_until,
                    today,
                )
            })
            .collect(),
        qualifications: qualifications
            .iter()
            .map(|q| {
                dated(
                    &tr,
                    vec![
                        name(&q.name_vi, &q.name_en),
                        tr.date(q.issued_on),
                        q.reference.clone().unwrap_or_default(),
                    ],
                    q.expires_on,
                    today,
                )
            })
            .collect(),
        medical: medical.map(|records| {
            records
                .iter()
                .map(|m| {
                    dated(
                        &tr,
                        vec![
                            tr.term("medical_status", &m.status),
                            tr.date(m.examined_on),
                            m.restrictions.clone().unwrap_or_default(),
                        ],
                        Some(m.valid_until),
                        today,
                    )
                })
                .collect()
        }),
        training,
        missions,
        preferred_missions,
        duplicates: duplicates.readable.iter().map(|p| row(p, lang)).collect(),
        duplicates_elsewhere: (duplicates.elsewhere > 0).then(|| {
            let said = bluehelm_domain::message::Message::new("person.duplicates_elsewhere")
                .number("count", duplicates.elsewhere);
            tr.render(said)
        }),
        can_update,
        document_kinds: DocumentKind::ALL.iter().map(|k| k.as_str()).collect(),
        tests: LanguageTest::ALL.iter().map(|t| t.as_str()).collect(),
        language_names: super::form::language_options(&tr),
        levels: Cefr::ALL.iter().map(|c| c.as_str()).collect(),
        document_form: forms.document,
        language_form: forms.language,
        medical_form: forms.medical,
        assessments,
        ams_parts: AmsPart::ALL.iter().map(|p| p.as_str()).collect(),
        assessment_form: forms.assessment,
        today_text: today.to_string(),
        medical_statuses: bluehelm_domain::records::MedicalStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
        errors: forms.errors,
        failed_form: forms.failed,
        person,
    };
    render(&page, &page.errors)
}

pub async fn show(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    person_page(&viewer, id, Forms::default()).await
}

pub async fn add_document(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<DocumentForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = DocumentInput {
        kind: form.kind.clone(),
        number: form.number.clone(),
        issued_on: form.issued_on.clone(),
        expires_on: form.expires_on.clone(),
    };
    let result = people::add_document(&ctx, id, &input).await;
    after(
        caller,
        "/people",
        result,
        |_| format!("/people/{id}#documents"),
        |errors| {
            person_page(
                &viewer,
                id,
                Forms {
                    document: form,
                    errors,
                    failed: "document",
                    ..Forms::default()
                },
            )
        },
    )
    .await
}

/// The missions the person asked to serve in: the checked boxes of the preferences form.
pub async fn set_preferences(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(fields): axum::extract::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let codes: Vec<String> = fields
        .into_iter()
        .filter(|(key, _)| key == "missions")
        .map(|(_, code)| code)
        .collect();
    let result = people::set_mission_preferences(&ctx, id, &codes).await;
    after(
        caller,
        "/people",
        result,
        |_| format!("/people/{id}#preferences"),
        |errors| {
            person_page(
                &viewer,
                id,
                Forms {
                    errors,
                    failed: "preferences",
                    ..Forms::default()
                },
            )
        },
    )
    .await
}

/// A medical examination, recorded by the medical role from the person's page.
/// Records a police officer's assessment for mission service: the parts given a score, each
/// with its pass mark. A refused part's error is shown on its own line of the form.
pub async fn add_assessment(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let typed = |key: String| {
        form.get(&key)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let parts: Vec<PartInput> = AmsPart::ALL
        .iter()
        .map(|part| PartInput {
            part: part.as_str().to_owned(),
            score: typed(format!("score.{}", part.as_str())),
            pass_mark: typed(format!("pass_mark.{}", part.as_str())),
        })
        .filter(|part| !part.score.is_empty())
        .collect();
    let input = AssessmentInput {
        assessed_on: typed("assessed_on".to_owned()),
        parts: parts.clone(),
    };
    let result =
        bluehelm_app::assessments::record_police_assessment(&ctx, id, &input, today()).await;
    after(
        caller,
        &format!("/people/{id}"),
        result,
        |_| format!("/people/{id}#assessments"),
        |errors| {
            // `parts[i].score` is the i-th part given a score: name it by its part.
            let errors = errors
                .into_iter()
                .map(|mut error| {
                    if let Some((index, name)) = error
                        .field
                        .strip_prefix("parts[")
                        .and_then(|rest| rest.split_once("]."))
                    {
                        if let Some(part) = index.parse::<usize>().ok().and_then(|i| parts.get(i)) {
                            error.field = format!("{name}.{}", part.part);
                        }
                    }
                    error
                })
                .collect();
            person_page(
                &viewer,
                id,
                Forms {
                    assessment: form,
                    errors,
                    failed: "assessment",
                    ..Forms::default()
                },
            )
        },
    )
    .await
}

pub async fn add_medical(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<MedicalForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = bluehelm_domain::records::MedicalInput {
        status: form.status.clone(),
        examined_on: form.examined_on.clone(),
        valid_until: form.valid_until.clone(),
        restrictions: form.restrictions.clone(),
    };
    let result = people::add_medical(&ctx, id, &input).await;
    after(
        caller,
        &format!("/people/{id}"),
        result,
        |_| format!("/people/{id}#medical"),
        |errors| {
            person_page(
                &viewer,
                id,
                Forms {
                    medical: form,
                    errors,
                    failed: "medical",
                    ..Forms::default()
                },
            )
        },
    )
    .await
}

pub async fn add_language(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<LanguageForm>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let input = LanguageInput {
        language: form.language.clone(),
        test: form.test.clone(),
        score: form.score.clone(),
        level: form.level.clone(),
        tested_on: form.tested_on.clone(),
        valid_until: form.valid_until.clone(),
    };
    let result = people::add_language_test(&ctx, id, &input).await;
    after(
        caller,
        "/people",
        result,
        |_| format!("/people/{id}#languages"),
        |errors| {
            person_page(
                &viewer,
                id,
                Forms {
                    language: form,
                    errors,
                    failed: "language",
                    ..Forms::default()
                },
            )
        },
    )
    .await
}
