//! Request counters of this instance (one set per instance, kept in the app state), in
//! Prometheus text. Apart from `ops` so that the state can hold them without the state and
//! the handlers that read it naming each other.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// Latency buckets in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Debug, Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// Requests by (method, route pattern, status).
#[derive(Debug, Default)]
pub struct RequestMetrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl RequestMetrics {
    pub(crate) fn observe(&self, method: &str, route: &str, status: u16, secs: f64) {
        if let Ok(mut map) = self.series.lock() {
            let s = map
                .entry((method.to_string(), route.to_string(), status))
                .or_default();
            s.count += 1;
            s.sum += secs;
            for (i, b) in BUCKETS.iter().enumerate() {
                if secs <= *b {
                    s.buckets[i] += 1;
                }
            }
        }
    }

    pub(crate) fn render(&self, out: &mut String) {
        let Ok(map) = self.series.lock() else { return };
        out.push_str("# HELP http_requests_total Requests answered, by route and status.\n# TYPE http_requests_total counter\n");
        for ((m, r, st), s) in map.iter() {
            let _ = writeln!(
                out,
                "http_requests_total{{method=\"{m}\",route=\"{r}\",status=\"{st}\"}} {}",
                s.count
            );
        }
        out.push_str("# HELP http_request_duration_seconds Time to answer, by route and status.\n# TYPE http_request_duration_seconds histogram\n");
        for ((m, r, st), s) in map.iter() {
            let labels = format!("method=\"{m}\",route=\"{r}\",status=\"{st}\"");
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{{labels},le=\"{b}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
    }
}
