//! Sessions: log in with a password, get an opaque bearer token; the database keeps only
//! the token's SHA-256, so a leaked table grants nothing.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::store::{self, rows::NewSession, DbConn};

use super::users::UserView;
use super::{password, Actor, Env, Role, ServiceError, ServiceResult};

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
    ServiceError::Unauthorized("wrong user name or password".into())
}

pub fn login(conn: &mut DbConn, env: &Env, req: &LoginRequest) -> ServiceResult<LoginResponse> {
    let user = store::users::find_by_username(conn, req.username.trim())?;
    let Some(user) = user else {
        // Same work, same answer, whether the name or the password is wrong.
        password::verify(&req.password, password::decoy_hash());
        return Err(wrong_credentials());
    };
    if !password::verify(&req.password, &user.password_hash) || !user.active {
        return Err(wrong_credentials());
    }
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let expires_at = env.now + Duration::hours(i64::from(env.token_ttl_hours));
    store::sessions::insert(
        conn,
        &NewSession {
            user_id: user.id,
            token_hash: &token_hash(&token),
            created_at: env.stamp(),
            expires_at: expires_at.naive_utc(),
        },
    )?;
    Ok(LoginResponse {
        token,
        expires_at,
        user: UserView::from(user),
    })
}

/// The actor behind a bearer token, if the session is live and the user active.
pub fn authenticate(conn: &mut DbConn, env: &Env, token: &str) -> ServiceResult<Actor> {
    let found = store::sessions::live_user(conn, &token_hash(token), env.stamp())?;
    let (session_id, user) = found.ok_or_else(|| {
        ServiceError::Unauthorized("the token is unknown, expired or revoked".into())
    })?;
    let role = Role::parse(&user.role).ok_or_else(|| {
        ServiceError::Internal(format!("user {} has role {:?}", user.id, user.role))
    })?;
    Ok(Actor {
        user_id: user.id,
        role,
        enterprise_id: user.enterprise_id,
        session_id,
    })
}

pub fn logout(conn: &mut DbConn, env: &Env, actor: &Actor) -> ServiceResult<()> {
    store::sessions::revoke(conn, actor.session_id, env.stamp())?;
    Ok(())
}
