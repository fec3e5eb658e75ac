//! The three projects that tell a story by hand: a wafer line moving fast, a biopharma
//! base in trouble (red, stalled, rejected once), a paint maker at its operating licence.

use crate::domain::step::Action;
use crate::service::landing::milestones::{MilestoneDates, PutMilestones};
use crate::service::{Actor, Role, ServiceResult};

use super::{Demo, LOGINS};

impl Demo<'_> {
    pub(super) fn build(self) -> ServiceResult<()> {
        use Action::*;
        let mut demo = self;
        let admin_id = demo.user(&LOGINS[0], None)?;
        let admin = Actor {
            user_id: admin_id,
            role: Role::Admin,
            enterprise_id: None,
            session_id: 0,
            address: String::new(),
        };
        demo.user(&LOGINS[1], None)?;
        let wang = demo.user(&LOGINS[2], None)?;
        let li = demo.user(&LOGINS[3], None)?;
        let wafer =
            demo.enterprise(&admin, "松江晶圆制造有限公司", "91310117MA1J3P0A05", "陈总")?;
        let bio = demo.enterprise(
            &admin,
            "G60生物医药产业基地有限公司",
            "91310117MA1J3P0B06",
            "周总",
        )?;
        let paint = demo.enterprise(&admin, "申松涂料有限公司", "91310117MA1J3P0C07", "孙经理")?;
        demo.user(&LOGINS[4], Some(wafer))?;
        demo.user(&LOGINS[5], Some(paint))?;
        let zhang = demo.user(&LOGINS[6], None)?;
        let liu = demo.user(&LOGINS[7], None)?;

        // A ¥10bn 300 mm wafer line moving fast: most permits in, works permit in review.
        let p = demo.project(
            &admin,
            ("300毫米大硅片生产线", "standard-industrial", 30),
            wafer,
            wang,
            10_000_000_000,
        )?;
        demo.events(
            &admin,
            p,
            &[
                ("filing", Accept, 30),
                ("filing", Approve, 30),
                ("land-prereview", Accept, 29),
                ("eia", Accept, 29),
                ("energy-review", Accept, 29),
                ("energy-review", Approve, 29),
                ("land-prereview", Approve, 22),
                ("land-grant", Accept, 21),
                ("land-grant", Approve, 15),
                ("land-use-permit", Accept, 14),
                ("land-use-permit", Approve, 12),
                ("design-review", Accept, 11),
                ("eia", Approve, 10),
                ("design-review", Approve, 5),
                ("works-permit", Accept, 4),
            ],
        )?;
        // Signed six weeks ago, to start in a month: its permit is projected later.
        let plan = PutMilestones {
            signed: Some(MilestoneDates {
                planned: None,
                actual: Some(demo.days_ago(32)),
            }),
            started: Some(MilestoneDates {
                planned: Some(demo.in_days(30)),
                actual: None,
            }),
            ..PutMilestones::default()
        };
        demo.milestones(&admin, p, &plan)?;

        // A biopharma base: design review overdue (red), the EIA file back with the
        // enterprise for 9 days (stalled), energy review rejected once and re-applied.
        let p = demo.project(
            &admin,
            ("生物医药产业化基地", "standard-industrial", 45),
            bio,
            li,
            1_800_000_000,
        )?;
        demo.events(
            &admin,
            p,
            &[
                ("filing", Accept, 45),
                ("filing", Approve, 45),
                ("land-prereview", Accept, 44),
                ("eia", Accept, 44),
                ("energy-review", Accept, 44),
                ("energy-review", Reject, 40),
                ("land-prereview", Approve, 38),
                ("land-grant", Accept, 37),
                ("energy-review", Accept, 35),
                ("land-grant", Approve, 33),
                ("land-use-permit", Accept, 32),
                ("energy-review", Approve, 28),
                ("land-use-permit", Approve, 26),
                ("design-review", Accept, 25),
                ("eia", RequestMaterials, 9),
            ],
        )?;

        // A paint maker's hazardous-chemical route, built and now at its operating
        // licence, which is turning yellow.
        let p = demo.project(
            &admin,
            ("涂料生产线技改及危化品经营许可", "hazardous-chemical", 120),
            paint,
            wang,
            260_000_000,
        )?;
        demo.events(
            &admin,
            p,
            &[
                ("filing", Accept, 120),
                ("filing", Approve, 120),
                ("land-prereview", Accept, 119),
                ("eia", Accept, 119),
                ("energy-review", Accept, 119),
                ("safety-review", Accept, 119),
                ("energy-review", Approve, 110),
                ("land-prereview", Approve, 100),
                ("land-grant", Accept, 99),
                ("land-grant", Approve, 85),
                ("land-use-permit", Accept, 84),
                ("safety-review", Approve, 80),
                ("eia", Approve, 70),
                ("land-use-permit", Approve, 70),
                ("design-review", Accept, 69),
                ("design-review", Approve, 55),
                ("works-permit", Accept, 54),
                ("works-permit", Approve, 40),
                ("drawing-review", Accept, 39),
                ("drawing-review", Approve, 33),
                ("construction-permit", Accept, 32),
                ("construction-permit", Approve, 30),
                ("completion-acceptance", Accept, 29),
                ("completion-acceptance", Approve, 26),
                ("hazchem-licence", Accept, 25),
            ],
        )?;
        // Built: signed, land, started after the permit, completed; production planned.
        let done = |d: chrono::NaiveDate| MilestoneDates {
            planned: None,
            actual: Some(d),
        };
        let built = PutMilestones {
            signed: Some(done(demo.days_ago(130))),
            land: Some(done(demo.days_ago(90))),
            started: Some(done(demo.days_ago(29))),
            completed: Some(done(demo.days_ago(27))),
            producing: Some(MilestoneDates {
                planned: Some(demo.in_days(30)),
                actual: None,
            }),
            permit_extensions: None,
        };
        demo.milestones(&admin, p, &built)?;
        demo.targets(&admin)?;
        demo.zone(&admin, &[wang, li, zhang, liu], &[wafer, bio, paint])?;
        Ok(())
    }
}
