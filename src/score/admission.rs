//! Whether a PI measurement set can be scored at all.
//!
//! CMS rejects some sets before scoring them (../shared/spec/scoring.md §4,
//! json-format.md §5 P1–P8): such a set gets no score (`null`), not a zero.
//! These checks also guarantee what the scoring steps rely on: every
//! measurement names a known measure once, with a value of the right shape,
//! and at most one HIE option is present.

use crate::fast_hash::FastSet;

use crate::catalog::MetricType;
use crate::model::{Loc, MeasureValue};
use crate::score::period::parse_date;
use crate::score::reasons::{self, Reason};
use crate::score::table::ScoreTable;
use crate::score::view::SetView;

/// Every reason the set would be rejected; empty when it can be scored.
pub fn check(view: &SetView<'_>, table: &ScoreTable) -> Vec<Reason> {
    let mut out = Vec::new();
    measurements(view, &mut out);
    if !out.is_empty() {
        // The relation checks below read ids and values; with unreadable
        // ones they would only repeat the same problem.
        return out;
    }
    exclusions(view, &mut out);
    hie_options(view, table, &mut out);
    substitutes(view, table, &mut out);
    cehrt_id(view, &mut out);
    dates(view, &mut out);
    out
}

/// V6 and P2: known ids, once each, with values of the catalog's shape and
/// a numerator no greater than the denominator (V4). A repeated id is one
/// reason, at its first repeat, however often it repeats: an export that
/// repeated its rows a million times has a few dozen problems, not a
/// million.
fn measurements(view: &SetView<'_>, out: &mut Vec<Reason>) {
    let year = view.catalog.performance_year;
    let mut seen = FastSet::default();
    let mut repeated = FastSet::default();
    for measurement in &view.set.measurements {
        let Some(id) = &measurement.measure_id else {
            out.push(Reason::no_score(
                reasons::MEASUREMENT_UNREADABLE,
                &measurement.loc,
                "a measurement has no readable measureId",
            ));
            continue;
        };
        let Some(measure) = view.catalog.measure(&id.value) else {
            out.push(Reason::no_score(
                reasons::UNKNOWN_MEASURE,
                &id.loc,
                format!("{} is not a PI measure of {year}", id.value),
            ));
            continue;
        };
        if !seen.insert(id.value.as_str()) {
            if !repeated.insert(id.value.as_str()) {
                continue;
            }
            out.push(Reason::no_score(
                reasons::DUPLICATE_MEASURE,
                &id.loc,
                format!("{} is reported more than once in this set", id.value),
            ));
            continue;
        }
        let value_loc = measurement
            .value
            .as_ref()
            .map_or(&measurement.loc, MeasureValue::loc);
        match (&measurement.value, measure.metric_type) {
            (Some(MeasureValue::Boolean(_)), MetricType::Boolean) => {}
            (Some(MeasureValue::Proportion(_)), MetricType::Proportion) => {
                match view.counts(&id.value) {
                    None => out.push(Reason::no_score(
                        reasons::MEASUREMENT_UNREADABLE,
                        value_loc,
                        format!(
                            "{} needs a numerator and a denominator that are whole numbers ≥ 0",
                            id.value
                        ),
                    )),
                    Some(c) if c.numerator > c.denominator => out.push(Reason::no_score(
                        reasons::NUMERATOR_EXCEEDS_DENOMINATOR,
                        &c.numerator_node.loc,
                        format!(
                            "{}: numerator {} exceeds denominator {}",
                            id.value, c.numerator, c.denominator
                        ),
                    )),
                    Some(_) => {}
                }
            }
            (_, expected) => out.push(Reason::no_score(
                reasons::MEASUREMENT_UNREADABLE,
                value_loc,
                format!(
                    "{} needs {}",
                    id.value,
                    match expected {
                        MetricType::Boolean => "a true/false value",
                        MetricType::Proportion => "a {numerator, denominator} value",
                    }
                ),
            )),
        }
    }
}

/// V1: a measure and one of its own exclusions in one set.
fn exclusions(view: &SetView<'_>, out: &mut Vec<Reason>) {
    for measurement in &view.set.measurements {
        let Some(id) = &measurement.measure_id else {
            continue;
        };
        let Some(parent) = view.catalog.excluded_measure(&id.value) else {
            continue;
        };
        if view.reported(parent) {
            out.push(Reason::no_score(
                reasons::MEASURE_WITH_ITS_EXCLUSION,
                &id.loc,
                format!(
                    "{} is reported together with its own exclusion {}",
                    parent, id.value
                ),
            ));
        }
    }
}

