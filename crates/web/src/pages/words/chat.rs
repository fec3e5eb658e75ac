//! Words of the chat-robot part of the settings page and the alerts page: key, Chinese,
//! English.

use super::{Messages, Words};

pub const WORDS: Words = &[
    ("chat_title", "群机器人", "Chat robots"),
    (
        "chat_intro",
        "预警除邮件外，还会发到您登记的企业微信或钉钉群机器人：登记（或重新启用）之后产生的预警才发到群里，之前的已通过邮件送达。地址和密钥保存后不再显示。",
        "Besides email, alerts go to the WeCom or DingTalk group robots you register: those raised after it is registered (or turned on again); earlier ones went by email. The URL and secret are not shown again once saved.",
    ),
    (
        "chat_intro_admin",
        "在此登记管理层群的机器人：登记之后的超期升级会发到该群，并@负责的店小二。下表列出所有机器人。",
        "Register the managers' group robot here: escalations raised after it is registered go to it, mentioning the responsible liaison. The table lists every robot.",
    ),
    ("chat_kind", "平台", "Platform"),
    ("chat_wecom", "企业微信", "WeCom"),
    ("chat_dingtalk", "钉钉", "DingTalk"),
    ("chat_name", "群名称", "Group name"),
    ("chat_url", "Webhook 地址", "Webhook URL"),
    (
        "chat_url_hint",
        "在群设置 → 群机器人中复制，如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
        "Copy it from the group's robot settings, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
    ),
    ("chat_secret", "加签密钥（钉钉）", "Signing secret (DingTalk)"),
    ("chat_secret_hint", "钉钉机器人开启“加签”时填写，以 SEC 开头；企业微信不填。", "For DingTalk robots with signing on (starts with SEC); leave empty for WeCom."),
    ("chat_add", "登记机器人", "Register robot"),
    ("chat_owner", "所属", "Group of"),
    ("chat_managers", "管理层群", "Managers' group"),
    ("chat_address", "地址", "Address"),
    ("chat_state", "状态", "State"),
    ("chat_ok", "正常", "Working"),
    ("chat_off", "已停用", "Turned off"),
    ("chat_failing", "连续失败 {n} 次", "Failed {n} times in a row"),
    ("chat_last_sent", "最近送达", "Last delivered"),
    ("chat_test", "发送测试", "Send test"),
    ("chat_turn_off", "停用", "Turn off"),
    ("chat_turn_on", "启用", "Turn on"),
    ("chat_remove", "删除", "Remove"),
    ("chat_none", "尚未登记机器人。", "No robot registered yet."),
    ("chat_test_sent", "测试消息已送达：平台答复 errcode {code}（{msg}）。", "Test message delivered: the platform answered errcode {code} ({msg})."),
    ("chat_test_refused", "测试消息未送达：平台答复 errcode {code}（{msg}）。", "Test message not delivered: the platform answered errcode {code} ({msg})."),
    ("chat_test_no_answer", "测试消息未送达：{msg}", "Test message not delivered: {msg}"),
    ("chat_mobile", "手机号（用于群内@提醒）", "Mobile (for mentions in groups)"),
    ("chat_mobile_hint", "11 位手机号；留空则不@。", "11 digits; leave empty for no mentions."),
    ("chat_mobile_save", "保存手机号", "Save mobile"),
    ("alert_chat", "群消息", "Chat"),
    ("done_robot_added", "机器人已登记", "Robot registered"),
    ("done_robot_removed", "机器人已删除", "Robot removed"),
    ("done_robot_changed", "机器人已更新", "Robot updated"),
    ("done_mobile_saved", "手机号已保存", "Mobile saved"),
];

pub const MESSAGES: Messages = &[
    ("must be wecom or dingtalk", "请选择企业微信或钉钉"),
    (
        "must be the robot's webhook URL (https://…)",
        "请填写机器人的 Webhook 地址（https://…）",
    ),
    (
        "host {} is not allowed for chat robots",
        "不允许向 {} 发送：只能登记企业微信或钉钉的官方地址",
    ),
    (
        "must carry the robot's {} parameter",
        "地址缺少机器人的 {} 参数，请完整复制",
    ),
    (
        "WeCom robots have no secret",
        "企业微信机器人没有加签密钥，请留空",
    ),
    (
        "a DingTalk signing secret starts with SEC",
        "钉钉加签密钥以 SEC 开头，请完整复制",
    ),
    (
        "must use the platform's port (443)",
        "只能使用平台的默认端口（443），请去掉地址中的端口",
    ),
    (
        "must be a mobile number of 11 digits such as 13812345678",
        "请填写 11 位手机号，如 13812345678",
    ),
    (
        "a group owner has at most {} robots: remove one first",
        "每个群最多登记 {} 个机器人，请先删除一个",
    ),
    (
        "the robot may take no more messages now: try again in {} seconds",
        "该机器人本分钟已达 20 条上限，请 {} 秒后再试",
    ),
    (
        "a liaison registers robots for their own group only",
        "店小二只能登记自己群的机器人",
    ),
    (
        "only administrators and liaisons manage chat robots",
        "只有管理员和店小二可以管理群机器人",
    ),
];
