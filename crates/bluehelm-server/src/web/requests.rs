//! The UN's requests: the list, the form, each request with its positions and nominations.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use bluehelm_app::i18n::Tr;
use bluehelm_domain::dispatch::{DecisionType, ForceCategory};
use bluehelm_domain::eligibility::{PersonnelType, Requirements};
use bluehelm_domain::message::Message;
use bluehelm_domain::person::{Gender, Service};
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_domain::records::Cefr;
use bluehelm_domain::request::{PositionRequest, RequestInput, RequestStatus, Selection};
use bluehelm_domain::validation::Invalid;
use bluehelm_store::request::UnRequest;
use std::collections::HashMap;

use super::form::*;
use super::requirements::{requirement_lines, RequirementNames};
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use bluehelm_app::dossiers::{self, DossierInput};
use bluehelm_app::forces::{self, RequestDetail};
use bluehelm_app::planning::{self, Fits};
use bluehelm_app::AppError;
use bluehelm_domain::FieldError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requests", get(requests).post(create_request))
        .route("/requests/{id}", get(request))
        .route(
            "/requests/{id}/positions/{position_id}/nominations",
            post(nominate),
        )
        .route(
            "/requests/{id}/positions/{position_id}/candidates",
            get(candidates),
        )
        .route(
            "/requests/{id}/nominations/{nomination_id}/remove",
            post(remove_nomination),
        )
        .route(
            "/requests/{id}/nominations/{nomination_id}/selection",
            post(record_selection),
        )
        .route("/requests/{id}/dossiers", post(open_dossier))
        .route(
            "/requests/{id}/edit",
            get(edit_request).post(update_request),
        )
        .route("/requests/{id}/status", post(set_status))
}

#[derive(Template)]
#[template(path = "requests.html")]
struct RequestsPage {
    layout: Layout,
    requests: Vec<UnRequest>,
    links: ListLinks,
    can_create: bool,
    form: RequestForm,
}

/// The request form's pick-lists and what was typed, for a new request or an edit.
struct RequestForm {
    missions: Vec<String>,
    personnel_types: Vec<&'static str>,
    levels: Vec<&'static str>,
    specialties: Vec<(String, String)>,
    qualifications: Vec<(String, String)>,
    ranks: Vec<(String, String)>,
    languages: Vec<(&'static str, String)>,
    lines: std::ops::Range<usize>,
    entry: Entry,
}

impl RequestForm {
    async fn load(
        ctx: &bluehelm_app::Ctx<'_>,
        tr: &Tr,
        lines: usize,
        entry: Entry,
    ) -> Result<Self, AppError> {
        let missions = forces::missions(ctx, today())
            .await?
            .into_iter()
            .filter(|view| view.mission.closed_on.is_none())
            .map(|view| view.mission.code)
            .collect();
        let specialties = bluehelm_app::people::specialties(ctx).await?;
        let kinds = bluehelm_app::people::qualification_kinds(ctx).await?;
        Ok(Self {
            missions,
            personnel_types: PersonnelType::ALL.iter().map(|t| t.as_str()).collect(),
            levels: Cefr::ALL.iter().map(|l| l.as_str()).collect(),
            specialties: specialty_options(&specialties, tr.lang),
            qualifications: qualification_options(&kinds, tr.lang),
            ranks: position_rank_options(Service::Army, tr.lang),
            languages: language_options(tr),
            lines: 0..lines.max(POSITION_LINES),
            entry,
        })
    }

    /// What was typed in a position line's field.
    fn line(&self, index: &usize, name: &str) -> &str {
        self.entry.v(&line_field(*index, name))
    }

