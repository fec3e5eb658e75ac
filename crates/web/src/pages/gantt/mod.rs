//! The Gantt timeline of a project, drawn as SVG on the server: planned bars beside actual
//! ones, projected remainders dashed, the critical path marked, pauses hatched,
//! non-working days shaded, a line for today. Each step's row carries a tooltip (`<title>`:
//! name, agency, dates, slack); the axis names the year where it changes and drops a
//! label that would touch the one before; `Zoom::Months` fits a long project on a phone.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use domain::calendar::WorkCalendar;
use domain::schedule::Schedule;
use domain::step::StepStatus;
use service::projects::project_page::Pause;
use service::steps::step_view::StepView;

mod labels;
pub mod milestones;

use domain::forecast::Range;

use super::i18n::{date, word, Lang};

pub use labels::Zoom;
use labels::{text_width, tick_label, two_lines};

pub struct Gantt<'a> {
    pub lang: Lang,
    pub zoom: Zoom,
    pub calendar: &'a WorkCalendar,
    pub today: NaiveDate,
    pub start_date: NaiveDate,
    pub steps: &'a [StepView],
    pub actual: &'a Schedule,
    pub planned: &'a Schedule,
    pub pauses: &'a [Pause],
    /// The milestones, drawn after the approvals (empty: no row).
    pub milestones: &'a [milestones::Mark],
    /// Forecast ranges (P50–P80) drawn under a step's row: the construction permit's, and
    /// the project's finish under the step forecast to finish last (empty: none).
    pub bands: &'a [(String, Range)],
}

