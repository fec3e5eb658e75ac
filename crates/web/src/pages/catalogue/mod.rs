//! The pages' catalogue of refusals, one table per language keyed by the refusal's code
//! (`service::refusal`). English is the code's own template; Chinese is here, with the
//! same named holes. A test holds the Chinese to every code there is.

use service::refusal::{fill, Refusal};

use super::i18n::Lang;

mod zh;

/// The refusal in `lang`; English when the catalogue has no text for its code (a test
/// makes sure it always has).
pub fn say(lang: Lang, refusal: &Refusal) -> String {
    let template = match lang {
        Lang::En => refusal.code.en,
        Lang::Zh => zh_of(refusal.code.key).unwrap_or(refusal.code.en),
    };
    fill(template, |name| {
        let value = refusal
            .args
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())?;
        // `what` names a kind of record in English (`not_found`, `stale_version`).
        match (lang, name) {
            (Lang::Zh, "what") => Some(zh::noun(value).unwrap_or(value)),
            _ => Some(value),
        }
    })
}

fn zh_of(key: &str) -> Option<&'static str> {
    zh::ZH.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::refusal::{all_codes, code_of, fields, holes};

    #[test]
    fn every_code_has_its_chinese_and_english_and_the_chinese_uses_only_their_holes() {
        let mut missing = Vec::new();
        for code in all_codes() {
            assert!(!code.en.trim().is_empty(), "{} has no English", code.key);
            let Some(zh) = zh_of(code.key) else {
                missing.push(code.key);
                continue;
            };
            assert!(
                !zh.trim().is_empty(),
                "{} has an empty Chinese text",
                code.key
            );
            // Chinese may leave out an English word (the stale record's kind), never
            // name a hole the code does not fill.
            let en_holes = holes(code.en);
            for hole in holes(zh) {
                assert!(
                    en_holes.contains(&hole),
                    "{}: the Chinese names {{{hole}}}, which the code has not",
                    code.key
                );
            }
        }
        assert!(missing.is_empty(), "codes without Chinese: {missing:?}");
    }

    #[test]
    fn the_chinese_names_only_codes_that_exist_and_each_once() {
        let mut seen = std::collections::BTreeSet::new();
        for (key, _) in zh::ZH {
            assert!(code_of(key).is_some(), "{key} is no code");
            assert!(seen.insert(key), "{key} is in the catalogue twice");
        }
    }

    #[test]
    fn a_kind_of_record_is_named_in_chinese() {
        let r = Refusal::of(service::refusal::general::NOT_FOUND).arg("what", "project");
        assert_eq!(say(Lang::Zh, &r), "找不到该项目");
        assert_eq!(say(Lang::En, &r), "project not found");
    }

    #[test]
    fn a_refusal_is_said_with_its_arguments() {
        let r = Refusal::of(fields::TOO_LONG).arg("max", 200);
        assert_eq!(say(Lang::Zh, &r), "最多 200 个字符");
        assert_eq!(say(Lang::En, &r), "must be at most 200 characters");
    }
}
