//! `Q012 invalid-qrda3-date`: A performance period date is not a real date.

use super::VALID;
use std::fmt::Display;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::{ArgumentKind, Message, Severity};
use crate::qrda3_reader::{Doc, NodeId, dates, facts};
use crate::rules::qrda::period_bound_not_single::Bound;
use crate::rules::qrda::support::at_value;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "Q012",
    name: "invalid-qrda3-date",
    severity: Severity::Error,
    summary: "A performance period date is not a real date.",
    what: "Reads the period's start and end strictly as HL7 dates (`YYYYMMDD`, optionally with \
           `HHMM[SS[.S]]` and a `±ZZZZ` offset) or ISO dates (`YYYY-MM-DD[Thh:mm…]`), and reports \
           an impossible day or month, fewer than eight digits, extra characters or surrounding \
           spaces. Unlike CMS's converter, pilint never turns `20250230` into February 28 nor \
           reads only the first eight digits of `2025-012-01`.",
    why: "CMS's converter reports error 69 (INVALID_PERFORMANCE_PERIOD_FORMAT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/util/FormatHelper.java`) for dates it \
          cannot read, fails with error 3 on a start under four characters, and silently \
          changes the dates it bends: the period CMS scores is then \
          not the one you wrote.",
    note: "CMS reads period dates leniently and may score a different period (converter errors 69, 3)",
    help: "write the date as YYYYMMDD",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_period!(crate::qrda3_period!("20250230", "20251231"))),
    valid: VALID,
};

/// The performance period `bound` ("start", "end") written `text`, which
/// is no date for `reason`.
pub fn message(bound: &str, text: &str, reason: &impl Display) -> Message {
    Message::new()
        .text(&format!("performance period {bound} "))
        .quoted(ArgumentKind::Date, text)
        .text(&format!(" is not a valid date: {reason}"))
}

/// Q012: the first value of `bound` in the Reporting Parameters Act `act`
/// is a date.
pub fn check(doc: &Doc, act: NodeId, bound: Bound, out: &mut Vec<Diagnostic>) {
    if let Some((hit, value)) = facts::first_value(doc, act, bound.field)
        && let Err(reason) = dates::parse(&value.text)
    {
        out.push(at_value(
            doc,
            &META,
            hit.element,
            value,
            "value",
            message(bound.label, &value.text, &reason),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "20250230");
    }
}
