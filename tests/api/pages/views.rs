//! The liaison's and the enterprise's views say what people need: the 补正 notice with
//! whom to call, what comes next in order with expected start dates, the step behind each
//! colour, open steps first. Today is Monday 2026-03-16; every figure below is counted by
//! hand with docs/rules.md's rules over the 2026 calendar (config/calendar/cn.toml) and the
//! standard-industrial route (config/routes/standard-industrial.toml).

use serde_json::json;

use super::client::{csrf_in, PageClient};
use super::fixture::{event, zone, USER_PASSWORD};
use super::html_check::check_page;

/// The text of the element that opens with `open` (up to its closing `</{tag}>`).
pub fn part<'a>(body: &'a str, open: &str, tag: &str) -> &'a str {
    let at = body
        .find(open)
        .unwrap_or_else(|| panic!("{open} in {body}"));
    let rest = &body[at..];
    &rest[..rest.find(&format!("</{tag}>")).unwrap()]
}

#[tokio::test]
async fn the_enterprise_reads_the_notice_whom_to_call_and_what_comes_next() {
    let z = zone().await;
    let liaison = z.app.user_id(&z.liaison).await;
    z.app
        .patch(
            &format!("/api/v1/users/{liaison}"),
            &z.app.admin,
            &json!({"phone": "0571-8888 1234"}),
            None,
        )
        .await
        .ok(200);
    // The liaison records in the browser: EIA accepted on Thursday 03-12, materials asked
    // for on Friday 03-13 with a notice for the enterprise and a note for staff.
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let green = z.green;
    let csrf = csrf_in(&c.get(&format!("/projects/{green}")).await.body);
    let path = format!("/projects/{green}/steps/eia/events");
    let accepted = c
        .post(
            &path,
            &[("csrf", &csrf), ("action", "accept"), ("on", "2026-03-12")],
        )
        .await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let page = c.get(&format!("/projects/{green}")).await.body;
    assert!(
        page.contains("id=\"notice-eia\""),
        "the notice field shows for 补正"
    );
    assert!(
        !page.contains("id=\"notice-land-grant\""),
        "not where 补正 cannot be asked"
    );
    let notice = "环评报告表（盖章版）；排污许可申请表";
    let asked = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("action", "request_materials"),
                ("on", "2026-03-13"),
                ("notice", notice),
                ("note", "内部备注：该企业上次拖了两周"),
                // Confirmed (the confirmation itself: pages::event_forms).
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    assert!(asked.location.unwrap().contains("done=event_recorded"));

    let mut ent = PageClient::new(&z.app);
    ent.login(&z.ent_a, USER_PASSWORD).await;
    let home = ent.get("/enterprise").await.body;
    check_page("enterprise", &home);
    let card = part(&home, &format!("id=\"notice-{green}-eia\""), "div");
    // Requested Friday 03-13: one working day after it up to today (Monday 03-16).
    assert!(
        card.contains("环评审批（报告表）") && card.contains("区生态环境局"),
        "{card}"
    );
    assert!(card.contains("已等待 1 个工作日"), "{card}");
    assert!(card.contains("要求日期 2026年3月13日"), "{card}");
    assert!(card.contains(notice), "{card}");
    assert!(
        card.contains("xiaoer") && card.contains("0571-8888 1234"),
        "{card}"
    );
    assert!(card.contains("xiaoer@zone.example.cn"), "{card}");
    assert!(
        !home.contains("上次拖了两周"),
        "staff notes stay with staff"
    );
    // With the agency: land pre-review accepted 03-03, 20-day limit, due 03-31 (4-6, 9-13,
    // 16-20, 23-27, 30, 31 March).
    let with = part(&home, "class=\"with-agency\"", "ul");
    assert!(
        with.contains("用地预审与选址意见书") && with.contains("2026年3月31日"),
        "{with}"
    );
    // Comes next, by the schedule's earliest starts: land grant when pre-review is due
    // (03-31); +20 → 04-29 (Qingming 4-6 April off); land-use permit +20 → 05-29 (May
    // Day 1-5 off, Saturday 05-09 worked); design review +20 → 06-29 (06-19 off); works
    // permit +20 → 07-27; drawing review +15 → 08-17; construction permit after drawing
    // review, EIA (due 04-27) and energy review (due 04-07): 08-17; completion after the
    // permit's 7 days: 08-26.
    let next = part(&home, &format!("id=\"upcoming-{green}\""), "table");
    let order = [
        ("土地出让合同", "2026年3月31日"),
        ("建设用地规划许可证", "2026年4月29日"),
        ("设计方案审查", "2026年5月29日"),
        ("建设工程规划许可证", "2026年6月29日"),
        ("施工图审查", "2026年7月27日"),
        ("施工许可证", "2026年8月17日"),
        ("联合竣工验收", "2026年8月26日"),
    ];
    let mut at = 0;
    for (name, day) in order {
        let row = next[at..]
            .find(name)
            .unwrap_or_else(|| panic!("{name} after {at}: {next}"))
            + at;
        let end = row + next[row..].find("</tr>").unwrap();
        assert!(
            next[row..end].contains(day),
            "{name} expected {day}: {next}"
        );
        at = end;
    }
    assert!(
        home.contains("预计取得施工许可证：<strong>2026年8月26日"),
        "{home}"
    );
    assert!(part(&home, "class=\"done-list\"", "ul").contains("项目备案"));
}

