//! The JSON API under `/api/v1`, described by the OpenAPI document generated from these
//! handlers and types (served at `/api/v1/openapi.json`).
//!
//! Conventions, the same for every list: `page` (from 1), `per_page` (1–500, default 50),
//! `sort` (a key, `-key` for descending), filters as named query parameters; the answer is
//! `{items, total, page, per_page}`. Errors are `application/problem+json` with a stable
//! `code` and, for bad input, `errors: [{field, code, message}]`. Programs authenticate with
//! `Authorization: Bearer <token>`; browsers with the session cookie plus `X-CSRF-Token`.

mod agencies;
mod audit;
mod catalogue;
mod coordination;
mod deployments;
mod dossiers;
mod inspections;
mod lawmaking;
mod legal;
mod me;
mod missions;
mod outreach;
mod people;
mod planning;
mod procedures;
mod requests;
mod training;
mod units;
mod users;

use bluehelm_app::paging;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::ApiError;
use crate::AppState;
use bluehelm_app::AppError;

/// A message as the API returns it: its code and parameters, for clients that act on it,
/// and the sentence in the caller's language.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Said {
    pub code: &'static str,
    #[schema(value_type = Object)]
    pub params: serde_json::Value,
    pub message: String,
}

impl Said {
    pub fn new(tr: &bluehelm_app::i18n::Tr, message: bluehelm_domain::message::Message) -> Self {
        let sentence = tr.render(&message);
        let params = serde_json::to_value(&message)
            .ok()
            .and_then(|mut value| value.get_mut("params").map(serde_json::Value::take))
            .unwrap_or_default();
        Self {
            code: message.key,
            params,
            message: sentence,
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .merge(me::router())
        .merge(agencies::router())
        .merge(users::router())
        .merge(audit::router())
        .merge(people::router())
        .merge(training::router())
        .merge(catalogue::router())
        .merge(missions::router())
        .merge(requests::router())
        .merge(units::router())
        .merge(dossiers::router())
        .merge(deployments::router())
        .merge(planning::router())
        .merge(legal::router())
        .merge(lawmaking::router())
        .merge(coordination::router())
        .merge(inspections::router())
        .merge(outreach::router())
        .merge(procedures::router())
        .fallback(not_found)
}

fn today() -> time::Date {
    bluehelm_store::now().date()
}

async fn not_found() -> ApiError {
    AppError::NotFound.into()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bluehelm API",
        version = "1",
        description = "The system of record for a country's participation in UN peacekeeping. \
            Lists take `page`, `per_page` (≤ 500) and `sort` (`key` or `-key`) and answer \
            `{items, total, page, per_page}`. Errors are application/problem+json with a stable \
            `code` and the fields at fault."
    ),
    paths(
        me::me, me::list_tokens, me::create_token, me::revoke_token,
        agencies::list, agencies::get_one, agencies::create, agencies::update, agencies::delete,
        users::list, users::get_one, users::create, users::update, users::set_password,
        audit::list, audit::health, audit::check,
        people::list, people::create, people::get_one, people::update, people::add_document,
        people::add_language, people::set_preferences, people::add_qualification, people::medical, people::add_medical, people::assessments, people::add_assessment,
        people::eligibility, people::import, people::import_file, people::export, people::export_file, people::expiries,
        catalogue::specialties, catalogue::create_specialty, catalogue::update_specialty,
        catalogue::qualification_kinds, catalogue::create_qualification_kind, catalogue::update_qualification_kind,
        catalogue::eligibility_settings, catalogue::set_eligibility_settings,
        catalogue::suitability_weights, catalogue::set_suitability_weights,
        training::list, training::create, training::get_one, training::update, training::enrol, training::record_result,
        training::list_notices, training::read_notices,
        missions::missions, missions::mission, missions::add_resolution,
        missions::create_mission, missions::update_mission,
        requests::requests, requests::create_request, requests::request, requests::set_request_status, requests::nominate,
        requests::candidates, requests::remove_nomination, requests::record_selection,
        requests::update_request,
        planning::propose_plan, planning::accept_plan, planning::propose_unit_plan, planning::accept_unit_plan,
        units::units, units::create_unit, units::unit, units::update_unit, units::add_unit_position,
        units::update_unit_position, units::remove_unit_position, units::line_candidates, units::record_readiness,
        dossiers::list_dossiers, dossiers::open_dossier, dossiers::waiting, dossiers::dossier, dossiers::decide,
        dossiers::attach, dossiers::download,
        deployments::list_deployments, deployments::plan_deployment, deployments::deployment, deployments::move_deployment,
        deployments::incidents, deployments::add_incident, deployments::follow_up_incident,
        deployments::deployed_now,
        legal::documents, legal::document, legal::create_document, legal::update_document,
        legal::add_relation, legal::health, legal::council, legal::attach_file, legal::download_file, legal::graph,
        lawmaking::list_projects, lawmaking::project, lawmaking::create_project, lawmaking::complete_stage,
        lawmaking::add_draft, lawmaking::add_opinion, lawmaking::answer_opinion,
        coordination::list_tasks, coordination::summary, coordination::task, coordination::create_directive, coordination::take_step,
        coordination::list_bodies, coordination::body, coordination::create_body, coordination::add_member,
        coordination::list_conferences, coordination::conference, coordination::create_conference,
        inspections::list, inspections::one, inspections::create, inspections::record_check,
        inspections::add_finding, inspections::add_recommendation, inspections::add_evidence,
        inspections::evidence, inspections::add_person, inspections::people_on_tour,
        outreach::list, outreach::totals, outreach::create,
        procedures::list_templates, procedures::template, procedures::new_version,
        procedures::save_draft, procedures::activate,
    ),
    components(schemas(crate::error::Problem, crate::error::ProblemField)),
    modifiers(&Security, &Conformance),
    security(("bearer" = []), ("session" = [])),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// What every operation shares and the handlers' annotations leave out: the path
/// parameters (ids are integers from 1), the problems any request may meet, and pages
/// counted from 1. Done once here so that no operation can forget them.
struct Conformance;

impl Modify for Conformance {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
        use utoipa::openapi::{ContentBuilder, ObjectBuilder, Ref, Required, Type};

        let problem = || {
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build()
        };
        let path_parameter = |name: &str| {
            let schema = if name == "id" || name.ends_with("_id") {
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                        utoipa::openapi::KnownFormat::Int64,
                    )))
                    .minimum(Some(1))
            } else {
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .min_length(Some(1))
            };
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .schema(Some(schema))
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let names: Vec<&str> = path
                .split('/')
                .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
                .collect();
            let operations: [(bool, &mut Option<Operation>); 5] = [
                (false, &mut item.get),
                (true, &mut item.put),
                (true, &mut item.post),
                (true, &mut item.delete),
                (true, &mut item.patch),
            ];
            for (writes, operation) in operations {
                let Some(operation) = operation else { continue };
                let parameters = operation.parameters.get_or_insert_with(Vec::new);
                for name in &names {
                    let declared = parameters.iter().any(|parameter| {
                        parameter.name == *name && parameter.parameter_in == ParameterIn::Path
                    });
                    if !declared {
                        parameters.push(path_parameter(name));
                    }
                }
                for parameter in parameters.iter_mut() {
                    if parameter.parameter_in == ParameterIn::Query
                        && matches!(parameter.name.as_str(), "page" | "per_page")
                    {
                        let maximum = (parameter.name == "per_page")
                            .then_some(f64::from(bluehelm_domain::listing::MAX_PER_PAGE));
                        let mut schema = ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(1));
                        if let Some(maximum) = maximum {
                            schema = schema.maximum(Some(maximum));
                        }
                        parameter.schema = Some(schema.into());
                    }
                }
                let mut statuses = vec!["400", "401", "403", "404", "422"];
                if writes {
                    // A write may meet a record in a state that refuses it, or a duplicate.
                    statuses.push("409");
                }
                if operation.request_body.is_some() {
                    statuses.extend(["413", "415"]);
                }
                for status in statuses {
                    let response = operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| {
                            utoipa::openapi::Response::new("A problem (RFC 9457)").into()
                        });
                    if let utoipa::openapi::RefOr::T(response) = response {
                        response
                            .content
                            .entry("application/problem+json".to_owned())
                            .or_insert_with(problem);
                    }
                }
            }
        }
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// A raw body (a file) whose rejections are problems: too large is a 413 problem.
pub struct ApiBytes(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBytes {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::body::Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(ApiBytes(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::PayloadTooLarge)
            }
            Err(rejection) => Err(ApiError::Rejected {
                status: rejection.status(),
                code: "unreadable_body",
                field: None,
                message: rejection.body_text(),
            }),
        }
    }
}

