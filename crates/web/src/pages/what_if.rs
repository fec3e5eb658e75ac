//! What if (假如) on the pages: a project's step N working days longer or shorter
//! (`/projects/{id}/what-if`), an agency's steps a factor slower or faster across the zone
//! (`/overview/what-if`). Today's forecast and the assumed one side by side; nothing is
//! stored, so the forms are GET and every result can be bookmarked or sent on.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use domain::forecast::Range;
use service::forecasts::what_if::{self, AgencyFactor, Assumption, WhatIf, ZoneWhatIf};
use service::forecasts::{ForecastView, TargetsQuery, TargetsView};
use service::projects;
use service::refusal::forms;

use super::answer::{html, respond};
use super::form::{refusal, FormErrors};
use super::i18n::{date, word, Lang};
use super::messages::own;
use super::render::{merge, render};
use super::session::{state_of, viewer, PageResult};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/{id}/what-if", web::get().to(project))
        .route("/overview/what-if", web::get().to(zone));
}

#[derive(serde::Deserialize)]
pub struct StepQuery {
    step: Option<String>,
    days: Option<String>,
}

/// The form's fields as the service names them.
const STEP_FIELDS: &[(&str, &str)] =
    &[("assume[0].step", "step"), ("assume[0].extra_days", "days")];
const AGENCY_FIELDS: &[(&str, &str)] = &[
    ("agencies[0].agency", "agency"),
    ("agencies[0].factor", "factor"),
];

/// A refusal's field errors under the form's own field names.
fn on_form(
    lang: Lang,
    e: service::ServiceError,
    names: &[(&str, &str)],
) -> Result<(StatusCode, FormErrors), super::session::PageError> {
    let service: Vec<&str> = names.iter().map(|(s, _)| *s).collect();
    let (status, mut errors) = refusal(lang, e, &service)?;
    for (s, f) in names {
        if let Some(m) = errors.fields.remove(*s) {
            errors.fields.insert((*f).to_string(), m);
        }
    }
    Ok((status, errors))
}

/// A whole number typed in a field, or its refusal there.
fn whole<T: std::str::FromStr>(
    lang: Lang,
    name: &str,
    typed: &str,
    errors: &mut FormErrors,
) -> Option<T> {
    typed
        .trim()
        .parse()
        .map_err(|_| {
            errors
                .fields
                .insert(name.to_string(), own(lang, forms::NOT_A_WHOLE_NUMBER));
        })
        .ok()
}

fn range(lang: Lang, r: &Range) -> Value {
    json!({"p50": date(lang, r.p50), "p80": date(lang, r.p80)})
}

/// Rows of today's and the assumed forecast: each open step (the permit among them), the
/// last step, 开工.
fn compared(
    lang: Lang,
    names: &[(String, String)],
    today: &ForecastView,
    assumed: &ForecastView,
) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut push = |label: String, a: Range, b: Range| {
        rows.push(
            json!({"label": label, "today": range(lang, &a), "assumed": range(lang, &b),
            "moved": a != b}),
        );
    };
    for (t, s) in today.steps.iter().zip(&assumed.steps) {
        if let Some((_, name)) = names.iter().find(|(k, _)| *k == t.key) {
            push(
                name.clone(),
                Range {
                    p50: t.p50,
                    p80: t.p80,
                },
                Range {
                    p50: s.p50,
                    p80: s.p80,
                },
            );
        }
    }
    push(word(lang, "forecast_finish"), today.finish, assumed.finish);
    if let (Some(a), Some(b)) = (today.started, assumed.started) {
        push(word(lang, "forecast_started"), a, b);
    }
    rows
}

