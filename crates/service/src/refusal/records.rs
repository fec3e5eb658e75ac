//! Refusals of accounts, sign-in and passwords.

codes! {
    ENTERPRISE_ACCOUNT_NEEDS_ENTERPRISE = "enterprise_account_needs_enterprise", "an enterprise account needs its enterprise";
    ONLY_ENTERPRISE_ACCOUNTS_BELONG = "only_enterprise_accounts_belong", "only enterprise accounts belong to an enterprise";
    USERNAME_RULE = "username_rule", "3 to 64 letters, digits, '.', '_' or '-'";
    USERNAME_TAKEN = "username_taken", "the user name \"{name}\" is taken";
    ADMIN_CANNOT_DEMOTE_SELF = "admin_cannot_demote_self", "administrators cannot demote or disable themselves";
    PASSWORD_TOO_SHORT = "password_too_short", "must be at least {min} characters";
    PASSWORD_MIX = "password_mix", "must mix letters with digits or symbols";
    PASSWORD_HAS_USERNAME = "password_has_username", "must not contain the user name";
    CURRENT_PASSWORD_WRONG = "current_password_wrong", "the current password is not right";
    ACCOUNT_DISABLED = "account_disabled", "the account is disabled";
    PASSWORD_UNCHANGED = "password_unchanged", "must differ from the current password";
    WRONG_CREDENTIALS = "wrong_credentials", "wrong user name or password";
    TOKEN_INVALID = "token_invalid", "the token is unknown, expired or revoked";
    TOO_MANY_LOGINS = "too_many_logins", "too many failed logins; try again in {minutes} minute(s)";
}