/// `Json<T>` whose rejections are problems naming the field at fault.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_problem(rejection)),
        }
    }
}

fn json_problem(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonDataError(error) => {
            // axum reports "…target type: <path>: <reason>"; the path is the field at fault.
            let text = error.body_text();
            let detail = text
                .split_once("target type: ")
                .map_or(text.as_str(), |(_, rest)| rest);
            let (field, message) = match detail.split_once(": ") {
                Some((path, reason)) if !path.contains(' ') => {
                    (Some(path.to_owned()), reason.to_owned())
                }
                _ => (None, detail.to_owned()),
            };
            let field = field.or_else(|| unknown_field(detail));
            ApiError::Rejected {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "invalid_body",
                field,
                message,
            }
        }
        JsonRejection::JsonSyntaxError(error) => ApiError::Rejected {
            status: StatusCode::BAD_REQUEST,
            code: "malformed_json",
            field: None,
            message: error.body_text(),
        },
        JsonRejection::MissingJsonContentType(_) => ApiError::Rejected {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "unsupported_media_type",
            field: None,
            message: "send the body as application/json".to_owned(),
        },
        JsonRejection::BytesRejection(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge
        }
        other => ApiError::Rejected {
            status: other.status(),
            code: "unreadable_body",
            field: None,
            message: other.body_text(),
        },
    }
}

