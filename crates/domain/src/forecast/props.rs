//! Properties of forecasts on random plans with arbitrary actual dates.

use chrono::Duration;
use proptest::prelude::*;

use super::*;
use crate::schedule::{schedule, Plan, PlanStep};
use crate::step::StepStatus;
use crate::test_support::{china, d, pending};

/// No step, and not the project, finishes earlier in `after` than in `before`.
fn nothing_earlier(before: &Forecast, after: &Forecast) -> Result<(), TestCaseError> {
    for (b, a) in before.steps.iter().zip(&after.steps) {
        prop_assert!(a.finish.p50 >= b.finish.p50);
        prop_assert!(a.finish.p80 >= b.finish.p80);
    }
    prop_assert!(after.finish.p80 >= before.finish.p80);
    Ok(())
}

fn random_plan() -> impl Strategy<Value = (Plan, chrono::NaiveDate)> {
    (
        proptest::collection::vec((0usize..6, -20i64..80, 0i64..30, 0i64..30), 1..15),
        proptest::collection::vec((0usize..15, 0usize..15), 0..30),
        -10i64..120,
    )
        .prop_map(|(raw, edge_seed, offset)| {
            let start = d("2026-03-02");
            let day = |k: i64| start + Duration::days(k);
            let steps: Vec<PlanStep> = raw
                .iter()
                .enumerate()
                .map(|(i, &(status, acc, len, due))| {
                    let mut s = pending(&format!("s{i}"), (len % 20) as u32);
                    s.status = StepStatus::ALL[status];
                    s.accepted_on = Some(day(acc));
                    s.due_on = Some(day(acc + due));
                    s.finished_on = Some(day(acc + len));
                    s.waived_on = Some(day(acc));
                    s
                })
                .collect();
            let n = steps.len();
            let edges = edge_seed
                .into_iter()
                .map(|(a, b)| (a % n, b % n))
                .filter(|(a, b)| a < b)
                .collect();
            (
                Plan {
                    start_date: start,
                    steps,
                    edges,
                },
                day(offset),
            )
        })
}

fn random_group() -> impl Strategy<Value = Group> {
    proptest::collection::vec((0u32..40, 0u32..40, 0u32..10, 1u32..30), 1..20).prop_map(|o| {
        let obs: Vec<Observation> = o
            .into_iter()
            .map(|(lead, agency, paused, limit)| Observation {
                lead,
                agency,
                paused,
                limit,
            })
            .collect();
        Group::of_step(Source::Step, &obs)
    })
}

fn input<'a>(plan: &'a Plan, group: Option<&'a Group>, today: chrono::NaiveDate) -> Input<'a> {
    let n = plan.steps.len();
    Input {
        plan,
        groups: vec![group; n],
        elapsed: vec![
            Elapsed {
                agency: 3,
                paused: 1
            };
            n
        ],
        extra_days: vec![0; n],
        agency_factor: Vec::new(),
        today,
        samples: 200,
        seed: 11,
        start: None,
    }
}

proptest! {
    #[test]
    fn with_no_history_the_forecast_is_the_schedule((plan, today) in random_plan()) {
        let cal = china();
        let s = schedule(&cal, &plan, today).unwrap();
        let f = forecast(&cal, &input(&plan, None, today)).unwrap();
        for (x, y) in s.steps.iter().zip(&f.steps) {
            prop_assert_eq!(y.finish.p50, x.earliest_finish);
            prop_assert_eq!(y.finish.p80, x.earliest_finish);
        }
        prop_assert_eq!(f.finish.p50, s.projected_finish);
    }

    #[test]
    fn the_median_is_never_after_the_80th_percentile(
        (plan, today) in random_plan(),
        group in random_group(),
    ) {
        let f = forecast(&china(), &input(&plan, Some(&group), today)).unwrap();
        for y in &f.steps {
            prop_assert!(y.finish.p50 <= y.finish.p80);
            prop_assert!((0.0..=1.0).contains(&y.criticality));
        }
        prop_assert!(f.finish.p50 <= f.finish.p80);
    }

    #[test]
    fn adding_days_to_a_step_makes_nothing_earlier(
        (plan, today) in random_plan(),
        group in random_group(),
        which in 0usize..15,
        more in 1i32..40,
    ) {
        let cal = china();
        let before = forecast(&cal, &input(&plan, Some(&group), today)).unwrap();
        let mut slower = input(&plan, Some(&group), today);
        let v = which % plan.steps.len();
        slower.extra_days[v] = more;
        let after = forecast(&cal, &slower).unwrap();
        nothing_earlier(&before, &after)?;
    }

    #[test]
    fn a_slower_agency_makes_nothing_earlier(
        (plan, today) in random_plan(),
        group in random_group(),
        factor in 1.0f64..10.0,
    ) {
        // Every step slower by the same factor, as the cockpit's what-if for one agency
        // whose steps these are.
        let cal = china();
        let before = forecast(&cal, &input(&plan, Some(&group), today)).unwrap();
        let mut slower = input(&plan, Some(&group), today);
        slower.agency_factor = vec![factor; plan.steps.len()];
        let after = forecast(&cal, &slower).unwrap();
        nothing_earlier(&before, &after)?;
    }

    #[test]
    fn no_step_finishes_before_its_earliest(
        (plan, today) in random_plan(),
        group in random_group(),
    ) {
        let cal = china();
        let input = input(&plan, Some(&group), today);
        let f = forecast(&cal, &input).unwrap();
        let earliest = earliest(&cal, &input).unwrap();
        for (y, e) in f.steps.iter().zip(&earliest) {
            prop_assert!(*e <= y.finish.p50, "earliest {e} after P50 {}", y.finish.p50);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_figures((plan, today) in random_plan(), group in random_group()) {
        let cal = china();
        let a = forecast(&cal, &input(&plan, Some(&group), today)).unwrap();
        let b = forecast(&cal, &input(&plan, Some(&group), today)).unwrap();
        prop_assert_eq!(a, b);
    }
}
