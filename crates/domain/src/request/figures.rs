//! The figures of requests (docs/rules.md): of those received in a period, replied within limit
//! (响应率), resolved (办结率) and resolved within limit (按时办结率 = that over resolved), satisfaction (满意率 = satisfied +
//! basically satisfied over rated), open and overdue, and unanswered (the promise: zero).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Category, RequestReading};

/// One group's counts and rates (percent, one decimal; `null` when nothing to divide by).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FigureRow {
    pub received: u32,
    pub replied_within_limit: u32,
    pub reply_rate: Option<f64>,
    pub resolved: u32,
    pub resolution_rate: Option<f64>,
    pub resolved_within_limit: u32,
    /// 按时办结率: resolved within limit over resolved.
    pub on_time_resolution_rate: Option<f64>,
    pub rated: u32,
    pub satisfied: u32,
    pub satisfaction_rate: Option<f64>,
    pub open: u32,
    pub overdue: u32,
    pub unanswered: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RequestFigures {
    pub total: FigureRow,
    pub by_category: BTreeMap<Category, FigureRow>,
    /// By the agency last handed the request; requests never handed over under "".
    pub by_agency: BTreeMap<String, FigureRow>,
}

fn rate(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

impl FigureRow {
    fn add(&mut self, r: &RequestReading) {
        let resolved = r.resolved_on.is_some();
        self.received += 1;
        self.replied_within_limit += u32::from(r.replied_within_limit);
        self.resolved += u32::from(resolved);
        self.resolved_within_limit += u32::from(r.resolved_within_limit == Some(true));
        self.rated += u32::from(r.rating.is_some());
        self.satisfied += u32::from(r.rating.is_some_and(|x| x.is_satisfied()));
        self.open += u32::from(r.status.is_open());
        self.overdue += u32::from(r.overdue);
        self.unanswered += u32::from(r.first_reply_at.is_none());
    }

    fn finish(mut self) -> FigureRow {
        self.reply_rate = rate(self.replied_within_limit, self.received);
        self.resolution_rate = rate(self.resolved, self.received);
        self.on_time_resolution_rate = rate(self.resolved_within_limit, self.resolved);
        self.satisfaction_rate = rate(self.satisfied, self.rated);
        self
    }
}

/// The figures of the requests received in the period, each read as of the period's end
/// (the caller reads them and passes category and agency along).
pub fn request_figures<'a>(
    readings: impl IntoIterator<Item = (Category, Option<&'a str>, &'a RequestReading)>,
) -> RequestFigures {
    let mut out = RequestFigures::default();
    for (category, agency, r) in readings {
        out.total.add(r);
        out.by_category.entry(category).or_default().add(r);
        out.by_agency
            .entry(agency.unwrap_or_default().to_string())
            .or_default()
            .add(r);
    }
    out.total = out.total.finish();
    out.by_category = out
        .by_category
        .into_iter()
        .map(|(k, v)| (k, v.finish()))
        .collect();
    out.by_agency = out
        .by_agency
        .into_iter()
        .map(|(k, v)| (k, v.finish()))
        .collect();
    out
}
