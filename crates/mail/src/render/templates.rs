//! The embedded templates and the one minijinja environment that renders them.

use std::sync::OnceLock;

use minijinja::{Environment, UndefinedBehavior, Value};

use super::Rendered;
use crate::MailError;

const TEMPLATES: &[(&str, &str)] = &[
    (
        "robot_failing.subject.txt",
        include_str!("../templates/robot_failing.subject.txt"),
    ),
    (
        "robot_failing.txt",
        include_str!("../templates/robot_failing.txt"),
    ),
    (
        "robot_failing.html",
        include_str!("../templates/robot_failing.html"),
    ),
    (
        "request_overdue.subject.txt",
        include_str!("../templates/request_overdue.subject.txt"),
    ),
    (
        "request_overdue.txt",
        include_str!("../templates/request_overdue.txt"),
    ),
    (
        "request_overdue.html",
        include_str!("../templates/request_overdue.html"),
    ),
    (
        "digest.subject.txt",
        include_str!("../templates/digest.subject.txt"),
    ),
    ("digest.txt", include_str!("../templates/digest.txt")),
    ("digest.html", include_str!("../templates/digest.html")),
    (
        "escalation.subject.txt",
        include_str!("../templates/escalation.subject.txt"),
    ),
    (
        "escalation.txt",
        include_str!("../templates/escalation.txt"),
    ),
    (
        "escalation.html",
        include_str!("../templates/escalation.html"),
    ),
    (
        "licence_reminder.subject.txt",
        include_str!("../templates/licence_reminder.subject.txt"),
    ),
    (
        "licence_reminder.txt",
        include_str!("../templates/licence_reminder.txt"),
    ),
    (
        "licence_reminder.html",
        include_str!("../templates/licence_reminder.html"),
    ),
    (
        "permit_reminder.subject.txt",
        include_str!("../templates/permit_reminder.subject.txt"),
    ),
    (
        "permit_reminder.txt",
        include_str!("../templates/permit_reminder.txt"),
    ),
    (
        "permit_reminder.html",
        include_str!("../templates/permit_reminder.html"),
    ),
];

fn env() -> Result<&'static Environment<'static>, MailError> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        // A misspelt variable must fail loudly, not send an email with a hole in it.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .map_err(|e| format!("{e:#}"))?;
        }
        Ok(env)
    })
    .as_ref()
    .map_err(|e| MailError::Render(e.clone()))
}

pub(super) fn render(kind: &str, ctx: Value) -> Result<Rendered, MailError> {
    let env = env()?;
    let one = |name: String| {
        env.get_template(&name)
            .and_then(|t| t.render(&ctx))
            .map_err(|e| MailError::Render(format!("{name}: {e:#}")))
    };
    let subject = one(format!("{kind}.subject.txt"))?;
    Ok(Rendered {
        // A header is one line, whatever the template's layout.
        subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
        text: one(format!("{kind}.txt"))?,
        html: one(format!("{kind}.html"))?,
    })
}
