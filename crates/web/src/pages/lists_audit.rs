//! The audit log for admins (`/admin/audit`): filtered by action, user name and days,
//! 50 a page; a filter that cannot be read is named beside its field.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use service::accounts::audit::{self, AuditQuery, ACTIONS};

use super::answer::{html, respond};
use super::form::{refusal, FormErrors};
use super::i18n::word;
use super::lists_query::PER_PAGE;
use super::lists_query::{link, params, query_of};
use super::render::{merge, render};
use super::session::{state_of, viewer, PageResult};

const FILTERS: &[&str] = &["action", "username", "from", "to"];

pub async fn audit(req: HttpRequest, q: web::Query<Vec<(String, String)>>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        v.actor.require_admin()?;
        let p = params(q.into_inner());
        let page = p
            .get("page")
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(1);
        let query = AuditQuery {
            action: p.get("action").cloned(),
            username: p.get("username").cloned(),
            from: p.get("from").cloned(),
            to: p.get("to").cloned(),
            page: Some(page.max(1)),
            per_page: Some(PER_PAGE as u32),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, _| Ok(audit::list(conn, &actor, &query)))
            .await?;
        let (entries, total, errors, status) = match outcome {
            Ok(l) => (l.items, l.total, FormErrors::default(), StatusCode::OK),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, FILTERS)?;
                (vec![], 0, errors, status)
            }
        };
        let filters = query_of(&p, FILTERS);
        let pages = (total.max(0) as usize).div_ceil(PER_PAGE).max(1);
        let page_links: Vec<_> = (1..=pages)
            .map(|n| {
                json!({"n": n, "current": n == page as usize,
                    "href": link("/admin/audit", &filters, &format!("page={n}"))})
            })
            .collect();
        let values: serde_json::Map<_, _> = p.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let mut ctx = json!({
            "title": word(v.lang, "list_audit"),
            "values": values,
            "entries": entries,
            "total": total,
            "pages": if pages > 1 { page_links } else { vec![] },
            "actions": ACTIONS
                .iter()
                .map(|a| json!([a, word(v.lang, &format!("audit_action_{a}"))]))
                .collect::<Vec<_>>(),
        });
        merge(&mut ctx, errors.context());
        Ok(html(
            status,
            render(&req, Some(&v), "admin_audit.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}
