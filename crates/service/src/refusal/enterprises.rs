//! Refusals of an enterprise's 统一社会信用代码 (the check in `enterprises::credit_code`).

codes! {
    CREDIT_CODE_LENGTH = "credit_code_length", "must be 18 characters (统一社会信用代码)";
    CREDIT_CODE_SYMBOLS = "credit_code_symbols", "may hold only digits and capital letters other than I, O, Z, S, V";
    CREDIT_CODE_CHECK = "credit_code_check", "its last character does not match the check character";
}
