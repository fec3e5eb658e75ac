//! The pages' words by area, so that each area's pages keep their words beside them.

pub mod enterprise;
pub mod forms;
pub mod projects;
pub mod records;
