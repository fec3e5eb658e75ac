//! Starting a project in the browser: the form, the preview of what a route template
//! promises (figures worked by hand from docs/rules.md), the creation, every refusal said in
//! Chinese beside its field with the input kept and nothing changed; and who may open and
//! send each form of the project pages (enterprises, new project, edit page).

use serde_json::Value;

use super::client::{csrf_in, Page, PageClient};
use super::fixture::{zone, Zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;
use super::matrix::Callers;
use crate::helpers::CODE_A;

pub async fn signed_in(z: &Zone, who: &str) -> (PageClient, String) {
    let mut c = PageClient::new(&z.app);
    let password = if who == "admin" {
        crate::helpers::ADMIN_PASSWORD
    } else {
        USER_PASSWORD
    };
    let home = c.login(who, password).await.location.unwrap();
    let csrf = csrf_in(&c.get(&home).await.body);
    (c, csrf)
}

pub async fn enterprise_id(z: &Zone, code: &str) -> i64 {
    let list = z
        .app
        .get("/api/v1/enterprises?per_page=500", &z.app.admin)
        .await
        .ok(200)
        .clone();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["credit_code"] == code)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

pub async fn project(z: &Zone, id: i64) -> Value {
    let path = format!("/api/v1/projects/{id}");
    z.app.get(&path, &z.app.admin).await.ok(200).clone()
}

/// The text of the element with this id, up to its closing tag.
pub fn by_id<'a>(body: &'a str, id: &str) -> &'a str {
    let open = format!("id=\"{id}\"");
    let at = body
        .find(&open)
        .unwrap_or_else(|| panic!("no #{id} in {body}"));
    let rest = &body[at..];
    &rest[..rest.find("</").unwrap_or(rest.len())]
}

