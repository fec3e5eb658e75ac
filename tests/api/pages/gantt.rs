//! The Gantt chart as a reader meets it: a tooltip on every step's row, the year on the
//! axis where it changes, axis labels that never overlap, long names on two lines, and a
//! zoom that fits the whole project in a phone's width.

use serde_json::json;

use super::client::PageClient;
use super::fixture::{zone, USER_PASSWORD};

/// The chart's SVG in a project page.
fn svg(body: &str) -> &str {
    let at = body.find("<svg xmlns").expect("a Gantt chart");
    &body[at..at + body[at..].find("</svg>").unwrap()]
}

/// Axis labels: (x, text), in drawing order.
fn ticks(svg: &str) -> Vec<(f64, String)> {
    svg.split("<text class=\"tick\" x=\"")
        .skip(1)
        .map(|t| {
            let x: f64 = t[..t.find('"').unwrap()].parse().unwrap();
            let text = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            (x, text.to_string())
        })
        .collect()
}

/// The same estimate of a label's width as the chart's: CJK 11 px, Latin 6.2 px.
fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 6.2 } else { 11.0 })
        .sum()
}

#[tokio::test]
async fn every_row_has_a_tooltip_and_the_axis_names_its_years_without_overlaps() {
    let z = zone().await;
    // A project across the turn of the year: started 2026-11-02, finishing in 2027.
    let ent = z.app.get("/api/v1/enterprises", &z.app.admin).await.ok(200)["items"][0]["id"]
        .as_i64()
        .unwrap();
    let long = z
        .app
        .add_project(
            &z.app.admin,
            &json!({"name": "跨年项目", "enterprise_id": ent, "template": "standard-industrial",
                "liaison_ids": [], "start_date": "2026-11-02"}),
        )
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    let steps = z
        .app
        .get(&format!("/api/v1/projects/{long}"), &z.app.admin)
        .await
        .ok(200)["steps"]
        .as_array()
        .unwrap()
        .clone();
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    for zoom in ["weeks", "months"] {
        let page = c.get(&format!("/projects/{long}?zoom={zoom}")).await;
        assert_eq!(page.status, 200);
        let chart = svg(&page.body);
        assert!(chart.contains(&format!("gantt zoom-{zoom}")), "{zoom}");
        // One row per step, each opening with its tooltip: name, agency, plan, slack.
        let rows: Vec<&str> = chart.split("<g data-step=").skip(1).collect();
        assert_eq!(rows.len(), steps.len(), "{zoom}");
        for (row, step) in rows.iter().zip(&steps) {
            let title = &row[row.find("<title>").unwrap() + 7..row.find("</title>").unwrap()];
            let (name, agency) = (
                step["name"].as_str().unwrap(),
                step["agency"].as_str().unwrap(),
            );
            assert!(title.starts_with(&format!("{name}（{agency}）")), "{title}");
            assert!(
                title.contains("计划：20") && title.contains("机动时间"),
                "{title}"
            );
        }
        // The first label and the first of 2027 carry their year; no label touches the next.
        let labels = ticks(chart);
        assert!(labels.len() >= 3, "{zoom}: {labels:?}");
        assert!(labels[0].1.starts_with("2026年"), "{zoom}: {labels:?}");
        let first_2027 = labels.iter().position(|(_, t)| t.contains("2027年"));
        assert!(first_2027.is_some(), "{zoom}: {labels:?}");
        for (i, (_, t)) in labels.iter().enumerate() {
            assert_eq!(
                t.contains('年'),
                i == 0 || Some(i) == first_2027,
                "{zoom}: {labels:?}"
            );
        }
        for pair in labels.windows(2) {
            assert!(
                pair[0].0 + width(&pair[0].1) < pair[1].0,
                "{zoom}: {pair:?}"
            );
        }
    }
    // Zoomed out, the whole chart fits a phone's 390 px.
    let page = c.get(&format!("/projects/{long}?zoom=months")).await;
    let chart = svg(&page.body);
    let w: f64 = chart[chart.find("width=\"").unwrap() + 7..]
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(w <= 350.0, "{w}");
    assert!(page.body.contains("按周") && !page.body.contains("id=\"zoom-months\""));
}
