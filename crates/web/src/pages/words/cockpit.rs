//! Words of the cockpit pages: key, Chinese, English.

use super::Words;

pub const WORDS: Words = &[
    // After a chart's name: the box holding it scrolls (a keyboard scrolls it once focused).
    ("scrolls_sideways", "（可左右滚动）", " (scrolls sideways)"),
    ("cp_lights", "信号灯", "Lights"),
    ("cp_red", "红灯项目", "Red projects"),
    ("cp_yellow", "黄灯项目", "Yellow projects"),
    ("cp_stalled", "停滞项目", "Stalled projects"),
    ("cp_green", "按期项目", "On-time projects"),
    ("cp_open_list", "查看清单", "open the list"),
    ("cp_red_list", "红灯清单（超期环节）", "Red list (overdue steps)"),
    ("cp_yellow_list", "黄灯清单（临期环节）", "Yellow list (steps due soon)"),
    ("cp_stalled_list", "停滞清单（等待企业补正）", "Stalled list (waiting for the applicant)"),
    ("cp_days_over", "超期工作日", "Working days over"),
    ("cp_days_left", "剩余工作日", "Working days left"),
    ("cp_days_waiting", "已等待工作日", "Working days waiting"),
    ("cp_liaison", "店小二", "Liaison"),
    ("cp_by_route", "按审批路线", "By route template"),
    ("cp_route", "审批路线", "Route template"),
    ("cp_no_route", "（未用模板）", "(no template)"),
    ("cp_projects", "项目数", "Projects"),
    ("cp_bottlenecks", "瓶颈部门", "Bottleneck agencies"),
    ("cp_median", "办理用时中位数（工作日，年初至今）", "Median processing days (year to date)"),
    ("cp_overdue_steps", "超期环节", "Overdue steps"),
    ("cp_lights_weeks", "近12周红灯、黄灯项目数", "Red and yellow projects, last 12 weeks"),
    ("lights_weeks", "近12周红灯、黄灯项目数（每周末）", "Red and yellow projects at each week's end, last 12 weeks"),
    ("cp_saved", "今年节省时间", "Time saved this year"),
    ("cp_saved_rule", "今年 = 今年已办结项目（实际）+ 在办项目（预计），分开列示。", "This year = projects finished this year (actual) plus projects in progress (projected), shown apart."),
    ("saved_finished", "已办结（实际）", "Finished (actual)"),
    ("saved_in_progress", "在办（预计）", "In progress (projected)"),
    ("saved_projected_tag", "预计", "projected"),
    ("saved_projects", "项目数", "Projects"),
];
