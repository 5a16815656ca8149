//! `F008 file-too-large`: The file is larger than --max-file-size and was not read.

use super::VALID_MINIMAL;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::read::ReadError;
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

/// The finding for the input `name`, which holds more than the limit and
/// was not read.
pub fn check(name: &str, error: &ReadError) -> Option<Diagnostic> {
    let ReadError::TooLarge { size, limit } = error else {
        return None;
    };
    Some(Diagnostic::new(
        &META,
        None,
        "",
        message(name, *size, *limit),
    ))
}

/// The message for the file `name` of `size` bytes, over `limit`.
pub fn message(name: &str, size: u64, limit: u64) -> Message {
    Message::new()
        .plain(ArgumentKind::Value, name)
        .then(holds(size, limit))
        .text("; it was not read")
}

/// " holds 200 bytes, more than the limit of 100".
fn holds(size: u64, limit: u64) -> Message {
    Message::new()
        .text(" holds ")
        .plain(ArgumentKind::Count, size)
        .text(" bytes, more than the limit of ")
        .plain(ArgumentKind::Count, limit)
}

/// The message for an editor's document of `size` bytes, over `limit`.
pub fn in_editor(size: u64, limit: u64) -> Message {
    Message::new()
        .text("this document")
        .then(holds(size, limit))
        .text("; it was not checked")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::Input;
    use crate::rules::testing::{fixture, of_rule};

    #[test]
    fn a_file_over_the_limit_is_reported_unread() {
        let input = Input::file(fixture("valid/group-2025.json"), "group-2025.json");
        let options = crate::lint::LintOptions {
            max_file_size: 100,
            ..crate::lint::LintOptions::default()
        };
        let report = crate::lint::lint_input(&input, &options);
        assert!(
            !report.failed,
            "a large file is a finding, not a broken run"
        );
        let found = of_rule(&META, &report);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("group-2025.json holds ")
                && found[0]
                    .message
                    .ends_with("more than the limit of 100; it was not read"),
            "{}",
            found[0].message
        );
        let whole = crate::lint::lint_input(&input, &crate::lint::LintOptions::default());
        assert!(of_rule(&META, &whole).is_empty());
    }

    #[test]
    fn an_editor_is_told_the_document_was_not_checked() {
        let message = in_editor(200, 100);
        assert_eq!(
            message.text,
            "this document holds 200 bytes, more than the limit of 100; it was not checked"
        );
        let values: Vec<&str> = message.arguments.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(values, ["200", "100"]);
    }
}
