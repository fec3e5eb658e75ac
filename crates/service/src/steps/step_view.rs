//! Steps as clients send them (StepSpec) and as they get them back (Step, with its
//! clocks and light computed by the domain rules as of today).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use domain::agency::split_lead;
use domain::calendar::WorkCalendar;
use domain::clock::{read_clock, EpisodeEvent, Light, StepClock};
use domain::route::{validate_route, RouteError};
use domain::step::{StepKey, StepSpec, StepStatus};
use store::rows::{ClockEventRow, StepRow};

use crate::{FieldError, ServiceError};

/// The longest limit accepted: ten years of working days.
pub const MAX_DAYS: i64 = 2500;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepSpecInput {
    /// Unique in its project: letters, digits, `-`, `_`.
    pub key: String,
    pub name: String,
    /// An agency's name or short name (see `/api/v1/agencies`); "区建管委（牵头）" is read
    /// as 区建管委 with `lead`.
    pub agency: String,
    /// The agency leads this step (牵头).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lead: bool,
    /// Free text; templates use the four stages of the 2019 reform.
    pub stage: String,
    /// Statutory limit, working days.
    pub statutory_days: i64,
    /// The agency's promised limit (承诺时限), working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_days: Option<i64>,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// Whether a promised limit is above the statutory one (both in range or not: the range
/// has its own message).
pub fn promised_exceeds(statutory_days: i64, promised_days: Option<i64>) -> bool {
    promised_days.is_some_and(|p| p > statutory_days)
}

fn days(errors: &mut Vec<FieldError>, field: String, v: i64) -> u32 {
    if !(0..=MAX_DAYS).contains(&v) {
        errors.push(FieldError::new(
            field,
            crate::refusal::Refusal::of(crate::refusal::steps::WHOLE_WORKING_DAYS)
                .arg("max", MAX_DAYS),
        ));
        return 0;
    }
    v as u32
}

impl StepSpecInput {
    /// The domain's StepSpec, with errors named `{prefix}.field`.
    pub fn to_domain(&self, prefix: &str, errors: &mut Vec<FieldError>) -> Option<StepSpec> {
        let before = errors.len();
        let key = StepKey::parse(&self.key)
            .map_err(|e| errors.push(FieldError::new(format!("{prefix}.key"), e)))
            .ok();
        let mut depends_on = Vec::new();
        for (i, d) in self.depends_on.iter().enumerate() {
            match StepKey::parse(d) {
                Ok(k) => depends_on.push(k),
                Err(e) => errors.push(FieldError::new(format!("{prefix}.depends_on[{i}]"), e)),
            }
        }
        let statutory_days = days(
            errors,
            format!("{prefix}.statutory_days"),
            self.statutory_days,
        );
        let promised_days = self
            .promised_days
            .map(|p| days(errors, format!("{prefix}.promised_days"), p));
        if promised_exceeds(self.statutory_days, self.promised_days) {
            errors.push(FieldError::new(
                format!("{prefix}.promised_days"),
                crate::refusal::steps::PROMISE_ABOVE_STATUTE,
            ));
        }
        for (field, value, max) in [
            ("name", &self.name, 200),
            ("agency", &self.agency, 200),
            ("stage", &self.stage, 100),
        ] {
            if value.trim().is_empty() {
                errors.push(FieldError::new(
                    format!("{prefix}.{field}"),
                    crate::refusal::fields::REQUIRED,
                ));
            } else if value.chars().count() > max {
                errors.push(FieldError::new(
                    format!("{prefix}.{field}"),
                    crate::refusal::Refusal::of(crate::refusal::fields::TOO_LONG).arg("max", max),
                ));
            }
        }
        if errors.len() > before {
            return None;
        }
        let (agency, lead) = split_lead(&self.agency);
        Some(StepSpec {
            key: key?,
            name: self.name.trim().to_string(),
            agency: agency.to_string(),
            lead: self.lead || lead,
            stage: self.stage.trim().to_string(),
            statutory_days,
            promised_days,
            depends_on,
        })
    }

    /// Converts and checks a whole route: fields, unknown steps, duplicates, cycles.
    pub fn to_domain_all(
        inputs: &[StepSpecInput],
        field: &str,
    ) -> Result<Vec<StepSpec>, ServiceError> {
        let mut errors = Vec::new();
        let specs: Vec<StepSpec> = inputs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.to_domain(&format!("{field}[{i}]"), &mut errors))
            .collect();
        if !errors.is_empty() {
            return Err(ServiceError::invalid_fields(errors));
        }
        validate_route(&specs).map_err(|e| route_error(field, e))?;
        Ok(specs)
    }
}

