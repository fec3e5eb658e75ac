//! A project's edit page: steps added, edited and removed, dependencies added and removed
//! (a cycle refused naming its steps), archiving; each change under its version, a stale
//! form answered with the latest data; refusals in Chinese beside their fields.

use serde_json::Value;

use super::client::{Page, PageClient};
use super::fixture::zone;
use super::html_check::check_page;
use super::project_forms::{by_id, project, refused_with, signed_in};

/// Posts a form of the edit page, with the CSRF token.
async fn edit(c: &mut PageClient, csrf: &str, path: &str, fields: &[(&str, &str)]) -> Page {
    let mut f = fields.to_vec();
    f.push(("csrf", csrf));
    c.post(path, &f).await
}

fn step<'a>(p: &'a Value, key: &str) -> Option<&'a Value> {
    p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
}

#[tokio::test]
async fn a_project_is_edited_step_by_step_honouring_versions() {
    let z = zone().await;
    let id = z.green;
    let (mut c, csrf) = signed_in(&z, &z.liaison).await;
    let base = format!("/projects/{id}/edit");
    let page = c.get(&base).await;
    assert_eq!(page.status, 200, "{}", page.body);
    check_page("edit", &page.body);
    assert!(page.body.contains("id=\"row-land-prereview\""));

    // Add a step after the filing.
    let add = format!("{base}/steps");
    let new_step = [
        ("key", "fire-review"),
        ("name", "消防设计审查"),
        ("agency", "区建管委"),
        ("stage", "工程建设许可"),
        ("statutory_days", "15"),
        ("promised_days", "5"),
        ("depends_on", "filing"),
    ];
    let before = z.app.snapshot().await;
    let mut blank = new_step.to_vec();
    blank.retain(|(k, _)| *k != "statutory_days" && *k != "name");
    blank.push(("name", ""));
    blank.push(("statutory_days", "十五"));
    let refused = edit(&mut c, &csrf, &add, &blank).await;
    refused_with(&refused, 422, "statutory_days", "请填写数字");
    assert!(refused.body.contains("value=\"fire-review\""));
    let mut no_name = new_step.to_vec();
    no_name.retain(|(k, _)| *k != "name");
    no_name.push(("name", " "));
    refused_with(
        &edit(&mut c, &csrf, &add, &no_name).await,
        422,
        "name",
        "必填",
    );
    assert_eq!(z.app.snapshot().await, before);
    let added = edit(&mut c, &csrf, &add, &new_step).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let confirmed = c.get(added.location.as_deref().unwrap()).await.body;
    assert!(by_id(&confirmed, "done").contains("环节已添加。"));
    let p = project(&z, id).await;
    let s = step(&p, "fire-review").unwrap();
    assert_eq!(
        (s["promised_days"].as_i64(), s["depends_on"].clone()),
        (Some(5), serde_json::json!(["filing"]))
    );
    // The same key again: beside the key.
    let again = edit(&mut c, &csrf, &add, &new_step).await;
    refused_with(&again, 409, "key", "项目已有环节 fire-review");

    // Edit it from the form drawn with its version; a second send of that form is stale.
    let form = c.get(&format!("{base}?step=fire-review")).await.body;
    check_page("edit step", &form);
    // Its predecessors are chosen; it cannot be its own.
    let edit_form = &form[form.find("id=\"edit-step\"").unwrap()..];
    let edit_form = &edit_form[..edit_form.find("</section>").unwrap()];
    assert!(
        edit_form.contains("<option value=\"filing\" selected>"),
        "{edit_form}"
    );
    assert!(!edit_form.contains("<option value=\"fire-review\""));
    let version = s["version"].as_i64().unwrap().to_string();
    assert!(form.contains(&format!("name=\"version\" value=\"{version}\"")));
    let save = format!("{base}/steps/fire-review");
    let change = |promised: &'static str| {
        vec![
            ("name", "消防设计审查"),
            ("agency", "区建管委"),
            ("stage", "工程建设许可"),
            ("statutory_days", "15"),
            ("promised_days", promised),
            ("depends_on", "filing"),
        ]
    };
    let mut first = change("3");
    first.push(("version", &version));
    let saved = edit(&mut c, &csrf, &save, &first).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        step(&project(&z, id).await, "fire-review").unwrap()["promised_days"],
        3
    );
    let before = z.app.snapshot().await;
    let mut second = change("8");
    second.push(("version", &version));
    let stale = edit(&mut c, &csrf, &save, &second).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    check_page("stale", &stale.body);
    assert!(
        stale.body.contains("这条记录刚被别人修改过"),
        "{}",
        stale.body
    );
    // The latest data, not the stale form's: promised 3, the new version.
    assert!(
        stale
            .body
            .contains("id=\"f-promised_days\" name=\"promised_days\" type=\"text\" value=\"3\""),
        "{}",
        stale.body
    );
    let newer = (version.parse::<i64>().unwrap() + 1).to_string();
    assert!(stale
        .body
        .contains(&format!("name=\"version\" value=\"{newer}\"")));
    assert_eq!(
        z.app.snapshot().await,
        before,
        "a stale form changes nothing"
    );
    let mut bad = change("很快");
    bad.push(("version", &newer));
    let bad = edit(&mut c, &csrf, &save, &bad).await;
    refused_with(&bad, 422, "promised_days", "请填写数字");
    assert!(bad.body.contains("value=\"很快\""));

    // Dependencies: a cycle is refused naming its steps; one is added and removed.
    let deps = format!("{base}/dependencies");
    let cycle = edit(
        &mut c,
        &csrf,
        &deps,
        &[("from", "fire-review"), ("to", "filing")],
    )
    .await;
    refused_with(
        &cycle,
        422,
        "to",
        "依赖关系形成了循环：filing → fire-review → filing",
    );
    assert_eq!(z.app.snapshot().await, before, "a cycle changes nothing");
    // The same cycle through the step form, which replaces the step's predecessors.
    let p = project(&z, id).await;
    let filing_version = step(&p, "filing").unwrap()["version"].to_string();
    let looped = edit(
        &mut c,
        &csrf,
        &format!("{base}/steps/filing"),
        &[
            ("name", "项目备案"),
            ("agency", "区发改委"),
            ("stage", "立项用地规划许可"),
            ("statutory_days", "0"),
            ("depends_on", "fire-review"),
            ("version", &filing_version),
        ],
    )
    .await;
    refused_with(
        &looped,
        422,
        "depends_on",
        "依赖关系形成了循环：filing → fire-review → filing",
    );
    assert_eq!(z.app.snapshot().await, before, "a cycle changes nothing");
    let dep = [("from", "fire-review"), ("to", "construction-permit")];
    let added = edit(&mut c, &csrf, &deps, &dep).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let p = project(&z, id).await;
    assert!(step(&p, "construction-permit").unwrap()["depends_on"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "fire-review"));
    let page = c.get(added.location.as_deref().unwrap()).await.body;
    assert!(page.contains("id=\"undepend-fire-review-construction-permit\""));
    let removed = edit(&mut c, &csrf, &format!("{deps}/remove"), &dep).await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    // Sent again, it was removed meanwhile: stale, shown with the latest data.
    let gone = edit(&mut c, &csrf, &format!("{deps}/remove"), &dep).await;
    assert_eq!(gone.status, 409);
    assert!(gone.body.contains("这条记录刚被别人修改过"));

    // A step with history stays; one without goes.
    let before = z.app.snapshot().await;
    let p = project(&z, id).await;
    let v = step(&p, "land-prereview").unwrap()["version"].to_string();
    let kept = edit(
        &mut c,
        &csrf,
        &format!("{base}/steps/land-prereview/remove"),
        &[("version", &v), ("confirm", "yes")],
    )
    .await;
    assert_eq!(kept.status, 409, "{}", kept.body);
    assert!(by_id(&kept.body, "form-refused").contains("未能保存"));
    assert!(
        kept.body
            .contains("环节 land-prereview 已有办理记录，记录须保留，因此不能删除"),
        "{}",
        kept.body
    );
    assert_eq!(z.app.snapshot().await, before);
    let v = step(&p, "fire-review").unwrap()["version"].to_string();
    // Removing asks first: the page's 删除 opens a confirmation whose own button sends
    // `confirm`; a post without it removes nothing and says what to do.
    let page = c.get(&format!("/projects/{id}/edit")).await.body;
    let at = page.find("id=\"confirm-remove-fire-review\"").unwrap();
    let confirm = &page[at..at + page[at..].find("</details>").unwrap()];
    assert!(
        confirm.contains("name=\"confirm\" value=\"yes\"") && confirm.contains("确定删除"),
        "{confirm}"
    );
    let unconfirmed = edit(
        &mut c,
        &csrf,
        &format!("{base}/steps/fire-review/remove"),
        &[("version", &v)],
    )
    .await;
    assert_eq!(unconfirmed.status, 422, "{}", unconfirmed.body);
    assert!(by_id(&unconfirmed.body, "form-refused").contains("未能保存"));
    assert!(
        unconfirmed
            .body
            .contains("<li>请在展开的确认框中点击“确定删除”</li>"),
        "{}",
        unconfirmed.body
    );
    assert_eq!(z.app.snapshot().await, before);
    let removed = edit(
        &mut c,
        &csrf,
        &format!("{base}/steps/fire-review/remove"),
        &[("version", &v), ("confirm", "yes")],
    )
    .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert!(step(&project(&z, id).await, "fire-review").is_none());

    // Archiving asks for a tick, honours the version, then confirms.
    let archive = format!("/projects/{id}/archive");
    let version = project(&z, id).await["version"].to_string();
    let unticked = edit(&mut c, &csrf, &archive, &[("version", &version)]).await;
    refused_with(&unticked, 422, "confirm", "请勾选以确认");
    let old = (version.parse::<i64>().unwrap() - 1).to_string();
    let stale = edit(
        &mut c,
        &csrf,
        &archive,
        &[("version", &old), ("confirm", "yes")],
    )
    .await;
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains("这条记录刚被别人修改过"));
    assert_eq!(project(&z, id).await["archived"], false);
    let done = edit(
        &mut c,
        &csrf,
        &archive,
        &[("version", &version), ("confirm", "yes")],
    )
    .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let to = done.location.unwrap();
    assert_eq!(to, format!("/projects/{id}?done=project_archived"));
    assert!(c.get(&to).await.body.contains("项目已归档。"));
    assert_eq!(project(&z, id).await["archived"], true);
}
