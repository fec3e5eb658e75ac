//! One account, as an admin changes it (`/admin/users/{id}`): profile, role and
//! enterprise (picked from a list), enabled or disabled, a new password. Each form carries
//! the version it was drawn from, so a change made meanwhile by someone else is caught.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use service::accounts::users::{self, PatchUser, UserView};
use service::{enterprises, steps::handover, PageQuery, Role, ServiceError};

use super::answer::{html, respond};
use super::form::{refusal, refusal_at, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::messages::own;
use super::render::{merge, render};
use super::session::{admin, redirect, state_of, PageResult, Viewer};
use service::refusal::forms;

/// The fields of the three forms, as the API names them.
const FIELDS: &[&str] = &[
    "display_name",
    "email",
    "phone",
    "mobile",
    "role",
    "enterprise_id",
    "password",
    "active",
    "successor_id",
];

/// The page; after a refusal, with its messages and what was typed (`values`).
async fn page(
    req: &HttpRequest,
    v: &Viewer,
    id: i32,
    status: StatusCode,
    errors: FormErrors,
    values: Option<Value>,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let all = PageQuery::CHOICES;
    let (user, firms, successors, holdings) = state
        .run(move |conn, _| {
            let user = users::get(conn, &actor, id)?;
            // A liaison's page names what they hold and who could take it over.
            let (successors, holdings) = if user.role == Role::Liaison {
                (
                    handover::candidates(conn, &actor, id)?,
                    Some(handover::holdings(conn, &actor, id)?),
                )
            } else {
                (Vec::new(), None)
            };
            let firms = enterprises::list(conn, &actor, all)?;
            Ok((user, firms, successors, holdings))
        })
        .await?;
    let firms: Vec<(i32, String)> = firms.items.into_iter().map(|e| (e.id, e.name)).collect();
    // What was typed over the account's own values: a refusal of one form keeps the other
    // forms showing the account.
    let mut shown = json!({"display_name": user.display_name, "email": user.email,
        "phone": user.phone, "mobile": user.mobile, "role": user.role.as_str(),
        "enterprise_id": user.enterprise_id});
    if let Some(Value::Object(typed)) = values {
        let is_profile = typed.get("form").and_then(Value::as_str) == Some("profile");
        for (k, v) in typed {
            if is_profile || shown.get(&k).is_none() {
                shown[k] = v;
            }
        }
    }
    let values = shown;
    let mut ctx = json!({"title": format!("{} · {}", word(v.lang, "user"), user.username),
        "user": user, "enterprises": firms, "values": values,
        "successors": successors, "holdings": holdings});
    merge(&mut ctx, errors.context());
    Ok(html(status, render(req, Some(v), "admin_user.html", ctx)?))
}

pub async fn show(req: HttpRequest, id: web::Path<i32>) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        page(&req, &v, *id, StatusCode::OK, FormErrors::default(), None).await
    }
    .await;
    respond(&req, result)
}

/// The successor chosen on the profile or access form (blank: none).
fn successor(v: &Viewer, fields: &Fields) -> Result<Option<i32>, FormErrors> {
    match fields.opt("successor_id").map(str::parse::<i32>) {
        None => Ok(None),
        Some(Ok(id)) => Ok(Some(id)),
        Some(Err(_)) => Err(FormErrors::field(
            "successor_id",
            own(v.lang, service::refusal::handover::SUCCESSOR_NOT_LIAISON),
        )),
    }
}

/// What one of the forms asks for: `form=profile`, `active` or `password`.
fn change(v: &Viewer, fields: &Fields) -> Result<PatchUser, FormErrors> {
    let lang = v.lang;
    match fields.get("form") {
        "profile" => {
            let role = Role::parse(fields.get("role"))
                .ok_or_else(|| FormErrors::field("role", own(lang, forms::CHOOSE_ROLE)))?;
            let enterprise_id = match fields.opt("enterprise_id").map(str::parse::<i32>) {
                None => None,
                Some(Ok(id)) => Some(id),
                Some(Err(_)) => {
                    return Err(FormErrors::field(
                        "enterprise_id",
                        own(lang, forms::NOT_A_NUMBER),
                    ))
                }
            };
            Ok(PatchUser {
                display_name: Some(fields.get("display_name").to_string()),
                email: Some(fields.get("email").to_string()),
                // Blank removes the phone.
                phone: Some(fields.opt("phone").map(str::to_string)),
                mobile: Some(fields.opt("mobile").map(str::to_string)),
                role: Some(role),
                enterprise_id: Some(enterprise_id),
                successor_id: successor(v, fields)?,
                ..PatchUser::default()
            })
        }
        "active" => Ok(PatchUser {
            active: Some(fields.get("active") == "true"),
            successor_id: successor(v, fields)?,
            ..PatchUser::default()
        }),
        _ => {
            let (a, b) = (fields.get("password"), fields.get("password_again"));
            if a != b {
                return Err(FormErrors::field(
                    "password",
                    word(lang, "passwords_differ"),
                ));
            }
            Ok(PatchUser {
                password: Some(a.to_string()),
                ..PatchUser::default()
            })
        }
    }
}

pub async fn save(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let id = *id;
        let kept = |f: &Fields| {
            let mut values = f.values();
            values["password"] = json!("");
            values["password_again"] = json!("");
            values
        };
        let patch = match change(&v, &fields) {
            Ok(p) => p,
            Err(errors) => {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return page(&req, &v, id, status, errors, Some(kept(&fields))).await;
            }
        };
        let version = fields.get("version").parse::<i32>().ok();
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| users::patch(conn, env, &actor, id, version, &patch))
            .await;
        // A role, a password or a deactivation changes what cached sessions may do.
        state.sessions.clear();
        match outcome {
            Ok(u) => Ok(redirect(&format!(
                "/admin/users/{}?done={}",
                u.id,
                done_of(&fields, &u)
            ))),
            Err(e @ ServiceError::StaleVersion { .. }) => {
                // The latest data, not what was typed over the old.
                let (status, errors) = refusal(v.lang, e, FIELDS)?;
                page(&req, &v, id, status, errors, None).await
            }
            Err(e) => {
                // The one conflict a change of a user can meet: a liaison who holds
                // projects or requests leaves without a successor; said beside the choice.
                let (status, errors) = refusal_at(v.lang, e, FIELDS, "successor_id")?;
                page(&req, &v, id, status, errors, Some(kept(&fields))).await
            }
        }
    }
    .await;
    respond(&req, result)
}

/// The confirmation's word for the form that succeeded.
fn done_of(fields: &Fields, u: &UserView) -> &'static str {
    match (fields.get("form"), u.active) {
        ("profile", _) => "saved",
        ("active", true) => "user_enabled",
        ("active", false) => "user_disabled",
        _ => "password_reset",
    }
}
