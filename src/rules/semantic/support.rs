//! Small helpers the semantic rules share: finding PI sets and answers in
//! the model, naming measures in messages, strict dates, the NPI check
//! digit, "did you mean" suggestions.
//!
//! Nothing here decides what is wrong; each rule does.

use time::{Date, Month};

use crate::catalog::{Measure, YearCatalog};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message};
use crate::model::{Loc, MeasureValue, Measurement, MeasurementSet, Node, Submission};
use crate::rules::registry::RuleMeta;

/// The PI measurement sets of a submission (other categories are not the
/// PI rules' business).
pub fn pi_sets(submission: &Submission) -> impl Iterator<Item = &MeasurementSet> {
    submission.measurement_sets.iter().filter(|set| set.is_pi())
}

/// A finding of `rule` at `loc`.
pub fn finding(rule: &RuleMeta, loc: &Loc, message: impl Into<Message>) -> Diagnostic {
    Diagnostic::new(rule, Some(loc.span), loc.pointer.to_string(), message)
}

/// Every measurement of `set` with `measure_id`, in file order.
pub fn all_with_id<'a>(
    set: &'a MeasurementSet,
    measure_id: &'a str,
) -> impl Iterator<Item = &'a Measurement> {
    set.measurements
        .iter()
        .filter(move |m| m.id() == Some(measure_id))
}

/// The yes/no answer of a measurement, when it has one.
pub fn boolean(measurement: &Measurement) -> Option<&Node<bool>> {
    match &measurement.value {
        Some(MeasureValue::Boolean(node)) => Some(node),
        _ => None,
    }
}

/// Whether `measure_id` is in `set` answered `true`.
pub fn is_yes(set: &MeasurementSet, measure_id: &str) -> bool {
    all_with_id(set, measure_id).any(|m| boolean(m).is_some_and(|b| b.value))
}

/// The first exclusion of `parent` that `set` claims (answered `true`).
pub fn claimed_exclusion<'a>(
    set: &'a MeasurementSet,
    catalog: &'a YearCatalog,
    parent: &str,
) -> Option<&'a Measurement> {
    let measure = catalog.measure(parent)?;
    measure.exclusion.iter().find_map(|exclusion| {
        all_with_id(set, exclusion).find(|m| boolean(m).is_some_and(|b| b.value))
    })
}

/// The exclusions of `parent` that `set` holds answered `false`.
pub fn unclaimed_exclusions<'a>(
    set: &'a MeasurementSet,
    catalog: &'a YearCatalog,
    parent: &str,
) -> Vec<&'a str> {
    let Some(measure) = catalog.measure(parent) else {
        return Vec::new();
    };
    measure
        .exclusion
        .iter()
        .filter(|exclusion| {
            all_with_id(set, exclusion).any(|m| boolean(m).is_some_and(|b| !b.value))
        })
        .map(String::as_str)
        .collect()
}

/// Where to point for a measurement's id: the id, else the measurement.
pub fn id_loc(measurement: &Measurement) -> &Loc {
    measurement
        .measure_id
        .as_ref()
        .map_or(&measurement.loc, |id| &id.loc)
}

/// `` `PI_EP_1` (e-Prescribing) ``, or just the id when the year lacks it.
pub fn named(catalog: &YearCatalog, measure_id: &str) -> String {
    match catalog.measure(measure_id) {
        Some(measure) => format!("`{measure_id}` ({})", measure.title),
        None => format!("`{measure_id}`"),
    }
}

/// `` `A`, `B` or `C` `` for a list of ids.
pub fn either(ids: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{}`", id.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// [`named`] as a message: the id is a measure argument, the title words.
pub fn named_message(catalog: &YearCatalog, measure_id: &str) -> Message {
    let id = Message::new()
        .text("`")
        .plain(ArgumentKind::Measure, measure_id)
        .text("`");
    match catalog.measure(measure_id) {
        Some(measure) => id.text(&format!(" ({})", measure.title)),
        None => id,
    }
}

/// [`either`] as a message: each id a measure argument, in order.
pub fn either_message(ids: &[impl AsRef<str>]) -> Message {
    let count = ids.len();
    ids.iter()
        .enumerate()
        .fold(Message::new(), |message, (at, id)| {
            let before = match at {
                0 => "`",
                _ if at + 1 == count => " or `",
                _ => ", `",
            };
            message
                .text(before)
                .plain(ArgumentKind::Measure, id.as_ref())
                .text("`")
        })
}

