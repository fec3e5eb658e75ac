//! Refusals of an import: the file as a whole (too large, unreadable) and each bad row,
//! whose columns travel beside the code as the argument `column` (see
//! `imports::import_refusals`).

use report::import_limits::{size_text, ReadError};

codes! {
    /// The summary above the rows: `count` problems, nothing imported.
    ROWS_REFUSED = "rows_refused", "{count} problem(s) in the file; nothing was imported";
    FILE_LARGER_THAN_LIMIT = "file_larger_than_limit", "the file is larger than the limit of {limit}";
    FILE_TOO_LARGE = "file_too_large", "the file has {size}; the limit is {limit}";
    TOO_MANY_COLUMNS = "too_many_columns", "the file has more than {max} columns";
    TOO_MANY_ROWS = "too_many_rows", "the file has more than {max} rows below the header";
    INFLATES = "inflates", "the workbook inflates to more than {limit}";
    FILE_EMPTY = "file_empty", "the file is empty: the first row must name the columns";
    /// `reason` is the CSV reader's English.
    NOT_CSV = "not_csv", "not a readable UTF-8 CSV file: {reason}";
    /// `reason` is the XLSX reader's English.
    NOT_XLSX = "not_xlsx", "not a readable XLSX file: {reason}";
    NO_SHEET = "no_sheet", "the workbook has no sheet";
    /// `reason` is the XLSX reader's English.
    SHEET_UNREADABLE = "sheet_unreadable", "the first sheet cannot be read: {reason}";
    MISSING_COLUMNS = "missing_columns", "missing columns: {columns}";
    NO_ROWS = "no_rows", "no rows to import";
    DIFFERS_FROM_LINE = "differs_from_line", "differ from line {line} of the same project";
    STEP_TWICE = "step_twice", "{step} appears twice in project {project}";
    APPROVED_OR_REJECTED = "approved_or_rejected", "give one of them";
    WAIVED_ALONE = "waived_alone", "a waived step has no other dates";
    PREDECESSOR_NOT_FINISHED = "predecessor_not_finished", "{step} is accepted on {day} but {predecessor} (line {line}) had not finished by then";
    /// `first` and `then` are the English verbs of the actions (approve, accept…).
    EVENTS_OUT_OF_ORDER = "events_out_of_order", "{then} on {then_on} comes before {first} on {first_on}";
    /// The dates stand for events that cannot follow one another.
    NO_HISTORY = "no_history", "these dates do not make a history: cannot {action} a step that is {status}";
    UNKNOWN_CREDIT_CODE = "unknown_credit_code", "no enterprise has the credit code {code}";
    PROJECT_EXISTS = "project_exists", "{project} exists already for this enterprise";
    CODE_HELD = "code_held", "{code} is the code of a project already";
    CODE_TWICE_IN_FILE = "code_twice_in_file", "{code} is given to another project of the file";
    OWN_PROJECTS_ONLY = "own_projects_only", "a liaison imports projects assigned to themselves";
    WHOLE_DAYS = "whole_days", "must be whole working days, not {value}";
    NOT_A_DATE = "not_a_date", "must be a date (YYYY-MM-DD), not {value}";
    DATE_REQUIRED = "date_required", "must be a date (YYYY-MM-DD)";
    /// `name` is the first 20 characters of the too long name.
    NAME_TOO_LONG = "name_too_long", "{name}… is longer than {max} characters";
    NOTICE_ONLY_WITH_REQUESTED_ON = "notice_only_with_requested_on", "goes only with requested_on (补正)";
}

impl From<ReadError> for super::Refusal {
    fn from(e: ReadError) -> super::Refusal {
        use super::Refusal;
        match e {
            ReadError::FileTooLarge { size, limit } => Refusal::of(FILE_TOO_LARGE)
                .arg("size", size_text(size))
                .arg("limit", size_text(limit)),
            ReadError::TooManyColumns(max) => Refusal::of(TOO_MANY_COLUMNS).arg("max", max),
            ReadError::TooManyRows(max) => Refusal::of(TOO_MANY_ROWS).arg("max", max),
            ReadError::Inflates(limit) => Refusal::of(INFLATES).arg("limit", size_text(limit)),
            ReadError::Empty => Refusal::of(FILE_EMPTY),
            ReadError::NotCsv(reason) => Refusal::of(NOT_CSV).arg("reason", reason),
            ReadError::NotXlsx(reason) => Refusal::of(NOT_XLSX).arg("reason", reason),
            ReadError::NoSheet => Refusal::of(NO_SHEET),
            ReadError::SheetUnreadable(reason) => {
                Refusal::of(SHEET_UNREADABLE).arg("reason", reason)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Refusal;
    use report::import_limits::ReadError;

    #[test]
    fn a_read_error_says_what_it_said_before_codes() {
        let errors = [
            ReadError::FileTooLarge {
                size: 9 << 20,
                limit: 8 << 20,
            },
            ReadError::TooManyColumns(64),
            ReadError::TooManyRows(100_000),
            ReadError::Inflates(64 << 20),
            ReadError::Empty,
            ReadError::NotCsv("bad".into()),
            ReadError::NotXlsx("bad".into()),
            ReadError::NoSheet,
            ReadError::SheetUnreadable("bad".into()),
        ];
        for e in errors {
            assert_eq!(Refusal::from(e.clone()).english(), e.to_string());
        }
    }
}
