//! The `F` family: the file itself.
//!
//! The reading layers (`read.rs`, `json_syntax`) find what is wrong with a
//! file's bytes and syntax and return it as data ([`ReadError`],
//! [`Problem`]); each rule's `check` claims its own kind of fact and builds
//! the finding. One file per rule holds its [`RuleMeta`] (docs and
//! examples), its check, its message builders and its tests. `RULES`
//! registers them (`registry::tests` fails on a rule file that is not
//! registered).

use crate::diagnostic::Diagnostic;
use crate::json_syntax::Problem;
use crate::read::ReadError;
use crate::rules::registry::RuleMeta;

const VALID_MINIMAL: &str = crate::valid_2025!();

pub mod byte_order_mark;
pub mod duplicate_key;
pub mod file_too_large;
pub mod internal_error;
pub mod invalid_json;
pub mod invalid_utf8;
pub mod not_qrda3_document;
pub mod unreadable_file;

pub use byte_order_mark::META as BYTE_ORDER_MARK;
pub use duplicate_key::META as DUPLICATE_KEY;
pub use file_too_large::META as FILE_TOO_LARGE;
pub use internal_error::META as INTERNAL_ERROR;
pub use invalid_json::META as INVALID_JSON;
pub use invalid_utf8::META as INVALID_UTF8;
pub use not_qrda3_document::META as NOT_QRDA3_DOCUMENT;
pub use unreadable_file::META as UNREADABLE_FILE;

/// Every rule of the family, in code order.
pub static RULES: &[&RuleMeta] = &[
    &INVALID_JSON,
    &INVALID_UTF8,
    &BYTE_ORDER_MARK,
    &DUPLICATE_KEY,
    &NOT_QRDA3_DOCUMENT,
    &UNREADABLE_FILE,
    &INTERNAL_ERROR,
    &FILE_TOO_LARGE,
];

/// The finding for a problem of the JSON syntax layer: each rule's check
/// decides whether the problem is its own.
pub fn check_syntax(problem: &Problem) -> Option<Diagnostic> {
    invalid_utf8::check(problem)
        .or_else(|| byte_order_mark::check(problem))
        .or_else(|| invalid_json::check(problem))
        .or_else(|| duplicate_key::check(problem))
}

/// The finding for an input `name` that was not read.
pub fn check_read(name: &str, error: &ReadError) -> Option<Diagnostic> {
    unreadable_file::check(name, error).or_else(|| file_too_large::check(name, error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    /// Every kind of fact the reading layers return is claimed by exactly
    /// one rule.
    #[test]
    fn every_problem_is_one_rules() {
        let span = Span::new(0, 1);
        let problems = [
            Problem::InvalidUtf8 {
                offset: 0,
                utf16: false,
                span,
            },
            Problem::ByteOrderMark { span },
            Problem::DuplicateKey {
                key: "\"a\"".to_owned(),
                pointer: "/a".to_owned(),
                first: span,
                second: span,
            },
            Problem::Syntax {
                span,
                reason: "trailing comma".to_owned(),
                at: Some(','),
                empty: false,
            },
        ];
        let checks: [fn(&Problem) -> Option<Diagnostic>; 4] = [
            invalid_utf8::check,
            byte_order_mark::check,
            invalid_json::check,
            duplicate_key::check,
        ];
        for problem in &problems {
            let claimed = checks.iter().filter_map(|check| check(problem)).count();
            assert_eq!(claimed, 1, "{problem:?}");
            assert!(check_syntax(problem).is_some());
        }
        let errors = [
            ReadError::Io(std::io::Error::other("denied")),
            ReadError::TooLarge { size: 2, limit: 1 },
        ];
        for error in &errors {
            let claimed = [unreadable_file::check, file_too_large::check]
                .iter()
                .filter_map(|check| check("f.json", error))
                .count();
            assert_eq!(claimed, 1, "{error:?}");
        }
    }
}
