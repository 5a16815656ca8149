//! `F002 invalid-utf8`: The file contains bytes that are not UTF-8.

use super::VALID_MINIMAL;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F002",
    name: "invalid-utf8",
    severity: Severity::Error,
    summary: "The file contains bytes that are not UTF-8.",
    what: "Reports the first byte sequence that is not valid UTF-8 (often a Windows-1252 `é` \
           or `’` pasted into a name).",
    why: "JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1); the Submissions \
          API cannot decode other encodings.",
    note: "JSON exchanged between systems must be encoded as UTF-8 (RFC 8259 §8.1)",
    help: "re-save the file as UTF-8",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose("A file holding the byte 0xFF: see fixtures/invalid/not-utf8.json."),
    valid: Example::json(VALID_MINIMAL),
};
