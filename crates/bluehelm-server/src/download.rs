//! Files served as downloads, the same way by the API and the web pages.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use bluehelm_store::dossier::DossierDocument;

/// A stored document served as a download: its recorded type, never sniffed, never shown
/// inline, with a file name reduced to safe characters.
pub fn document_response(document: &DossierDocument, content: Vec<u8>) -> Response {
    let safe_name: String = document
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, document.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe_name}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        content,
    )
        .into_response()
}
