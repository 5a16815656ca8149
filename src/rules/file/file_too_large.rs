//! `F008 file-too-large`: The file is larger than --max-file-size and was not read.

use super::VALID_MINIMAL;
use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F008",
    name: "file-too-large",
    severity: Severity::Error,
    summary: "The file is larger than --max-file-size and was not read.",
    what: "Reports a file (or standard input) holding more bytes than `--max-file-size` \
           (default 128 MiB), without reading it into memory.",
    why: "Real PI submissions are kilobytes; a file of hundreds of megabytes is an export \
          gone wrong, and reading it whole would exhaust a CI runner's memory.",
    note: "the file was not checked",
    help: "check what produced the file, or raise --max-file-size",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose("A 200 MB file: see the file-too-large test in tests/hostile_json.rs."),
    valid: Example::json(VALID_MINIMAL),
};
