//! `Q006 unknown-program-name`: The program name is not one CMS accepts.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::templates::{Field, Kind};
use crate::qrda3_reader::{Doc, facts};
use crate::rules::qrda::support::at_value;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q006",
    name: "unknown-program-name",
    severity: Severity::Error,
    summary: "The program name is not one CMS accepts.",
    what: "Checks the program name against the MIPS names CMS accepts, ignoring case: \
           MIPS_INDIV, MIPS_GROUP, MIPS_VIRTUALGROUP, MIPS_APMENTITY, MIPS_SUBGROUP, MIPS \
           (legacy, individual), MIPS_APP1_INDIV/GROUP/APMENTITY and APP_PLUS_INDIV/GROUP/APMENTITY. \
           A CPCPLUS or PCF document with a PI section is reported as PI data that program does \
           not accept (remove the PI section); in the years before 2023, when CPC+ and PCF were \
           running programs, they are not reported. An SSP_PI_* name is a warning: CMS's tools \
           disagreed on it.",
    why: "CMS's converter reports error 25 (CLINICAL_DOCUMENT_INCORRECT_PROGRAM_NAME, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/model/Program.java`). \
          CPC+ and PCF practices reported PI under MIPS: the converter refused a PCF document \
          with a PI section (error 106, PCF_NO_PI) until both programs were removed in October \
          2025. The converter accepted SSP_PI_* names from July to December 2025 and then \
          reverted, while CMS's measure data (CMSgov/qpp-measures-data, \
          measures/2026/measures-data.json, allowedPrograms) lists `ssp` for PI in 2026 and 2027.",
    note: "CMS accepts only MIPS, APP and APP Plus program names (converter error 25)",
    help: "use the program name for your entity, e.g. MIPS_GROUP",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("CPCPLUS"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

/// A retired program `name` (`title`: "Primary Care First") in a document
/// with a PI section.
pub fn retired_with_pi(name: &str, title: &str) -> Message {
    Message::new()
        .text("PI is not accepted for program ")
        .quoted(ArgumentKind::Value, name)
        .text(&format!(
            " ({title}): remove the PI section, or send the PI data in a MIPS document"
        ))
}

/// The help of [`retired_with_pi`].
pub const RETIRED_WITH_PI_HELP: &str =
    "remove the PI section; report PI under a MIPS program name such as MIPS_GROUP";

/// A retired program `name` in a document without a PI section.
pub fn retired(name: &str, title: &str) -> Message {
    Message::new()
        .text("program ")
        .quoted(ArgumentKind::Value, name)
        .text(&format!(
            " ({title}) is retired: CMS's converter no longer accepts it"
        ))
}

/// An `SSP_PI_*` program name, on which CMS's tools disagree.
pub fn disputed(name: &str) -> Message {
    Message::new()
        .text("CMS's tools disagree on program name ")
        .quoted(ArgumentKind::Value, name)
        .text(": CMS's converter accepted SSP_PI_* names from July to December 2025 and then reverted (it now answers error 25), while CMS's measure data lists `ssp` as a PI program for 2026 and 2027")
}

/// The help of [`disputed`].
pub const DISPUTED_HELP: &str = "ask CMS whether this program name is accepted before submitting";

/// Any other program name.
pub fn unknown(name: &str) -> Message {
    Message::new()
        .text("program name ")
        .quoted(ArgumentKind::Value, name)
        .text(" is not one CMS accepts for MIPS")
}

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

/// Q006: the document's (first) program name is one CMS's converter
/// accepts today; nothing when the document's year is one whose programs
/// pilint does not judge.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    let Some((hit, value)) = facts::first_value(doc, Doc::ROOT, Field::ProgramName) else {
        return; // program-name-not-single says so
    };
    if facts::program(&value.text).is_some() {
        return;
    }
    let year = facts::document_year(doc).map(|y| y.year);
    let upper = value.text.to_ascii_uppercase();
    let finding = |message: Message| at_value(doc, &META, hit.element, value, "extension", message);
    if let Some(retired) = RETIRED.iter().find(|r| r.name == upper) {
        // CPC+ and PCF were valid programs in the years pilint has no rules for.
        if year.is_some_and(|y| y < crate::catalog::first_supported_year()) {
            return;
        }
        let has_pi = doc.children_of(Doc::ROOT, Kind::PiSection).next().is_some();
        out.push(if has_pi {
            finding(retired_with_pi(&value.text, retired.title)).with_help(RETIRED_WITH_PI_HELP)
        } else {
            finding(self::retired(&value.text, retired.title))
        });
        return;
    }
    if upper.starts_with(facts::SSP_PREFIX) {
        out.push(
            finding(disputed(&value.text))
                .with_severity(Severity::Warning)
                // CMS's own tools disagree: pilint cannot say what CMS will do.
                .with_consequence(crate::rules::Consequence::None)
                .with_help(DISPUTED_HELP),
        );
        return;
    }
    out.push(finding(unknown(&value.text)));
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "CPCPLUS");
    }
}
