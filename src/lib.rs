//! approval-tracker: investment projects through their government approval steps.
//!
//! Layers: [`domain`] (pure rules) ← [`service`] (use cases in transactions) ← [`http`]
//! (JSON API). [`store`] is the storage both backends share.

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
