//! Finishing the OpenAPI document collected from the handlers: what every operation
//! shares is stated once here rather than on each handler — problem answers are
//! `application/problem+json`, a body that is not JSON is a 415, a bad query or header a
//! 400, a path naming nothing a 404. Every refusal code is listed where a problem
//! carries one (`Problem.code`, `FieldError.code`).

use serde_json::{json, Value};
use utoipa::openapi::OpenApi;

const PROBLEM: &str = "#/components/schemas/Problem";

fn problem(description: &str) -> Value {
    json!({"description": description, "content": {"application/problem+json": {"schema": {"$ref": PROBLEM}}}})
}

/// Rewrites the document; on any surprise it is returned as it was.
pub fn finish(api: OpenApi) -> OpenApi {
    let Ok(mut doc) = serde_json::to_value(&api) else {
        return api;
    };
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                finish_operation(op);
            }
        }
    }
    list_codes(&mut doc);
    serde_json::from_value(doc).unwrap_or(api)
}

/// Lists every refusal code (`service::refusal`) as the values `code` may take.
fn list_codes(doc: &mut Value) {
    let keys: Vec<Value> = service::refusal::all_codes()
        .map(|c| Value::from(c.key))
        .collect();
    for schema in ["Problem", "FieldError"] {
        if let Some(code) = doc
            .pointer_mut(&format!("/components/schemas/{schema}/properties/code"))
            .and_then(Value::as_object_mut)
        {
            code.insert("enum".into(), Value::Array(keys.clone()));
        }
    }
}

fn finish_operation(op: &mut serde_json::Map<String, Value>) {
    let has_body = op.contains_key("requestBody");
    let params_in = |place: &str| {
        op.get("parameters")
            .and_then(Value::as_array)
            .is_some_and(|ps| ps.iter().any(|p| p["in"] == place))
    };
    let (has_query, has_header, has_path) =
        (params_in("query"), params_in("header"), params_in("path"));
    let secured = op.contains_key("security");
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    for response in responses.values_mut() {
        let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else {
            continue;
        };
        let is_problem = content
            .get("application/json")
            .is_some_and(|c| c["schema"]["$ref"] == PROBLEM);
        if is_problem {
            if let Some(c) = content.remove("application/json") {
                content.insert("application/problem+json".into(), c);
            }
        }
    }
    let mut add = |code: &str, description: &str| {
        responses
            .entry(code.to_string())
            .or_insert_with(|| problem(description));
    };
    if has_body {
        add(
            "400",
            "Malformed: not JSON, a wrong type or an unknown field",
        );
        add("415", "The body is not application/json");
    }
    if has_query {
        add("400", "A query parameter of the wrong type");
        add("422", "A query parameter out of range");
    }
    if has_header {
        add("400", "A header (If-Match) that is not a version number");
    }
    if has_path {
        add(
            "404",
            "Absent, not visible to this caller, or a path that names nothing",
        );
    }
    if secured {
        add("401", "No token, or an expired or revoked one");
    }
}
