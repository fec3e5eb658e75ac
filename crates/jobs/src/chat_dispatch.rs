//! Delivering the chat outbox: claim a due message (within its robot's 20 a minute,
//! counted across instances), post it, mark it. The platform's "too many" (45009, 130101)
//! rests the robot and retries; a failure of the platform or the network is retried with
//! back-off; any other errcode fails the message for good, its reason kept for `/alerts`.
//! A robot failing again and again is reported to admins once.

use chrono::{DateTime, Duration, Utc};

use chat::{answer_of, ChatClient};
use service::notices::chat_delivery::{self, Claim, Outcome};
use service::notices::notify::Mailing;
use service::{Db, Env, ServiceResult};

use super::dispatch::backoff;

/// How long a claim holds: longer than any call (the client's timeout).
const CLAIM: i64 = 120;
/// Messages attempted in one run at most; the rest wait for the next.
const BATCH: i64 = 500;

/// Posts what is due as of `env.now`; returns (sent, failed attempts).
pub fn deliver(
    db: &mut Db,
    env: &Env,
    client: &ChatClient,
    m: &Mailing,
) -> ServiceResult<(usize, usize)> {
    let now: DateTime<Utc> = env.now;
    let stamp = now.naive_utc();
    let (mut sent, mut failed) = (0, 0);
    for (id, robot) in chat_delivery::due(db, stamp, BATCH)? {
        let post =
            match chat_delivery::claim(db, id, robot, stamp, stamp + Duration::seconds(CLAIM))? {
                Claim::Go(post) => post,
                Claim::Later(_) | Claim::Taken => continue,
            };
        let reply = client.post(
            post.kind,
            &post.url,
            post.secret.as_deref(),
            &post.body,
            now.timestamp_millis(),
        );
        let answer = answer_of(&reply);
        let retry_at = stamp + backoff(post.attempts + 1);
        let (outcome, failing) = chat_delivery::finish(db, env, id, robot, &answer, retry_at)?;
        match outcome {
            Outcome::Sent => sent += 1,
            Outcome::Retry | Outcome::Failed => {
                tracing::warn!(chat_message = id, robot, answer = ?answer, "chat message not delivered");
                failed += 1;
            }
        }
        if let Some(r) = failing {
            chat_delivery::report_failing(db, env, m, &r)?;
        }
    }
    chat_delivery::prune(db, stamp)?;
    Ok((sent, failed))
}
