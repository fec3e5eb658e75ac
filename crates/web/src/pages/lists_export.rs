//! The project list's rows as the page shows them and as the downloads write them.

use actix_web::http::header;
use actix_web::HttpResponse;
use serde_json::{json, Value};

use report::{listing, Format};
use service::projects::project_list::ListedProject;
use service::ServiceError;

use super::session::{PageError, PageResult};

fn name_of(list: &[(i32, String)], id: i32) -> String {
    list.iter()
        .find(|(i, _)| *i == id)
        .map_or_else(|| id.to_string(), |(_, n)| n.clone())
}

fn liaisons_of(p: &ListedProject, liaisons: &[(i32, String)]) -> String {
    p.digest
        .view
        .project
        .liaison_ids
        .iter()
        .map(|id| name_of(liaisons, *id))
        .collect::<Vec<_>>()
        .join("、")
}

/// The 开工 milestone as a list shows it: the actual day, else the planned one marked
/// (计划); nothing when neither is known.
fn started(p: &ListedProject) -> Option<(chrono::NaiveDate, bool)> {
    match (p.started.actual, p.started.planned) {
        (Some(d), _) => Some((d, false)),
        (None, Some(d)) => Some((d, true)),
        (None, None) => None,
    }
}

/// A light in the export's words.
fn light_words(l: domain::clock::Light) -> &'static str {
    use domain::clock::Light;
    match l {
        Light::Red => "红灯",
        Light::Yellow => "黄灯",
        Light::Green => "绿灯",
    }
}

/// The rows of one page, for the template.
pub fn rows_json<'a>(
    rows: impl Iterator<Item = &'a ListedProject>,
    enterprises: &[(i32, String)],
    liaisons: &[(i32, String)],
) -> Vec<Value> {
    rows.map(|p| {
        let s = &p.digest.view.project;
        json!({
            "id": s.id,
            "name": s.name,
            "enterprise": name_of(enterprises, s.enterprise_id),
            "light": s.light.map(|l| l.as_str()),
            "stalled": s.stalled,
            "stage": p.digest.stage.as_deref().unwrap_or(service::reports::report_input::COMPLETED),
            "liaisons": liaisons_of(p, liaisons),
            "start": s.start_date.to_string(),
            "started": started(p).map(|(d, planned)| json!({"on": d.to_string(), "planned": planned})),
            "finish": p.digest.schedule.projected_finish.to_string(),
            "code": s.project_code,
        })
    })
    .collect()
}

/// Every selected row as text, in the list's order and columns.
pub struct Table(Vec<Vec<String>>);

pub fn table(
    rows: &[ListedProject],
    enterprises: &[(i32, String)],
    liaisons: &[(i32, String)],
) -> Table {
    Table(
        rows.iter()
            .map(|p| {
                let s = &p.digest.view.project;
                vec![
                    s.id.to_string(),
                    s.name.clone(),
                    name_of(enterprises, s.enterprise_id),
                    s.light.map_or("", light_words).to_string(),
                    if s.stalled { "是" } else { "否" }.to_string(),
                    p.digest
                        .stage
                        .clone()
                        .unwrap_or_else(|| service::reports::report_input::COMPLETED.into()),
                    liaisons_of(p, liaisons),
                    s.start_date.to_string(),
                    started(p).map_or_else(String::new, |(d, planned)| {
                        if planned {
                            format!("{d}（计划）")
                        } else {
                            d.to_string()
                        }
                    }),
                    p.digest.schedule.projected_finish.to_string(),
                    s.project_code.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    )
}

const HEADERS: [&str; 11] = [
    "编号 ID",
    "项目 Project",
    "企业 Enterprise",
    "灯色 Light",
    "停滞 Stalled",
    "阶段 Stage",
    "联络员 Liaisons",
    // The day the schedule counts from (the project's start_date), not the 开工 milestone.
    "起算日期 Counted from",
    "开工 Construction started",
    "预计完成 Projected finish",
    "项目代码 Project code",
];

/// The table as a download; an unknown format is refused on the error page.
pub fn download(format: &str, t: &Table) -> PageResult {
    let (bytes, format) = match format {
        "csv" => (listing::csv(&HEADERS, &t.0), Format::Csv),
        "xlsx" => (listing::xlsx("项目 Projects", &HEADERS, &t.0), Format::Xlsx),
        _ => {
            let format = service::refusal::reports::FILE_FORMAT;
            return Err(PageError::Service(ServiceError::invalid("format", format)));
        }
    };
    let bytes = bytes.map_err(ServiceError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"projects.{}\"", format.extension()),
        ))
        .body(bytes))
}
