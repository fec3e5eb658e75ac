//! The requests list (诉求) as staff narrow it (status, category, overdue, enterprise,
//! liaison) and an enterprise reads its own, a page at a time (the database pages it).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use domain::request::{Category, RequestStatus};
use service::requests::{self, RequestQuery};
use service::{projects::project_list, Role};

use super::answer::{html, respond};
use super::i18n::word;
use super::render::{pager, render};
use super::requests::{categories, options};
use super::session::{state_of, viewer, PageResult};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/requests", web::get().to(list));
}

#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct ListForm {
    status: Option<String>,
    category: Option<String>,
    overdue: Option<String>,
    enterprise_id: Option<String>,
    liaison_id: Option<String>,
    page: Option<String>,
}

/// Requests a page of the list shows (the database pages them).
const PER_PAGE: u32 = 100;

impl ListForm {
    /// The list's address at another page, with the same filters.
    fn href(&self, page: u32) -> String {
        let mut q: Vec<String> = [
            ("status", &self.status),
            ("category", &self.category),
            ("overdue", &self.overdue),
            ("enterprise_id", &self.enterprise_id),
            ("liaison_id", &self.liaison_id),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_deref().filter(|v| !v.is_empty()).map(|v| (k, v)))
        .map(|(k, v)| format!("{k}={}", super::session::encode(v)))
        .collect();
        q.push(format!("page={page}"));
        format!("/requests?{}", q.join("&"))
    }
}

pub(super) async fn list(req: HttpRequest, q: web::Query<ListForm>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let limits = state.settings.requests.clone();
        let f = q.into_inner();
        let page = f
            .page
            .as_deref()
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        // Unknown choices are ignored rather than refused: the filters are links and selects.
        let query = RequestQuery {
            status: f
                .status
                .clone()
                .filter(|s| RequestStatus::parse(s).is_some()),
            category: f.category.clone().filter(|c| Category::parse(c).is_some()),
            overdue: (f.overdue.as_deref() == Some("true")).then_some(true),
            enterprise_id: f.enterprise_id.as_deref().and_then(|e| e.parse().ok()),
            liaison_id: f.liaison_id.as_deref().and_then(|l| l.parse().ok()),
            page: Some(page),
            per_page: Some(PER_PAGE),
        };
        let actor = v.actor.clone();
        let (listed, choices) = state
            .run(move |conn, env| {
                let page = requests::list(conn, env, &limits, &actor, &query)?;
                // The filters' choices: staff only (an enterprise sees its own alone).
                let choices = match actor.role.is_staff() {
                    true => Some(project_list::owner_choices(conn, &actor)?),
                    false => None,
                };
                Ok((page, choices))
            })
            .await?;
        let (enterprise_choices, liaison_choices) = choices.unwrap_or_default();
        let statuses: Vec<&str> = RequestStatus::ALL.iter().map(|s| s.as_str()).collect();
        let mine = (v.actor.role == Role::Liaison)
            .then(|| format!("/requests?liaison_id={}", v.actor.user_id));
        let pages = u32::try_from((listed.total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE))
            .unwrap_or(u32::MAX);
        let pager = pager(page, pages, |p| f.href(p));
        let ctx = json!({"title": word(v.lang, "rq_title"), "requests": listed.items,
            "total": listed.total, "pager": pager, "statuses": options(&v, "st", &statuses),
            "categories": categories(&v), "staff": v.actor.role.is_staff(),
            "enterprises": enterprise_choices, "liaisons": liaison_choices, "mine_href": mine,
            "values": {"status": f.status, "category": f.category,
                "enterprise_id": f.enterprise_id, "liaison_id": f.liaison_id,
                "overdue": f.overdue.as_deref() == Some("true")}});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "requests_list.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}
