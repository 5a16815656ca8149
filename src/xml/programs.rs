//! What pilint says about a QRDA III program name CMS's converter does not
//! accept today: a retired program (CPC+, PCF) that never took PI data, or
//! an `SSP_PI_*` name CMS's own tools disagreed on.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::qrda;
use crate::rules::qrda::unknown_program_name;
use crate::xml::at_value;
use crate::xml::facts;
use crate::xml::reader::{AttrValue, Doc, Element};
use crate::xml::templates::Kind;

/// A program that existed but never accepted PI data in a QRDA III file.
struct Retired {
    name: &'static str,
    title: &'static str,
}

const RETIRED: &[Retired] = &[
    Retired {
        name: "CPCPLUS",
        title: "Comprehensive Primary Care Plus",
    },
    Retired {
        name: "PCF",
        title: "Primary Care First",
    },
];

/// The Shared Savings Program PI names the converter accepted for a while.
const SSP_PREFIX: &str = "SSP_PI_";

/// The entity of an `SSP_PI_*` program name, when its suffix is one the
/// other program names use.
pub fn ssp_entity(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    match upper.strip_prefix(SSP_PREFIX)? {
        "INDIV" => Some("individual"),
        "GROUP" => Some("group"),
        "APMENTITY" => Some("apm"),
        _ => None,
    }
}

/// Q006 for a program name `facts::program` does not know, or nothing
/// when the document's year is one whose programs pilint does not judge.
pub fn unknown_program(doc: &Doc, element: Element, value: &AttrValue) -> Option<Diagnostic> {
    let year = facts::document_year(doc).map(|y| y.year);
    let upper = value.text.to_ascii_uppercase();
    let finding = |message: crate::diagnostic::Message| {
        at_value(
            doc,
            &qrda::UNKNOWN_PROGRAM_NAME,
            element,
            value,
            "extension",
            message,
        )
    };
    if let Some(retired) = RETIRED.iter().find(|r| r.name == upper) {
        // CPC+ and PCF were valid programs in the years pilint has no rules for.
        if year.is_some_and(|y| y < crate::catalog::first_supported_year()) {
            return None;
        }
        let has_pi = doc.children_of(Doc::ROOT, Kind::PiSection).next().is_some();
        return Some(if has_pi {
            finding(unknown_program_name::retired_with_pi(
                &value.text,
                retired.title,
            ))
            .with_help(unknown_program_name::RETIRED_WITH_PI_HELP)
        } else {
            finding(unknown_program_name::retired(&value.text, retired.title))
        });
    }
    if upper.starts_with(SSP_PREFIX) {
        return Some(
            finding(unknown_program_name::disputed(&value.text))
                .with_severity(Severity::Warning)
                // CMS's own tools disagree: pilint cannot say what CMS will do.
                .with_consequence(crate::rules::Consequence::None)
                .with_help(unknown_program_name::DISPUTED_HELP),
        );
    }
    Some(finding(unknown_program_name::unknown(&value.text)))
}
