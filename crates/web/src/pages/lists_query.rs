//! A list page's query: its non-blank parameters, and links that keep them.

use std::collections::HashMap;

use super::session::encode;

/// Rows of a list page.
pub const PER_PAGE: usize = 50;

pub type Params = HashMap<String, String>;

/// The query's non-blank parameters (the last of a repeated one).
pub fn params(q: Vec<(String, String)>) -> Params {
    q.into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect()
}

/// `a=1&b=2` of the named parameters present, in the order named.
pub fn query_of(p: &Params, names: &[&str]) -> String {
    names
        .iter()
        .filter_map(|n| p.get(*n).map(|v| format!("{n}={}", encode(v))))
        .collect::<Vec<_>>()
        .join("&")
}

/// `path?query&extra`, without a dangling `?` or `&`.
pub fn link(path: &str, query: &str, extra: &str) -> String {
    let q: Vec<&str> = [query, extra]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", q.join("&"))
    }
}
