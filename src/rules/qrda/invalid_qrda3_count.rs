//! `Q019 invalid-qrda3-count`: A numerator or denominator count is missing, not a whole number, or
//! negative.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::facts::{self, CountError};
use crate::qrda3_reader::templates::Field;
use crate::qrda3_reader::{Doc, Hit, NodeId};
use crate::rules::qrda::support::{at_element, at_value};
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q019",
    name: "invalid-qrda3-count",
    severity: Severity::Error,
    summary: "A numerator or denominator count is missing, not a whole number, or negative.",
    what: "Reads each PI Aggregate Count's `value/@value` as CMS's converter does (a 32-bit \
           integer, optional sign, leading zeros allowed, no spaces) and reports a missing \
           value, a non-integer (`5.0`, `Bob`, ` 5`, `99999999999`) or a negative count.",
    why: "CMS's converter reports error 41 (NUMERATOR_DENOMINATOR_MUST_BE_INTEGER), 42 \
          (NUMERATOR_DENOMINATOR_INVALID_VALUE, missing or negative) or 9 \
          (AGGREGATE_COUNT_VALUE_NOT_INTEGER) \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/CommonNumeratorDenominatorValidator.java`).",
    note: "CMS needs whole, non-negative counts (converter errors 41, 42, 9)",
    help: "write the count as a whole number, e.g. value=\"49\"",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pea!(crate::qrda3_proportion!(
        "PI_PEA_1", "86.1", "1809"
    ))),
    valid: VALID,
};

// `part` is "Numerator" or "Denominator"; `text` the count as written.

/// The Aggregate Count has no value element.
pub fn no_value_element(part: &str) -> Message {
    format!("the {part} Aggregate Count has no value element").into()
}

/// The value element has no `@value`.
pub fn no_value(part: &str) -> Message {
    format!("the {part} count has no @value").into()
}

/// A count below zero.
pub fn negative(part: &str, text: &str) -> Message {
    Message::new()
        .text(&format!("{part} "))
        .quoted(ArgumentKind::Count, text)
        .text(" is negative")
}

/// A count that is not a whole number.
pub fn not_whole(part: &str, text: &str) -> Message {
    Message::new()
        .text(&format!("{part} "))
        .quoted(ArgumentKind::Count, text)
        .text(" is not a whole number")
}

/// A count over what CMS's converter reads (a Java `int`).
pub fn too_large(part: &str, text: &str) -> Message {
    Message::new()
        .text(&format!("{part} "))
        .quoted(ArgumentKind::Count, text)
        .text(" is larger than CMS accepts (2147483647)")
}

/// Q019: the first value of the `part` Aggregate Count `count` is a count
/// CMS's converter accepts.
pub fn check(doc: &Doc, count: NodeId, part: &str, out: &mut Vec<Diagnostic>) {
    let hits: Vec<&Hit> = doc.node(count).hits(Field::CountValue).collect();
    let Some(first) = hits.first() else {
        out.push(at_element(
            doc,
            &META,
            doc.node(count).element,
            no_value_element(part),
        ));
        return;
    };
    let Some(value) = &first.value else {
        out.push(at_element(doc, &META, first.element, no_value(part)));
        return;
    };
    let message = match facts::parse_count(&value.text) {
        Ok(_) => return,
        Err(CountError::Negative) => negative(part, &value.text),
        Err(CountError::NotWhole) => not_whole(part, &value.text),
        Err(CountError::TooLarge) => too_large(part, &value.text),
    };
    out.push(at_value(doc, &META, first.element, value, "value", message));
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "86.1");
    }
}
