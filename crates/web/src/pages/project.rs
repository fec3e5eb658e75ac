//! The project page (Gantt, steps with clocks and lights, event forms, history, time
//! saved) and the form that records an event through the lifecycle use case.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde_json::{json, Value};

use domain::forecast::SAMPLES;
use domain::step::{Action, StepStatus};
use service::landing::milestones::MilestonesView;
use service::projects::project_page::{pauses, planned_schedule};
use service::projects::standing::standing;
use service::{
    forecasts, landing::milestones, projects, projects::dashboard, projects::history,
    steps::lifecycle, steps::withdraw, Actor, DbConn, Env, Role, ServiceResult,
};

use super::answer::{html, respond};
use super::cards::permit;
use super::form::FormErrors;
use super::gantt::milestones::marks_of;
use super::gantt::{Gantt, Zoom};
use super::i18n::{saved_words, Lang};
use super::project_forecast;
use super::render::{merge, pager, render};
use super::session::{state_of, viewer, PageResult, Viewer};

#[derive(serde::Deserialize)]
pub struct ShowQuery {
    /// `months`: the Gantt zoomed out to the whole project.
    zoom: Option<String>,
    /// Which page of the history (1: the newest); anything else reads as the first.
    history_page: Option<String>,
}

/// Events the history shows at a time: a project with years of 补正 rounds rendered every
/// one of them (1,000 events: 313 KB, 20 ms).
const HISTORY_PER_PAGE: usize = 50;

pub async fn show(req: HttpRequest, id: web::Path<i32>, q: web::Query<ShowQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let zoom = Zoom::parse(q.zoom.as_deref());
        let shown = Showing {
            zoom,
            history_page: q
                .history_page
                .as_deref()
                .and_then(|p| p.parse().ok())
                .unwrap_or(1),
        };
        page(&req, &v, id.into_inner(), shown, StatusCode::OK, None).await
    }
    .await;
    respond(&req, result)
}

/// How the page is shown: the Gantt's zoom and the page of the history.
#[derive(Debug, Clone, Copy)]
pub(super) struct Showing {
    pub zoom: Zoom,
    pub history_page: u32,
}

impl Showing {
    /// As a form shown again after a refusal: the newest history.
    pub fn weeks() -> Showing {
        Showing {
            zoom: Zoom::Weeks,
            history_page: 1,
        }
    }
}

/// A form shown again: which step's form (or `milestones`, or `withdraw-{event id}`), why
/// it was refused, what was typed, and whether it waits for a confirmation (an action
/// that pauses a clock or finishes a step is confirmed once) or was stale.
pub(super) struct Refused {
    pub key: String,
    pub errors: FormErrors,
    pub values: Value,
    pub confirm: bool,
    pub stale: bool,
}

impl Refused {
    pub fn new(key: &str, errors: FormErrors, values: Value) -> Refused {
        Refused {
            key: key.to_string(),
            errors,
            values,
            confirm: false,
            stale: false,
        }
    }
}

