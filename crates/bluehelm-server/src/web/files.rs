//! The files page: upload a people or sub-record file (CSV or XLSX) for a dry run or an
//! import, see every fault by line and column, and download the exports.

use askama::Template;
use axum::extract::Multipart;
use axum::response::Response;
use bluehelm_domain::exchange::RecordFile;

use super::{render, Layout, SignedIn, Viewer, WebError, WithLayout};

use crate::AppState;
use axum::routing::get;
use axum::Router;
use bluehelm_app::exchange::{self, ImportReport};
use bluehelm_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/files",
        get(show)
            .post(upload)
            .layer(axum::extract::DefaultBodyLimit::max(
                bluehelm_app::exchange::IMPORT_LIMIT_BYTES,
            )),
    )
}

#[derive(Template)]
#[template(path = "files.html")]
struct FilesPage {
    layout: Layout,
    kinds: Vec<&'static str>,
    kind: String,
    report: Option<ImportReport>,
    dry_run: bool,
}

fn page(
    caller: &crate::auth::Caller,
    kind: String,
    report: Option<ImportReport>,
    dry_run: bool,
) -> FilesPage {
    FilesPage {
        layout: Layout::for_caller(caller, "/files"),
        kinds: RecordFile::ALL.iter().map(|kind| kind.as_str()).collect(),
        kind,
        report,
        dry_run,
    }
}

pub async fn show(SignedIn(caller): SignedIn) -> Result<Response, WebError> {
    render(&page(&caller, "people".to_owned(), None, true), &[])
}

fn unreadable(error: impl std::fmt::Display) -> AppError {
    tracing::info!(%error, "an upload could not be read");
    AppError::field("file", "unreadable", "validation.upload_unreadable")
}

pub async fn upload(viewer: Viewer, mut form: Multipart) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/files");
    let mut kind = String::from("people");
    let mut dry_run = false;
    let mut bytes = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(unreadable)
        .in_layout(layout)?
    {
        match field.name().unwrap_or_default() {
            "kind" => kind = field.text().await.map_err(unreadable).in_layout(layout)?,
            "dry_run" => dry_run = true,
            "file" => {
                bytes = field
                    .bytes()
                    .await
                    .map_err(unreadable)
                    .in_layout(layout)?
                    .to_vec()
            }
            _ => {}
        }
    }
    let file = RecordFile::parse_field("kind", &kind)
        .map_err(|error| AppError::Invalid(error.into()))
        .in_layout(layout)?;
    if bytes.is_empty() {
        return Err(AppError::field(
            "file",
            "required",
            "validation.choose_a_file_to_upload",
        ))
        .in_layout(layout);
    }
    let ctx = viewer.ctx();
    let today = bluehelm_store::now().date();
    let report = match file {
        RecordFile::People => {
            exchange::import_people(&ctx, &bytes, dry_run, today, std::sync::Arc::new(|_| {})).await
        }
        other => exchange::import_records(&ctx, other, &bytes, dry_run).await,
    }
    .in_layout(layout)?;
    exchange::refresh_statistics_after(ctx.store, &report);
    let errors: Vec<_> = report
        .errors
        .iter()
        .map(|error| error.fault.clone())
        .collect();
    render(&page(caller, kind, Some(report), dry_run), &errors)
}
