//! Forecasts worked by hand on the 2026 calendar (March has no holiday: index k is the
//! k-th working day after Monday 2026-03-02).

use super::*;
use crate::schedule::{Plan, PlanStep};
use crate::step::StepStatus;
use crate::test_support::{china, d, pending};
use chrono::Datelike;

fn obs(lead: u32, agency: u32, paused: u32) -> Observation {
    Observation {
        lead,
        agency,
        paused,
        limit: 20,
    }
}

fn one_step(step: PlanStep, group: &Group, elapsed: Elapsed, today: &str) -> Forecast {
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps: vec![step],
        edges: vec![],
    };
    let input = Input {
        plan: &plan,
        groups: vec![Some(group)],
        elapsed: vec![elapsed],
        extra_days: vec![0],
        agency_factor: Vec::new(),
        today: d(today),
        samples: SAMPLES,
        seed: 7,
        start: None,
    };
    forecast(&china(), &input).unwrap()
}

#[test]
fn a_step_with_one_observation_takes_it() {
    // Lead 5 + agency 10 + paused 2 = index 17 from 03-02: 2026-03-25.
    let g = Group::of_step(Source::Step, &[obs(5, 10, 2)]);
    let f = one_step(pending("eia", 20), &g, Elapsed::default(), "2026-03-02");
    assert_eq!(
        f.steps[0].finish,
        Range {
            p50: d("2026-03-25"),
            p80: d("2026-03-25")
        }
    );
    assert_eq!(f.finish, f.steps[0].finish);
    assert_eq!(f.steps[0].criticality, 1.0);
    assert_eq!(f.steps[0].source, Source::Step);
}

#[test]
fn an_agency_twice_as_slow_doubles_its_days_only() {
    // Lead 5 + agency 10 × 2 + paused 2 = index 27 from 03-02. 04-03 (Friday) is index 24,
    // Qingming closes 04-04…04-06, so 04-07 is 25 and index 27 is 2026-04-09. The lead and
    // the pause are the enterprise's, not the agency's: they stay.
    let g = Group::of_step(Source::Step, &[obs(5, 10, 2)]);
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps: vec![pending("eia", 20)],
        edges: vec![],
    };
    let input = Input {
        plan: &plan,
        groups: vec![Some(&g)],
        elapsed: vec![Elapsed::default()],
        extra_days: vec![0],
        agency_factor: vec![2.0],
        today: d("2026-03-02"),
        samples: SAMPLES,
        seed: 7,
        start: None,
    };
    let f = forecast(&china(), &input).unwrap();
    assert_eq!(f.steps[0].finish.p50, d("2026-04-09"));
}

#[test]
fn percentiles_are_read_by_nearest_rank() {
    // Leads 0 (3 of 5) or 10 (2 of 5), agency 5, no pause: index 5 (03-09) in about 1,200 of
    // 2,000 samples (sd 22), index 15 (03-23) in the rest. P50 is the 1,000th smallest:
    // 03-09; P80 the 1,600th: 03-23.
    let g = Group::of_step(
        Source::Step,
        &[
            obs(0, 5, 0),
            obs(0, 5, 0),
            obs(0, 5, 0),
            obs(10, 5, 0),
            obs(10, 5, 0),
        ],
    );
    let f = one_step(pending("eia", 20), &g, Elapsed::default(), "2026-03-02");
    assert_eq!(
        f.steps[0].finish,
        Range {
            p50: d("2026-03-09"),
            p80: d("2026-03-23")
        }
    );
}

#[test]
fn an_accepted_step_draws_only_agency_times_it_has_not_yet_passed() {
    // Accepted 03-02, 10 working days with the agency by 03-16: of 3, 5, 12, 12, 12, 20 only
    // 12 (3 of 4) and 20 remain. P50: index 12 = 03-18; P80 (1,600th of ~1,500 twelves): 20
    // = 03-30.
    let g = Group::of_step(
        Source::StepAtAgency,
        &[
            obs(0, 3, 0),
            obs(0, 5, 0),
            obs(0, 12, 0),
            obs(0, 12, 0),
            obs(0, 12, 0),
            obs(0, 20, 0),
        ],
    );
    let mut step = pending("eia", 20);
    step.status = StepStatus::InReview;
    step.accepted_on = Some(d("2026-03-02"));
    let f = one_step(
        step,
        &g,
        Elapsed {
            agency: 10,
            paused: 0,
        },
        "2026-03-16",
    );
    assert_eq!(
        f.steps[0].finish,
        Range {
            p50: d("2026-03-18"),
            p80: d("2026-03-30")
        }
    );
}

#[test]
fn past_every_observation_a_step_takes_one_day_more_than_it_has() {
    // Accepted 03-02; by 04-03 (Fri, index 24: 03-30 is 20) 24 days with the agency and no
    // observation that long: it takes 25, index 25 = Tue 04-07 (04-04…06 are 清明).
    let g = Group::of_step(Source::Step, &[obs(0, 10, 0)]);
    let mut step = pending("eia", 20);
    step.status = StepStatus::InReview;
    step.accepted_on = Some(d("2026-03-02"));
    let f = one_step(
        step,
        &g,
        Elapsed {
            agency: 24,
            paused: 0,
        },
        "2026-04-03",
    );
    assert_eq!(f.steps[0].finish.p50, d("2026-04-07"));
}

