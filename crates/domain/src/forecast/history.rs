//! What a step draws from: the zone's observations of finished steps, grouped most
//! specific first (docs/rules.md "Forecasts", Groups).

use serde::Serialize;

/// A group is used from this many observations on.
pub const MIN_GROUP: usize = 8;
/// The zone-wide fallback needs this many observations of all steps.
pub const MIN_ZONE: usize = 30;

/// One approved step of the last 730 days, in working days: the enterprise's preparation
/// (`lead`), the agency's statutory clock at finish, the paused days (补正), and the
/// step's limit (for the zone-wide ratio).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation {
    pub lead: u32,
    pub agency: u32,
    pub paused: u32,
    pub limit: u32,
}

/// Where a step's figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The same step key at the same agency.
    #[serde(rename = "step_agency")]
    StepAtAgency,
    /// The same step key at any agency.
    Step,
    /// All steps of the zone, the agency's time scaled to this step's limit.
    Zone,
    /// Too little history: the step takes its limit, no lead, no pause (无历史数据).
    #[serde(rename = "none")]
    NoHistory,
}

/// A group's observations, each number sorted on its own (they are drawn independently),
/// so "at least what has elapsed" is a suffix found by binary search.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub source: Source,
    leads: Vec<u32>,
    agency: Agency,
    paused: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
enum Agency {
    Days(Vec<u32>),
    /// agency ÷ limit of each observation with a limit, sorted.
    Ratios(Vec<f64>),
}

impl Group {
    /// A group of one step key (at one agency, or at any): its own agency days.
    pub fn of_step(source: Source, observations: &[Observation]) -> Group {
        Group {
            source,
            leads: sorted(observations.iter().map(|o| o.lead)),
            agency: Agency::Days(sorted(observations.iter().map(|o| o.agency))),
            paused: sorted(observations.iter().map(|o| o.paused)),
        }
    }

    /// The zone-wide fallback: leads and pauses of all steps, agency time as a ratio of
    /// the limit.
    pub fn zone(observations: &[Observation]) -> Group {
        let mut ratios: Vec<f64> = observations
            .iter()
            .filter(|o| o.limit > 0)
            .map(|o| f64::from(o.agency) / f64::from(o.limit))
            .collect();
        ratios.sort_by(f64::total_cmp);
        Group {
            source: Source::Zone,
            leads: sorted(observations.iter().map(|o| o.lead)),
            agency: Agency::Ratios(ratios),
            paused: sorted(observations.iter().map(|o| o.paused)),
        }
    }

    /// The most specific group with enough observations; `None` when even the zone has
    /// too few (the step then takes its limit).
    pub fn choose<'g>(
        at_agency: Option<&'g Group>,
        of_step: Option<&'g Group>,
        zone: Option<&'g Group>,
    ) -> Option<&'g Group> {
        at_agency
            .filter(|g| g.len() >= MIN_GROUP)
            .or(of_step.filter(|g| g.len() >= MIN_GROUP))
            .or(zone.filter(|g| g.len() >= MIN_ZONE))
    }

    pub fn len(&self) -> usize {
        self.leads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.leads.is_empty()
    }

    pub(super) fn leads(&self) -> &[u32] {
        &self.leads
    }

    pub(super) fn paused(&self) -> &[u32] {
        &self.paused
    }

    /// The agency days a step of `limit` may take, at least `at_least`: a slice of this
    /// group's values from the first that reaches it (empty when none does).
    pub(super) fn agency_at_least(&self, limit: u32, at_least: u32) -> AgencyDraw<'_> {
        match &self.agency {
            Agency::Days(days) => {
                AgencyDraw::Days(&days[days.partition_point(|d| *d < at_least)..])
            }
            Agency::Ratios(ratios) => {
                let from = ratios.partition_point(|r| scale(limit, *r) < at_least);
                AgencyDraw::Scaled(limit, &ratios[from..])
            }
        }
    }
}

/// The agency days to draw from, for one step.
#[derive(Debug, Clone, Copy)]
pub(super) enum AgencyDraw<'g> {
    Days(&'g [u32]),
    Scaled(u32, &'g [f64]),
}

impl AgencyDraw<'_> {
    pub(super) fn len(&self) -> usize {
        match self {
            AgencyDraw::Days(d) => d.len(),
            AgencyDraw::Scaled(_, r) => r.len(),
        }
    }

    pub(super) fn get(&self, i: usize) -> u32 {
        match self {
            AgencyDraw::Days(d) => d[i],
            AgencyDraw::Scaled(limit, r) => scale(*limit, r[i]),
        }
    }
}

/// A limit times a ratio, in whole working days (rounded half up).
fn scale(limit: u32, ratio: f64) -> u32 {
    let days = (f64::from(limit) * ratio).round();
    if days <= 0.0 {
        0
    } else if days >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        days as u32
    }
}

fn sorted(values: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut v: Vec<u32> = values.collect();
    v.sort_unstable();
    v
}
