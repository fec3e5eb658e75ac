//! Properties of random schedules: the CPM invariants on random DAGs, and sane output for
//! arbitrary (even inconsistent) actual dates.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::super::step::StepStatus;
use super::super::test_support::{china, d, pending};
use super::{critical_path_length, schedule, Plan, PlanStep, Schedule};

fn random_plan() -> impl Strategy<Value = (Vec<u32>, Vec<(usize, usize)>, i64)> {
    (1usize..40).prop_flat_map(|n| {
        (
            proptest::collection::vec(0u32..30, n),
            proptest::collection::vec((0..n, 0..n), 0..3 * n)
                .prop_map(|e| e.into_iter().filter(|(a, b)| a < b).collect::<Vec<_>>()),
            -10i64..60,
        )
    })
}

proptest! {
    #[test]
    fn random_dags_keep_the_cpm_invariants((limits, edges, offset) in random_plan()) {
        let cal = china();
        let start = d("2026-03-02");
        let today = start + chrono::Duration::days(offset);
        let steps: Vec<PlanStep> =
            limits.iter().enumerate().map(|(i, l)| pending(&format!("s{i}"), *l)).collect();
        let plan = Plan { start_date: start, steps, edges: edges.clone() };
        let s = schedule(&cal, &plan, today).unwrap();
        for x in &s.steps {
            prop_assert!(x.latest_start >= x.earliest_start);
            prop_assert_eq!(
                cal.working_days_after(x.earliest_start, x.latest_start),
                x.slack_days
            );
            // Nothing has started: no step before today, nor before the start date.
            prop_assert!(x.earliest_start >= today.max(start));
        }
        for &(from, to) in &edges {
            prop_assert!(s.steps[to].earliest_start >= s.steps[from].earliest_finish);
        }
        let length = critical_path_length(&limits, &edges).unwrap();
        prop_assert_eq!(cal.working_days_after(start, s.planned_finish), length);
        prop_assert!(s.planned_finish >= start);
        // Planned duration = the sum of limits along a chain of critical steps.
        let plan_today = schedule(&cal, &plan, start).unwrap();
        let chain_len = longest_critical_chain(&plan_today, &limits, &edges, start);
        prop_assert_eq!(chain_len, length);
        prop_assert!(!plan_today.critical_path.is_empty());
    }
}

/// Longest path using only critical steps and tight edges (finish = next start).
fn longest_critical_chain(
    s: &Schedule,
    limits: &[u32],
    edges: &[(usize, usize)],
    start: NaiveDate,
) -> u32 {
    let n = limits.len();
    let mut best: Vec<Option<u32>> = (0..n)
        .map(|v| (s.steps[v].critical && s.steps[v].earliest_start == start).then_some(limits[v]))
        .collect();
    for v in 0..n {
        for &(from, to) in edges.iter().filter(|(f, _)| *f == v) {
            let tight = s.steps[to].critical
                && s.steps[from].critical
                && s.steps[to].earliest_start == s.steps[from].earliest_finish;
            if let (true, Some(b)) = (tight, best[from]) {
                best[to] = best[to].max(Some(b + limits[to]));
            }
        }
    }
    best.into_iter().flatten().max().unwrap_or(0)
}

fn random_actuals() -> impl Strategy<Value = Vec<(usize, i64, i64, i64)>> {
    proptest::collection::vec((0usize..6, -20i64..80, 0i64..30, 0i64..30), 1..30)
}

proptest! {
    #[test]
    fn arbitrary_actuals_give_a_sane_schedule(
        raw in random_actuals(),
        edge_seed in proptest::collection::vec((0usize..30, 0usize..30), 0..60),
        offset in -10i64..120,
    ) {
        let cal = china();
        let start = d("2026-03-02");
        let today = start + Duration::days(offset);
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
        let edges: Vec<(usize, usize)> = edge_seed
            .into_iter()
            .map(|(a, b)| (a % n, b % n))
            .filter(|(a, b)| a < b)
            .collect();
        let unfinished = steps.iter().any(|s| !s.status.is_finished());
        let plan = Plan { start_date: start, steps, edges };
        let s = schedule(&cal, &plan, today).unwrap();
        for x in &s.steps {
            prop_assert!(x.earliest_finish >= x.earliest_start);
            prop_assert!(x.latest_finish >= x.latest_start);
            prop_assert!(s.projected_finish >= x.earliest_finish);
            prop_assert_eq!(x.critical, x.slack_days == 0);
        }
        if unfinished {
            prop_assert!(s.projected_finish >= today);
        }
        prop_assert!(s.planned_finish >= start);
        prop_assert_eq!(s.critical_path.is_empty(), s.steps.iter().all(|x| !x.critical));
    }
}