#[tokio::test]
async fn my_names_the_step_behind_each_colour_and_filters_without_script() {
    let z = zone().await;
    let liaison = z.app.user_id(&z.liaison).await;
    let a = z.app.get("/api/v1/enterprises", &z.app.admin).await.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "松江晶圆制造有限公司")
        .unwrap()["id"]
        .clone();
    // A yellow project: land pre-review accepted 02-13; by today its statutory clock has
    // 17 working days (Sat 02-14, 24-28 Feb with Sat 02-28, 2-6, 9-13, 16 March), past
    // 80 % of 20 = 16; due 02-13 + 20 = 03-19, so 3 working days left (17, 18, 19).
    let yellow = z
        .app
        .add_project(
            &z.app.admin,
            &json!({"name": "临港仓储中心", "enterprise_id": a, "template": "standard-industrial",
                "liaison_ids": [liaison], "start_date": "2026-02-02"}),
        )
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    event(&z.app, yellow, "filing", "accept", "2026-02-02").await;
    event(&z.app, yellow, "filing", "approve", "2026-02-02").await;
    event(&z.app, yellow, "land-prereview", "accept", "2026-02-13").await;

    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let my = c.get("/my").await.body;
    check_page("my", &my);
    let (red, green) = (z.red, z.green);
    // Red: land pre-review accepted 01-06, due 01-06 + 20 = 02-03; over by the working
    // days after it up to today: 4-6, 9-13, Sat 14, 24-27, Sat 28 Feb, 2-6, 9-13, 16 March
    // = 25 (15-23 Feb off).
    let why = part(&my, &format!("id=\"why-{red}\""), "p");
    assert!(
        why.contains("超期环节") && why.contains("用地预审与选址意见书"),
        "{why}"
    );
    assert!(
        why.contains("区规划资源局") && why.contains("已超期 25 个工作日"),
        "{why}"
    );
    let why = part(&my, &format!("id=\"why-{yellow}\""), "p");
    assert!(
        why.contains("临期环节") && why.contains("还剩 3 个工作日"),
        "{why}"
    );
    assert!(
        !my.contains(&format!("id=\"why-{green}\"")),
        "green needs no reason"
    );
    // The green project waits on its applicant since 03-10 (11, 12, 13, 16 March: 4) and
    // can start its EIA now.
    let card = part(&my, &format!("id=\"card-{green}\""), "li");
    assert!(
        card.contains("补正中") && card.contains("节能审查（区发改委）已暂停 4 个工作日"),
        "{card}"
    );
    assert!(
        card.contains("环评审批（报告表）（区生态环境局）"),
        "{card}"
    );
    assert!(!card.contains("<dd class=\"next\">无"), "{card}");
    // Most urgent first: red, yellow, green.
    let at = |id: i64| my.find(&format!("id=\"card-{id}\"")).unwrap();
    assert!(at(red) < at(yellow) && at(yellow) < at(green));

    // The GET form: by colour, by stalled, by project or enterprise name.
    let shown = |body: &str| -> Vec<i64> {
        [red, yellow, green]
            .into_iter()
            .filter(|id| body.contains(&format!("id=\"card-{id}\"")))
            .collect()
    };
    assert_eq!(shown(&c.get("/my?light=red").await.body), vec![red]);
    assert_eq!(shown(&c.get("/my?light=yellow").await.body), vec![yellow]);
    assert_eq!(shown(&c.get("/my?light=green").await.body), vec![green]);
    // The red project's EIA has waited since 02-02, far more than 5 paused days.
    assert_eq!(shown(&c.get("/my?light=stalled").await.body), vec![red]);
    let by_firm = c
        .get("/my?q=%E6%9D%BE%E6%B1%9F%E6%99%B6%E5%9C%86")
        .await
        .body; // 松江晶圆
    assert_eq!(shown(&by_firm), vec![yellow, green]);
    assert!(by_firm.contains("value=\"松江晶圆\""), "the search is kept");
    let by_name = c.get("/my?q=%E4%BB%93%E5%82%A8&light=yellow").await.body; // 仓储
    assert_eq!(shown(&by_name), vec![yellow]);
    let none = c.get("/my?q=nothing-like-this").await.body;
    assert!(none.contains("没有符合条件的项目。"));
    check_page("my filtered", &none);
    // An unknown colour filters nothing.
    assert_eq!(shown(&c.get("/my?light=purple").await.body).len(), 3);
}

