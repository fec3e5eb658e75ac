//! The zone read once for its forecasts: every project as of `env.today` (archived ones too:
//! the history reads every finished project), their 统一项目代码 and landing rows. The
//! history, the year's targets and the permits of the next four weeks all come from one
//! read, and the zone's simulations run on every core (each project's is independent).

use std::collections::HashMap;

use chrono::NaiveDate;

use store::landing::LandingRow;
use store::DbConn;

use crate::projects::project_view::{build_views_from, ProjectView, ZoneRead};
use crate::{Env, ServiceError, ServiceResult};

/// What the zone's forecasts read.
pub(crate) struct ZoneViews {
    pub views: Vec<ProjectView>,
    pub codes: HashMap<i32, String>,
    pub landing: HashMap<i32, LandingRow>,
}

impl ZoneViews {
    pub fn read(conn: &mut DbConn, env: &Env) -> ServiceResult<ZoneViews> {
        let zone = ZoneRead::load_with(conn, true)?;
        let landing = store::landing::all(conn)?
            .into_iter()
            .map(|l| (l.project_id, l))
            .collect();
        let codes = zone.data.codes.clone();
        let views = build_views_from(env, zone.rows, &zone.data);
        Ok(ZoneViews {
            views,
            codes,
            landing,
        })
    }

    /// Each project's actual 开工 (any day; the history reads those by its `as_of`).
    pub fn started(&self) -> HashMap<i32, NaiveDate> {
        self.landing
            .values()
            .filter_map(|l| Some((l.project_id, l.started_actual?)))
            .collect()
    }

    /// The projects being worked on: not archived.
    pub fn live(&self) -> impl Iterator<Item = &ProjectView> {
        self.views.iter().filter(|v| !v.project.archived)
    }
}

/// `f` over `items` on every core, the results (`None`: none) in the items' order.
pub(crate) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> ServiceResult<Option<R>> + Sync,
) -> ServiceResult<Vec<R>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                scope.spawn(move || {
                    part.iter()
                        .filter_map(|item| f(item).transpose())
                        .collect::<ServiceResult<Vec<R>>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for part in parts {
            let done = part
                .join()
                .map_err(|_| ServiceError::internal("a forecast thread panicked"))?;
            out.extend(done?);
        }
        Ok(out)
    })
}
