//! The import page: upload a CSV or XLSX file (one row per step). A file with bad rows
//! comes back with a table of every bad row and nothing is written; a clean file is
//! imported and what was created is shown. Same use case and limits as `POST /imports`.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use report::import_limits::size_text;
use service::imports::import_rows::{OPTIONAL, REQUIRED};
use service::imports::{self, FileKind};
use service::{accounts::users, enterprises, projects, PageQuery, Role, ServiceError};

use super::answer::{html, respond};
use super::form::{refusal, FormErrors};
use super::i18n::{word, Lang};
use super::messages::{own, translate_field};
use super::multipart::{boundary, parts};
use super::render::{merge, render};
use super::session::{constant_eq, staff, state_of, PageError, PageResult, Viewer};
use service::refusal::{http, imports as import_refusals, Refusal};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/imports/new", web::get().to(form))
        .route("/imports/new", web::post().to(upload))
        .route("/imports/example.csv", web::get().to(example));
}

/// Room for the form's other fields and the part headers around the file.
const FORM_SLACK: usize = 16 * 1024;

/// The page, with `extra` (errors, bad rows or what was created) merged in.
fn page(req: &HttpRequest, v: &Viewer, status: StatusCode, extra: Value) -> PageResult {
    let state = state_of(req)?;
    let mut ctx = json!({"title": word(v.lang, "import_title"),
        "required_columns": REQUIRED, "optional_columns": OPTIONAL,
        "max_file_size": size_text(state.settings.imports.max_file_bytes)});
    merge(&mut ctx, extra);
    Ok(html(status, render(req, Some(v), "import.html", ctx)?))
}

async fn form(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        page(&req, &v, StatusCode::OK, json!({}))
    }
    .await;
    respond(&req, result)
}

/// A refusal as the page shows it: bad rows in a table (each with the file's columns it
/// concerns, as the file names them, and the reason in the reader's language), anything
/// else beside the file.
fn refused(lang: Lang, e: ServiceError) -> Result<(StatusCode, Value), PageError> {
    if let ServiceError::Invalid { errors, .. } = &e {
        let rows: Vec<Value> = errors
            .iter()
            .filter_map(|fe| {
                let line = fe.field.strip_prefix("line ")?.parse::<usize>().ok()?;
                let column = fe.args.get("column").cloned().unwrap_or_default();
                let reason = translate_field(lang, fe);
                Some(json!({"line": line, "column": column, "reason": reason}))
            })
            .collect();
        if !rows.is_empty() {
            let summary = Refusal::of(import_refusals::ROWS_REFUSED).arg("count", rows.len());
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"bad_rows": rows, "bad_summary": own(lang, summary)}),
            ));
        }
    }
    let (status, errors) = refusal(lang, e, &["file"])?;
    Ok((status, errors.context()))
}

async fn upload(req: HttpRequest, payload: web::Payload) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let state = state_of(&req)?;
        let limits = state.settings.imports;
        let cap = usize::try_from(limits.max_file_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(FORM_SLACK);
        // Stops reading at the limit; nothing is written, so the token can go unread.
        let Ok(read) = payload.to_bytes_limited(cap).await else {
            let larger = Refusal::of(import_refusals::FILE_LARGER_THAN_LIMIT)
                .arg("limit", size_text(limits.max_file_bytes));
            let m = own(v.lang, larger);
            let ctx = FormErrors::field("file", m).context();
            return page(&req, &v, StatusCode::PAYLOAD_TOO_LARGE, ctx);
        };
        let body = read.map_err(|e| {
            let unread = Refusal::of(http::MALFORMED).arg("detail", format!("reading: {e}"));
            PageError::Service(ServiceError::invalid("file", unread))
        })?;
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let form = boundary(content_type)
            .and_then(|b| parts(&body, &b))
            .ok_or(PageError::Csrf)?;
        let csrf = form
            .iter()
            .find(|p| p.name == "csrf")
            .map_or(&[][..], |p| p.body);
        if !constant_eq(csrf, v.csrf.as_bytes()) {
            return Err(PageError::Csrf);
        }
        let Some(file) = form.iter().find(|p| p.name == "file" && !p.body.is_empty()) else {
            let m = word(v.lang, "import_choose_file");
            let ctx = FormErrors::field("file", m).context();
            return page(&req, &v, StatusCode::UNPROCESSABLE_ENTITY, ctx);
        };
        let name = file.filename.clone().unwrap_or_default().to_lowercase();
        let kind = if name.ends_with(".xlsx") {
            Some(FileKind::Xlsx)
        } else if name.ends_with(".csv") {
            Some(FileKind::Csv)
        } else {
            None
        };
        let bytes = file.body.to_vec();
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| {
                let out = imports::import(conn, env, &actor, (&bytes, kind), &limits)?;
                let mut created = Vec::new();
                for id in &out.project_ids {
                    let p = projects::get(conn, env, &actor, *id)?;
                    created.push(json!({"id": id, "name": p.project.name}));
                }
                Ok((out, created))
            })
            .await;
        match outcome {
            Ok((out, created)) => {
                let ctx = json!({"imported": {"projects": created, "steps": out.steps,
                    "events": out.events}});
                page(&req, &v, StatusCode::OK, ctx)
            }
            Err(e) => {
                let (status, ctx) = refused(v.lang, e)?;
                page(&req, &v, status, ctx)
            }
        }
    }
    .await;
    respond(&req, result)
}