#[test]
fn groups_are_chosen_most_specific_first_from_eight_observations() {
    let seven = Group::of_step(Source::StepAtAgency, &[obs(1, 1, 0); 7]);
    let eight = Group::of_step(Source::Step, &[obs(1, 1, 0); 8]);
    let zone = Group::zone(&[obs(1, 1, 0); 30]);
    let small_zone = Group::zone(&[obs(1, 1, 0); 29]);
    assert_eq!(
        Group::choose(Some(&seven), Some(&eight), Some(&zone)).map(|g| g.source),
        Some(Source::Step)
    );
    assert_eq!(
        Group::choose(Some(&seven), Some(&seven), Some(&zone)).map(|g| g.source),
        Some(Source::Zone)
    );
    assert_eq!(Group::choose(Some(&seven), None, Some(&small_zone)), None);
}

#[test]
fn the_zone_scales_agency_time_to_the_step_limit() {
    // Observations took 10 of a 20-day limit (ratio 0.5): a 30-day step takes 15. Index 15
    // from 03-02 is 03-23.
    let g = Group::zone(&[obs(0, 10, 0); 30]);
    let f = one_step(pending("eia", 30), &g, Elapsed::default(), "2026-03-02");
    assert_eq!(f.steps[0].finish.p50, d("2026-03-23"));
    assert_eq!(f.steps[0].source, Source::Zone);
}

#[test]
fn percentile_by_nearest_rank() {
    let mut v: Vec<i64> = (1..=10).collect();
    assert_eq!(percentile(&mut v, 50), 5);
    assert_eq!(percentile(&mut v, 80), 8);
    assert_eq!(percentile(&mut [3], 80), 3);
}

#[test]
fn start_is_the_permit_plus_a_drawn_wait_and_counts_by_the_year_end() {
    // The permit (one observation: lead 0, agency 10) finishes at index 10 = 03-16; 开工
    // follows 5 working days later (03-23) in 3 of 4 observations, 250 later in 1 of 4
    // (index 260: 2026 has about 208 working days left after 03-02, so in 2027). P50: 03-23;
    // P80 (the 1,600th of ~1,500 early ones): index 260.
    // Starts by 31 December: about 3/4 (1,500 of 2,000, sd 19: within 0.70…0.80).
    let g = Group::of_step(Source::Step, &[obs(0, 10, 0)]);
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps: vec![pending("permit", 20)],
        edges: vec![],
    };
    let to_start = [5, 5, 5, 250];
    let input = Input {
        plan: &plan,
        groups: vec![Some(&g)],
        elapsed: vec![Elapsed::default()],
        extra_days: vec![0],
        agency_factor: Vec::new(),
        today: d("2026-03-02"),
        samples: SAMPLES,
        seed: 3,
        start: Some(StartInput {
            permit: 0,
            to_start: &to_start,
            by: d("2026-12-31"),
        }),
    };
    let cal = china();
    let f = forecast(&cal, &input).unwrap();
    let s = f.start.unwrap();
    assert_eq!(s.range.p50, d("2026-03-23"));
    assert_eq!(s.range.p80, cal.add_working_days(d("2026-03-02"), 260));
    assert!(s.range.p80.year() == 2027, "{:?}", s.range.p80);
    assert!(
        (0.70..=0.80).contains(&s.by_probability),
        "{}",
        s.by_probability
    );
    assert!(s.has_history);
}

/// Observations drawn from known distributions: lead uniform on 20…60 working days, agency
/// uniform on 10…30, no pause.
fn drawn_history(n: usize, seed: u64) -> Vec<Observation> {
    use rand_chacha::rand_core::{RngCore, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut uniform = |lo: u32, hi: u32| lo + (rng.next_u64() % u64::from(hi - lo + 1)) as u32;
    (0..n)
        .map(|_| Observation {
            lead: uniform(20, 60),
            agency: uniform(10, 30),
            paused: 0,
            limit: 20,
        })
        .collect()
}

#[test]
fn a_history_from_known_distributions_gives_their_percentiles() {
    // Lead + agency: 41 × 21 = 861 equally likely pairs, sums 30…90 with counts 1…21 (30…50),
    // 21 (50…70), 20…1 (71…90). P50: the 431st pair; 210 pairs sum below 50, 21 more per
    // sum from 50, so 60 (441 ≥ 430.5, 420 at 59). P80: 688.8 → 651 pairs up to 70, 671 at
    // 71, 690 at 72. Bootstrapping 2,000 observations (2,000 samples) moves an empirical
    // quantile by about ±0.6 working days (√(0.16/2000) / (19/861)), so ±2 is over 3σ.
    let history = drawn_history(2_000, 42);
    let g = Group::of_step(Source::StepAtAgency, &history);
    let f = one_step(pending("eia", 20), &g, Elapsed::default(), "2026-03-02");
    let cal = china();
    let days = |day| i64::from(cal.working_days_after(d("2026-03-02"), day));
    let (p50, p80) = (days(f.steps[0].finish.p50), days(f.steps[0].finish.p80));
    assert!(
        (58..=62).contains(&p50),
        "P50 {p50} working days, by hand 60"
    );
    assert!(
        (70..=74).contains(&p80),
        "P80 {p80} working days, by hand 72"
    );
}
