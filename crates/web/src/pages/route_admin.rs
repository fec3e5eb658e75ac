//! An admin changes a route template (`/admin/routes/{key}`): every step in a row of
//! fields, a blank row to add one, a box to remove one; each save is a new version.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};

use service::routes::route_templates::{self, SaveTemplate};
use service::steps::step_view::StepSpecInput;
use service::ServiceError;

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::render::{merge, render};
use super::session::{admin, redirect, state_of, PageResult, Viewer};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/routes/{key}", web::get().to(show))
        .route("/admin/routes/{key}", web::post().to(save));
}

/// A step row's fields, as the API names a step's.
const STEP_FIELDS: &[&str] = &[
    "key",
    "name",
    "agency",
    "stage",
    "statutory_days",
    "promised_days",
    "depends_on",
];

/// The form's values of a template as stored: `steps[i].field` per row.
fn values_of(name: &str, version: i32, steps: &[StepSpecInput]) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("version".into(), json!(version.to_string()));
    for (i, s) in steps.iter().enumerate() {
        let mut put = |f: &str, v: String| out.insert(format!("steps[{i}].{f}"), json!(v));
        put("key", s.key.clone());
        put("name", s.name.clone());
        put("agency", s.agency.clone());
        if s.lead {
            put("lead", "1".into());
        }
        put("stage", s.stage.clone());
        put("statutory_days", s.statutory_days.to_string());
        put(
            "promised_days",
            s.promised_days.map(|d| d.to_string()).unwrap_or_default(),
        );
        put("depends_on", s.depends_on.join(", "));
    }
    Value::Object(out)
}

/// The page: the form with `rows` step rows (the last one blank), and the history.
async fn page(
    req: &HttpRequest,
    v: &Viewer,
    key: String,
    status: StatusCode,
    errors: FormErrors,
    form: Option<(Value, usize)>,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let (current, history, agencies) = state
        .run(move |conn, _| {
            Ok((
                route_templates::get(conn, &actor, &key)?,
                route_templates::history(conn, &actor, &key)?,
                service::routes::agencies::list(conn, &actor)?,
            ))
        })
        .await?;
    let (values, rows) = form.unwrap_or_else(|| {
        let values = values_of(&current.name, current.version, &current.steps);
        (values, current.steps.len() + 1)
    });
    let mut ctx = json!({"title": current.name, "template": current, "history": history,
        "values": values, "rows": (0..rows).collect::<Vec<_>>(), "step_fields": STEP_FIELDS,
        "agencies": agencies});
    merge(&mut ctx, errors.context());
    Ok(html(status, render(req, Some(v), "admin_route.html", ctx)?))
}

pub async fn show(req: HttpRequest, key: web::Path<String>) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        page(
            &req,
            &v,
            key.into_inner(),
            StatusCode::OK,
            FormErrors::default(),
            None,
        )
        .await
    }
    .await;
    respond(&req, result)
}

/// The rows as posted: how many, and the steps kept (not removed, not blank) with the
/// form row each came from, or the rows' own mistakes (days that are not numbers).
struct Posted {
    rows: usize,
    steps: Vec<StepSpecInput>,
    row_of: Vec<usize>,
    errors: FormErrors,
}

fn read_rows(v: &Viewer, fields: &Fields) -> Posted {
    let mut out = Posted {
        rows: 0,
        steps: Vec::new(),
        row_of: Vec::new(),
        errors: FormErrors::default(),
    };
    while fields.all_of(&format!("steps[{}].key", out.rows)) {
        let i = out.rows;
        out.rows += 1;
        let get = |f: &str| fields.get(&format!("steps[{i}].{f}")).trim().to_string();
        let blank = STEP_FIELDS.iter().all(|f| get(f).is_empty());
        if blank || !get("remove").is_empty() {
            continue;
        }
        let mut days = |f: &str, required: bool| -> Option<i64> {
            let text = get(f);
            if text.is_empty() && !required {
                return None;
            }
            let parsed = text.parse::<i64>().ok();
            if parsed.is_none() {
                let name = format!("steps[{i}].{f}");
                out.errors
                    .fields
                    .insert(name, word(v.lang, "rt_days_number"));
            }
            parsed
        };
        let statutory_days = days("statutory_days", true).unwrap_or(0);
        let promised_days = days("promised_days", false);
        out.steps.push(StepSpecInput {
            key: get("key"),
            name: get("name"),
            agency: get("agency"),
            lead: !get("lead").is_empty(),
            stage: get("stage"),
            statutory_days,
            promised_days,
            depends_on: get("depends_on")
                .split([',', '，', '、', ' '])
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect(),
        });
        out.row_of.push(i);
    }
    out
}

/// A service field `steps[k].x` (k among the steps kept) as its form row's field.
fn to_row(field: &str, row_of: &[usize]) -> String {
    let Some(rest) = field.strip_prefix("steps[") else {
        return field.to_string();
    };
    let Some((k, tail)) = rest.split_once(']') else {
        return field.to_string();
    };
    match k.parse::<usize>().ok().and_then(|k| row_of.get(k)) {
        Some(row) => format!("steps[{row}]{tail}"),
        None => field.to_string(),
    }
}

pub async fn save(req: HttpRequest, key: web::Path<String>, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let key = key.into_inner();
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let posted = read_rows(&v, &fields);
        // Always a blank row at the end to add a step.
        let last_blank = posted.rows > 0 && posted.row_of.last() != Some(&(posted.rows - 1));
        let shown = posted.rows + usize::from(!last_blank);
        let again = Some((fields.values(), shown));
        if !posted.errors.is_empty() {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return page(&req, &v, key, status, posted.errors, again).await;
        }
        let if_match = fields.get("version").trim().parse::<i32>().ok();
        let body = SaveTemplate {
            name: fields.get("name").to_string(),
            steps: posted.steps,
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let k = key.clone();
        let outcome = state
            .run(move |conn, env| route_templates::save(conn, env, &actor, &k, if_match, &body))
            .await;
        match outcome {
            Ok(_) => Ok(redirect(&format!("/admin/routes/{key}?done=route_saved"))),
            Err(e) => {
                // Stale: the latest version is shown, as the message says.
                let stale = matches!(e, ServiceError::StaleVersion { .. });
                let again = if stale { None } else { again };
                let mut on_form: Vec<String> = vec!["name".into(), "steps".into()];
                for k in 0..posted.row_of.len() {
                    on_form.extend(STEP_FIELDS.iter().map(|f| format!("steps[{k}].{f}")));
                }
                let names: Vec<&str> = on_form.iter().map(String::as_str).collect();
                let (status, errors) = refusal(v.lang, e, &names)?;
                let mut shown_errors = FormErrors {
                    general: errors.general,
                    ..FormErrors::default()
                };
                for (f, m) in errors.fields {
                    shown_errors.fields.insert(to_row(&f, &posted.row_of), m);
                }
                page(&req, &v, key, status, shown_errors, again).await
            }
        }
    }
    .await;
    respond(&req, result)
}
