//! approval-tracker: investment projects through their government approval steps.
//!
//! The binary's own library: the command line, start-up, telemetry and the demo. The layers
//! below are crates of the workspace, each depending only on those beneath it, so the
//! compiler refuses a loop (README.md, Layout):
//! [`domain`] (pure rules) ← [`store`] (both backends), [`report`], [`config`] ← [`mail`],
//! [`chat`] ← [`service`] (use cases and who may do what) ← [`jobs`] ← [`http`] (API and pages).
//! They are re-exported under their old module names, so tests and benches name one path.

pub use chat;
pub use domain;
pub use jobs;
pub use mail;
pub use report;
pub use service;
pub use settings as config;
pub use store;
pub use web as http;
pub use web::state;

pub mod cli;
pub mod demo;
pub mod startup;
pub mod telemetry;
