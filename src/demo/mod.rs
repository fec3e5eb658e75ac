//! The demo (`approval-tracker demo`): the zone's example enterprises and projects at
//! different points of their routes, users of every role. Dates are set relative to
//! today so that the lights tell the same story whenever the demo is started. Three
//! projects tell a story by hand (below); `zone.rs` adds the rest of a busy zone.

mod zone;

use chrono::NaiveDate;

use crate::domain::calendar::WorkCalendar;
use crate::domain::step::Action;
use crate::http::AppState;
use crate::service::enterprises::{self, CreateEnterprise};
use crate::service::lifecycle::{self, RecordEvent};
use crate::service::projects::{self, CreateProject};
use crate::service::users::{self, CreateUser};
use crate::service::{Actor, Env, Role, ServiceResult};
use crate::store::DbConn;

/// One password for every demo account: the demo is for trying the product, not for use.
pub const PASSWORD: &str = "Demo-pass-2026";

/// A login to print.
pub struct Login {
    pub username: &'static str,
    pub role: &'static str,
    pub who: &'static str,
}

const LOGINS: [Login; 8] = [
    Login {
        username: "admin",
        role: "admin",
        who: "系统管理员",
    },
    Login {
        username: "zhao.min",
        role: "manager",
        who: "赵敏（园区领导）",
    },
    Login {
        username: "wang.fang",
        role: "liaison",
        who: "王芳（店小二：晶圆、涂料）",
    },
    Login {
        username: "li.qiang",
        role: "liaison",
        who: "李强（店小二：生物医药）",
    },
    Login {
        username: "wafer.corp",
        role: "enterprise",
        who: "松江晶圆制造有限公司",
    },
    Login {
        username: "paint.corp",
        role: "enterprise",
        who: "申松涂料有限公司",
    },
    Login {
        username: "zhang.wei",
        role: "liaison",
        who: "张伟（店小二）",
    },
    Login {
        username: "liu.yang",
        role: "liaison",
        who: "刘洋（店小二）",
    },
];

/// Fills a new database; leaves one that has users alone. Returns the logins.
pub fn fill(state: &AppState) -> Result<&'static [Login], String> {
    let mut conn = state.pool.get().map_err(|e| e.to_string())?;
    let env = state.env_with(&mut conn).map_err(|e| e.to_string())?;
    let empty = crate::store::users::page(&mut conn, 0, 1)
        .map_err(|e| e.to_string())?
        .1
        == 0;
    if empty {
        Demo {
            conn: &mut conn,
            env: &env,
        }
        .build()
        .map_err(|e| format!("filling the demo: {e}"))?;
    }
    Ok(&LOGINS)
}

pub fn print_logins(logins: &[Login], settings: &crate::config::Settings) {
    // A wildcard bind is reached on the loopback address.
    let bind = settings.server.bind;
    let host = if bind.ip().is_unspecified() {
        format!("127.0.0.1:{}", bind.port())
    } else {
        bind.to_string()
    };
    println!("\napproval-tracker 演示 demo");
    println!("  登录 Sign in:  http://{host}/login");
    println!("  密码 Password (every account): {PASSWORD}");
    for role in ["admin", "manager", "liaison", "enterprise"] {
        for l in logins.iter().filter(|l| l.role == role) {
            println!("    {:<11} {:<11} {}", l.username, l.role, l.who);
        }
    }
    println!("  API: http://{host}/docs/  (/api/v1)\n");
}

struct Demo<'a> {
    conn: &'a mut DbConn,
    env: &'a Env,
}

/// The working day `n` working days before `today`.
fn ago(cal: &WorkCalendar, today: NaiveDate, n: i64) -> NaiveDate {
    cal.date_of_rank(cal.rank(today) - n)
}

impl Demo<'_> {
    fn user(&mut self, l: &Login, enterprise_id: Option<i32>) -> ServiceResult<i32> {
        let req = CreateUser {
            username: l.username.into(),
            display_name: l.who.into(),
            email: format!("{}@songjiang-zone.example.cn", l.username),
            role: Role::parse(l.role).unwrap_or(Role::Liaison),
            phone: None,
            enterprise_id,
            password: PASSWORD.into(),
        };
        Ok(users::create(self.conn, self.env, None, &req)?.id)
    }

    fn enterprise(
        &mut self,
        admin: &Actor,
        name: &str,
        code: &str,
        contact: &str,
    ) -> ServiceResult<i32> {
        let req = CreateEnterprise {
            name: name.into(),
            credit_code: code.into(),
            contact_name: contact.into(),
            contact_email: "contact@firm.example.cn".into(),
        };
        Ok(enterprises::create(self.conn, self.env, admin, &req)?.id)
    }

    /// Records `(step, action, working days ago)` in order, each as it happened.
    fn events<K: AsRef<str>>(
        &mut self,
        admin: &Actor,
        project: i32,
        events: &[(K, Action, i64)],
    ) -> ServiceResult<()> {
        for (key, action, days_ago) in events {
            let (key, action, days_ago) = (key.as_ref(), *action, *days_ago);
            let req = RecordEvent {
                action,
                on: Some(ago(&self.env.calendar, self.env.today, days_ago)),
                note: None,
                notice: None,
                accepted_with_missing: false,
                by_commitment: false,
            };
            lifecycle::record(self.conn, self.env, admin, project, key, None, &req)?;
        }
        Ok(())
    }

    /// Creates `name` for an enterprise from a template, started `start_ago` working days ago.
    fn project(
        &mut self,
        admin: &Actor,
        (name, template, start_ago): (&str, &str, i64),
        ent: i32,
        liaison: i32,
        investment: i64,
    ) -> ServiceResult<i32> {
        let req = CreateProject {
            name: name.into(),
            enterprise_id: ent,
            template: Some(template.into()),
            steps: None,
            liaison_ids: vec![liaison],
            start_date: ago(&self.env.calendar, self.env.today, start_ago),
            city: Some("上海市松江区".into()),
            investment_cny: Some(investment),
        };
        Ok(projects::create(self.conn, self.env, admin, &req)?
            .project
            .id)
    }

    fn build(self) -> ServiceResult<()> {
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
        demo.zone(&admin, &[wang, li, zhang, liu], &[wafer, bio, paint])?;
        Ok(())
    }
}
