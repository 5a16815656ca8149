//! `S006 value-out-of-range`: A number or string length is outside its documented range.

use super::SOURCE;
use std::fmt::Display;

use jsonschema::error::ValidationErrorKind;

use super::schema_error::{SchemaError, field_message, field_name};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "S006",
    name: "value-out-of-range",
    severity: Severity::Error,
    summary: "A number or string length is outside its documented range.",
    what: "Reports a negative numerator or denominator, a performance year before 2017 (the \
           first MIPS year) or after 2100, an empty `programName` or an `entityId` longer \
           than 64 characters.",
    why: SOURCE,
    note: "counts cannot be negative, and MIPS performance years start in 2017",
    help: "correct the value",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "2025",
        set: crate::pi_set_2025!(),
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": -1, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),

    valid: Example::json(valid_group!()),
};

/// The finding for a `minimum`, `maximum`, `minLength` or `maxLength`
/// error.
pub fn check(error: &SchemaError) -> Option<Diagnostic> {
    let field = field_name(&error.pointer);
    let instance = error.instance();
    let message = match error.kind() {
        ValidationErrorKind::Minimum { limit } => below(&field, limit, instance),
        ValidationErrorKind::Maximum { limit } => above(&field, limit, instance),
        ValidationErrorKind::MinLength { limit } => too_short(&field, *limit),
        ValidationErrorKind::MaxLength { limit } => too_long(&field, *limit),
        _ => return None,
    };
    Some(error.finding(&META, error.value_span(), error.pointer.clone(), message))
}

/// The message at `value` of `field`, below `limit`.
pub fn below(field: &str, limit: &impl Display, value: &impl Display) -> Message {
    bound(field, limit, " or more, not ", value)
}

/// "`field` must be {limit}{between}{value}".
fn bound(field: &str, limit: &impl Display, between: &str, value: &impl Display) -> Message {
    field_message(field)
        .text(" must be ")
        .plain(ArgumentKind::Count, limit)
        .text(between)
        .plain(ArgumentKind::Count, value)
}

/// The message at `value` of `field`, above `limit`.
pub fn above(field: &str, limit: &impl Display, value: &impl Display) -> Message {
    bound(field, limit, " or less, not ", value)
}

/// The message at a string `field` shorter than `limit` characters.
pub fn too_short(field: &str, limit: u64) -> Message {
    field_message(field)
        .text(" must be at least ")
        .plain(ArgumentKind::Count, limit)
        .text(" character(s) long")
}

/// The message at a string `field` longer than `limit` characters.
pub fn too_long(field: &str, limit: u64) -> Message {
    field_message(field)
        .text(" must be at most ")
        .plain(ArgumentKind::Count, limit)
        .text(" characters long")
}

#[cfg(test)]
mod tests {
    use super::META;
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "-1");
    }

    #[test]
    fn each_bound_has_its_words() {
        assert_eq!(
            below("`numerator`", &0, &-1).text,
            "`numerator` must be 0 or more, not -1"
        );
        assert_eq!(
            above("`year`", &2100, &2200).text,
            "`year` must be 2100 or less, not 2200"
        );
        assert_eq!(
            too_long("`entityId`", 64).text,
            "`entityId` must be at most 64 characters long"
        );
    }
}