/// The name in "unknown field `name`, expected …".
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.split_once("unknown field `")?.1;
    Some(rest.split('`').next()?.to_owned())
}

/// `Query<T>` whose rejections are problems.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_problem(rejection)),
        }
    }
}

fn query_problem(rejection: QueryRejection) -> ApiError {
    let text = rejection.body_text();
    let detail = text
        .split_once("string: ")
        .map_or(text.as_str(), |(_, rest)| rest)
        .to_owned();
    ApiError::Rejected {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_query",
        field: unknown_field(&detail),
        message: detail,
    }
}

/// Declares the JSON page type of a list, so each appears in the OpenAPI document.
macro_rules! page_of {
    ($page:ident, $item:ty) => {
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $page {
            pub items: Vec<$item>,
            /// How many items match; a lower bound when `total_capped`.
            pub total: i64,
            /// The count stopped at a cap: there are more than `total`.
            pub total_capped: bool,
            pub page: u32,
            pub per_page: u32,
        }

        impl<T: Into<$item>> From<bluehelm_domain::listing::Page<T>> for $page {
            fn from(page: bluehelm_domain::listing::Page<T>) -> Self {
                Self {
                    items: page.items.into_iter().map(Into::into).collect(),
                    total: page.total,
                    total_capped: page.total_capped,
                    page: page.page,
                    per_page: page.per_page,
                }
            }
        }
    };
}
pub(crate) use page_of;

/// `Path<T>` whose rejections are problems.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(ApiError::Rejected {
                status: StatusCode::BAD_REQUEST,
                code: "invalid_path",
                field: Some("id".to_owned()),
                message: rejection.body_text(),
            }),
        }
    }
}
