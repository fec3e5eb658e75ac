//! Refusals of the HTTP layer itself (malformed requests), kept here so that the
//! catalogue test sees them with the others.

codes! {
    /// The body or a parameter cannot be read; `detail` says how (the parser's English).
    MALFORMED = "malformed", "{detail}";
    /// A JSON value of the wrong type or an unknown field; `reason` is the parser's English.
    BAD_JSON_VALUE = "bad_json_value", "{reason}";
    NOT_JSON = "not_json", "unsupported media type: send the body as application/json";
    BODY_TOO_LARGE = "body_too_large", "the request body is too large";
    NOT_A_VERSION = "not_a_version", "not a version number";
    SIGN_IN_FIRST = "sign_in_first", "sign in first: send Authorization: Bearer <token>";
}
