//! `F007 internal-error`: pilint failed while checking this file.

use super::VALID_MINIMAL;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F007",
    name: "internal-error",
    severity: Severity::Error,
    summary: "pilint failed while checking this file.",
    what: "Reports a bug in pilint that stopped the check of one file; the other files are \
           still checked and pilint exits with status 2.",
    why: "One bad file must never stop the others, and a crash must never look like a pass.",
    note: "this is a bug in pilint, not necessarily in the file",
    help: "please report it with the file (masked) and the message",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose("Any input that triggers a pilint bug; none is known."),
    valid: Example::json(VALID_MINIMAL),
};

/// The message for a check of a file that panicked with `reason`.
pub fn message(reason: &str) -> String {
    format!("pilint failed while checking this file: {reason}")
}

/// The message in an editor, which shows no panic text.
pub const IN_EDITOR: &str = "pilint failed while checking this document";

#[cfg(test)]
mod tests {
    use super::*;

    // A real panic is exercised end to end by tests/fixture_snapshots.rs
    // (PILINT_TEST_PANIC_ON); an environment switch is no place for a parallel unit test.
    #[test]
    fn the_message_carries_the_panic() {
        assert_eq!(
            message("index out of bounds"),
            "pilint failed while checking this file: index out of bounds"
        );
        assert!(!IN_EDITOR.contains("file:"));
    }
}
