//! The three homes: a liaison's projects by urgency, an enterprise's timeline, the
//! managers' overview.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde_json::{json, Value};

use crate::domain::step::StepStatus;
use crate::service::dashboard::{self, ProjectDigest};
use crate::service::history;
use crate::service::project_page::{open_pause, pauses};

use super::chart::saved_chart;
use super::i18n::{saved_words, word};
use super::render::render;
use super::session::{html, respond, state_of, viewer, PageResult};

fn names(d: &ProjectDigest, keys: &[String]) -> Vec<String> {
    keys.iter()
        .filter_map(|k| d.view.steps.iter().find(|s| &s.key == k))
        .map(|s| s.name.clone())
        .collect()
}

fn card(d: &ProjectDigest) -> Value {
    let p = &d.view.project;
    let stalled: Vec<String> = d
        .view
        .steps
        .iter()
        .filter(|s| s.stalled)
        .map(|s| s.name.clone())
        .collect();
    json!({"id": p.id, "name": p.name, "light": p.light, "stalled": p.stalled,
        "stage": d.stage, "stalled_steps": stalled, "can_start": names(d, &d.can_start),
        "permit_on": d.permit_on, "permit_in_days": d.permit_in_days})
}

pub async fn my(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let list = state
            .run(move |conn, env| dashboard::my_projects(conn, env, &actor))
            .await?;
        let key = if v.actor.role == crate::service::Role::Liaison {
            "my_projects"
        } else {
            "all_projects"
        };
        let ctx = json!({"title": word(v.lang, key),
            "projects": list.iter().map(card).collect::<Vec<_>>()});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "my.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

pub async fn enterprise(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let projects = state
            .run(move |conn, env| {
                let list = dashboard::enterprise_projects(conn, env, &actor)?;
                let mut out = Vec::with_capacity(list.len());
                for d in list {
                    let events = history::timeline(conn, env, &actor, d.view.project.id)?;
                    let ps = pauses(&events, env.today);
                    let waiting: Vec<Value> = d
                        .view
                        .steps
                        .iter()
                        .filter(|s| s.status == StepStatus::AwaitingApplicant)
                        .map(|s| {
                            let since = open_pause(&ps, &s.key).map(|p| p.from);
                            let waited =
                                since.map_or(0, |f| env.calendar.working_days_after(f, env.today));
                            json!({"name": s.name, "agency": s.agency, "since": since, "waited": waited})
                        })
                        .collect();
                    let with = |st: StepStatus| -> Vec<Value> {
                        d.view.steps.iter().filter(|s| s.status == st).map(|s| json!({
                            "name": s.name, "agency": s.agency, "due_on": s.due_on,
                            "finished_on": s.finished_on, "light": s.light})).collect()
                    };
                    let mut done = with(StepStatus::Approved);
                    done.extend(with(StepStatus::Waived));
                    out.push(json!({"id": d.view.project.id, "name": d.view.project.name,
                        "permit_on": d.permit_on, "waiting": waiting,
                        "in_progress": with(StepStatus::InReview), "done": done,
                        "next": names(&d, &d.can_start)}));
                }
                Ok(out)
            })
            .await?;
        let ctx = json!({"title": word(v.lang, "enterprise_home"), "projects": projects});
        Ok(html(StatusCode::OK, render(&req, Some(&v), "enterprise.html", ctx)?))
    }
    .await;
    respond(&req, result)
}

pub async fn overview(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let o = state
            .run(move |conn, env| dashboard::overview(conn, env, &actor))
            .await?;
        let red: Vec<Value> = o
            .projects
            .iter()
            .filter(|d| d.view.project.light == Some(crate::domain::clock::Light::Red))
            .map(card)
            .collect();
        let by_stage: Vec<Value> = o
            .by_stage
            .iter()
            .map(|((stage, light), n)| json!({"stage": stage, "light": light, "count": n}))
            .collect();
        let agencies: Vec<Value> = o
            .agencies
            .iter()
            .map(|a| json!({"agency": a.agency, "days_over": a.days_over, "steps_over": a.steps_over}))
            .collect();
        let year: Vec<&ProjectDigest> = o.this_year_projects.iter().map(|&i| &o.projects[i]).collect();
        let ctx = json!({"title": word(v.lang, "overview"), "red": red, "by_stage": by_stage,
            "agencies": agencies,
            "saved_words": saved_words(v.lang, o.this_year.saved_days, o.this_year.saved_calendar_days),
            "chart": saved_chart(v.lang, &year)});
        Ok(html(StatusCode::OK, render(&req, Some(&v), "overview.html", ctx)?))
    }
    .await;
    respond(&req, result)
}
