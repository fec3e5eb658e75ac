//! The Gantt's last row, after the approvals: the project's milestones (签约 … 投产) as
//! diamonds, solid on their actual day, hollow on a planned one not yet reached.

use std::fmt::Write;

use chrono::NaiveDate;

use domain::landing::Milestone;
use service::landing::milestones::MilestonesView;

use super::esc;
use crate::pages::i18n::{date, word, Lang};

/// One mark: the milestone, its day, and whether the day is actual.
#[derive(Debug, Clone)]
pub struct Mark {
    pub milestone: Milestone,
    pub on: NaiveDate,
    pub actual: bool,
}

/// The marks of a project's milestones: the actual day, else the planned one.
pub fn marks_of(v: &MilestonesView) -> Vec<Mark> {
    Milestone::ALL
        .iter()
        .filter_map(|m| {
            let d = match m {
                Milestone::Signed => v.signed,
                Milestone::Land => v.land,
                Milestone::Started => v.started,
                Milestone::Completed => v.completed,
                Milestone::Producing => v.producing,
            };
            let (on, actual) = match (d.actual, d.planned) {
                (Some(a), _) => (a, true),
                (None, Some(p)) => (p, false),
                (None, None) => return None,
            };
            Some(Mark {
                milestone: *m,
                on,
                actual,
            })
        })
        .collect()
}

/// Draws the row at `y`; marks outside the chart's days are left out.
pub fn draw(
    o: &mut String,
    lang: Lang,
    marks: &[Mark],
    y: f64,
    x: &dyn Fn(NaiveDate) -> f64,
    (left, right): (f64, f64),
) {
    let _ = write!(
        o,
        r##"<g id="gantt-milestones"><text class="name" x="6" y="{:.1}" font-size="12" fill="#1d2430">{}</text>"##,
        y + 19.0,
        esc(&word(lang, "gantt_milestones"))
    );
    for m in marks {
        let cx = x(m.on);
        if cx < left || cx > right {
            continue;
        }
        let cy = y + 15.0;
        let name = word(lang, &format!("ms_{}", m.milestone.key()));
        let kind = if m.actual { "ms_actual" } else { "ms_planned" };
        let fill = if m.actual { "#2a6fb0" } else { "#ffffff" };
        let _ = write!(
            o,
            r##"<g class="milestone" data-milestone="{key}" data-actual="{actual}"><title>{name} · {kind} {day}</title><path d="M{cx:.1} {t:.1} L{r:.1} {cy:.1} L{cx:.1} {b:.1} L{l:.1} {cy:.1} Z" fill="{fill}" stroke="#2a6fb0" stroke-width="2"/><text x="{cx:.1}" y="{ty:.1}" font-size="10" text-anchor="middle" fill="#1d2430">{name}</text></g>"##,
            key = m.milestone.key(),
            actual = m.actual,
            name = esc(&name),
            kind = esc(&word(lang, kind)),
            day = esc(&date(lang, m.on)),
            t = cy - 6.0,
            b = cy + 6.0,
            r = cx + 6.0,
            l = cx - 6.0,
            ty = cy + 16.0,
        );
    }
    o.push_str("</g>");
}