/// `` `A` and `B` ``: every id a measure argument, in order.
pub fn all_of_message(ids: &[impl AsRef<str>]) -> Message {
    ids.iter()
        .enumerate()
        .fold(Message::new(), |message, (at, id)| {
            message
                .text(if at == 0 { "`" } else { " and `" })
                .plain(ArgumentKind::Measure, id.as_ref())
                .text("`")
        })
}

/// Messages joined by `separator` into one, with every one's arguments.
pub fn joined(parts: impl IntoIterator<Item = Message>, separator: &str) -> Message {
    parts
        .into_iter()
        .enumerate()
        .fold(Message::new(), |message, (at, part)| {
            if at == 0 {
                message.then(part)
            } else {
                message.text(separator).then(part)
            }
        })
}

/// Whether `measure_id` is answered by attestation: the attestation and
/// Protect Patient Health Information objectives, which the `A` rules check.
pub fn is_attestation(catalog: &YearCatalog, measure_id: &str) -> bool {
    catalog
        .measure(measure_id)
        .is_some_and(Measure::is_attestation)
}

/// Whether `measure_id` belongs to one of the year's HIE options, directly
/// or as the exclusion of a member.
pub fn hie_option_of(catalog: &YearCatalog, measure_id: &str) -> Option<usize> {
    let member = catalog.excluded_measure(measure_id).unwrap_or(measure_id);
    catalog
        .hie_options
        .iter()
        .position(|option| option.iter().any(|m| m == member))
}

/// Why a performance date is not usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not `YYYY-MM-DD` (four-digit year, two-digit month and day).
    NotIso,
    /// The right shape, but no such day (`2025-02-29`).
    NoSuchDay(String),
}

/// Parses a strict ISO 8601 calendar date, `YYYY-MM-DD`, exactly as the
/// Submissions API documents it: no time, no zone, no week or ordinal forms.
pub fn parse_date(text: &str) -> Result<Date, DateProblem> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(DateProblem::NotIso);
    }
    // The shape check makes these slices ASCII digits.
    let number = |range: std::ops::Range<usize>| text[range].parse::<u16>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let Ok(month_value) = Month::try_from(u8::try_from(month).unwrap_or(0)) else {
        return Err(DateProblem::NoSuchDay(format!(
            "there is no month {month:02}"
        )));
    };
    let year = i32::from(year);
    let day = u8::try_from(day).unwrap_or(0);
    Date::from_calendar_date(year, month_value, day).map_err(|_| {
        let days = time::util::days_in_month(month_value, year);
        DateProblem::NoSuchDay(format!("{month_value} {year} has {days} days"))
    })
}

/// A performance date and where it is written, when it is a real
/// `YYYY-MM-DD` day (`invalid-period-date` reports the others).
pub fn period_date(date: &Option<Node<String>>) -> Option<(Date, &Loc)> {
    let date = date.as_ref()?;
    parse_date(&date.value).ok().map(|day| (day, &date.loc))
}

/// Days from `start` to `end`, both included (2025-01-01..2025-06-29 is 180).
pub fn days_inclusive(start: Date, end: Date) -> i64 {
    i64::from(end.to_julian_day() - start.to_julian_day()) + 1
}

/// `date` moved back by `days` days (`None` only far outside any real year).
pub fn days_before(date: Date, days: i64) -> Option<Date> {
    date.checked_sub(time::Duration::days(days))
}

/// `date` moved forward by `days` days.
pub fn days_after(date: Date, days: i64) -> Option<Date> {
    date.checked_add(time::Duration::days(days))
}

/// The first day of `year`.
pub fn first_day_of(year: i32) -> Option<Date> {
    Date::from_calendar_date(year, Month::January, 1).ok()
}

/// The last day of `year`.
pub fn last_day_of(year: i32) -> Option<Date> {
    Date::from_calendar_date(year, Month::December, 31).ok()
}

/// The NPI check digit: the Luhn algorithm over the card-issuer prefix
/// 80840 followed by the first nine digits (CMS, "Requirements for
/// Constructing an Authentic National Provider Identifier"). `npi` must be
/// ten ASCII digits.
pub fn npi_check_digit_ok(npi: &str) -> bool {
    let digits: Vec<u32> = npi.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 || npi.len() != 10 {
        return false;
    }
    // Luhn over "80840" + all ten digits must be a multiple of 10; the
    // prefix contributes a constant 24 (the standard's own figure).
    let mut sum = 24;
    for (i, digit) in digits.iter().rev().enumerate() {
        sum += if i % 2 == 1 {
            let doubled = digit * 2;
            if doubled > 9 { doubled - 9 } else { doubled }
        } else {
            *digit
        };
    }
    sum % 10 == 0
}

