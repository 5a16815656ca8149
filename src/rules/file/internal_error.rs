//! `F007 internal-error`: pilint failed while checking this file.

use super::VALID_MINIMAL;
use std::any::Any;

use crate::diagnostic::{Diagnostic, Severity};
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

/// The finding for a check of a file that panicked with `panic`, its
/// text the reason.
pub fn check(panic: &(dyn Any + Send)) -> Diagnostic {
    let reason = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Diagnostic::new(&META, None, "", message(&reason))
}

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

    #[test]
    fn the_panic_text_is_the_reason() {
        let payload: Box<dyn Any + Send> = Box::new(String::from("boom"));
        assert_eq!(
            check(payload.as_ref()).message,
            "pilint failed while checking this file: boom"
        );
        let payload: Box<dyn Any + Send> = Box::new(7_u8);
        assert!(check(payload.as_ref()).message.ends_with("unknown panic"));
    }
}
