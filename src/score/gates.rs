//! The all-or-nothing gates of ../shared/spec/scoring.md §5: any failure
//! scores the whole PI category 0, bonus included. Every gate is evaluated,
//! so the user sees every failure at once, each at its cause.
//!
//! Year parameters come from the catalog (minimum period, whether a SAFER
//! "no" passes, suppressed measures); measure lists from the score table.

use crate::model::Loc;
use crate::score::period::{inclusive_days, parse_date};
use crate::score::reasons::{self, Reason};
use crate::score::table::ScoreTable;
use crate::score::view::SetView;

/// Every failed gate, in gate order.
pub fn check(view: &SetView<'_>, table: &ScoreTable) -> Vec<Reason> {
    let mut out = Vec::new();
    cehrt_id(view, &mut out);
    period(view, &mut out);
    attestations(view, table, &mut out);
    required_measures(view, table, &mut out);
    numerators(view, table, &mut out);
    answered_no(view, table, &mut out);
    engagement(view, table, &mut out);
    out
}

/// G1: a CEHRT ID (SD-SC; QSG23 Step 5).
fn cehrt_id(view: &SetView<'_>, out: &mut Vec<Reason>) {
    let present = view
        .set
        .cehrt_id
        .as_ref()
        .is_some_and(|c| !c.value.trim().is_empty());
    if !present {
        let loc = view.set.cehrt_id.as_ref().map_or(&view.set.loc, |c| &c.loc);
        out.push(Reason::gate(
            "G1",
            reasons::MISSING_CEHRT_ID,
            loc,
            "no cehrtId: CMS scores a PI set only with the CEHRT ID of the certified EHR used",
        ));
    }
}

/// G2: a continuous period of at least the year's minimum, inside the year.
/// The dates belong to the year the file names; `--year` changes the rules
/// applied (the minimum), not the year the file is about.
fn period(view: &SetView<'_>, out: &mut Vec<Reason>) {
    let catalog = view.catalog;
    let year = view
        .file_year
        .and_then(|y| i32::try_from(y).ok())
        .unwrap_or(i32::from(catalog.performance_year));
    let (Some(start), Some(end)) = (&view.set.performance_start, &view.set.performance_end) else {
        let missing: Vec<&str> = [
            ("performanceStart", view.set.performance_start.is_none()),
            ("performanceEnd", view.set.performance_end.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, missing)| missing.then_some(name))
        .collect();
        out.push(Reason::gate(
            "G2",
            reasons::PERFORMANCE_PERIOD_MISSING,
            &view.set.loc,
            format!(
                "no {}: the PI category needs a performance period of at least {} days",
                missing.join(" or "),
                catalog.minimum_period_days
            ),
        ));
        return;
    };
    // Unreadable dates are a rejection (admission), never reach here.
    let (Some(first), Some(last)) = (parse_date(&start.value), parse_date(&end.value)) else {
        return;
    };
    let mut outside = false;
    for (node, date) in [(start, first), (end, last)] {
        if date.year() != year {
            outside = true;
            out.push(Reason::gate(
                "G2",
                reasons::PERFORMANCE_PERIOD_OUTSIDE_YEAR,
                &node.loc,
                format!("{} is outside performance year {year}", node.value),
            ));
        }
    }
    if outside {
        return;
    }
    let days = inclusive_days(first, last);
    if days < i64::from(catalog.minimum_period_days) {
        let message = if days <= 0 {
            format!(
                "the period ends ({}) before it starts ({})",
                end.value, start.value
            )
        } else {
            format!(
                "the period {} to {} is {days} days; {} needs at least {} continuous days ({})",
                start.value,
                end.value,
                catalog.performance_year,
                catalog.minimum_period_days,
                catalog.minimum_period_source
            )
        };
        out.push(Reason::gate(
            "G2",
            reasons::PERFORMANCE_PERIOD_TOO_SHORT,
            &start.loc,
            message,
        ));
    }
}

/// G3–G6: the attestations and Protect Patient Health Information measures.
fn attestations(view: &SetView<'_>, table: &ScoreTable, out: &mut Vec<Reason>) {
    for attestation in &table.attestations {
        let id = &attestation.measure_id;
        match view.boolean(id) {
            None => {
                // 2023 accepted a SAFER Guides "no": the measure must be there, either way.
                let answer = if attestation.no_accepted_from_catalog
                    && view.catalog.safer_guide_no_accepted
                {
                    "yes or no"
                } else {
                    "yes"
                };
                out.push(Reason::gate(
                    &attestation.gate,
                    &attestation.missing_code,
                    &view.set.loc,
                    format!(
                        "{id} ({}) is missing; it must be answered {answer}",
                        attestation.label
                    ),
                ))
            }
            Some(node) if !node.value => {
                if attestation.no_accepted_from_catalog && view.catalog.safer_guide_no_accepted {
                    continue;
                }
                out.push(Reason::gate(
                    &attestation.gate,
                    &attestation.no_code,
                    &node.loc,
                    format!(
                        "{id} ({}) is answered no; {} accepts only yes",
                        attestation.label, view.catalog.performance_year
                    ),
                ));
            }
            Some(_) => {}
        }
    }
}