/// The candidate closest to `input` by edit distance, ignoring case, when
/// it is close enough to be a likely typo.
///
/// The edit distance is at least the difference in length, so a candidate
/// whose length is too far off is never compared: a 4 MB value costs a
/// length check per candidate, not 4 million steps each.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let input_chars = input.chars().count();
    let mut lower: Option<String> = None;
    candidates
        .filter_map(|c| {
            let limit = (c.len() / 3).max(1);
            if input_chars.abs_diff(c.chars().count()) > limit {
                return None;
            }
            let lower = lower.get_or_insert_with(|| input.to_lowercase());
            let distance = strsim::damerau_levenshtein(lower, &c.to_lowercase());
            (distance <= limit).then_some((distance, c))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_builders_write_what_the_text_builders_write() {
        let catalog = crate::catalog::year(2025).unwrap();
        for ids in [&[][..], &["PI_EP_1"], &["A", "B"], &["A", "B", "C"]] {
            let message = either_message(ids);
            assert_eq!(message.text, either(ids));
            let values: Vec<&str> = message.arguments.iter().map(|a| &*a.value).collect();
            assert_eq!(values, ids);
            assert_eq!(
                all_of_message(ids).text,
                ids.iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            );
        }
        for id in ["PI_EP_1", "PI_NOT_A_MEASURE"] {
            let message = named_message(catalog, id);
            assert_eq!(message.text, named(catalog, id));
            assert_eq!(message.arguments.len(), 1);
            assert_eq!(message.arguments[0].kind, ArgumentKind::Measure);
        }
        let both = joined([either_message(&["A"]), either_message(&["B"])], "; ");
        assert_eq!(both.text, "`A`; `B`");
        assert_eq!(both.arguments.len(), 2);
    }

    #[test]
    fn strict_dates() {
        assert!(parse_date("2025-01-01").is_ok());
        assert!(parse_date("2024-02-29").is_ok());
        assert_eq!(parse_date("2025-1-01"), Err(DateProblem::NotIso));
        assert_eq!(parse_date("2025/01/01"), Err(DateProblem::NotIso));
        assert_eq!(parse_date("2025-01-01T00:00:00Z"), Err(DateProblem::NotIso));
        assert_eq!(parse_date("+025-01-01"), Err(DateProblem::NotIso));
        assert_eq!(parse_date("２０２５-01-01"), Err(DateProblem::NotIso));
        assert_eq!(
            parse_date("2025-02-29"),
            Err(DateProblem::NoSuchDay("February 2025 has 28 days".into()))
        );
        assert_eq!(
            parse_date("2025-13-01"),
            Err(DateProblem::NoSuchDay("there is no month 13".into()))
        );
        assert!(matches!(
            parse_date("2025-04-00"),
            Err(DateProblem::NoSuchDay(_))
        ));
    }

    #[test]
    fn inclusive_day_counts() {
        let day = |s| parse_date(s).unwrap();
        assert_eq!(days_inclusive(day("2025-01-01"), day("2025-06-29")), 180);
        assert_eq!(days_inclusive(day("2023-10-03"), day("2023-12-31")), 90);
        assert_eq!(days_inclusive(day("2024-01-01"), day("2024-12-31")), 366);
        assert_eq!(days_inclusive(day("2025-05-05"), day("2025-05-05")), 1);
        assert_eq!(days_before(day("2025-12-31"), 179), Some(day("2025-07-05")));
    }

    #[test]
    fn npi_check_digits() {
        // CMS's worked example in the NPI check-digit specification.
        assert!(npi_check_digit_ok("1234567893"));
        assert!(!npi_check_digit_ok("1234567890"));
        // The Submissions API docs' own sample NPI fails the check.
        assert!(!npi_check_digit_ok("9876543210"));
        assert!(!npi_check_digit_ok("123456789"));
        assert!(!npi_check_digit_ok("12345678a3"));
    }

    #[test]
    fn suggestions() {
        let ids = ["PI_EP_1", "PI_HIE_1", "PI_PHCDRR_1_EX_1"];
        assert_eq!(closest("pi_ep_1", ids.iter().copied()), Some("PI_EP_1"));
        assert_eq!(
            closest("PI_PHCDRR_1_EX1", ids.iter().copied()),
            Some("PI_PHCDRR_1_EX_1")
        );
        assert_eq!(closest("QUALITY_047", ids.iter().copied()), None);
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(either(&["A"]), "`A`");
        assert_eq!(either(&["A", "B", "C"]), "`A`, `B` or `C`");
    }
}
