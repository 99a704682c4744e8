//! Errors for input that breaks a rule, naming the field at fault and the reason.

use serde::Serialize;

use crate::message::Message;

/// One broken rule: which field, a stable machine code, a sentence for people (a catalogue
/// key), and the reasons behind it as messages (the rules a person fails, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Message>,
    /// The sentence as a message with parameters, when it has any (`message` then holds
    /// its key).
    #[serde(skip)]
    pub said: Option<Box<Message>>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
            reasons: Vec::new(),
            said: None,
        }
    }

    /// An error whose sentence has parameters (a limit, a date, a name).
    pub fn said(field: impl Into<String>, code: &'static str, message: Message) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.key.to_owned(),
            reasons: Vec::new(),
            said: Some(Box::new(message)),
        }
    }

    /// The same error, with the reasons that explain it.
    pub fn because(self, reasons: Vec<Message>) -> Self {
        Self { reasons, ..self }
    }
}

/// Every rule the input broke, so the user can fix all of them at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn one(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, code, message)])
    }
}

impl From<FieldError> for Invalid {
    fn from(error: FieldError) -> Self {
        Self(vec![error])
    }
}

/// Collects field errors while a whole input is checked.
#[derive(Debug, Default)]
pub struct Checker(Vec<FieldError>);

impl Checker {
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}

/// A trimmed, non-empty text of at most `max` characters without control characters.
pub fn text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    checked_text(field, value, max, false)
}

/// [`text`] in paragraphs: line breaks are kept (a form's CR LF as LF), no other control
/// character is.
pub fn paragraphs(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    checked_text(field, &value.replace("\r\n", "\n"), max, true)
}

/// An empty value is `None`; anything else must pass [`paragraphs`].
pub fn optional_paragraphs(
    field: &str,
    value: &str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        paragraphs(field, value, max).map(Some)
    }
}

fn checked_text(
    field: &str,
    value: &str,
    max: usize,
    line_breaks: bool,
) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(
            field,
            "required",
            "validation.must_not_be_empty",
        ));
    }
    if value.chars().count() > max {
        return Err(FieldError::said(
            field,
            "too_long",
            Message::new("validation.at_most_characters")
                .number("max", i64::try_from(max).unwrap_or(i64::MAX)),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !(line_breaks && c == '\n'))
    {
        return Err(FieldError::new(
            field,
            "control_character",
            "validation.must_not_contain_control_characters",
        ));
    }
    // Direction overrides and zero-width characters make a text read otherwise than it
    // sorts, searches and compares ("Nguyễn" twice, one with a hidden mark inside).
    if value.chars().any(is_invisible_format) {
        return Err(FieldError::new(
            field,
            "invisible_character",
            "validation.must_not_contain_direction_marks_or_zero",
        ));
    }
    // Names never need markup; refusing it keeps pasted HTML out of records and exports.
    if value.contains(['<', '>']) {
        return Err(FieldError::new(
            field,
            "markup",
            "validation.must_not_contain_or",
        ));
    }
    Ok(value.to_owned())
}

/// Bidirectional embeddings, overrides, isolates and marks, and zero-width characters.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_overrides_and_zero_width_characters_are_refused() {
        for sneaky in [
            "Nguy\u{200B}ễn",
            "Lan\u{202E}nĐ",
            "\u{2066}Hoa\u{2069}",
            "An\u{FEFF}h",
        ] {
            assert_eq!(
                text("family_name", sneaky, 50).unwrap_err().code,
                "invisible_character",
                "{sneaky:?}"
            );
        }
        assert_eq!(text("family_name", "Nguyễn", 50).unwrap(), "Nguyễn");
    }

    #[test]
    fn paragraphs_keep_their_line_breaks_and_nothing_else() {
        assert_eq!(
            paragraphs("agenda", "1. Báo cáo.\r\n2. Kết luận.", 50).as_deref(),
            Ok("1. Báo cáo.\n2. Kết luận.")
        );
        assert_eq!(
            paragraphs("agenda", "a\tb", 50).unwrap_err().code,
            "control_character"
        );
        assert_eq!(
            text("title", "a\nb", 50).unwrap_err().code,
            "control_character"
        );
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            text("name", "  Bộ Quốc phòng ", 20).as_deref(),
            Ok("Bộ Quốc phòng")
        );
        assert_eq!(text("name", "   ", 20).unwrap_err().code, "required");
        assert_eq!(text("name", "ábcdef", 5).unwrap_err().code, "too_long");
        assert_eq!(
            text("name", "a\u{0}b", 5).unwrap_err().code,
            "control_character"
        );
        assert_eq!(text("name", "<b>x</b>", 50).unwrap_err().code, "markup");
    }
}