pub(super) async fn page(
    req: &HttpRequest,
    v: &Viewer,
    id: i32,
    shown: Showing,
    status: StatusCode,
    refused: Option<Refused>,
) -> PageResult {
    let zoom = shown.zoom;
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let lang = v.lang;
    let digests = state.digests.clone();
    let mut ctx = state
        .run_forecasting(move |conn, env, kept| {
            let row = projects::visible(conn, &actor, id)?;
            let d = digests.of_row(conn, env, row)?;
            let view = &d.view;
            let can_edit = actor
                .require_project_editor(&view.project.liaison_ids)
                .is_ok();
            let planned = planned_schedule(env, view)?;
            let forecast = forecasts::of_view(conn, env, view, kept, SAMPLES)?;
            let facts = history::facts(conn, &actor, id)?;
            let withdrawable = if can_edit {
                withdraw::withdrawable(conn, env, &actor, id, &facts)?
            } else {
                vec![]
            };
            let ps = pauses(&facts, env.today);
            let landing = milestones::view(conn, env, id)?;
            let marks = marks_of(&landing);
            let bands = project_forecast::gantt_bands(&forecast, &d.view);
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
                milestones: &marks,
                bands: &bands,
            }
            .svg();
            let standing = standing(env, &d, &history::opened(conn, &d)?);
            let of = (id, &facts[..], &landing);
            let (events, pager) = history_page(conn, env, &actor, of, shown)?;
            let mut ctx = context(&d, lang, &actor.role, can_edit, env.today, gantt, events);
            ctx["history_pager"] = pager;
            mark_withdrawable(&mut ctx, &d, &withdrawable);
            ctx["standing"] = json!(standing);
            ctx["permit"] = permit(env, &d);
            ctx["landing"] = json!(landing);
            with_forecast(&mut ctx, lang, &forecast);
            Ok(ctx)
        })
        .await?;
    // The what-if is staff's (the enterprise reads its forecast in words only).
    ctx["staff"] = json!(v.actor.role.is_staff());
    ctx["zoom"] = json!(if zoom == Zoom::Months {
        "months"
    } else {
        "weeks"
    });
    if let Some(r) = refused {
        merge(&mut ctx, r.errors.context());
        ctx["failed_step"] = json!(r.key);
        ctx["values"] = r.values;
        ctx["confirm"] = json!(r.confirm);
        ctx["stale"] = json!(r.stale);
    }
    Ok(html(status, render(req, Some(v), "project.html", ctx)?))
}

fn context(
    d: &dashboard::ProjectDigest,
    lang: Lang,
    role: &Role,
    can_edit: bool,
    today: NaiveDate,
    gantt: String,
    history: Vec<Value>,
) -> Value {
    // The schedule's steps are the plan's, in the view's order.
    let mut open: Vec<(u8, NaiveDate, Value)> = Vec::new();
    let mut finished: Vec<Value> = Vec::new();
    for (s, t) in d.view.steps.iter().zip(&d.schedule.steps) {
        let startable = d.can_start.contains(&s.key);
        let actions: Vec<&str> = lifecycle::actions_open_to(*role, s.status, startable)
            .into_iter()
            .flat_map(page_actions)
            .collect();
        let mut value = json!(s);
        value["limit"] = json!(s.promised_days.unwrap_or(s.statutory_days));
        value["critical"] = json!(d.schedule.critical_path.iter().any(|k| k.as_str() == s.key));
        value["actions"] = json!(actions);
        value["startable"] = json!(startable);
        value["expected_start"] = json!(t.earliest_start);
        if s.status.is_finished() {
            finished.push(value);
            continue;
        }
        // Open first: with the agency, then waiting on the applicant, then what can
        // start, then the rest by when it is expected to start.
        let rank = match s.status {
            StepStatus::InReview => 0,
            StepStatus::AwaitingApplicant => 1,
            _ if startable => 2,
            _ => 3,
        };
        open.push((rank, t.earliest_start, value));
    }
    open.sort_by_key(|(rank, start, _)| (*rank, *start));
    let open: Vec<Value> = open.into_iter().map(|(_, _, v)| v).collect();
    let ts = &d.time_saved;
    json!({
        "title": d.view.project.name,
        "project": {"id": d.view.project.id, "light": d.view.project.light,
            "stalled": d.view.project.stalled, "stage": d.stage,
            "code": d.view.project.project_code},
        "open_steps": open,
        "finished_steps": finished,
        "can_edit": can_edit,
        "today": today,
        "gantt": gantt,
        "ts": ts,
        "saved_words": saved_words(lang, ts.saved_days, ts.saved_calendar_days),
        "planned_finish": d.schedule.planned_finish,
        "projected_finish": d.schedule.projected_finish,
        "provisional": d.schedule.provisional,
        "history": history,
    })
}

