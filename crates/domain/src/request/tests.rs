//! Clocks worked by hand on the official 2026 calendar (docs/rules.md): 02-14 is a make-up
//! Saturday, 02-15…02-23 the Spring Festival.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::*;
use crate::clock::Light;
use crate::test_support::{china, d};

/// An instant given in Shanghai time (UTC+8).
fn at(local: &str) -> DateTime<Utc> {
    let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").expect("test instant");
    (t - Duration::hours(8)).and_utc()
}

fn ev(action: RequestAction, by: Party, local: &str) -> RequestEvent {
    RequestEvent {
        action,
        by,
        at: at(local),
        on: d(&local[..10]),
        rating: None,
    }
}

fn rated(rating: Rating, local: &str) -> RequestEvent {
    RequestEvent {
        rating: Some(rating),
        ..ev(RequestAction::Rate, Party::Enterprise, local)
    }
}

fn read(urgent: bool, filed: &str, events: &[RequestEvent], now: &str) -> RequestReading {
    let now_at = at(now);
    read_request(
        &china(),
        &RequestLimits::default(),
        Category::Approval,
        urgent,
        at(filed),
        d(&filed[..10]),
        events,
        now_at,
        d(&now[..10]),
    )
    .expect("history fits the lifecycle")
}

use RequestAction as A;

#[test]
fn friday_evening_before_the_spring_festival() {
    // Filed Friday 2026-02-13 at 22:00. First reply: 1 working day after the 13th is the
    // make-up Saturday 02-14. Resolution: 5 working days: 02-14 (1), then the holiday
    // 02-15…02-23, 02-24 (2), 25 (3), 26 (4), 27 (5): due 02-27.
    let filed = "2026-02-13 22:00";
    let r = read(false, filed, &[], "2026-02-14 10:00");
    assert_eq!(r.reply_due_on, d("2026-02-14"));
    assert_eq!(r.resolve_due_on, d("2026-02-27"));
    // Day 1 of a 1-day limit: yellow, not yet overdue.
    assert_eq!(r.light, Some(Light::Yellow));
    assert!(!r.reply_overdue);
    // Nobody answered over the holiday: red from 02-15 on, unanswered.
    let r = read(false, filed, &[], "2026-02-24 09:00");
    assert!(r.reply_overdue && r.overdue);
    assert_eq!(r.first_reply_at, None);

    // Accepted and answered on the make-up Saturday: within limit; resolved on 02-27: within.
    let events = [
        ev(A::Accept, Party::Staff, "2026-02-14 09:00"),
        ev(A::Reply, Party::Staff, "2026-02-14 09:30"),
        ev(A::Resolve, Party::Staff, "2026-02-27 17:00"),
    ];
    let r = read(false, filed, &events, "2026-02-28 09:00");
    assert!(r.replied_within_limit);
    assert_eq!(r.status, RequestStatus::Resolved);
    assert_eq!(r.resolved_within_limit, Some(true));
    // The 24th's reading, same history: used 2 days (02-14, 02-24) of 5: green.
    let r = read(false, filed, &events, "2026-02-24 12:00");
    assert_eq!((r.used_days, r.light), (2, Some(Light::Green)));
    // Resolved on Monday 03-02 instead: one working day late.
    let mut late = events;
    late[2] = ev(A::Resolve, Party::Staff, "2026-03-02 10:00");
    let r = read(false, filed, &late, "2026-03-02 12:00");
    assert_eq!(r.resolved_within_limit, Some(false));
}

#[test]
fn waiting_on_the_enterprise_pauses_the_resolution_clock() {
    // Filed Monday 2026-03-02, waiting from Wednesday 03-04 until the enterprise answers on
    // Monday 03-09: paused 03-05, 03-06, 03-09 = 3 days, so due 03-02 + (5 + 3) = 03-12
    // (03, 04, 05, 06, 09, 10, 11, 12) instead of 03-09.
    let filed = "2026-03-02 09:00";
    let mut events = vec![
        ev(A::Accept, Party::Staff, "2026-03-02 10:00"),
        ev(A::WaitEnterprise, Party::Staff, "2026-03-04 15:00"),
    ];
    // While waiting (Friday 03-06): paused 2 days so far, due 03-11, no light.
    let r = read(false, filed, &events, "2026-03-06 12:00");
    assert_eq!(r.status, RequestStatus::WaitingEnterprise);
    assert_eq!((r.paused_days, r.resolve_due_on), (2, d("2026-03-11")));
    assert_eq!(r.light, None);
    // Asking the enterprise was the first reply, on day 2: late (limit 1 working day).
    assert!(r.first_reply_at.is_some() && !r.replied_within_limit);

    events.push(ev(A::Reply, Party::Enterprise, "2026-03-09 11:00"));
    // 03-11: elapsed 7 working days (03…11) − 3 paused = 4 used ≥ ⌈0.8 × 5⌉: yellow.
    let r = read(false, filed, &events, "2026-03-11 12:00");
    assert_eq!(r.status, RequestStatus::Accepted);
    assert_eq!((r.paused_days, r.used_days), (3, 4));
    assert_eq!(r.resolve_due_on, d("2026-03-12"));
    assert_eq!(r.light, Some(Light::Yellow));
    events.push(ev(A::Resolve, Party::Staff, "2026-03-12 16:00"));
    let r = read(false, filed, &events, "2026-03-13 09:00");
    assert_eq!(r.resolved_within_limit, Some(true));
    // Had the enterprise not answered, the pause would still run on 03-13: no light.
    let r = read(false, filed, &events[..2], "2026-03-13 09:00");
    assert_eq!(r.light, None);
}

