//! `Q010 reporting-parameters-not-single`: The PI section does not have exactly one Reporting
//! Parameters Act.

use super::VALID;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::qrda3_reader::templates::Kind;
use crate::qrda3_reader::{Doc, NodeId};
use crate::rules::qrda::support::{at_element, exactly_one};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q010",
    name: "reporting-parameters-not-single",
    severity: Severity::Error,
    summary: "The PI section does not have exactly one Reporting Parameters Act.",
    what: "Requires exactly one Reporting Parameters Act (`2.16.840.1.113883.10.20.17.3.8`, the \
           performance period) as a direct entry of the PI section. One nested inside a measure \
           does not count, and is labelled when present.",
    why: "CMS's converter reports error 22 (PI_SECTION_MISSING_REPORTING_PARAMETER_ACT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/PiSectionValidator.java`): without it the PI category has no performance period.",
    note: "CMS needs one performance period per PI section (converter error 22)",
    help: "give the PI section one entry with the Reporting Parameters Act",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_period!(concat!(
        crate::qrda3_period!("20250101", "20251231"),
        crate::qrda3_period!("20250101", "20251231")
    ))),
    valid: VALID,
};

/// The PI section has no Reporting Parameters Act of its own.
pub const NONE_DIRECT: &str =
    "the PI section has no Reporting Parameters Act (performance period) as a direct entry";

/// The label of one nested deeper, which CMS does not read.
pub const NESTED_LABEL: &str = "this one is nested inside a measure, where CMS does not read it";

/// A second act.
pub const SECOND: &str =
    "a second Reporting Parameters Act in the PI section; CMS reads one performance period";

/// Q010: the PI section `section` has one direct Reporting Parameters Act.
pub fn check(doc: &Doc, section: NodeId, out: &mut Vec<Diagnostic>) {
    let acts: Vec<NodeId> = doc
        .children_of(section, Kind::ReportingParameters)
        .collect();
    if !acts.is_empty() {
        exactly_one(
            doc,
            &META,
            section,
            &acts,
            || String::new().into(),
            || SECOND.into(),
            out,
        );
        return;
    }
    let nested = doc.nodes_of(Kind::ReportingParameters).find(|&a| {
        let mut up = doc.node(a).parent;
        while let Some(p) = up {
            if p == section {
                return true;
            }
            up = doc.node(p).parent;
        }
        false
    });
    let mut diagnostic = at_element(doc, &META, doc.node(section).element, NONE_DIRECT);
    if let Some(nested) = nested {
        diagnostic = diagnostic.with_related(doc.node(nested).element.span, NESTED_LABEL);
    }
    out.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "<act");
    }
}
