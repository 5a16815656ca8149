//! `Q003 xml-limit-exceeded`: The file is larger, or nested deeper, than pilint decodes.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::Limits;
use crate::rules::registry::{Example, RuleMeta};
use crate::source::{SourceFile, Span};

pub static META: RuleMeta = RuleMeta {
    code: "Q003",
    name: "xml-limit-exceeded",
    severity: Severity::Error,
    summary: "The file is larger, or nested deeper, than pilint decodes.",
    what: "Reports a QRDA III file over 64 MiB, or elements nested more than 256 deep (a real \
           QRDA III nests about 15 deep), and stops reading it, so that a hostile file cannot \
           exhaust memory or time.",
    why: "CMS's converter sets no such limits, but no genuine QRDA III \
          file comes near them: CMS's largest samples are about 1.3 MB. A file past them is \
          broken or hostile, and pilint must stay fast and bounded on every input.",
    note: "pilint bounds file size and nesting to stay fast on any input",
    help: "check that this is the QRDA III file you meant to submit",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose(
        "A document nested 100,000 elements deep: see `deep_nesting_is_bounded` in \
         tests/qrda3_hostile.rs and fixtures/invalid/qrda3/xml-limit-exceeded.xml.",
    ),
    valid: VALID,
};

/// The message for a file of `size` bytes, over `max` (nothing is read).
pub fn too_large(size: usize, max: usize) -> Message {
    Message::new()
        .text("the file is ")
        .plain(ArgumentKind::Count, size)
        .text(&format!(
            " bytes; pilint decodes QRDA III files of at most {max} bytes"
        ))
}

/// The message at an element nested `depth` deep, over `max`.
pub fn too_deep(depth: usize, max: usize) -> Message {
    Message::new()
        .text("elements are nested ")
        .plain(ArgumentKind::Count, depth)
        .text(&format!(" deep here; pilint decodes at most {max} levels"))
}

/// Q003, before anything is read: the file is larger than the reader
/// accepts (the finding is at its first byte).
pub fn check_size(source: &SourceFile, limits: Limits) -> Option<Diagnostic> {
    (source.text.len() > limits.max_bytes).then(|| {
        Diagnostic::new(
            &META,
            Some(source.clamp_span(Span::new(0, 1))),
            "",
            too_large(source.text.len(), limits.max_bytes),
        )
    })
}

/// Q003, where the reader stopped: an element at `span` nested `depth`
/// deep, over the limit.
pub fn check_depth(source: &SourceFile, span: Span, depth: usize, limits: Limits) -> Diagnostic {
    Diagnostic::new(
        &META,
        Some(source.clamp_span(span)),
        "",
        too_deep(depth, limits.max_depth),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings, fixture_findings};

    #[test]
    fn the_fixture_nests_too_deep() {
        let found = fixture_findings(&META, "invalid/qrda3/xml-limit-exceeded.xml");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].at.starts_with('<'),
            "at an element: {:?}",
            found[0].at
        );
        assert_eq!(found[0].message, too_deep(257, 256).text);
        assert!(findings(&META, &META.valid).is_empty());
    }

    #[test]
    fn the_size_limit_has_its_own_words() {
        assert_eq!(
            too_large(200, 100).text,
            "the file is 200 bytes; pilint decodes QRDA III files of at most 100 bytes"
        );
    }
}
