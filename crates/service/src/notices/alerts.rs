//! Raising alerts (docs/rules.md "Alerts"): a step newly yellow, red, stalled or escalated
//! raises that level once per episode — from one acceptance to its finish — whichever
//! run or instance finds it first. Only steps that can change level are read.

use std::collections::{HashMap, HashSet};

use domain::clock::{read_clock, EpisodeEvent, Light};
use domain::light_dates::stalled_cutoff;
use domain::step::{replay_status, Action, StepStatus};
use store::alerts::NewAlert;
use store::candidates;
use store::{self, Db, DbConn};

use crate::{in_tx, Env, ServiceResult};

/// One event as the rules read it.
#[derive(Debug, Clone, Copy)]
pub struct EventFact {
    pub id: i32,
    pub action: Action,
    pub on: chrono::NaiveDate,
}

/// The levels a step meets on `env.today`, given its events up to that day: its episode
/// (the accept that opened it), the levels, and its due date.
pub fn levels_now(
    env: &Env,
    limit: u32,
    events: &[EventFact],
    escalate_after_days: u32,
) -> Option<(i32, Vec<&'static str>, Option<chrono::NaiveDate>)> {
    let status = replay_status(events.iter().map(|e| e.action)).ok()?;
    if !matches!(status, StepStatus::InReview | StepStatus::AwaitingApplicant) {
        return None;
    }
    let episode = events.iter().rev().find(|e| e.action == Action::Accept)?.id;
    let history: Vec<EpisodeEvent> = events
        .iter()
        .map(|e| EpisodeEvent {
            action: e.action,
            on: e.on,
        })
        .collect();
    let clock = read_clock(
        &env.calendar,
        status,
        limit,
        &history,
        env.today,
        env.stalled_after_days,
    );
    let mut levels = Vec::new();
    match clock.light {
        Some(Light::Red) => {
            levels.push("red");
            let over = clock
                .due_on
                .map_or(0, |due| env.calendar.working_days_after(due, env.today));
            if over > escalate_after_days {
                levels.push("escalated");
            }
        }
        Some(Light::Yellow) => levels.push("yellow"),
        _ => {}
    }
    if clock.stalled {
        levels.push("stalled");
    }
    Some((episode, levels, clock.due_on))
}

/// Alerts raised per write transaction: a user's write waits behind one chunk at most.
const RAISE_CHUNK: usize = 200;

/// Raises what is new as of `env.today`; returns how many alerts were raised. Three
/// narrow queries over the steps that can change level, whatever the zone's size, on a
/// read connection; then the new alerts in short transactions. An alert another run
/// raised meanwhile is not raised twice (its key is unique; the insert does nothing).
pub fn raise(
    db: &mut Db,
    env: &Env,
    escalate_after_days: u32,
    catch_up: bool,
) -> ServiceResult<usize> {
    let new = due_alerts(db, env, escalate_after_days, catch_up)?;
    let mut count = 0;
    for chunk in new.chunks(RAISE_CHUNK) {
        count += in_tx(db, |tx| {
            let mut n = 0;
            for a in chunk {
                n += usize::from(store::alerts::insert(tx, a)?);
            }
            Ok(n)
        })?;
    }
    Ok(count)
}

