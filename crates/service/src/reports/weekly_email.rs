//! The Monday email: at 09:00 (zone time) every Monday, last week's report goes to every
//! active manager with the XLSX attached, through the outbox. A catch-up run after
//! downtime sends only the latest week missed; each week is sent once.

use chrono::{NaiveTime, TimeZone};

use mail::render::Rendered;
use report::{self, Format, IsoWeek, WeeklyReport};
use store::{self, Db};

use crate::notices::notify::{queue_with_attachment, MailAttachment, Mailing};
use crate::reports::build_weekly;
use crate::{write_once, Env, Role, ServiceError, ServiceResult};

/// The latest week whose report is due as of `env.now`: last week from Monday 09:00 on,
/// the week before until then.
pub fn due_week(env: &Env) -> IsoWeek {
    let local = env.now.with_timezone(&env.tz);
    let this_week = IsoWeek::of(local.date_naive());
    let nine = this_week
        .monday()
        .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    let opens = env.tz.from_local_datetime(&nine).earliest();
    if opens.is_some_and(|t| env.now >= t) {
        this_week.previous()
    } else {
        this_week.previous().previous()
    }
}

fn summary(r: &WeeklyReport) -> String {
    let t = &r.portfolio_total;
    format!(
        "审批周报 {week}（{from} 至 {to}，截至 {as_of}）\n\
         在管项目 {projects} 个：红灯 {red}，黄灯 {yellow}，绿灯 {green}；停滞 {stalled}。\n\
         本周办结环节 {finished} 个，转红 {turned}，当前超时 {overdue}。\n\
         本周节省 {saved} 个工作日，年初至今 {ytd} 个工作日（已办结项目）；在办项目预计节省 {proj} 个工作日。\n\
         详见附件（Excel）。\n\n\
         English: weekly approvals report {week} ({from} to {to}, as of {as_of}).\n\
         {projects} projects: {red} red, {yellow} yellow, {green} green; {stalled} stalled.\n\
         {finished} steps finished this week, {turned} turned red, {overdue} overdue now.\n\
         Saved {saved} working days this week, {ytd} year to date (finished projects); projects in progress: {proj} projected. The spreadsheet is attached.\n",
        week = r.week,
        from = r.week_start,
        to = r.week_end,
        as_of = r.as_of,
        projects = t.projects,
        red = t.red,
        yellow = t.yellow,
        green = t.green,
        stalled = t.stalled,
        finished = r.finished_steps.len(),
        turned = r.turned_red.len(),
        overdue = r.overdue.len(),
        saved = r.time_saved.week.saved_days,
        ytd = r.time_saved.year_to_date.saved_days,
        proj = r.time_saved.in_progress.saved_days,
    )
}

/// Queues the due week's report to every active manager unless already sent; returns
/// how many emails were queued. The report is built on a read connection (seconds on a
/// large zone); only the emails and the week's record are written, in one short
/// transaction that does nothing if another run recorded the week first.
pub fn send_if_due(conn: &mut Db, env: &Env, m: &Mailing) -> ServiceResult<usize> {
    let week = due_week(env);
    let label = week.to_string();
    if store::feeds::last_week_sent(conn)?.is_some_and(|last| last >= label) {
        return Ok(0);
    }
    let report = build_weekly(conn, env, week)?;
    let xlsx = report::render(&report, Format::Xlsx).map_err(ServiceError::internal)?;
    let rendered = Rendered {
        subject: format!(
            "审批周报 Weekly report {label}（{} – {}）",
            report.week_start, report.week_end
        ),
        text: summary(&report),
        html: report::html::render(&report),
    };
    let attachment = MailAttachment {
        name: format!("weekly-report-{label}.xlsx"),
        content_type: report::XLSX_TYPE.to_string(),
        bytes: xlsx,
    };
    let managers = store::users::active_with_role(conn, Role::Manager)?;
    let written = write_once(conn, |tx| {
        let n = managers.len() as i32;
        if store::feeds::record_week_sent(tx, &label, n, env.stamp())? == 0 {
            return Ok(false);
        }
        for u in &managers {
            let to = (u.display_name.as_str(), u.email.as_str());
            let kind = "weekly_report";
            queue_with_attachment(
                tx,
                env,
                m,
                kind,
                Some(u.id),
                to,
                &rendered,
                Some(&attachment),
            )?;
        }
        Ok(true)
    })?;
    Ok(if written { managers.len() } else { 0 })
}
