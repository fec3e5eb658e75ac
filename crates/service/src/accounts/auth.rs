//! Sessions: log in with a password, get an opaque bearer token; the database keeps only
//! the token's SHA-256, so a leaked table grants nothing.

use crate::refusal::{self, Refusal};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use domain::limits::{MAX_PASSWORD, MAX_USERNAME};
use store::{
    self,
    rows::{NewSession, UserRow},
    Db, DbConn, WriteTx,
};

use crate::accounts::audit::{self, Origin};
use crate::accounts::users::UserView;
use crate::{accounts::password, Actor, Env, ServiceError, ServiceResult};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: UserView,
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn wrong_credentials() -> ServiceError {
    ServiceError::unauthorized(crate::refusal::records::WRONG_CREDENTIALS)
}

/// Failures counted over this many minutes.
const THROTTLE_MINUTES: i64 = 15;
/// Failures of one user name that lock it for the rest of the window.
pub const LOCK_AFTER_NAME: i64 = 5;
/// Failures from one address that lock it (several users behind one office address).
pub const LOCK_AFTER_ADDRESS: i64 = 20;

/// Logs in from nowhere in particular (the command line, tests).
pub fn login(conn: &mut Db, env: &Env, req: &LoginRequest) -> ServiceResult<LoginResponse> {
    login_from(conn, env, req, &Origin::default())
}

/// Logs in in one go, holding `conn` throughout: for callers without a pool. The HTTP
/// handlers call the three steps themselves so that neither the password hash nor the
/// slow-down after a failure holds a database connection.
pub fn login_from(
    conn: &mut Db,
    env: &Env,
    req: &LoginRequest,
    origin: &Origin,
) -> ServiceResult<LoginResponse> {
    let attempt = begin(conn, env, req, origin)?;
    let matched = attempt.password_matches(&req.password);
    finish(conn, env, attempt, matched, origin)
}

/// A login attempt that passed the throttle and already counts as one failure of its
/// name and address, until [`finish`] finds the password right.
#[derive(Debug)]
pub struct Attempt {
    name: String,
    user: Option<UserRow>,
    /// The name's failures in the window before this attempt.
    failures_before: i64,
}

impl Attempt {
    /// The password check, the slow part (Argon2): needs no connection.
    pub fn password_matches(&self, password: &str) -> bool {
        match &self.user {
            Some(u) => password::verify(password, &u.password_hash) && u.active,
            None => {
                // Same work, same answer, whether the name or the password is wrong.
                password::verify(password, password::decoy_hash());
                false
            }
        }
    }

    /// How long to wait before answering a failure: repeated failures slow down before
    /// they lock.
    pub fn delay_on_failure(&self) -> std::time::Duration {
        std::time::Duration::from_millis(250 * (self.failures_before - 1).clamp(0, 4) as u64)
    }
}

/// The throttle's verdict, decided inside the transaction that counts.
enum Throttle {
    Open { failures: i64 },
    Locked { retry_after: i64 },
}

/// Checks the lengths and the throttle, then records the attempt as a failure before its
/// password is looked at. Counting and recording are one transaction, serialised per name
/// and address, so parallel guesses each take one of the limited places: a burst of ten
/// gets five answers and five 429s, never ten evaluations.
pub fn begin(
    conn: &mut Db,
    env: &Env,
    req: &LoginRequest,
    origin: &Origin,
) -> ServiceResult<Attempt> {
    let name = req.username.trim();
    if name.chars().count() > MAX_USERNAME {
        return Err(ServiceError::invalid(
            "username",
            crate::refusal::Refusal::of(crate::refusal::fields::TOO_LONG).arg("max", MAX_USERNAME),
        ));
    }
    if req.password.chars().count() > MAX_PASSWORD {
        return Err(ServiceError::invalid(
            "password",
            crate::refusal::Refusal::of(crate::refusal::fields::TOO_LONG).arg("max", MAX_PASSWORD),
        ));
    }
    let verdict = crate::in_tx(conn, |c| {
        store::security::serialize_attempts(c, name, &origin.address)?;
        let verdict = check_throttle(c, env, name, origin)?;
        if let Throttle::Open { .. } = verdict {
            store::security::record_failure(c, name, &origin.address, env.stamp())?;
        }
        Ok(verdict)
    })?;
    let failures_before = match verdict {
        Throttle::Open { failures } => failures,
        Throttle::Locked { retry_after } => {
            return Err(ServiceError::TooMany {
                refusal: Refusal::of(refusal::records::TOO_MANY_LOGINS)
                    .arg("minutes", (retry_after + 59) / 60),
                retry_after,
            })
        }
    };
    Ok(Attempt {
        name: name.to_string(),
        user: store::users::find_by_username(conn, name)?,
        failures_before,
    })
}

