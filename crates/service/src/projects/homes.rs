//! The two homes' use cases: a liaison's projects, each with the step that explains its
//! colour, searchable and filtered by light; an enterprise's projects, each with where it
//! stands and whom to call.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use domain::clock::Light;
use store::{self, DbConn};

use crate::projects::dashboard::{enterprise_projects, my_projects, ProjectDigest};
use crate::projects::digest_cache::DigestCache;
use crate::projects::history;
use crate::projects::standing::{standing, Standing};
use crate::{Actor, Env, ServiceResult};

/// The light filter of `/my`: one colour, or stalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LightFilter {
    Red,
    Yellow,
    Green,
    Stalled,
}

impl LightFilter {
    pub fn parse(s: &str) -> Option<LightFilter> {
        match s {
            "red" => Some(LightFilter::Red),
            "yellow" => Some(LightFilter::Yellow),
            "green" => Some(LightFilter::Green),
            "stalled" => Some(LightFilter::Stalled),
            _ => None,
        }
    }

    fn admits(self, d: &ProjectDigest) -> bool {
        let p = &d.view.project;
        match self {
            LightFilter::Red => p.light == Some(Light::Red),
            LightFilter::Yellow => p.light == Some(Light::Yellow),
            LightFilter::Green => p.light == Some(Light::Green),
            LightFilter::Stalled => p.stalled,
        }
    }
}

/// One card of `/my`.
pub struct MyCard {
    pub digest: Arc<ProjectDigest>,
    pub enterprise: String,
    pub standing: Standing,
}

/// The most cards `/my` shows: a liaison has tens of projects, but managers and admins see
/// the whole zone here (10,000 cards made a 6 MB page); the rest are in `/projects`.
pub const MY_CARDS_SHOWN: usize = 100;

/// A liaison's projects (managers and admins: all), most urgent first, at most
/// [`MY_CARDS_SHOWN`] of them, and how many matched; `q` is text in the project's or the
/// enterprise's name.
pub fn my_cards(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: Option<&str>,
    filter: Option<LightFilter>,
    kept: &DigestCache,
) -> ServiceResult<(Vec<MyCard>, usize)> {
    let list = my_projects(conn, env, actor, kept)?;
    let mut ids: Vec<i32> = list.iter().map(|d| d.view.project.enterprise_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i32, String> = store::enterprises::find_many(conn, &ids)?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let q = q
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_lowercase);
    let mut out = Vec::new();
    let mut matched = 0;
    for d in list {
        let enterprise = names
            .get(&d.view.project.enterprise_id)
            .cloned()
            .unwrap_or_default();
        if let Some(q) = &q {
            let hit = d.view.project.name.to_lowercase().contains(q)
                || enterprise.to_lowercase().contains(q);
            if !hit {
                continue;
            }
        }
        if filter.is_some_and(|f| !f.admits(&d)) {
            continue;
        }
        matched += 1;
        if out.len() == MY_CARDS_SHOWN {
            continue;
        }
        let opened = history::opened(conn, &d)?;
        let standing = standing(env, &d, &opened);
        out.push(MyCard {
            digest: d,
            enterprise,
            standing,
        });
    }
    Ok((out, matched))
}

/// Whom the enterprise calls: a liaison of the project.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub email: String,
}

/// One project on the enterprise's page.
pub struct EnterpriseCard {
    pub digest: Arc<ProjectDigest>,
    pub standing: Standing,
    pub contacts: Vec<Contact>,
    /// Its construction permit lapsed (已失效: no 开工 by the start deadline).
    pub permit_lapsed: bool,
}

/// An enterprise account's projects with where each stands and its liaisons.
pub fn enterprise_cards(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    kept: &DigestCache,
) -> ServiceResult<Vec<EnterpriseCard>> {
    let list = enterprise_projects(conn, env, actor, kept)?;
    let mut out = Vec::with_capacity(list.len());
    for d in list {
        let standing = standing(env, &d, &history::opened(conn, &d)?);
        let contacts = store::users::find_many(conn, &d.view.project.liaison_ids)?
            .into_iter()
            .filter(|u| u.active)
            .map(|u| Contact {
                name: u.display_name,
                phone: u.phone,
                email: u.email,
            })
            .collect();
        let permit_lapsed =
            crate::landing::milestone_view::view(conn, env, d.view.project.id)?.permit_lapsed;
        out.push(EnterpriseCard {
            digest: d,
            standing,
            contacts,
            permit_lapsed,
        });
    }
    Ok(out)
}
