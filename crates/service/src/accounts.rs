//! Who uses the service: users, their roles and passwords, sign-in, the audit trail.

pub mod actor;
pub mod audit;
pub mod auth;
pub mod own_password;
pub mod password;
pub mod users;
