//! How the demo's steps go, one model for the live zone (`zone.rs`) and its history
//! (`history.rs`): the same paces, leads, agency times and 补正 rounds, so that the history
//! forecasts the live projects as honestly as a real zone's would (the backtest measures
//! it; BENCHMARKS.md).

/// A small seeded generator (xorshift): the same zone every time.
pub(super) struct Draw(pub(super) u64);

impl Draw {
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    pub(super) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
}

/// How far along a project is (working days since its start, in percent of its route's
/// critical path at the statutory limits), and how briskly its agencies work (percent of
/// each limit).
#[derive(Clone, Copy)]
pub(super) struct Pace {
    pub(super) started: (i64, i64),
    speed: (i64, i64),
    /// In how many of its steps an agency runs over its limit (1 in N).
    slow_one_in: u64,
}

pub(super) const PACES: [Pace; 5] = [
    // Just filed.
    Pace {
        started: (3, 20),
        speed: (40, 90),
        slow_one_in: 6,
    },
    // Mid-way through land and planning.
    Pace {
        started: (25, 55),
        speed: (50, 100),
        slow_one_in: 3,
    },
    // At drawing review and the construction permit.
    Pace {
        started: (55, 85),
        speed: (40, 90),
        slow_one_in: 4,
    },
    // Done this year: every agency quick.
    Pace {
        started: (70, 110),
        speed: (25, 55),
        slow_one_in: 1000,
    },
    // Troubled: agencies well over their limits.
    Pace {
        started: (30, 80),
        speed: (80, 130),
        slow_one_in: 2,
    },
];

/// Working days the enterprise takes to prepare a step's file before the agency accepts
/// it: weeks for the reports the long reviews need (环评, 安评: limits of 20 days or more),
/// days for the rest.
pub(super) fn lead_of(limit: i64, draw: &mut Draw) -> i64 {
    if limit >= 20 {
        draw.between(10, 60)
    } else {
        draw.between(0, 8)
    }
}

/// A step's agency time and its 补正 round, in working days from its acceptance.
pub(super) struct StepTimes {
    /// With the agency: a drawn share of the limit (over it, one step in `slow_one_in`).
    pub(super) agency: i64,
    /// One step in four: materials asked after this many days, back this many days later.
    pub(super) correction: Option<(i64, i64)>,
}

/// How a step with this limit goes at `pace`.
pub(super) fn step_times(limit: i64, statutory: i64, pace: Pace, draw: &mut Draw) -> StepTimes {
    let speed = if draw.below(pace.slow_one_in) == 0 {
        draw.between(130, 220)
    } else {
        draw.between(pace.speed.0, pace.speed.1)
    };
    let agency = (limit * speed / 100).max(i64::from(statutory > 0));
    let correction = (agency >= 2 && draw.below(4) == 0)
        .then(|| (draw.between(1, agency - 1), draw.between(3, 15)));
    StepTimes { agency, correction }
}