pub async fn project(
    req: HttpRequest,
    id: web::Path<i32>,
    q: web::Query<StepQuery>,
) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let (id, lang) = (id.into_inner(), v.lang);
        let q = q.into_inner();
        let asked = q.step.is_some() || q.days.is_some();
        let mut errors = FormErrors::default();
        // Asked without a number of days: refused there, as a blank field is.
        let days: Option<i32> = asked
            .then(|| whole(lang, "days", q.days.as_deref().unwrap_or(""), &mut errors))
            .flatten();
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let step = q.step.clone().unwrap_or_default();
        let (view, outcome) = state
            .run_forecasting(move |conn, env, kept| {
                actor.require_staff()?;
                let view = projects::get(conn, env, &actor, id)?;
                let outcome = match days {
                    Some(extra_days) => {
                        let body = WhatIf {
                            assume: vec![Assumption { step, extra_days }],
                        };
                        Some(what_if::project(conn, env, &actor, id, &body, kept))
                    }
                    None => None,
                };
                Ok((view, outcome))
            })
            .await?;
        let open: Vec<(String, String)> = view
            .steps
            .iter()
            .filter(|s| !s.status.is_finished())
            .map(|s| (s.key.clone(), s.name.clone()))
            .collect();
        let mut status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let mut rows = Vec::new();
        match outcome {
            Some(Ok(w)) => rows = compared(lang, &open, &w.today, &w.assumed),
            Some(Err(e)) => {
                let (s, shown) = on_form(lang, e, STEP_FIELDS)?;
                status = s;
                errors = shown;
            }
            None => {}
        }
        let mut options: Vec<Value> = open.iter().map(|(k, n)| json!([k, n])).collect();
        // A step typed into the address that the project lacks is kept, to be refused beside it.
        if let Some(s) = q
            .step
            .as_deref()
            .filter(|s| !s.is_empty() && !open.iter().any(|(k, _)| k == s))
        {
            options.push(json!([s, s]));
        }
        // "假如 环评审批 多 5 个工作日", said above the comparison.
        let said = (!rows.is_empty()).then(|| {
            let name = open
                .iter()
                .find(|(k, _)| Some(k) == q.step.as_ref())
                .map_or("", |(_, n)| n.as_str());
            word(lang, "what_if_step_said")
                .replace("{step}", name)
                .replace("{days}", q.days.as_deref().unwrap_or("").trim())
        });
        let mut ctx = json!({
            "title": format!("{}：{}", word(lang, "what_if"), view.project.name),
            "project": {"id": view.project.id, "name": view.project.name},
            "options": options,
            "step": q.step, "days": q.days,
            "rows": rows,
            "assumption": said,
        });
        merge(&mut ctx, errors.context());
        Ok(html(
            status,
            render(&req, Some(&v), "what_if_project.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

#[derive(serde::Deserialize)]
pub struct AgencyQuery {
    agency: Option<String>,
    factor: Option<String>,
}

/// The year's figures side by side, and the projects whose chance moved most.
fn targets_rows(lang: Lang, today: &TargetsView, assumed: &TargetsView) -> Value {
    let pct = |p: f64| (p * 100.0).round() as i64;
    let band = |t: &TargetsView| format!("{:.1}（{}–{}）", t.expected, t.p10, t.p90);
    let chance = |t: &TargetsView| t.probability_of_target.map(|p| format!("{}%", pct(p)));
    let mut projects: Vec<Value> = today
        .projects
        .iter()
        .filter_map(|a| {
            let b = assumed.projects.iter().find(|b| b.id == a.id)?;
            (pct(a.probability) != pct(b.probability)).then(|| {
                json!({"id": a.id, "name": a.name, "today": pct(a.probability),
                    "assumed": pct(b.probability), "step": b.delaying_step_name,
                    "drop": pct(a.probability) - pct(b.probability)})
            })
        })
        .collect();
    projects.sort_by_key(|p| -p["drop"].as_i64().unwrap_or(0).abs());
    projects.truncate(20);
    json!({
        "expected": [band(today), band(assumed)],
        "chance": [chance(today), chance(assumed)],
        "target": today.target,
        "projects": projects,
        "label_expected": word(lang, "what_if_expected"),
    })
}

pub async fn zone(req: HttpRequest, q: web::Query<AgencyQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let lang = v.lang;
        let q = q.into_inner();
        let asked = q.agency.is_some() || q.factor.is_some();
        let mut errors = FormErrors::default();
        let factor: Option<f64> =
            asked
                .then_some(q.factor.as_deref().unwrap_or(""))
                .and_then(|f| {
                    f.trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|f| f.is_finite())
                        .or_else(|| {
                            errors
                                .fields
                                .insert("factor".into(), own(lang, forms::NOT_A_NUMBER));
                            None
                        })
                });
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let agency = q.agency.clone().unwrap_or_default();
        let (agencies, outcome) = state
            .run_forecasting(move |conn, env, kept| {
                actor.require_staff()?;
                let agencies: Vec<String> = service::routes::agencies::list(conn, &actor)?
                    .into_iter()
                    .map(|a| a.name)
                    .collect();
                let outcome = factor.map(|factor| {
                    let body = ZoneWhatIf {
                        agencies: vec![AgencyFactor { agency, factor }],
                    };
                    what_if::zone(conn, env, &actor, &TargetsQuery::default(), &body, kept)
                });
                Ok((agencies, outcome))
            })
            .await?;
        let mut status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let mut figures = Value::Null;
        match outcome {
            Some(Ok(w)) => figures = targets_rows(lang, &w.today, &w.assumed),
            Some(Err(e)) => {
                let (s, shown) = on_form(lang, e, AGENCY_FIELDS)?;
                status = s;
                errors = shown;
            }
            None => {}
        }
        let said = (!figures.is_null()).then(|| {
            word(lang, "what_if_zone_said")
                .replace("{agency}", q.agency.as_deref().unwrap_or("").trim())
                .replace("{factor}", q.factor.as_deref().unwrap_or("").trim())
        });
        let mut ctx = json!({
            "assumption": said,
            "title": word(lang, "what_if_zone"),
            "agencies": agencies,
            "agency": q.agency, "factor": q.factor,
            "figures": figures,
        });
        merge(&mut ctx, errors.context());
        Ok(html(
            status,
            render(&req, Some(&v), "what_if_zone.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}
