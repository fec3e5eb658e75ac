//! The chat outbox as delivery sees it: what is due, a claim that respects the robot's
//! 20-a-minute limit across instances, and the outcome on the message and the robot.
//! The job (`jobs::chat_dispatch`) posts; these keep the rows. Each claim and each mark
//! is a short write of its own, never held across an HTTP call.

use chrono::{Duration, NaiveDateTime};

use domain::chat::{Answer, RobotKind, FAILING_AFTER, PER_MINUTE};
use mail::render::{self as mail_render, RobotFailure};
use store::chat_outbox::{self as outbox, NewMessage};
use store::chat_robots::{self as robots, RobotRow};
use store::{self, Db, DbConn, WriteTx};

use crate::notices::outbox::{queue, Mailing};
use crate::{in_tx, write_once, Env, Role, ServiceError, ServiceResult};

/// Writes one message per body into the chat outbox; returns their ids.
pub fn queue_bodies(
    tx: &mut WriteTx,
    env: &Env,
    robot_id: i32,
    kind: &str,
    bodies: &[serde_json::Value],
) -> ServiceResult<Vec<i32>> {
    bodies
        .iter()
        .map(|b| {
            let body = b.to_string();
            Ok(outbox::insert(
                tx,
                &NewMessage {
                    robot_id,
                    kind,
                    body: &body,
                    next_attempt_at: env.stamp(),
                    created_at: env.stamp(),
                },
            )?)
        })
        .collect()
}

