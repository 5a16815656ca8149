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
