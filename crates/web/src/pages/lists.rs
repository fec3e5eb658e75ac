//! The staff's project list (`/projects`): the API's filters, a stage and a route, sorted
//! by column, 50 a page, and downloaded as XLSX or CSV exactly as filtered (every page).

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use domain::clock::Light;
use service::projects::project_list::{Choices, ListedProject, SortKey};
use service::projects::ProjectQuery;
use service::Role;

use super::answer::{html, respond};
use super::form::{refusal, FormErrors};
use super::i18n::{word, Lang};
use super::lists_audit;
use super::lists_export;
use super::lists_query::PER_PAGE;
use super::lists_query::{link, params, query_of, Params};
use super::messages::own;
use super::render::{merge, render};
use super::session::{state_of, viewer, PageResult};
use service::refusal::{forms, lists as list_refusals};

/// The filter fields of the form, as the API names them.
const FILTERS: &[&str] = &[
    "light",
    "stalled",
    "liaison_id",
    "enterprise_id",
    "stage",
    "route",
    "q",
];

/// Every field of the form: the filters and the order.
const ON_FORM: &[&str] = &[
    "light",
    "stalled",
    "liaison_id",
    "enterprise_id",
    "stage",
    "route",
    "q",
    "sort",
    "dir",
];

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects", web::get().to(projects))
        .route("/admin/audit", web::get().to(lists_audit::audit));
}

/// The query for the service, and the refusals of values that cannot be read.
fn project_query(p: &Params, lang: Lang) -> (ProjectQuery, FormErrors) {
    let mut errors = FormErrors::default();
    let mut number = |name: &str| match p.get(name).map(|v| v.parse::<i32>()) {
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => {
            let m = own(lang, list_refusals::FILTER_NOT_A_NUMBER);
            errors.fields.insert(name.to_string(), m);
            None
        }
        None => None,
    };
    let (liaison_id, enterprise_id) = (number("liaison_id"), number("enterprise_id"));
    let light = match p.get("light") {
        None => None,
        Some(l) => Light::parse(l).or_else(|| {
            let m = own(lang, forms::NOT_A_LIGHT);
            errors.fields.insert("light".into(), m);
            None
        }),
    };
    let q = ProjectQuery {
        enterprise_id,
        liaison_id,
        light,
        stalled: p.get("stalled").map(|s| s == "true"),
        q: p.get("q").cloned(),
        stage: p.get("stage").cloned(),
        route: p.get("route").cloned(),
        sort: p.get("sort").cloned(),
        dir: p.get("dir").cloned(),
        ..ProjectQuery::default()
    };
    (q, errors)
}

fn page_number(p: &Params, lang: Lang, errors: &mut FormErrors) -> usize {
    match p.get("page").map(|s| s.parse::<usize>()) {
        None => 1,
        Some(Ok(n)) if n >= 1 => n,
        _ => {
            errors.general.push(own(lang, list_refusals::PAGE_FROM_ONE));
            1
        }
    }
}

pub async fn projects(req: HttpRequest, q: web::Query<Vec<(String, String)>>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        v.actor.require_staff()?;
        let p = params(q.into_inner());
        let (query, mut errors) = project_query(&p, v.lang);
        let page = page_number(&p, v.lang, &mut errors);
        let state = state_of(&req)?;
        let (actor, bad) = (v.actor.clone(), !errors.is_empty());
        let (selected, choices) = state
            .run_keeping(move |conn, env, keep| {
                let choices = keep.choices(conn, env, &actor)?;
                // A filter that cannot be read selects nothing rather than everything.
                let selected = if bad {
                    Ok(Arc::default())
                } else {
                    keep.select(conn, env, &actor, &query)
                };
                Ok((selected, choices))
            })
            .await?;
        let (rows, status) = match selected {
            Ok(rows) => (rows, StatusCode::OK),
            Err(e) => {
                let (status, refused) = refusal(v.lang, e, ON_FORM)?;
                errors = refused;
                (Arc::default(), status)
            }
        };
        let status = if errors.is_empty() {
            status
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        if errors.is_empty() {
            if let Some(f) = p.get("format") {
                let table = lists_export::table(&rows, &choices.enterprises, &choices.liaisons);
                return lists_export::download(f, &table);
            }
        }
        let mut ctx = context(&p, v.lang, page, &rows, &choices);
        if v.actor.role == Role::Liaison {
            ctx["mine_href"] = json!(format!("/projects?liaison_id={}", v.actor.user_id));
        }
        merge(&mut ctx, errors.context());
        Ok(html(
            status,
            render(&req, Some(&v), "projects_list.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

fn context(p: &Params, lang: Lang, page: usize, rows: &[ListedProject], c: &Choices) -> Value {
    let filters = query_of(p, FILTERS);
    let sorted = query_of(p, &["sort", "dir"]);
    let sorted_filters = link("", &filters, &sorted);
    let sorted_filters = sorted_filters.trim_start_matches('?');
    let (current, dir) = (p.get("sort"), p.get("dir").map(String::as_str));
    let mut sort_links = serde_json::Map::new();
    let mut arrows = serde_json::Map::new();
    for (key, _) in SortKey::ALL {
        let on = current.is_some_and(|s| s == key);
        let next = if on && dir != Some("desc") {
            "desc"
        } else {
            "asc"
        };
        let href = link("/projects", &filters, &format!("sort={key}&dir={next}"));
        sort_links.insert(key.into(), json!(href));
        let arrow = match (on, dir) {
            (false, _) => "",
            (true, Some("desc")) => " ↓",
            (true, _) => " ↑",
        };
        arrows.insert(key.into(), json!(arrow));
    }
    let pages = rows.len().div_ceil(PER_PAGE).max(1);
    let page_links: Vec<Value> = (1..=pages)
        .map(|n| {
            json!({"n": n, "current": n == page,
                "href": link("/projects", sorted_filters, &format!("page={n}"))})
        })
        .collect();
    let shown = lists_export::rows_json(
        rows.iter().skip((page - 1) * PER_PAGE).take(PER_PAGE),
        &c.enterprises,
        &c.liaisons,
    );
    let values: serde_json::Map<String, Value> =
        p.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    let lights = ["red", "yellow", "green"].map(|l| json!([l, word(lang, &format!("light_{l}"))]));
    json!({
        "title": word(lang, "list_projects"),
        "values": values,
        "rows": shown,
        "total": rows.len(),
        "pages": if pages > 1 { page_links } else { vec![] },
        "sort_links": sort_links,
        "arrows": arrows,
        "lights": lights,
        "enterprises": c.enterprises,
        "liaisons": c.liaisons,
        "stages": c.stages.iter().map(|s| json!([s, s])).collect::<Vec<_>>(),
        "routes": c.routes,
        "sorts": SortKey::ALL.map(|(k, _)| json!([k, word(lang, &format!("list_sort_{k}"))])),
        "export_xlsx": link("/projects", sorted_filters, "format=xlsx"),
        "export_csv": link("/projects", sorted_filters, "format=csv"),
    })
}
