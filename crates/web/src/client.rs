//! The client's address as this service can vouch for it: the peer, or, when the peer
//! is a configured reverse proxy, the nearest address in `X-Forwarded-For` that is not
//! one of ours. Throttling, the audit log and `/metrics` all use this one answer.

use std::net::IpAddr;

use actix_web::HttpRequest;

use settings::ServerSettings;

pub fn address(req: &HttpRequest, server: &ServerSettings) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    if !server.trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    // Read right to left: entries left of the first untrusted hop could be forged.
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !server.trusted_proxies.contains(a))
            .unwrap_or(peer),
    )
}

/// The address as text for the audit log ("" when unknown, e.g. in tests without a peer).
pub fn address_text(req: &HttpRequest, server: &ServerSettings) -> String {
    address(req, server)
        .map(|a| a.to_string())
        .unwrap_or_default()
}
