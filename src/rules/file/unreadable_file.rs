//! `F006 unreadable-file`: The file could not be read.

use super::VALID_MINIMAL;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F006",
    name: "unreadable-file",
    severity: Severity::Error,
    summary: "The file could not be read.",
    what: "Reports the operating system's error when a file cannot be opened or read \
           (permissions, a broken link, a device). pilint exits with status 2.",
    why: "A file that cannot be read was not checked; a green run must not hide it.",
    note: "this file was not checked",
    help: "check the path and its permissions",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose(
        "A path without read permission: see the unreadable-file test in tests/cli.rs.",
    ),
    valid: Example::json(VALID_MINIMAL),
};
