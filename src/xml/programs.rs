//! What pilint says about a QRDA III program name CMS's converter does not
//! accept today: a retired program (CPC+, PCF) that never took PI data, or
//! an `SSP_PI_*` name CMS's own tools disagreed on.

use crate::diagnostic::{Diagnostic, Severity, quote_short};
use crate::rules::qrda;
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
    let quoted = quote_short(&value.text);
    let finding = |message: String| {
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
            finding(format!(
                "PI is not accepted for program {quoted} ({}): remove the PI section, or send the PI data in a MIPS document",
                retired.title
            ))
            .with_help("remove the PI section; report PI under a MIPS program name such as MIPS_GROUP")
        } else {
            finding(format!(
                "program {quoted} ({}) is retired: CMS's converter no longer accepts it",
                retired.title
            ))
        });
    }
    if upper.starts_with(SSP_PREFIX) {
        return Some(
            finding(format!(
                "CMS's tools disagree on program name {quoted}: CMS's converter accepted SSP_PI_* names from July to December 2025 and then reverted (it now answers error 25), while CMS's measure data lists `ssp` as a PI program for 2026 and 2027"
            ))
            .with_severity(Severity::Warning)
            // CMS's own tools disagree: pilint cannot say what CMS will do.
            .with_consequence(crate::rules::Consequence::None)
            .with_help("ask CMS whether this program name is accepted before submitting"),
        );
    }
    Some(finding(format!(
        "program name {quoted} is not one CMS accepts for MIPS"
    )))
}
