//! `F006 unreadable-file`: The file could not be read.

use super::VALID_MINIMAL;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::read::ReadError;
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

/// The finding for the input `name` that the operating system would not
/// read.
pub fn check(name: &str, error: &ReadError) -> Option<Diagnostic> {
    let ReadError::Io(error) = error else {
        return None;
    };
    Some(Diagnostic::new(&META, None, "", message(name, error)))
}

/// The message for the file `name` that the operating system would not
/// read, with its error.
pub fn message(name: &str, error: &std::io::Error) -> Message {
    Message::new()
        .text("cannot read ")
        .plain(ArgumentKind::Value, name)
        .text(&format!(": {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::Input;
    use crate::rules::testing::{fixture, of_rule};

    #[test]
    fn a_path_that_cannot_be_read_is_reported_and_fails_the_run() {
        let path = fixture("no-such-file.json");
        let input = Input::file(path, "no-such-file.json");
        let report = crate::lint::lint_input(&input, &crate::lint::LintOptions::default());
        assert!(report.failed);
        let found = of_rule(&META, &report);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("cannot read no-such-file.json: "),
            "{}",
            found[0].message
        );
    }
}
