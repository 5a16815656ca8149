//! The QRDA Category III XML front end: it reads the file
//! (`crate::qrda3_reader`), runs the `Q` checks in their order
//! (`checks.rs`; each check is its rule file's, `src/rules/qrda/`), and
//! decodes the document into the same model the JSON front end builds.

pub mod checks;
pub mod decode;


use crate::diagnostic::Diagnostic;
use crate::model::Submission;
use crate::qrda3_reader::{Limits, Stop};
use crate::rules::file::{invalid_utf8, not_qrda3_document};
use crate::rules::qrda::{doctype_not_allowed, invalid_xml, xml_limit_exceeded};
use crate::source::SourceFile;

/// What the XML front end learnt about one file.
pub struct XmlOutcome {
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the file is not a well-formed, safe QRDA III document.
    pub submission: Option<Submission>,
}

pub fn check(source: &SourceFile) -> XmlOutcome {
    check_with_limits(source, Limits::default())
}

/// [`check`] with explicit bounds (tests use small ones).
pub fn check_with_limits(source: &SourceFile, limits: Limits) -> XmlOutcome {
    let stop = |diagnostic| XmlOutcome {
        diagnostics: vec![diagnostic],
        submission: None,
    };
    if let Some(too_large) = xml_limit_exceeded::check_size(source, limits) {
        return stop(too_large);
    }
    if let Some(not_utf8) = invalid_utf8::check_xml(source) {
        return stop(not_utf8);
    }
    // A byte-order mark is allowed in XML; the reader starts after it.
    let base = if source.text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let doc = match crate::qrda3_reader::read(&source.text, base, limits) {
        Ok(doc) => doc,
        Err(reason) => return stop(stopped(source, reason, limits)),
    };
    if let Some(not_qrda3) = not_qrda3_document::check_template(&doc) {
        return stop(not_qrda3);
    }
    let mut diagnostics = Vec::new();
    checks::run(&doc, &mut diagnostics);
    XmlOutcome {
        diagnostics,
        submission: Some(decode::decode(&doc)),
    }
}

/// The finding for a file the reader stopped in: the `Q` rule of the
/// reader's reason, or `not-qrda3-document` for another root element.
fn stopped(source: &SourceFile, reason: Stop, limits: Limits) -> Diagnostic {
    match reason {
        Stop::Malformed {
            span,
            problem,
            opened,
        } => invalid_xml::check(source, span, &problem, opened),
        Stop::Doctype { span } => doctype_not_allowed::check(source, span),
        Stop::TooDeep { span, depth } => {
            xml_limit_exceeded::check_depth(source, span, depth, limits)
        }
        Stop::NotClinicalDocument { span, name } => {
            not_qrda3_document::check_root(source, span, &name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_with_limits;
    use crate::qrda3_reader::Limits;
    use crate::source::SourceFile;

    #[test]
    fn a_file_over_the_size_limit_is_not_decoded() {
        let text = std::fs::read_to_string("fixtures/valid/qrda3/group-2025.xml").expect("fixture");
        let limits = Limits {
            max_bytes: 1024,
            ..Limits::default()
        };
        let outcome = check_with_limits(&SourceFile::from_text("big.xml", text), limits);
        let found: Vec<_> = outcome.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(found, ["Q003"]);
        assert!(outcome.submission.is_none());
    }
}