    fn line_errors(&self, index: &usize) -> Vec<&str> {
        self.entry.errors_under(&format!("positions[{index}]."))
    }
}

async fn requests_page(
    viewer: &Viewer,
    query: ListQuery,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/requests");
    let ctx = viewer.ctx();
    let (requests, links) = list_page("/requests", query, "-deadline", |sort, page| {
        let ctx = &ctx;
        async move { forces::requests_page(ctx, Some(&sort), page).await }
    })
    .await
    .in_layout(layout)?;
    let form = RequestForm::load(&ctx, &layout().tr, POSITION_LINES, entry)
        .await
        .in_layout(layout)?;
    let page = RequestsPage {
        layout: layout(),
        requests,
        links,
        can_create: policy::scope(&caller.principal, Action::Create, Resource::Mission).is_ok(),
        form,
    };
    render(&page, &page.form.entry.errors)
}

pub async fn requests(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    requests_page(&viewer, query, Entry::blank()).await
}

/// How many position lines the new-request form offers; lines left blank are ignored.
const POSITION_LINES: usize = 4;

/// A position line's field, as the form and its errors name it.
fn line_field(index: usize, name: &str) -> String {
    format!("positions[{index}].{name}")
}

/// One line of the new-request form as the UN asks for it, or `None` when left blank.
/// `recorded` holds, on an edit, each position's requirements as recorded: what the form
/// does not show (services, a second specialty or qualification given through the API) is
/// kept rather than lost.
fn position_line(
    form: &Form,
    index: usize,
    kind: PersonnelType,
    recorded: &HashMap<i64, Requirements>,
) -> Result<Option<PositionRequest>, AppError> {
    let field = |name: &str| value(form, &line_field(index, name)).trim().to_owned();
    let (title, count) = (field("title"), field("count"));
    if title.is_empty() && count.is_empty() {
        return Ok(None);
    }
    let count = count.parse::<u32>().map_err(|_| {
        AppError::field(
            &line_field(index, "count"),
            "out_of_range",
            "validation.must_be_from_1_to_500",
        )
    })?;
    let rank = |name: &str| -> Result<Option<i32>, AppError> {
        match field(name) {
            code if code.is_empty() => Ok(None),
            code => bluehelm_domain::rank::rank(Service::Army, &code)
                .map(|rank| Some(rank.order))
                .ok_or_else(|| {
                    AppError::field(
                        &line_field(index, name),
                        "unknown_value",
                        "message.unknown_rank",
                    )
                }),
        }
    };
    let language = match (field("language"), field("min_level")) {
        (language, _) if language.is_empty() => None,
        (language, level) => Some(bluehelm_domain::eligibility::LanguageRequirement {
            language: language.to_lowercase(),
            min_level: Cefr::parse_field(&line_field(index, "min_level"), &level)?,
        }),
    };
    let id = field("id").parse::<i64>().ok();
    let kept = id.and_then(|id| recorded.get(&id));
    // The first of a list is what the form shows; the rest stay while it is unchanged.
    let listed = |name: &str, before: Option<&Vec<String>>| -> Vec<String> {
        let chosen = field(name);
        match before {
            Some(list) if list.first() == Some(&chosen) => list.clone(),
            _ => Some(chosen)
                .filter(|code| !code.is_empty())
                .into_iter()
                .collect(),
        }
    };
    Ok(Some(PositionRequest {
        id,
        title,
        count,
        requirements: Requirements {
            personnel_type: kind,
            services: kept.map(|r| r.services.clone()).unwrap_or_default(),
            min_rank: rank("min_rank")?,
            max_rank: rank("max_rank")?,
            specialties: listed("specialty", kept.map(|r| &r.specialties)),
            language,
            qualifications: listed("qualification", kept.map(|r| &r.qualifications)),
            gender: (!field("women_only").is_empty()).then_some(Gender::Female),
        },
    }))
}

/// The new-request form: the note verbale's facts and up to [`POSITION_LINES`] position
/// lines, each with its rank range, specialty, language and level, qualification.
fn request_input(
    form: &Form,
    recorded: &HashMap<i64, Requirements>,
) -> Result<(RequestInput, Vec<usize>), AppError> {
    let personnel_type = value(form, "personnel_type");
    let kind = PersonnelType::parse_field("personnel_type", &personnel_type)?;
    let mut positions = Vec::new();
    let mut lines = Vec::new();
    for index in 0..POSITION_LINES.max(recorded.len() + 1) {
        if let Some(position) = position_line(form, index, kind, recorded)? {
            positions.push(position);
            lines.push(index);
        }
    }
    Ok((
        RequestInput {
            reference: value(form, "reference"),
            mission: value(form, "mission"),
            personnel_type,
            received_on: value(form, "received_on"),
            nomination_deadline: value(form, "nomination_deadline"),
            tour_start: value(form, "tour_start"),
            tour_months: value(form, "tour_months"),
            note: value(form, "note"),
            positions,
        },
        lines,
    ))
}

/// Names a refused position by the form line it was typed on (blank lines are skipped,
/// so the request's n-th position may be a later line).
fn on_form_lines(error: AppError, lines: &[usize]) -> AppError {
    match error {
        AppError::Invalid(Invalid(errors)) => AppError::Invalid(Invalid(
            errors
                .into_iter()
                .map(|mut error| {
                    if let Some(rest) = error.field.strip_prefix("positions[") {
                        if let Some((index, tail)) = rest.split_once(']') {
                            if let Some(line) =
                                index.parse::<usize>().ok().and_then(|i| lines.get(i))
                            {
                                error.field = format!("positions[{line}]{tail}");
                            }
                        }
                    }
                    error
                })
                .collect(),
        )),
        other => other,
    }
}

pub async fn create_request(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match request_input(&form, &HashMap::new()) {
        Ok((input, lines)) => forces::create_request(&ctx, &input)
            .await
            .map_err(|error| on_form_lines(error, &lines)),
        Err(error) => Err(error),
    };
    after(
        caller,
        "/requests",
        result,
        |request| format!("/requests/{}", request.id),
        |errors| requests_page(&viewer, ListQuery::default(), Entry::refused(form, errors)),
    )
    .await
}

#[derive(Template)]
#[template(path = "request.html")]
struct RequestPage {
    layout: Layout,
    detail: RequestDetail,
    /// Each position's requirements, in words, by position id.
    requirements: HashMap<i64, Vec<String>>,
    selections: Vec<&'static str>,
    can_edit: bool,
    statuses: Vec<&'static str>,
    can_open_dossier: bool,
    categories: Vec<&'static str>,
    decisions: Vec<&'static str>,
    today: String,
    entry: Entry,
}

pub(super) async fn request_page(
    viewer: &Viewer,
    id: i64,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/requests/{id}");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = forces::request_detail(&ctx, id).await.in_layout(layout)?;
    let names = RequirementNames::load(&ctx, caller.lang())
        .await
        .in_layout(layout)?;
    let tr = Tr::new(caller.lang());
    let requirements = detail
        .positions
        .iter()
        .filter_map(|view| {
            let wanted = view.position.requirements()?;
            Some((
                view.position.id,
                requirement_lines(&tr, &wanted, &names, Service::Army),
            ))
        })
        .collect();
    let page = RequestPage {
        layout: layout(),
        detail,
        requirements,
        selections: Selection::ALL.iter().map(|s| s.as_str()).collect(),
        can_edit: policy::scope(&caller.principal, Action::Update, Resource::Mission).is_ok(),
        statuses: RequestStatus::ALL.iter().map(|s| s.as_str()).collect(),
        can_open_dossier: policy::scope(&caller.principal, Action::Create, Resource::Dossier)
            .is_ok(),
        categories: ForceCategory::ALL.iter().map(|c| c.as_str()).collect(),
        decisions: DecisionType::ALL.iter().map(|d| d.as_str()).collect(),
        today: today().to_string(),
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn request(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    request_page(&viewer, id, Entry::blank()).await
}

#[derive(Template)]
#[template(path = "request_edit.html")]
struct RequestEditPage {
    layout: Layout,
    id: i64,
    reference: String,
    form: RequestForm,
}

/// The form a request was recorded with, filled with what is recorded now.
fn recorded_form(detail: &RequestDetail) -> Form {
    let request = &detail.request;
    let mut form = Form::new();
    let mut put = |key: String, value: String| {
        form.insert(key, value);
    };
    put("reference".into(), request.reference.clone());
    put("mission".into(), request.mission_code.clone());
    put("personnel_type".into(), request.personnel_type.clone());
    put("received_on".into(), request.received_on.to_string());
    put(
        "nomination_deadline".into(),
        request.nomination_deadline.to_string(),
    );
    put("tour_start".into(), request.tour_start.to_string());
    put("tour_months".into(), request.tour_months.to_string());
    put("note".into(), request.note.clone().unwrap_or_default());
    let rank_code = |order: Option<i32>| {
        order
            .and_then(|order| {
                bluehelm_domain::rank::ranks(Service::Army)
                    .iter()
                    .find(|rank| rank.order == order)
            })
            .map(|rank| rank.code.clone())
            .unwrap_or_default()
    };
    for (index, view) in detail.positions.iter().enumerate() {
        let position = &view.position;
        let field = |name: &str| line_field(index, name);
        put(field("id"), position.id.to_string());
        put(field("title"), position.title.clone());
        put(field("count"), position.count.to_string());
        let Some(wanted) = position.requirements() else {
            continue;
        };
        put(field("min_rank"), rank_code(wanted.min_rank));
        put(field("max_rank"), rank_code(wanted.max_rank));
        put(
            field("specialty"),
            wanted.specialties.first().cloned().unwrap_or_default(),
        );
        put(
            field("qualification"),
            wanted.qualifications.first().cloned().unwrap_or_default(),
        );
        if let Some(language) = &wanted.language {
            put(field("language"), language.language.clone());
            put(field("min_level"), language.min_level.as_str().to_owned());
        }
        if wanted.gender == Some(Gender::Female) {
            put(field("women_only"), "1".into());
        }
    }
    form
}

async fn request_edit_page(
    viewer: &Viewer,
    id: i64,
    entry: Option<Entry>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/requests/{id}/edit");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let detail = forces::request_detail(&ctx, id).await.in_layout(layout)?;
    let entry = entry.unwrap_or_else(|| Entry::refused(recorded_form(&detail), Vec::new()));
    let form = RequestForm::load(&ctx, &layout().tr, detail.positions.len() + 1, entry)
        .await
        .in_layout(layout)?;
    let page = RequestEditPage {
        layout: layout(),
        id,
        reference: detail.request.reference,
        form,
    };
    render(&page, &page.form.entry.errors)
}

pub async fn edit_request(viewer: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    request_edit_page(&viewer, id, None).await
}

pub async fn update_request(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match forces::request_detail(&ctx, id).await {
        Ok(detail) => {
            let recorded: HashMap<i64, Requirements> = detail
                .positions
                .iter()
                .filter_map(|view| Some((view.position.id, view.position.requirements()?)))
                .collect();
            match request_input(&form, &recorded) {
                Ok((input, lines)) => forces::update_request(&ctx, id, &input)
                    .await
                    .map_err(|error| on_form_lines(error, &lines)),
                Err(error) => Err(error),
            }
        }
        Err(error) => Err(error),
    };
    after(
        caller,
        &format!("/requests/{id}/edit"),
        result,
        |request| format!("/requests/{}", request.id),
        |errors| request_edit_page(&viewer, id, Some(Entry::refused(form, errors))),
    )
    .await
}

/// "Who can fill this?" for a requested position (which nominates) or a line of a unit's
/// table of organisation (which only lists).
#[derive(Template)]
#[template(path = "candidates.html")]
pub(super) struct CandidatesPage {
    pub(super) layout: Layout,
    /// The page of the request or unit, for the way back.
    pub(super) back: String,
    /// This page's own address, which the name search reloads.
    pub(super) here: String,
    /// Where a nomination is posted; `None` where nobody is nominated from the list.
    pub(super) nominate: Option<String>,
    pub(super) fits: Fits,
    pub(super) requirements: Vec<String>,
    /// The name searched for, if any.
    pub(super) name: String,
    pub(super) entry: Entry,
}

impl CandidatesPage {
    fn summary(&self) -> Message {
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        Message::new("fits.summary")
            .number(
                "eligible",
                count(self.fits.eligible.len() + self.fits.more_eligible),
            )
            .number("pool", count(self.fits.pool))
            .number("committed", count(self.fits.committed))
            .number(
                "near",
                count(self.fits.near_misses.len() + self.fits.more_near_misses),
            )
            .number("far", count(self.fits.far))
    }

    fn more(&self) -> Message {
        Message::new("fits.more").number(
            "more",
            i64::try_from(self.fits.more_eligible).unwrap_or(i64::MAX),
        )
    }

    /// Whether the refused form was this person's.
    fn refused_for(&self, person_id: &i64) -> bool {
        self.entry.v("person_id") == person_id.to_string()
    }
}

async fn candidates_page(
    viewer: &Viewer,
    id: i64,
    position_id: i64,
    name: Option<String>,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let path = format!("/requests/{id}/positions/{position_id}/candidates");
    let layout = || Layout::for_caller(caller, &path);
    let ctx = viewer.ctx();
    let fits = planning::who_can_fill(&ctx, position_id, name.as_deref())
        .await
        .in_layout(layout)?;
    if fits.request_id != Some(id) {
        return Err(AppError::NotFound).in_layout(layout);
    }
    let names = RequirementNames::load(&ctx, caller.lang())
        .await
        .in_layout(layout)?;
    let position = forces::request_detail(&ctx, id)
        .await
        .in_layout(layout)?
        .positions
        .into_iter()
        .find(|view| view.position.id == position_id)
        .and_then(|view| view.position.requirements());
    let tr = Tr::new(caller.lang());
    let page = CandidatesPage {
        layout: layout(),
        back: format!("/requests/{id}"),
        here: path.clone(),
        nominate: Some(format!(
            "/requests/{id}/positions/{position_id}/nominations"
        )),
        fits,
        requirements: position
            .map(|wanted| requirement_lines(&tr, &wanted, &names, Service::Army))
            .unwrap_or_default(),
        name: name.unwrap_or_default(),
        entry,
    };
    render(&page, &page.entry.errors)
}

/// "Who can fill this?" for one requested position.
pub async fn candidates(
    viewer: Viewer,
    Path((id, position_id)): Path<(i64, i64)>,
    query: Result<Query<NameQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let name = query.ok().and_then(|Query(query)| query.name);
    candidates_page(&viewer, id, position_id, name, Entry::blank()).await
}

#[derive(Debug, serde::Deserialize)]
pub struct NameQuery {
    name: Option<String>,
}

/// Nominates a person chosen on "who can fill this?"; someone who fails a rule only with
/// the written reason typed beside them.
pub async fn nominate(
    viewer: Viewer,
    Path((id, position_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = match value(&form, "person_id").trim().parse::<i64>() {
        Ok(person_id) => {
            let reason = value(&form, "reason");
            forces::nominate(&ctx, position_id, person_id, Some(&reason)).await
        }
        Err(_) => Err(AppError::field(
            "person_id",
            "required",
            "message.choose_person",
        )),
    };
    let path = format!("/requests/{id}/positions/{position_id}/candidates");
    let searched = value(&form, "name");
    after(
        caller,
        &path,
        result,
        |_| match serde_urlencoded::to_string([("name", searched.trim())]) {
            Ok(query) if !searched.trim().is_empty() => format!("{path}?{query}"),
            _ => path.clone(),
        },
        |errors| {
            let name = Some(value(&form, "name")).filter(|name| !name.is_empty());
            candidates_page(&viewer, id, position_id, name, Entry::refused(form, errors))
        },
    )
    .await
}

/// Withdraws a nomination the UN has not answered yet, once confirmed.
pub async fn remove_nomination(
    viewer: Viewer,
    Path((id, nomination_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = if value(&form, "confirm").is_empty() {
        Err(AppError::field(
            &format!("nomination-{nomination_id}"),
            "confirmation_needed",
            "message.confirm_nomination_removal",
        ))
    } else {
        forces::remove_nomination(&ctx, nomination_id)
            .await
            .map_err(|error| on_nomination(error, nomination_id))
    };
    let path = format!("/requests/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| request_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

/// Records the UN's answer about one nominee.
pub async fn record_selection(
    viewer: Viewer,
    Path((id, nomination_id)): Path<(i64, i64)>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let result = forces::record_selection(&ctx, nomination_id, &value(&form, "selection"))
        .await
        .map_err(|error| on_nomination(error, nomination_id));
    let path = format!("/requests/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| request_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

/// A refusal about one nomination, shown on its row of the request page.
fn on_nomination(error: AppError, nomination_id: i64) -> AppError {
    match error {
        AppError::Invalid(Invalid(errors)) => AppError::Invalid(Invalid(
            errors
                .into_iter()
                .map(|error| FieldError {
                    field: format!("nomination-{nomination_id}"),
                    ..error
                })
                .collect(),
        )),
        other => other,
    }
}

/// Moves a request to another status. Declining or closing it ends the work on it, so the
/// form asks for that to be confirmed.
pub async fn set_status(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let status = value(&form, "status");
    let ends = matches!(
        RequestStatus::parse(&status),
        Some(RequestStatus::Declined | RequestStatus::Closed)
    );
    let result = if ends && value(&form, "confirm").is_empty() {
        Err(AppError::field(
            "confirm",
            "confirmation_needed",
            "message.confirm_request_end",
        ))
    } else {
        forces::set_request_status(&ctx, id, &status).await
    };
    let path = format!("/requests/{id}");
    after(
        caller,
        &path,
        result,
        |_| path.clone(),
        |errors| request_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}

/// Opens a dossier for a request's nominees, from the request's page.
pub async fn open_dossier(
    viewer: Viewer,
    Path(id): Path<i64>,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let ctx = viewer.ctx();
    let people = match forces::request_detail(&ctx, id).await {
        Ok(detail) => detail
            .positions
            .iter()
            .flat_map(|p| p.nominations.iter().map(|n| n.nomination.person_id))
            .collect(),
        Err(error) => return Err(error).in_layout(|| Layout::for_caller(caller, "/requests")),
    };
    let input = DossierInput {
        title: value(&form, "title"),
        category: value(&form, "category"),
        decision: value(&form, "decision"),
        dated: value(&form, "dated"),
        request_id: Some(id),
        unit_id: None,
        people,
    };
    let result = dossiers::open_dossier(&ctx, &input).await;
    let path = format!("/requests/{id}");
    after(
        caller,
        &path,
        result,
        |dossier| format!("/dossiers/{}", dossier.id),
        |errors| request_page(&viewer, id, Entry::refused(form, errors)),
    )
    .await
}
