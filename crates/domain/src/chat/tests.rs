use super::*;

fn official() -> Vec<String> {
    vec!["qyapi.weixin.qq.com".into(), "oapi.dingtalk.com".into()]
}

#[test]
fn a_url_must_be_https_on_an_allowed_host_with_its_key() {
    let wecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd-1234";
    assert!(check_url(wecom, RobotKind::WeCom, &official()).is_ok());
    let ding = "https://oapi.dingtalk.com/robot/send?access_token=t0k3n";
    assert!(check_url(ding, RobotKind::DingTalk, &official()).is_ok());
    // The intranet, or any host not on the list, is never called.
    assert_eq!(
        check_url("https://10.0.0.8/send?key=x", RobotKind::WeCom, &official()),
        Err(RobotError::HostNotAllowed("10.0.0.8".into()))
    );
    assert_eq!(
        check_url(
            "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",
            RobotKind::WeCom,
            &official()
        ),
        Err(RobotError::NotUrl)
    );
    assert_eq!(
        check_url(
            "https://u:p@qyapi.weixin.qq.com/send?key=x",
            RobotKind::WeCom,
            &official()
        ),
        Err(RobotError::NotUrl)
    );
    assert_eq!(
        check_url("robot", RobotKind::WeCom, &official()),
        Err(RobotError::NotUrl)
    );
    // A DingTalk URL given as WeCom lacks WeCom's key.
    assert_eq!(
        check_url(ding, RobotKind::WeCom, &official()),
        Err(RobotError::NoKey("key"))
    );
    // Plain http only to a loopback host that the list allows (tests).
    let local = vec!["127.0.0.1".to_string()];
    assert!(check_url("http://127.0.0.1:9/send?key=k", RobotKind::WeCom, &local).is_ok());
    // On an allowed host, https goes to the platform's port only (443 written or not).
    let other_port = "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=k";
    assert_eq!(
        check_url(other_port, RobotKind::WeCom, &official()),
        Err(RobotError::PortNotAllowed)
    );
    let port_443 = "https://qyapi.weixin.qq.com:443/cgi-bin/webhook/send?key=k";
    assert!(check_url(port_443, RobotKind::WeCom, &official()).is_ok());
    let long = format!(
        "https://oapi.dingtalk.com/robot/send?access_token={}",
        "t".repeat(500)
    );
    assert_eq!(
        check_url(&long, RobotKind::DingTalk, &official()),
        Err(RobotError::TooLong(MAX_URL))
    );
}

#[test]
fn only_dingtalk_robots_take_a_secret() {
    assert_eq!(
        check_secret(Some(" SECabc "), RobotKind::DingTalk),
        Ok(Some("SECabc".into()))
    );
    assert_eq!(check_secret(Some(""), RobotKind::WeCom), Ok(None));
    // DingTalk's signing secrets start with SEC; anything else was copied wrong.
    assert_eq!(
        check_secret(Some("abc123"), RobotKind::DingTalk),
        Err(RobotError::SecretNotDingTalk)
    );
    assert_eq!(
        check_secret(Some("SECabc"), RobotKind::WeCom),
        Err(RobotError::SecretNotTaken)
    );
}

#[test]
fn the_hint_shows_the_host_and_the_keys_last_four() {
    let hint = url_hint("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd-1234");
    assert_eq!(hint, "qyapi.weixin.qq.com …1234");
}

#[test]
fn mobiles_are_eleven_digits_from_13() {
    assert!(is_mobile("13812345678"));
    assert!(!is_mobile("12812345678"));
    assert!(!is_mobile("1381234567"));
    assert!(!is_mobile("021-5555666"));
}

fn lines(n: usize, len: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("- {i:03} {}", "项".repeat(len)))
        .collect()
}

#[test]
fn a_short_digest_is_one_markdown_message() {
    let parts = markdown_parts(RobotKind::WeCom, "预警", "张三：", &lines(3, 5));
    assert_eq!(parts.len(), 1);
    let content = parts[0]["markdown"]["content"].as_str().unwrap();
    assert!(content.starts_with("### 预警\n张三："));
    // Heading, intro, a blank line, then the items.
    assert_eq!(content.lines().count(), 6);
}

