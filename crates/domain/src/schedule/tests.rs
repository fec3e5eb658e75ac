use super::super::route::RouteError;
use super::super::step::{StepKey, StepStatus};
use super::super::test_support::{china, d, industrial, pending};
use super::{critical_path_length, schedule, Plan, Schedule};

fn k(s: &str) -> StepKey {
    StepKey::parse(s).unwrap()
}

fn keys(list: &[&str]) -> Vec<StepKey> {
    list.iter().map(|s| k(s)).collect()
}

fn step<'a>(p: &Plan, s: &'a Schedule, key: &str) -> &'a super::ScheduledStep {
    let i = p.steps.iter().position(|x| x.key.as_str() == key).unwrap();
    &s.steps[i]
}

#[test]
fn industrial_route_at_statutory_speed() {
    let (steps, edges) = industrial();
    let durations: Vec<u32> = steps.iter().map(|s| s.statutory_days).collect();
    assert_eq!(critical_path_length(&durations, &edges), Some(142));
    // 2026-03-02 is 2026-01-01 + 38 working days (Jan 21, Feb 16, Mar 1), so the finish is
    // 2026-01-01 + 180: 06-30 is +120, July adds 23, August 21, September 1–18 14, the
    // make-up Sunday 09-20 is +179 and Monday 09-21 +180.
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps,
        edges,
    };
    let s = schedule(&china(), &plan, d("2026-03-02")).unwrap();
    assert_eq!(s.planned_finish, d("2026-09-21"));
    assert_eq!(s.projected_finish, d("2026-09-21"));
    let path = keys(&[
        "filing",
        "land-prereview",
        "land-grant",
        "land-use-permit",
        "design",
        "works-permit",
        "drawings",
        "construction-permit",
        "completion",
    ]);
    assert_eq!(s.critical_path, path);
    assert_eq!(s.planned_critical_path, path);
    // EIA: 0..30 while the construction permit starts at 115: slack 85.
    let eia = step(&plan, &s, "eia");
    assert_eq!((eia.slack_days, eia.critical), (85, false));
    assert_eq!(eia.earliest_start, d("2026-03-02"));
    assert_eq!(
        eia.latest_finish,
        step(&plan, &s, "construction-permit").earliest_start
    );
    assert_eq!(step(&plan, &s, "energy").slack_days, 95);
    assert!(!s.provisional);
}

#[test]
fn diamond_with_slack() {
    // a(5) → b(3) → d(2) and a → c(7) → d: critical a, c, d = 14; b has 4 days of slack.
    let steps = vec![
        pending("a", 5),
        pending("b", 3),
        pending("c", 7),
        pending("d", 2),
    ];
    let edges = vec![(0, 1), (0, 2), (1, 3), (2, 3)];
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps,
        edges,
    };
    let s = schedule(&china(), &plan, d("2026-03-02")).unwrap();
    assert_eq!(s.critical_path, keys(&["a", "c", "d"]));
    let b = step(&plan, &s, "b");
    assert_eq!(b.slack_days, 4);
    assert_eq!(
        (b.earliest_start, b.earliest_finish),
        (d("2026-03-09"), d("2026-03-12"))
    );
    assert_eq!(
        (b.latest_start, b.latest_finish),
        (d("2026-03-13"), d("2026-03-18"))
    );
    assert_eq!(s.planned_finish, d("2026-03-20")); // 14 working days after Mon 3-2
}