#[test]
fn urgent_one_answered_after_three_hours_is_late() {
    // Filed Tuesday 2026-03-03 at 10:00: the reply is due by 12:00 (2 clock hours); yellow
    // from 80 % of them (96 minutes, 11:36), red after 12:00.
    let filed = "2026-03-03 10:00";
    let light = |now| read(true, filed, &[], now).light;
    assert_eq!(light("2026-03-03 11:35"), Some(Light::Green));
    assert_eq!(light("2026-03-03 11:36"), Some(Light::Yellow));
    assert_eq!(light("2026-03-03 12:00"), Some(Light::Yellow));
    assert_eq!(light("2026-03-03 12:01"), Some(Light::Red));
    let events = [ev(A::Reply, Party::Staff, "2026-03-03 13:00")];
    let r = read(true, filed, &events, "2026-03-03 14:00");
    assert_eq!(r.reply_due_at, Some(at("2026-03-03 12:00")));
    assert!(!r.replied_within_limit && !r.reply_overdue);
    // Urgent resolution: 2 working days, due Thursday 03-05.
    assert_eq!(r.resolve_due_on, d("2026-03-05"));
    // Answered at 11:59 instead: within limit.
    let events = [ev(A::Reply, Party::Staff, "2026-03-03 11:59")];
    assert!(read(true, filed, &events, "2026-03-03 14:00").replied_within_limit);
}

#[test]
fn dissatisfied_reopens_with_a_new_clock_and_unrated_ones_close() {
    let filed = "2026-03-02 09:00";
    let mut events = vec![
        ev(A::Accept, Party::Staff, "2026-03-02 10:00"),
        ev(A::Resolve, Party::Staff, "2026-03-05 10:00"),
        rated(Rating::Dissatisfied, "2026-03-06 10:00"),
    ];
    // Reopened on 03-06: a new clock of 5 days, due 03-13 (09, 10, 11, 12, 13).
    let r = read(false, filed, &events, "2026-03-06 12:00");
    assert_eq!(r.status, RequestStatus::Reopened);
    assert_eq!(
        (r.clock_from, r.resolve_due_on),
        (d("2026-03-06"), d("2026-03-13"))
    );
    assert_eq!(
        (r.resolved_on, r.rating),
        (None, Some(Rating::Dissatisfied))
    );
    events.push(ev(A::Resolve, Party::Staff, "2026-03-10 10:00"));
    // Rated by 03-10 + 5 = 03-17; unrated, it closes on 03-18, not before.
    let r = read(false, filed, &events, "2026-03-17 12:00");
    assert_eq!(r.rate_by, Some(d("2026-03-17")));
    assert!(!r.closes_unrated(d("2026-03-17")));
    assert!(r.closes_unrated(d("2026-03-18")));
    events.push(ev(A::Close, Party::System, "2026-03-18 08:00"));
    let r = read(false, filed, &events, "2026-03-18 12:00");
    assert_eq!((r.status, r.rate_by), (RequestStatus::Closed, None));
    assert_eq!(r.resolved_within_limit, Some(true));
}