pub async fn post_enterprise(c: &mut PageClient, fields: Vec<(&'static str, String)>) -> Page {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.post("/enterprises/new", &pairs).await
}

pub fn refused_with(page: &Page, status: u16, field: &str, message: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(
        field_error(&page.body, field).as_deref(),
        Some(message),
        "{field}: {}",
        page.body
    );
    check_page(field, &page.body);
}

/// The low-risk route (config/routes/low-risk-industrial.toml) is a chain of six steps:
/// 项目备案 0, 土地出让合同 20 (promised 5), 建设用地规划许可证 20 (2), 建设工程规划许可证
/// 20 (3), 施工许可证 7 (1), 联合竣工验收 20 (5). From Monday 2026-03-16, by docs/rules.md:
/// - every step is critical (a chain); planned = 0+5+2+3+1+5 = 16 working days; counting
///   working days after 03-16 (start day not counted) on the 2026 calendar: 17–20 (4),
///   23–27 (9), 30–31 (11), 04-01…03 (14), 04-04…06 off, 04-07 (15), 04-08 (16):
///   planned finish 2026-04-08;
/// - baseline = 0+20+20+20+7+20 = 87 working days: …, 04-30 (32), 05-01…05 off, 05-06…08
///   (35), Saturday 05-09 a make-up working day (36), 05-11…29 (51), 06-01…18 (65),
///   06-19…21 off, 06-22…30 (72), 07-01…17 (85), 07-20 (86), 07-21 (87): 2026-07-21;
/// - saved 87 − 16 = 71 working days; 2026-07-21 − 2026-04-08 = 22 + 31 + 30 + 21 = 104
///   calendar days.
#[tokio::test]
async fn a_project_starts_from_a_template_after_its_preview() {
    let z = zone().await;
    let (mut c, csrf) = signed_in(&z, &z.liaison).await;
    let me = z.app.user_id(&z.liaison).await;
    let a = enterprise_id(&z, CODE_A).await;
    let form = c.get("/projects/new").await;
    assert_eq!(form.status, 200);
    check_page("/projects/new", &form.body);
    // The liaison is chosen for their own project; the start date defaults to today.
    assert!(
        form.body
            .contains(&format!("<option value=\"{me}\" selected>")),
        "{}",
        form.body
    );
    assert!(form.body.contains("value=\"2026-03-16\""));
    assert!(form.body.contains("/enterprises/new?then=/projects/new"));

    let a_text = a.to_string();
    let me_text = me.to_string();
    let fields = |intent: &'static str| {
        vec![
            ("csrf", csrf.as_str()),
            ("name", "精密机械厂房"),
            ("enterprise_id", a_text.as_str()),
            ("template", "low-risk-industrial"),
            ("start_date", "2026-03-16"),
            ("liaison_ids", me_text.as_str()),
            ("city", "上海"),
            ("investment_cny", "50,000,000"),
            ("intent", intent),
        ]
    };
    let before = z.app.snapshot().await;
    let preview = c.post("/projects/new", &fields("preview")).await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    check_page("preview", &preview.body);
    assert_eq!(z.app.snapshot().await, before, "a preview writes nothing");
    let body = &preview.body;
    assert!(by_id(body, "planned-finish").contains("data-date=\"2026-04-08\""));
    assert!(by_id(body, "planned-finish").contains("2026年4月8日"));
    assert!(by_id(body, "baseline-finish").contains("data-date=\"2026-07-21\""));
    assert!(by_id(body, "saved-wdays").ends_with(">71"));
    assert!(by_id(body, "saved-cdays").ends_with(">104"));
    assert!(by_id(body, "preview-saved").contains("节省 71 个工作日，约 104 个自然日"));
    let path = &body[body.find("id=\"critical-path\"").unwrap()..];
    let path = &path[..path.find("</ol>").unwrap()];
    let order: Vec<usize> = [
        "项目备案",
        "土地出让合同",
        "建设用地规划许可证",
        "建设工程规划许可证",
        "施工许可证",
        "联合竣工验收",
    ]
    .iter()
    .map(|n| path.find(n).unwrap_or_else(|| panic!("{n} in {path}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{path}");
    // What was typed stays for "create".
    assert!(body.contains("value=\"精密机械厂房\"") && body.contains("value=\"50,000,000\""));

    // Where the official schedules stop, the preview says its dates are provisional.
    assert!(!body.contains("id=\"preview-provisional\""));
    let mut later = fields("preview");
    later.retain(|(k, _)| *k != "start_date");
    later.push(("start_date", "2027-12-01"));
    let provisional = c.post("/projects/new", &later).await.body;
    assert!(
        provisional.contains("id=\"preview-provisional\""),
        "{provisional}"
    );
    let created = c.post("/projects/new", &fields("create")).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let to = created.location.unwrap();
    assert!(to.ends_with("?done=project_created"), "{to}");
    let id: i64 = to["/projects/".len()..to.find('?').unwrap()]
        .parse()
        .unwrap();
    let page = c.get(&to).await.body;
    assert!(by_id(&page, "done").contains("项目已创建。"));
    // The one-line link from the project page to its edit page.
    assert!(page.contains(&format!("href=\"/projects/{id}/edit\"")));
    let p = project(&z, id).await;
    assert_eq!(p["name"], "精密机械厂房");
    assert_eq!(p["enterprise_id"], a);
    assert_eq!(p["template"], "low-risk-industrial");
    assert_eq!(p["liaison_ids"], serde_json::json!([me]));
    assert_eq!(p["investment_cny"], 50_000_000);
    assert_eq!(p["city"], "上海");
    assert_eq!(p["steps"].as_array().unwrap().len(), 6);
    // The saved project promises what the preview said.
    let sched = z
        .app
        .get(&format!("/api/v1/projects/{id}/schedule"), &z.app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(sched["planned_finish"], "2026-04-08");
}

/// Fields changed from a good form, intent, status, the field refused, its message.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, u16, &'a str, &'a str);

#[tokio::test]
async fn a_refused_new_project_says_why_beside_each_field() {
    let z = zone().await;
    let (mut c, csrf) = signed_in(&z, &z.liaison).await;
    let me = z.app.user_id(&z.liaison).await.to_string();
    let a = enterprise_id(&z, CODE_A).await.to_string();
    let before = z.app.snapshot().await;
    let send = |over: &[(&'static str, &'static str)], intent: &'static str| {
        let mut f: Vec<(&str, String)> = vec![
            ("csrf", csrf.clone()),
            ("name", "精密机械厂房".into()),
            ("enterprise_id", a.clone()),
            ("template", "low-risk-industrial".into()),
            ("start_date", "2026-03-16".into()),
            ("liaison_ids", me.clone()),
            ("city", "松江".into()),
            ("investment_cny", "1000".into()),
            ("intent", intent.into()),
        ];
        for (k, v) in over {
            f.retain(|(n, _)| n != k);
            f.push((k, v.to_string()));
        }
        f
    };
    let cases: &[Case] = &[
        (&[("name", "  ")], "create", 422, "name", "必填"),
        (
            &[("template", "no-such-route")],
            "create",
            422,
            "template",
            "没有代码为 &quot;no-such-route&quot; 的审批路线",
        ),
        (
            &[("template", "no-such-route")],
            "preview",
            422,
            "template",
            "没有代码为 &quot;no-such-route&quot; 的审批路线",
        ),
        (
            &[("template", "")],
            "preview",
            422,
            "template",
            "请选择审批路线",
        ),
        (
            &[("start_date", "1999-12-31")],
            "create",
            422,
            "start_date",
            "1999-12-31 不在 2000-01-01 至 2100-12-31 之间",
        ),
        (
            &[("start_date", "2101-01-01")],
            "preview",
            422,
            "start_date",
            "2101-01-01 不在 2000-01-01 至 2100-12-31 之间",
        ),
        (
            &[("start_date", "3月16日")],
            "create",
            422,
            "start_date",
            "请填写日期，例如 2026-03-16",
        ),
        (
            &[("investment_cny", "五千万")],
            "create",
            422,
            "investment_cny",
            "请填写整数金额（元），例如 50000000",
        ),
        (
            &[("investment_cny", "-5")],
            "create",
            422,
            "investment_cny",
            "不能为负数",
        ),
        (
            &[("enterprise_id", "")],
            "create",
            422,
            "enterprise_id",
            "请选择企业",
        ),
        (
            &[("enterprise_id", "9999")],
            "create",
            422,
            "enterprise_id",
            "没有编号为 9999 的企业",
        ),
        (
            &[("liaison_ids", "")],
            "create",
            422,
            "liaison_ids",
            "店小二新建的项目须包括本人",
        ),
    ];
    for (over, intent, status, field, message) in cases {
        let f = send(over, intent);
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = c.post("/projects/new", &pairs).await;
        refused_with(&page, *status, field, message);
        assert!(
            !page.body.contains("id=\"preview\""),
            "no preview on a refusal"
        );
        // The rest of what was typed is kept.
        assert!(page.body.contains("value=\"松江\""), "{}", page.body);
        assert!(
            page.body
                .contains("<option value=\"low-risk-industrial\" selected>")
                || *field == "template"
        );
    }
    assert_eq!(z.app.snapshot().await, before, "refusals change nothing");
}

#[tokio::test]
async fn who_may_open_and_send_the_project_forms() {
    let z = zone().await;
    let mut who = Callers::of(&z).await;
    let (red, green) = (z.red, z.green);
    let a = enterprise_id(&z, CODE_A).await;
    //                                         admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        ("/enterprises".into(), [200, 200, 200, 200, 403, 403, 303]),
        (
            "/enterprises/new".into(),
            [200, 200, 200, 200, 403, 403, 303],
        ),
        (
            format!("/enterprises/{a}"),
            [200, 200, 200, 200, 403, 403, 303],
        ),
        ("/projects/new".into(), [200, 200, 200, 200, 403, 403, 303]),
        (
            format!("/projects/{green}/edit"),
            [200, 200, 200, 403, 403, 404, 303],
        ),
        (
            format!("/projects/{red}/edit"),
            [200, 200, 200, 403, 404, 404, 303],
        ),
        (
            format!("/projects/{green}/edit?step=eia"),
            [200, 200, 200, 403, 403, 404, 303],
        ),
    ])
    .await;
    // A refusal says why, in Chinese.
    let other = who.clients[3]
        .0
        .get(&format!("/projects/{green}/edit"))
        .await;
    assert!(
        other.body.contains("店小二只能调整分配给自己的项目"),
        "{}",
        other.body
    );
    let firm = who.clients[4].0.get("/projects/new").await;
    assert!(
        firm.body.contains("只有园区工作人员可以进行此操作"),
        "{}",
        firm.body
    );
    let firm = who.clients[4]
        .0
        .get(&format!("/projects/{green}/edit"))
        .await;
    assert!(
        firm.body.contains("企业账号只能查看项目，不能调整"),
        "{}",
        firm.body
    );
    let before = z.app.snapshot().await;
    let edit = |tail: &str| format!("/projects/{green}/edit{tail}");
    who.check_posts(&[
        (
            "/enterprises/new".into(),
            vec![("name", ""), ("credit_code", "")],
            [422, 422, 422, 422, 403, 403, 303],
        ),
        (
            "/projects/new".into(),
            vec![("name", ""), ("intent", "create")],
            [422, 422, 422, 422, 403, 403, 303],
        ),
        (
            "/projects/new".into(),
            vec![
                ("template", "nope"),
                ("start_date", "2026-03-16"),
                ("intent", "preview"),
            ],
            [422, 422, 422, 422, 403, 403, 303],
        ),
        (
            edit("/steps"),
            vec![("key", "x"), ("statutory_days", "")],
            [422, 422, 422, 403, 403, 404, 303],
        ),
        (
            edit("/steps/eia"),
            vec![("name", ""), ("statutory_days", "30")],
            [422, 422, 422, 403, 403, 404, 303],
        ),
        (
            edit("/steps/land-prereview/remove"),
            vec![("confirm", "yes")],
            [409, 409, 409, 403, 403, 404, 303],
        ),
        (
            edit("/dependencies"),
            vec![("from", "filing"), ("to", "filing")],
            [422, 422, 422, 403, 403, 404, 303],
        ),
        (
            edit("/dependencies/remove"),
            vec![("from", "eia"), ("to", "filing")],
            [409, 409, 409, 403, 403, 404, 303],
        ),
        (
            format!("/projects/{green}/archive"),
            vec![],
            [422, 422, 422, 403, 403, 404, 303],
        ),
    ])
    .await;
    assert_eq!(
        z.app.snapshot().await,
        before,
        "refused forms change nothing"
    );
}
