//! Templates (embedded in the binary) and the context every page shares: language, words,
//! navigation by role, the CSRF token for forms.

use std::sync::OnceLock;

use actix_web::HttpRequest;
use chrono::NaiveDate;
use minijinja::{Environment, State};
use serde_json::{json, Value};

use service::{Role, ServiceError};

use super::i18n::{self, word, Lang};
use super::session::{encode, lang_of, Viewer};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("error.html", include_str!("templates/error.html")),
    ("login.html", include_str!("templates/login.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("my.html", include_str!("templates/my.html")),
    ("project.html", include_str!("templates/project.html")),
    ("enterprise.html", include_str!("templates/enterprise.html")),
    (
        "admin_users.html",
        include_str!("templates/admin_users.html"),
    ),
    (
        "admin_calendar.html",
        include_str!("templates/admin_calendar.html"),
    ),
    (
        "admin_routes.html",
        include_str!("templates/admin_routes.html"),
    ),
    ("admin_user.html", include_str!("templates/admin_user.html")),
    (
        "admin_agencies.html",
        include_str!("templates/admin_agencies.html"),
    ),
    (
        "admin_agency.html",
        include_str!("templates/admin_agency.html"),
    ),
    ("admin_jobs.html", include_str!("templates/admin_jobs.html")),
    ("alerts.html", include_str!("templates/alerts.html")),
    (
        "report_weekly.html",
        include_str!("templates/report_weekly.html"),
    ),
    (
        "what_if_project.html",
        include_str!("templates/what_if_project.html"),
    ),
    (
        "what_if_zone.html",
        include_str!("templates/what_if_zone.html"),
    ),
    // Project forms: enterprises, a new project, a project's edit page.
    (
        "enterprises.html",
        include_str!("templates/enterprises.html"),
    ),
    (
        "enterprise_new.html",
        include_str!("templates/enterprise_new.html"),
    ),
    (
        "enterprise_show.html",
        include_str!("templates/enterprise_show.html"),
    ),
    (
        "project_new.html",
        include_str!("templates/project_new.html"),
    ),
    (
        "project_edit.html",
        include_str!("templates/project_edit.html"),
    ),
    //
    // Records: licences, imports, settings.
    ("licences.html", include_str!("templates/licences.html")),
    (
        "licence_new.html",
        include_str!("templates/licence_new.html"),
    ),
    ("import.html", include_str!("templates/import.html")),
    ("settings.html", include_str!("templates/settings.html")),
    //
    // The liaison's and the enterprise's views.
    //
    // Cockpit: the overview, time saved.
    ("overview.html", include_str!("templates/overview.html")),
    //
    // Lists: projects with filters and exports, the audit log.
    (
        "projects_list.html",
        include_str!("templates/projects_list.html"),
    ),
    (
        "admin_audit.html",
        include_str!("templates/admin_audit.html"),
    ),
    //
    // Agencies and route templates.
    (
        "admin_route.html",
        include_str!("templates/admin_route.html"),
    ),
    //
    // Enterprise requests (诉求).
    (
        "requests_list.html",
        include_str!("templates/requests_list.html"),
    ),
    (
        "request_new.html",
        include_str!("templates/request_new.html"),
    ),
    (
        "request_show.html",
        include_str!("templates/request_show.html"),
    ),
    (
        "request_rows.html",
        include_str!("templates/request_rows.html"),
    ),
    //
    // Landing (issue 19): milestones, targets, the year's landing.
    (
        "project_landing.html",
        include_str!("templates/project_landing.html"),
    ),
    (
        "overview_landing.html",
        include_str!("templates/overview_landing.html"),
    ),
    (
        "admin_targets.html",
        include_str!("templates/admin_targets.html"),
    ),
];

fn state_lang(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or(Lang::Zh)
}

/// `{{ d|date }}`: a `YYYY-MM-DD` as the reader writes dates; anything else unchanged.
fn date_filter(state: &State, value: Option<String>) -> String {
    match value.as_deref().map(str::parse::<NaiveDate>) {
        Some(Ok(d)) => i18n::date(state_lang(state), d),
        _ => value.unwrap_or_else(|| "—".into()),
    }
}

fn environment() -> Result<&'static Environment<'static>, ServiceError> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        env.add_filter("date", date_filter);
        Ok(env)
    })
    .as_ref()
    .map_err(|e| ServiceError::internal(e.clone()))
}

