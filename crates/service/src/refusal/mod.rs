//! Refusals by code (docs/api.md, Conventions): each kind of refusal is a [`Code`] with a
//! stable snake_case key and an English template with named holes ("must be at most {max}
//! characters"). A [`Refusal`] is a code and the texts for its holes. The API answers the
//! key and the arguments beside the English; the pages translate by key from their own
//! catalogue, never by reading the English.
//!
//! Codes are declared only through [`codes!`], one file per subject, which also lists them
//! in that file's `ALL`, so [`ALL_CODES`] sees every code and a catalogue test can hold
//! each language to all of them.

use std::collections::BTreeMap;
use std::fmt;

/// Declares codes as `pub const NAME: Code` and lists them all in `pub const ALL`.
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $key:literal, $en:literal;)*) => {
        $($(#[$doc])* pub const $name: $crate::refusal::Code =
            $crate::refusal::Code { key: $key, en: $en };)*
        /// Every code of this file.
        pub const ALL: &[$crate::refusal::Code] = &[$($name),*];
    };
}

pub mod calendar;
pub mod chat;
pub mod dashboard;
pub mod enterprises;
pub mod events;
pub mod fields;
pub mod forecasts;
pub mod forms;
pub mod general;
pub mod handover;
pub mod http;
pub mod imports;
pub mod landing;
pub mod licences;
pub mod lists;
pub mod project_codes;
pub mod projects;
pub mod records;
pub mod reports;
pub mod requests;
pub mod robots;
pub mod routes;
pub mod steps;

/// Every code there is, by subject.
pub const ALL_CODES: &[&[Code]] = &[
    general::ALL,
    fields::ALL,
    http::ALL,
    records::ALL,
    requests::ALL,
    chat::ALL,
    events::ALL,
    projects::ALL,
    steps::ALL,
    dashboard::ALL,
    enterprises::ALL,
    project_codes::ALL,
    routes::ALL,
    licences::ALL,
    robots::ALL,
    landing::ALL,
    calendar::ALL,
    reports::ALL,
    lists::ALL,
    handover::ALL,
    imports::ALL,
    forms::ALL,
    forecasts::ALL,
];

/// Every code, one after another.
pub fn all_codes() -> impl Iterator<Item = Code> {
    ALL_CODES.iter().flat_map(|c| c.iter().copied())
}

/// The code with this key, if there is one.
pub fn code_of(key: &str) -> Option<Code> {
    all_codes().find(|c| c.key == key)
}

/// A kind of refusal: its stable key and its English template (`{name}` marks a hole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub key: &'static str,
    pub en: &'static str,
}

/// One refusal: its code and the text for each named hole of the code's template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: Code,
    pub args: Vec<(&'static str, String)>,
}

impl Refusal {
    pub fn of(code: Code) -> Refusal {
        Refusal { code, args: vec![] }
    }

    /// The same refusal with the hole `name` filled by `value`.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Refusal {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn key(&self) -> &'static str {
        self.code.key
    }

    /// The arguments by name, as the API answers them.
    pub fn args_map(&self) -> BTreeMap<String, String> {
        self.args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    /// The English sentence: the code's template with its holes filled.
    pub fn english(&self) -> String {
        fill(self.code.en, |name| {
            self.args
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str())
        })
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl From<Code> for Refusal {
    fn from(code: Code) -> Refusal {
        Refusal::of(code)
    }
}

/// `template` with each `{name}` replaced by `value(name)`; a hole without a value stays
/// as it is written, so a missing argument shows rather than vanishes.
pub fn fill<'a>(template: &str, value: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of a template's holes, in order of first appearance.
pub fn holes(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        if !out.contains(&&after[..close]) {
            out.push(&after[..close]);
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_snake_case_and_every_code_has_english() {
        let mut seen = std::collections::BTreeSet::new();
        for c in all_codes() {
            assert!(seen.insert(c.key), "the key {} is used twice", c.key);
            assert!(
                !c.key.is_empty()
                    && c.key
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
                    && !c.key.starts_with('_')
                    && !c.key.ends_with('_'),
                "{} is not snake_case",
                c.key
            );
            assert!(!c.en.trim().is_empty(), "{} has no English", c.key);
            for h in holes(c.en) {
                assert!(
                    !h.is_empty() && h.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                    "{}: the hole {{{h}}} has no name",
                    c.key
                );
            }
        }
    }

    #[test]
    fn the_english_fills_the_named_holes() {
        let r = Refusal::of(fields::TOO_LONG).arg("max", 200);
        assert_eq!(r.english(), "must be at most 200 characters");
        assert_eq!(r.args_map()["max"], "200");
        assert_eq!(holes("{a} and {b} and {a}"), vec!["a", "b"]);
    }
}
