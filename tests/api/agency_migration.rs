//! A database from before agencies were data: steps and templates naming "区建管委（牵头）"
//! and "审图中心 / 区建管委" become one agency 区建管委 with the lead mark. The data is made
//! by migrating a fresh database down past the agencies migration (its down.sql), then up
//! again at the next start.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use serde_json::{json, Value};

use crate::helpers::{default_now, spawn_app, spawn_second_instance, CODE_A};

const SQLITE: EmbeddedMigrations = embed_migrations!("crates/store/migrations/sqlite");
const PG: EmbeddedMigrations = embed_migrations!("crates/store/migrations/postgres");

/// Reverts migrations down to and including the agencies one, then runs `sql` on the old
/// schema.
fn as_before_agencies(db_url: &str, sql: &str) {
    if let Some(path) = db_url.strip_prefix("sqlite://") {
        let mut c = SqliteConnection::establish(path).unwrap();
        loop {
            let v = c.revert_last_migration(SQLITE).unwrap();
            if v.to_string().contains("000017") {
                break;
            }
        }
        c.batch_execute(sql).unwrap();
    } else {
        let mut c = PgConnection::establish(db_url).unwrap();
        loop {
            let v = c.revert_last_migration(PG).unwrap();
            if v.to_string().contains("000017") {
                break;
            }
        }
        c.batch_execute(sql).unwrap();
    }
}

#[tokio::test]
async fn old_agency_names_migrate_to_one_agency_with_the_lead_mark() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let body = json!({"name": "晶圆厂", "enterprise_id": ent, "template": "standard-industrial",
        "liaison_ids": [], "start_date": "2026-03-02"});
    let p = app.add_project(&app.admin, &body).await.ok(201).clone();
    let pid = p["id"].as_i64().unwrap();
    // down.sql writes the lead back into the name ("区建管委（牵头）"); the joint spelling
    // of the drawing review and an agency only a step named are put in by hand.
    as_before_agencies(
        &app.db_url,
        &format!(
            "UPDATE steps SET agency = '审图中心 / 区建管委' WHERE project_id = {pid} AND key = 'drawing-review'; \
             UPDATE steps SET agency = '区消防救援支队(牵头)' WHERE project_id = {pid} AND key = 'eia'; \
             UPDATE route_template_versions SET steps = replace(steps, \
               '\"key\":\"drawing-review\",\"name\":\"施工图审查（含消防设计审查）\",\"agency\":\"区建管委（牵头）\"', \
               '\"key\":\"drawing-review\",\"name\":\"施工图审查（含消防设计审查）\",\"agency\":\"审图中心 / 区建管委\"');"
        ),
    );
    let again = spawn_second_instance(&app, default_now(), |_| {}).await;
    let all = again
        .get("/api/v1/agencies", &again.admin)
        .await
        .ok(200)
        .clone();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "区发改委",
            "区应急管理局",
            "区建管委",
            "区消防救援支队",
            "区生态环境局",
            "区规划资源局"
        ]
    );
    // The migration could only copy names; the file's short names come in at start-up.
    let short = |n: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == n)
            .unwrap()["short_name"]
            .clone()
    };
    assert_eq!(short("区建管委"), "建管委");
    assert_eq!(short("区消防救援支队"), "区消防救援支队");

    let now = again
        .get(&format!("/api/v1/projects/{pid}"), &again.admin)
        .await
        .ok(200)
        .clone();
    let step = |k: &str| -> Value {
        now["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == k)
            .unwrap()
            .clone()
    };
    for (key, agency, lead) in [
        ("drawing-review", "区建管委", true),
        ("construction-permit", "区建管委", false),
        ("completion-acceptance", "区建管委", true),
        ("eia", "区消防救援支队", true),
        ("filing", "区发改委", false),
    ] {
        assert_eq!(step(key)["agency"], agency, "{key}");
        assert_eq!(step(key)["lead"], lead, "{key}");
    }
    let t = again
        .get("/api/v1/route-templates/standard-industrial", &again.admin)
        .await
        .ok(200)
        .clone();
    for s in t["steps"].as_array().unwrap() {
        let a = s["agency"].as_str().unwrap();
        assert!(!a.contains("牵头") && !a.contains('/'), "{a}");
    }
    let lead: Vec<&str> = t["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["lead"] == true)
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(lead, ["drawing-review", "completion-acceptance"]);
}
