//! Refusals of a project's 统一项目代码.

codes! {
    PROJECT_CODE_SHAPE = "project_code_shape", "must have the shape 2019-310117-04-01-000123 (统一项目代码: 24 characters, digits in five groups)";
    /// Answered as a conflict; the pages show it at the project code field.
    PROJECT_CODE_TAKEN = "project_code_taken", "project {project} already has the project code {code}";
}
