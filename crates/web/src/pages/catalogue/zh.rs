//! The Chinese of every refusal code, with the code's named holes.

pub const ZH: &[(&str, &str)] = &[
    // general
    ("not_found", "找不到该{what}"),
    (
        "stale_version",
        "这条记录已被别人修改（现为第 {current} 版）",
    ),
    ("invalid_fields", "{detail}"),
    ("already_exists", "已存在（{what}）"),
    ("concurrent_change", "别人刚刚做了修改，请重试"),
    ("written_already", "已由另一次运行写入"),
    ("internal", "内部错误，已记录日志"),
    ("unavailable", "数据库暂时不可用，请稍后重试。"),
    (
        "read_only",
        "数据库暂时无法写入，未作任何修改，请稍后重试。",
    ),
    // fields
    ("required", "必填"),
    ("missing", "必填"),
    ("too_long", "最多 {max} 个字符"),
    ("to_before_from", "不能早于起始日期"),
    ("no_such_enterprise", "没有编号为 {id} 的企业"),
    (
        "date_out_of_range",
        "{day} 不在 2000-01-01 至 2100-12-31 之间",
    ),
    ("email", "应为电子邮箱地址，例如 name@example.cn"),
    ("phone", "请填写电话号码，例如 0571-8888 1234"),
    ("mobile", "请填写 11 位手机号，如 13812345678"),
    // http
    ("malformed", "请求格式有误：{detail}"),
    ("bad_json_value", "数据有误：{reason}"),
    ("not_json", "请以 application/json 格式发送请求内容"),
    ("body_too_large", "请求内容过大"),
    ("not_a_version", "不是版本号"),
    ("sign_in_first", "请先登录"),
    // records
    (
        "too_many_logins",
        "密码错误次数过多，请 {minutes} 分钟后再试",
    ),
    // requests
    (
        "too_many_open_requests",
        "在办诉求已达 {max} 件上限，请待其中一件办结后再提交",
    ),
    (
        "too_many_requests_an_hour",
        "每小时最多提交 {max} 件诉求，请 {minutes} 分钟后再试",
    ),
    // chat
    (
        "robot_rate_limited",
        "该机器人本分钟已达 20 条上限，请 {seconds} 秒后再试",
    ),
    // events
    (
        "notice_required",
        "请写明企业需要补正的全部材料（补正须一次性告知）",
    ),
    ("with_missing_only_on_accept", "只能与“容缺受理”一同填写"),
    (
        "by_commitment_only_on_approve",
        "只能与“告知承诺制批准”一同填写",
    ),
    (
        "notice_only_on_request_materials",
        "只能与“要求补正”一同填写",
    ),
    ("reopen_admin_only", "只有管理员可以重新打开已办结的环节"),
    (
        "transition_not_allowed",
        "该环节当前状态为“{status}”，不能“{action}”",
    ),
    ("date_after_today", "{day} 晚于今天（{today}）"),
    (
        "date_before_previous_event",
        "{day} 早于该环节上一次记录（{action}，{on}）",
    ),
    (
        "predecessors_unfinished",
        "“{step}”须等“{predecessors}”办结后才能受理",
    ),
    (
        "date_before_predecessor_finished",
        "{day} 早于“{predecessor}”办结的日期（{finished_on}）",
    ),
    // requests
    ("write_something", "请填写内容"),
    ("choose_category", "请选择类别"),
    ("choose_channel", "请选择渠道"),
    ("say_channel", "请选择诉求来源渠道"),
    ("enterprise_files_online", "企业只能在网上提出诉求"),
    ("enterprise_files_for_itself", "企业只能为本企业提出诉求"),
    ("name_enterprise", "请选择企业"),
    (
        "no_such_enterprise_project",
        "该企业没有编号为 {project} 的项目",
    ),
    (
        "no_enterprise_project_with_code",
        "该企业没有项目代码为 {code} 的项目",
    ),
    ("project_id_or_code", "项目只需选择一次"),
    ("not_a_request_action", "请选择操作"),
    ("not_a_request_status", "请选择状态"),
    ("choose_rating", "请选择评价"),
    ("rating_only_on_rate", "只有评价操作需要选择评价"),
    ("no_such_agency", "没有名为 {name} 的部门"),
    ("name_agency", "请选择交办部门"),
    ("agency_only_on_hand_over", "只有交办操作需要选择部门"),
    (
        "request_transition_not_allowed",
        "诉求当前状态（{status}）不允许此操作（{action}）",
    ),
    ("party_may_not", "{party}不能对诉求执行此操作（{action}）"),
    // steps
    ("too_many_steps", "一个项目最多 {max} 个环节"),
    ("step_exists", "项目已有环节 {key}"),
    ("no_such_step", "项目没有环节 {key}"),
    ("whole_working_days", "应为 0 到 {max} 之间的整数个工作日"),
    ("self_dependency", "环节不能依赖自己"),
    ("named_twice", "重复选择了 {key}"),
    (
        "step_has_events",
        "环节 {key} 已有办理记录，记录须保留，因此不能删除",
    ),
    (
        "step_has_dependents",
        "环节 {dependents} 依赖 {key}，请先删除这些依赖",
    ),
    ("already_depends", "“{to}”已依赖“{from}”"),
    ("promise_above_statute", "承诺时限不能超过法定时限"),
    // records
    (
        "enterprise_account_needs_enterprise",
        "企业账号须选择所属企业",
    ),
    (
        "only_enterprise_accounts_belong",
        "只有企业账号才属于某个企业",
    ),
    ("username_rule", "3 到 64 个字母、数字、“.”、“_”或“-”"),
    ("username_taken", "用户名“{name}”已被使用"),
    (
        "admin_cannot_demote_self",
        "管理员不能降低自己的角色或停用自己",
    ),
    ("password_too_short", "至少 {min} 个字符"),
    ("password_mix", "须同时包含字母和数字或符号"),
    ("password_has_username", "不能包含用户名"),
    ("current_password_wrong", "当前密码不正确"),
    ("account_disabled", "该账号已停用"),
    ("password_unchanged", "不能与当前密码相同"),
    ("wrong_credentials", "用户名或密码错误"),
    ("token_invalid", "登录已失效，请重新登录"),
    // events
    ("withdraw_reason_required", "请填写撤销原因"),
    ("withdrawn_already", "这条记录已经撤销"),
    ("only_latest_withdrawn", "只能撤销该环节的最近一条记录"),
    (
        "withdraw_not_allowed",
        "只有记录人在记录当天、或系统管理员可以撤销记录",
    ),
    (
        "successors_started",
        "后续环节（{steps}）已经开始，请先撤销它们的记录",
    ),
    // general
    ("zone_staff_only", "只有园区工作人员可以进行此操作"),
    ("admin_only", "只有管理员可以执行此操作"),
    (
        "liaison_own_projects_only",
        "店小二只能调整分配给自己的项目",
    ),
    ("enterprise_reads_only", "企业账号只能查看项目，不能调整"),
    ("no_active_user", "没有这个在用的用户（请先创建管理员）"),
    // projects
    ("no_such_user", "没有编号为 {id} 的用户"),
    ("not_an_active_liaison", "{name} 不是在岗的店小二"),
    ("liaison_named_twice", "同一位店小二选了两次"),
    ("liaison_must_be_assigned", "店小二新建的项目须包括本人"),
    ("negative", "不能为负数"),
    ("no_such_template", "没有代码为 {key} 的审批路线"),
    ("template_or_steps", "请选择审批路线，或逐个填写环节"),
    (
        "liaison_cannot_leave",
        "店小二不能把自己从项目中移除，请联系管理人员",
    ),
    (
        "credit_code_taken",
        "统一社会信用代码为 {code} 的企业已存在（编号 {id}）",
    ),
    // routes (step keys, agencies), projects' lists and codes,
    // enterprises' credit codes.
    ("route_needs_a_step", "路线至少需要一个环节"),
    ("step_key_empty", "环节代码不能为空"),
    (
        "step_key_too_long",
        "环节代码最多 {max} 个字符（现为 {length} 个）",
    ),
    (
        "step_key_bad_char",
        "环节代码只能包含英文字母、数字、“-”和“_”（发现 {found}）",
    ),
    ("step_key_twice", "环节代码 {key} 重复使用"),
    (
        "unknown_predecessor",
        "环节 {step} 依赖的 {missing} 不是本路线的环节",
    ),
    ("step_depends_on_itself", "环节 {step} 依赖了自己"),
    ("dependency_cycle", "依赖关系形成了循环：{cycle}"),
    (
        "route_too_long",
        "一个项目最多 {max} 个环节，而不是 {count} 个",
    ),
    ("step_field_blank", "环节 {step} 的 {field} 未填写"),
    ("agency_name_taken", "已有部门使用此名称"),
    (
        "unknown_agency",
        "没有名为 {name} 的部门；请先由管理员在“部门”页新增",
    ),
    ("overview_managers_only", "总览仅供管理人员查看"),
    ("timeline_enterprises_only", "此页面仅供企业账号查看"),
    ("sort_direction", "排序方向应为升序或降序"),
    ("sort_column", "排序列应为项目、灯色、起算日期或预计完成"),
    (
        "project_code_shape",
        "格式应为 2019-310117-04-01-000123（统一项目代码：24位，五组数字以“-”连接）",
    ),
    (
        "project_code_taken",
        "项目 {project} 已使用统一项目代码 {code}",
    ),
    ("credit_code_length", "应为 18 位统一社会信用代码"),
    (
        "credit_code_symbols",
        "只能包含数字和大写字母（不含 I、O、Z、S、V）",
    ),
    ("credit_code_check", "末位校验码不符，请核对"),
    // licences.
    ("step_without_project", "请选择该环节所属的项目"),
    (
        "project_not_of_enterprise",
        "所选项目（编号 {project}）不属于所选企业（编号 {enterprise}）",
    ),
    ("step_not_approved", "“{step}”尚未办结"),
    ("issued_on_missing", "请填写发证日期"),
    ("expires_not_after_issued", "应晚于发证日期"),
    // chat robots.
    ("robot_kind", "请选择企业微信或钉钉"),
    ("robot_not_url", "请填写机器人的 Webhook 地址（https://…）"),
    ("robot_url_too_long", "最多 {max} 个字符"),
    (
        "robot_host_not_allowed",
        "不允许向 {host} 发送：只能登记企业微信或钉钉的官方地址",
    ),
    ("robot_no_key", "地址缺少机器人的 {key} 参数，请完整复制"),
    (
        "robot_secret_not_taken",
        "企业微信机器人没有加签密钥，请留空",
    ),
    (
        "robot_secret_not_dingtalk",
        "钉钉加签密钥以 SEC 开头，请完整复制",
    ),
    (
        "robot_port_not_allowed",
        "只能使用平台的默认端口（443），请去掉地址中的端口",
    ),
    ("robot_owner", "应为“managers”或某位店小二的用户编号"),
    (
        "too_many_robots",
        "每个群最多登记 {max} 个机器人，请先删除一个",
    ),
    ("robots_own_group_only", "店小二只能登记自己群的机器人"),
    ("robots_managers_only", "只有管理员和店小二可以管理群机器人"),
    // landing milestones and targets.
    ("milestone_after_today", "晚于今天（{today}）"),
    (
        "milestones_out_of_order",
        "{later}（{later_on}）早于 {earlier}（{earlier_on}）",
    ),
    ("permit_extensions_at_most_two", "施工许可证最多延期两次"),
    (
        "permit_extension_unapproved",
        "施工许可证尚未核发，不能延期",
    ),
    ("started_before_permit", "施工许可证核发前不能登记开工"),
    ("started_before_permit_day", "早于施工许可证核发日（{day}）"),
    ("target_year_out_of_range", "超出本系统支持的年份"),
    ("target_not_whole", "应为 0 至 100000 的整数"),
    // the holiday calendar.
    ("year_mismatch", "请求内容中的年份 {body} 与地址中的 {path} 不符"),
    (
        "date_outside_year",
        "{date} 不在 {year} 年内，{year} 年的日期都须在该年之内",
    ),
    (
        "holiday_and_workday",
        "{date} 同时列为假日和调休上班日，只能是其中之一",
    ),
    (
        "workday_not_weekend",
        "{date} 不是星期六或星期日，调休上班日须是周末",
    ),
    ("too_many_days", "最多 10000 天"),
    // reports and calendar feeds.
    ("reports_managers_only", "只有管理人员和管理员可以查看周报"),
    ("not_an_iso_week", "“{week}”不是 ISO 周（例如 2026-W08）"),
    ("week_not_begun", "{week} 尚未开始（今天是 {today}）"),
    ("report_format", "应为 json、csv、xlsx 或 html"),
    ("file_format", "应为 csv 或 xlsx"),
    ("feeds_liaisons_only", "日历订阅仅供店小二使用"),
    // paging and list filters.
    ("page_from_one", "页码从 1 开始"),
    ("per_page_range", "应在 1 到 {max} 之间"),
    ("alert_level", "应为黄灯、红灯、停滞或升级之一"),
    ("audit_day", "应为日期，例如 2026-03-16"),
    ("audit_action", "不是日志记录的操作"),
    // a liaison's handover.
    (
        "liaison_holds_work",
        "该店小二仍负责 {projects} 个在办项目和 {requests} 件未办结诉求（{held}），请选择接手的店小二",
    ),
    ("successor_not_liaison", "接手人须是另一位在职的店小二"),
    // imports
    ("rows_refused", "文件中有 {count} 处问题，未导入任何内容"),
    ("file_larger_than_limit", "文件超过了 {limit} 的上限"),
    ("file_too_large", "文件有 {size}，上限为 {limit}"),
    ("too_many_columns", "文件超过 {max} 列"),
    ("too_many_rows", "表头以下超过 {max} 行"),
    ("inflates", "工作簿解压后超过 {limit}"),
    ("file_empty", "文件为空：第一行应为列名"),
    ("not_csv", "无法读取的 UTF-8 CSV 文件：{reason}"),
    ("not_xlsx", "无法读取的 XLSX 文件：{reason}"),
    ("no_sheet", "工作簿中没有工作表"),
    ("sheet_unreadable", "无法读取第一个工作表：{reason}"),
    ("missing_columns", "缺少列：{columns}"),
    ("no_rows", "没有可导入的行"),
    ("differs_from_line", "与同一项目的第 {line} 行不一致"),
    ("step_twice", "环节 {step} 在项目“{project}”中出现了两次"),
    ("approved_or_rejected", "只能填写其中一个"),
    ("waived_alone", "免办的环节不应有其他日期"),
    (
        "predecessor_not_finished",
        "{step} 于 {day} 受理，但其前置环节 {predecessor}（第 {line} 行）当时尚未办结",
    ),
    ("events_out_of_order", "{then}（{then_on}）早于 {first}（{first_on}）"),
    (
        "no_history",
        "这些日期无法构成办理过程：该环节状态为“{status}”时不能“{action}”",
    ),
    ("unknown_credit_code", "没有统一社会信用代码为 {code} 的企业"),
    ("project_exists", "该企业已有项目“{project}”"),
    ("code_held", "{code} 已是另一项目的统一项目代码"),
    ("code_twice_in_file", "文件中另一项目也使用了统一项目代码 {code}"),
    ("own_projects_only", "店小二只能导入由自己负责的项目"),
    ("whole_days", "应为整数个工作日，而不是 {value}"),
    ("not_a_date", "应为日期（YYYY-MM-DD），而不是 {value}"),
    ("date_required", "应为日期（YYYY-MM-DD）"),
    ("name_too_long", "{name}… 超过 {max} 个字符"),
    ("notice_only_with_requested_on", "只能与“要求补正日期”一起填写"),
    // forms
    ("not_a_number", "请填写数字"),
    ("filter_not_a_number", "应为数字"),
    ("not_a_whole_number", "应为整数"),
    ("date_like", "请填写日期，例如 {example}"),
    ("not_a_light", "应为红灯、黄灯或绿灯"),
    ("choose_action", "请选择操作"),
    ("choose_role", "请选择角色"),
    ("choose_template", "请选择审批路线"),
    ("choose_enterprise", "请选择企业"),
    ("whole_yuan", "请填写整数金额（元），例如 50000000"),
    ("tick_to_confirm", "请勾选以确认"),
    ("confirm_removal", "请在展开的确认框中点击“确定删除”"),
    ("on_line", "第{line}行：{reason}"),
    ("line_not_a_date", "第{line}行：{value} 不是有效日期"),
    // forecasts
    ("samples_range", "应在 {min} 到 {max} 之间"),
    ("as_of_after_today", "不能晚于今天（{today}）"),
    ("backtest_before_today", "应早于今天（{today}）"),
    ("unknown_step", "该项目没有环节 {step}"),
    ("step_assumed_twice", "环节 {step} 重复假设"),
    ("extra_days_range", "应在 -{max} 到 {max} 个工作日之间"),
    ("agency_assumed_twice", "部门 {agency} 重复假设"),
    ("factor_range", "应在 {min} 到 {max} 倍之间"),
];

/// The kinds of record a `not_found` or `stale_version` refusal names, in Chinese.
const NOUNS: &[(&str, &str)] = &[
    ("project", "项目"),
    ("step", "环节"),
    ("route template", "审批路线模板"),
    ("user", "用户"),
    ("request", "诉求"),
    ("dependency", "依赖关系"),
    ("chat robot", "群机器人"),
    ("calendar feed", "日历订阅"),
    ("licence", "许可证"),
    ("enterprise", "企业"),
    ("agency", "部门"),
    ("targets", "年度目标"),
    ("resource", "资源"),
    ("page", "页面"),
    ("event", "办理记录"),
    ("calendar year", "日历年度"),
];

/// The Chinese of a kind of record, if it is one.
pub fn noun(english: &str) -> Option<&'static str> {
    NOUNS
        .iter()
        .find(|(en, _)| *en == english)
        .map(|(_, zh)| *zh)
}
