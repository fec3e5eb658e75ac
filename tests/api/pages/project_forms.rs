//! The pages a liaison registers enterprises and starts and changes projects with: every
//! success confirmed, every refusal said in Chinese beside its field with the input kept
//! and nothing changed, the preview's figures against DOMAIN.md worked by hand, and who
//! may open and send each of them.

use serde_json::Value;

use super::client::{csrf_in, Page, PageClient};
use super::fixture::{zone, Zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;
use super::matrix::Callers;
use crate::helpers::{CODE_A, CODE_B};

/// Valid 统一社会信用代码 not used by the fixture (check characters worked out with the
/// GB 32100-2015 weights, as `service::credit_code` does).
const CODE_D: &str = "91310117MA1J3P0D08";
const CODE_E: &str = "91310117MA1J3P0E09";

async fn signed_in(z: &Zone, who: &str) -> (PageClient, String) {
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

async fn enterprise_id(z: &Zone, code: &str) -> i64 {
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

async fn user_id(z: &Zone, username: &str) -> i64 {
    let list = z
        .app
        .get("/api/v1/users?per_page=500", &z.app.admin)
        .await
        .ok(200)
        .clone();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn project(z: &Zone, id: i64) -> Value {
    let path = format!("/api/v1/projects/{id}");
    z.app.get(&path, &z.app.admin).await.ok(200).clone()
}

/// The text of the element with this id, up to its closing tag.
fn by_id<'a>(body: &'a str, id: &str) -> &'a str {
    let open = format!("id=\"{id}\"");
    let at = body
        .find(&open)
        .unwrap_or_else(|| panic!("no #{id} in {body}"));
    let rest = &body[at..];
    &rest[..rest.find("</").unwrap_or(rest.len())]
}

async fn post_enterprise(c: &mut PageClient, fields: Vec<(&'static str, String)>) -> Page {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.post("/enterprises/new", &pairs).await
}

fn refused_with(page: &Page, status: u16, field: &str, message: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(
        field_error(&page.body, field).as_deref(),
        Some(message),
        "{field}: {}",
        page.body
    );
    check_page(field, &page.body);
}

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
}

/// The low-risk route (config/routes/low-risk-industrial.toml) is a chain of six steps:
/// 项目备案 0, 土地出让合同 20 (promised 5), 建设用地规划许可证 20 (2), 建设工程规划许可证
/// 20 (3), 施工许可证 7 (1), 联合竣工验收 20 (5). From Monday 2026-03-16, by DOMAIN.md:
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
    let me = user_id(&z, &z.liaison).await;
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
    let me = user_id(&z, &z.liaison).await.to_string();
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
        &[("version", &v)],
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
    let removed = edit(
        &mut c,
        &csrf,
        &format!("{base}/steps/fire-review/remove"),
        &[("version", &v)],
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
            vec![],
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