/// An example file with every column the importer reads: one project of two steps, for
/// an enterprise of this zone and, when a liaison downloads it, them as its liaison, so
/// that it imports as it is (a fixed credit code and user name failed on its first row
/// wherever they did not exist).
fn example_file(credit_code: &str, liaison: &str) -> String {
    format!(
        "\u{feff}project,enterprise,start_date,step,name,agency,stage,\
statutory_days,liaisons,promised_days,depends_on,accepted_on,requested_on,resubmitted_on,\
approved_on,rejected_on,waived_on,project_code,notice\r\n\
示例项目,{credit_code},2026-03-02,filing,企业投资项目备案,区发改委,立项,5,{liaison},2,,\
2026-03-02,,,2026-03-03,,,,\r\n\
示例项目,{credit_code},2026-03-02,land-prereview,用地预审,区规划资源局,立项,20,{liaison},\
10,filing,2026-03-04,2026-03-06,2026-03-09,,,,,请补充：用地红线图（盖章版）\r\n"
    )
}

/// Shown when the zone has no enterprise yet (the file then names one to add first).
const EXAMPLE_CREDIT_CODE: &str = "91310117MA1J3P0A05";

async fn example(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let (code, liaison) = state
            .run(move |conn, _| {
                let first = PageQuery {
                    page: Some(1),
                    per_page: Some(1),
                };
                let code = enterprises::list(conn, &actor, first)?
                    .items
                    .into_iter()
                    .next()
                    .map_or(EXAMPLE_CREDIT_CODE.to_string(), |e| e.credit_code);
                let liaison = if actor.role == Role::Liaison {
                    users::get(conn, &actor, actor.user_id)?.username
                } else {
                    String::new()
                };
                Ok((code, liaison))
            })
            .await?;
        Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"import-example.csv\"",
            ))
            .body(example_file(&code, &liaison)))
    }
    .await;
    respond(&req, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::imports::import_plan::Problem;
    use service::imports::import_refusals::refuse;
    use service::refusal::imports as codes;

    #[test]
    fn each_bad_row_shows_its_columns_and_its_reason_in_chinese() {
        let whole = Refusal::of(codes::WHOLE_DAYS).arg("value", "\"x\"");
        let e = refuse(vec![
            Problem::new("statutory_days", whole).at(3),
            Problem::new("approved_on, rejected_on", codes::APPROVED_OR_REJECTED).at(4),
            Problem::new(
                "",
                Refusal::of(codes::MISSING_COLUMNS).arg("columns", "stage"),
            )
            .at(1),
        ]);
        let (status, ctx) = refused(Lang::Zh, e).unwrap();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            ctx["bad_rows"],
            json!([
                {"line": 3, "column": "statutory_days", "reason": "应为整数个工作日，而不是 \"x\""},
                {"line": 4, "column": "approved_on, rejected_on", "reason": "只能填写其中一个"},
                {"line": 1, "column": "", "reason": "缺少列：stage"},
            ])
        );
        assert_eq!(ctx["bad_summary"], "文件中有 3 处问题，未导入任何内容");
    }
}
