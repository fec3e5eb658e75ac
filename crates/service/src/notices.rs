//! What the service tells people: alerts on lights, permit reminders, the email outbox and the chat robots.

pub mod alert_lines;
pub mod alerts;
pub mod chat_compose;
pub mod chat_delivery;
pub mod chat_owner;
pub mod chat_robots;
pub mod chat_test;
pub mod delivery;
pub mod notify;
pub mod outbox;
pub mod permit_reminders;