#[test]
fn the_lifecycle_table_refuses_what_does_not_fit() {
    let l = |status| Lifecycle {
        status,
        resume_to: RequestStatus::Accepted,
    };
    use RequestStatus as S;
    let next = |s, by, a, r| next_lifecycle(l(s), by, a, r).map(|x| x.status);
    assert_eq!(
        next(S::Submitted, Party::Staff, A::Accept, None),
        Ok(S::Accepted)
    );
    assert_eq!(
        next(S::Accepted, Party::Staff, A::HandOver, None),
        Ok(S::HandedOver)
    );
    assert_eq!(
        next(S::HandedOver, Party::Staff, A::Resolve, None),
        Ok(S::Resolved)
    );
    assert_eq!(
        next(S::Resolved, Party::Enterprise, A::Reopen, None),
        Ok(S::Reopened)
    );
    let sat = Some(Rating::BasicallySatisfied);
    assert_eq!(
        next(S::Resolved, Party::Enterprise, A::Rate, sat),
        Ok(S::Closed)
    );
    assert_eq!(next(S::Closed, Party::Staff, A::Note, None), Ok(S::Closed));
    let refused = [
        (S::Submitted, Party::Enterprise, A::Accept, None),
        (S::Submitted, Party::Staff, A::Resolve, None),
        (S::Submitted, Party::Staff, A::WaitEnterprise, None),
        (S::Accepted, Party::Staff, A::Accept, None),
        (S::Accepted, Party::Enterprise, A::Rate, sat),
        (S::Resolved, Party::Staff, A::Rate, sat),
        (S::Resolved, Party::Enterprise, A::Rate, None),
        (S::Resolved, Party::Staff, A::Reply, None),
        (S::Resolved, Party::Staff, A::Close, None),
        (S::Closed, Party::Enterprise, A::Reopen, None),
        (S::Closed, Party::Enterprise, A::Rate, sat),
        (S::Closed, Party::System, A::Close, None),
        (S::WaitingEnterprise, Party::Staff, A::Resolve, None),
    ];
    for (s, by, a, r) in refused {
        assert!(next(s, by, a, r).is_err(), "{by} {a} from {s}");
    }
    // The enterprise's answer returns to the status the wait began in.
    let waiting = Lifecycle {
        status: S::WaitingEnterprise,
        resume_to: S::HandedOver,
    };
    let back = next_lifecycle(waiting, Party::Enterprise, A::Reply, None);
    assert_eq!(back.map(|x| x.status), Ok(S::HandedOver));
}

#[test]
fn figures_of_four_requests_by_hand() {
    // a: answered and resolved in time, rated satisfied; b: answered late, resolved late,
    // rated dissatisfied and reopened (open, not overdue yet); c: never answered, overdue;
    // d: answered in time, resolved in time, unrated. received 4; replied within limit a, d
    // = 2 (50 %); resolved a, d = 2 (50 %) within limit 2; rated a, b = 2, satisfied 1
    // (50 %); open b, c = 2; overdue c = 1; unanswered c = 1.
    let filed = "2026-03-02 09:00";
    let a = [
        ev(A::Reply, Party::Staff, "2026-03-02 10:00"),
        ev(A::Accept, Party::Staff, "2026-03-02 10:00"),
        ev(A::Resolve, Party::Staff, "2026-03-04 10:00"),
        rated(Rating::Satisfied, "2026-03-05 10:00"),
    ];
    let b = [
        ev(A::Accept, Party::Staff, "2026-03-04 10:00"),
        ev(A::Resolve, Party::Staff, "2026-03-10 10:00"),
        rated(Rating::Dissatisfied, "2026-03-11 10:00"),
    ];
    let dd = [
        ev(A::Accept, Party::Staff, "2026-03-03 10:00"),
        ev(A::Resolve, Party::Staff, "2026-03-03 11:00"),
    ];
    let now = "2026-03-12 09:00";
    let readings = [
        (
            Category::Approval,
            Some("住建局"),
            read(false, filed, &a, now),
        ),
        (Category::Approval, None, read(false, filed, &b, now)),
        (Category::Utilities, None, read(false, filed, &[], now)),
        (
            Category::Utilities,
            Some("住建局"),
            read(false, filed, &dd, now),
        ),
    ];
    assert_eq!(readings[1].2.resolved_within_limit, None);
    let f = request_figures(readings.iter().map(|(c, a, r)| (*c, *a, r)));
    let t = &f.total;
    assert_eq!(
        (t.received, t.replied_within_limit, t.reply_rate),
        (4, 2, Some(50.0))
    );
    assert_eq!(
        (t.resolved, t.resolved_within_limit, t.resolution_rate),
        (2, 2, Some(50.0))
    );
    // 按时办结率: both resolved ones within their limit (B was reopened, not resolved).
    assert_eq!(t.on_time_resolution_rate, Some(100.0));
    assert_eq!(
        f.by_category[&Category::Approval].on_time_resolution_rate,
        Some(100.0)
    );
    assert_eq!(
        (t.rated, t.satisfied, t.satisfaction_rate),
        (2, 1, Some(50.0))
    );
    assert_eq!((t.open, t.overdue, t.unanswered), (2, 1, 1));
    let u = &f.by_category[&Category::Utilities];
    assert_eq!(
        (u.received, u.unanswered, u.satisfaction_rate),
        (2, 1, None)
    );
    assert_eq!(f.by_agency["住建局"].resolved, 2);
    assert_eq!(f.by_agency[""].received, 2);
}