/// A line of the history: a step's event (read whole only when its page is shown) or a
/// milestone record.
enum Entry {
    Event(i32),
    Record(Value),
}

/// One page of the history, newest first (by day; a day's events as recorded, newest
/// first, then its milestone records), and the links to the others. Only the page's events
/// are read whole: `facts` order them all.
fn history_page(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    (id, facts, landing): (i32, &[history::EventFact], &MilestonesView),
    shown: Showing,
) -> ServiceResult<(Vec<Value>, Value)> {
    let mut entries: Vec<(NaiveDate, Entry)> = facts
        .iter()
        .rev()
        .map(|e| (e.on, Entry::Event(e.id)))
        .collect();
    let records = super::landing::history_entries(landing);
    entries.extend(records.into_iter().map(|(on, v)| (on, Entry::Record(v))));
    // Stable: one day keeps its events' order, and its records after them.
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    let total = entries.len();
    let pages = u32::try_from(total.div_ceil(HISTORY_PER_PAGE))
        .unwrap_or(u32::MAX)
        .max(1);
    let page = shown.history_page.clamp(1, pages);
    let from = (page as usize - 1) * HISTORY_PER_PAGE;
    let entries: Vec<Entry> = entries
        .into_iter()
        .skip(from)
        .take(HISTORY_PER_PAGE)
        .map(|(_, e)| e)
        .collect();
    let ids: Vec<i32> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Event(id) => Some(*id),
            Entry::Record(_) => None,
        })
        .collect();
    // By id: an event gone since its facts were read (its project deleted) is left out.
    let mut events: std::collections::HashMap<i32, history::EventView> =
        history::events_with_ids(conn, env, actor, id, &ids)?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
    let shown_entries = entries
        .into_iter()
        .filter_map(|e| match e {
            Entry::Event(id) => events.remove(&id).map(|e| json!(e)),
            Entry::Record(record) => Some(record),
        })
        .collect();
    let zoom = match shown.zoom {
        Zoom::Months => "&zoom=months",
        Zoom::Weeks => "",
    };
    let mut links = pager(page, pages, |p| {
        format!("/projects/{id}?history_page={p}{zoom}#history-h")
    });
    links["total"] = json!(total);
    Ok((shown_entries, links))
}

/// Each open step's forecast on its card, and the project's below its dates.
fn with_forecast(ctx: &mut Value, lang: Lang, f: &forecasts::ForecastView) {
    let by_key = project_forecast::steps(lang, f);
    if let Some(open) = ctx["open_steps"].as_array_mut() {
        for s in open {
            let found = by_key
                .iter()
                .find(|(k, _)| s["key"].as_str() == Some(k.as_str()));
            if let Some((_, value)) = found {
                s["forecast"] = value.clone();
            }
        }
    }
    ctx["forecast"] = project_forecast::project(lang, f);
}

/// The choices the event form offers for an action: 容缺受理 and 告知承诺 are ways to
/// accept and approve, offered as choices of their own (the API's flags).
fn page_actions(a: Action) -> Vec<&'static str> {
    match a {
        Action::Accept => vec!["accept", "accept_with_missing"],
        Action::Approve => vec!["approve", "approve_by_commitment"],
        a => vec![a.as_str()],
    }
}

/// Marks in the history the events this user may withdraw (撤销) now, with their step's
/// version for the form.
fn mark_withdrawable(ctx: &mut Value, d: &dashboard::ProjectDigest, ids: &[i32]) {
    let Some(history) = ctx["history"].as_array_mut() else {
        return;
    };
    for e in history {
        let id = e["id"].as_i64().unwrap_or_default();
        if !ids.iter().any(|w| i64::from(*w) == id) {
            continue;
        }
        let version = d
            .view
            .steps
            .iter()
            .find(|s| Some(s.key.as_str()) == e["step_key"].as_str())
            .map(|s| s.version);
        e["withdrawable"] = json!(true);
        e["step_version"] = json!(version);
    }
}
