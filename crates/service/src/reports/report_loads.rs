//! Per-person and per-agency figures of the weekly report: liaisons' load, agencies'
//! median days against their limits (approved steps of the year to date).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use domain::clock::Light;
use domain::step::StepStatus;

use report::model::{median, AgencyStat, LiaisonLoad};

use crate::reports::report_input::{completed, in_progress, limit, year_start, ReportInput};

/// Per agency: days used and limits of approved steps, how many over, how many open.
#[derive(Default)]
struct AgencyTally {
    used: Vec<u32>,
    limits: Vec<u32>,
    over: u32,
    open: u32,
}

pub fn liaisons(input: &ReportInput, in_week: &dyn Fn(NaiveDate) -> bool) -> Vec<LiaisonLoad> {
    let mut out: Vec<LiaisonLoad> = input
        .liaisons
        .iter()
        .map(|l| LiaisonLoad {
            user_id: l.id,
            name: l.name.clone(),
            projects: 0,
            steps_in_progress: 0,
            red: 0,
            yellow: 0,
            stalled: 0,
            finished_this_week: 0,
        })
        .collect();
    for p in input.projects {
        let steps = &p.view.steps;
        for load in out
            .iter_mut()
            .filter(|l| p.view.project.liaison_ids.contains(&l.user_id))
        {
            load.projects += u32::from(!completed(&p.view));
            for s in steps {
                load.steps_in_progress += u32::from(in_progress(s));
                load.red += u32::from(s.light == Some(Light::Red));
                load.yellow += u32::from(s.light == Some(Light::Yellow));
                load.stalled += u32::from(s.stalled);
                load.finished_this_week +=
                    u32::from(s.status.is_finished() && s.finished_on.is_some_and(in_week));
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.user_id.cmp(&b.user_id)));
    out
}

pub fn agencies(input: &ReportInput) -> Vec<AgencyStat> {
    let from = year_start(input.as_of);
    let mut by: BTreeMap<&str, AgencyTally> = BTreeMap::new();
    for s in input.projects.iter().flat_map(|p| &p.view.steps) {
        let e = by.entry(s.agency.as_str()).or_default();
        e.open += u32::from(in_progress(s));
        let approved_ytd = s.status == StepStatus::Approved
            && s.finished_on.is_some_and(|d| from <= d && d <= input.as_of);
        if approved_ytd {
            e.used.push(s.clock.statutory_used);
            e.limits.push(limit(s));
            e.over += u32::from(s.clock.statutory_used > limit(s));
        }
    }
    by.into_iter()
        .map(|(agency, t)| AgencyStat {
            agency: agency.to_string(),
            approved: t.used.len() as u32,
            median_days_used: median(t.used),
            median_limit_days: median(t.limits),
            over_limit: t.over,
            in_progress: t.open,
        })
        .collect()
}
