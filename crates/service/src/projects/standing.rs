//! Where a project stands, in the words its people ask in: what is done, what waits on the
//! applicant (and since when, with the 补正 notice), what is with an agency (and how long it
//! has left or how far it is over), what comes next in order and when, and which step makes
//! it red, yellow or stalled. Read from a digest (views and schedule) and, where pauses and
//! notices matter, the project's timeline; no light, clock or date is decided anew here.

use chrono::NaiveDate;
use serde::Serialize;

use domain::clock::Light;
use domain::step::StepStatus;

use crate::projects::dashboard::{days_over, ProjectDigest};
use crate::steps::step_view::StepView;
use crate::Env;

/// A step back with the applicant (补正).
#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    pub key: String,
    pub name: String,
    pub agency: String,
    /// The day materials were requested (the open pause's start).
    pub since: Option<NaiveDate>,
    /// Working days after `since` up to today: the current pause's paused days.
    pub waited: u32,
    pub stalled: bool,
    /// What the applicant must supply, from the request that opened the pause.
    pub notice: Option<String>,
}

/// A step with its agency.
#[derive(Debug, Clone, Serialize)]
pub struct WithAgency {
    pub key: String,
    pub name: String,
    pub agency: String,
    pub due_on: Option<NaiveDate>,
    pub light: Option<Light>,
    /// Working days after today up to the due date (0 once due).
    pub days_left: u32,
    /// Working days past the due date.
    pub days_over: u32,
    pub provisional: bool,
}

/// A step not yet with its agency, by the schedule's earliest start.
#[derive(Debug, Clone, Serialize)]
pub struct Upcoming {
    pub key: String,
    pub name: String,
    pub agency: String,
    pub expected_start: NaiveDate,
    pub expected_finish: NaiveDate,
    /// Every predecessor has finished: it can be accepted today.
    pub startable: bool,
    /// The dates reach a year whose calendar is not published.
    pub provisional: bool,
}

/// A finished step.
#[derive(Debug, Clone, Serialize)]
pub struct Done {
    pub key: String,
    pub name: String,
    pub agency: String,
    pub status: StepStatus,
    pub accepted_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub elapsed_days: u32,
    pub paused_days: u32,
}

/// The step that gives the project its colour: red, stalled or yellow, in that order.
#[derive(Debug, Clone, Serialize)]
pub struct Why {
    /// `red`, `stalled` or `yellow`.
    pub kind: &'static str,
    pub key: String,
    pub name: String,
    pub agency: String,
    pub days_over: u32,
    pub days_left: u32,
    /// For `stalled`: the current pause's paused days.
    pub waited: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    pub done: Vec<Done>,
    pub waiting: Vec<Waiting>,
    pub with_agency: Vec<WithAgency>,
    pub upcoming: Vec<Upcoming>,
    pub why: Option<Why>,
}

fn with_agency(env: &Env, s: &StepView) -> WithAgency {
    let days_left = s
        .due_on
        .filter(|due| *due > env.today)
        .map_or(0, |due| env.calendar.working_days_after(env.today, due));
    WithAgency {
        key: s.key.clone(),
        name: s.name.clone(),
        agency: s.agency.clone(),
        due_on: s.due_on,
        light: s.light,
        days_left,
        days_over: days_over(env, s),
        provisional: s.provisional,
    }
}

/// The request for materials (补正) a waiting step waits on: the day its pause began and what
/// the applicant must supply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub step_key: String,
    pub since: NaiveDate,
    pub notice: Option<String>,
}

/// Where the project stands; `opened` are the requests its waiting steps wait on (none
/// known: `since` is unknown and `waited` is the step's paused days).
pub fn standing(env: &Env, d: &ProjectDigest, opened: &[Opened]) -> Standing {
    let steps = &d.view.steps;
    let waiting: Vec<Waiting> = steps
        .iter()
        .filter(|s| s.status == StepStatus::AwaitingApplicant)
        .map(|s| {
            let open = opened.iter().rev().find(|o| o.step_key == s.key);
            let since = open.map(|o| o.since);
            let waited = since.map_or(s.clock.paused_days, |f| {
                env.calendar.working_days_after(f, env.today)
            });
            Waiting {
                key: s.key.clone(),
                name: s.name.clone(),
                agency: s.agency.clone(),
                since,
                waited,
                stalled: s.stalled,
                notice: open.and_then(|o| o.notice.clone()),
            }
        })
        .collect();
    let mut with: Vec<WithAgency> = steps
        .iter()
        .filter(|s| s.status == StepStatus::InReview)
        .map(|s| with_agency(env, s))
        .collect();
    with.sort_by_key(|w| (w.due_on, w.key.clone()));
    // The schedule's steps are the plan's, in the view's order.
    let mut upcoming: Vec<Upcoming> = steps
        .iter()
        .zip(&d.schedule.steps)
        .filter(|(s, _)| matches!(s.status, StepStatus::Pending | StepStatus::Rejected))
        .map(|(s, t)| Upcoming {
            key: s.key.clone(),
            name: s.name.clone(),
            agency: s.agency.clone(),
            expected_start: t.earliest_start,
            expected_finish: t.earliest_finish,
            startable: d.can_start.contains(&s.key),
            provisional: env
                .calendar
                .is_provisional_span(env.today, t.earliest_finish),
        })
        .collect();
    upcoming.sort_by_key(|u| (u.expected_start, u.expected_finish, u.key.clone()));
    let mut done: Vec<Done> = steps
        .iter()
        .filter(|s| s.status.is_finished())
        .map(|s| Done {
            key: s.key.clone(),
            name: s.name.clone(),
            agency: s.agency.clone(),
            status: s.status,
            accepted_on: s.accepted_on,
            finished_on: s.finished_on,
            elapsed_days: s.clock.elapsed_days,
            paused_days: s.clock.paused_days,
        })
        .collect();
    done.sort_by_key(|x| (x.finished_on, x.key.clone()));
    let why = why(&with, &waiting);
    Standing {
        done,
        waiting,
        with_agency: with,
        upcoming,
        why,
    }
}

/// Red: the step furthest over; stalled: the longest wait; yellow: the fewest days left.
fn why(with: &[WithAgency], waiting: &[Waiting]) -> Option<Why> {
    let of = |kind, w: &WithAgency| Why {
        kind,
        key: w.key.clone(),
        name: w.name.clone(),
        agency: w.agency.clone(),
        days_over: w.days_over,
        days_left: w.days_left,
        waited: 0,
    };
    if let Some(w) = with
        .iter()
        .filter(|w| w.light == Some(Light::Red))
        .max_by_key(|w| w.days_over)
    {
        return Some(of("red", w));
    }
    if let Some(w) = waiting
        .iter()
        .filter(|w| w.stalled)
        .max_by_key(|w| w.waited)
    {
        return Some(Why {
            kind: "stalled",
            key: w.key.clone(),
            name: w.name.clone(),
            agency: w.agency.clone(),
            days_over: 0,
            days_left: 0,
            waited: w.waited,
        });
    }
    with.iter()
        .filter(|w| w.light == Some(Light::Yellow))
        .min_by_key(|w| w.days_left)
        .map(|w| of("yellow", w))
}
