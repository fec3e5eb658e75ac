//! Refusals of accounts, sign-in and passwords.

codes! {
    TOO_MANY_LOGINS = "too_many_logins", "too many failed logins; try again in {minutes} minute(s)";
}