/// V2/V3: the HIE options are alternatives, exclusions included (the QRDA
/// converter's `PI_RESTRICTED_MEASURES` also rejects `PI_HIE_5` beside
/// `PI_LVOTC_1` or `PI_LVITC_2`, which the measure data's substitutes miss).
fn hie_options(view: &SetView<'_>, table: &ScoreTable, out: &mut Vec<Reason>) {
    let touched: Vec<(u8, Vec<&str>)> = table
        .hie_options()
        .into_iter()
        .filter_map(|(option, members)| {
            let ids: Vec<&str> = members
                .iter()
                .flat_map(|m| {
                    let exclusions = view
                        .catalog
                        .measure(&m.measure_id)
                        .map(|c| c.exclusion.as_slice())
                        .unwrap_or_default();
                    std::iter::once(m.measure_id.as_str())
                        .chain(exclusions.iter().map(String::as_str))
                })
                .filter(|id| view.reported(id))
                .collect();
            (!ids.is_empty()).then_some((option, ids))
        })
        .collect();
    if touched.len() > 1 {
        let listed: Vec<String> = touched
            .iter()
            .map(|(option, ids)| format!("option {option} ({})", ids.join(", ")))
            .collect();
        let second = touched[1].1[0];
        out.push(Reason::no_score(
            reasons::CONFLICTING_HIE_OPTIONS,
            view.value_loc(second),
            format!(
                "one set may report only one HIE option, this one has {}",
                listed.join(" and ")
            ),
        ));
    }
}

/// V2: a measure and one of its substitutes (both `_PRE` and `_PROD`, two
/// exclusions of one public-health measure, …). HIE options are left to
/// [`hie_options`], which names them as such.
fn substitutes(view: &SetView<'_>, table: &ScoreTable, out: &mut Vec<Reason>) {
    let is_hie = |id: &str| {
        table
            .scored_measure(id)
            .is_some_and(|m| m.hie_option.is_some())
    };
    let mut reported_pairs = FastSet::default();
    for measurement in &view.set.measurements {
        let Some(id) = &measurement.measure_id else {
            continue;
        };
        let Some(measure) = view.catalog.measure(&id.value) else {
            continue;
        };
        for other in &measure.substitutes {
            if !view.reported(other) || (is_hie(&id.value) && is_hie(other)) {
                continue;
            }
            let pair = if id.value.as_str() < other.as_str() {
                (id.value.as_str(), other.as_str())
            } else {
                (other.as_str(), id.value.as_str())
            };
            if reported_pairs.insert(pair) {
                // Point at the second of the pair in the file.
                out.push(Reason::no_score(
                    reasons::SUBSTITUTES_TOGETHER,
                    later(view.value_loc(&id.value), view.value_loc(other)),
                    format!(
                        "{} and {} may not be reported in the same set",
                        pair.0, pair.1
                    ),
                ));
            }
        }
    }
}

/// V5: a CEHRT ID of the year's shape (its absence is gate G1, a zero).
fn cehrt_id(view: &SetView<'_>, out: &mut Vec<Reason>) {
    let Some(cehrt) = &view.set.cehrt_id else {
        return;
    };
    if cehrt.value.trim().is_empty() {
        return;
    }
    if !view
        .catalog
        .cehrt_id_matches(&cehrt.value.to_ascii_uppercase())
    {
        out.push(Reason::no_score(
            reasons::MALFORMED_CEHRT_ID,
            &cehrt.loc,
            format!(
                "cehrtId is not a {} CEHRT ID ({})",
                view.catalog.performance_year,
                view.catalog.cehrt_id_patterns.join(" or ")
            ),
        ));
    }
}

/// Dates that are not real `YYYY-MM-DD` dates (their absence is gate G2).
fn dates(view: &SetView<'_>, out: &mut Vec<Reason>) {
    for (field, node) in [
        ("performanceStart", &view.set.performance_start),
        ("performanceEnd", &view.set.performance_end),
    ] {
        if let Some(node) = node
            && parse_date(&node.value).is_none()
        {
            out.push(Reason::no_score(
                reasons::PERFORMANCE_PERIOD_UNREADABLE,
                &node.loc,
                format!("{field} is not a real date in the form YYYY-MM-DD"),
            ));
        }
    }
}

/// The one of two locations that comes later in the file.
fn later<'a>(a: &'a Loc, b: &'a Loc) -> &'a Loc {
    if b.span.start() > a.span.start() {
        b
    } else {
        a
    }
}