/// A route refusal as a 422 naming the steps involved.
pub fn route_error(field: &str, e: RouteError) -> ServiceError {
    let error = FieldError::new(field, e);
    ServiceError::Invalid {
        detail: error.message.clone(),
        errors: vec![error],
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClockView {
    /// The agency's working days: elapsed minus paused.
    pub statutory_used: u32,
    /// Working days the file was back with the applicant (补正).
    pub paused_days: u32,
    /// Working days since acceptance, pauses included: what the enterprise waited.
    pub elapsed_days: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepView {
    pub key: String,
    pub name: String,
    /// The agency's current name.
    pub agency: String,
    pub agency_id: i32,
    /// The agency leads this step (牵头).
    pub lead: bool,
    pub stage: String,
    pub statutory_days: i32,
    pub promised_days: Option<i32>,
    pub depends_on: Vec<String>,
    #[schema(value_type = String, example = "in_review")]
    pub status: StepStatus,
    pub accepted_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, example = "green")]
    pub light: Option<Light>,
    pub stalled: bool,
    pub clock: ClockView,
    /// Its dates touch a year whose official calendar is not published yet.
    pub provisional: bool,
    pub version: i32,
}

/// What a step view is computed against.
pub struct ViewRules<'a> {
    pub calendar: &'a WorkCalendar,
    pub today: NaiveDate,
    pub stalled_after_days: u32,
}

/// Stored events as the clocks read them.
pub fn episode_of<'a>(events: impl IntoIterator<Item = &'a ClockEventRow>) -> Vec<EpisodeEvent> {
    events
        .into_iter()
        .map(|e| EpisodeEvent {
            action: e.action,
            on: e.on_date,
        })
        .collect()
}

/// The limit a step's light counts against: the promised one (承诺时限) if any.
pub fn limit_of(statutory_days: i32, promised_days: Option<i32>) -> u32 {
    promised_days.unwrap_or(statutory_days).max(0) as u32
}

/// A step's clocks and light on `rules.today`, from its row and its events (in recorded
/// order, none after that day): what its view shows.
pub fn clock_of(row: &StepRow, events: &[&ClockEventRow], rules: &ViewRules) -> StepClock {
    read_clock(
        rules.calendar,
        row.status,
        limit_of(row.statutory_days, row.promised_days),
        &episode_of(events.iter().copied()),
        rules.today,
        rules.stalled_after_days,
    )
}

impl StepView {
    /// `events` are this step's, in recorded order.
    pub fn build(
        row: &StepRow,
        depends_on: Vec<String>,
        events: &[&ClockEventRow],
        rules: &ViewRules,
    ) -> StepView {
        let status = row.status;
        let clock = clock_of(row, events, rules);
        StepView {
            key: row.key.clone(),
            name: row.name.clone(),
            agency: row.agency.clone(),
            agency_id: row.agency_id,
            lead: row.lead,
            stage: row.stage.clone(),
            statutory_days: row.statutory_days,
            promised_days: row.promised_days,
            depends_on,
            status,
            accepted_on: clock.accepted_on,
            due_on: clock.due_on,
            finished_on: clock.finished_on,
            light: clock.light,
            stalled: clock.stalled,
            clock: ClockView {
                statutory_used: clock.statutory_used,
                paused_days: clock.paused_days,
                elapsed_days: clock.elapsed_days,
            },
            provisional: clock.provisional,
            version: row.version,
        }
    }
}
