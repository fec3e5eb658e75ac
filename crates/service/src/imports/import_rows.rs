//! Checking import rows (one per step) and grouping them into projects, before anything is
//! read from or written to the database. Every bad row is reported with its line.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use domain::dates::check_day;
use domain::landing::ProjectCode;
use domain::limits::{MAX_EVENT_TEXT as NOTICE_MAX, MAX_NAME, MAX_USERNAME};
use domain::step::{replay_status, Action, StepStatus};
use report::import::{parse_date, Sheet};

use crate::imports::import_plan::{
    check_project, events_of, PlannedProject, PlannedStep, Problem, RowError,
};
use crate::refusal::{events, fields, imports, Refusal};
use crate::steps::step_view::StepSpecInput;

pub const REQUIRED: [&str; 8] = [
    "project",
    "enterprise",
    "start_date",
    "step",
    "name",
    "agency",
    "stage",
    "statutory_days",
];
pub const OPTIONAL: [&str; 11] = [
    "liaisons",
    "promised_days",
    "depends_on",
    "accepted_on",
    "requested_on",
    "resubmitted_on",
    "approved_on",
    "rejected_on",
    "waived_on",
    // The project's 统一项目代码, the same on every row of the project.
    "project_code",
    // With requested_on: the 补正 notice, everything the enterprise is to supply.
    "notice",
];

