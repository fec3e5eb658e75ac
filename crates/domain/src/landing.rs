//! A project's life beyond approvals (docs/rules.md "The project's life beyond approvals"): its
//! 统一项目代码, its milestones from signing to production, the construction permit's start
//! deadline, and the figures the zone reports upward (signing to permit, starts by month).

use chrono::{Datelike, Months, NaiveDate};

use super::calendar::WorkCalendar;

/// The step key route templates give the construction permit (施工许可).
pub const CONSTRUCTION_PERMIT: &str = "construction-permit";
/// At most two recorded extensions of the start deadline (建筑法 art. 9).
pub const MAX_EXTENSIONS: i32 = 2;
/// Work must start within 3 months of issue; each extension adds at most 3 more.
pub const PERMIT_MONTHS: u32 = 3;
/// Liaisons are reminded this many days before the start deadline.
pub const PERMIT_REMINDER_DAYS: [i64; 2] = [30, 7];
/// The reference is in days; a month saved is 30 of them (180 days = six months).
pub const DAYS_PER_MONTH: f64 = 30.0;

/// A 统一项目代码: `TTTT-RRRRRR-DD-PP-NNNNNN`, digits in five hyphenated groups. There is no
/// public check-digit rule, so only the shape is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectCode(String);

impl ProjectCode {
    pub fn parse(s: &str) -> Result<ProjectCode, &'static str> {
        let s = s.trim();
        let groups: Vec<&str> = s.split('-').collect();
        let shape = groups.len() == 5
            && groups
                .iter()
                .zip([4, 6, 2, 2, 6])
                .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_digit()));
        if shape {
            Ok(ProjectCode(s.to_string()))
        } else {
            Err("must have the shape 2019-310117-04-01-000123 (统一项目代码: 24 characters, digits in five groups)")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The milestones, in the order their actual days must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Milestone {
    Signed,
    Land,
    Started,
    Completed,
    Producing,
}

impl Milestone {
    pub const ALL: [Milestone; 5] = [
        Milestone::Signed,
        Milestone::Land,
        Milestone::Started,
        Milestone::Completed,
        Milestone::Producing,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Milestone::Signed => "signed",
            Milestone::Land => "land",
            Milestone::Started => "started",
            Milestone::Completed => "completed",
            Milestone::Producing => "producing",
        }
    }

    pub fn parse(s: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.key() == s)
    }

    /// The Chinese name (签约, 拿地, 开工, 竣工, 投产).
    pub fn name_zh(self) -> &'static str {
        match self {
            Milestone::Signed => "签约",
            Milestone::Land => "拿地",
            Milestone::Started => "开工",
            Milestone::Completed => "竣工",
            Milestone::Producing => "投产",
        }
    }
}

/// A milestone's planned and actual days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MilestoneDays {
    pub planned: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
}

/// Two actual days out of order: `later` happened before `earlier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfOrder {
    pub earlier: Milestone,
    pub later: Milestone,
}

/// The actual days given (in `Milestone::ALL` order) follow that order; a milestone without
/// an actual day is skipped (a project renting a standard factory obtains no land).
pub fn check_order(actual: &[(Milestone, Option<NaiveDate>)]) -> Result<(), OutOfOrder> {
    let known: Vec<(Milestone, NaiveDate)> = actual
        .iter()
        .filter_map(|(m, d)| d.map(|d| (*m, d)))
        .collect();
    for (i, (m, d)) in known.iter().enumerate() {
        if let Some((e, _)) = known[..i].iter().find(|(_, ed)| ed > d) {
            return Err(OutOfOrder {
                earlier: *e,
                later: *m,
            });
        }
    }
    Ok(())
}

/// The day work must have started by: the permit's approval day plus 3 calendar months,
/// then 3 more from that deadline for each recorded extension. Each period runs from the
/// deadline it extends (民法典 art. 202: the day of the same number, or the month's last
/// day when it has none), so a clamped day carries on: 03-31 → 06-30 → 09-30 → 12-30,
/// not 12-31 as 9 months from the issue would give.
pub fn permit_start_deadline(approved_on: NaiveDate, extensions: i32) -> Option<NaiveDate> {
    let periods = 1 + extensions.clamp(0, MAX_EXTENSIONS);
    (0..periods).try_fold(approved_on, |d, _| {
        d.checked_add_months(Months::new(PERMIT_MONTHS))
    })
}

/// Whether the permit has lapsed on `today` (建筑法 art. 9): its deadline has passed and
/// work had not started by then (开工 recorded later does not undo the lapse).
pub fn permit_lapsed(deadline: NaiveDate, started: Option<NaiveDate>, today: NaiveDate) -> bool {
    today > deadline && started.is_none_or(|s| s > deadline)
}

/// The reminder thresholds reached on `today` for a deadline (days left at most the
/// threshold), most distant first; a day past the deadline reaches none.
pub fn permit_reminders_due(deadline: NaiveDate, today: NaiveDate) -> Vec<i64> {
    let left = (deadline - today).num_days();
    if left < 0 {
        return vec![];
    }
    PERMIT_REMINDER_DAYS
        .iter()
        .copied()
        .filter(|d| left <= *d)
        .collect()
}

/// Signing to the construction permit's approval: calendar days and working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningToPermit {
    pub calendar_days: i64,
    pub working_days: u32,
}

pub fn signing_to_permit(
    signed: NaiveDate,
    approved: NaiveDate,
    calendar: &WorkCalendar,
) -> Option<SigningToPermit> {
    (approved >= signed).then(|| SigningToPermit {
        calendar_days: (approved - signed).num_days(),
        working_days: calendar.working_days_after(signed, approved),
    })
}

/// Months saved against the reference (negative when slower), to one decimal.
pub fn months_saved(reference_days: i64, days: f64) -> f64 {
    ((reference_days as f64 - days) / DAYS_PER_MONTH * 10.0).round() / 10.0
}

/// The median of some day counts (the mean of the middle two for an even count).
pub fn median(values: &[i64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}

/// How many of the days fall in each month of `year`, cumulative (January first).
pub fn cumulative_by_month(days: &[NaiveDate], year: i32) -> [u32; 12] {
    let mut per = [0u32; 12];
    for d in days.iter().filter(|d| d.year() == year) {
        per[d.month0() as usize] += 1;
    }
    let mut total = 0;
    per.map(|n| {
        total += n;
        total
    })
}

/// A project planned to start this year that has not is at risk when its construction
/// permit is projected later than its planned 开工 (no permit step: it cannot be judged).
pub fn at_risk(projected_permit: Option<NaiveDate>, planned_start: NaiveDate) -> bool {
    projected_permit.is_some_and(|p| p > planned_start)
}

#[cfg(test)]
mod tests;
