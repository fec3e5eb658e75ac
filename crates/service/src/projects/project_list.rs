//! The staff's project list (`/projects` and its exports, and the API's list when it asks
//! for a stage or a sort): the projects a query selects with the stage each is in and its
//! projected finish, sorted. Stages and finishes come from the dashboards' digest, so the
//! list names a stage exactly as the overview and the weekly report do.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::reports::report_input::COMPLETED;
use domain::clock::Light;
use domain::landing::MilestoneDays;
use domain::light_dates::stalled_cutoff;
use store::projects::LightFilter;
use store::{self, DbConn};

use crate::projects::dashboard::ProjectDigest;
use crate::projects::digest_cache::DigestCache;
use crate::projects::project_view::ProjectSummary;
use crate::projects::{filter_for, ProjectQuery};
use crate::{Actor, Env, ListPage, PageQuery, ServiceError, ServiceResult};

/// One project as the list shows it.
#[derive(Debug, Clone)]
pub struct ListedProject {
    /// Its view, stage (of its first unfinished step; `None` once every step is finished)
    /// and projected finish, as kept.
    pub digest: Arc<ProjectDigest>,
    /// Its 开工 milestone, planned and actual.
    pub started: MilestoneDays,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Light,
    Start,
    Finish,
}

impl SortKey {
    pub const ALL: [(&'static str, SortKey); 4] = [
        ("name", SortKey::Name),
        ("light", SortKey::Light),
        ("start", SortKey::Start),
        ("finish", SortKey::Finish),
    ];

    fn parse(s: &str) -> Option<SortKey> {
        Self::ALL.iter().find(|(k, _)| *k == s).map(|(_, v)| *v)
    }
}

/// Whether the query needs each project's steps (a stage or a sort) rather than the
/// store's own filter and order.
pub fn needs_views(q: &ProjectQuery) -> bool {
    let set = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
    set(&q.stage) || set(&q.sort) || set(&q.dir)
}

/// The query's sort, checked: `None` for newest first; `true` when descending.
pub fn sort_of(q: &ProjectQuery) -> ServiceResult<Option<(SortKey, bool)>> {
    let desc = match q.dir.as_deref().map(str::trim) {
        None | Some("") | Some("asc") => false,
        Some("desc") => true,
        Some(_) => {
            return Err(ServiceError::invalid(
                "dir",
                crate::refusal::dashboard::SORT_DIRECTION,
            ))
        }
    };
    match q.sort.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => SortKey::parse(s)
            .map(|k| Some((k, desc)))
            .ok_or_else(|| ServiceError::invalid("sort", crate::refusal::dashboard::SORT_COLUMN)),
    }
}

/// Red first, then yellow, green, and no light.
fn severity(l: Option<Light>) -> u8 {
    match l {
        Some(Light::Red) => 0,
        Some(Light::Yellow) => 1,
        Some(Light::Green) => 2,
        None => 3,
    }
}

fn compare(key: SortKey, a: &ListedProject, b: &ListedProject) -> Ordering {
    let (pa, pb) = (&a.digest.view.project, &b.digest.view.project);
    match key {
        SortKey::Name => pa.name.cmp(&pb.name),
        SortKey::Light => severity(pa.light).cmp(&severity(pb.light)),
        SortKey::Start => pa.start_date.cmp(&pb.start_date),
        SortKey::Finish => finish(a).cmp(&finish(b)),
    }
}

fn finish(p: &ListedProject) -> NaiveDate {
    p.digest.schedule.projected_finish
}

