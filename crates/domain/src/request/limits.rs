//! Time limits of requests (docs/rules.md): per category, configurable, with the defaults of the
//! zone's promise: first reply within 1 working day, resolved within 5; urgent ones answered
//! within 2 clock hours and resolved within 2 working days; rated within 5 working days.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Category;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryLimits {
    pub first_reply_days: u32,
    pub resolve_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RequestLimits {
    /// For categories without their own entry.
    pub first_reply_days: u32,
    pub resolve_days: u32,
    /// Urgent requests: the first reply in clock hours, the resolution in working days.
    pub urgent_first_reply_hours: u32,
    pub urgent_resolve_days: u32,
    /// Working days after resolution in which the enterprise may rate; then it closes.
    pub rate_within_days: u32,
    /// Overdue by more than this many working days: escalated to managers (as steps).
    pub escalate_after_days: u32,
    /// An enterprise files for itself, not as a flood: at most this many open requests…
    pub max_open_per_enterprise: u32,
    /// …and this many new ones in any hour.
    pub max_filed_per_hour: u32,
    pub categories: BTreeMap<Category, CategoryLimits>,
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            first_reply_days: 1,
            resolve_days: 5,
            urgent_first_reply_hours: 2,
            urgent_resolve_days: 2,
            rate_within_days: 5,
            escalate_after_days: 3,
            max_open_per_enterprise: 20,
            max_filed_per_hour: 10,
            categories: BTreeMap::new(),
        }
    }
}

impl RequestLimits {
    /// (first reply in working days, resolution in working days) of a non-urgent request.
    pub fn of(&self, category: Category) -> CategoryLimits {
        self.categories
            .get(&category)
            .copied()
            .unwrap_or(CategoryLimits {
                first_reply_days: self.first_reply_days,
                resolve_days: self.resolve_days,
            })
    }

    pub fn resolve_days(&self, category: Category, urgent: bool) -> u32 {
        if urgent {
            self.urgent_resolve_days
        } else {
            self.of(category).resolve_days
        }
    }
}
