//! Words of the cockpit pages: key, Chinese, English.

use crate::http::pages::i18n::Words;
use crate::http::pages::messages::Messages;

pub const WORDS: Words = &[];

/// The service's messages these pages can show, as English templates (`{}` stands for
/// any text) with their Chinese; see `messages.rs`.
pub const MESSAGES: Messages = &[];
