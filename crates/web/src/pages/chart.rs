//! The overview's chart: for each project finishing this year, the sequential route's
//! working days beside the actual (or projected) ones, drawn as SVG on the server.

use std::fmt::Write;

use service::projects::dashboard::ProjectDigest;

use super::gantt::esc;
use super::i18n::{word, Lang};

const LABEL_W: f64 = 180.0;
const BAR_W: f64 = 520.0;
const ROW: f64 = 40.0;

pub fn saved_chart(lang: Lang, projects: &[&ProjectDigest]) -> String {
    let max = projects
        .iter()
        .map(|d| d.time_saved.baseline_days.max(d.time_saved.projected_days))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let height = 30.0 + ROW * projects.len().max(1) as f64;
    let width = LABEL_W + BAR_W + 150.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="chart-title"><title id="chart-title">{}</title>"##,
        esc(&word(lang, "saved_this_year"))
    );
    let legend = [
        ("#9aa5b4", word(lang, "baseline")),
        ("#2f6db5", word(lang, "actual_or_projected")),
    ];
    for (i, (color, text)) in legend.iter().enumerate() {
        let lx = LABEL_W + 200.0 * i as f64;
        let _ = write!(
            o,
            r##"<rect x="{lx}" y="6" width="14" height="10" fill="{color}"/><text x="{}" y="15" font-size="12" fill="#1d2430">{}</text>"##,
            lx + 18.0,
            esc(text)
        );
    }
    if projects.is_empty() {
        let _ = write!(
            o,
            r##"<text x="10" y="45" font-size="13" fill="#55606e">{}</text>"##,
            esc(&word(lang, "no_projects"))
        );
    }
    for (i, d) in projects.iter().enumerate() {
        let y = 26.0 + ROW * i as f64;
        let t = &d.time_saved;
        let done = t.actual_days.unwrap_or(t.projected_days);
        let bw = |v: u32| (f64::from(v) / max * BAR_W).max(1.0);
        let name: String = d.view.project.name.chars().take(12).collect();
        let _ = write!(
            o,
            r##"<text x="6" y="{:.0}" font-size="12" fill="#1d2430">{}</text><rect class="baseline" x="{LABEL_W}" y="{y}" width="{:.1}" height="12" fill="#9aa5b4"/><text x="{:.1}" y="{:.0}" font-size="11" fill="#1d2430">{}</text><rect class="actual" x="{LABEL_W}" y="{:.0}" width="{:.1}" height="12" fill="#2f6db5"/><text x="{:.1}" y="{:.0}" font-size="11" fill="#1d2430">{} (−{})</text>"##,
            y + 16.0,
            esc(&name),
            bw(t.baseline_days),
            LABEL_W + bw(t.baseline_days) + 4.0,
            y + 10.0,
            t.baseline_days,
            y + 14.0,
            bw(done),
            LABEL_W + bw(done) + 4.0,
            y + 24.0,
            done,
            t.saved_days
        );
    }
    o.push_str("</svg>");
    o
}
