//! Enterprises: staff keep them; an enterprise user reads only its own.

pub mod credit_code;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use store::enterprises::EnterpriseChanges;
use store::{self, rows::EnterpriseRow, rows::NewEnterprise, Db, DbConn};

use crate::fields::Checks;
use crate::versions::{check_version, check_written};
use crate::{in_tx, Actor, Env, ListPage, PageQuery, ServiceError, ServiceResult};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EnterpriseView {
    pub id: i32,
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    pub contact_name: String,
    pub contact_email: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<EnterpriseRow> for EnterpriseView {
    fn from(e: EnterpriseRow) -> EnterpriseView {
        EnterpriseView {
            id: e.id,
            name: e.name,
            credit_code: e.credit_code,
            contact_name: e.contact_name,
            contact_email: e.contact_email,
            version: e.version,
            created_at: e.created_at.and_utc(),
            updated_at: e.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEnterprise {
    pub name: String,
    pub credit_code: String,
    pub contact_name: String,
    pub contact_email: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchEnterprise {
    pub name: Option<String>,
    pub credit_code: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
}

fn check_fields(
    checks: &mut Checks,
    name: Option<&str>,
    code: Option<&str>,
    contact: Option<&str>,
    email: Option<&str>,
) {
    if let Some(n) = name {
        checks.text("name", n, 200);
    }
    if let Some(c) = code {
        if let Some(why) = credit_code::problem(c) {
            checks.fail("credit_code", why);
        }
    }
    if let Some(c) = contact {
        checks.text("contact_name", c, 100);
    }
    if let Some(e) = email {
        checks.email("contact_email", e);
    }
}

fn code_taken(conn: &mut DbConn, code: &str, except: Option<i32>) -> ServiceResult<()> {
    match store::enterprises::find_by_credit_code(conn, code)? {
        Some(other) if Some(other.id) != except => Err(ServiceError::conflict(
            crate::refusal::Refusal::of(crate::refusal::projects::CREDIT_CODE_TAKEN)
                .arg("code", code)
                .arg("id", other.id),
        )),
        _ => Ok(()),
    }
}

pub fn create(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    req: &CreateEnterprise,
) -> ServiceResult<EnterpriseView> {
    actor.require_staff()?;
    let mut checks = Checks::default();
    check_fields(
        &mut checks,
        Some(&req.name),
        Some(&req.credit_code),
        Some(&req.contact_name),
        Some(&req.contact_email),
    );
    checks.into_result()?;
    in_tx(conn, |conn| {
        code_taken(conn, &req.credit_code, None)?;
        let id = store::enterprises::insert(
            conn,
            &NewEnterprise {
                name: req.name.trim(),
                credit_code: &req.credit_code,
                contact_name: req.contact_name.trim(),
                contact_email: req.contact_email.trim(),
                version: 1,
                created_at: env.stamp(),
                updated_at: env.stamp(),
            },
        )?;
        get(conn, actor, id)
    })
}

pub fn get(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<EnterpriseView> {
    let row = store::enterprises::find(conn, id)?
        .filter(|e| actor.can_read_enterprise(e.id))
        .ok_or(ServiceError::NotFound("enterprise"))?;
    Ok(row.into())
}

pub fn list(
    conn: &mut DbConn,
    actor: &Actor,
    page: PageQuery,
) -> ServiceResult<ListPage<EnterpriseView>> {
    search(conn, actor, None, page)
}

/// The enterprises whose name or credit code holds `text` (all when `None`).
pub fn search(
    conn: &mut DbConn,
    actor: &Actor,
    text: Option<&str>,
    page: PageQuery,
) -> ServiceResult<ListPage<EnterpriseView>> {
    let (offset, limit) = page.window()?;
    let only = if actor.role.is_staff() {
        None
    } else {
        Some(actor.enterprise_id.unwrap_or(-1))
    };
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    let (rows, total) = store::enterprises::page(conn, only, text, offset, limit)?;
    Ok(ListPage {
        items: rows.into_iter().map(Into::into).collect(),
        total,
    })
}

pub fn patch(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
    req: &PatchEnterprise,
) -> ServiceResult<EnterpriseView> {
    let current = get(conn, actor, id)?;
    actor.require_staff()?;
    let mut checks = Checks::default();
    check_fields(
        &mut checks,
        req.name.as_deref(),
        req.credit_code.as_deref(),
        req.contact_name.as_deref(),
        req.contact_email.as_deref(),
    );
    checks.into_result()?;
    in_tx(conn, |conn| {
        check_version("enterprise", current.version, if_match)?;
        if let Some(code) = &req.credit_code {
            code_taken(conn, code, Some(id))?;
        }
        let changes = EnterpriseChanges {
            name: req.name.as_deref().map(str::trim),
            credit_code: req.credit_code.as_deref(),
            contact_name: req.contact_name.as_deref().map(str::trim),
            contact_email: req.contact_email.as_deref().map(str::trim),
            version: current.version + 1,
            updated_at: env.stamp(),
        };
        let matched = store::enterprises::update(conn, id, current.version, &changes)?;
        // Refused: report the version it is at now, for the client to start again from.
        let now = match matched {
            true => current.version,
            false => store::enterprises::find(conn, id)?.map_or(current.version, |e| e.version),
        };
        check_written("enterprise", matched, now)?;
        get(conn, actor, id)
    })
}