fn split_list(s: &str) -> Vec<String> {
    s.split([';', ',', '，', '、', ' '])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_row(
    sheet: &Sheet,
    cells: &[String],
    today: NaiveDate,
) -> Result<(PlannedProject, PlannedStep), Vec<Problem>> {
    let get = |name: &str| {
        sheet
            .column(name)
            .and_then(|i| cells.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let mut errors = Vec::new();
    for col in ["project", "enterprise"] {
        if get(col).is_empty() {
            errors.push(Problem::new(col, fields::REQUIRED));
        } else if get(col).chars().count() > MAX_NAME {
            let long = Refusal::of(fields::TOO_LONG).arg("max", MAX_NAME);
            errors.push(Problem::new(col, long));
        }
    }
    if let Some(n) = split_list(get("liaisons"))
        .iter()
        .find(|n| n.chars().count() > MAX_USERNAME)
    {
        let n: String = n.chars().take(20).collect();
        let long = Refusal::of(imports::NAME_TOO_LONG)
            .arg("name", n)
            .arg("max", MAX_USERNAME);
        errors.push(Problem::new("liaisons", long));
    }
    let project_code = match get("project_code") {
        "" => None,
        raw => match ProjectCode::parse(raw) {
            Ok(c) => Some(c.as_str().to_string()),
            Err(_) => {
                let shape = crate::refusal::project_codes::PROJECT_CODE_SHAPE;
                errors.push(Problem::new("project_code", shape));
                None
            }
        },
    };
    let start_date = parse_date(get("start_date"));
    match start_date.map(check_day) {
        None => errors.push(Problem::new("start_date", imports::DATE_REQUIRED)),
        Some(Err(e)) => errors.push(Problem::new("start_date", e)),
        Some(Ok(_)) => {}
    }
    let int = |col: &str, errors: &mut Vec<Problem>| -> Option<i64> {
        let v = get(col);
        v.parse::<f64>()
            .ok()
            .filter(|f| f.fract() == 0.0)
            .map(|f| f as i64)
            .or_else(|| {
                let whole = Refusal::of(imports::WHOLE_DAYS).arg("value", format!("{v:?}"));
                errors.push(Problem::new(col, whole));
                None
            })
    };
    let statutory = int("statutory_days", &mut errors).unwrap_or(0);
    let promised = if get("promised_days").is_empty() {
        None
    } else {
        int("promised_days", &mut errors)
    };
    let input = StepSpecInput {
        key: get("step").to_string(),
        name: get("name").to_string(),
        // "区建管委（牵头）" is read as the agency with the lead mark.
        agency: get("agency").to_string(),
        lead: false,
        stage: get("stage").to_string(),
        statutory_days: statutory,
        promised_days: promised,
        depends_on: split_list(get("depends_on")),
    };
    let mut field_errors = Vec::new();
    let spec = input.to_domain("step", &mut field_errors);
    errors.extend(field_errors.into_iter().map(|e| {
        let column = e.field.replace("step.key", "step").replace("step.", "");
        Problem::new(column, e.refusal())
    }));
    let mut dates = HashMap::new();
    for col in OPTIONAL[3..].iter().filter(|c| c.ends_with("_on")) {
        let v = get(col);
        if v.is_empty() {
            continue;
        }
        match parse_date(v).map(check_day) {
            Some(Ok(d)) => {
                dates.insert(*col, d);
            }
            Some(Err(e)) => errors.push(Problem::new(*col, e)),
            None => {
                let date = Refusal::of(imports::NOT_A_DATE).arg("value", format!("{v:?}"));
                errors.push(Problem::new(*col, date));
            }
        }
    }
    let events = events_of(&dates, today)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let notice = Some(get("notice")).filter(|n| !n.is_empty());
    match (dates.contains_key("requested_on"), notice) {
        // 补正 is told once, in full (docs/rules.md), on every path.
        (true, None) => errors.push(Problem::new("notice", events::NOTICE_REQUIRED)),
        (false, Some(_)) => errors.push(Problem::new(
            "notice",
            imports::NOTICE_ONLY_WITH_REQUESTED_ON,
        )),
        (_, Some(n)) if n.chars().count() > NOTICE_MAX => {
            let long = Refusal::of(fields::TOO_LONG).arg("max", NOTICE_MAX);
            errors.push(Problem::new("notice", long))
        }
        _ => {}
    }
    match (spec, start_date) {
        (Some(spec), Some(start_date)) if errors.is_empty() => {
            let status = replay_status(events.iter().map(|e| e.0)).unwrap_or(StepStatus::Pending);
            let day = |a: &[Action]| events.iter().rev().find(|e| a.contains(&e.0)).map(|e| e.1);
            let step = PlannedStep {
                line: 0,
                accepted_on: day(&[Action::Accept]),
                finished_on: day(&[Action::Approve, Action::Reject, Action::Waive]),
                spec,
                status,
                events,
                notice: notice.map(str::to_string),
            };
            let project = PlannedProject {
                line: 0,
                name: get("project").to_string(),
                enterprise: get("enterprise").to_string(),
                start_date,
                liaisons: split_list(get("liaisons")),
                project_code,
                steps: vec![],
            };
            Ok((project, step))
        }
        _ => Err(errors),
    }
}

/// Checks every row and groups them into projects: the projects of the good rows and every
/// problem found (the file is good when there is none).
pub fn plan(sheet: &Sheet, today: NaiveDate) -> (Vec<PlannedProject>, Vec<RowError>) {
    let mut errors: Vec<RowError> = Vec::new();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| sheet.column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return (
            vec![],
            vec![Problem::new(
                "",
                Refusal::of(imports::MISSING_COLUMNS).arg("columns", missing.join(", ")),
            )
            .at(1)],
        );
    }
    if sheet.rows.is_empty() {
        return (vec![], vec![Problem::new("", imports::NO_ROWS).at(2)]);
    }
    let mut projects: Vec<PlannedProject> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    // Steps seen per project, so a duplicate is found in one look-up rather than a scan.
    let mut keys: HashSet<(usize, String)> = HashSet::new();
    for row in &sheet.rows {
        let fail = |problem: Problem| problem.at(row.line);
        let (mut project, mut step) = match parse_row(sheet, &row.cells, today) {
            Ok(p) => p,
            Err(es) => {
                errors.extend(es.into_iter().map(fail));
                continue;
            }
        };
        step.line = row.line;
        project.line = row.line;
        let key = (project.name.clone(), project.enterprise.clone());
        let i = *index.entry(key).or_insert_with(|| {
            projects.push(project.clone());
            projects.len() - 1
        });
        let p = &mut projects[i];
        if p.start_date != project.start_date
            || p.liaisons != project.liaisons
            || p.project_code != project.project_code
        {
            let differs = Refusal::of(imports::DIFFERS_FROM_LINE).arg("line", p.line);
            errors.push(fail(Problem::new(
                "start_date, liaisons, project_code",
                differs,
            )));
        } else if !keys.insert((i, step.spec.key.as_str().to_string())) {
            let twice = Refusal::of(imports::STEP_TWICE)
                .arg("step", &step.spec.key)
                .arg("project", &p.name);
            errors.push(fail(Problem::new("step", twice)));
        } else {
            p.steps.push(step);
        }
    }
    for p in &projects {
        check_project(p, &mut errors);
    }
    (projects, errors)
}
