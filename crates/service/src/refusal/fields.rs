//! Refusals of single input fields, shared by every form.

codes! {
    REQUIRED = "required", "must not be blank";
    /// A choice or value that must be given (no text to be blank).
    MISSING = "missing", "required";
    TO_BEFORE_FROM = "to_before_from", "must not be before from";
    /// An id naming no enterprise.
    NO_SUCH_ENTERPRISE = "no_such_enterprise", "no enterprise has id {id}";
    DATE_OUT_OF_RANGE = "date_out_of_range", "{day} is outside 2000-01-01 … 2100-12-31";
    TOO_LONG = "too_long", "must be at most {max} characters";
    EMAIL = "email", "must be an email address such as name@example.cn";
    PHONE = "phone", "must be a phone number such as 0571-8888 1234";
    MOBILE = "mobile", "must be a mobile number of 11 digits such as 13812345678";
}

/// A day (or year) outside the product's range (`domain::dates`).
impl From<domain::dates::OutOfRange> for super::Refusal {
    fn from(e: domain::dates::OutOfRange) -> super::Refusal {
        super::Refusal::of(DATE_OUT_OF_RANGE).arg("day", e.0)
    }
}