/// G7: every required measure reported or excluded, one complete HIE option.
fn required_measures(view: &SetView<'_>, table: &ScoreTable, out: &mut Vec<Reason>) {
    let missing = |out: &mut Vec<Reason>, id: &str, label: &str, loc: &Loc| {
        let mut message = format!("{id} ({label}) is neither reported nor excluded");
        if let Some(declined) = view
            .catalog
            .measure(id)
            .and_then(|m| m.exclusion.iter().find(|e| view.reported(e)))
        {
            message.push_str(&format!(" ({declined} is false, so it claims nothing)"));
        }
        out.push(Reason::gate(
            "G7",
            reasons::REQUIRED_MEASURE_MISSING,
            loc,
            message,
        ));
    };
    for measure in table.measures.iter().filter(|m| m.hie_option.is_none()) {
        if !view.reported_or_excluded(&measure.measure_id) {
            missing(out, &measure.measure_id, &measure.label, &view.set.loc);
        }
    }
    let options = table.hie_options();
    let complete = options.iter().any(|(_, members)| {
        members
            .iter()
            .all(|m| view.reported_or_excluded(&m.measure_id))
    });
    if !complete {
        // The option the set started on, or (none started) all of them.
        let started: Vec<_> = options
            .iter()
            .filter(|(_, members)| {
                members
                    .iter()
                    .any(|m| view.reported_or_excluded(&m.measure_id))
            })
            .collect();
        if let Some((_, members)) = started.first() {
            for m in members {
                if !view.reported_or_excluded(&m.measure_id) {
                    missing(out, &m.measure_id, &m.label, &view.set.loc);
                }
            }
        } else {
            let alternatives: Vec<String> = options
                .iter()
                .map(|(_, members)| {
                    members
                        .iter()
                        .map(|m| m.measure_id.as_str())
                        .collect::<Vec<_>>()
                        .join(" + ")
                })
                .collect();
            out.push(Reason::gate(
                "G7",
                reasons::REQUIRED_MEASURE_MISSING,
                &view.set.loc,
                format!(
                    "no Health Information Exchange option is reported: report {}",
                    alternatives.join(", or ")
                ),
            ));
        }
    }
    for measure in &table.public_health.measures {
        if !view.reported_or_excluded(&measure.measure_id) {
            missing(out, &measure.measure_id, &measure.label, &view.set.loc);
        }
    }
}

/// G8: each reported proportion measure has a numerator of at least 1.
fn numerators(view: &SetView<'_>, table: &ScoreTable, out: &mut Vec<Reason>) {
    for measure in &table.measures {
        let Some(counts) = view.counts(&measure.measure_id) else {
            continue;
        };
        if counts.numerator == 0 {
            out.push(Reason::gate(
                "G8",
                reasons::REQUIRED_MEASURE_NUMERATOR_ZERO,
                &counts.numerator_node.loc,
                format!(
                    "{} ({}) has numerator 0; a reported measure needs at least 1",
                    measure.measure_id, measure.label
                ),
            ));
        }
    }
}

/// G9: required yes/no measures answered yes, unless the year suppressed
/// them (2025 eCR: any answer earns full credit).
fn answered_no(view: &SetView<'_>, table: &ScoreTable, out: &mut Vec<Reason>) {
    let scored = table
        .measures
        .iter()
        .map(|m| (&m.measure_id, &m.label, None));
    let public_health = table.public_health.measures.iter().map(|m| {
        (
            &m.measure_id,
            &m.label,
            Some(&table.public_health.answered_no_source),
        )
    });
    for (id, label, source) in scored.chain(public_health) {
        let Some(node) = view.boolean(id) else {
            continue;
        };
        if node.value || view.catalog.is_suppressed(id) {
            continue;
        }
        let reason = Reason::gate(
            "G9",
            reasons::REQUIRED_MEASURE_ANSWERED_NO,
            &node.loc,
            match source {
                Some(source) => format!(
                    "{id} ({label}) is answered no; it must be yes or claim an exclusion ({source})"
                ),
                None => {
                    format!("{id} ({label}) is answered no; it must be yes or claim an exclusion")
                }
            },
        );
        out.push(reason);
    }
}

/// G10: a public-health "yes" carries its active-engagement level (from
/// 2023, QSG23).
fn engagement(view: &SetView<'_>, table: &ScoreTable, out: &mut Vec<Reason>) {
    if !table.public_health.engagement_required {
        return;
    }
    for measure in &table.public_health.measures {
        let id = &measure.measure_id;
        if !view.is_yes(id) || view.catalog.is_suppressed(id) {
            continue;
        }
        if view.engagement_levels(id).is_empty() {
            out.push(Reason::gate(
                "G10",
                reasons::ACTIVE_ENGAGEMENT_MISSING,
                view.value_loc(id),
                format!(
                    "{id} ({}) is yes but has no active-engagement level: add {} set to true",
                    measure.label,
                    levels(view, id)
                ),
            ));
        }
    }
}

/// "PI_PHCDRR_1_PRE or PI_PHCDRR_1_PROD".
fn levels(view: &SetView<'_>, id: &str) -> String {
    view.catalog
        .measure(id)
        .map(|m| m.preprod.join(" or "))
        .unwrap_or_default()
}
