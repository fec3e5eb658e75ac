//! 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a
//! 31-symbol alphabet, the last a check character over the first 17.

use crate::refusal::enterprises::{CREDIT_CODE_CHECK, CREDIT_CODE_LENGTH, CREDIT_CODE_SYMBOLS};
use crate::refusal::Code;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters of a code.
pub fn check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (b, w) in bytes.iter().zip(WEIGHTS) {
        sum += value(*b)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

/// Why a code is not a valid 统一社会信用代码, or `None` if it is.
pub fn problem(code: &str) -> Option<Code> {
    if code.len() != 18 || !code.is_ascii() {
        return Some(CREDIT_CODE_LENGTH);
    }
    if code.bytes().any(|b| value(b).is_none()) {
        return Some(CREDIT_CODE_SYMBOLS);
    }
    let expected = check_char(&code[..17])?;
    if code.as_bytes()[17] as char != expected {
        return Some(CREDIT_CODE_CHECK);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_pass_and_altered_ones_fail() {
        // Well-formed codes (check character verified by hand) and single-character slips.
        assert_eq!(problem("91310000MA1FL4B24G"), None);
        assert_eq!(problem("91110000802100433B"), None);
        assert!(problem("91310000MA1FL4B24H").is_some());
        assert!(problem("9131000MA1FL4B24G").is_some());
        assert!(problem("91310000MA1FL4B2IG").is_some());
    }
}
