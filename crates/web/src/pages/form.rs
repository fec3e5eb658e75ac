//! Forms of the pages: the fields as typed, and a refusal shown beside its fields.
//!
//! A handler reads [`Fields`], calls its use case, and on a refusal the service can explain
//! (invalid, conflicting, stale, too large) renders the same form again with
//! [`FormErrors`] and the typed values, answering the refusal's status; anything else goes
//! to the error page. A success redirects with `?done=<word>`, which the layout shows as a
//! confirmation (`render.rs`).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::web;
use serde_json::{json, Value};

use service::ServiceError;

use super::i18n::{word, Lang};
use super::messages::{translate_field, translate_refusal};
use super::session::{constant_eq, PageError, Viewer};
use crate::problem::status_of;

/// A submitted form, every field as typed (a repeated field keeps all its values).
#[derive(Debug, Default, Clone)]
pub struct Fields(Vec<(String, String)>);

pub type FormBody = web::Form<Vec<(String, String)>>;

impl Fields {
    pub fn new(form: FormBody) -> Fields {
        Fields(form.into_inner())
    }

    /// The field's first value, "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a repeated field (a multi-select), blanks left out.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// Whether the form has the field at all (blank or not).
    pub fn all_of(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// The field's value trimmed, `None` when blank.
    pub fn opt(&self, name: &str) -> Option<&str> {
        Some(self.get(name).trim()).filter(|v| !v.is_empty())
    }

    /// The values to show again in the form: each field's first value, repeated fields
    /// as lists under `name[]`. The CSRF token is left out.
    pub fn values(&self) -> Value {
        let mut out = serde_json::Map::new();
        for (k, v) in self.0.iter().filter(|(k, _)| k != "csrf") {
            out.entry(k.clone()).or_insert_with(|| json!(v));
            let list = out.entry(format!("{k}[]")).or_insert_with(|| json!([]));
            if let Value::Array(a) = list {
                a.push(json!(v));
            }
        }
        Value::Object(out)
    }

    /// Refuses a form whose `csrf` field is not this session's token.
    pub fn check_csrf(&self, v: &Viewer) -> Result<(), PageError> {
        if constant_eq(self.get("csrf").as_bytes(), v.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(PageError::Csrf)
        }
    }
}

/// Why a form was refused, in the reader's language: a message per field, and what
/// belongs to no field on the form.
#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    pub fields: BTreeMap<String, String>,
    pub general: Vec<String>,
}

impl FormErrors {
    /// A refusal the form can show; `None` for one it cannot (not found, forbidden,
    /// internal), which the error page shows. `on_form` names the form's fields: a
    /// field error elsewhere (`steps[2].key`) is matched to its form field by the
    /// longest field name it starts with, else shown above the form.
    pub fn of(lang: Lang, e: &ServiceError, on_form: &[&str]) -> Option<FormErrors> {
        let mut out = FormErrors::default();
        match e {
            ServiceError::Invalid { errors, .. } => {
                for fe in errors {
                    let message = translate_field(lang, fe);
                    match form_field(&fe.field, on_form) {
                        Some(f) => {
                            out.fields.entry(f.to_string()).or_insert(message);
                        }
                        None => out.general.push(format!("{}：{message}", fe.field)),
                    }
                }
                if errors.is_empty() {
                    out.general.push(translate_refusal(lang, &e.refusal()));
                }
            }
            ServiceError::Conflict(r) => out.general.push(translate_refusal(lang, r)),
            ServiceError::StaleVersion { .. } => out.general.push(word(lang, "form_stale")),
            ServiceError::TooLarge { field, refusal } => match form_field(field, on_form) {
                Some(f) => {
                    out.fields
                        .insert(f.to_string(), translate_refusal(lang, refusal));
                }
                None => out.general.push(translate_refusal(lang, refusal)),
            },
            _ => return None,
        }
        Some(out)
    }

    /// One field's message (a check the page makes before calling the service).
    pub fn field(name: &str, message: impl Into<String>) -> FormErrors {
        let mut out = FormErrors::default();
        out.fields.insert(name.to_string(), message.into());
        out
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }

    /// For the template: `errors.<field>` and `form_errors` (the general ones).
    pub fn context(&self) -> Value {
        json!({"errors": self.fields, "form_errors": self.general,
            "form_refused": !self.is_empty()})
    }
}

/// A refused use case as its form shows it: the status to answer and the messages; a
/// refusal no form can show (not found, forbidden, internal) goes to the error page.
pub fn refusal(
    lang: Lang,
    e: ServiceError,
    on_form: &[&str],
) -> Result<(StatusCode, FormErrors), PageError> {
    match FormErrors::of(lang, &e, on_form) {
        Some(errors) => Ok((status_of(&e), errors)),
        None => Err(e.into()),
    }
}

/// A refused use case as the form shows it, a conflict shown beside `conflict_field`
/// (the one field a conflict of this use case can be about; "" for none: above the form).
pub fn refusal_at(
    lang: Lang,
    e: ServiceError,
    on_form: &[&str],
    conflict_field: &str,
) -> Result<(StatusCode, FormErrors), PageError> {
    match e {
        ServiceError::Conflict(m) if !conflict_field.is_empty() => Ok((
            StatusCode::CONFLICT,
            FormErrors::field(conflict_field, translate_refusal(lang, &m)),
        )),
        e => refusal(lang, e, on_form),
    }
}

/// The form field a service field belongs to: itself, or the longest form field it
/// starts with followed by `[` or `.`.
fn form_field<'a>(field: &str, on_form: &[&'a str]) -> Option<&'a str> {
    on_form
        .iter()
        .filter(|f| {
            field == **f
                || field
                    .strip_prefix(**f)
                    .is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
        })
        .max_by_key(|f| f.len())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_fields_find_their_form_fields() {
        let on_form = ["steps", "steps[0].key", "name"];
        assert_eq!(form_field("name", &on_form), Some("name"));
        assert_eq!(form_field("steps[0].key", &on_form), Some("steps[0].key"));
        assert_eq!(form_field("steps[1].key", &on_form), Some("steps"));
        assert_eq!(form_field("names", &on_form), None);
    }

    #[test]
    fn a_refusal_speaks_chinese_beside_its_field() {
        let e = ServiceError::Invalid {
            detail: "invalid".into(),
            errors: vec![
                service::FieldError::new("name", service::refusal::fields::REQUIRED),
                service::FieldError::new(
                    "liaison_ids[0]",
                    service::refusal::Refusal::of(service::refusal::projects::NO_SUCH_USER)
                        .arg("id", 9),
                ),
            ],
        };
        let f = FormErrors::of(Lang::Zh, &e, &["name"]).unwrap();
        assert_eq!(f.fields["name"], "必填");
        assert_eq!(f.general, ["liaison_ids[0]：没有编号为 9 的用户"]);
        assert!(FormErrors::of(Lang::Zh, &ServiceError::NotFound("project"), &[]).is_none());
    }
}
