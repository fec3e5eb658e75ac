//! Words of the pages in Chinese (the default) and English, and dates as each writes them.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::words::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The `lang` attribute of the page.
    pub fn html(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// 2026年3月16日 / 16 Mar 2026.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%-d %b %Y").to_string(),
    }
}

/// 2026年3月16日 10:05 / 16 Mar 2026 10:05: an instant already in the zone's time.
pub fn date_time(lang: Lang, t: chrono::NaiveDateTime) -> String {
    format!("{} {}", date(lang, t.date()), t.format("%H:%M"))
}

/// 3月16日 / 16 Mar: axis labels.
pub fn short_date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}月{}日", d.month(), d.day()),
        Lang::En => d.format("%-d %b").to_string(),
    }
}

/// "saved 55 working days, about 80 calendar days" in words.
pub fn saved_words(lang: Lang, working: i64, calendar: i64) -> String {
    match (lang, working >= 0) {
        (Lang::Zh, true) => format!("节省 {working} 个工作日，约 {calendar} 个自然日"),
        (Lang::Zh, false) => format!("比传统串联审批多用 {} 个工作日", -working),
        (Lang::En, true) => {
            format!("saved {working} working days, about {calendar} calendar days")
        }
        (Lang::En, false) => format!("{} working days longer than the sequential route", -working),
    }
}

const WORDS: &[(&str, &str, &str)] = &[
    ("app", "审批进度跟踪", "Approval tracker"),
    ("nav", "主导航", "Main navigation"),
    ("switch_lang", "English", "中文"),
    ("logout", "退出", "Sign out"),
    ("login", "登录", "Sign in"),
    ("username", "用户名", "User name"),
    ("password", "密码", "Password"),
    ("login_failed", "用户名或密码错误", "Wrong user name or password"),
    ("login_locked", "登录失败次数过多，请 {m} 分钟后再试", "Too many failed sign-ins; try again in {m} minute(s)"),
    ("username_too_long", "用户名最多 {n} 个字符", "A user name has at most {n} characters"),
    ("password_too_long", "密码最多 {n} 个字符", "A password has at most {n} characters"),
    ("my_projects", "我的项目", "My projects"),
    ("all_projects", "全部项目", "All projects"),
    ("overview", "总览", "Overview"),
    ("users", "用户", "Users"),
    ("calendar", "工作日历", "Calendar"),
    ("routes", "审批路线", "Route templates"),
    ("enterprise_home", "我的项目进度", "Our projects"),
    ("project", "项目", "Project"),
    ("light", "信号灯", "Light"),
    ("light_red", "红灯·超期", "Red · overdue"),
    ("light_yellow", "黄灯·临期", "Yellow · due soon"),
    ("light_green", "绿灯·正常", "Green · on time"),
    ("light_none", "无", "none"),
    ("stalled", "停滞", "Stalled"),
    ("stalled_steps", "停滞环节", "Stalled steps"),
    ("next_step", "下一步可启动", "Can start next"),
    ("permit", "预计施工许可", "Construction permit (projected)"),
    ("permit_days", "距施工许可", "Days to permit"),
    ("days", "天", "days"),
    ("wdays", "个工作日", "working days"),
    ("no_projects", "暂无项目。", "No projects."),
    ("my_more", "这里列出最紧急的 {shown} 个，共 {total} 个项目。", "The {shown} most urgent of {total} projects are shown here."),
    ("my_more_link", "在项目列表中查看全部", "See them all in the project list"),
    ("none", "无", "none"),
    ("step", "环节", "Step"),
    ("agency", "部门", "Agency"),
    ("stage", "阶段", "Stage"),
    ("status", "状态", "Status"),
    ("accepted_on", "受理日", "Accepted"),
    ("due_on", "到期日", "Due"),
    ("finished_on", "办结日", "Finished"),
    ("clock", "法定计时／暂停／总计", "Statutory / paused / elapsed"),
    ("limit", "时限", "Limit"),
    ("status_pending", "未受理", "pending"),
    ("status_in_review", "审查中", "in review"),
    ("status_awaiting_applicant", "补正中", "awaiting applicant"),
    ("status_approved", "已批准", "approved"),
    ("status_rejected", "不予批准", "rejected"),
    ("status_waived", "已免除", "waived"),
    ("action", "操作", "Action"),
    ("action_accept", "受理", "accept"),
    ("action_request_materials", "要求补正", "request materials"),
    ("action_resubmit", "补正材料已提交", "resubmit"),
    ("action_approve", "批准", "approve"),
    ("action_reject", "不予批准", "reject"),
    ("action_waive", "免除", "waive"),
    ("action_reopen", "重新打开", "reopen"),
    ("on", "发生日期", "Day it happened"),
    ("note", "备注", "Note"),
    ("record", "记录", "Record"),
    ("record_event", "记录办理情况", "Record an event"),
    ("gantt", "甘特图", "Gantt timeline"),
    ("gantt_desc", "灰色细条为计划，彩色粗条为实际，虚线为预计，◆ 为关键路径，斜纹为补正暂停，灰色竖条为非工作日，竖线为今天；紫色细线为按本区以往项目预测的区间（圆点为预计日期，线尾为八成把握的日期），见于施工许可和最后办结的环节。", "Thin grey bars: plan; thick bars: actual; dashed: projected; ◆ critical path; hatched: paused for 补正; grey columns: non-working days; vertical line: today; thin purple line: the forecast from this zone's past projects (dot: likely date, end: 8 in 10 by), under the construction permit and the step to finish last."),
    ("gantt_forecast", "预测（P50–P80）", "Forecast (P50–P80)"),
    ("today", "今天", "today"),
    ("gantt_planned", "计划", "Planned"),
    ("gantt_actual", "实际", "Actual"),
    ("gantt_ongoing", "进行中", "ongoing"),
    ("gantt_projected", "预计完成", "Projected finish"),
    ("gantt_slack", "机动时间 {n} 个工作日", "Slack: {n} working days"),
    ("gantt_zoom_weeks", "按周", "Weeks"),
    ("gantt_zoom_months", "按月（全貌）", "Months (whole)"),
    ("history", "办理记录", "History"),
    ("recorded_by", "记录人", "Recorded by"),
    ("backdated", "补录", "back-dated"),
    ("time_saved", "节省时间", "Time saved"),
    ("baseline", "传统串联", "Sequential route"),
    ("projected_finish", "预计完成", "Projected finish"),
    ("actual_or_projected", "实际或预计", "Actual or projected"),
    ("planned_finish", "计划完成", "Planned finish"),
    ("critical_path", "关键路径", "Critical path"),
    ("done", "已完成", "Done"),
    ("in_progress", "办理中", "In progress"),
    ("waiting_on_us", "等待我方补正", "Waiting on us"),
    ("waited", "已等待", "waited"),
    ("since", "自", "since"),
    ("comes_next", "接下来", "Comes next"),
    ("expected_permit", "预计取得施工许可证", "Expected construction permit"),
    ("by_stage", "按阶段与信号灯", "By stage and light"),
    ("finished_all", "全部办结", "all finished"),
    ("red_list", "红灯清单", "Red list"),
    ("agencies", "部门超期排名", "Agencies by days over their limits"),
    ("days_over", "超期工作日", "Working days over"),
    ("steps_over", "超期环节数", "Steps over"),
    ("saved_this_year", "今年节省时间", "Time saved this year"),
    ("chart_desc", "每个项目：灰色为传统串联所需工作日，蓝色为实际或预计工作日。", "Each project: grey is the sequential route in working days, blue the actual or projected."),
    ("chart_more", "图中为节省最多的 {shown} 个项目（今年共 {total} 个）。", "The {shown} projects that saved the most are drawn ({total} this year)."),
    ("count", "数量", "Count"),
    ("role", "角色", "Role"),
    ("display_name", "姓名", "Name"),
    ("email", "电子邮箱", "Email"),
    ("enterprise_id", "企业编号", "Enterprise id"),
    ("active", "启用", "Active"),
    ("yes", "是", "yes"),
    ("no", "否", "no"),
    ("add_user", "新增用户", "Add a user"),
    ("save", "保存", "Save"),
    ("year", "年份", "Year"),
    ("holidays", "放假日（每行一个日期）", "Days off (one date a line)"),
    ("workdays", "调休上班日（每行一个日期）", "Make-up working days (one date a line)"),
    ("publish", "发布", "Publish"),
    ("provisional", "未发布（暂按周一至周五计算）", "not published (Monday–Friday assumed)"),
    ("published", "已发布", "published"),
    ("show", "查看", "Show"),
    ("depends_on", "前置环节", "After"),
    ("statutory_days", "法定时限", "Statutory"),
    ("promised_days", "承诺时限", "Promised"),
    ("error", "出错了", "Something went wrong"),
    ("back", "返回", "Back"),
    ("role_admin", "管理员", "admin"),
    ("role_manager", "管理人员", "manager"),
    ("role_liaison", "店小二", "liaison"),
    ("role_enterprise", "企业", "enterprise"),
];

