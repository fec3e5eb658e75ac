//! Refusals of enterprise requests.

codes! {
    TOO_MANY_OPEN_REQUESTS = "too_many_open_requests", "an enterprise has at most {max} open requests: file a new one once one of them is resolved";
    TOO_MANY_REQUESTS_AN_HOUR = "too_many_requests_an_hour", "an enterprise files at most {max} new requests an hour: try again in {minutes} minute(s)";
}
