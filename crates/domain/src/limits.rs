//! How long text and how large a project may be (docs/rules.md, "Input the product refuses"):
//! one place, so the API, the pages, import and the command line refuse alike.

/// Names: projects, enterprises, steps, agencies.
pub const MAX_NAME: usize = 200;
/// Free text kept with a record: notes, answers.
pub const MAX_NOTE: usize = 4000;
/// User names, at sign-in as at creation.
/// A step event's note, 补正 notice or withdrawal reason: a few paragraphs at most.
pub const MAX_EVENT_TEXT: usize = 2000;

pub const MAX_USERNAME: usize = 64;
/// A password at sign-in: longer ones are refused before any hashing work.
pub const MAX_PASSWORD: usize = 256;
/// Steps of one project.
pub const MAX_STEPS: usize = 500;
