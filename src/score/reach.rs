//! Points within reach: what a practice can still do about its score.
//!
//! Quality managers plan with two questions, answered here from the score
//! itself, never from a second copy of CMS's arithmetic:
//!
//! - For a proportion measure: the smallest numerator (same denominator)
//!   that earns one more point under CMS's rounding. It is found by asking
//!   [`points::proportion_points`], the score's own arithmetic, so the
//!   rounding, its tie rule and the 1-point floor are the score's own.
//! - For a set scoring 0: the changes that restore a score, one per failed
//!   all-or-nothing gate (fixing them all does; one reason is one change).

use serde::Serialize;

use crate::score::points;
use crate::score::reasons::{self, Reason};
use crate::score::table::ScoreTable;

/// The next point of a proportion measure: `154/200 would give 12`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NextPoint {
    /// The smallest numerator, over the same denominator, that earns more.
    pub numerator: u64,
    /// The points that numerator earns.
    pub points: f64,
}

/// The smallest numerator above `numerator` (at most `denominator`) whose
/// points, for a measure worth `max`, exceed those of `numerator`; `None`
/// when the measure is at its maximum or no numerator can earn more.
pub fn next_point(
    numerator: u64,
    denominator: u64,
    max: f64,
    table: &ScoreTable,
) -> Option<NextPoint> {
    if denominator == 0 || numerator >= denominator {
        return None;
    }
    // The points alone: the formula string is the shown result's, and
    // building it for every numerator tried cost more than the search.
    let points_at = |n: u64| points::proportion_points(n, denominator, max, table);
    let now = points_at(numerator);
    if points_at(denominator) <= now {
        return None;
    }
    // The points never fall as the numerator grows (IEEE division and
    // multiplication round monotonically, and so does CMS's rounding), so
    // the first numerator that earns more is found by bisection:
    // `points_at(high) > now` throughout.
    let (mut low, mut high) = (numerator + 1, denominator);
    while low < high {
        let mid = low + (high - low) / 2;
        if points_at(mid) > now {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    Some(NextPoint {
        numerator: low,
        points: points_at(low),
    })
}

/// One change that lifts a failed gate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The zero reason it answers (`SRA_NOT_YES`).
    pub reason: String,
    /// `G1`…`G10`.
    pub gate: Option<String>,
    /// The rule whose finding explains the reason.
    pub rule: Option<&'static str>,
    /// What to do, then what is wrong: "answer it yes: PI_PPHI_1 (…) is
    /// answered no; …".
    pub change: String,
}

/// The changes that restore a score to a set scoring 0: one per failed
/// gate, in the order the gates are checked. Every one is needed (a single
/// failed gate zeroes the category); when there is one, it is the one
/// change that restores a score.
pub fn restore(zero_reasons: &[Reason]) -> Vec<Change> {
    zero_reasons
        .iter()
        .map(|reason| Change {
            reason: reason.code.clone(),
            gate: reason.gate.clone(),
            rule: reason.rule,
            change: format!("{}: {}", action(&reason.code), reason.message),
        })
        .collect()
}

/// What lifts the gate behind a zero reason.
fn action(code: &str) -> &'static str {
    match code {
        reasons::MISSING_CEHRT_ID => "add the CEHRT ID of the certified EHR technology used",
        reasons::PERFORMANCE_PERIOD_MISSING => "give the performance period's start and end",
        reasons::PERFORMANCE_PERIOD_OUTSIDE_YEAR => {
            "keep the performance period inside the performance year"
        }
        reasons::PERFORMANCE_PERIOD_TOO_SHORT => {
            "report a continuous period of at least the year's minimum"
        }
        "ATTESTATION_NOT_YES" | "SRA_NOT_YES" | "SAFER_NOT_YES" => "answer it yes",
        "SAFER_MISSING" => "report the SAFER Guides measure, answered yes",
        reasons::REQUIRED_MEASURE_MISSING => "report the measure or claim its exclusion",
        reasons::REQUIRED_MEASURE_NUMERATOR_ZERO => {
            "report a numerator of at least 1, or claim the measure's exclusion"
        }
        reasons::REQUIRED_MEASURE_ANSWERED_NO => "answer it yes, or claim its exclusion",
        reasons::ACTIVE_ENGAGEMENT_MISSING => "add its active-engagement level",
        _ => "fix the cause",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::table::for_year;
    use proptest::prelude::*;

    fn table() -> &'static ScoreTable {
        for_year(2024).unwrap()
    }

    #[test]
    fn the_issue_example() {
        // PI_HIE_1 150/200 of 15 = 11; 154/200 = 11.55 rounds to 12.
        assert_eq!(points::proportion(150, 200, 15.0, table()).points, 11.0);
        assert_eq!(
            next_point(150, 200, 15.0, table()),
            Some(NextPoint {
                numerator: 154,
                points: 12.0
            })
        );
    }

    #[test]
    fn none_at_the_maximum_or_when_impossible() {
        assert_eq!(next_point(200, 200, 15.0, table()), None);
        // 199/200 of 10 rounds to 10 already.
        assert_eq!(next_point(199, 200, 10.0, table()), None);
        assert_eq!(next_point(0, 0, 10.0, table()), None);
        assert_eq!(next_point(5, 3, 10.0, table()), None);
    }

    #[test]
    fn the_floor_counts() {
        // 1/500 of 10 earns the 1-point floor; the next point is at 2.
        let next = next_point(1, 500, 10.0, table()).unwrap();
        assert_eq!(next.points, 2.0);
        assert_eq!(next.numerator, 75);
        // From 0, one is enough for the floor.
        assert_eq!(
            next_point(0, 500, 10.0, table()),
            Some(NextPoint {
                numerator: 1,
                points: 1.0
            })
        );
    }

    #[test]
    fn restore_names_every_failed_gate() {
        let loc = crate::model::Loc::default();
        let reasons = vec![
            Reason::gate("G5", "SRA_NOT_YES", &loc, "PI_PPHI_1 is answered no").with_rule("A002"),
        ];
        let changes = restore(&reasons);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].rule, Some("A002"));
        assert_eq!(changes[0].change, "answer it yes: PI_PPHI_1 is answered no");
    }

    proptest! {
        /// The answer is the first numerator a linear walk over CMS's own
        /// rounding finds, for maxima whole and split by redistribution.
        #[test]
        fn next_point_is_the_first_numerator_earning_more(
            denominator in 1u64..3000,
            at in 0.0f64..1.0,
            max in prop::sample::select(vec![5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 12.5, 22.5, 7.5]),
            year in prop::sample::select(vec![2023i64, 2024, 2025, 2026]),
        ) {
            let table = for_year(year).unwrap();
            let numerator = ((denominator as f64) * at) as u64;
            let points_at = |n: u64| points::proportion(n, denominator, max, table).points;
            let now = points_at(numerator);
            let expected = (numerator + 1..=denominator)
                .find(|&n| points_at(n) > now)
                .map(|n| NextPoint { numerator: n, points: points_at(n) });
            prop_assert_eq!(next_point(numerator, denominator, max, table), expected);
        }
    }
}
