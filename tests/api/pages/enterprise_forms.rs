//! Enterprises in the browser: the list and its search, registering one (the credit
//! code checked, a duplicate named beside it), its page with its projects' lights.

use super::fixture::zone;
use super::forms::field_error;
use super::html_check::check_page;
use super::project_forms::{by_id, enterprise_id, post_enterprise, refused_with, signed_in};
use crate::helpers::{CODE_A, CODE_B};

/// Valid 统一社会信用代码 not used by the fixture (check characters worked out with the
/// GB 32100-2015 weights, as `service::enterprises::credit_code` does).
const CODE_D: &str = "91310117MA1J3P0D08";
const CODE_E: &str = "91310117MA1J3P0E09";

#[tokio::test]
async fn enterprises_are_listed_searched_and_registered() {
    let z = zone().await;
    let (mut c, csrf) = signed_in(&z, &z.liaison).await;
    let list = c.get("/enterprises").await;
    assert_eq!(list.status, 200);
    check_page("/enterprises", &list.body);
    let table = &list.body[list.body.find("id=\"enterprises\"").unwrap()..];
    assert!(table.contains("松江晶圆制造有限公司") && table.contains("九亭生物医药有限公司"));
    let found = c.get("/enterprises?q=%E4%B9%9D%E4%BA%AD").await.body; // 九亭
    assert!(found.contains("九亭生物医药有限公司") && !found.contains("松江晶圆制造有限公司"));
    let by_code = c
        .get(&format!("/enterprises?q={}", &CODE_A[10..]))
        .await
        .body;
    assert!(by_code.contains("松江晶圆制造有限公司") && !by_code.contains("九亭生物"));

    // The API searches the same way.
    let api = z
        .app
        .get("/api/v1/enterprises?q=%E4%B9%9D%E4%BA%AD", &z.app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(api["total"], 1);
    assert_eq!(api["items"][0]["credit_code"], CODE_B);

    let form = c.get("/enterprises/new").await;
    assert_eq!(form.status, 200);
    check_page("/enterprises/new", &form.body);
    let before = z.app.snapshot().await;
    let fields = |name: &'static str, code: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("name", name.to_string()),
            ("credit_code", code.to_string()),
            ("contact_name", "张三".to_string()),
            ("contact_email", "zhang@firm.example.cn".to_string()),
        ]
    };
    // Blank name and a code whose check character is wrong: both said beside their fields.
    let bad = post_enterprise(&mut c, fields("", "91310117MA1J3P0D09")).await;
    refused_with(&bad, 422, "name", "必填");
    assert_eq!(
        field_error(&bad.body, "credit_code").as_deref(),
        Some("末位校验码不符，请核对")
    );
    assert!(
        bad.body.contains("value=\"91310117MA1J3P0D09\"") && bad.body.contains("value=\"张三\"")
    );
    let short = post_enterprise(&mut c, fields("申江新材料有限公司", "9131")).await;
    refused_with(&short, 422, "credit_code", "应为 18 位统一社会信用代码");
    // A code already registered: beside the code, naming the enterprise that has it.
    let a = enterprise_id(&z, CODE_A).await;
    let taken = post_enterprise(&mut c, fields("申江新材料有限公司", CODE_A)).await;
    refused_with(
        &taken,
        409,
        "credit_code",
        &format!("统一社会信用代码为 {CODE_A} 的企业已存在（编号 {a}）"),
    );
    assert!(taken.body.contains("value=\"申江新材料有限公司\""));
    assert_eq!(z.app.snapshot().await, before, "refusals change nothing");

    let done = post_enterprise(&mut c, fields("申江新材料有限公司", CODE_D)).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let id = enterprise_id(&z, CODE_D).await;
    let to = format!("/enterprises/{id}?done=enterprise_added");
    assert_eq!(done.location.as_deref(), Some(to.as_str()));
    let page = c.get(&to).await;
    assert_eq!(page.status, 200);
    check_page("/enterprises/{id}", &page.body);
    assert!(by_id(&page.body, "done").contains("企业已登记。"));
    assert!(page.body.contains("申江新材料有限公司") && page.body.contains(CODE_D));
    assert!(page
        .body
        .contains(&format!("/projects/new?enterprise_id={id}")));

    // Registered from the new-project form: back to it with the enterprise chosen.
    let mut inline = fields("松江精密机械有限公司", CODE_E);
    inline.push(("then", "/projects/new".into()));
    let back = post_enterprise(&mut c, inline).await;
    let e = enterprise_id(&z, CODE_E).await;
    let to = format!("/projects/new?enterprise_id={e}&done=enterprise_added");
    assert_eq!(back.location.as_deref(), Some(to.as_str()));
    let form = c.get(&to).await.body;
    assert!(form.contains(&format!(
        "<option value=\"{e}\" selected>松江精密机械有限公司"
    )));
    assert!(form.contains("企业已登记。"));

    // An enterprise's projects with their lights.
    let b = enterprise_id(&z, CODE_B).await;
    let page = c.get(&format!("/enterprises/{b}")).await.body;
    let projects = &page[page.find("id=\"projects\"").unwrap()..];
    assert!(projects.contains("九亭生物医药基地") && projects.contains("红灯·超期"));
    assert!(!projects.contains("晶圆厂二期"));

    // In English once switched, the same refusal beside the same field.
    c.get("/lang/en?next=/enterprises/new").await;
    let english = post_enterprise(&mut c, fields("Shenjiang", "91310117MA1J3P0D09")).await;
    refused_with(
        &english,
        422,
        "credit_code",
        "its last character does not match the check character",
    );
}
