//! The managers' cockpit (驾驶舱, `/overview`): counts that link to their lists, the red,
//! yellow and stalled steps, projects by stage and route, bottleneck agencies, red and
//! yellow over twelve weeks, and time saved per "One truth for time saved".

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde_json::{json, Value};

use domain::time_saved::PortfolioTimeSaved;
use service::forecasts::{self, TargetsQuery};
use service::landing;
use service::projects::cockpit::{self, Cockpit, CockpitCaches};
use service::projects::dashboard::ProjectDigest;

use super::answer::{html, respond};
use super::chart::saved_chart;
use super::cockpit_chart::lights_chart;
use super::i18n::{saved_words, word, Lang};
use super::landing::overview_context;
use super::render::render;
use super::session::{state_of, viewer, PageResult};

/// The most projects the time-saved chart draws.
const SAVED_CHART_PROJECTS: usize = 20;

pub async fn overview(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let (digests, reports, kept_cockpit) = (
            state.digests.clone(),
            state.reports.clone(),
            state.cockpit.clone(),
        );
        let (c, l, requests, today, starts) = state
            .run_forecasting(move |conn, env, (cache, generation)| {
                let year = chrono::Datelike::year(&env.today);
                let l = landing::figures(conn, env, &actor, year, &digests)?;
                let requests = super::request_sections::year_figures(conn, env, &actor)?;
                let q = TargetsQuery { year: Some(year) };
                let starts =
                    forecasts::targets(conn, env, &actor, &q, (cache, generation.clone()))?;
                let c = cockpit::cockpit(
                    conn,
                    env,
                    &actor,
                    CockpitCaches {
                        kept: (cache, generation),
                        digests: &digests,
                        reports: &reports,
                        cockpit: &kept_cockpit,
                    },
                )?;
                Ok((c, l, requests, env.today, starts))
            })
            .await?;
        let mut ctx = context(v.lang, &c);
        ctx["requests"] = requests;
        ctx["landing"] = overview_context(v.lang, &l, today);
        ctx["starts_forecast"] = super::project_forecast::year_starts(v.lang, &starts);
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "overview.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

/// One half of the time-saved split as the page shows it.
fn part(lang: Lang, p: &PortfolioTimeSaved) -> Value {
    json!({"projects": p.projects, "saved_days": p.saved_days,
        "saved_calendar_days": p.saved_calendar_days, "baseline_days": p.baseline_days,
        "actual_days": p.actual_days, "projected_days": p.projected_days,
        "words": saved_words(lang, p.saved_days, p.saved_calendar_days)})
}

fn context(lang: Lang, c: &Cockpit) -> Value {
    let o = &c.overview;
    let r = &c.report;
    let k = &c.counts;
    let counts = json!([
        {"id": "count-red", "key": "red", "n": k.red, "query": "light=red"},
        {"id": "count-yellow", "key": "yellow", "n": k.yellow, "query": "light=yellow"},
        {"id": "count-stalled", "key": "stalled", "n": k.stalled, "query": "stalled=true"},
        {"id": "count-green", "key": "green", "n": k.on_time, "query": "light=green"},
    ]);
    let red: Vec<Value> = r
        .overdue
        .iter()
        .map(|s| {
            json!({"id": s.step.project_id, "project": s.step.project, "step": s.step.step,
            "agency": s.step.agency, "days": s.days_over, "liaisons": s.step.liaisons})
        })
        .collect();
    let yellow: Vec<Value> = c
        .yellow
        .iter()
        .map(|s| {
            json!({"id": s.project_id, "project": s.project, "step": s.step,
            "agency": s.agency, "days": s.days_left, "liaisons": s.liaisons})
        })
        .collect();
    let stalled: Vec<Value> = r
        .stalled
        .iter()
        .map(|s| {
            json!({"id": s.step.project_id, "project": s.step.project, "step": s.step.step,
            "agency": s.step.agency, "days": s.days_waiting, "liaisons": s.step.liaisons})
        })
        .collect();
    let by_stage: Vec<Value> = o
        .by_stage
        .iter()
        .map(|((stage, light), n)| json!({"stage": stage, "light": light, "count": n}))
        .collect();
    let by_route: Vec<Value> = c
        .by_route
        .iter()
        .map(|(route, n)| json!({"route": route, "count": n}))
        .collect();
    let agencies: Vec<Value> = c
        .bottlenecks
        .iter()
        .map(|a| {
            json!({"agency": a.agency, "median": a.median_days_used.map(|m| format!("{m:.1}")),
            "overdue_steps": a.overdue_steps, "days_over": a.days_over})
        })
        .collect();
    // The projects that saved the most, most first: a bar pair per project of the whole zone
    // was a chart 400,000 px tall (3.7 MB of the page on 10,000 projects).
    let mut year: Vec<&ProjectDigest> = o
        .this_year_projects
        .iter()
        .map(|&i| &*o.projects[i])
        .collect();
    year.sort_by_key(|d| std::cmp::Reverse(d.time_saved.saved_days));
    let total = year.len();
    year.truncate(SAVED_CHART_PROJECTS);
    let chart_more = (total > year.len()).then(|| {
        word(lang, "chart_more")
            .replace("{shown}", &year.len().to_string())
            .replace("{total}", &total.to_string())
    });
    json!({"title": word(lang, "overview"), "counts": counts,
        "red": red, "yellow": yellow, "stalled": stalled,
        "by_stage": by_stage, "by_route": by_route, "agencies": agencies,
        "finished": part(lang, &o.this_year.finished),
        "in_progress": part(lang, &o.this_year.in_progress),
        "lights_chart": lights_chart(lang, &c.weeks),
        "chart": saved_chart(lang, &year), "chart_more": chart_more})
}
