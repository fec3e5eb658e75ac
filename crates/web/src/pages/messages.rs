//! The pages say every refusal in the reader's language by its code, from the catalogue
//! (`catalogue`): the service's, and the pages' own (`service::refusal::forms`). Nothing
//! is translated by reading English.

use service::refusal::Refusal;
use service::FieldError;

use super::i18n::Lang;

/// A refusal of the service in `lang`.
pub fn translate_refusal(lang: Lang, refusal: &Refusal) -> String {
    super::catalogue::say(lang, refusal)
}

/// A field's refusal in `lang`.
pub fn translate_field(lang: Lang, error: &FieldError) -> String {
    super::catalogue::say(lang, &error.refusal())
}

/// One of the pages' own refusals (or any code without arguments) in `lang`.
pub fn own(lang: Lang, refusal: impl Into<Refusal>) -> String {
    super::catalogue::say(lang, &refusal.into())
}

/// The pages' refusal of a date they cannot read, with an example in the field's shape.
pub fn date_like(example: &str) -> Refusal {
    Refusal::of(service::refusal::forms::DATE_LIKE).arg("example", example)
}
