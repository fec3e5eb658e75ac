//! An import's plan (its projects and their steps, each with the line it came from) and
//! the checks beyond single fields: a row's dates must make a history, and a project's
//! steps a route whose accepted steps' predecessors had finished by then. The rows are
//! read into the plan by `import_rows`.

use std::collections::HashMap;

use chrono::NaiveDate;

use domain::route::validate_route;
use domain::step::{replay_status, Action, StepSpec, StepStatus};

use crate::refusal::{events, imports, Refusal};

/// Why a row is refused, before its line is known: the file's columns it concerns
/// (`"start_date"`, `"approved_on, rejected_on"`; empty for the row as a whole) and the
/// refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub column: String,
    pub refusal: Refusal,
}

impl Problem {
    pub fn new(column: impl Into<String>, refusal: impl Into<Refusal>) -> Problem {
        Problem {
            column: column.into(),
            refusal: refusal.into(),
        }
    }

    pub fn at(self, line: usize) -> RowError {
        RowError {
            line,
            problem: self,
        }
    }
}

/// A bad row of the file, by its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone)]
pub struct PlannedStep {
    pub line: usize,
    pub spec: StepSpec,
    pub status: StepStatus,
    pub accepted_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub events: Vec<(Action, NaiveDate)>,
    /// The 补正 notice of its `request_materials` event.
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PlannedProject {
    pub line: usize,
    pub name: String,
    /// The enterprise as written (its 统一社会信用代码).
    pub enterprise: String,
    pub start_date: NaiveDate,
    /// User names.
    pub liaisons: Vec<String>,
    /// Its 统一项目代码, shape checked.
    pub project_code: Option<String>,
    pub steps: Vec<PlannedStep>,
}

/// The events a row's dates stand for, in order; refuses impossible histories.
pub fn events_of(
    dates: &HashMap<&str, NaiveDate>,
    today: NaiveDate,
) -> Result<Vec<(Action, NaiveDate)>, Problem> {
    if let Some((col, d)) = dates.iter().find(|(_, d)| **d > today) {
        let after = Refusal::of(events::DATE_AFTER_TODAY)
            .arg("day", d)
            .arg("today", today);
        return Err(Problem::new(*col, after));
    }
    if let Some(w) = dates.get("waived_on") {
        if dates.len() > 1 {
            return Err(Problem::new("waived_on", imports::WAIVED_ALONE));
        }
        return Ok(vec![(Action::Waive, *w)]);
    }
    if dates.contains_key("approved_on") && dates.contains_key("rejected_on") {
        return Err(Problem::new(
            "approved_on, rejected_on",
            imports::APPROVED_OR_REJECTED,
        ));
    }
    let order = [
        ("accepted_on", Action::Accept),
        ("requested_on", Action::RequestMaterials),
        ("resubmitted_on", Action::Resubmit),
        ("approved_on", Action::Approve),
        ("rejected_on", Action::Reject),
    ];
    let events: Vec<(Action, NaiveDate)> = order
        .iter()
        .filter_map(|(col, a)| dates.get(col).map(|d| (*a, *d)))
        .collect();
    if let Some(w) = events.windows(2).find(|w| w[1].1 < w[0].1) {
        let order = Refusal::of(imports::EVENTS_OUT_OF_ORDER)
            .arg("then", w[1].0)
            .arg("then_on", w[1].1)
            .arg("first", w[0].0)
            .arg("first_on", w[0].1);
        return Err(Problem::new("", order));
    }
    replay_status(events.iter().map(|e| e.0)).map_err(|e| {
        let history = Refusal::of(imports::NO_HISTORY)
            .arg("action", e.action.verb())
            .arg("status", e.from.phrase());
        Problem::new("", history)
    })?;
    Ok(events)
}

/// The route (unknown steps, cycles) and the order of events across steps.
pub fn check_project(p: &PlannedProject, errors: &mut Vec<RowError>) {
    let specs: Vec<StepSpec> = p.steps.iter().map(|s| s.spec.clone()).collect();
    if let Err(e) = validate_route(&specs) {
        // The steps' keys and dependencies, across the project's rows.
        errors.push(Problem::new("step, depends_on", e).at(p.line));
        return;
    }
    let by_key: HashMap<_, _> = p.steps.iter().map(|s| (&s.spec.key, s)).collect();
    for s in &p.steps {
        let Some(accepted) = s.accepted_on else {
            continue;
        };
        for dep in &s.spec.depends_on {
            let Some(pred) = by_key.get(dep) else {
                continue;
            };
            let ok = pred.status.is_finished() && pred.finished_on.is_some_and(|f| f <= accepted);
            if !ok {
                let unfinished = Refusal::of(imports::PREDECESSOR_NOT_FINISHED)
                    .arg("step", &s.spec.key)
                    .arg("day", accepted)
                    .arg("predecessor", dep)
                    .arg("line", pred.line);
                errors.push(Problem::new("accepted_on", unfinished).at(s.line));
            }
        }
    }
}