#[tokio::test]
async fn a_home_names_the_request_a_step_waits_on_after_rounds_and_a_withdrawal() {
    let z = zone().await;
    let (app, green) = (&z.app, z.green);
    let path = format!("/api/v1/projects/{green}/steps/eia/events");
    let ask =
        |on: &str, notice: &str| json!({"action": "request_materials", "on": on, "notice": notice});
    // EIA accepted Thursday 03-12; a first 补正 round asked and answered the same day; a
    // second asked on Friday 03-13 and withdrawn (the wrong list); a third asked Monday 03-16.
    event(app, green, "eia", "accept", "2026-03-12").await;
    app.post(&path, &app.admin, &ask("2026-03-12", "第一轮：环评报告表"))
        .await
        .ok(200);
    event(app, green, "eia", "resubmit", "2026-03-12").await;
    app.post(&path, &app.admin, &ask("2026-03-13", "第二轮：错发的清单"))
        .await
        .ok(200);
    let events = app.get(&path, &app.admin).await.ok(200).clone();
    let wrong = events.as_array().unwrap().last().unwrap()["id"].clone();
    app.post(
        &format!("{path}/{wrong}/withdraw"),
        &app.admin,
        &json!({"reason": "发错了清单"}),
    )
    .await
    .ok(200);
    app.post(
        &path,
        &app.admin,
        &ask("2026-03-13", "第三轮：排污许可申请表"),
    )
    .await
    .ok(200);

    // The enterprise's card: the third request, since Friday, one working day waited.
    let mut ent = PageClient::new(app);
    ent.login(&z.ent_a, USER_PASSWORD).await;
    let home = ent.get("/enterprise").await.body;
    let card = part(&home, &format!("id=\"notice-{green}-eia\""), "div");
    assert!(card.contains("第三轮：排污许可申请表"), "{card}");
    assert!(
        !card.contains("第一轮") && !card.contains("第二轮"),
        "{card}"
    );
    assert!(card.contains("要求日期 2026年3月13日"), "{card}");
    assert!(card.contains("已等待 1 个工作日"), "{card}");
    // The liaison's card counts the same pause: one working day.
    let mut c = PageClient::new(app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let my = c.get("/my").await.body;
    let card = part(&my, &format!("id=\"card-{green}\""), "li");
    assert!(
        card.contains("环评审批（报告表）（区生态环境局）已暂停 1 个工作日"),
        "{card}"
    );
    // Its energy review still waits since 03-10, as before (11, 12, 13, 16 March).
    assert!(
        card.contains("节能审查（区发改委）已暂停 4 个工作日"),
        "{card}"
    );
}