fn nav(lang: Lang, role: Role) -> Vec<Value> {
    let items: &[(&str, &str)] = match role {
        Role::Liaison => &[
            ("/my", "my_projects"),
            ("/projects", "all_projects"),
            ("/requests", "nav_requests"),
            ("/projects/new", "nav_new_project"),
            ("/enterprises", "nav_enterprises"),
            ("/licences", "nav_licences"),
            ("/imports/new", "nav_import"),
            ("/settings", "nav_settings"),
        ],
        Role::Enterprise => &[
            ("/enterprise", "enterprise_home"),
            ("/settings", "nav_settings"),
        ],
        Role::Manager => &[
            ("/overview", "overview"),
            ("/projects", "all_projects"),
            ("/requests", "nav_requests"),
            ("/reports/weekly", "nav_reports"),
            ("/enterprises", "nav_enterprises"),
            ("/licences", "nav_licences"),
            ("/alerts", "nav_alerts"),
            ("/settings", "nav_settings"),
        ],
        Role::Admin => &[
            ("/overview", "overview"),
            ("/projects", "all_projects"),
            ("/requests", "nav_requests"),
            ("/reports/weekly", "nav_reports"),
            ("/projects/new", "nav_new_project"),
            ("/enterprises", "nav_enterprises"),
            ("/licences", "nav_licences"),
            ("/imports/new", "nav_import"),
            ("/admin/users", "users"),
            ("/admin/calendar", "calendar"),
            ("/admin/routes", "routes"),
            ("/admin/agencies", "ag_title"),
            ("/admin/targets", "ld_targets_title"),
            ("/admin/audit", "list_audit"),
            ("/alerts", "nav_alerts"),
            ("/admin/jobs", "nav_jobs"),
            ("/settings", "nav_settings"),
        ],
    };
    items
        .iter()
        .map(|(href, key)| json!({"href": href, "label": word(lang, key)}))
        .collect()
}

/// A paged list's links for its template: this page, how many, and the addresses of the
/// previous and the next (none at either end).
pub fn pager(page: u32, pages: u32, href: impl Fn(u32) -> String) -> Value {
    json!({"page": page, "pages": pages,
        "prev": (page > 1).then(|| href(page - 1)),
        "next": (page < pages).then(|| href(page + 1))})
}

/// Adds `extra`'s keys to a page's context (a form's errors, say).
pub fn merge(ctx: &mut Value, extra: Value) {
    if let (Some(base), Value::Object(extra)) = (ctx.as_object_mut(), extra) {
        base.extend(extra);
    }
}

/// Renders a page template with the shared context merged under the page's own.
pub fn render(
    req: &HttpRequest,
    viewer: Option<&Viewer>,
    template: &str,
    page: Value,
) -> Result<String, ServiceError> {
    render_with(req, viewer, template, page, minijinja::Value::UNDEFINED)
}

/// [`render`] with part of the page already made into template values (`made`, a map whose
/// keys are read before `page`'s): a part kept across requests is not converted again.
pub fn render_with(
    req: &HttpRequest,
    viewer: Option<&Viewer>,
    template: &str,
    page: Value,
    made: minijinja::Value,
) -> Result<String, ServiceError> {
    let lang = viewer.map_or_else(|| lang_of(req), |v| v.lang);
    let here = req.uri().path_and_query().map_or("/", |p| p.as_str());
    let mut ctx = json!({
        "lang": lang.code(),
        "html_lang": lang.html(),
        "other_lang": lang.other().code(),
        "other_html_lang": lang.other().html(),
        "here": encode(here),
        "path": req.path(),
        "signed_in": viewer.is_some(),
        "csrf": viewer.map(|v| v.csrf.clone()),
        "role": viewer.map(|v| v.actor.role.as_str()),
        "nav": viewer.map(|v| nav(lang, v.actor.role)).unwrap_or_default(),
    });
    // A success confirmed after its redirect: `?done=saved` shows the word `done_saved`.
    let done = actix_web::web::Query::<std::collections::HashMap<String, String>>::from_query(
        req.query_string(),
    )
    .ok()
    .and_then(|q| q.get("done").map(|d| format!("done_{d}")))
    .filter(|k| i18n::known(k))
    .map(|k| word(lang, &k));
    ctx["done"] = json!(done);
    merge(&mut ctx, page);
    let env = environment()?;
    let ctx = minijinja::value::merge_maps([
        minijinja::context! { tr => words_of(lang) },
        made,
        minijinja::Value::from_serialize(&ctx),
    ]);
    env.get_template(template)
        .and_then(|t| t.render(ctx))
        .map_err(|e| ServiceError::internal(format!("{template}: {e:#}")))
}

/// Every word of one language as the templates read them (`tr.key`), made once: the
/// dictionary is over a thousand words, and converting it for each page was a large part of
/// rendering a small one.
fn words_of(lang: Lang) -> minijinja::Value {
    static WORDS: OnceLock<[minijinja::Value; 2]> = OnceLock::new();
    let [zh, en] = WORDS.get_or_init(|| {
        [Lang::Zh, Lang::En].map(|l| minijinja::Value::from_serialize(i18n::words(l)))
    });
    match lang {
        Lang::Zh => zh.clone(),
        Lang::En => en.clone(),
    }
}
