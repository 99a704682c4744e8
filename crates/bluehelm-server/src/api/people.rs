//! `/people`: the personnel pool, its sub-records, eligibility and the expiry watch.

use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use bluehelm_domain::eligibility::{Requirements, Rule, Tour};
use bluehelm_domain::person::PersonInput;
use bluehelm_domain::records::{DocumentInput, LanguageInput, MedicalInput, QualificationInput};
use bluehelm_store::person::{Person, PERSON_SORT};
use bluehelm_store::records::{
    Expiry, IdentityDocument, LanguageTestRecord, MedicalRecord, QualificationRecord, EXPIRY_SORT,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{page_of, paging, ApiBytes, ApiJson, ApiPath, ApiQuery};
use super::{today, Said};
use crate::acting::Acting;
use crate::acting::{CreateMedical, CreatePerson, Gated, UpdatePerson};
use crate::error::{ApiError, Problem};
use crate::AppState;
use bluehelm_app::exchange::{self, ImportAnswer};
use bluehelm_app::i18n::Tr;
use bluehelm_app::people::{self, Created, PeopleQuery, PersonDetail};
use bluehelm_app::sheet::FileFormat;
use bluehelm_app::AppError;
use bluehelm_domain::exchange::RecordFile;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people", get(list).post(create))
        .route("/people/export.csv", get(export))
        .route(
            "/people/import",
            post(import).layer(axum::extract::DefaultBodyLimit::max(
                exchange::IMPORT_LIMIT_BYTES,
            )),
        )
        .route(
            "/imports/{kind}",
            post(import_file).layer(axum::extract::DefaultBodyLimit::max(
                exchange::IMPORT_LIMIT_BYTES,
            )),
        )
        .route("/exports/{file}", get(export_file))
        .route("/people/{id}", get(get_one).put(update))
        .route("/people/{id}/documents", post(add_document))
        .route("/people/{id}/languages", post(add_language))
        .route("/people/{id}/preferences", put(set_preferences))
        .route("/people/{id}/qualifications", post(add_qualification))
        .route("/people/{id}/medical", get(medical).post(add_medical))
        .route(
            "/people/{id}/assessments",
            get(assessments).post(add_assessment),
        )
        .route("/people/{id}/eligibility", post(eligibility))
        .route("/expiries", get(expiries))
}

page_of!(PersonPage, Person);
page_of!(ExpiryPage, Expiry);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonBody {
    pub agency_id: i64,
    /// army, navy, air_force, border_guard, police or civilian.
    pub service: String,
    /// Unique within the service.
    pub service_number: String,
    pub family_name: String,
    #[serde(default)]
    pub middle_name: String,
    pub given_name: String,
    /// female or male.
    pub gender: String,
    /// YYYY-MM-DD.
    pub birth_date: String,
    /// A rank code of the service's table (`dai-uy`); empty for civilians.
    #[serde(default)]
    pub rank: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    /// available (default), in_training, nominated, deployed, unavailable, retired.
    #[serde(default)]
    pub status: String,
    /// Specialty codes from `/specialties`.
    #[serde(default)]
    pub specialties: Vec<String>,
}