/// Whether the name or the address has too many recent failures; a new lock is written
/// to the audit log once.
fn check_throttle(
    conn: &mut WriteTx,
    env: &Env,
    name: &str,
    origin: &Origin,
) -> ServiceResult<Throttle> {
    let window = Duration::minutes(THROTTLE_MINUTES);
    let ((by_name, oldest_name), (by_addr, oldest_addr)) =
        store::security::failures_since(conn, name, &origin.address, env.stamp() - window)?;
    let (locked_since, locked_address) = match (
        by_name >= LOCK_AFTER_NAME,
        by_addr >= LOCK_AFTER_ADDRESS && !origin.address.is_empty(),
    ) {
        (true, _) => (oldest_name, None),
        (_, true) => (oldest_addr, Some(origin.address.as_str())),
        _ => return Ok(Throttle::Open { failures: by_name }),
    };
    let retry_after = locked_since.map_or(60, |t| (t + window - env.stamp()).num_seconds().max(1));
    // One entry per lock, not one per refused attempt (a way to fill the disk).
    if !store::security::lock_recorded(conn, name, locked_address)? {
        audit::record(
            conn,
            env,
            (None, name),
            origin,
            "login_locked",
            name,
            "too many failed logins",
        )?;
    }
    Ok(Throttle::Locked { retry_after })
}

/// Ends an attempt: a failure is audited (it was counted in [`begin`]) and answered 401;
/// a success clears the name's failures and opens a session.
pub fn finish(
    conn: &mut Db,
    env: &Env,
    attempt: Attempt,
    matched: bool,
    origin: &Origin,
) -> ServiceResult<LoginResponse> {
    let name = attempt.name.as_str();
    let Some(user) = attempt.user.filter(|_| matched) else {
        let record = |c: &mut WriteTx| {
            let why = "wrong user name or password";
            audit::record(c, env, (None, name), origin, "login_failed", name, why)
        };
        return crate::record_then_refuse(conn, record, wrong_credentials());
    };
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let expires_at = env.now + Duration::hours(i64::from(env.token_ttl_hours));
    crate::in_tx(conn, |c| {
        store::security::clear_failures(c, name, env.stamp() - Duration::hours(24))?;
        audit::record(
            c,
            env,
            (Some(user.id), &user.username),
            origin,
            "login",
            &user.username,
            "",
        )?;
        store::sessions::insert(
            c,
            &NewSession {
                user_id: user.id,
                token_hash: &token_hash(&token),
                created_at: env.stamp(),
                expires_at: expires_at.naive_utc(),
            },
        )?;
        Ok(())
    })?;
    Ok(LoginResponse {
        token,
        expires_at,
        user: UserView::from(user),
    })
}

/// The actor behind a bearer token, if the session is live and the user active.
pub fn authenticate(
    conn: &mut DbConn,
    env: &Env,
    token: &str,
    address: String,
) -> ServiceResult<Actor> {
    let found = store::sessions::live_user(conn, &token_hash(token), env.stamp())?;
    let (session_id, user) =
        found.ok_or_else(|| ServiceError::unauthorized(crate::refusal::records::TOKEN_INVALID))?;
    let role = user.role;
    Ok(Actor {
        user_id: user.id,
        role,
        enterprise_id: user.enterprise_id,
        session_id,
        address,
    })
}

pub fn logout(db: &mut Db, env: &Env, actor: &Actor) -> ServiceResult<()> {
    crate::in_tx(db, |conn| logout_in(conn, env, actor))
}

fn logout_in(conn: &mut WriteTx, env: &Env, actor: &Actor) -> ServiceResult<()> {
    store::sessions::revoke(conn, actor.session_id, env.stamp())?;
    let name = audit::name_of(conn, actor)?;
    audit::record(
        conn,
        env,
        (Some(actor.user_id), &name),
        &actor.origin(),
        "logout",
        &name,
        "",
    )?;
    Ok(())
}
