//! A small zone for the landing tests: an enterprise, a liaison, a manager and projects
//! whose one step is the construction permit (施工许可证, 20 working days).

use serde_json::{json, Value};

use crate::helpers::{TestApp, CODE_A};

pub struct Landing {
    pub ent: i64,
    pub liaison_id: i64,
    pub liaison: String,
    pub manager: String,
}

pub async fn landing_zone(app: &TestApp) -> Landing {
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;
    Landing {
        ent,
        liaison_id,
        liaison,
        manager,
    }
}

impl Landing {
    /// A project whose only step is the construction permit; its id.
    pub async fn project(&self, app: &TestApp, name: &str, code: Option<&str>) -> i64 {
        let steps = json!([{"key": "construction-permit", "name": "施工许可证", "agency": "区建管委",
            "stage": "施工许可", "statutory_days": 20, "depends_on": []}]);
        let body = json!({"name": name, "enterprise_id": self.ent, "steps": steps,
            "liaison_ids": [self.liaison_id], "start_date": "2026-01-05", "project_code": code});
        app.add_project(&self.liaison, &body).await.ok(201)["id"]
            .as_i64()
            .unwrap()
    }

    /// Accepts the permit on `accepted` and approves it on `approved` (back-dated).
    pub async fn approve_permit(&self, app: &TestApp, pid: i64, accepted: &str, approved: &str) {
        let path = format!("/api/v1/projects/{pid}/steps/construction-permit/events");
        for (action, on) in [("accept", accepted), ("approve", approved)] {
            app.post(
                &path,
                &self.liaison,
                &crate::helpers::event_body(action, on),
            )
            .await
            .ok(200);
        }
    }

    pub async fn put_milestones(
        &self,
        app: &TestApp,
        pid: i64,
        body: &Value,
    ) -> crate::helpers::Reply {
        let path = format!("/api/v1/projects/{pid}/milestones");
        app.put(&path, &self.liaison, body, None).await
    }
}
