//! The public-health objective (../shared/spec/scoring.md §7 R5–R8, §8 P5).
//!
//! The objective is worth its points as a whole (25) once its measures pass
//! the gates: a measure answered yes is credited, and so is a measure the
//! year suppressed, whatever it says (2025 eCR). For display the points are
//! split equally among the credited measures (an UNCONFIRMED attribution,
//! marked as such; the objective's total is certain). When both measures
//! are excluded the objective's points have moved (R5) and nothing is
//! credited here.

use crate::score::points::{MeasureScore, number};
use crate::score::redistribution::{Maxima, push_unique};
use crate::score::table::ScoreTable;
use crate::score::view::SetView;

pub fn score(view: &SetView<'_>, table: &ScoreTable, maxima: &Maxima) -> Vec<MeasureScore> {
    let objective = &table.public_health;
    let year = view.catalog.performance_year;
    let credited: Vec<&str> = objective
        .measures
        .iter()
        .map(|m| m.measure_id.as_str())
        .filter(|id| {
            view.is_yes(id) || (view.catalog.is_suppressed(id) && view.reported_or_excluded(id))
        })
        .collect();
    let slot = maxima.slot(&objective.slot);
    let moved = maxima.moved_from(&objective.slot);
    let share = match (slot, credited.len()) {
        (Some(slot), n) if n > 0 => slot.max / n as f64,
        _ => 0.0,
    };
    objective
        .measures
        .iter()
        .map(|measure| {
            let id = measure.measure_id.as_str();
            let mut line = MeasureScore {
                measure_id: id.to_owned(),
                label: measure.label.clone(),
                answer: view.answer(id),
                max: 0.0,
                points: 0.0,
                formula: String::new(),
                excluded: view.claimed_exclusion(id).is_some(),
                assumptions: Vec::new(),
                next_point: None,
            };
            match (slot, moved) {
                (Some(slot), _) if credited.contains(&id) => {
                    line.max = share;
                    line.points = share;
                    line.excluded = false;
                    line.assumptions = slot.assumptions.clone();
                    let split = if credited.len() > 1 {
                        push_unique(&mut line.assumptions, &objective.split_assumption);
                        format!(
                            "{}/{} = {}",
                            number(slot.max),
                            credited.len(),
                            number(share)
                        )
                    } else {
                        format!("objective = {}", number(share))
                    };
                    line.formula = if view.catalog.is_suppressed(id) {
                        format!("suppressed in {year}, full credit: {split}")
                    } else {
                        split
                    };
                }
                (Some(_), _) => {
                    line.formula = match credited.as_slice() {
                        [] => "no credited public-health measure".to_owned(),
                        others => format!(
                            "excluded: the objective's points go to {}",
                            others.join(" and ")
                        ),
                    };
                }
                (None, Some(moved)) => {
                    line.assumptions = moved.assumptions.clone();
                    let to: Vec<&str> = moved.to.iter().map(|(id, _)| id.as_str()).collect();
                    line.formula = format!(
                        "excluded: the objective's {} points moved to {} ({})",
                        number(moved.points),
                        to.join(" and "),
                        moved.rule
                    );
                }
                (None, None) => line.formula = "not scored".to_owned(),
            }
            line
        })
        .filter(|line| line.answer != "missing")
        .collect()
}
