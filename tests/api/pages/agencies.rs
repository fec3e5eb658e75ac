//! Agencies in the browser: an admin adds and renames them (refusals beside their fields,
//! what was typed kept, a stale form answered with the latest); a liaison picks a step's
//! agency from the list and marks the lead.

use super::fixture::zone;
use super::html_check::check_page;
use super::matrix::Callers;
use super::project_forms::{by_id, project, refused_with, signed_in};

async fn agency_id(z: &super::fixture::Zone, name: &str) -> i64 {
    crate::agency_admin::id_of(&z.app, name).await
}

#[tokio::test]
async fn an_admin_adds_and_renames_an_agency_in_the_browser() {
    let z = zone().await;
    let (mut c, csrf) = signed_in(&z, "admin").await;
    let page = c.get("/admin/agencies").await;
    assert_eq!(page.status, 200, "{}", page.body);
    check_page("agencies", &page.body);
    assert!(
        page.body.contains("<td>区建管委</td><td>建管委</td>"),
        "{}",
        page.body
    );

    let before = z.app.snapshot().await;
    let taken = c
        .post(
            "/admin/agencies",
            &[
                ("csrf", &csrf),
                ("name", "区建管委（牵头）"),
                ("short_name", "牵头委"),
            ],
        )
        .await;
    refused_with(&taken, 422, "name", "已有部门使用此名称");
    assert!(
        taken.body.contains("value=\"牵头委\""),
        "what was typed is kept"
    );
    let blank = c
        .post(
            "/admin/agencies",
            &[("csrf", &csrf), ("name", " "), ("short_name", "")],
        )
        .await;
    refused_with(&blank, 422, "name", "必填");
    assert_eq!(z.app.snapshot().await, before);

    let added = c
        .post(
            "/admin/agencies",
            &[
                ("csrf", &csrf),
                ("name", "区消防救援支队"),
                ("short_name", "消防支队"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let confirmed = c.get(added.location.as_deref().unwrap()).await.body;
    assert!(
        by_id(&confirmed, "done").contains("已新增部门"),
        "{confirmed}"
    );
    assert!(confirmed.contains("<td>区消防救援支队</td><td>消防支队</td><td>0</td>"));

    let id = agency_id(&z, "区建管委").await;
    let path = format!("/admin/agencies/{id}");
    let form = c.get(&path).await;
    assert_eq!(form.status, 200);
    check_page("agency", &form.body);
    let stale = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", "9"),
                ("name", "区住建委"),
                ("short_name", "住建委"),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    // The latest is shown again, not what was typed.
    assert!(stale.body.contains("value=\"区建管委\""), "{}", stale.body);
    let saved = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("name", "区住建委"),
                ("short_name", "住建委"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let confirmed = c.get(saved.location.as_deref().unwrap()).await.body;
    assert!(by_id(&confirmed, "done").contains("已保存部门"));
    let p = project(&z, z.green).await;
    let permit = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "construction-permit")
        .unwrap();
    assert_eq!(permit["agency"], "区住建委");
}

#[tokio::test]
async fn a_liaison_picks_a_steps_agency_from_the_list_and_marks_the_lead() {
    let z = zone().await;
    let (mut c, csrf) = signed_in(&z, &z.liaison).await;
    let id = z.green;
    let form = c
        .get(&format!("/projects/{id}/edit?step=construction-permit"))
        .await;
    assert_eq!(form.status, 200);
    check_page("edit step", &form.body);
    // A list, with the step's agency chosen; the lead mark unticked for this step.
    assert!(
        form.body
            .contains("<option value=\"区建管委\" selected>区建管委</option>"),
        "{}",
        form.body
    );
    assert!(form.body.contains("<option value=\"区应急管理局\">"));
    assert!(!form
        .body
        .contains("id=\"f-lead\" name=\"lead\" value=\"1\" style=\"width:auto\" checked"));
    let version = p_version(&z, id, "construction-permit").await;
    let posted = c
        .post(
            &format!("/projects/{id}/edit/steps/construction-permit"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("name", "施工许可证"),
                ("agency", "区应急管理局"),
                ("lead", "1"),
                ("stage", "施工许可"),
                ("statutory_days", "7"),
                ("promised_days", ""),
                ("depends_on", "drawing-review"),
                ("depends_on", "eia"),
                ("depends_on", "energy-review"),
            ],
        )
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let p = project(&z, id).await;
    let s = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "construction-permit")
        .unwrap();
    assert_eq!(
        (s["agency"].as_str(), s["lead"].as_bool()),
        (Some("区应急管理局"), Some(true))
    );
    let page = c.get(&format!("/projects/{id}/edit")).await.body;
    assert!(
        page.contains("区应急管理局 <span class=\"tag\">牵头</span>"),
        "{page}"
    );
}

async fn p_version(z: &super::fixture::Zone, id: i64, key: &str) -> String {
    let p = project(z, id).await;
    p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()["version"]
        .to_string()
}

#[tokio::test]
async fn only_admins_reach_the_agency_pages() {
    let z = zone().await;
    let id = agency_id(&z, "区建管委").await;
    let one = format!("/admin/agencies/{id}");
    let mut who = Callers::of(&z).await;
    //                                         admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        (
            "/admin/agencies".into(),
            [200, 403, 403, 403, 403, 403, 303],
        ),
        (one.clone(), [200, 403, 403, 403, 403, 403, 303]),
        (
            "/admin/agencies/999999".into(),
            [404, 403, 403, 403, 403, 403, 303],
        ),
    ])
    .await;
    let before = z.app.snapshot().await;
    who.check_posts(&[
        (
            "/admin/agencies".into(),
            vec![("name", "")],
            [422, 403, 403, 403, 403, 403, 303],
        ),
        (
            one,
            vec![("version", "1"), ("name", "")],
            [422, 403, 403, 403, 403, 403, 303],
        ),
    ])
    .await;
    assert_eq!(z.app.snapshot().await, before);
}
