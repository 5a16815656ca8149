//! Checks of the document envelope: the IG version and its year, program
//! name, identifiers, CEHRT ID, and which sections the document holds
//! (spec qrda3-pi.md §3, §9.2 codes 5, 23, 24, 25, 26, 27, 78, and §11).

use std::collections::HashSet;

use crate::diagnostic::{ArgumentKind, Diagnostic, Severity};
use crate::rules::qrda;
use crate::rules::qrda::{ig_version_mismatch, program_name_not_single};
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
        let message = ig_version_mismatch::no_extension(expected.zip(year));
        out.push(at_element(doc, &qrda::IG_VERSION, first.element, message));
        return;
    };
    let (hit, value) = shown;
    let belongs = years::years_of(&value.text);
    let describe = years::describe(&value.text);
    let text = value.text.as_str();
    let at_extension = |message: crate::diagnostic::Message| {
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
        (Some(year), Some(expected)) if belongs.contains(&year) => at_extension(
            ig_version_mismatch::superseded(text, &describe, expected, year),
        ),
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
                ig_version_mismatch::period_suspect(year, text, &describe),
            )
            .with_related(value.span, ig_version_mismatch::GUIDE_LABEL)
            .with_help(ig_version_mismatch::PERIOD_SUSPECT_HELP)
        }
        // The two disagree and nothing says which is wrong: name both.
        (Some(year), Some(expected)) if !belongs.is_empty() => {
            let mut finding = at_extension(ig_version_mismatch::disagree(
                text,
                &describe,
                year,
                expected,
                &years::describe_years(belongs),
            ))
            .with_help(ig_version_mismatch::DISAGREE_HELP);
            if let Some(period) = period {
                finding = finding
                    .with_related(period.value.span, ig_version_mismatch::period_label(year));
            }
            finding
        }
        (Some(year), Some(expected)) => at_extension(ig_version_mismatch::expected(
            text, &describe, expected, year,
        )),
        (Some(year), None) => {
            at_extension(
                ig_version_mismatch::year_not_on_record(year, text, years::latest()).into(),
            )
            .with_severity(Severity::Info)
            // pilint cannot say what CMS will do.
            .with_consequence(crate::rules::Consequence::None)
            .with_help(ig_version_mismatch::NOT_ON_RECORD_HELP)
        }
        (None, _) => at_extension(ig_version_mismatch::without_year(text, &describe)),
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
                Some(empty) => (empty.element, program_name_not_single::NO_EXTENSION),
                None => (
                    doc.node(Doc::ROOT).element,
                    program_name_not_single::MISSING,
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
                            program_name_not_single::second(&value.text),
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
            qrda::no_category_section::MESSAGE,
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
                        qrda::duplicate_section::second(kind.title()),
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
            qrda::virtual_group_id_missing::MESSAGE,
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
                        qrda::duplicate_cehrt_id::second(&value.text),
                    )
                    .with_related(first.element.span, qrda::duplicate_cehrt_id::FIRST_LABEL),
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
                        qrda::ambiguous_identifier::second(label, &value.text, program.entity),
                    )
                    .with_related(
                        first.element.span,
                        qrda::ambiguous_identifier::first_label(label),
                    )
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
                    qrda::section_years_disagree::message(
                        kind.title(),
                        other_year,
                        year,
                        first_title,
                    ),
                )
                .with_related(
                    reference.value.span,
                    qrda::section_years_disagree::first_label(year),
                ),
            );
        }
    }
}
