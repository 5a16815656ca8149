//! `Q004 ig-version-mismatch`: The QRDA III templateId extension is not the implementation guide of
//! the performance year.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, Hit, facts, years};
use crate::rules::qrda::support::{at_element, at_value};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q004",
    name: "ig-version-mismatch",
    severity: Severity::Error,
    summary: "The QRDA III templateId extension is not the implementation guide of the performance year.",
    what: "Compares the extension of `ClinicalDocument/templateId[@root='2.16.840.1.113883.10.20.27.1.2']` \
           with the one CMS published for the document's performance year (`2022-12-01` for \
           2023 and 2024, `2024-12-01` for 2025), and names the expected extension. A \
           superseded version of the year's guide is named as such (`2024-07-01` is the 2025 \
           guide v1.0, superseded by v1.1, `2024-12-01`; `2022-05-01` is the 2023 guide v1.0). \
           When the period and the extension disagree, the message names both; a period older \
           than every supported year in a document written to a current guide is reported at \
           the period, which is then the likely mistake. A missing extension is an error too. \
           For a year whose guide pilint has not recorded yet, the finding is information \
           only, and every other check still runs.",
    why: "CMS's converter accepts exactly one extension at a time and rejects anything else \
          with error 5 (NOT_VALID_QRDA_DOCUMENT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/model/TemplateId.java`): \
          a 2025 file written to the 2023–2024 guide, or to the superseded first version of the \
          2025 guide, is rejected whole (CMS QRDA III Implementation Guide for Eligible \
          Clinicians, eCQI Resource Center, per performance year).",
    note: "CMS accepts only the QRDA III implementation guide of the performance year (converter error 5)",
    help: "write the extension CMS's QRDA III implementation guide for this year gives",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2022-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_GROUP"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

// In every message, `extension` is the templateId extension as written and
// `described` what pilint knows of it ("is the CMS QRDA III implementation
// guide for 2023 and 2024").

/// The templateId has no extension; `expected` is the year's extension,
/// with the year, when the document's year is known and supported.
pub fn no_extension(expected: Option<(&str, i64)>) -> Message {
    match expected {
        Some((expected, year)) => Message::new()
            .text(&format!(
                "the CMS QRDA III templateId has no extension; CMS expects `{expected}` for performance year "
            ))
            .plain(ArgumentKind::Year, year),
        None => "the CMS QRDA III templateId has no extension naming its implementation guide"
            .into(),
    }
}

/// A superseded version of the guide of `year`, whose current one is
/// `expected`.
pub fn superseded(extension: &str, described: &str, expected: &str, year: i64) -> Message {
    Message::new()
        .text("templateId extension ")
        .quoted(ArgumentKind::Value, extension)
        .text(&format!(" {described}; CMS accepts only `{expected}` for "))
        .plain(ArgumentKind::Year, year)
}

/// A period in `year`, older than every supported year, in a document
/// written to a current guide: reported at the period.
pub fn period_suspect(year: i64, extension: &str, described: &str) -> Message {
    Message::new()
        .text("the performance period starts in ")
        .plain(ArgumentKind::Year, year)
        .text(", but templateId extension ")
        .quoted(ArgumentKind::Value, extension)
        .text(&format!(" {described}: check the period (a "))
        .plain(ArgumentKind::Year, year)
        .text(" file would need that year's guide)")
}

/// The label of the extension, related to [`period_suspect`].
pub const GUIDE_LABEL: &str = "the implementation guide of the document";

/// The help of [`period_suspect`].
pub const PERIOD_SUSPECT_HELP: &str = "correct the performance period, or the templateId extension if the file really is for this year";

/// The extension is the guide of `belongs` (described: "2023 and 2024"),
/// the period is in `year`, whose guide is `expected`.
pub fn disagree(
    extension: &str,
    described: &str,
    year: i64,
    expected: &str,
    belongs: &str,
) -> Message {
    Message::new()
        .text("templateId extension ")
        .quoted(ArgumentKind::Value, extension)
        .text(&format!(
            " {described}, but the performance period is in "
        ))
        .plain(ArgumentKind::Year, year)
        .text(&format!(": if the period is right, CMS expects `{expected}`; if the extension is right, the period should be in {belongs}"))
}

/// The help of [`disagree`].
pub const DISAGREE_HELP: &str =
    "correct whichever is wrong: the templateId extension or the performance period";

/// The label of the period that gives `year`.
pub fn period_label(year: i64) -> String {
    format!("performance year {year} comes from here")
}

/// An extension that is not the guide of `year`, whose guide is `expected`.
pub fn expected(extension: &str, described: &str, expected: &str, year: i64) -> Message {
    Message::new()
        .text("templateId extension ")
        .quoted(ArgumentKind::Value, extension)
        .text(&format!(" {described}; CMS expects `{expected}` for "))
        .plain(ArgumentKind::Year, year)
}

/// No guide is on record for `year`; `latest` is the newest pilint knows,
/// with its year.
pub fn year_not_on_record(year: i64, extension: &str, latest: Option<(&str, i64)>) -> Message {
    let latest = latest
        .map(|(e, y)| format!("; the newest pilint knows is `{e}` ({y})"))
        .unwrap_or_default();
    Message::new()
        .text("pilint has no CMS QRDA III implementation guide on record for ")
        .plain(ArgumentKind::Year, year)
        .text(", so it cannot confirm extension ")
        .quoted(ArgumentKind::Value, extension)
        .text(&latest)
}

