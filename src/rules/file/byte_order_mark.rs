//! `F003 byte-order-mark`: The file starts with a UTF-8 byte-order mark.

use super::VALID_MINIMAL;
use crate::diagnostic::{Diagnostic, Severity};
use crate::json_syntax::Problem;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F003",
    name: "byte-order-mark",
    severity: Severity::Error,
    summary: "The file starts with a UTF-8 byte-order mark.",
    what: "Reports a leading U+FEFF. pilint then checks the rest of the file as if the mark \
           were not there, so the other findings are still useful.",
    why: "RFC 8259 §8.1: implementations \"MUST NOT add a byte order mark\" and parsers may \
          reject one; strict JSON parsers such as the one behind the Submissions API treat it \
          as an invalid character.",
    note: "JSON text must not begin with a byte-order mark (RFC 8259 §8.1)",
    help: "save the file as UTF-8 without BOM (\"UTF-8\" rather than \"UTF-8 with BOM\")",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(concat!("\u{feff}", crate::valid_2025!())),
    valid: Example::json(VALID_MINIMAL),
};

/// The finding at a leading byte-order mark.
pub fn check(problem: &Problem) -> Option<Diagnostic> {
    let Problem::ByteOrderMark { span } = problem else {
        return None;
    };
    Some(Diagnostic::new(&META, Some(*span), "", MESSAGE))
}

/// The message, at the mark.
pub const MESSAGE: &str = "the file starts with a UTF-8 byte-order mark";

/// The message in an editor, which keeps the mark out of the buffer (VS
/// Code and Neovim both do) but writes it back on save.
pub const HIDDEN_BY_EDITOR: &str = "the file on disk starts with a UTF-8 byte-order mark, \
                                    which the editor hides and writes back on save";

/// The help of [`HIDDEN_BY_EDITOR`].
pub const HIDDEN_BY_EDITOR_HELP: &str = "save the file as UTF-8 without BOM (VS Code: Save \
                                         with Encoding → UTF-8; Neovim: `:set nobomb` then \
                                         `:write`)";

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "\u{feff}");
    }
}
