//! Licences in the browser: the register by expiry with what is expired or due marked, and
//! a licence recorded from an approved step, prefilled; every refusal beside its field in
//! Chinese with the input kept and nothing written.

use serde_json::Value;

use super::client::{csrf_in, PageClient};
use super::fixture::{zone, Zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;

async fn licences(z: &Zone) -> Value {
    z.app
        .get("/api/v1/licences?per_page=500", &z.app.admin)
        .await
        .ok(200)
        .clone()
}

async fn enterprise_of(z: &Zone, project: i64) -> String {
    let p = z
        .app
        .get(&format!("/api/v1/projects/{project}"), &z.app.admin)
        .await
        .ok(200)
        .clone();
    p["enterprise_id"].as_i64().unwrap().to_string()
}

/// A form to send, the field it is refused beside, the message there.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, String);

/// The good form with some fields changed, and the CSRF token.
fn with_fields<'a>(
    good: &[(&'a str, &'a str)],
    changes: &[(&'a str, &'a str)],
    csrf: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut f: Vec<(&str, &str)> = good
        .iter()
        .map(|(k, v)| (*k, changes.iter().find(|c| c.0 == *k).map_or(*v, |c| c.1)))
        .collect();
    f.push(("csrf", csrf));
    f
}

#[tokio::test]
async fn a_licence_is_recorded_from_an_approved_step_and_listed_by_expiry() {
    let z = zone().await;
    let (red, green) = (z.red.to_string(), z.green.to_string());
    let ent_b = enterprise_of(&z, z.red).await;
    let ent_a = enterprise_of(&z, z.green).await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let empty = c.get("/licences").await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("暂无许可证。"));
    check_page("/licences (empty)", &empty.body);

    // Opened from the approved energy review: enterprise, project, kind and issue day filled.
    let url = format!("/licences/new?project_id={red}&step=energy-review");
    let form = c.get(&url).await;
    assert_eq!(form.status, 200, "{}", form.body);
    check_page("/licences/new (prefilled)", &form.body);
    let b = &form.body;
    assert!(
        b.contains(&format!("<option value=\"{ent_b}\" selected>")),
        "{b}"
    );
    assert!(
        b.contains(&format!("<option value=\"{red}\" selected>")),
        "{b}"
    );
    assert!(
        b.contains("<option value=\"energy-review\" selected>"),
        "{b}"
    );
    assert!(b.contains("id=\"f-kind\" name=\"kind\" type=\"text\" value=\"节能审查\""));
    assert!(
        b.contains("value=\"2026-01-30\""),
        "the step's finish day: {b}"
    );
    let csrf = csrf_in(b);
    let before = z.app.snapshot().await;
    let listed = licences(&z).await;

    let good = [
        ("enterprise_id", ent_b.as_str()),
        ("project_id", red.as_str()),
        ("step", "energy-review"),
        ("kind", "节能审查意见"),
        ("number", "松发改能审〔2026〕7号"),
        ("issued_on", "2026-01-30"),
        ("expires_on", "2026-05-01"),
    ];
    let with = |changes: &[(&'static str, &'static str)]| with_fields(&good, changes, &csrf);
    // Every refusal: the field, its message in Chinese.
    let green_leak = format!("所选项目（编号 {red}）不属于所选企业（编号 {ent_a}）");
    let cases: Vec<Case> = vec![
        (
            with(&[("expires_on", "2026-01-01")]),
            "expires_on",
            "应晚于发证日期".into(),
        ),
        (with(&[("step", "eia")]), "step", "“eia”尚未办结".into()),
        (
            with(&[("step", "no-such")]),
            "step",
            "项目没有环节 no-such".into(),
        ),
        (
            with(&[("expires_on", "2101-01-01")]),
            "expires_on",
            "2101-01-01 不在 2000-01-01 至 2100-12-31 之间".into(),
        ),
        (
            with(&[("expires_on", "明年")]),
            "expires_on",
            "请填写日期，例如 2027-01-01".into(),
        ),
        (with(&[("expires_on", "")]), "expires_on", "必填".into()),
        (
            with(&[("enterprise_id", "")]),
            "enterprise_id",
            "必填".into(),
        ),
        (with(&[("kind", " ")]), "kind", "必填".into()),
        (with(&[("number", "")]), "number", "必填".into()),
        (
            with(&[("enterprise_id", "999")]),
            "enterprise_id",
            "没有编号为 999 的企业".into(),
        ),
        (
            with_fields(&good, &[("enterprise_id", ent_a.as_str())], &csrf),
            "project_id",
            green_leak,
        ),
        (
            with(&[("project_id", "")]),
            "step",
            "请选择该环节所属的项目".into(),
        ),
        (
            with(&[("step", ""), ("issued_on", "")]),
            "issued_on",
            "请填写发证日期".into(),
        ),
    ];
    for (fields, field, message) in &cases {
        let refused = c.post("/licences/new", fields).await;
        assert_eq!(refused.status, 422, "{field}: {}", refused.body);
        assert_eq!(
            field_error(&refused.body, field).as_deref(),
            Some(message.as_str()),
            "{field}: {}",
            refused.body
        );
        assert!(refused.body.contains("未能保存"), "{}", refused.body);
        // What was typed is kept.
        let number = fields.iter().find(|f| f.0 == "number").unwrap().1;
        assert!(refused.body.contains(&format!("value=\"{number}\"")));
        check_page("/licences/new (refused)", &refused.body);
    }
    assert_eq!(z.app.snapshot().await, before, "refusals change nothing");
    assert_eq!(licences(&z).await, listed, "no licence was written");

    // Recorded: confirmed, and listed with its enterprise and project linked.
    let done = c.post("/licences/new", &with(&[])).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some("/licences?done=licence_recorded")
    );
    // An expired one without a project, and one valid for years, from the green project.
    for (ent, project, step, kind, issued, expires) in [
        (
            ent_b.as_str(),
            "",
            "",
            "排污许可证",
            "2023-03-01",
            "2026-03-01",
        ),
        (
            ent_a.as_str(),
            green.as_str(),
            "filing",
            "",
            "",
            "2028-01-01",
        ),
    ] {
        let f = vec![
            ("enterprise_id", ent),
            ("project_id", project),
            ("step", step),
            (
                "kind",
                if kind.is_empty() {
                    "项目备案证明"
                } else {
                    kind
                },
            ),
            ("number", "No. 1"),
            ("issued_on", issued),
            ("expires_on", expires),
            ("csrf", csrf.as_str()),
        ];
        let r = c.post("/licences/new", &f).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let page = c.get("/licences?done=licence_recorded").await;
    assert_eq!(page.status, 200);
    check_page("/licences", &page.body);
    let b = &page.body;
    assert!(b.contains("许可证已登记。"), "{b}");
    let table = &b[b.find("id=\"licences\"").unwrap()..b.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr id=\"licence-").skip(1).collect();
    assert_eq!(rows.len(), 3, "{table}");
    // Soonest expiry first. Expired 2026-03-01: 15 days ago; due 2026-05-01: 46 days
    // left (15 + 30 + 1); valid to 2028.
    let (expired, due, valid) = (rows[0], rows[1], rows[2]);
    assert!(
        expired.contains("排污许可证") && expired.contains("已过期"),
        "{expired}"
    );
    assert!(expired.contains("<td>-15</td>"), "{expired}");
    assert!(
        due.contains("节能审查意见") && due.contains("即将到期"),
        "{due}"
    );
    assert!(due.contains("<td>46</td>"), "{due}");
    assert!(
        valid.contains("项目备案证明") && valid.contains("有效"),
        "{valid}"
    );
    assert!(due.contains(&format!("<a href=\"/projects/{red}\">九亭生物医药基地</a>")));
    assert!(due.contains(&format!(
        "<a href=\"/enterprises/{ent_b}\">九亭生物医药有限公司</a>"
    )));
    // The green project's filing was approved on 2026-03-02: that is its issue day.
    let api = licences(&z).await;
    let filed = api["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "项目备案证明")
        .unwrap();
    assert_eq!(filed["issued_on"], "2026-03-02");
    assert_eq!(api["total"], 3);
}
