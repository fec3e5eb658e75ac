//! Admin pages: users and the list of route templates (the calendar: `admin_calendar`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde_json::json;

use service::accounts::users::{self, CreateUser};
use service::{enterprises, PageQuery, Role};

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::messages::own;
use super::render::merge;
use super::render::render;
use super::session::{admin, redirect, state_of, PageResult, Viewer};
use service::refusal::forms;

/// The fields of the add-user form, as the API names them.
const USER_FIELDS: &[&str] = &[
    "username",
    "display_name",
    "email",
    "phone",
    "role",
    "enterprise_id",
    "password",
];

/// The users page; after a refused add, with the form's messages and what was typed.
async fn users_page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    errors: FormErrors,
    values: serde_json::Value,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let all = PageQuery::CHOICES;
    let (list, enterprises) = state
        .run(move |conn, _| {
            Ok((
                users::list(conn, &actor, all)?,
                enterprises::list(conn, &actor, all)?,
            ))
        })
        .await?;
    let enterprise_options: Vec<(i32, String)> = enterprises
        .items
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let mut ctx = json!({"title": word(v.lang, "users"), "users": list.items,
        "enterprises": enterprise_options, "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(status, render(req, Some(v), "admin_users.html", ctx)?))
}

pub async fn users(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        users_page(&req, &v, StatusCode::OK, FormErrors::default(), json!({})).await
    }
    .await;
    respond(&req, result)
}

pub async fn add_user(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let refuse = |errors: FormErrors| {
            users_page(
                &req,
                &v,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                fields.values(),
            )
        };
        let Some(role) = Role::parse(fields.get("role")) else {
            return refuse(FormErrors::field("role", own(v.lang, forms::CHOOSE_ROLE))).await;
        };
        let enterprise_id = match fields.opt("enterprise_id").map(str::parse::<i32>) {
            None => None,
            Some(Ok(id)) => Some(id),
            Some(Err(_)) => {
                let m = own(v.lang, forms::NOT_A_NUMBER);
                return refuse(FormErrors::field("enterprise_id", m)).await;
            }
        };
        let body = CreateUser {
            username: fields.get("username").to_string(),
            display_name: fields.get("display_name").to_string(),
            email: fields.get("email").to_string(),
            role,
            phone: fields.opt("phone").map(str::to_string),
            enterprise_id,
            password: fields.get("password").to_string(),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| users::create(conn, env, Some(&actor), &body))
            .await;
        match outcome {
            Ok(_) => Ok(redirect("/admin/users?done=user_added")),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, USER_FIELDS)?;
                users_page(&req, &v, status, errors, fields.values()).await
            }
        }
    }
    .await;
    respond(&req, result)
}

pub async fn routes(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let templates = state
            .run(move |conn, _| service::routes::route_templates::list(conn, &actor))
            .await?;
        let ctx = json!({"title": word(v.lang, "routes"), "templates": templates});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "admin_routes.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}
