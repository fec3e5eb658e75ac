//! The pages' words by area, so that each area's pages keep their words beside them.

pub mod agencies;
pub mod cockpit;
pub mod enterprise;
pub mod forms;
pub mod lists;
pub mod projects;
pub mod records;
