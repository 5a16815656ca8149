//! `Q012 invalid-qrda3-date`: A performance period date is not a real date.

use super::VALID;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::qrda3_reader::dates::{self, DateError};
use crate::qrda3_reader::{Doc, NodeId, facts};
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
pub fn message(bound: &str, text: &str, reason: DateError) -> Message {
    Message::new()
        .text(&format!("performance period {bound} "))
        .quoted(ArgumentKind::Date, text)
        .text(&format!(" is not a valid date: {}", why(reason)))
}

/// Why the reader refused a date, in words.
pub fn why(reason: DateError) -> &'static str {
    match reason {
        DateError::SurroundingSpaces => "it has surrounding spaces",
        DateError::Year => "its year is out of range",
        DateError::Month => "its month is not 01–12",
        DateError::Day => "that day does not exist in that month",
        DateError::Offset => "its time-zone offset is not ±HHMM",
        DateError::NotFullDate => "it is not a full date (YYYYMMDD)",
        DateError::NotHl7 => "it is not an HL7 date-time (YYYYMMDD[HHMM[SS]])",
        DateError::Fraction => "its fraction of a second is malformed",
        DateError::Hour => "its hour is not 00–23",
        DateError::Minute => "its minute is not 00–59",
        DateError::Second => "its second is not 00–60",
        DateError::NotIsoDate => "it is not YYYY-MM-DD",
        DateError::IsoTime => "its time is not HH:MM[:SS[.S]][Z|±HH:MM]",
    }
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
            message(bound.label, &value.text, reason),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "20250230");
    }

    #[test]
    fn the_reason_is_worded_here() {
        let reason = dates::parse("20250230").unwrap_err();
        assert_eq!(
            message("start", "20250230", reason).text,
            "performance period start `20250230` is not a valid date: that day does not exist in that month"
        );
    }
}
