//! The pages' words by area, so that each area's pages keep their words beside them.
//! `i18n` reads these tables; refusals are said by code from `catalogue`, not from here.

/// A table of words: key, Chinese, English.
pub type Words = &'static [(&'static str, &'static str, &'static str)];

pub mod admin;
pub mod agencies;
pub mod chat;
pub mod cockpit;
pub mod enterprise;
pub mod events;
pub mod forecasts;
pub mod forms;
pub mod landing;
pub mod lists;
pub mod projects;
pub mod records;
pub mod requests;