/// The tables of every area of the pages, each in its own file under `words/`.
const TABLES: &[Words] = &[
    WORDS,
    super::words::forms::WORDS,
    super::words::projects::WORDS,
    super::words::records::WORDS,
    super::words::events::WORDS,
    super::words::enterprise::WORDS,
    // Issue 16's areas.
    super::words::cockpit::WORDS,
    //
    super::words::lists::WORDS,
    //
    super::words::agencies::WORDS,
    super::words::chat::WORDS,
    // Issue 20: enterprise requests.
    super::words::requests::WORDS,
    // Issue 19: landing.
    super::words::landing::WORDS, // Issue 28: admin forms.
    super::words::admin::WORDS,
    super::words::forecasts::WORDS,
];

fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// Every word in one language, for the templates (`tr.key`).
pub fn words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    all()
        .map(|(k, zh, en)| (*k, if lang == Lang::Zh { *zh } else { *en }))
        .collect()
}

/// Whether a key names a word (for keys that come from a URL).
pub fn known(key: &str) -> bool {
    all().any(|(k, _, _)| *k == key)
}

/// One word (for Rust-drawn SVG and error pages); the key itself when unknown.
pub fn word(lang: Lang, key: &str) -> String {
    all()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, zh, en)| if lang == Lang::Zh { zh } else { en })
        .to_string()
}
