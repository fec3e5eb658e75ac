//! A liaison's digest also tells them what was handed over to them (a colleague left the
//! role or was disabled): each project and request, from whom, with its link.

use minijinja::context;
use serde::Serialize;

use super::templates::render;
use super::{alert_context, safe_url, AlertLine, Rendered};
use crate::MailError;

/// One project or request now in the recipient's hands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverLine {
    /// `project` or `request`.
    pub kind: &'static str,
    pub id: i32,
    pub name: String,
    /// The display name of the liaison who held it.
    pub from: String,
}

#[derive(Serialize)]
struct HandoverView<'a> {
    project: bool,
    name: &'a str,
    from: &'a str,
    url: minijinja::Value,
}

/// The digest: the alerts (maybe none) and the handovers (maybe none; not both).
pub fn digest_with_handovers(
    recipient_name: &str,
    public_url: &str,
    lines: &[AlertLine],
    handed: &[HandoverLine],
) -> Result<Rendered, MailError> {
    let base = public_url.trim_end_matches('/');
    let handovers: Vec<HandoverView> = handed
        .iter()
        .map(|h| HandoverView {
            project: h.kind == "project",
            name: &h.name,
            from: &h.from,
            url: safe_url(&format!("{base}/{}s/{}", h.kind, h.id)),
        })
        .collect();
    let alerts = alert_context(recipient_name, public_url, lines);
    render("digest", context! { handovers, ..alerts })
}
