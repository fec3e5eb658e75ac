//! approval-tracker: investment projects through their government approval steps.
//!
//! Layers: [`domain`] (pure rules) ← [`store`] (both backends), [`report`] and [`mail`]
//! (pure formats) ← [`service`] (use cases in transactions) ← [`http`] (API and pages),
//! [`jobs`], [`cli`]. No module names one that names it back (`tests/api/layers.rs`).

pub mod chat;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod report;
pub mod service;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