const HEAD: f64 = 36.0;
const ROW: f64 = 30.0;
const MAX_DAYS: i64 = 1200;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
        for m in self.milestones {
            (from, to) = (from.min(m.on), to.max(m.on));
        }
        for (_, r) in self.bands {
            to = to.max(r.p80);
        }
        let days = ((to - from).num_days() + 4).clamp(7, MAX_DAYS);
        (from, days)
    }

    pub fn svg(&self) -> String {
        let (from, days) = self.span();
        let (label_w, axis_w) = self.zoom.widths();
        let day_w = match self.zoom {
            Zoom::Weeks => (axis_w / days as f64).clamp(2.0, 24.0),
            Zoom::Months => (axis_w / days as f64).clamp(0.2, 24.0),
        };
        let width = label_w + day_w * days as f64 + 10.0;
        let marks_h = if self.milestones.is_empty() {
            0.0
        } else {
            ROW + 14.0
        };
        let height = HEAD + ROW * self.steps.len() as f64 + marks_h + 8.0;
        // The right edge of a day: work counted on a day fills it (the start day is not counted).
        let x = |d: NaiveDate| label_w + day_w * ((d - from).num_days() + 1) as f64;
        let mut o = String::new();
        let _ = write!(
            o,
            r##"<svg xmlns="http://www.w3.org/2000/svg" class="gantt zoom-{}" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="gantt-title"><title id="gantt-title">{}</title><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffe08a"/><line x1="0" y1="0" x2="0" y2="6" stroke="#7a5a00" stroke-width="2"/></pattern></defs>"##,
            if self.zoom == Zoom::Months {
                "months"
            } else {
                "weeks"
            },
            esc(&word(self.lang, "gantt"))
        );
        let body_h = ROW * self.steps.len() as f64;
        // Weekly ticks where a week is wide enough for its label, else months, else quarters.
        let tick_on = |d: NaiveDate| {
            if day_w * 7.0 >= 64.0 {
                d.weekday() == Weekday::Mon
            } else if day_w * 30.0 >= 30.0 {
                d.day() == 1
            } else {
                d.day() == 1 && d.month0().is_multiple_of(3)
            }
        };
        let mut last_label_end = f64::MIN;
        let mut last_year = None;
        for i in 0..days {
            let Some(d) = from.checked_add_signed(Duration::days(i)) else {
                break;
            };
            let left = x(d) - day_w;
            if !self.calendar.is_working_day(d) && day_w >= 1.0 {
                let _ = write!(
                    o,
                    r##"<rect class="off" x="{left:.1}" y="{HEAD}" width="{day_w:.1}" height="{body_h}" fill="#e3e7ec"/>"##
                );
            }
            if !(tick_on(d) || i == 0) {
                continue;
            }
            let _ = write!(
                o,
                r##"<line x1="{left:.1}" y1="{}" x2="{left:.1}" y2="{}" stroke="#c9ced6"/>"##,
                HEAD - 6.0,
                HEAD + body_h
            );
            let label = tick_label(self.lang, self.zoom, d, last_year != Some(d.year()));
            // A label that would touch the one before is left out; its line stays.
            if left + 2.0 < last_label_end + 6.0 || left + 2.0 + text_width(&label) > width {
                continue;
            }
            last_label_end = left + 2.0 + text_width(&label);
            last_year = Some(d.year());
            let _ = write!(
                o,
                r##"<text class="tick" x="{:.1}" y="22" font-size="11" fill="#3c4654">{}</text>"##,
                left + 2.0,
                esc(&label)
            );
        }
        for (i, s) in self.steps.iter().enumerate() {
            self.row(&mut o, i, s, HEAD + ROW * i as f64, label_w, &x);
        }
        if !self.milestones.is_empty() {
            let y = HEAD + body_h;
            milestones::draw(&mut o, self.lang, self.milestones, y, &x, (label_w, width));
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

    /// The row's tooltip: name and agency, then plan, actual, projection and slack.
    fn tooltip(&self, i: usize, s: &StepView) -> String {
        let l = self.lang;
        let d = |x: NaiveDate| date(l, x);
        let mut lines = vec![format!("{}（{}）", s.name, s.agency)];
        if let Some(p) = self.planned.steps.get(i) {
            lines.push(format!(
                "{}：{} – {}",
                word(l, "gantt_planned"),
                d(p.earliest_start),
                d(p.earliest_finish)
            ));
        }
        if let Some(a) = s.accepted_on {
            let until = s.finished_on.map_or_else(|| word(l, "gantt_ongoing"), d);
            lines.push(format!("{}：{} – {until}", word(l, "gantt_actual"), d(a)));
        }
        if let (false, Some(p)) = (s.status.is_finished(), self.actual.steps.get(i)) {
            lines.push(format!(
                "{}：{}",
                word(l, "gantt_projected"),
                d(p.earliest_finish)
            ));
            lines.push(word(l, "gantt_slack").replace("{n}", &p.slack_days.to_string()));
        }
        for (_, r) in self.bands.iter().filter(|(k, _)| *k == s.key) {
            lines.push(format!(
                "{}：{} – {}",
                word(l, "gantt_forecast"),
                d(r.p50),
                d(r.p80)
            ));
        }
        lines.join("\n")
    }

    /// Step `i` of the project (and of both schedules, which keep the steps' order).
    fn row(
        &self,
        o: &mut String,
        i: usize,
        s: &StepView,
        y: f64,
        label_w: f64,
        x: &dyn Fn(NaiveDate) -> f64,
    ) {
        let critical = self
            .actual
            .critical_path
            .iter()
            .any(|k| k.as_str() == s.key);
        let name = format!("{}{}", if critical { "◆ " } else { "" }, s.name);
        let (first, second) = two_lines(&name, label_w - 10.0);
        let color = if critical { "#a01010" } else { "#1d2430" };
        let _ = write!(
            o,
            r##"<g data-step="{}"><title>{}</title>"##,
            esc(&s.key),
            esc(&self.tooltip(i, s))
        );
        match second {
            None => {
                let _ = write!(
                    o,
                    r##"<text class="name" x="6" y="{:.1}" font-size="12" fill="{color}">{}</text>"##,
                    y + 19.0,
                    esc(&first)
                );
            }
            Some(second) => {
                let _ = write!(
                    o,
                    r##"<text class="name" x="6" y="{:.1}" font-size="11" fill="{color}">{}<tspan x="6" dy="12">{}</tspan></text>"##,
                    y + 13.0,
                    esc(&first),
                    esc(&second)
                );
            }
        }
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
                (_, Some(domain::clock::Light::Red)) => "#c62828",
                (_, Some(domain::clock::Light::Yellow)) => "#e0a800",
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
        // The forecast: a thin band from P50 to P80 under the bar, P50 marked.
        for (_, r) in self.bands.iter().filter(|(k, _)| *k == s.key) {
            bar(
                o,
                r.p50,
                r.p80,
                26.0,
                3.0,
                r##"class="bar-forecast" fill="#6a1b9a""##,
            );
            let _ = write!(
                o,
                r##"<circle class="forecast-p50" cx="{:.1}" cy="{:.1}" r="3" fill="#6a1b9a"/>"##,
                x(r.p50),
                y + 27.5
            );
        }
        for (from, to) in hatched(self.pauses, &s.key) {
            bar(
                o,
                from,
                to,
                12.0,
                13.0,
                r##"class="pause" fill="url(#hatch)""##,
            );
        }
        o.push_str("</g>");
    }
}

/// A step's pauses as the spans to hatch, those that touch or overlap drawn as one: a step
/// asked for materials and answered the same day hundreds of times drew hundreds of
/// rectangles on one spot.
fn hatched(pauses: &[Pause], key: &str) -> Vec<(NaiveDate, NaiveDate)> {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = pauses
        .iter()
        .filter(|p| p.step_key == key)
        .map(|p| (p.from, p.to))
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pause(key: &str, from: &str, to: &str) -> Pause {
        Pause {
            step_key: key.to_string(),
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
            open: false,
        }
    }

    #[test]
    fn pauses_that_touch_or_overlap_are_hatched_as_one_span() {
        let mut pauses = vec![pause("eia", "2026-03-16", "2026-03-16"); 300];
        pauses.extend([
            pause("eia", "2026-03-02", "2026-03-05"),
            pause("eia", "2026-03-05", "2026-03-09"),
            pause("eia", "2026-03-04", "2026-03-06"),
            pause("eia", "2026-03-10", "2026-03-11"),
            pause("energy", "2026-03-03", "2026-03-04"),
        ]);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            hatched(&pauses, "eia"),
            vec![
                (d("2026-03-02"), d("2026-03-09")),
                (d("2026-03-10"), d("2026-03-11")),
                (d("2026-03-16"), d("2026-03-16")),
            ]
        );
        assert_eq!(hatched(&pauses, "energy").len(), 1);
        assert!(hatched(&pauses, "land").is_empty());
    }
}
