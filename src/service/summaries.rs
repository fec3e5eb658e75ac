//! Project summaries for lists: the light and the stall come from the dates stored with
//! each project (`light_dates`), not from replaying every history, so a list of a zone's
//! red projects costs a page of rows. They agree with the full views by construction (a
//! property test in `domain::light_dates`) and by test (`tests/api/projects.rs`).

use std::collections::HashMap;

use crate::domain::clock::Light;
use crate::domain::light_dates::stalled_cutoff;
use crate::store::rows::ProjectRow;
use crate::store::{self, DbConn};

use super::project_view::ProjectSummary;
use super::{Env, ServiceResult};

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
    let cutoff = stalled_cutoff(&env.calendar, env.today, env.stalled_after_days);
    Ok(rows
        .into_iter()
        .map(|p| {
            // The project's dates are its steps' earliest: its light is its worst step's.
            let light = if p.red_on.is_some_and(|d| d <= env.today) {
                Some(Light::Red)
            } else if p.yellow_on.is_some_and(|d| d <= env.today) {
                Some(Light::Yellow)
            } else {
                p.in_review.then_some(Light::Green)
            };
            let stalled = p.paused_since.is_some_and(|d| d <= cutoff);
            ProjectSummary {
                id: p.id,
                name: p.name,
                enterprise_id: p.enterprise_id,
                template: p.template_key,
                liaison_ids: liaisons.remove(&p.id).unwrap_or_default(),
                start_date: p.start_date,
                city: p.city,
                investment_cny: p.investment_cny,
                archived: p.archived,
                light,
                stalled,
                version: p.version,
                created_at: p.created_at.and_utc(),
                updated_at: p.updated_at.and_utc(),
            }
        })
        .collect())
}
