//! Files served as downloads, the same way by the API and the web pages.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use bluehelm_store::dossier::DossierDocument;

/// A stored document served as a download: its recorded type, never sniffed, never shown
/// inline, with a file name reduced to safe characters.
pub fn document_response(document: &DossierDocument, content: Vec<u8>) -> Response {
    file_response(&document.file_name, &document.content_type, content)
}

/// A file served as a download of `content_type`, under a name reduced to safe characters.
pub fn file_response(file_name: &str, content_type: &str, content: Vec<u8>) -> Response {
    let safe_name: String = file_name
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
            (header::CONTENT_TYPE, content_type.to_owned()),
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
