//! Small checks of input fields shared by the use cases, each naming its field.

use serde::{Deserialize, Deserializer};

use crate::refusal::{fields, Refusal};
use crate::FieldError;

/// For PATCH bodies: absent → `None`, `null` → `Some(None)`, a value → `Some(Some(v))`.
pub fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Collects field errors so that one answer names every bad field.
#[derive(Debug, Default)]
pub struct Checks(pub Vec<FieldError>);

impl Checks {
    pub fn fail(&mut self, field: &str, message: impl Into<crate::refusal::Refusal>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Text that must not be blank and not longer than `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.fail(field, fields::REQUIRED);
        } else if value.chars().count() > max {
            self.fail(field, Refusal::of(fields::TOO_LONG).arg("max", max));
        }
    }

    /// A day inside the product's range (see `domain::dates`).
    pub fn day(&mut self, field: &str, d: chrono::NaiveDate) {
        if let Err(e) = domain::dates::check_day(d) {
            self.fail(field, e);
        }
    }

    pub fn email(&mut self, field: &str, value: &str) {
        let ok = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if !ok || value.len() > 254 {
            self.fail(field, fields::EMAIL);
        }
    }

    /// A phone number as people write it: digits with optional `+`, spaces, `-` and
    /// parentheses, 5 to 20 digits, at most 30 characters (e.g. 0571-8888 1234, +86 138…).
    pub fn phone(&mut self, field: &str, value: &str) {
        let v = value.trim();
        let digits = v.chars().filter(char::is_ascii_digit).count();
        let ok = v.chars().count() <= 30
            && (5..=20).contains(&digits)
            && v.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
        if !ok {
            self.fail(field, fields::PHONE);
        }
    }

    /// A mainland mobile number (for chat mentions): 11 digits starting 13–19.
    pub fn mobile(&mut self, field: &str, value: &str) {
        if !domain::chat::is_mobile(value) {
            self.fail(field, fields::MOBILE);
        }
    }

    pub fn into_result(self) -> Result<(), crate::ServiceError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::ServiceError::invalid_fields(self.0))
        }
    }
}
