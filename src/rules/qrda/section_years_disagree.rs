//! `Q013 section-years-disagree`: Sections of one document report different performance years.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::{Doc, facts};
use crate::rules::qrda::support::at_value;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q013",
    name: "section-years-disagree",
    severity: Severity::Error,
    summary: "Sections of one document report different performance years.",
    what: "Takes the document's performance year as CMS's converter does, from the first \
           section (PI, Improvement Activities or quality) in document order that has a \
           Reporting Parameters Act, and reports every other section whose period starts in \
           another year. pilint's year-dependent rules use that same year.",
    why: "CMS's converter files the whole submission under the year of the first section's \
          Reporting Parameters Act and does not compare the others (CMSgov/qpp-conversion-tool, \
          converter/src/main/java/gov/cms/qpp/conversion/encode/ClinicalDocumentEncoder.java): \
          an IA section dated 2024 ahead of a 2025 PI section files the PI data under 2024 with \
          no error, and CMS then judges that PI period by 2024's rules.",
    note: "CMS files the whole document under the year of its first section",
    help: "make every section's performance period fall in the same year",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!(concat!(
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!()),
        "      <component>\n",
        "        <section>\n",
        "          <templateId root=\"2.16.840.1.113883.10.20.27.2.4\" extension=\"2020-12-01\"/>\n",
        crate::qrda3_period!("20240101", "20241231"),
        "        </section>\n",
        "      </component>\n"
    ))),
    valid: VALID,
};

/// The section titled `section` starts in `section_year`; CMS files the
/// document under `year`, the year of its first section (`first`).
pub fn message(section: &str, section_year: i64, year: i64, first: &str) -> Message {
    Message::new()
        .text(&format!("the {section}'s performance period starts in "))
        .plain(ArgumentKind::Year, section_year)
        .text(", but CMS files the document under ")
        .plain(ArgumentKind::Year, year)
        .text(&format!(", the year of its first section (the {first})"))
}

/// The label of the first section's period.
pub fn first_label(year: i64) -> String {
    format!("performance year {year} comes from the first section's period")
}

/// Q013: every section's period lies in the year of the first section,
/// which is the year CMS files the whole document under.
pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
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
            out.push(
                at_value(
                    doc,
                    &META,
                    other.hit.element,
                    other.value,
                    "value",
                    message(kind.title(), other.year, year, first_title),
                )
                .with_related(reference.value.span, first_label(year)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "20240101");
    }
}
