//! The homes' cards as templates read them: a project's colour with the step behind it,
//! the permit's date (actual once issued, marked provisional where the calendar is not
//! published), what waits on the applicant and what comes next.

use serde_json::{json, Value};

use service::projects::dashboard::{is_permit_step, ProjectDigest};
use service::projects::homes::{EnterpriseCard, MyCard};
use service::projects::standing::Standing;
use service::Env;

/// The construction permit: its day, whether that day is the actual issue, and how far off.
pub fn permit(env: &Env, d: &ProjectDigest) -> Value {
    let issued = d
        .view
        .steps
        .iter()
        .any(|s| is_permit_step(s) && s.status.is_finished());
    match d.permit_on {
        None => Value::Null,
        Some(on) => json!({
            "on": on,
            "issued": issued,
            // Days to go only while it is ahead; an issued permit is a date, not a countdown.
            "in_days": (!issued).then_some(d.permit_in_days).flatten(),
            "provisional": !issued && env.calendar.is_provisional_span(env.today, on),
        }),
    }
}

fn common(env: &Env, d: &ProjectDigest, st: &Standing) -> Value {
    let p = &d.view.project;
    json!({"id": p.id, "name": p.name, "code": p.project_code, "light": p.light, "stalled": p.stalled,
        "stage": d.stage, "permit": permit(env, d), "why": st.why,
        "waiting": st.waiting, "with_agency": st.with_agency,
        "next": st.upcoming.iter().find(|u| u.startable),
        "upcoming": st.upcoming, "done": st.done})
}

pub fn my_card(env: &Env, c: &MyCard) -> Value {
    let mut v = common(env, &c.digest, &c.standing);
    v["enterprise"] = json!(c.enterprise);
    v
}

pub fn enterprise_card(env: &Env, c: &EnterpriseCard) -> Value {
    let mut v = common(env, &c.digest, &c.standing);
    v["contacts"] = json!(c.contacts);
    v["permit_lapsed"] = json!(c.permit_lapsed);
    v
}
