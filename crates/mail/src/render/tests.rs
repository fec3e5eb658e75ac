//! What a liaison or manager would check in the emails they get.

use super::*;

const URL: &str = "https://approvals.zone.example/";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn line(project_id: i32, project: &str, step: &str, level: &str) -> AlertLine {
    AlertLine {
        project_id,
        project_name: project.into(),
        step_name: step.into(),
        agency: "市自然资源局".into(),
        level: level.into(),
        due_on: Some(d(2026, 3, 16)),
        days_over: None,
        days_waiting: None,
    }
}

fn three_alerts() -> Vec<AlertLine> {
    let yellow = line(7, "光伏组件厂", "用地预审", "yellow");
    let mut stalled = line(8, "锂电池项目", "环评审批", "stalled");
    stalled.days_waiting = Some(6);
    let mut red = line(9, "智能制造园", "施工许可", "red");
    red.due_on = Some(d(2026, 3, 9));
    red.days_over = Some(5);
    vec![yellow, stalled, red]
}

fn pos(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} missing from:\n{hay}"))
}

#[test]
fn digest_subject_counts_levels_in_both_languages() {
    let r = digest("张三", URL, &three_alerts()).unwrap();
    assert_eq!(
        r.subject,
        "【审批跟踪】3 项提醒：1 红灯、1 停滞、1 黄灯 | 3 alerts"
    );
    let one = digest("张三", URL, &three_alerts()[..1]).unwrap();
    assert_eq!(one.subject, "【审批跟踪】1 项提醒：1 黄灯 | 1 alert");
}

#[test]
fn digest_is_chinese_first_then_english_with_dates_days_and_links() {
    let r = digest("张三", URL, &three_alerts()).unwrap();
    for body in [&r.text, &r.html] {
        let english = pos(body, "— English —");
        assert!(pos(body, "张三，您好") < english);
        assert!(pos(body, "Hello 张三") > english);
        assert!(pos(body, "2026年3月16日") < english);
        assert!(pos(body, "2026-03-16") > english);
        assert!(
            pos(body, "2026年3月9日") < english,
            "no zero padding in Chinese dates"
        );
        pos(body, "2026-03-09");
        for words in [
            "红灯（已超时）",
            "停滞（待企业补正）",
            "黄灯（即将超时）",
            "市自然资源局",
        ] {
            assert!(pos(body, words) < english);
        }
        for words in [
            "red (overdue)",
            "stalled (awaiting corrections)",
            "yellow (due soon)",
        ] {
            assert!(pos(body, words) > english);
        }
        pos(body, "已超期 5 个工作日");
        pos(body, "5 working days overdue");
        pos(body, "已等待企业补正 6 个工作日");
        pos(body, "waiting 6 working days");
        // The trailing slash of server.public_url is not doubled.
        pos(body, "https://approvals.zone.example/projects/9");
        assert!(!body.contains("example//projects"));
    }
    assert!(r.text.contains("  - 施工许可（市自然资源局）：红灯（已超时），办理期限 2026年3月9日，已超期 5 个工作日。\n"), "{}", r.text);
    assert!(
        r.html
            .contains("href=\"https://approvals.zone.example/projects/7\""),
        "{}",
        r.html
    );
}

#[test]
fn digest_lists_worst_first_grouped_by_project() {
    let mut lines = three_alerts();
    // A second, yellow step of the red project stays with its project, after its red step.
    lines.push(line(9, "智能制造园", "节能审查", "yellow"));
    let mut escalated = line(10, "数据中心", "规划许可", "escalated");
    escalated.days_over = Some(4);
    lines.push(escalated);
    let r = digest("张三", URL, &lines).unwrap();
    for body in [&r.text, &r.html] {
        let english = pos(body, "— English —");
        let zh = &body[..english];
        assert!(
            pos(zh, "智能制造园") < pos(zh, "数据中心"),
            "5 days over before 4"
        );
        assert!(pos(zh, "数据中心") < pos(zh, "锂电池项目"));
        assert!(pos(zh, "锂电池项目") < pos(zh, "光伏组件厂"));
        assert!(pos(zh, "施工许可") < pos(zh, "节能审查"));
        assert!(pos(zh, "节能审查") < pos(zh, "数据中心"));
        assert_eq!(
            zh.matches("智能制造园").count(),
            1,
            "one heading per project"
        );
    }
    assert!(r
        .subject
        .starts_with("【审批跟踪】5 项提醒：1 红灯、1 升级、1 停滞、2 黄灯 |"));
}

#[test]
fn html_escapes_names_but_text_keeps_them() {
    let mut lines = three_alerts();
    lines[0].project_name = "<script>alert(1)</script>厂".into();
    let r = digest("<b>张三</b>", URL, &lines).unwrap();
    assert!(!r.html.contains("<script>"), "{}", r.html);
    assert!(!r.html.contains("<b>"));
    assert!(r
        .html
        .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;厂"));
    assert!(
        r.text.contains("<script>alert(1)</script>厂"),
        "plain text is not HTML"
    );
}

#[test]
fn escalation_names_the_overdue_steps_for_managers() {
    let mut red = line(9, "智能制造园", "施工许可", "escalated");
    red.days_over = Some(4);
    let r = escalation("李经理", URL, &[red]).unwrap();
    assert_eq!(
        r.subject,
        "【审批跟踪】升级督办：1 个审批环节严重超时 | 1 overdue step escalated"
    );
    for body in [&r.text, &r.html] {
        let english = pos(body, "— English —");
        assert!(pos(body, "请督办") < english);
        assert!(pos(body, "已超期 4 个工作日") < english);
        assert!(pos(body, "4 working days overdue") > english);
        pos(body, "2026年3月16日");
        pos(body, "due 2026-03-16");
        pos(body, "https://approvals.zone.example/projects/9");
    }
}

#[test]
fn licence_reminder_says_when_and_links_the_project() {
    let mut l = LicenceLine {
        enterprise_name: "华东新材料有限公司".into(),
        project_id: Some(12),
        project_name: Some("新材料产业园".into()),
        kind: "安全生产许可证".into(),
        number: "（苏）JZ安许证字〔2023〕001".into(),
        expires_on: d(2026, 6, 14),
        days_left: 90,
    };
    let r = licence_reminder("王联络员", URL, &l).unwrap();
    assert_eq!(
        r.subject,
        "【审批跟踪】证照到期提醒：华东新材料有限公司 安全生产许可证 90 天后到期 | Licence expires in 90 days"
    );
    for body in [&r.text, &r.html] {
        let english = pos(body, "— English —");
        assert!(pos(body, "2026年6月14日") < english);
        assert!(pos(body, "还有 90 天") < english);
        assert!(pos(body, "2026-06-14") > english);
        pos(body, "https://approvals.zone.example/projects/12");
        pos(body, "新材料产业园");
    }
    assert!(
        r.text.contains("到期，还有 90 天。"),
        "one line: {}",
        r.text
    );
    assert!(
        r.text.contains("expires on 2026-06-14, in 90 days."),
        "{}",
        r.text
    );

    l.project_id = None;
    l.project_name = None;
    l.days_left = 1;
    let r = licence_reminder("企业联系人", URL, &l).unwrap();
    assert!(
        r.subject.ends_with("Licence expires in 1 day"),
        "{}",
        r.subject
    );
    assert!(
        r.text.contains("https://approvals.zone.example\n"),
        "{}",
        r.text
    );
    assert!(!r.text.contains("相关项目"));
}
