//! The cockpit's small chart: red and yellow projects at the end of each of the last twelve
//! weeks, as two bars per week, drawn as SVG on the server (no JavaScript).

use std::fmt::Write;

use service::projects::cockpit::WeekLights;

use super::gantt::esc;
use super::i18n::{word, Lang};

const COL: f64 = 44.0;
const PLOT_H: f64 = 120.0;
const TOP: f64 = 24.0;

pub fn lights_chart(lang: Lang, weeks: &[WeekLights]) -> String {
    let max = weeks
        .iter()
        .map(|w| w.red.max(w.yellow))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let width = 20.0 + COL * weeks.len().max(1) as f64;
    let height = TOP + PLOT_H + 34.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" id="lights-chart" class="chart" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="lights-title"><title id="lights-title">{}</title>"##,
        esc(&word(lang, "lights_weeks"))
    );
    let base = TOP + PLOT_H;
    for (i, w) in weeks.iter().enumerate() {
        let x = 14.0 + COL * i as f64;
        for (j, (n, color, class)) in [(w.red, "#c0392b", "red"), (w.yellow, "#d4a017", "yellow")]
            .into_iter()
            .enumerate()
        {
            let h = f64::from(n) / max * PLOT_H;
            let bx = x + 16.0 * j as f64;
            let _ = write!(
                o,
                r##"<rect class="{class}" data-week="{}" x="{bx:.1}" y="{:.1}" width="14" height="{h:.1}" fill="{color}"><title>{} {}: {n}</title></rect><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#1d2430">{n}</text>"##,
                esc(&w.week),
                base - h,
                esc(&w.week),
                esc(&word(lang, &format!("light_{class}"))),
                bx + 7.0,
                base - h - 3.0
            );
        }
        let label = w.week.rsplit('-').next().unwrap_or(&w.week);
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#55606e">{}</text>"##,
            x + 15.0,
            base + 14.0,
            esc(label)
        );
    }
    o.push_str("</svg>");
    o
}
