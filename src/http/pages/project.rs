//! The project page (Gantt, steps with clocks and lights, event forms, history, time
//! saved) and the form that records an event through the lifecycle use case.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::domain::step::{next_status, Action};
use crate::service::lifecycle::{self, RecordEvent};
use crate::service::project_page::{pauses, planned_schedule};
use crate::service::{dashboard, history, projects, Role, ServiceError};

use super::gantt::{Gantt, Zoom};
use super::i18n::{saved_words, Lang};
use super::render::render;
use super::session::{check_csrf, html, redirect, respond, state_of, viewer, PageResult};

#[derive(serde::Deserialize)]
pub struct ShowQuery {
    /// `months`: the Gantt zoomed out to the whole project.
    zoom: Option<String>,
}

pub async fn show(req: HttpRequest, id: web::Path<i32>, q: web::Query<ShowQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let lang = v.lang;
        let id = id.into_inner();
        let zoom = Zoom::parse(q.zoom.as_deref());
        let ctx = state
            .run(move |conn, env| {
                let view = projects::get(conn, env, &actor, id)?;
                let can_edit = actor
                    .require_project_editor(&view.project.liaison_ids)
                    .is_ok();
                let planned = planned_schedule(env, &view)?;
                let d = dashboard::digest(env, view)?;
                let events = history::timeline(conn, env, &actor, id)?;
                let ps = pauses(&events, env.today);
                let gantt = Gantt {
                    lang,
                    zoom,
                    calendar: &env.calendar,
                    today: env.today,
                    start_date: d.view.project.start_date,
                    steps: &d.view.steps,
                    actual: &d.schedule,
                    planned: &planned,
                    pauses: &ps,
                }
                .svg();
                Ok(context(
                    &d,
                    lang,
                    &actor.role,
                    can_edit,
                    env.today,
                    gantt,
                    events,
                ))
            })
            .await?;
        let mut ctx = ctx;
        ctx["zoom"] = serde_json::json!(if zoom == Zoom::Months {
            "months"
        } else {
            "weeks"
        });
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "project.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

fn context(
    d: &dashboard::ProjectDigest,
    lang: Lang,
    role: &Role,
    can_edit: bool,
    today: NaiveDate,
    gantt: String,
    events: Vec<history::EventView>,
) -> Value {
    let steps: Vec<Value> = d
        .view
        .steps
        .iter()
        .map(|s| {
            let actions: Vec<&str> = Action::ALL
                .iter()
                .filter(|a| **a != Action::Reopen || *role == Role::Admin)
                .filter(|a| next_status(s.status, **a).is_ok())
                // `accept` only once every predecessor has finished (else a 409).
                .filter(|a| **a != Action::Accept || d.can_start.contains(&s.key))
                .map(|a| a.as_str())
                .collect();
            let mut value = json!(s);
            value["limit"] = json!(s.promised_days.unwrap_or(s.statutory_days));
            value["critical"] = json!(d.schedule.critical_path.iter().any(|k| k.as_str() == s.key));
            value["actions"] = json!(actions);
            value
        })
        .collect();
    let ts = &d.time_saved;
    json!({
        "title": d.view.project.name,
        "project": {"id": d.view.project.id, "light": d.view.project.light,
            "stalled": d.view.project.stalled, "stage": d.stage},
        "steps": steps,
        "can_edit": can_edit,
        "today": today,
        "gantt": gantt,
        "ts": ts,
        "saved_words": saved_words(lang, ts.saved_days, ts.saved_calendar_days),
        "planned_finish": d.schedule.planned_finish,
        "projected_finish": d.schedule.projected_finish,
        "permit_on": d.permit_on,
        "history": events,
    })
}

pub async fn record(
    req: HttpRequest,
    path: web::Path<(i32, String)>,
    form: web::Form<HashMap<String, String>>,
) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        check_csrf(&v, &form)?;
        let (id, key) = path.into_inner();
        let action = form
            .get("action")
            .and_then(|a| Action::parse(a))
            .ok_or_else(|| ServiceError::invalid("action", "choose an action"))?;
        let on = match form.get("on").map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                s.parse::<NaiveDate>()
                    .map_err(|_| ServiceError::invalid("on", "a date like 2026-03-16"))?,
            ),
        };
        let event = RecordEvent {
            action,
            on,
            note: form.get("note").cloned().filter(|n| !n.trim().is_empty()),
            accepted_with_missing: false,
            by_commitment: false,
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let k = key.clone();
        state
            .run(move |conn, env| lifecycle::record(conn, env, &actor, id, &k, None, &event))
            .await?;
        Ok(redirect(&format!("/projects/{id}#step-{key}")))
    }
    .await;
    respond(&req, result)
}
