//! Admin pages: users, the working-day calendar by year (publish a year), route templates.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

use crate::service::calendar::{self, PublishYear};
use crate::service::users::{self, CreateUser};
use crate::service::{PageQuery, Role, ServiceError};

use super::i18n::word;
use super::render::render;
use super::session::{check_csrf, html, redirect, respond, state_of, viewer, PageResult, Viewer};

type Form = web::Form<HashMap<String, String>>;

async fn admin(req: &HttpRequest) -> Result<Viewer, super::session::PageError> {
    let v = viewer(req).await?;
    v.actor.require_admin()?;
    Ok(v)
}

pub async fn users(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let page = PageQuery {
            page: Some(1),
            per_page: Some(500),
        };
        let list = state
            .run(move |conn, _| users::list(conn, &actor, page))
            .await?;
        let ctx = json!({"title": word(v.lang, "users"), "users": list.items});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "admin_users.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

pub async fn add_user(req: HttpRequest, form: Form) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        check_csrf(&v, &form)?;
        let field = |k: &str| form.get(k).cloned().unwrap_or_default();
        let role = Role::parse(&field("role"))
            .ok_or_else(|| ServiceError::invalid("role", "choose a role"))?;
        let enterprise_id = match field("enterprise_id").trim() {
            "" => None,
            s => Some(
                s.parse::<i32>()
                    .map_err(|_| ServiceError::invalid("enterprise_id", "a number"))?,
            ),
        };
        let body = CreateUser {
            username: field("username"),
            display_name: field("display_name"),
            email: field("email"),
            role,
            enterprise_id,
            password: field("password"),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        state
            .run(move |conn, env| users::create(conn, env, Some(&actor), &body))
            .await?;
        Ok(redirect("/admin/users"))
    }
    .await;
    respond(&req, result)
}

#[derive(serde::Deserialize)]
pub struct YearQuery {
    year: Option<i32>,
}

pub async fn calendar(req: HttpRequest, q: web::Query<YearQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let state = state_of(&req)?;
        let this_year = state.clock.now().year();
        let year = q.year.unwrap_or(this_year + 1);
        let cal = state
            .run(move |conn, _| calendar::get_year(conn, year))
            .await?;
        let years: Vec<i32> = (this_year - 1..=this_year + 2).collect();
        let ctx = json!({"title": word(v.lang, "calendar"), "cal": cal, "years": years});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "admin_calendar.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

fn dates(field: &str, text: &str) -> Result<Vec<NaiveDate>, ServiceError> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<NaiveDate>().map_err(|_| {
                ServiceError::invalid(field, format!("{s} is not a date like 2027-01-01"))
            })
        })
        .collect()
}

pub async fn publish(req: HttpRequest, year: web::Path<i32>, form: Form) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        check_csrf(&v, &form)?;
        let year = year.into_inner();
        let body = PublishYear {
            year: Some(year),
            holidays: dates("holidays", form.get("holidays").map_or("", String::as_str))?,
            workdays: dates("workdays", form.get("workdays").map_or("", String::as_str))?,
        };
        let state = state_of(&req)?;
        let cache = state.calendar.clone();
        let actor = v.actor.clone();
        state
            .run(move |conn, env| {
                calendar::put_year(conn, env, &actor, year, None, &body)?;
                cache.current(conn, true)?;
                Ok(())
            })
            .await?;
        Ok(redirect(&format!("/admin/calendar?year={year}")))
    }
    .await;
    respond(&req, result)
}

pub async fn routes(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let state = state_of(&req)?;
        let ctx = json!({"title": word(v.lang, "routes"), "templates": state.routes.all()});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "admin_routes.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}
