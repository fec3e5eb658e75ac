//! The test button (`/settings`, `POST /api/v1/chat-robots/{id}/test`): one message posted
//! now, outside the outbox so the platform's answer can be shown, within the robot's 20 a
//! minute like any other; its answer is kept on the robot as a delivery's would be.

use crate::refusal::{self, Refusal};
use serde::Serialize;
use utoipa::ToSchema;

use chat::render as chat_render;
use chat::{answer_of, ChatClient};
use domain::chat::{Answer, RobotKind};
use store::chat_robots as robots;
use store::{self, Db};

use crate::notices::chat_delivery::{note_on_robot, reserve_call, Post};
use crate::notices::chat_robots::visible;
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

/// What the platform said to a test message.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TestAnswer {
    pub delivered: bool,
    /// The HTTP status, when the platform answered.
    pub http_status: Option<u16>,
    pub errcode: Option<i64>,
    /// The platform's errmsg, or why no answer came.
    pub message: String,
}

/// Posts a test message to the robot now and answers what the platform said.
pub fn test(
    db: &mut Db,
    env: &Env,
    client: &ChatClient,
    actor: &Actor,
    id: i32,
) -> ServiceResult<TestAnswer> {
    visible(db, actor, id)?;
    let post = reserve_test(db, env, id)?;
    let ms = env.now.timestamp_millis();
    let reply = client.post(post.kind, &post.url, post.secret.as_deref(), &post.body, ms);
    let answer = answer_of(&reply);
    let result = match &reply {
        Ok(r) => {
            let parsed: Option<serde_json::Value> = serde_json::from_str(&r.body).ok();
            TestAnswer {
                delivered: answer == Answer::Sent,
                http_status: Some(r.status),
                errcode: parsed.as_ref().and_then(|v| v["errcode"].as_i64()),
                message: parsed
                    .as_ref()
                    .and_then(|v| v["errmsg"].as_str().map(str::to_string))
                    .unwrap_or_default(),
            }
        }
        Err(e) => TestAnswer {
            delivered: false,
            http_status: None,
            errcode: None,
            message: e.to_string(),
        },
    };
    let now = env.stamp();
    in_tx(db, |tx| note_on_robot(tx, id, &answer, now))?;
    Ok(result)
}

/// The test button: one message posted now (outside the outbox, so its answer can be
/// shown), within the robot's limit like any other.
fn reserve_test(db: &mut Db, env: &Env, robot_id: i32) -> ServiceResult<Post> {
    let now = env.stamp();
    in_tx(db, |tx| {
        let robot = robots::lock(tx, robot_id)?.ok_or(ServiceError::NotFound("chat robot"))?;
        if let Err(at) = reserve_call(tx, &robot, now)? {
            let seconds = (at - now).num_seconds().max(1);
            return Err(ServiceError::TooMany {
                refusal: Refusal::of(refusal::chat::ROBOT_RATE_LIMITED).arg("seconds", seconds),
                retry_after: seconds,
            });
        }
        let owner = match robot.owner_id {
            Some(id) => store::users::find(tx, id)?.map_or_else(String::new, |u| u.display_name),
            None => "管理层".to_string(),
        };
        let kind = RobotKind::parse(&robot.kind).unwrap_or(RobotKind::WeCom);
        Ok(Post {
            kind,
            body: chat_render::test_message(kind, &owner).to_string(),
            url: robot.url,
            secret: robot.secret,
            attempts: 0,
        })
    })
}
