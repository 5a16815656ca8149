//! The public-health bonus (../shared/spec/scoring.md §8 P6): a fixed number
//! of points (5) when at least one bonus measure is yes, however many are;
//! earned even when both required public-health measures are excluded.
//! Bonus measures with `_PRE`/`_PROD` levels count only with one of them
//! (an UNCONFIRMED reading of CMS's measure data, marked where it decides
//! the bonus); 2026's TEFCA measure has no level.

use crate::score::points::number;
use crate::score::table::ScoreTable;
use crate::score::view::SetView;

#[derive(Debug, Clone, PartialEq)]
pub struct BonusScore {
    /// What the bonus is worth (earned or not).
    pub max: f64,
    pub points: f64,
    pub formula: String,
    /// Every bonus measure the set reports.
    pub measures: Vec<BonusLine>,
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BonusLine {
    pub measure_id: String,
    pub label: String,
    pub answer: String,
    pub counted: bool,
}

pub fn score(view: &SetView<'_>, table: &ScoreTable) -> BonusScore {
    let bonus = &table.bonus;
    let mut lacking_level = false;
    let measures: Vec<BonusLine> = bonus
        .measures
        .iter()
        .filter(|m| view.reported(&m.measure_id))
        .map(|m| {
            let yes = view.is_yes(&m.measure_id);
            let has_level =
                !m.engagement_required || !view.engagement_levels(&m.measure_id).is_empty();
            lacking_level |= yes && !has_level;
            let mut answer = view.answer(&m.measure_id);
            if yes && !has_level {
                answer.push_str(", no _PRE/_PROD level");
            }
            BonusLine {
                measure_id: m.measure_id.clone(),
                label: m.label.clone(),
                answer,
                counted: yes && has_level,
            }
        })
        .collect();
    let counted: Vec<&str> = measures
        .iter()
        .filter(|m| m.counted)
        .map(|m| m.measure_id.as_str())
        .collect();
    let points = if counted.is_empty() {
        0.0
    } else {
        bonus.points
    };
    let formula = match counted.as_slice() {
        [] => "no bonus measure counted = 0".to_owned(),
        [one] => format!("{one} yes = {}", number(points)),
        several => format!(
            "{} yes = {} (not additive)",
            several.join(", "),
            number(points)
        ),
    };
    // The level requirement is unconfirmed: it matters only when it is
    // what withheld the bonus.
    let assumptions = if counted.is_empty() && lacking_level {
        vec![bonus.engagement_assumption.clone()]
    } else {
        Vec::new()
    };
    BonusScore {
        max: bonus.points,
        points,
        formula,
        measures,
        assumptions,
    }
}
