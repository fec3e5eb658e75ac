//! CSV exports carry no live formula: user text beginning with `=`, `+`, `-`, `@`, a tab or
//! a carriage return is written as text, prefixed with `'` (OWASP CSV injection).

use serde_json::json;

use crate::helpers::{spawn_app, CODE_A};

#[tokio::test]
async fn the_weekly_csv_neutralises_formulas() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let evil = [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
    ];
    // One project per string: a project's current stage is a row of the portfolio.
    for (i, text) in evil.iter().enumerate() {
        let steps = json!([{"key": "s", "name": "环节", "agency": "区发改委", "stage": *text, "statutory_days": 1, "depends_on": []}]);
        let body = json!({"name": format!("项目{i}"), "enterprise_id": ent, "steps": steps, "start_date": "2026-03-02"});
        app.add_project(&app.admin, &body).await.ok(201);
    }
    let r = app
        .client
        .get(app.url("/api/v1/reports/weekly?format=csv&week=2026-W12"))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let text = r.text().await.unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '@']) && !c.starts_with("-2"),
            "a live formula: {c:?}"
        );
    }
    for text in evil {
        assert!(
            cells.contains(&format!("'{text}")),
            "{text:?} missing: {cells:?}"
        );
    }
}