/// The alerts due as of `env.today` and not raised yet.
fn due_alerts(
    conn: &mut DbConn,
    env: &Env,
    escalate_after_days: u32,
    catch_up: bool,
) -> ServiceResult<Vec<NewAlert<'static>>> {
    let on = candidates::Day {
        day: env.today,
        stall_cutoff: stalled_cutoff(&env.calendar, env.today, env.stalled_after_days),
        catch_up,
    };
    let steps = candidates::steps(conn, on)?;
    let ids: Vec<i32> = steps.iter().map(|s| s.0).collect();
    let mut by_step: HashMap<i32, Vec<EventFact>> = HashMap::with_capacity(steps.len());
    // The data as it stood on that day: later (back-dated or not) events are not yet known.
    for e in candidates::events(conn, &ids, env.today)? {
        by_step.entry(e.step_id).or_default().push(EventFact {
            id: e.id,
            action: e.action,
            on: e.on_date,
        });
    }
    let raised: HashSet<(i32, i32, String)> = candidates::alerts(conn, &ids)?.into_iter().collect();
    let mut out = Vec::new();
    for &(step_id, project_id, statutory, promised) in &steps {
        let Some(evs) = by_step.get(&step_id) else {
            continue;
        };
        let limit = promised.unwrap_or(statutory).max(0) as u32;
        let Some((episode, levels, due_on)) = levels_now(env, limit, evs, escalate_after_days)
        else {
            continue;
        };
        for level in levels {
            if raised.contains(&(step_id, episode, level.to_string())) {
                continue;
            }
            out.push(NewAlert {
                step_id,
                project_id,
                episode_event_id: episode,
                level,
                raised_on: env.today,
                raised_at: env.stamp(),
                due_on,
            });
        }
    }
    Ok(out)
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DeliveryView {
    pub user_id: i32,
    /// `pending` (waiting for the window or a retry), `sent` or `failed` (refused for good).
    pub status: String,
    pub attempts: i32,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AlertView {
    pub id: i32,
    pub project_id: i32,
    /// The project's name and 项目代码, so that a reader knows it without its id.
    pub project_name: String,
    pub project_code: Option<String>,
    pub step_key: String,
    pub step_name: String,
    /// `yellow`, `red`, `stalled` or `escalated`.
    pub level: String,
    pub raised_on: chrono::NaiveDate,
    pub raised_at: chrono::DateTime<chrono::Utc>,
    pub due_on: Option<chrono::NaiveDate>,
    /// Emails that carried it, one per recipient; empty until a sending run.
    pub deliveries: Vec<DeliveryView>,
    /// Chat-robot messages that carried it, one per robot.
    pub chat: Vec<ChatDeliveryView>,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ChatDeliveryView {
    pub robot_id: i32,
    /// `pending`, `sent` or `failed` (refused for good: see `last_error`).
    pub status: String,
    /// The platform's refusal (`errcode 45002: …`) or the last failure.
    pub last_error: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertQuery {
    pub project_id: Option<i32>,
    /// `yellow`, `red`, `stalled` or `escalated`.
    pub level: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

pub fn list(
    conn: &mut DbConn,
    actor: &crate::Actor,
    q: &AlertQuery,
) -> ServiceResult<crate::ListPage<AlertView>> {
    actor.require_staff()?;
    let (offset, limit) = crate::PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .window()?;
    if q.level
        .as_deref()
        .is_some_and(|l| !["yellow", "red", "stalled", "escalated"].contains(&l))
    {
        return Err(crate::ServiceError::invalid(
            "level",
            crate::refusal::lists::ALERT_LEVEL,
        ));
    }
    let filter = store::alerts::AlertFilter {
        project_ids: q.project_id.map(|p| vec![p]),
        level: q.level.clone(),
    };
    let (rows, total) = store::alerts::page(conn, &filter, offset, limit)?;
    let ids: Vec<i32> = rows.iter().map(|a| a.id).collect();
    let deliveries = store::alerts::deliveries_of(conn, &ids)?;
    let outbox_ids: Vec<i32> = deliveries.iter().map(|d| d.2).collect();
    let states: HashMap<i32, (String, i32, Option<chrono::NaiveDateTime>)> =
        store::outbox::states(conn, &outbox_ids)?
            .into_iter()
            .map(|(id, s, a, t)| (id, (s, a, t)))
            .collect();
    let chats = store::chat_outbox::deliveries_of(conn, &ids)?;
    let mut project_ids: Vec<i32> = rows.iter().map(|a| a.project_id).collect();
    project_ids.sort_unstable();
    project_ids.dedup();
    let steps: HashMap<i32, (String, String)> = store::steps::of_projects(conn, &project_ids)?
        .into_iter()
        .map(|s| (s.id, (s.key, s.name)))
        .collect();
    let names: HashMap<i32, String> = store::projects::names_of(conn, &project_ids)?
        .into_iter()
        .collect();
    let codes: HashMap<i32, String> = store::landing::codes_of(conn, &project_ids)?
        .into_iter()
        .collect();
    let items = rows
        .into_iter()
        .map(|a| {
            let (key, name) = steps.get(&a.step_id).cloned().unwrap_or_default();
            let project_name = names.get(&a.project_id).cloned().unwrap_or_default();
            let project_code = codes.get(&a.project_id).cloned();
            AlertView {
                id: a.id,
                project_id: a.project_id,
                project_name,
                project_code,
                step_key: key,
                step_name: name,
                level: a.level,
                raised_on: a.raised_on,
                raised_at: a.raised_at.and_utc(),
                due_on: a.due_on,
                deliveries: deliveries
                    .iter()
                    .filter(|d| d.0 == a.id)
                    .filter_map(|d| {
                        let (status, attempts, sent) = states.get(&d.2)?.clone();
                        Some(DeliveryView {
                            user_id: d.1,
                            status,
                            attempts,
                            sent_at: sent.map(|t| t.and_utc()),
                        })
                    })
                    .collect(),
                chat: chats
                    .iter()
                    .filter(|c| c.0 == a.id)
                    .map(|c| ChatDeliveryView {
                        robot_id: c.1,
                        status: c.2.clone(),
                        last_error: c.3.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(crate::ListPage { items, total })
}
