//! The pages show the service's refusals in the reader's language: a refusal with its own
//! code is said from the catalogue (`catalogue`). A refusal still written as an English
//! sentence (code `refused`, being converted) is matched against the old tables below,
//! which map each message template to its Chinese: `{}` stands for any text, carried over
//! in order. A message no table knows is shown as it is, in English.

use service::refusal::Refusal;
use service::FieldError;

use super::i18n::Lang;
use super::words::Messages;

/// A refusal of the service in `lang`.
pub fn translate_refusal(lang: Lang, refusal: &Refusal) -> String {
    match refusal.legacy() {
        Some(message) => translate(lang, message),
        None => super::catalogue::say(lang, refusal),
    }
}

/// A field's refusal in `lang`.
pub fn translate_field(lang: Lang, error: &FieldError) -> String {
    match error.refusal() {
        Some(refusal) => translate_refusal(lang, &refusal),
        None => translate(lang, &error.message),
    }
}

const CATALOGS: &[Messages] = &[
    super::words::forms::MESSAGES,
    super::words::projects::MESSAGES,
    super::words::records::MESSAGES,
    super::words::events::MESSAGES,
    super::words::enterprise::MESSAGES,
    // Issue 16's areas.
    super::words::cockpit::MESSAGES,
    //
    super::words::lists::MESSAGES,
    //
    super::words::agencies::MESSAGES,
    super::words::chat::MESSAGES,
    // Issue 20: enterprise requests.
    super::words::requests::MESSAGES,
    // Issue 19: landing.
    super::words::landing::MESSAGES, // Issue 28: admin forms.
    super::words::admin::MESSAGES,
];

/// The message in `lang`.
pub fn translate(lang: Lang, message: &str) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    CATALOGS
        .iter()
        .flat_map(|c| c.iter())
        .find_map(|(en, zh)| holes(en, message).map(|args| fill(zh, &args)))
        .unwrap_or_else(|| message.to_string())
}

/// The texts standing in the template's `{}` holes, if `message` fits the template.
fn holes<'m>(template: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let (first, rest) = parts.split_first()?;
    let mut left = message.strip_prefix(first)?;
    let mut args = Vec::new();
    for (i, part) in rest.iter().enumerate() {
        let at = if i == rest.len() - 1 {
            // The final literal ends the message.
            left.strip_suffix(part)?.len()
        } else if part.is_empty() {
            return None;
        } else {
            left.find(part)?
        };
        args.push(&left[..at]);
        left = &left[at + part.len()..];
    }
    left.is_empty().then_some(args)
}

/// The Chinese template with its holes filled: `{}` takes the next text, `{N}` the N-th
/// (for sentences that name things in another order).
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let index = match &after[..close] {
            "" => {
                next += 1;
                next - 1
            }
            n => n.parse().unwrap_or(usize::MAX),
        };
        out.push_str(args.get(index).copied().unwrap_or(""));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_with_holes_are_carried_over() {
        assert_eq!(
            translate(Lang::Zh, "must be at most 200 characters"),
            "最多 200 个字符"
        );
        assert_eq!(translate(Lang::Zh, "must not be blank"), "必填");
        assert_eq!(
            translate(Lang::Zh, "dependencies form a cycle: a → b → a"),
            "依赖关系形成了循环：a → b → a"
        );
        assert_eq!(
            translate(Lang::En, "must not be blank"),
            "must not be blank"
        );
        assert_eq!(translate(Lang::Zh, "something new"), "something new");
        assert_eq!(
            translate(Lang::Zh, "cannot approve a step that is pending"),
            "该环节当前状态为“pending”，不能“approve”"
        );
    }

    #[test]
    fn a_template_matches_only_its_own_messages() {
        assert_eq!(
            holes(
                "must be at most {} characters",
                "must be at most 5 characters"
            ),
            Some(vec!["5"])
        );
        assert_eq!(
            holes("must be at most {} characters", "must be at most 5 chars"),
            None
        );
        assert_eq!(holes("must not be blank", "must not be blank!"), None);
        assert_eq!(holes("{} is not {}", "a is not b"), Some(vec!["a", "b"]));
    }
}
