//! Per-measure points and CMS's rounding (../shared/spec/scoring.md §8).
//!
//! A proportion measure earns `(numerator / denominator) × max`, computed in
//! IEEE double exactly as CMS's engine writes it (divide, then multiply),
//! rounded to a whole point per measure before summing (P1), never below 1
//! point when the numerator is at least 1 (P2). The tie rule (P3) is a table
//! entry; a measure whose raw value is exactly x.5 carries its assumption.
//! A yes on a yes/no measure earns its whole maximum (P4).

use crate::score::redistribution::{Maxima, push_unique};
use crate::score::table::{ScoreTable, Tie};
use crate::score::view::SetView;

/// One line of the score table.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureScore {
    pub measure_id: String,
    pub label: String,
    /// `49/115`, `yes (production)`, `excluded (PI_LVPP_1)`.
    pub answer: String,
    /// Maximum after redistribution (0 once excluded: its points moved).
    pub max: f64,
    pub points: f64,
    /// CMS's style: `((49/115)*10) = 4`.
    pub formula: String,
    pub excluded: bool,
    /// Unconfirmed rules this figure rests on.
    pub assumptions: Vec<String>,
    /// For a proportion measure scored on its counts: the smallest
    /// numerator that earns one more point (`None` at the maximum).
    pub next_point: Option<crate::score::reach::NextPoint>,
}

/// Rounds a non-negative raw value to a whole point.
pub fn round(raw: f64, tie: Tie) -> f64 {
    match tie {
        Tie::HalfUp => raw.round(),
        Tie::HalfEven => raw.round_ties_even(),
    }
}

/// The raw value of a proportion measure and its points, without the
/// formula: what [`proportion`] computes, and all that the search for the
/// next point (`score::reach`) needs for each numerator it tries.
pub fn proportion_points(numerator: u64, denominator: u64, max: f64, table: &ScoreTable) -> f64 {
    let (rounded, floor) = points_of(raw_value(numerator, denominator, max), numerator, table);
    floor.unwrap_or(rounded)
}

/// `(numerator / denominator) × max`, divided then multiplied as CMS does.
fn raw_value(numerator: u64, denominator: u64, max: f64) -> f64 {
    // A zero denominator only comes with a zero numerator (admission), which
    // earns nothing.
    if denominator == 0 {
        0.0
    } else {
        (numerator as f64 / denominator as f64) * max
    }
}

/// The raw value rounded, and the floor when it applies instead: a
/// numerator of at least 1 earns at least the minimum points.
fn points_of(raw: f64, numerator: u64, table: &ScoreTable) -> (f64, Option<f64>) {
    let rounded = round(raw, table.rounding.tie);
    let floor = table.minimum_points.points;
    (
        rounded,
        (numerator >= 1 && rounded < floor).then_some(floor),
    )
}

