//! The project page's forecasts (docs/rules.md "Forecasts") in words, beside the law's
//! dates: each open step's P50 and P80, where its figures came from and how often it lies on
//! the longest path; the permit, the last approval and 开工 for the project.

use serde_json::{json, Value};

use domain::forecast::{Range, Source};
use domain::landing::CONSTRUCTION_PERMIT;
use service::forecasts::{ForecastView, TargetsView};
use service::projects::project_view::ProjectView;

use super::i18n::{date, word, Lang};

/// "预计 … 前后；按本区以往项目，八成在 … 之前".
fn range_words(lang: Lang, r: &Range) -> String {
    word(lang, "forecast_words")
        .replace("{p50}", &date(lang, r.p50))
        .replace("{p80}", &date(lang, r.p80))
}

/// Where a step's figures came from, with how many cases.
fn source_words(lang: Lang, source: Source, n: usize) -> String {
    let key = match source {
        Source::StepAtAgency => "forecast_from_step_agency",
        Source::Step => "forecast_from_step",
        Source::Zone => "forecast_from_zone",
        Source::NoHistory => "forecast_none",
    };
    word(lang, key).replace("{n}", &n.to_string())
}

/// Each step's forecast by its key, for the step cards.
pub fn steps(lang: Lang, f: &ForecastView) -> Vec<(String, Value)> {
    f.steps
        .iter()
        .map(|s| {
            let pct = (s.criticality * 100.0).round() as i64;
            let value = json!({
                "words": range_words(lang, &Range { p50: s.p50, p80: s.p80 }),
                "source": source_words(lang, s.history, s.observations),
                "history": s.history,
                "criticality": word(lang, "forecast_criticality").replace("{pct}", &pct.to_string()),
            });
            (s.key.clone(), value)
        })
        .collect()
}

/// Whether any step drew from the zone's history: without, the forecast is the law's
/// schedule and must not be told as "按本区以往项目".
fn has_history(f: &ForecastView) -> bool {
    f.steps.iter().any(|s| s.history != Source::NoHistory)
}

/// The project's lines: the permit, the last approval and 开工, each in words (none
/// without history).
pub fn project(lang: Lang, f: &ForecastView) -> Value {
    if !has_history(f) {
        return json!([]);
    }
    let line =
        |key: &str, r: &Range| json!({"label": word(lang, key), "words": range_words(lang, r)});
    let mut lines = Vec::new();
    if let Some(p) = &f.permit {
        lines.push(line("forecast_permit", p));
    }
    lines.push(line("forecast_finish", &f.finish));
    if let Some(s) = &f.started {
        lines.push(line("forecast_started", s));
    }
    json!(lines)
}

/// The Gantt's forecast bands (none without history: the forecast is then the schedule,
/// which the chart already draws): the open construction permit's P50–P80, and the
/// project's finish under the open step forecast to finish last.
pub fn gantt_bands(f: &ForecastView, view: &ProjectView) -> Vec<(String, Range)> {
    if !has_history(f) {
        return Vec::new();
    }
    let open = |key: &str| {
        view.steps
            .iter()
            .any(|s| s.key == key && !s.status.is_finished())
    };
    let mut bands = Vec::new();
    if let Some(p) = f.permit.filter(|_| open(CONSTRUCTION_PERMIT)) {
        bands.push((CONSTRUCTION_PERMIT.to_string(), p));
    }
    let last = f
        .steps
        .iter()
        .filter(|s| open(&s.key))
        .max_by_key(|s| (s.p80, s.p50));
    if let Some(last) = last.filter(|l| l.key != CONSTRUCTION_PERMIT) {
        bands.push((last.key.clone(), f.finish));
    }
    bands
}

/// The enterprise's line under its permit: "按本区以往项目，施工许可八成在 … 之前；开工八成在
/// … 之前", each part only while still to come; none when neither is.
pub fn for_enterprise(lang: Lang, f: &ForecastView, view: &ProjectView) -> Option<String> {
    let issued = view
        .steps
        .iter()
        .any(|s| s.key == CONSTRUCTION_PERMIT && s.status.is_finished());
    if !has_history(f) {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(p) = f.permit.filter(|_| !issued) {
        parts.push(word(lang, "forecast_enterprise_permit").replace("{p80}", &date(lang, p.p80)));
    }
    if let Some(s) = &f.started {
        parts.push(word(lang, "forecast_enterprise_started").replace("{p80}", &date(lang, s.p80)));
    }
    (!parts.is_empty())
        .then(|| format!("{}{}", word(lang, "forecast_enterprise"), parts.join("；")))
}

/// A `/my` card's line: the open step most often on the longest path, with how often
/// ("最该推动：环评审批（73% 的情形下处于最长路径）"); none when no step is open.
pub fn push_first(lang: Lang, f: &ForecastView, view: &ProjectView) -> Option<String> {
    let i = service::forecasts::most_critical(view, f.steps.iter().map(|s| s.criticality))?;
    let (step, forecast) = (view.steps.get(i)?, f.steps.get(i)?);
    let pct = (forecast.criticality * 100.0).round() as i64;
    Some(
        word(lang, "forecast_push_first")
            .replace("{step}", &step.name)
            .replace("{pct}", &pct.to_string()),
    )
}

/// The projects the cockpit lists: the least likely to start this year first.
const AT_RISK_SHOWN: usize = 10;

/// The year's starts as forecast, for the cockpit: the sentence, and the projects least
/// likely to start, each with its probability and the step to push.
pub fn year_starts(lang: Lang, t: &TargetsView) -> Value {
    let pct = |p: f64| (p * 100.0).round() as i64;
    // Without history every step takes its limit: the figures are the law's, not the zone's.
    let key = if t.has_history {
        "forecast_year_starts"
    } else {
        "forecast_year_starts_law"
    };
    let mut words = word(lang, key)
        .replace("{expected}", &format!("{:.1}", t.expected))
        .replace("{p10}", &t.p10.to_string())
        .replace("{p90}", &t.p90.to_string());
    if let (Some(target), Some(p)) = (t.target, t.probability_of_target) {
        words.push_str(
            &word(lang, "forecast_target_chance")
                .replace("{target}", &target.to_string())
                .replace("{pct}", &pct(p).to_string()),
        );
    }
    let projects: Vec<Value> = t
        .projects
        .iter()
        .take(AT_RISK_SHOWN)
        .map(|p| {
            json!({"id": p.id, "name": p.name, "code": p.project_code,
                "pct": pct(p.probability), "step": p.delaying_step_name})
        })
        .collect();
    json!({"words": words, "projects": projects, "started": t.started})
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_range_is_said_as_people_say_it() {
        let r = Range {
            p50: d("2027-03-10"),
            p80: d("2027-03-24"),
        };
        assert_eq!(
            range_words(Lang::Zh, &r),
            "预计 2027年3月10日 前后；按本区以往项目，八成在 2027年3月24日 之前"
        );
        assert_eq!(
            source_words(Lang::Zh, Source::StepAtAgency, 8),
            "依据本部门同一环节 8 个已办结案例"
        );
        assert_eq!(
            source_words(Lang::Zh, Source::NoHistory, 0),
            "无历史数据，按法定时限计"
        );
    }
}
