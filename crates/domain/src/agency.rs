//! Agencies as the zone knows them: each once, with a name and a short name. "Lead"
//! (牵头) is a mark on a step, not part of an agency's name.

/// The old way of writing the lead mark into the name, full-width or ASCII brackets.
const LEAD_SUFFIXES: [&str; 2] = ["（牵头）", "(牵头)"];

/// Splits a name as people write it into the agency's name and the lead mark:
/// "区建管委（牵头）" is 区建管委 leading the step.
pub fn split_lead(written: &str) -> (&str, bool) {
    let trimmed = written.trim();
    for suffix in LEAD_SUFFIXES {
        if let Some(name) = trimmed.strip_suffix(suffix) {
            return (name.trim_end(), true);
        }
    }
    (trimmed, false)
}

/// The longest agency name and short name accepted, in characters.
pub const MAX_NAME: usize = 100;
pub const MAX_SHORT_NAME: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_mark_leaves_the_name() {
        assert_eq!(split_lead("区建管委（牵头）"), ("区建管委", true));
        assert_eq!(split_lead(" 区建管委 (牵头) "), ("区建管委", true));
        assert_eq!(split_lead("区建管委"), ("区建管委", false));
        // Only a suffix is a mark: a name that merely contains the word keeps it.
        assert_eq!(split_lead("牵头办公室"), ("牵头办公室", false));
    }
}
