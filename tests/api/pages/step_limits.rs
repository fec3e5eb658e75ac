//! Issue 28 item 8 on the step forms: a statutory limit typed right is never marked 必填
//! because another field is wrong, and a promise above the statute is refused beside the
//! promised limit in Chinese, the typed values kept.

use super::fixture::zone;
use super::forms::field_error;
use super::project_forms::signed_in;

#[tokio::test]
async fn a_good_statutory_limit_stays_unmarked_and_a_promise_above_it_is_refused() {
    let z = zone().await;
    let (mut c, csrf) = signed_in(&z, &z.liaison).await;
    let add = format!("/projects/{}/edit/steps", z.green);
    let before = z.app.snapshot().await;
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("key", "fire-review"),
        ("name", "消防设计审查"),
        ("agency", "区建管委"),
        ("stage", "工程建设许可"),
        ("statutory_days", "15"),
        ("promised_days", "五"),
        ("depends_on", "filing"),
    ];
    let r = c.post(&add, &fields).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(field_error(&r.body, "statutory_days"), None, "{}", r.body);
    assert_eq!(
        field_error(&r.body, "promised_days").as_deref(),
        Some("请填写数字")
    );
    fields[6] = ("promised_days", "20");
    let r = c.post(&add, &fields).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        field_error(&r.body, "promised_days").as_deref(),
        Some("承诺时限不能超过法定时限")
    );
    assert_eq!(field_error(&r.body, "statutory_days"), None);
    assert!(r.body.contains("value=\"20\"") && r.body.contains("value=\"15\""));
    assert_eq!(z.app.snapshot().await, before);
}
