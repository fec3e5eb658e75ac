//! The zone's history as the forecast reads it: each approved step of the window measured
//! (lead, agency, paused, in working days), grouped by step key at its agency, by step key,
//! and zone-wide (docs/rules.md "Forecasts", Observations and Groups).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::history::{Group, Observation, Source};
use crate::calendar::WorkCalendar;

/// How far back the history reaches, in calendar days before `as_of`.
pub const WINDOW_DAYS: i64 = 730;

/// One approved step, as it finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub key: String,
    pub agency_id: i32,
    /// Its last predecessor's finish, or the project's start date.
    pub could_start: NaiveDate,
    /// Its last acceptance (a round lost to a rejection counts as lead).
    pub accepted_on: NaiveDate,
    pub finished_on: NaiveDate,
    /// Its statutory clock and paused days at finish.
    pub agency_days: u32,
    pub paused_days: u32,
    pub limit_days: u32,
}

impl Finished {
    /// Its three numbers; the lead counts working days after `could_start` up to the
    /// acceptance (0 when accepted on or before the day it could start).
    pub fn observe(&self, cal: &WorkCalendar) -> Observation {
        Observation {
            lead: cal.working_days_after(self.could_start, self.accepted_on),
            agency: self.agency_days,
            paused: self.paused_days,
            limit: self.limit_days,
        }
    }

    /// Within the window of `as_of`: finished after `as_of − 730 days`, on or before it.
    pub fn within(&self, as_of: NaiveDate) -> bool {
        let from = as_of - chrono::Duration::days(WINDOW_DAYS);
        self.finished_on > from && self.finished_on <= as_of
    }
}

/// The groups a step draws from, built once for every project of a forecast.
#[derive(Debug, Clone, Default)]
pub struct History {
    at_agency: HashMap<(String, i32), Group>,
    of_step: HashMap<String, Group>,
    zone: Option<Group>,
    /// Working days from the construction permit's approval to 开工, per project.
    pub to_start: Vec<u32>,
    /// How many observations the groups hold.
    pub observations: usize,
    /// A digest of every observation, the same wherever the same data is read: a
    /// forecast's seed, so every instance and format draws the same samples.
    pub fingerprint: u64,
}

impl History {
    /// The groups of the finished steps within the window of `as_of`.
    pub fn new(
        cal: &WorkCalendar,
        finished: &[Finished],
        to_start: Vec<u32>,
        as_of: NaiveDate,
    ) -> History {
        let mut at_agency: HashMap<(String, i32), Vec<Observation>> = HashMap::new();
        let mut of_step: HashMap<String, Vec<Observation>> = HashMap::new();
        let mut all = Vec::new();
        for f in finished.iter().filter(|f| f.within(as_of)) {
            let o = f.observe(cal);
            at_agency
                .entry((f.key.clone(), f.agency_id))
                .or_default()
                .push(o);
            of_step.entry(f.key.clone()).or_default().push(o);
            all.push(o);
        }
        let mut numbers: Vec<[u32; 4]> = all
            .iter()
            .map(|o| [o.lead, o.agency, o.paused, o.limit])
            .collect();
        numbers.sort_unstable();
        let mut starts = to_start.clone();
        starts.sort_unstable();
        let fingerprint = fnv(numbers.iter().flatten().chain(&[u32::MAX]).chain(&starts));
        History {
            fingerprint,
            at_agency: at_agency
                .into_iter()
                .map(|(k, v)| (k, Group::of_step(Source::StepAtAgency, &v)))
                .collect(),
            of_step: of_step
                .into_iter()
                .map(|(k, v)| (k, Group::of_step(Source::Step, &v)))
                .collect(),
            zone: (!all.is_empty()).then(|| Group::zone(&all)),
            to_start,
            observations: all.len(),
        }
    }

    /// The most specific group with enough observations for the step `key` at `agency_id`;
    /// `None`: it takes its limit (无历史数据).
    pub fn group(&self, key: &str, agency_id: i32) -> Option<&Group> {
        Group::choose(
            self.at_agency.get(&(key.to_string(), agency_id)),
            self.of_step.get(key),
            self.zone.as_ref(),
        )
    }

    /// How many observations the chosen group of a step holds (0 with none).
    pub fn observations_of(&self, key: &str, agency_id: i32) -> usize {
        self.group(key, agency_id).map_or(0, Group::len)
    }
}

/// FNV-1a over the numbers' bytes: stable across platforms and releases (std's hasher
/// is neither).
pub fn fnv<'a>(numbers: impl IntoIterator<Item = &'a u32>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for n in numbers {
        for b in n.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{china, d};

    fn eia(agency_id: i32, accepted_on: &str, finished_on: &str) -> Finished {
        Finished {
            key: "eia".into(),
            agency_id,
            could_start: d("2026-03-02"),
            accepted_on: d(accepted_on),
            finished_on: d(finished_on),
            agency_days: 20,
            paused_days: 0,
            limit_days: 30,
        }
    }

    #[test]
    fn a_lead_counts_working_days_from_the_day_it_could_start() {
        // Monday 03-02 to Monday 03-16: ten working days.
        let o = eia(1, "2026-03-16", "2026-04-13").observe(&china());
        assert_eq!((o.lead, o.agency, o.paused, o.limit), (10, 20, 0, 30));
        // Accepted before it could start (补录 out of order): no lead.
        assert_eq!(eia(1, "2026-02-27", "2026-04-13").observe(&china()).lead, 0);
    }

    #[test]
    fn groups_are_chosen_most_specific_first_from_eight_observations() {
        let as_of = d("2026-06-30");
        let mut finished: Vec<Finished> =
            (0..7).map(|_| eia(1, "2026-03-16", "2026-04-13")).collect();
        let h = History::new(&china(), &finished, vec![], as_of);
        // Seven: no group of the step, and fewer than 30 in the zone.
        assert!(h.group("eia", 1).is_none());
        finished.push(eia(2, "2026-03-16", "2026-04-13"));
        let h = History::new(&china(), &finished, vec![], as_of);
        // Eight of the step across agencies, seven at agency 1.
        assert_eq!(h.group("eia", 1).map(|g| g.source), Some(Source::Step));
        finished.push(eia(1, "2026-03-16", "2026-04-13"));
        let h = History::new(&china(), &finished, vec![], as_of);
        assert_eq!(
            h.group("eia", 1).map(|g| g.source),
            Some(Source::StepAtAgency)
        );
        assert_eq!(h.observations_of("eia", 1), 8);
        assert_eq!(h.observations, 9);
        // The digest follows the data, not the order it was read in.
        let mut reversed = finished.clone();
        reversed.reverse();
        let again = History::new(&china(), &reversed, vec![], as_of);
        assert_eq!(again.fingerprint, h.fingerprint);
        let fewer = History::new(&china(), &finished[1..], vec![], as_of);
        assert_ne!(fewer.fingerprint, h.fingerprint);
    }

    #[test]
    fn only_steps_finished_in_the_last_730_days_count() {
        let as_of = d("2026-06-30");
        let old = eia(1, "2024-03-01", "2024-06-30"); // 730 days before: out
        let edge = eia(1, "2024-03-01", "2024-07-01"); // 729 days before: in
        let later = eia(1, "2026-03-16", "2026-07-01"); // after as_of: out
        let h = History::new(&china(), &[old, edge, later], vec![], as_of);
        assert_eq!(h.observations, 1);
    }
}
