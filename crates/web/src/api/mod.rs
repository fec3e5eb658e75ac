//! The JSON API under `/api/v1` (see docs/api.md). Each handler is annotated for the
//! OpenAPI document, which is collected from the same `service` calls that mount them.

pub mod agencies;
pub mod audit;
pub mod calendar;
pub mod chat_robots;
pub mod enterprises;
pub mod events;
pub mod forecasts;
pub mod jobs;
pub mod landing;
pub mod licences;
pub mod planning;
pub mod projects;
pub mod reports;
pub mod requests;
pub mod route_templates;
pub mod sessions;
pub mod steps;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    sessions::configure(cfg);
    audit::configure(cfg);
    users::configure(cfg);
    enterprises::configure(cfg);
    agencies::configure(cfg);
    chat_robots::configure(cfg);
    route_templates::configure(cfg);
    projects::configure(cfg);
    steps::configure(cfg);
    events::configure(cfg);
    calendar::configure(cfg);
    planning::configure(cfg);
    forecasts::configure(cfg);
    jobs::configure(cfg);
    licences::configure(cfg);
    reports::configure(cfg);
    requests::configure(cfg);
    landing::configure(cfg);
}
