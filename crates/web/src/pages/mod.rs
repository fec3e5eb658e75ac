//! Server-rendered pages for liaisons, enterprises and managers: Chinese first, working
//! without JavaScript, built on the same use cases as the API. Templates and static
//! assets are embedded in the binary.

mod admin;
mod admin_calendar;
mod admin_user;
mod agencies;
mod answer;
mod cards;
mod catalogue;
mod chart;
mod chat_settings;
mod cockpit;
mod cockpit_chart;
mod enterprises;
mod event_forms;
mod form;
mod gantt;
mod i18n;
mod imports;
mod landing;
mod landing_chart;
mod licences;
mod lists;
mod lists_audit;
mod lists_export;
mod lists_query;
mod login;
mod messages;
mod milestone_forms;
mod multipart;
mod operations;
mod project;
mod project_edit;
mod project_forecast;
mod project_forms;
mod render;
mod reports;
mod request_list;
mod request_sections;
mod requests;
mod route_admin;
mod session;
mod settings;
mod settings_page;
mod step_forms;
mod views;
mod what_if;
mod words;

pub use views::MadeCards;

use actix_web::{web, HttpResponse};

const CSS: &str = include_str!("static/app.css");
const JS: &str = include_str!("static/app.js");

/// An unknown path asked for by a browser: the 404 page in the layout.
pub async fn not_found(req: actix_web::HttpRequest) -> HttpResponse {
    answer::respond(
        &req,
        Err(session::PageError::Service(
            service::ServiceError::NotFound("page"),
        )),
    )
}

async fn css() -> HttpResponse {
    asset("text/css; charset=utf-8", CSS)
}

async fn js() -> HttpResponse {
    asset("text/javascript; charset=utf-8", JS)
}

fn asset(content_type: &str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type.to_string())
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(body)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/app.css", web::get().to(css))
        .route("/static/app.js", web::get().to(js))
        .route("/", web::get().to(login::home))
        .route("/login", web::get().to(login::login_form))
        .route("/login", web::post().to(login::login_submit))
        .route("/logout", web::post().to(login::logout))
        .route("/lang/{code}", web::get().to(login::switch_lang))
        .route("/my", web::get().to(views::my))
        .route("/enterprise", web::get().to(views::enterprise))
        .route("/overview", web::get().to(cockpit::overview))
        // Before `/projects/{id}`, which would take `new` for an id.
        .configure(project_forms::routes)
        .configure(lists::routes)
        .configure(enterprises::routes)
        .configure(licences::routes)
        .configure(imports::routes)
        .configure(settings::routes)
        .configure(chat_settings::routes)
        .configure(route_admin::routes)
        .configure(agencies::routes)
        .configure(request_list::routes)
        .configure(requests::routes)
        .configure(milestone_forms::routes)
        .configure(landing::routes)
        .configure(what_if::routes)
        .route("/projects/{id}", web::get().to(project::show))
        .configure(event_forms::routes)
        .route("/admin/users", web::get().to(admin::users))
        .route("/admin/users", web::post().to(admin::add_user))
        .route("/reports/weekly", web::get().to(reports::weekly))
        .route("/alerts", web::get().to(operations::alerts))
        .route("/admin/jobs", web::get().to(operations::jobs))
        .route("/admin/jobs", web::post().to(operations::run_jobs))
        .route("/admin/users/{id}", web::get().to(admin_user::show))
        .route("/admin/users/{id}", web::post().to(admin_user::save))
        .route("/admin/calendar", web::get().to(admin_calendar::show))
        .route(
            "/admin/calendar/{year}",
            web::post().to(admin_calendar::publish),
        )
        .route("/admin/routes", web::get().to(admin::routes));
}