/// The help of [`year_not_on_record`].
pub const NOT_ON_RECORD_HELP: &str =
    "check the extension against CMS's QRDA III implementation guide for this year";

/// An extension pilint does not know, in a document without a year.
pub fn without_year(extension: &str, described: &str) -> Message {
    Message::new()
        .text("templateId extension ")
        .quoted(ArgumentKind::Value, extension)
        .text(&format!(" {described}"))
}

/// Q004: the CMS QRDA III templateId's extension against the year.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let templates: Vec<&Hit> = doc.node(Doc::ROOT).hits(Field::DocumentTemplate).collect();
    let Some(first) = templates.first() else {
        return; // no CMS template at all: `not-qrda3-document`, raised earlier
    };
    let year = facts::document_year(doc).map(|y| y.year);
    let expected = year.and_then(years::extension_for);
    let written: Vec<&str> = templates
        .iter()
        .filter_map(|h| h.value.as_ref().map(|v| v.text.as_str()))
        .collect();
    if expected.is_some_and(|e| written.contains(&e)) {
        return;
    }
    if year.is_none() && written.iter().any(|w| !years::years_of(w).is_empty()) {
        return; // no period to compare with; the period rules say why
    }
    let Some((hit, value)) = templates
        .iter()
        .find_map(|h| h.value.as_ref().map(|v| (*h, v)))
    else {
        out.push(at_element(
            doc,
            &META,
            first.element,
            no_extension(expected.zip(year)),
        ));
        return;
    };
    let belongs = years::years_of(&value.text);
    let describe = describe(&value.text);
    let text = value.text.as_str();
    let at_extension =
        |message: Message| at_value(doc, &META, hit.element, value, "extension", message);
    let period = facts::document_year(doc);
    let first_supported = crate::catalog::first_supported_year();
    let diagnostic = match (year, expected) {
        // The extension is this year's, but a superseded version of it.
        (Some(year), Some(expected)) if belongs.contains(&year) => {
            at_extension(superseded(text, &describe, expected, year))
        }
        // A period older than every supported year in a document written
        // to a current guide: the period, not the extension, is suspect.
        (Some(year), _)
            if !belongs.is_empty()
                && year < first_supported
                && belongs.iter().all(|&y| y >= first_supported) =>
        {
            let Some(period) = period else { return };
            at_value(
                doc,
                &META,
                period.hit.element,
                period.value,
                "value",
                period_suspect(year, text, &describe),
            )
            .with_related(value.span, GUIDE_LABEL)
            .with_help(PERIOD_SUSPECT_HELP)
        }
        // The two disagree and nothing says which is wrong: name both.
        (Some(year), Some(expected)) if !belongs.is_empty() => {
            let mut finding = at_extension(disagree(
                text,
                &describe,
                year,
                expected,
                &describe_years(belongs),
            ))
            .with_help(DISAGREE_HELP);
            if let Some(period) = period {
                finding = finding.with_related(period.value.span, period_label(year));
            }
            finding
        }
        (Some(year), Some(expected)) => {
            at_extension(self::expected(text, &describe, expected, year))
        }
        (Some(year), None) => {
            at_extension(year_not_on_record(year, text, years::latest()))
                .with_severity(Severity::Info)
                // pilint cannot say what CMS will do.
                .with_consequence(crate::rules::Consequence::None)
                .with_help(NOT_ON_RECORD_HELP)
        }
        (None, _) => at_extension(without_year(text, &describe)),
    };
    out.push(diagnostic);
}

/// How an extension is named in messages: "the implementation guide for
/// 2025", or, for a superseded one, "the 2025 implementation guide v1.0,
/// superseded by v1.1 (`2024-12-01`)".
pub fn describe(extension: &str) -> String {
    let Some(record) = years::version_of(extension) else {
        return "is not a CMS QRDA III implementation guide pilint knows".to_owned();
    };
    let of_years = describe_years(&record.years);
    match &record.superseded_by {
        Some(newer) => {
            let version = record
                .version
                .as_deref()
                .map(|v| format!(" v{v}"))
                .unwrap_or_default();
            let newer_version = years::version_of(newer)
                .and_then(|n| n.version.as_deref())
                .map(|v| format!("v{v}, "))
                .unwrap_or_default();
            format!(
                "is the {of_years} CMS QRDA III implementation guide{version}, superseded by {newer_version}`{newer}`"
            )
        }
        None => format!("is the CMS QRDA III implementation guide for {of_years}"),
    }
}

/// "2023 and 2024", "2025".
pub fn describe_years(years: &[i64]) -> String {
    match years {
        [] => "no known year".to_owned(),
        [one] => one.to_string(),
        [init @ .., last] => format!(
            "{} and {last}",
            init.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "2022-12-01");
    }

    #[test]
    fn guides_are_described_by_their_years_and_versions() {
        assert_eq!(describe_years(&[2023, 2024]), "2023 and 2024");
        assert_eq!(
            describe("2024-07-01"),
            "is the 2025 CMS QRDA III implementation guide v1.0, superseded by v1.1, `2024-12-01`"
        );
        assert_eq!(
            describe("2022-05-01"),
            "is the 2023 CMS QRDA III implementation guide v1.0, superseded by v1.1, `2022-12-01`"
        );
        assert_eq!(
            describe("2022-12-01"),
            "is the CMS QRDA III implementation guide for 2023 and 2024"
        );
        assert!(describe("2031-01-01").starts_with("is not"));
    }
}
