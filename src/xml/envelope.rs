//! Checks of the document envelope: the IG version and its year, program
//! name, identifiers, CEHRT ID, and which sections the document holds
//! (spec qrda3-pi.md §3, §9.2 codes 5, 23, 24, 25, 26, 27, 78, and §11).

use std::collections::HashSet;

use crate::diagnostic::{ArgumentKind, Diagnostic, Severity, quote_short};
use crate::rules::qrda;
use crate::xml::facts::{self, SECTIONS};
use crate::xml::reader::{Doc, Hit};
use crate::xml::templates::Field;
use crate::xml::{at_element, at_value};
use crate::xml::{programs, years};

pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    ig_version(doc, out);
    program_name(doc, out);
    sections(doc, out);
    virtual_group_id(doc, out);
    cehrt_ids(doc, out);
    identifiers(doc, out);
    section_years(doc, out);
}

/// Q004: the CMS QRDA III templateId's extension against the year.
fn ig_version(doc: &Doc, out: &mut Vec<Diagnostic>) {
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
    let Some(shown) = templates
        .iter()
        .find_map(|h| h.value.as_ref().map(|v| (*h, v)))
    else {
        let message = match (year, expected) {
            (Some(year), Some(expected)) => format!(
                "the CMS QRDA III templateId has no extension; CMS expects `{expected}` for performance year {year}"
            ),
            _ => "the CMS QRDA III templateId has no extension naming its implementation guide"
                .to_owned(),
        };
        out.push(at_element(doc, &qrda::IG_VERSION, first.element, message));
        return;
    };
    let (hit, value) = shown;
    let belongs = years::years_of(&value.text);
    let describe = years::describe(&value.text);
    let quoted = quote_short(&value.text);
    let at_extension = |message: String| {
        at_value(
            doc,
            &qrda::IG_VERSION,
            hit.element,
            value,
            "extension",
            message,
        )
    };
    let period = facts::document_year(doc);
    let diagnostic = match (year, expected) {
        // The extension is this year's, but a superseded version of it.
        (Some(year), Some(expected)) if belongs.contains(&year) => at_extension(format!(
            "templateId extension {quoted} {describe}; CMS accepts only `{expected}` for {year}"
        )),
        // A period older than every supported year in a document written
        // to a current guide: the period, not the extension, is suspect.
        (Some(year), _)
            if !belongs.is_empty()
                && year < crate::catalog::first_supported_year()
                && belongs
                    .iter()
                    .all(|&y| y >= crate::catalog::first_supported_year()) =>
        {
            let Some(period) = period else { return };
            at_value(
                doc,
                &qrda::IG_VERSION,
                period.hit.element,
                period.value,
                "value",
                format!(
                    "the performance period starts in {year}, but templateId extension {quoted} {describe}: check the period (a {year} file would need that year's guide)"
                ),
            )
            .with_related(value.span, "the implementation guide of the document")
            .with_help("correct the performance period, or the templateId extension if the file really is for this year")
        }
        // The two disagree and nothing says which is wrong: name both.
        (Some(year), Some(expected)) if !belongs.is_empty() => {
            let mut finding = at_extension(format!(
                "templateId extension {quoted} {describe}, but the performance period is in {year}: if the period is right, CMS expects `{expected}`; if the extension is right, the period should be in {}",
                years::describe_years(belongs)
            ))
            .with_help("correct whichever is wrong: the templateId extension or the performance period");
            if let Some(period) = period {
                finding = finding.with_related(
                    period.value.span,
                    format!("performance year {year} comes from here"),
                );
            }
            finding
        }
        (Some(year), Some(expected)) => at_extension(format!(
            "templateId extension {quoted} {describe}; CMS expects `{expected}` for {year}"
        )),
        (Some(year), None) => {
            let latest = years::latest()
                .map(|(e, y)| format!("; the newest pilint knows is `{e}` ({y})"))
                .unwrap_or_default();
            at_extension(format!(
                "pilint has no CMS QRDA III implementation guide on record for {year}, so it cannot confirm extension {quoted}{latest}"
            ))
            .with_severity(Severity::Info)
            // pilint cannot say what CMS will do.
            .with_consequence(crate::rules::Consequence::None)
            .with_help("check the extension against CMS's QRDA III implementation guide for this year")
        }
        (None, _) => at_extension(format!("templateId extension {quoted} {describe}")),
    };
    out.push(diagnostic);
}

/// Q005 and Q006: exactly one program name, and a known one.
fn program_name(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let hits: Vec<&Hit> = doc.node(Doc::ROOT).hits(Field::ProgramName).collect();
    let valued = facts::valued(doc, Doc::ROOT, Field::ProgramName);
    match valued.as_slice() {
        [] => {
            let (element, message) = match hits.first() {
                Some(empty) => (
                    empty.element,
                    "the program name id has no extension".to_owned(),
                ),
                None => (
                    doc.node(Doc::ROOT).element,
                    "the document has no program name (informationRecipient/intendedRecipient/id[@root='2.16.840.1.113883.3.249.7'])".to_owned(),
                ),
            };
            out.push(at_element(
                doc,
                &qrda::PROGRAM_NAME_NOT_SINGLE,
                element,
                message,
            ));
        }
        [first, rest @ ..] => {
            for extra in rest {
                if let Some(value) = &extra.value {
                    out.push(
                        at_value(
                            doc,
                            &qrda::PROGRAM_NAME_NOT_SINGLE,
                            extra.element,
                            value,
                            "extension",
                            format!(
                                "a second program name {}; a document has exactly one",
                                quote_short(&value.text)
                            ),
                        )
                        .with_related(first.element.span, "first program name"),
                    );
                }
            }
            if let Some(value) = &first.value
                && facts::program(&value.text).is_none()
            {
                out.extend(programs::unknown_program(doc, first.element, value));
            }
        }
    }
}