impl From<PersonBody> for PersonInput {
    fn from(body: PersonBody) -> Self {
        Self {
            agency_id: body.agency_id,
            service: body.service,
            service_number: body.service_number,
            family_name: body.family_name,
            middle_name: body.middle_name,
            given_name: body.given_name,
            gender: body.gender,
            birth_date: body.birth_date,
            rank: body.rank,
            phone: body.phone,
            email: body.email,
            status: body.status,
            specialties: body.specialties,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentBody {
    /// passport, official_passport, diplomatic_passport, visa, national_id.
    pub kind: String,
    pub number: String,
    #[serde(default)]
    pub issued_on: String,
    /// Required except for national identity cards.
    #[serde(default)]
    pub expires_on: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageBody {
    /// ISO 639-1: en, fr …
    pub language: String,
    /// un, ielts, toeic, toefl, national, other.
    pub test: String,
    #[serde(default)]
    pub score: String,
    /// CEFR: A1 … C2.
    pub level: String,
    pub tested_on: String,
    #[serde(default)]
    pub valid_until: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationBody {
    /// A code from `/qualification-kinds`.
    pub kind: String,
    pub issued_on: String,
    #[serde(default)]
    pub expires_on: String,
    #[serde(default)]
    pub reference: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MedicalBody {
    /// fit, fit_with_restrictions, temporarily_unfit, unfit.
    pub status: String,
    pub examined_on: String,
    pub valid_until: String,
    #[serde(default)]
    pub restrictions: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EligibilityBody {
    /// personnel_type, services, min_rank, max_rank, specialties, language {language,
    /// min_level}, qualifications, gender.
    #[schema(value_type = Object)]
    pub requirements: Requirements,
    /// {start: YYYY-MM-DD, months}.
    #[schema(value_type = Object)]
    pub tour: Tour,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EligibilityView {
    pub eligible: bool,
    /// Every failed rule with its reason, in a fixed order.
    pub failures: Vec<FailureView>,
}

/// A failed rule: which, and why as a message code with its parameters and the sentence in
/// the caller's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct FailureView {
    #[schema(value_type = String)]
    pub rule: Rule,
    pub reason: Said,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExpiryQuery {
    /// Days ahead, 1 to 730 (default 90).
    pub within_days: Option<i64>,
    /// expires_on (the default: soonest first), name, agency or record; prefix - for
    /// descending.
    pub sort: Option<String>,
    /// From 1 (default 1).
    pub page: Option<u32>,
    /// 1 to 500 (default 50).
    pub per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(PeopleQuery),
    responses((status = 200, body = PersonPage), (status = 400, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    acting: Acting,
    ApiQuery(query): ApiQuery<PeopleQuery>,
) -> Result<Json<PersonPage>, ApiError> {
    let (sort, page) = paging(
        query.page,
        query.per_page,
        query.sort.as_deref(),
        PERSON_SORT,
    )?;
    let ctx = acting.ctx();
    let filter = query.filter(&ctx, today()).await?;
    Ok(Json(
        people::list_people(&ctx, filter, sort, page, today())
            .await?
            .into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = PersonBody,
    responses((status = 201, body = Created), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    Gated(acting, _): Gated<CreatePerson>,
    ApiJson(body): ApiJson<PersonBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let ctx = acting.ctx();
    let created = people::create_person(&ctx, &body.into(), today()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people",
    responses((status = 200, body = PersonDetail), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get_one(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PersonDetail>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(people::person_detail(&ctx, id).await?))
}

#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "people", request_body = PersonBody,
    responses((status = 200, body = Person), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn update(
    Gated(acting, _): Gated<UpdatePerson>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PersonBody>,
) -> Result<Json<Person>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(
        people::update_person(&ctx, id, &body.into(), today()).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/people/{id}/documents", tag = "people", request_body = DocumentBody,
    responses((status = 201, body = IdentityDocument), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_document(
    Gated(acting, _): Gated<UpdatePerson>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DocumentBody>,
) -> Result<(StatusCode, Json<IdentityDocument>), ApiError> {
    let ctx = acting.ctx();
    let input = DocumentInput {
        kind: body.kind,
        number: body.number,
        issued_on: body.issued_on,
        expires_on: body.expires_on,
    };
    Ok((
        StatusCode::CREATED,
        Json(people::add_document(&ctx, id, &input).await?),
    ))
}

/// The missions a person asked to serve in, by code (at most three).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    pub missions: Vec<String>,
}

#[utoipa::path(put, path = "/api/v1/people/{id}/preferences", tag = "people", request_body = Preferences,
    responses((status = 200, body = Preferences), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_preferences(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Preferences>,
) -> Result<Json<Preferences>, ApiError> {
    let ctx = acting.ctx();
    let missions = people::set_mission_preferences(&ctx, id, &body.missions).await?;
    Ok(Json(Preferences { missions }))
}

#[utoipa::path(post, path = "/api/v1/people/{id}/languages", tag = "people", request_body = LanguageBody,
    responses((status = 201, body = LanguageTestRecord), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_language(
    Gated(acting, _): Gated<UpdatePerson>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<LanguageBody>,
) -> Result<(StatusCode, Json<LanguageTestRecord>), ApiError> {
    let ctx = acting.ctx();
    let input = LanguageInput {
        language: body.language,
        test: body.test,
        score: body.score,
        level: body.level,
        tested_on: body.tested_on,
        valid_until: body.valid_until,
    };
    Ok((
        StatusCode::CREATED,
        Json(people::add_language_test(&ctx, id, &input).await?),
    ))
}

#[utoipa::path(post, path = "/api/v1/people/{id}/qualifications", tag = "people", request_body = QualificationBody,
    responses((status = 201, body = QualificationRecord), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_qualification(
    Gated(acting, _): Gated<UpdatePerson>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<QualificationBody>,
) -> Result<(StatusCode, Json<QualificationRecord>), ApiError> {
    let ctx = acting.ctx();
    let input = QualificationInput {
        kind: body.kind,
        issued_on: body.issued_on,
        expires_on: body.expires_on,
        reference: body.reference,
    };
    Ok((
        StatusCode::CREATED,
        Json(people::add_qualification(&ctx, id, &input).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/people/{id}/medical", tag = "people",
    responses((status = 200, body = Vec<MedicalRecord>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn medical(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<MedicalRecord>>, ApiError> {
    let ctx = acting.ctx();
    Ok(Json(people::medical_records(&ctx, id).await?))
}

#[utoipa::path(post, path = "/api/v1/people/{id}/medical", tag = "people", request_body = MedicalBody,
    responses((status = 201, body = MedicalRecord), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_medical(
    Gated(acting, _): Gated<CreateMedical>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MedicalBody>,
) -> Result<(StatusCode, Json<MedicalRecord>), ApiError> {
    let ctx = acting.ctx();
    let input = MedicalInput {
        status: body.status,
        examined_on: body.examined_on,
        valid_until: body.valid_until,
        restrictions: body.restrictions,
    };
    Ok((
        StatusCode::CREATED,
        Json(people::add_medical(&ctx, id, &input).await?),
    ))
}

#[utoipa::path(post, path = "/api/v1/people/{id}/eligibility", tag = "people", request_body = EligibilityBody,
    responses((status = 200, body = EligibilityView), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn eligibility(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<EligibilityBody>,
) -> Result<Json<EligibilityView>, ApiError> {
    if !(1..=60).contains(&body.tour.months) {
        return Err(AppError::field(
            "tour.months",
            "out_of_range",
            "validation.must_be_between_1_and_60",
        )
        .into());
    }
    let ctx = acting.ctx();
    let failures = people::eligibility(&ctx, id, &body.requirements, &body.tour).await?;
    let tr = Tr::new(acting.caller.lang());
    Ok(Json(EligibilityView {
        eligible: failures.is_empty(),
        failures: failures
            .into_iter()
            .map(|failure| FailureView {
                rule: failure.rule,
                reason: Said::new(&tr, failure.reason),
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/expiries", tag = "people", params(ExpiryQuery),
    responses((status = 200, body = ExpiryPage), (status = 400, body = Problem, content_type = "application/problem+json")))]
pub async fn expiries(
    acting: Acting,
    ApiQuery(query): ApiQuery<ExpiryQuery>,
) -> Result<Json<ExpiryPage>, ApiError> {
    let (sort, page) = paging(
        query.page,
        query.per_page,
        query.sort.as_deref(),
        EXPIRY_SORT,
    )?;
    let days = query.within_days.unwrap_or(90);
    if !(1..=730).contains(&days) {
        return Err(AppError::field(
            "within_days",
            "out_of_range",
            "validation.must_be_between_1_and_730",
        )
        .into());
    }
    let ctx = acting.ctx();
    Ok(Json(
        people::expiries(&ctx, today(), days, sort, page)
            .await?
            .into(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check the file and report, write nothing (default true: a write must be asked for).
    pub dry_run: Option<bool>,
}

#[utoipa::path(post, path = "/api/v1/people/import", tag = "exchange", params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The people file, CSV or XLSX (first worksheet): columns agency_code, service, service_number, family_name, middle_name, given_name, gender, birth_date, rank, phone, email, status, specialties (codes separated by ;)."),
    responses((status = 200, body = ImportAnswer, description = "Checked (dry run), nothing written"),
        (status = 201, body = ImportAnswer, description = "Written in one transaction"),
        (status = 422, body = ImportAnswer, description = "Faults found, nothing written"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn import(
    Gated(acting, _): Gated<CreatePerson>,
    query: ApiQuery<ImportQuery>,
    ApiBytes(body): ApiBytes,
) -> Result<(StatusCode, Json<ImportAnswer>), ApiError> {
    import_file(
        Gated(acting, std::marker::PhantomData),
        ApiPath("people".to_owned()),
        query,
        ApiBytes(body),
    )
    .await
}

#[utoipa::path(post, path = "/api/v1/imports/{kind}", tag = "exchange", params(("kind" = String, Path, description = "people, documents, languages or qualifications"), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "CSV or XLSX (first worksheet). documents: service, service_number, kind, number, issued_on, expires_on. languages: service, service_number, language, test, score, level, tested_on, valid_until. qualifications: service, service_number, kind, issued_on, expires_on, reference. people: as /people/import."),
    responses((status = 200, body = ImportAnswer, description = "Checked (dry run), nothing written"),
        (status = 201, body = ImportAnswer, description = "Written in one transaction"),
        (status = 422, body = ImportAnswer, description = "Faults found, nothing written"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn import_file(
    Gated(acting, _): Gated<UpdatePerson>,
    ApiPath(kind): ApiPath<String>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    ApiBytes(body): ApiBytes,
) -> Result<(StatusCode, Json<ImportAnswer>), ApiError> {
    let file =
        RecordFile::parse_field("kind", &kind).map_err(|error| AppError::Invalid(error.into()))?;
    let ctx = acting.ctx();
    let dry_run = query.dry_run.unwrap_or(true);
    let report = match file {
        RecordFile::People => {
            exchange::import_people(&ctx, &body, dry_run, today(), std::sync::Arc::new(|_| {}))
                .await?
        }
        other => exchange::import_records(&ctx, other, &body, dry_run).await?,
    };
    exchange::refresh_statistics_after(ctx.store, &report);
    let status = if report.error_count > 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if report.written {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report.answer(&Tr::new(acting.caller.lang())))))
}

#[utoipa::path(get, path = "/api/v1/people/export.csv", tag = "exchange", params(PeopleQuery),
    responses((status = 200, content_type = "text/csv", description = "The people the reader may read, in the import's columns; no health data"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn export(
    acting: Acting,
    query: ApiQuery<PeopleQuery>,
) -> Result<axum::response::Response, ApiError> {
    export_file(acting, ApiPath("people.csv".to_owned()), query).await
}

#[utoipa::path(get, path = "/api/v1/exports/{file}", tag = "exchange",
    params(("file" = String, Path, description = "people, documents, languages or qualifications, then .csv or .xlsx: documents.xlsx"), PeopleQuery),
    responses((status = 200, content_type = "text/csv", description = "The file over the people the reader may read (filtered as the people list); never health data. CSV is streamed."),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn export_file(
    acting: Acting,
    ApiPath(name): ApiPath<String>,
    ApiQuery(query): ApiQuery<PeopleQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let unknown = || {
        AppError::field(
            "file",
            "invalid_value",
            "validation.must_be_people_documents_languages_or_qualifications",
        )
    };
    let (kind, _) = name.rsplit_once('.').ok_or_else(unknown)?;
    let file = RecordFile::parse(kind).ok_or_else(unknown)?;
    let format = FileFormat::from_name(&name).ok_or_else(unknown)?;
    let ctx = acting.ctx();
    let filter = query.filter(&ctx, today()).await?;
    let export = exchange::Export::new(&ctx, filter, file).await?;
    let disposition = format!(
        "attachment; filename=\"{}.{}\"",
        file.as_str(),
        format.extension()
    );
    let headers = [
        (
            axum::http::header::CONTENT_TYPE,
            format.content_type().to_owned(),
        ),
        (axum::http::header::CONTENT_DISPOSITION, disposition),
    ];
    if format == FileFormat::Xlsx {
        return Ok((headers, export.xlsx().await?).into_response());
    }
    let stream = futures_util::stream::unfold(Some(export), |export| async move {
        let mut export = export?;
        match export.next_csv_chunk().await {
            Ok(Some(bytes)) => Some((Ok::<_, AppError>(bytes), Some(export))),
            Ok(None) => None,
            Err(error) => {
                tracing::error!(error = %error, "the export stopped");
                Some((Err(error), None))
            }
        }
    });
    Ok((headers, axum::body::Body::from_stream(stream)).into_response())
}

#[utoipa::path(get, path = "/api/v1/people/{id}/assessments", tag = "people",
    responses((status = 200, body = Vec<bluehelm_store::assessment::AssessedPart>, description = "The parts of the person's assessments for mission service, the latest assessment first"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn assessments(
    acting: Acting,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<bluehelm_store::assessment::AssessedPart>>, ApiError> {
    Ok(Json(
        bluehelm_app::assessments::police_assessments(&acting.ctx(), id).await?,
    ))
}

/// One part of an assessment for mission service.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessedPartBody {
    /// english_reading, english_listening, english_writing, english_interview,
    /// competency_interview, driving or firearms.
    pub part: String,
    /// Points out of 100.
    pub score: u32,
    /// The points needed to pass, out of 100; 60 when left out.
    #[serde(default)]
    pub pass_mark: Option<u32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentBody {
    pub assessed_on: String,
    pub parts: Vec<AssessedPartBody>,
}

#[utoipa::path(post, path = "/api/v1/people/{id}/assessments", tag = "people", request_body = AssessmentBody,
    responses((status = 201, body = Vec<bluehelm_store::assessment::AssessedPart>, description = "Recorded, with the qualifications the parts passed in full award"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "A part of that day's assessment is already recorded"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn add_assessment(
    Gated(acting, _): Gated<UpdatePerson>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AssessmentBody>,
) -> Result<
    (
        StatusCode,
        Json<Vec<bluehelm_store::assessment::AssessedPart>>,
    ),
    ApiError,
> {
    let input = bluehelm_domain::assessment::AssessmentInput {
        assessed_on: body.assessed_on,
        parts: body
            .parts
            .into_iter()
            .map(|part| bluehelm_domain::assessment::PartInput {
                part: part.part,
                score: part.score.to_string(),
                pass_mark: part
                    .pass_mark
                    .map(|mark| mark.to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    };
    let recorded =
        bluehelm_app::assessments::record_police_assessment(&acting.ctx(), id, &input, today())
            .await?;
    Ok((StatusCode::CREATED, Json(recorded)))
}
