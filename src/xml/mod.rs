//! The QRDA Category III XML front end: a safe streaming read, envelope and
//! structure checks (the `Q` family, mirroring CMS's converter and going
//! beyond it where CMS rejects the data later), and decoding into the same
//! model the JSON front end builds.

pub mod dates;
pub mod decode;
pub mod envelope;
pub mod facts;
pub mod paths;
pub mod pi_section;
pub mod programs;
pub mod reader;
pub mod templates;
pub mod years;

use crate::diagnostic::Diagnostic;
use crate::model::Submission;
use crate::rules::file::{INVALID_UTF8, NOT_QRDA3_DOCUMENT};
use crate::rules::qrda;
use crate::rules::registry::RuleMeta;
use crate::source::{SourceFile, Span};
use reader::{AttrValue, Doc, Element, Limits, Stop};

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
    let first = source.clamp_span(Span::new(0, 1));
    if source.text.len() > limits.max_bytes {
        return stop(Diagnostic::new(
            &qrda::XML_LIMIT_EXCEEDED,
            Some(first),
            "",
            qrda::xml_limit_exceeded::too_large(source.text.len(), limits.max_bytes),
        ));
    }
    if let Some(at) = source.invalid_utf8_at {
        return stop(Diagnostic::new(
            &INVALID_UTF8,
            Some(source.clamp_span(Span::new(at, at + 1))),
            "",
            crate::rules::file::invalid_utf8::message(at, false),
        ));
    }
    // A byte-order mark is allowed in XML; the reader starts after it.
    let base = if source.text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let doc = match reader::read(&source.text, base, limits) {
        Ok(doc) => doc,
        Err(reason) => return stop(stopped(source, reason, limits)),
    };
    let root = doc.node(Doc::ROOT).element;
    if doc
        .node(Doc::ROOT)
        .hits(templates::Field::DocumentTemplate)
        .next()
        .is_none()
    {
        return stop(at_element(
            &doc,
            &NOT_QRDA3_DOCUMENT,
            root,
            crate::rules::file::not_qrda3_document::no_qrda3_template(templates::CMS_QRDA3_REPORT),
        ));
    }
    let mut diagnostics = Vec::new();
    envelope::check(&doc, &mut diagnostics);
    pi_section::check(&doc, &mut diagnostics);
    XmlOutcome {
        diagnostics,
        submission: Some(decode::decode(&doc)),
    }
}

fn stopped(source: &SourceFile, reason: Stop, limits: Limits) -> Diagnostic {
    match reason {
        Stop::Malformed {
            span,
            message,
            opened,
        } => {
            let diagnostic = Diagnostic::new(
                &qrda::INVALID_XML,
                Some(source.clamp_span(span)),
                "",
                qrda::invalid_xml::message(&message),
            );
            match opened {
                Some(opened) => diagnostic.with_related(opened, qrda::invalid_xml::OPENED_HERE),
                None => diagnostic,
            }
        }
        Stop::Doctype { span } => Diagnostic::new(
            &qrda::DOCTYPE_NOT_ALLOWED,
            Some(source.clamp_span(span)),
            "",
            qrda::doctype_not_allowed::MESSAGE,
        ),
        Stop::TooDeep { span, depth } => Diagnostic::new(
            &qrda::XML_LIMIT_EXCEEDED,
            Some(source.clamp_span(span)),
            "",
            qrda::xml_limit_exceeded::too_deep(depth, limits.max_depth),
        ),
        Stop::NotClinicalDocument { span, name } => Diagnostic::new(
            &NOT_QRDA3_DOCUMENT,
            Some(source.clamp_span(span)),
            "",
            crate::rules::file::not_qrda3_document::wrong_root(&name),
        ),
    }
}

/// A finding at an element's start tag.
pub(crate) fn at_element(
    doc: &Doc,
    rule: &'static RuleMeta,
    element: Element,
    message: impl Into<crate::diagnostic::Message>,
) -> Diagnostic {
    Diagnostic::new(rule, Some(element.span), doc.xpath(element), message)
}

/// A finding at an attribute's value.
pub(crate) fn at_value(
    doc: &Doc,
    rule: &'static RuleMeta,
    element: Element,
    value: &AttrValue,
    attribute: &str,
    message: impl Into<crate::diagnostic::Message>,
) -> Diagnostic {
    Diagnostic::new(
        rule,
        Some(value.span),
        doc.attribute_path(element, attribute),
        message,
    )
}
