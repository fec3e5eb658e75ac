//! Password hashing (argon2id) and the rules a new password must meet.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

use crate::ServiceError;

pub const MIN_LENGTH: usize = 10;

/// Checks a new password: long enough, not only one kind of character, not the user name.
pub fn check_rules(password: &str, username: &str) -> Result<(), ServiceError> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(ServiceError::invalid(
            "password",
            crate::refusal::Refusal::of(crate::refusal::records::PASSWORD_TOO_SHORT)
                .arg("min", MIN_LENGTH),
        ));
    }
    if len > 256 {
        return Err(ServiceError::invalid(
            "password",
            crate::refusal::Refusal::of(crate::refusal::fields::TOO_LONG).arg("max", 256),
        ));
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_other = password.chars().any(|c| !c.is_alphabetic());
    if !(has_letter && has_other) {
        return Err(ServiceError::invalid(
            "password",
            crate::refusal::records::PASSWORD_MIX,
        ));
    }
    if password.to_lowercase().contains(&username.to_lowercase()) {
        return Err(ServiceError::invalid(
            "password",
            crate::refusal::records::PASSWORD_HAS_USERNAME,
        ));
    }
    Ok(())
}

pub fn hash(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::caused("password hashing failed", e))
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the user does not exist, so that a wrong user name
/// takes as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Wb1bXb4oGKu2Zs1uz6pdF6K5ETQWIlUBhH8bo5VvlDk"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_rules_refuse_weak_passwords() {
        let h = hash("correct horse 1").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse 1", &h));
        assert!(!verify("correct horse 2", &h));
        assert!(check_rules("short1", "wang").is_err());
        assert!(check_rules("onlyletterslong", "wang").is_err());
        assert!(check_rules("wang-is-great-1", "wang").is_err());
        assert!(check_rules("Zone-liaison-2026", "wang").is_ok());
        assert!(!verify("anything", decoy_hash()));
    }
}
