//! A project's approval steps: recording events (`lifecycle`), withdrawing them, editing steps, their light dates, and what a step reads as on a day.

pub mod as_of;
pub mod handover;
pub mod lifecycle;
pub mod light_dates;
pub mod step_edits;
pub mod step_view;
pub mod withdraw;