/// The points and formula of a proportion measure with maximum `max`.
pub fn proportion(numerator: u64, denominator: u64, max: f64, table: &ScoreTable) -> Proportion {
    let raw = raw_value(numerator, denominator, max);
    let (rounded, floor) = points_of(raw, numerator, table);
    let formula = format!(
        "(({numerator}/{denominator})*{}) = {}",
        number(max),
        number(rounded)
    );
    if let Some(floor) = floor {
        return Proportion {
            points: floor,
            formula: format!(
                "{formula} → {} ({}-point minimum)",
                number(floor),
                number(floor)
            ),
            tie: false,
        };
    }
    Proportion {
        points: rounded,
        formula,
        tie: raw.fract() == 0.5,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proportion {
    pub points: f64,
    pub formula: String,
    /// The raw value was exactly x.5, so the tie rule decided.
    pub tie: bool,
}

/// The lines of the measures scored on their own (not public health), in
/// table order: those the set is scored on, and those it excluded.
pub fn score(view: &SetView<'_>, table: &ScoreTable, maxima: &Maxima) -> Vec<MeasureScore> {
    let year = view.catalog.performance_year;
    let mut out = Vec::new();
    for measure in &table.measures {
        let id = measure.measure_id.as_str();
        let mut line = MeasureScore {
            measure_id: id.to_owned(),
            label: measure.label.clone(),
            answer: view.answer(id),
            max: 0.0,
            points: 0.0,
            formula: String::new(),
            excluded: false,
            assumptions: Vec::new(),
            next_point: None,
        };
        if let Some(slot) = maxima.slot(id) {
            line.max = slot.max;
            line.assumptions = slot.assumptions.clone();
            if view.catalog.is_suppressed(id) {
                line.points = slot.max;
                line.formula = format!("suppressed in {year}: any answer = {}", number(slot.max));
            } else if let Some(counts) = view.counts(id) {
                let p = proportion(counts.numerator, counts.denominator, slot.max, table);
                if p.tie {
                    push_unique(&mut line.assumptions, &table.rounding.assumption);
                }
                line.points = p.points;
                line.formula = p.formula;
                line.next_point = crate::score::reach::next_point(
                    counts.numerator,
                    counts.denominator,
                    slot.max,
                    table,
                );
            } else if view.is_yes(id) {
                line.points = slot.max;
                line.formula = format!("yes = {}", number(slot.max));
            } else {
                // Gates zero the category before this; kept for honesty.
                line.formula = "no = 0".to_owned();
            }
        } else if let Some(moved) = maxima.moved_from(id) {
            line.excluded = true;
            line.assumptions = moved.assumptions.clone();
            let to: Vec<&str> = moved.to.iter().map(|(id, _)| id.as_str()).collect();
            line.formula = format!(
                "excluded: {} points moved to {} ({})",
                number(moved.points),
                to.join(" and "),
                moved.rule
            );
        } else {
            // Another HIE option than the one reported.
            continue;
        }
        out.push(line);
    }
    out
}

/// A number as CMS writes points: `10`, `12.5` (shared with the findings
/// that quote a score).
pub use crate::diagnostic::points::number;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::table::for_year;

    fn points(n: u64, d: u64, max: f64) -> Proportion {
        proportion(n, d, max, for_year(2024).unwrap())
    }

    /// CMS's own engine output (scoring.md §8 P1, SD-EX), with its maxima.
    #[test]
    fn cms_reference_formulas() {
        assert_eq!(points(49, 115, 10.0).formula, "((49/115)*10) = 4");
        assert_eq!(points(1123, 1951, 20.0).formula, "((1123/1951)*20) = 12");
        assert_eq!(points(923, 951, 20.0).formula, "((923/951)*20) = 19");
        assert_eq!(points(861, 1809, 40.0).formula, "((861/1809)*40) = 19");
    }

    #[test]
    fn one_point_floor_and_ties() {
        let tiny = points(1, 500, 10.0);
        assert_eq!(tiny.points, 1.0);
        assert_eq!(tiny.formula, "((1/500)*10) = 0 → 1 (1-point minimum)");
        // (1/6)*15 is exactly 2.5 in IEEE double (scoring.md E26).
        let tie = points(1, 6, 15.0);
        assert!(tie.tie);
        assert_eq!(tie.points, 3.0);
        assert_eq!(round(2.5, Tie::HalfEven), 2.0);
        assert!(!points(49, 115, 10.0).tie);
    }

    /// The formula-free points are the scored points, floor and ties
    /// included.
    #[test]
    fn points_alone_are_the_scored_points() {
        for year in [2023, 2024, 2025, 2026] {
            let table = for_year(year).unwrap();
            for max in [5.0, 7.5, 10.0, 12.5, 15.0, 20.0, 25.0, 40.0] {
                for d in [0u64, 1, 6, 7, 115, 200, 500, 1951] {
                    for n in 0..=d.min(600) {
                        assert_eq!(
                            proportion_points(n, d, max, table),
                            proportion(n, d, max, table).points,
                            "{n}/{d} of {max} in {year}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn numbers_read_like_points() {
        assert_eq!(number(10.0), "10");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(21.75), "21.75");
        assert_eq!(number(0.0), "0");
    }
}