#[test]
fn actuals_move_the_projection() {
    // Same diamond. a approved 3-2 → 3-11 (index 7, two days late); c in review since 3-11,
    // due 3-20 (index 14); today Fri 3-13 (index 9). b starts today: 9..12; d: 14..16.
    let mut steps = vec![
        pending("a", 5),
        pending("b", 3),
        pending("c", 7),
        pending("d", 2),
    ];
    steps[0].status = StepStatus::Approved;
    steps[0].accepted_on = Some(d("2026-03-02"));
    steps[0].finished_on = Some(d("2026-03-11"));
    steps[2].status = StepStatus::InReview;
    steps[2].accepted_on = Some(d("2026-03-11"));
    steps[2].due_on = Some(d("2026-03-20"));
    let edges = vec![(0, 1), (0, 2), (1, 3), (2, 3)];
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps,
        edges,
    };
    let s = schedule(&china(), &plan, d("2026-03-13")).unwrap();
    assert_eq!(s.projected_finish, d("2026-03-24")); // index 16
    assert_eq!(s.planned_finish, d("2026-03-20")); // index 14, limits only
    assert_eq!(s.critical_path, keys(&["a", "c", "d"]));
    let b = step(&plan, &s, "b");
    assert_eq!(
        (b.earliest_start, b.earliest_finish),
        (d("2026-03-13"), d("2026-03-18"))
    );
    assert_eq!((b.latest_start, b.slack_days), (d("2026-03-17"), 2));
    assert_eq!(step(&plan, &s, "a").earliest_finish, d("2026-03-11"));
    // Mon 3-23 (index 15), nothing recorded since: c is overdue and finishes today at the
    // earliest; b, still pending, now runs 15..18 and becomes critical; d runs 18..20 = 3-30.
    // a (finished at 7) now has slack: b need only start at 15, c at 18 − 8 = 10, so 3 days.
    let s = schedule(&china(), &plan, d("2026-03-23")).unwrap();
    assert_eq!(step(&plan, &s, "c").earliest_finish, d("2026-03-23"));
    assert_eq!(s.projected_finish, d("2026-03-30"));
    assert_eq!(s.critical_path, keys(&["b", "d"]));
    assert_eq!(step(&plan, &s, "a").slack_days, 3);
}

#[test]
fn all_finished_ends_on_the_last_finish_day() {
    let mut steps = vec![pending("a", 5), pending("b", 3)];
    steps[0].status = StepStatus::Approved;
    steps[0].accepted_on = Some(d("2026-03-02"));
    steps[0].finished_on = Some(d("2026-03-14")); // a Saturday (告知承诺 on a weekend)
    steps[1].status = StepStatus::Waived;
    steps[1].waived_on = Some(d("2026-03-04"));
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps,
        edges: vec![],
    };
    let s = schedule(&china(), &plan, d("2026-04-01")).unwrap();
    assert_eq!(s.projected_finish, d("2026-03-14"));
    assert_eq!(s.critical_path, keys(&["a"]));
    assert_eq!(step(&plan, &s, "a").latest_finish, d("2026-03-14"));
    assert_eq!(step(&plan, &s, "b").earliest_start, d("2026-03-04"));
}

#[test]
fn pending_steps_start_no_earlier_than_today() {
    // Today is Saturday 3-7: a 2-day step starts then and ends Tue 3-10.
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps: vec![pending("a", 2)],
        edges: vec![],
    };
    let s = schedule(&china(), &plan, d("2026-03-07")).unwrap();
    assert_eq!(step(&plan, &s, "a").earliest_start, d("2026-03-07"));
    assert_eq!(s.projected_finish, d("2026-03-10"));
    assert_eq!(s.planned_finish, d("2026-03-04"));
}

#[test]
fn cycles_and_empty_plans() {
    let steps = vec![pending("a", 1), pending("b", 1)];
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps,
        edges: vec![(0, 1), (1, 0)],
    };
    assert_eq!(
        schedule(&china(), &plan, d("2026-03-02")),
        Err(RouteError::Cycle(keys(&["a", "b"])))
    );
    assert_eq!(critical_path_length(&[1, 1], &[(0, 1), (1, 0)]), None);
    let empty = Plan {
        start_date: d("2026-03-02"),
        steps: vec![],
        edges: vec![],
    };
    let s = schedule(&china(), &empty, d("2026-03-09")).unwrap();
    assert_eq!(
        (s.projected_finish, s.planned_finish),
        (d("2026-03-02"), d("2026-03-02"))
    );
    assert!(s.critical_path.is_empty());
}

#[test]
fn an_unpublished_year_makes_it_provisional() {
    let plan = Plan {
        start_date: d("2026-12-01"),
        steps: vec![pending("a", 30)],
        edges: vec![],
    };
    assert!(
        schedule(&china(), &plan, d("2026-12-01"))
            .unwrap()
            .provisional
    );
}
