//! The year's targets (docs/rules.md "Forecasts"): how many projects will start (开工) this
//! year, from each unstarted project's probability of starting by 31 December.

use serde::Serialize;

/// The year's starts: those already made, the expected count, its 10th–90th percentile
/// band, and the probability of reaching the target.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct YearStarts {
    pub started: u32,
    pub expected: f64,
    pub p10: u32,
    pub p90: u32,
    pub target: Option<u32>,
    /// P(starts ≥ target); none without a target.
    pub reach_probability: Option<f64>,
}

/// The count of starts is `started` plus one independent trial per unstarted project (a
/// Poisson-binomial distribution), computed exactly.
pub fn year_starts(started: u32, probabilities: &[f64], target: Option<u32>) -> YearStarts {
    // dist[k] = P(k of the unstarted projects start).
    let mut dist = vec![1.0f64];
    for &p in probabilities {
        let p = p.clamp(0.0, 1.0);
        let mut next = vec![0.0; dist.len() + 1];
        for (k, q) in dist.iter().enumerate() {
            next[k] += q * (1.0 - p);
            next[k + 1] += q * p;
        }
        dist = next;
    }
    let expected =
        f64::from(started) + probabilities.iter().map(|p| p.clamp(0.0, 1.0)).sum::<f64>();
    let quantile = |q: f64| {
        let mut cumulative = 0.0;
        for (k, p) in dist.iter().enumerate() {
            cumulative += p;
            // A hair below q, so rounding in the sums does not skip a count.
            if cumulative >= q - 1e-12 {
                return started + k as u32;
            }
        }
        started + probabilities.len() as u32
    };
    let reach_probability = target.map(|t| {
        let need = t.saturating_sub(started) as usize;
        dist.iter().skip(need).sum::<f64>().clamp(0.0, 1.0)
    });
    YearStarts {
        started,
        expected,
        p10: quantile(0.10),
        p90: quantile(0.90),
        target,
        reach_probability,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certain_projects_count_exactly() {
        let y = year_starts(3, &[1.0, 1.0, 0.0], Some(5));
        assert_eq!((y.expected, y.p10, y.p90), (5.0, 5, 5));
        assert_eq!(y.reach_probability, Some(1.0));
    }

    #[test]
    fn two_coin_flips_worked_by_hand() {
        // 10 started, two projects at 1/2: 10, 11, 12 starts with 1/4, 1/2, 1/4. Expected
        // 11; P10 = 10 (CDF 0.25 ≥ 0.1); P90 = 12 (CDF at 11 is 0.75 < 0.9); P(≥ 12) = 1/4.
        let y = year_starts(10, &[0.5, 0.5], Some(12));
        assert_eq!(y.expected, 11.0);
        assert_eq!((y.p10, y.p90), (10, 12));
        assert_eq!(y.reach_probability, Some(0.25));
        // A target already met is certain.
        assert_eq!(
            year_starts(10, &[0.5], Some(9)).reach_probability,
            Some(1.0)
        );
    }

    #[test]
    fn forty_projects_at_eighty_percent() {
        // Binomial(40, 0.8): mean 32; its 10th and 90th percentiles are 29 and 35, from the
        // binomial formula: P(X ≤ 28) ≈ 0.0875 < 0.1 ≤ P(X ≤ 29) ≈ 0.1608, and
        // P(X ≤ 34) ≈ 0.8387 < 0.9 ≤ P(X ≤ 35) ≈ 0.9241.
        let y = year_starts(0, &[0.8; 40], None);
        assert!((y.expected - 32.0).abs() < 1e-9);
        assert_eq!((y.p10, y.p90), (29, 35));
        assert_eq!(y.reach_probability, None);
    }
}