/// Every project the query selects (all pages), in the query's order, from the kept
/// digests.
pub fn select(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &ProjectQuery,
    kept: &DigestCache,
) -> ServiceResult<Vec<ListedProject>> {
    let sort = sort_of(q)?;
    let Some(filter) = filter_for(actor, q) else {
        return Ok(vec![]);
    };
    let stage = q.stage.as_deref().map(str::trim).filter(|s| !s.is_empty());
    // Lights and stalls as computed for today (the view's), then the stage.
    let mut out: Vec<ListedProject> = kept
        .select(conn, env, &filter)?
        .into_iter()
        .filter(|d| q.light.is_none_or(|l| d.view.project.light == Some(l)))
        .filter(|d| q.stalled.is_none_or(|s| d.view.project.stalled == s))
        .filter(|d| match stage {
            None => true,
            Some(COMPLETED) => d.stage.is_none(),
            Some(s) => d.stage.as_deref() == Some(s),
        })
        .map(|digest| ListedProject {
            digest,
            started: MilestoneDays::default(),
        })
        .collect();
    let ids: Vec<i32> = out.iter().map(|p| p.digest.view.project.id).collect();
    let started: std::collections::HashMap<i32, MilestoneDays> =
        store::landing::started_of(conn, &ids)?
            .into_iter()
            .map(|(id, planned, actual)| (id, MilestoneDays { planned, actual }))
            .collect();
    for p in &mut out {
        p.started = started
            .get(&p.digest.view.project.id)
            .copied()
            .unwrap_or_default();
    }
    // Newest first (the kept digests' order), which also breaks ties of a sort.
    if let Some((key, desc)) = sort {
        out.sort_by(|a, b| {
            let o = compare(key, a, b);
            if desc {
                o.reverse()
            } else {
                o
            }
        });
    }
    Ok(out)
}

/// `(id, name)` choices of a select.
pub type Named = Vec<(i32, String)>;

/// Every enterprise and every liaison (disabled ones too: old records still name them), the
/// choices of the staff's list filters.
pub fn owner_choices(conn: &mut DbConn, actor: &Actor) -> ServiceResult<(Named, Named)> {
    let all = PageQuery::CHOICES;
    let enterprises = crate::enterprises::list(conn, actor, all)?
        .items
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let liaisons = crate::accounts::users::list(conn, actor, all)?
        .items
        .into_iter()
        .filter(|u| u.role == crate::Role::Liaison)
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok((enterprises, liaisons))
}

/// What the staff's list offers in its filters.
#[derive(Debug, Clone)]
pub struct Choices {
    pub enterprises: Named,
    pub liaisons: Named,
    pub stages: Vec<String>,
    /// Route templates: (key, name).
    pub routes: Vec<(String, String)>,
}

/// The filter choices as `actor` may see them.
pub fn choices(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Choices> {
    let (enterprises, liaisons) = owner_choices(conn, actor)?;
    Ok(Choices {
        enterprises,
        liaisons,
        stages: stages(conn)?,
        routes: crate::routes::route_templates::names(conn)?,
    })
}

/// The stages a list can be filtered by: every stage a step names, then `已完成`.
fn stages(conn: &mut DbConn) -> ServiceResult<Vec<String>> {
    let mut all = store::steps::stages(conn)?;
    all.push(COMPLETED.to_string());
    Ok(all)
}

/// A page of the projects a query selects: by the dates stored with the steps, or (a
/// stage, a computed sort) through every project's view.
pub fn list(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &ProjectQuery,
    kept: &DigestCache,
) -> ServiceResult<ListPage<ProjectSummary>> {
    let (offset, limit) = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .window()?;
    // A stage and the computed sorts need every project's steps: the list's own path.
    if needs_views(q) {
        let all = select(conn, env, actor, q, kept)?;
        let total = all.len() as i64;
        let items = all
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .map(|l| l.digest.view.project.clone())
            .collect();
        return Ok(ListPage { items, total });
    }
    let Some(mut filter) = filter_for(actor, q) else {
        return Ok(ListPage {
            items: vec![],
            total: 0,
        });
    };
    // Lights and stalls are found by the dates stored with the steps (see `summaries`).
    filter.light = q.light.map(|l| {
        let l = match l {
            Light::Red => LightFilter::Red,
            Light::Yellow => LightFilter::Yellow,
            Light::Green => LightFilter::Green,
        };
        (l, env.today)
    });
    filter.stalled = q.stalled.map(|s| {
        let cutoff = stalled_cutoff(&env.calendar, env.today, env.stalled_after_days);
        (s, cutoff)
    });
    let (rows, total) = store::projects::page(conn, &filter, offset, limit)?;
    let items = crate::projects::summaries::summaries(conn, env, rows)?;
    Ok(ListPage { items, total })
}
