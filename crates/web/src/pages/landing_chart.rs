//! The overview's landing chart: projects started (开工), cumulative by month, as bars
//! against the year's target as a dashed line; SVG drawn on the server (no JavaScript).

use std::fmt::Write;

use service::landing::MonthFigure;

use super::gantt::esc;
use super::i18n::{word, Lang};

const COL: f64 = 30.0;
const PLOT_H: f64 = 120.0;
const TOP: f64 = 24.0;
const LEFT: f64 = 12.0;

/// `months` up to the last one shown; `target` the year's starts, if set.
pub fn started_chart(lang: Lang, months: &[MonthFigure], target: Option<i32>) -> String {
    let goal = target.map_or(0, |t| t.max(0) as u32);
    let max = months
        .iter()
        .map(|m| m.started)
        .max()
        .unwrap_or(0)
        .max(goal)
        .max(1) as f64;
    let width = LEFT * 2.0 + COL * 12.0;
    let height = TOP + PLOT_H + 30.0;
    let base = TOP + PLOT_H;
    let title = esc(&word(lang, "ld_chart_title"));
    let mut o = String::new();
    let _ = write!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" id="landing-chart" class="chart" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="landing-chart-title"><title id="landing-chart-title">{title}</title>"##
    );
    for m in months {
        let x = LEFT + COL * f64::from(m.month - 1);
        let h = f64::from(m.started) / max * PLOT_H;
        let _ = write!(
            o,
            r##"<rect class="started" data-month="{month}" data-started="{n}" x="{bx:.1}" y="{y:.1}" width="20" height="{h:.1}" fill="#2a6fb0"><title>{month}{mo}: {n}</title></rect><text x="{tx:.1}" y="{ty:.1}" font-size="10" text-anchor="middle" fill="#1d2430">{n}</text>"##,
            month = m.month,
            n = m.started,
            bx = x + 4.0,
            y = base - h,
            mo = esc(&word(lang, "ld_month")),
            tx = x + 14.0,
            ty = base - h - 3.0,
        );
    }
    for month in 1..=12 {
        let x = LEFT + COL * f64::from(month - 1);
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#55606e">{month}</text>"##,
            x + 14.0,
            base + 14.0
        );
    }
    if let Some(t) = target {
        let y = base - f64::from(goal) / max * PLOT_H;
        let _ = write!(
            o,
            r##"<line id="landing-target" data-target="{t}" x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#c0392b" stroke-dasharray="4 3"><title>{}: {t}</title></line>"##,
            width - LEFT,
            esc(&word(lang, "ld_target"))
        );
    }
    o.push_str("</svg>");
    o
}
