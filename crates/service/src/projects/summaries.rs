//! Project summaries for lists: the light and the stall come from the dates stored with
//! each project (`light_dates`), not from replaying every history, so a list of a zone's
//! red projects costs a page of rows. They agree with the full views by construction (a
//! property test in `domain::light_dates`) and by test (`tests/api/projects.rs`).

use std::collections::HashMap;

use domain::light_dates::{stalled_cutoff, LightDates};
use domain::step::StepStatus;
use store::rows::ProjectRow;
use store::{self, DbConn};

use crate::projects::project_view::ProjectSummary;
use crate::{Env, ServiceResult};

pub fn summaries(
    conn: &mut DbConn,
    env: &Env,
    rows: Vec<ProjectRow>,
) -> ServiceResult<Vec<ProjectSummary>> {
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let mut liaisons: HashMap<i32, Vec<i32>> = HashMap::new();
    for (p, u) in store::projects::liaisons_of(conn, &ids)? {
        liaisons.entry(p).or_default().push(u);
    }
    let codes: HashMap<i32, String> = store::landing::codes_of(conn, &ids)?.into_iter().collect();
    let cutoff = stalled_cutoff(&env.calendar, env.today, env.stalled_after_days);
    Ok(rows
        .into_iter()
        .map(|p| {
            // The project's dates are its steps' earliest, so the step rule gives its
            // worst light: "in review" when any step is.
            let dates = LightDates {
                yellow_on: p.yellow_on,
                red_on: p.red_on,
                paused_since: p.paused_since,
            };
            let status = if p.in_review {
                StepStatus::InReview
            } else {
                StepStatus::Pending
            };
            let light = dates.light_on(status, env.today);
            let stalled = p.paused_since.is_some_and(|d| d <= cutoff);
            let liaison_ids = liaisons.remove(&p.id).unwrap_or_default();
            ProjectSummary::of(p, liaison_ids, light, stalled).with_code(&codes)
        })
        .collect())
}
