//! The demo (`approval-tracker demo`): the zone's example enterprises and projects at
//! different points of their routes, users of every role. Dates are set relative to
//! today so that the lights tell the same story whenever the demo is started. Three
//! projects tell a story by hand (below); `zone.rs` adds the rest of a busy zone.

mod history;
mod landing;
mod model;
mod names;
mod story;
mod zone;

use chrono::NaiveDate;

use crate::domain::calendar::WorkCalendar;
use crate::domain::step::Action;
use crate::http::AppState;
use crate::service::accounts::users::{self, CreateUser};
use crate::service::enterprises::{self, CreateEnterprise};
use crate::service::projects::{self, CreateProject};
use crate::service::steps::lifecycle::{self, RecordEvent};
use crate::service::Db;
use crate::service::{Actor, Env, Role, ServiceResult};

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
    let empty = crate::service::accounts::users::none_yet(&mut conn).map_err(|e| e.to_string())?;
    if empty {
        Demo {
            conn: &mut conn,
            env: &env,
            codes: 0,
        }
        .build()
        .map_err(|e| format!("filling the demo: {e}"))?;
    }
    Ok(&LOGINS)
}

pub fn print_logins(logins: &[Login], settings: &crate::config::Settings) {
    let base = reachable(settings.server.bind);
    println!("\napproval-tracker 演示 demo");
    println!("  登录 Sign in:  {base}/login");
    println!("  密码 Password (every account): {PASSWORD}");
    for role in ["admin", "manager", "liaison", "enterprise"] {
        for l in logins.iter().filter(|l| l.role == role) {
            println!("    {:<11} {:<11} {}", l.username, l.role, l.who);
        }
    }
    println!("  API: {base}/docs/  (/api/v1)\n");
}

/// The base URL this machine reaches a bound address by (a wildcard bind: the loopback).
pub fn reachable(bind: std::net::SocketAddr) -> String {
    if bind.ip().is_unspecified() {
        format!("http://127.0.0.1:{}", bind.port())
    } else {
        format!("http://{bind}")
    }
}

struct Demo<'a> {
    conn: &'a mut Db,
    env: &'a Env,
    /// Project codes given so far.
    codes: u32,
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
                // 补正 is told once, in full (docs/rules.md): the demo's notices name materials.
                notice: (action == Action::RequestMaterials).then(|| names::notice_for(key).into()),
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
            project_code: Some(self.next_code()),
        };
        Ok(projects::create(self.conn, self.env, admin, &req)?
            .project
            .id)
    }
}
