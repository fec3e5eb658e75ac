//! The Gantt timeline of a project, drawn as SVG on the server: planned bars beside actual
//! ones, projected remainders dashed, the critical path marked, pauses hatched,
//! non-working days shaded, a line for today.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::Schedule;
use crate::domain::step::StepStatus;
use crate::service::project_page::Pause;
use crate::service::step_view::StepView;

use super::i18n::{short_date, word, Lang};

pub struct Gantt<'a> {
    pub lang: Lang,
    pub calendar: &'a WorkCalendar,
    pub today: NaiveDate,
    pub start_date: NaiveDate,
    pub steps: &'a [StepView],
    pub actual: &'a Schedule,
    pub planned: &'a Schedule,
    pub pauses: &'a [Pause],
}

const LABEL_W: f64 = 200.0;
const HEAD: f64 = 36.0;
const ROW: f64 = 30.0;
const MAX_DAYS: i64 = 1200;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

impl Gantt<'_> {
    fn span(&self) -> (NaiveDate, i64) {
        let mut from = self.start_date.min(self.today);
        let mut to = self
            .actual
            .projected_finish
            .max(self.planned.planned_finish)
            .max(self.today);
        for s in self.steps {
            if let Some(a) = s.accepted_on {
                from = from.min(a);
            }
            if let Some(f) = s.finished_on {
                to = to.max(f);
            }
        }
        let days = ((to - from).num_days() + 4).clamp(7, MAX_DAYS);
        (from, days)
    }

    pub fn svg(&self) -> String {
        let (from, days) = self.span();
        let day_w = (840.0 / days as f64).clamp(2.0, 24.0);
        let width = LABEL_W + day_w * days as f64 + 10.0;
        let height = HEAD + ROW * self.steps.len() as f64 + 8.0;
        // The right edge of a day: work counted on a day fills it (the start day is not counted).
        let x = |d: NaiveDate| LABEL_W + day_w * ((d - from).num_days() + 1) as f64;
        let mut o = String::new();
        let _ = write!(
            o,
            r##"<svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="gantt-title"><title id="gantt-title">{}</title><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffe08a"/><line x1="0" y1="0" x2="0" y2="6" stroke="#7a5a00" stroke-width="2"/></pattern></defs>"##,
            esc(&word(self.lang, "gantt"))
        );
        let body_h = ROW * self.steps.len() as f64;
        for i in 0..days {
            let Some(d) = from.checked_add_signed(Duration::days(i)) else {
                break;
            };
            if !self.calendar.is_working_day(d) {
                let _ = write!(
                    o,
                    r##"<rect class="off" x="{:.1}" y="{HEAD}" width="{day_w:.1}" height="{body_h}" fill="#e3e7ec"/>"##,
                    x(d) - day_w
                );
            }
            let tick = if day_w * 7.0 >= 56.0 {
                d.weekday() == Weekday::Mon
            } else {
                d.day() == 1
            };
            if tick || i == 0 {
                let _ = write!(
                    o,
                    r##"<line x1="{0:.1}" y1="{1}" x2="{0:.1}" y2="{2}" stroke="#c9ced6"/><text x="{3:.1}" y="22" font-size="11" fill="#3c4654">{4}</text>"##,
                    x(d) - day_w,
                    HEAD - 6.0,
                    HEAD + body_h,
                    x(d) - day_w + 2.0,
                    short_date(self.lang, d)
                );
            }
        }
        for (i, s) in self.steps.iter().enumerate() {
            self.row(&mut o, i, s, HEAD + ROW * i as f64, &x);
        }
        let tx = x(self.today);
        let _ = write!(
            o,
            r##"<line class="today" x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{}" stroke="#c62828" stroke-width="2"/><text x="{:.1}" y="{}" font-size="11" fill="#a01010" font-weight="700">{}</text></svg>"##,
            HEAD - 10.0,
            HEAD + body_h,
            tx + 3.0,
            HEAD - 2.0,
            esc(&word(self.lang, "today"))
        );
        o
    }

    /// Step `i` of the project (and of both schedules, which keep the steps' order).
    fn row(&self, o: &mut String, i: usize, s: &StepView, y: f64, x: &dyn Fn(NaiveDate) -> f64) {
        let critical = self
            .actual
            .critical_path
            .iter()
            .any(|k| k.as_str() == s.key);
        let label = format!(
            "{}{}",
            if critical { "◆ " } else { "" },
            truncate(&s.name, 13)
        );
        let _ = write!(
            o,
            r##"<g data-step="{}"><text x="6" y="{:.1}" font-size="12" fill="{}">{}</text>"##,
            esc(&s.key),
            y + 19.0,
            if critical { "#a01010" } else { "#1d2430" },
            esc(&label)
        );
        let bar = |o: &mut String, a: NaiveDate, b: NaiveDate, dy: f64, h: f64, attrs: &str| {
            let x1 = x(a);
            let w = (x(b) - x1).max(2.0);
            let _ = write!(
                o,
                r##"<rect x="{x1:.1}" y="{:.1}" width="{w:.1}" height="{h}" {attrs}/>"##,
                y + dy
            );
        };
        if let Some(p) = self.planned.steps.get(i) {
            bar(
                o,
                p.earliest_start,
                p.earliest_finish,
                4.0,
                6.0,
                r##"class="bar-planned" fill="#9aa5b4""##,
            );
        }
        let crit_stroke = if critical {
            r##" stroke="#b71c1c" stroke-width="2""##
        } else {
            ""
        };
        let projected = self.actual.steps.get(i);
        if let Some(a) = s.accepted_on {
            let end = s
                .finished_on
                .filter(|_| s.status.is_finished() || s.status == StepStatus::Rejected);
            let fill = match (s.status, s.light) {
                (StepStatus::Approved | StepStatus::Waived, _) => "#3f6fa3",
                (StepStatus::Rejected, _) => "#6d6d6d",
                (StepStatus::AwaitingApplicant, _) => "#d08a00",
                (_, Some(crate::domain::clock::Light::Red)) => "#c62828",
                (_, Some(crate::domain::clock::Light::Yellow)) => "#e0a800",
                _ => "#2e7d32",
            };
            let attrs = format!(
                r##"class="bar-actual status-{}" fill="{fill}"{crit_stroke}"##,
                s.status.as_str()
            );
            bar(o, a, end.unwrap_or(self.today), 12.0, 13.0, &attrs);
        }
        if !s.status.is_finished() && s.status != StepStatus::Rejected {
            if let Some(p) = projected {
                let start = p.earliest_start.max(if s.accepted_on.is_some() {
                    self.today
                } else {
                    p.earliest_start
                });
                if p.earliest_finish > start || s.accepted_on.is_none() {
                    let attrs = format!(
                        r##"class="bar-projected" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="4 3""##,
                        if critical { "#b71c1c" } else { "#3c4654" },
                        if critical { 2 } else { 1 }
                    );
                    bar(o, start, p.earliest_finish, 12.5, 12.0, &attrs);
                }
            }
        }
        for p in self.pauses.iter().filter(|p| p.step_key == s.key) {
            bar(
                o,
                p.from,
                p.to,
                12.0,
                13.0,
                r##"class="pause" fill="url(#hatch)""##,
            );
        }
        o.push_str("</g>");
    }
}