/// Q007 and Q008: at least one category section, and no category twice.
fn sections(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let all = facts::sections(doc);
    if all.is_empty() {
        out.push(at_element(
            doc,
            &qrda::NO_CATEGORY_SECTION,
            doc.node(Doc::ROOT).element,
            "the document has no PI, Improvement Activities or quality Measure Section",
        ));
    }
    for kind in SECTIONS {
        let of_kind: Vec<_> = all.iter().filter(|&&s| doc.node(s).kind == kind).collect();
        if let [first, rest @ ..] = of_kind.as_slice() {
            for &&extra in rest {
                out.push(
                    at_element(
                        doc,
                        &qrda::DUPLICATE_SECTION,
                        doc.node(extra).element,
                        format!("a second {}; a document has at most one", kind.title()),
                    )
                    .with_related(doc.node(**first).element.span, "first one"),
                );
            }
        }
    }
}

/// Q009: a virtual group names its virtual group.
fn virtual_group_id(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let Some((program, _)) = facts::document_program(doc) else {
        return;
    };
    if program.entity == "virtualGroup"
        && facts::valued(doc, Doc::ROOT, Field::VirtualGroupId).is_empty()
    {
        let mut finding = at_element(
            doc,
            &qrda::VIRTUAL_GROUP_ID_MISSING,
            doc.node(Doc::ROOT).element,
            "a MIPS virtual group document has no virtual group id (representedOrganization/id[@root='2.16.840.1.113883.3.249.5.2'])",
        );
        // The missing member's location, as the semantic
        // `identifier-missing` gives it, so the two count as one finding
        // (this one, which names the converter's error 78).
        finding.primary.place = crate::diagnostic::Place::Here {
            span: finding.span(),
            pointer: crate::model::QRDA_ENTITY_ID_PATH.to_owned(),
        };
        out.push(finding);
    }
}

/// Q024: one CEHRT ID per document.
fn cehrt_ids(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let valued = facts::valued(doc, Doc::ROOT, Field::CehrtId);
    if let [first, rest @ ..] = valued.as_slice() {
        for extra in rest {
            if let Some(value) = &extra.value {
                out.push(
                    at_value(
                        doc,
                        &qrda::DUPLICATE_CEHRT_ID,
                        extra.element,
                        value,
                        "extension",
                        format!(
                            "a second CEHRT ID {}; CMS reads only the first",
                            quote_short(&value.text)
                        ),
                    )
                    .with_related(first.element.span, "the CEHRT ID CMS reads"),
                );
            }
        }
    }
}

/// Q025: the identifier CMS reads is not ambiguous.
fn identifiers(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let Some((program, _)) = facts::document_program(doc) else {
        return;
    };
    let fields: &[(Field, &str, ArgumentKind)] = match program.entity {
        "individual" => &[
            (Field::Npi, "NPI", ArgumentKind::Npi),
            (Field::Tin, "TIN", ArgumentKind::Tin),
        ],
        "group" | "virtualGroup" | "subgroup" => &[(Field::Tin, "TIN", ArgumentKind::Tin)],
        _ => &[],
    };
    for &(field, label, kind) in fields {
        let valued = facts::valued(doc, Doc::ROOT, field);
        let mut seen = HashSet::new();
        let Some(first) = valued.first() else {
            continue;
        };
        for hit in &valued {
            let Some(value) = &hit.value else { continue };
            if seen.insert(value.text.as_str()) && seen.len() == 2 {
                out.push(
                    at_value(
                        doc,
                        &qrda::AMBIGUOUS_IDENTIFIER,
                        hit.element,
                        value,
                        "extension",
                        format!(
                            "a second {label} {} in a {} document; CMS reads only the first",
                            quote_short(&value.text),
                            program.entity
                        ),
                    )
                    .with_related(first.element.span, format!("the {label} CMS reads"))
                    .with_argument(kind, &value.text),
                );
            }
        }
    }
}

/// Q013: every section's period lies in the year of the first section,
/// which is the year CMS files the whole document under.
fn section_years(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let Some((first, Some(reference))) = facts::first_dated_section(doc) else {
        return;
    };
    let year = reference.year;
    let first_title = doc.node(first).kind.title();
    for section in facts::sections(doc) {
        if section == first {
            continue;
        }
        let Some(other) = facts::section_year(doc, section) else {
            continue;
        };
        if other.year != year {
            let kind = doc.node(section).kind;
            let other_year = other.year;
            out.push(
                at_value(
                    doc,
                    &qrda::SECTION_YEARS_DISAGREE,
                    other.hit.element,
                    other.value,
                    "value",
                    format!(
                        "the {}'s performance period starts in {other_year}, but CMS files the document under {year}, the year of its first section (the {first_title})",
                        kind.title()
                    ),
                )
                .with_related(
                    reference.value.span,
                    format!("performance year {year} comes from the first section's period"),
                ),
            );
        }
    }
}
