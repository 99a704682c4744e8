//! Errors for input that breaks a rule, naming the field at fault and the reason.

use serde::Serialize;

/// One broken rule: which field, a stable machine code, and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
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
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "required", "must not be empty"));
    }
    if value.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "control_character",
            "must not contain control characters",
        ));
    }
    // Names never need markup; refusing it keeps pasted HTML out of records and exports.
    if value.contains(['<', '>']) {
        return Err(FieldError::new(field, "markup", "must not contain < or >"));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

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