#[test]
fn a_long_digest_is_split_between_items_within_the_limit() {
    // 60 items of 3 + 6 + 3 * 40 = 129 bytes each (7,740 bytes): more than one 4,096-byte message.
    let items = lines(60, 40);
    for kind in [RobotKind::WeCom, RobotKind::DingTalk] {
        let parts = markdown_parts(kind, "预警", "张三：", &items);
        assert_eq!(parts.len(), 2, "{kind:?}");
        let mut seen = 0;
        for (i, p) in parts.iter().enumerate() {
            let content = match kind {
                RobotKind::WeCom => p["markdown"]["content"].as_str().unwrap(),
                RobotKind::DingTalk => p["markdown"]["text"].as_str().unwrap(),
            };
            assert!(content.len() <= 4096, "{}", content.len());
            assert!(content.starts_with(&format!("### 预警（{}/2）", i + 1)));
            seen += content.lines().filter(|l| l.starts_with("- ")).count();
        }
        assert_eq!(seen, 60, "no item lost or doubled");
    }
}

#[test]
fn one_item_longer_than_a_message_is_cut_not_lost() {
    let parts = markdown_parts(RobotKind::WeCom, "预警", "", &lines(1, 3000));
    assert_eq!(parts.len(), 1);
    let content = parts[0]["markdown"]["content"].as_str().unwrap();
    assert!(content.len() <= 4096 && content.ends_with('…'));
}

#[test]
fn escalations_mention_the_liaisons_by_mobile() {
    let items = vec![
        Item {
            line: "九亭 施工许可 逾期5天".into(),
            mobiles: vec!["13800000001".into()],
        },
        Item {
            line: "泗泾 环评 逾期4天".into(),
            mobiles: vec!["13800000001".into(), "13900000002".into()],
        },
    ];
    let wecom = escalation(RobotKind::WeCom, "升级", "", &items);
    assert_eq!(wecom.len(), 1);
    assert_eq!(wecom[0]["msgtype"], "text");
    assert_eq!(
        wecom[0]["text"]["mentioned_mobile_list"],
        serde_json::json!(["13800000001", "13900000002"])
    );
    let ding = escalation(RobotKind::DingTalk, "升级", "", &items);
    assert_eq!(
        ding[0]["at"]["atMobiles"],
        serde_json::json!(["13800000001", "13900000002"])
    );
    let text = ding[0]["markdown"]["text"].as_str().unwrap();
    assert!(text.contains("逾期4天 @13800000001 @13900000002"), "{text}");
    // WeCom text messages take 2,048 bytes: 30 items of about 120 bytes make two.
    let many: Vec<Item> = (0..30)
        .map(|i| Item {
            line: format!("{i} {}", "逾".repeat(40)),
            mobiles: vec![],
        })
        .collect();
    let parts = escalation(RobotKind::WeCom, "升级", "", &many);
    assert_eq!(parts.len(), 2);
    assert!(parts
        .iter()
        .all(|p| p["text"]["content"].as_str().unwrap().len() <= 2048));
}

#[test]
fn answers_are_read_as_the_platforms_document_them() {
    assert_eq!(
        classify(200, r#"{"errcode":0,"errmsg":"ok"}"#),
        Answer::Sent
    );
    assert!(matches!(
        classify(200, r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#),
        Answer::Throttled { seconds: 60, .. }
    ));
    assert!(matches!(
        classify(200, r#"{"errcode":130101,"errmsg":"send too fast"}"#),
        Answer::Throttled { seconds: 600, .. }
    ));
    assert_eq!(
        classify(200, r#"{"errcode":45002,"errmsg":"content too long"}"#),
        Answer::Refused("errcode 45002: content too long".into())
    );
    assert_eq!(
        classify(200, r#"{"errcode":310000,"errmsg":"sign not match"}"#),
        Answer::Refused("errcode 310000: sign not match".into())
    );
    assert_eq!(classify(500, "oops"), Answer::Retry("HTTP 500".into()));
    assert_eq!(classify(404, "no"), Answer::Refused("HTTP 404".into()));
}