/// (message, robot) of messages due at `now`, oldest first.
pub fn due(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> ServiceResult<Vec<(i32, i32)>> {
    Ok(outbox::due(conn, now, limit)?)
}

/// Where and what to post, for a claimed message.
pub struct Post {
    pub kind: RobotKind,
    pub url: String,
    pub secret: Option<String>,
    pub body: String,
    pub attempts: i32,
}

pub enum Claim {
    Go(Post),
    /// The robot rests or had its 20 this minute: the message waits until then.
    Later(NaiveDateTime),
    /// Another sender has it, or it is no longer pending.
    Taken,
}

/// A free call to the robot at `now`, recorded if there is one; else when the next is.
/// Holds the robot's row lock, so instances count one robot's calls in turn.
pub(crate) fn reserve_call(
    tx: &mut WriteTx,
    robot: &RobotRow,
    now: NaiveDateTime,
) -> ServiceResult<Result<(), NaiveDateTime>> {
    if let Some(until) = robot.paused_until.filter(|u| *u > now) {
        return Ok(Err(until));
    }
    let calls = outbox::calls_in_last_minute(tx, robot.id, now)?;
    if calls.len() as i64 >= PER_MINUTE {
        // Free again a minute after the oldest of the last 20.
        let oldest = calls[calls.len() - PER_MINUTE as usize];
        return Ok(Err(oldest + Duration::seconds(60)));
    }
    outbox::record_call(tx, robot.id, now)?;
    Ok(Ok(()))
}

/// Claims a message until `until` if its robot may take one more call now.
pub fn claim(
    db: &mut Db,
    id: i32,
    robot_id: i32,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> ServiceResult<Claim> {
    in_tx(db, |tx| {
        let Some(robot) = robots::lock(tx, robot_id)? else {
            return Ok(Claim::Taken);
        };
        if !robot.active {
            outbox::mark_failed(tx, id, "robot turned off", None)?;
            return Ok(Claim::Taken);
        }
        let msg = outbox::find(tx, id)?;
        if msg.status != store::lease::PENDING || msg.claimed_until.is_some_and(|c| c >= now) {
            return Ok(Claim::Taken);
        }
        if let Err(at) = reserve_call(tx, &robot, now)? {
            outbox::defer(tx, id, at)?;
            return Ok(Claim::Later(at));
        }
        if !outbox::claim(tx, id, now, until)? {
            return Ok(Claim::Taken);
        }
        Ok(Claim::Go(Post {
            kind: RobotKind::parse(&robot.kind).unwrap_or(RobotKind::WeCom),
            url: robot.url,
            secret: robot.secret,
            body: msg.body,
            attempts: msg.attempts,
        }))
    })
}

/// What became of a message after its attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    Retry,
    Failed,
}

/// Records an attempt's answer on the message and the robot; `retry_at` is when a retry
/// (not a throttle) comes. Returns the outcome and, if the robot has now failed
/// [`FAILING_AFTER`] times in a row, the robot to report.
pub fn finish(
    db: &mut Db,
    env: &Env,
    id: i32,
    robot_id: i32,
    answer: &Answer,
    retry_at: NaiveDateTime,
) -> ServiceResult<(Outcome, Option<RobotRow>)> {
    let now = env.stamp();
    in_tx(db, |tx| {
        let outcome = match answer {
            Answer::Sent => {
                outbox::mark_sent(tx, id, now)?;
                Outcome::Sent
            }
            Answer::Throttled { seconds, reason } => {
                let until = now + Duration::seconds(*seconds);
                outbox::mark_failed(tx, id, reason, Some(until))?;
                Outcome::Retry
            }
            Answer::Retry(reason) => {
                outbox::mark_failed(tx, id, reason, Some(retry_at))?;
                Outcome::Retry
            }
            Answer::Refused(reason) => {
                outbox::mark_failed(tx, id, reason, None)?;
                Outcome::Failed
            }
        };
        note_on_robot(tx, robot_id, answer, now)?;
        let failing = robots::find(tx, robot_id)?
            .filter(|r| r.failures_in_row >= FAILING_AFTER && !r.failing_reported);
        Ok((outcome, failing))
    })
}

/// An answer on its robot: a success clears the failure streak, "too many" rests the
/// robot, any other failure adds to the streak (deliveries and the test button alike).
pub(crate) fn note_on_robot(
    tx: &mut WriteTx,
    robot_id: i32,
    answer: &Answer,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    match answer {
        Answer::Sent => robots::record_outcome(tx, robot_id, Some(now), None, None)?,
        Answer::Throttled { seconds, reason } => {
            let until = now + Duration::seconds(*seconds);
            robots::record_outcome(tx, robot_id, None, Some(reason), Some(until))?
        }
        Answer::Retry(reason) | Answer::Refused(reason) => {
            robots::record_outcome(tx, robot_id, None, Some(reason), None)?
        }
    };
    Ok(())
}

/// Tells every active admin, once per run of failures, that a robot keeps failing.
pub fn report_failing(
    db: &mut Db,
    env: &Env,
    m: &Mailing,
    robot: &RobotRow,
) -> ServiceResult<bool> {
    let owner = match robot.owner_id {
        Some(id) => store::users::find(db, id)?.map_or_else(String::new, |u| u.display_name),
        None => "管理层群 managers' group".to_string(),
    };
    let reason = robot.last_error.clone().unwrap_or_default();
    let name = if robot.name.is_empty() {
        robot.kind.as_str()
    } else {
        robot.name.as_str()
    };
    let admins = store::users::active_with_role(db, Role::Admin)?;
    let mut emails = Vec::new();
    for a in &admins {
        let f = RobotFailure {
            robot_name: name,
            kind: &robot.kind,
            owner: &owner,
            failures: robot.failures_in_row,
            reason: &reason,
        };
        let r = mail_render::robot_failing(&a.display_name, &m.public_url, &f)
            .map_err(|e| ServiceError::caused("rendering an email", e))?;
        emails.push((a, r));
    }
    write_once(db, |tx| {
        if robots::mark_reported(tx, robot.id)? == 0 {
            return Ok(false);
        }
        for (a, r) in &emails {
            let to = (a.display_name.as_str(), a.email.as_str());
            queue(tx, env, m, "robot_failing", Some(a.id), to, r)?;
        }
        Ok(true)
    })
}

/// Calls older than an hour are no longer counted: forget them.
pub fn prune(db: &mut Db, now: NaiveDateTime) -> ServiceResult<usize> {
    in_tx(db, |tx| Ok(outbox::prune_calls(tx, now)?))
}
