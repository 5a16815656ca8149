//! `S001 missing-property`: A property the Submissions API requires is missing.

use super::SOURCE;
use jsonschema::error::ValidationErrorKind;

use super::schema_error::{SchemaError, object_phrase};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S001",
    name: "missing-property",
    severity: Severity::Error,
    summary: "A property the Submissions API requires is missing.",
    what: "Reports each required property that an object lacks, at the object's opening \
           brace: `entityType`, `performanceYear` and `measurementSets` on a submission; \
           `category`, `submissionMethod`, `performanceStart`, `performanceEnd` (and `cehrtId` \
           for `pi`) on a measurement set; `measureId` and `value` on a measurement; \
           `numerator` and `denominator` on a proportion.",
    why: SOURCE,
    note: "the Submissions API rejects an object without its required properties",
    help: "add the property named in the message",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "2025",
        set: concat!(
            "      \"category\": \"pi\",\n",
            "      \"submissionMethod\": \"registry\",\n",
            "      \"performanceStart\": \"2025-01-01\",\n",
            "      \"performanceEnd\": \"2025-12-31\",\n",
        ),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),

    valid: Example::json(valid_group!()),
};

/// The finding for a `required` error: at the object's opening brace, with
/// the missing member's own pointer, so that a semantic finding about the
/// same member (which the QRDA III front end needs) is recognised as the
/// same finding.
pub fn check(error: &SchemaError) -> Option<Diagnostic> {
    let ValidationErrorKind::Required { property } = error.kind() else {
        return None;
    };
    let property = property.as_str().unwrap_or_default();
    let mut member = error.pointer.clone();
    crate::pointer::push_token(&mut member, property);
    let finding = Diagnostic::new(
        &META,
        error.head(),
        member,
        message(&object_phrase(&error.pointer), property),
    );
    // CMS stores a PI set without a CEHRT ID and scores it 0 (the scoring
    // engine's `hasCehrtId` instrumentation, CMSgov/qpp-submissions-docs
    // scoring examples): not a refusal.
    Some(if property == "cehrtId" {
        finding.with_consequence(crate::rules::Consequence::Zero)
    } else {
        finding
    })
}

/// The message at `object` (named as in "measurement set 1") that lacks
/// `property`.
pub fn message(object: &str, property: &str) -> Message {
    Message::new()
        .text(object)
        .text(" is missing the required property ")
        .quoted(ArgumentKind::Value, property)
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "{");
    }
}
