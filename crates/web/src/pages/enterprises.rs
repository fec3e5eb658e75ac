//! Enterprises for staff: the list with a search, registering one (its credit code checked
//! by the service's rule), and one enterprise with its projects and their lights.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use service::enterprises::{self, CreateEnterprise};
use service::projects::ProjectQuery;
use service::{projects::project_list, PageQuery};

use super::answer::{html, respond};
use super::form::{refusal_at, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::render::{merge, render};
use super::session::{redirect, safe_next, staff, state_of, PageResult, Viewer};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/enterprises", web::get().to(list))
        .route("/enterprises/new", web::get().to(new_form))
        .route("/enterprises/new", web::post().to(add))
        .route("/enterprises/{id}", web::get().to(show));
}

/// The fields of the registration form, as the API names them.
const FIELDS: &[&str] = &["name", "credit_code", "contact_name", "contact_email"];

/// Staff only: enterprise accounts have their own home.

#[derive(serde::Deserialize)]
pub struct ListQuery {
    q: Option<String>,
}

pub async fn list(req: HttpRequest, query: web::Query<ListQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let q = query.into_inner().q.unwrap_or_default();
        let text = q.clone();
        let page = PageQuery::CHOICES;
        let found = state
            .run(move |conn, _| enterprises::search(conn, &actor, Some(&text), page))
            .await?;
        let ctx = json!({"title": word(v.lang, "enterprises_title"), "q": q,
            "enterprises": found.items, "total": found.total});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "enterprises.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

#[derive(serde::Deserialize)]
pub struct NewQuery {
    then: Option<String>,
}

fn form_page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    errors: FormErrors,
    values: Value,
) -> PageResult {
    let mut ctx = json!({"title": word(v.lang, "enterprise_new"), "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(
        status,
        render(req, Some(v), "enterprise_new.html", ctx)?,
    ))
}

pub async fn new_form(req: HttpRequest, query: web::Query<NewQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let then = query.into_inner().then.unwrap_or_default();
        form_page(
            &req,
            &v,
            StatusCode::OK,
            FormErrors::default(),
            json!({"then": then}),
        )
    }
    .await;
    respond(&req, result)
}

/// Where to go after registering: back to the form that asked (`then`, a path on this
/// site) with the new enterprise chosen, else the enterprise's page.
fn after_add(then: Option<&str>, id: i32) -> String {
    match then.map(|t| safe_next(Some(t))) {
        Some(t) if t != "/" => {
            let sep = if t.contains('?') { '&' } else { '?' };
            format!("{t}{sep}enterprise_id={id}&done=enterprise_added")
        }
        _ => format!("/enterprises/{id}?done=enterprise_added"),
    }
}

pub async fn add(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let body = CreateEnterprise {
            name: fields.get("name").to_string(),
            credit_code: fields.get("credit_code").trim().to_uppercase(),
            contact_name: fields.get("contact_name").to_string(),
            contact_email: fields.get("contact_email").to_string(),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| enterprises::create(conn, env, &actor, &body))
            .await;
        match outcome {
            Ok(e) => Ok(redirect(&after_add(fields.opt("then"), e.id))),
            Err(e) => {
                let (status, errors) = refusal_at(v.lang, e, FIELDS, "credit_code")?;
                form_page(&req, &v, status, errors, fields.values())
            }
        }
    }
    .await;
    respond(&req, result)
}

pub async fn show(req: HttpRequest, id: web::Path<i32>) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let id = id.into_inner();
        let limits = state.settings.requests.clone();
        let kept = state.digests.clone();
        let (enterprise, list, requests) = state
            .run(move |conn, env| {
                let e = enterprises::get(conn, &actor, id)?;
                let q = ProjectQuery {
                    enterprise_id: Some(id),
                    per_page: Some(500),
                    ..ProjectQuery::default()
                };
                let r =
                    super::request_sections::of_enterprise(conn, env, &limits, &actor, Some(id))?;
                Ok((e, project_list::list(conn, env, &actor, &q, &kept)?, r))
            })
            .await?;
        let ctx = json!({"title": enterprise.name, "enterprise": enterprise,
            "projects": list.items, "requests": requests});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "enterprise_show.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

#[cfg(test)]
mod tests {
    use super::after_add;

    #[test]
    fn after_registering_only_a_path_on_this_site_is_followed() {
        assert_eq!(
            after_add(Some("/projects/new"), 7),
            "/projects/new?enterprise_id=7&done=enterprise_added"
        );
        assert_eq!(
            after_add(Some("/projects/new?template=x"), 7),
            "/projects/new?template=x&enterprise_id=7&done=enterprise_added"
        );
        for elsewhere in [None, Some("//evil.example"), Some("https://evil.example")] {
            assert_eq!(
                after_add(elsewhere, 7),
                "/enterprises/7?done=enterprise_added"
            );
        }
    }
}
