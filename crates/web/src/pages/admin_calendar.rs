//! The working-day calendar by year (`/admin/calendar`): publish a year's days off and
//! make-up working days. A refusal comes back with what was typed and each bad line named
//! beside its field ("第3行：2026-02-30 不是有效日期"), never an error page.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use service::calendar::{self, PublishYear};
use service::ServiceError;

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::{word, Lang};
use super::messages::own;
use super::render::{merge, render};
use super::session::{admin, redirect, state_of, PageResult, Viewer};
use service::refusal::{forms, Refusal};

const FIELDS: &[&str] = &["holidays", "workdays", "year"];

#[derive(serde::Deserialize)]
pub struct YearQuery {
    year: Option<i32>,
}

/// The page for `year`; after a refusal, with its messages and the text as typed.
async fn page(
    req: &HttpRequest,
    v: &Viewer,
    year: Option<i32>,
    status: StatusCode,
    errors: FormErrors,
    typed: Option<Value>,
) -> PageResult {
    let state = state_of(req)?;
    let this_year = state.clock.now().year();
    let year = year.unwrap_or(this_year + 1);
    let cal = state
        .run(move |conn, _| calendar::get_year(conn, year))
        .await?;
    let years: Vec<i32> = (this_year - 1..=this_year + 2).collect();
    let values = typed.unwrap_or_else(|| {
        json!({"holidays": cal.holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"),
            "workdays": cal.workdays.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")})
    });
    let mut ctx = json!({"title": word(v.lang, "calendar"), "cal": cal, "years": years,
        "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(
        status,
        render(req, Some(v), "admin_calendar.html", ctx)?,
    ))
}

pub async fn show(req: HttpRequest, q: web::Query<YearQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        page(
            &req,
            &v,
            q.year,
            StatusCode::OK,
            FormErrors::default(),
            None,
        )
        .await
    }
    .await;
    respond(&req, result)
}

/// The dates of one field, one or more a line (commas or spaces between them); or every
/// line that holds something that is not a date, by its number.
fn dates(lang: Lang, text: &str) -> Result<Vec<NaiveDate>, String> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let tokens = line
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
            .filter(|s| !s.is_empty());
        for s in tokens {
            match s.parse::<NaiveDate>() {
                Ok(d) => out.push(d),
                Err(_) => bad.push(own(
                    lang,
                    Refusal::of(forms::LINE_NOT_A_DATE)
                        .arg("line", i + 1)
                        .arg("value", s),
                )),
            }
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad.join("；"))
    }
}

/// A service message naming a date, with the line of `text` that holds it.
fn on_its_line(lang: Lang, message: String, text: &str) -> String {
    let line = text.lines().position(|l| {
        l.split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .any(|d| d.len() == 10 && message.contains(d))
    });
    match line {
        Some(i) => own(
            lang,
            Refusal::of(forms::ON_LINE)
                .arg("line", i + 1)
                .arg("reason", message),
        ),
        None => message,
    }
}

pub async fn publish(req: HttpRequest, year: web::Path<i32>, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let year = year.into_inner();
        let typed = fields.values();
        let (holidays, workdays) = (fields.get("holidays"), fields.get("workdays"));
        let mut errors = FormErrors::default();
        let mut read = |name: &str, text: &str| {
            dates(v.lang, text)
                .map_err(|m| {
                    errors.fields.insert(name.into(), m);
                })
                .unwrap_or_default()
        };
        let body = PublishYear {
            year: Some(year),
            holidays: read("holidays", holidays),
            workdays: read("workdays", workdays),
        };
        if !errors.is_empty() {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return page(&req, &v, Some(year), status, errors, Some(typed)).await;
        }
        let state = state_of(&req)?;
        let cache = state.calendar.clone();
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| {
                calendar::put_year(conn, env, &actor, year, None, &body)?;
                cache.current(conn, true)?;
                Ok(())
            })
            .await;
        match outcome {
            Ok(()) => Ok(redirect(&format!(
                "/admin/calendar?year={year}&done=calendar_published"
            ))),
            Err(e @ ServiceError::Invalid { .. }) => {
                let (status, mut errors) = refusal(v.lang, e, FIELDS)?;
                for (field, m) in errors.fields.iter_mut() {
                    let text = if field == "workdays" {
                        workdays
                    } else {
                        holidays
                    };
                    *m = on_its_line(v.lang, std::mem::take(m), text);
                }
                page(&req, &v, Some(year), status, errors, Some(typed)).await
            }
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, FIELDS)?;
                page(&req, &v, Some(year), status, errors, Some(typed)).await
            }
        }
    }
    .await;
    respond(&req, result)
}
