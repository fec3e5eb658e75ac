//! The scheduled jobs: raise alerts, compose the emails a sending run owes, and deliver
//! the outbox. Run by the scheduler inside `serve`, by `jobs run [--at]` and by
//! `POST /api/v1/jobs/run`; every rule takes "now" as the value `at`.
//!
//! A new job: its rules as a service use case (taking `Env`, so "now" is given), called
//! from [`run_once`] (every run) or a loop of its own started by `startup` like
//! [`wal::spawn_checkpoints`]. Jobs reach the database only through `service`.

pub mod chat_dispatch;
pub mod dispatch;
pub mod wal;

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use mail::Mailer;
use service::notices::notify::{self, Mailing};
use service::Runtime;
use service::{
    notices::alerts, notices::chat_compose, notices::permit_reminders, reports::weekly_email,
    requests::request_jobs, upkeep, Env, ServiceError, ServiceResult,
};
use settings::Settings;

/// What one run did.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct JobReport {
    pub alerts_raised: usize,
    pub emails_queued: usize,
    pub emails_sent: usize,
    pub emails_failed: usize,
    /// Chat-robot messages queued, posted and failed (attempts) in this run.
    pub chat_queued: usize,
    pub chat_sent: usize,
    pub chat_failed: usize,
    /// Whether `at` fell inside the sending window on a working day.
    pub sending_window: bool,
}

/// Emails leave only on working days, inside `alerts.window` in `alerts.timezone`.
pub fn in_window(env: &Env, settings: &Settings) -> bool {
    let local = env.now.with_timezone(&settings.alerts.timezone).time();
    let w = settings.alerts.window;
    env.calendar.is_working_day(env.today) && w.start <= local && local < w.end
}

pub fn mailing(settings: &Settings, mailer: &Mailer) -> Mailing {
    Mailing {
        public_url: settings.server.public_url.trim_end_matches('/').to_string(),
        domain: mailer.from_domain().to_string(),
    }
}

/// One run of every job as of `at` (blocking: call it off the async workers).
pub fn run_once(state: &Runtime, at: DateTime<Utc>) -> ServiceResult<JobReport> {
    let day = at
        .with_timezone(&state.settings.alerts.timezone)
        .date_naive();
    domain::dates::check_day(day).map_err(|e| ServiceError::invalid("at", e))?;
    let started = std::time::Instant::now();
    let mut conn = state
        .pool
        .get()
        .map_err(|e| ServiceError::Unavailable(e.to_string()))?;
    let env = state.env_at(&mut conn, at)?;
    let settings = &state.settings;
    let window = in_window(&env, settings);
    let mailing = mailing(settings, &state.mailer);
    // Nothing here holds a write transaction for long: each part reads first, then writes
    // its alerts and emails in short transactions that another instance's run cannot
    // double (unique keys; see `service::write_once`).
    upkeep::record_start(&mut conn, "scheduler", env.stamp())?;
    // A run for a past day (`--at`) cannot trust the light dates of today's histories.
    let real_today = state.clock.now().with_timezone(&env.tz).date_naive();
    let catch_up = env.today < real_today;
    let raised = alerts::raise(
        &mut conn,
        &env,
        settings.alerts.escalate_after_days,
        catch_up,
    )?;
    // Enterprise requests: unrated ones close, overdue ones raise their alerts.
    let limits = &settings.requests;
    request_jobs::close_unrated(&mut conn, &env, limits)?;
    let raised = raised + request_jobs::raise(&mut conn, &env, limits)?;
    let mut queued = 0;
    if window {
        queued += request_jobs::compose(&mut conn, &env, limits, &mailing)?;
        queued += notify::compose_alerts(&mut conn, &env, &mailing)?;
        queued += notify::compose_licence_reminders(&mut conn, &env, &mailing)?;
        queued += permit_reminders::compose_permit_reminders(&mut conn, &env, &mailing)?;
    }
    let chat_queued = if window {
        chat_compose::compose_alerts(&mut conn, &env, &mailing)?
    } else {
        0
    };
    // Monday 09:00: last week's report to the managers (queued now, sent in the window).
    if settings.reports.weekly_email {
        queued += weekly_email::send_if_due(&mut conn, &env, &mailing)?;
    }
    let (sent, failed) = if window {
        dispatch::deliver(&mut conn, &state.mailer, at)?
    } else {
        (0, 0)
    };
    let (chat_sent, chat_failed) = if window {
        chat_dispatch::deliver(&mut conn, &env, &state.chat, &mailing)?
    } else {
        (0, 0)
    };
    let millis = started.elapsed().as_millis() as i64;
    upkeep::record_duration(&mut conn, "scheduler", millis)?;
    tracing::info!(
        alerts_raised = raised,
        emails_queued = queued,
        emails_sent = sent,
        emails_failed = failed,
        chat_queued,
        chat_sent,
        chat_failed,
        window,
        millis,
        "jobs run"
    );
    Ok(JobReport {
        alerts_raised: raised,
        emails_queued: queued,
        emails_sent: sent,
        emails_failed: failed,
        chat_queued,
        chat_sent,
        chat_failed,
        sending_window: window,
    })
}

/// Awaits `step` every `period` until `stop` turns true; a step under way is finished,
/// not cut off (graceful shutdown), and ticks missed while it ran are not made up.
pub(crate) async fn every<F, Fut>(
    period: std::time::Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
    mut step: F,
) where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => break,
        }
        if *stop.borrow() {
            break;
        }
        step().await;
    }
}

/// The scheduler inside `serve`: a run every `scheduler.interval_seconds` until `stop`
/// turns true.
pub fn spawn_scheduler(
    state: Runtime,
    stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let period = std::time::Duration::from_secs(state.settings.scheduler.interval_seconds.max(1));
    tokio::spawn(async move {
        every(period, stop, || async {
            let s = state.clone();
            let now = s.clock.now();
            match tokio::task::spawn_blocking(move || run_once(&s, now)).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!(error = %e, "scheduled run failed"),
                Err(e) => tracing::error!(error = %e, "scheduled run panicked"),
            }
        })
        .await;
        tracing::info!("scheduler stopped");
    })
}
