//! The predicted PI category score, computed as CMS computes it and
//! explained point by point (../shared/spec/scoring.md).
//!
//! The score reads only the model ([`crate::model`]) and the catalog
//! ([`crate::catalog`]), never the findings of the rules, so it works for
//! every front end. Per PI measurement set, in order:
//!
//! 1. admission ([`admission`]): a set CMS would reject has no score;
//! 2. the all-or-nothing gates ([`gates`]): any failure scores 0, with every
//!    failed gate listed at its cause;
//! 3. maxima after exclusion redistribution ([`redistribution`]);
//! 4. per-measure points with CMS's rounding and 1-point floor ([`points`]);
//! 5. the public-health objective ([`public_health`]) and bonus ([`bonus`]);
//! 6. the cap, then the category's weight ([`weights`]).
//!
//! Every number comes from the year's table ([`table`],
//! `src/score/tables/YYYY.json`). A figure that rests on a rule scoring.md
//! marks UNCONFIRMED carries that rule's assumption text. A file with several
//! PI sets scores each; CMS keeps the highest (§11 M1).

pub(crate) mod admission;
pub(crate) mod bonus;
pub(crate) mod explain;
pub(crate) mod gates;
pub(crate) mod period;
pub(crate) mod points;
pub(crate) mod public_health;
pub(crate) mod reach;
pub mod reasons;
pub(crate) mod redistribution;
pub(crate) mod table;
pub(crate) mod view;
pub(crate) mod weights;

use crate::catalog;
use crate::model::{Loc, MeasurementSet, Submission};

pub use bonus::BonusScore;
pub use points::MeasureScore;
pub use reasons::Reason;
pub use redistribution::Move;
pub use weights::Framework;

use redistribution::push_unique;
use table::ScoreTable;
use view::SetView;

/// The prediction for one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileScore {
    /// The performance year whose rules were applied.
    pub year: Option<i64>,
    /// Set when the year's rules are carried over from an earlier year.
    pub provisional: Option<String>,
    /// Every PI measurement set, in file order.
    pub sets: Vec<SetScore>,
    /// Why nothing in the file can be scored, when that is decided before
    /// looking at any set (no PI set, unsupported year).
    pub no_score: Option<Reason>,
    /// The PI category's weight per framework, when the year is known.
    pub weights: Vec<(Framework, WeightShare)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WeightShare {
    pub percent: f64,
    /// "traditional MIPS", "APM Performance Pathway".
    pub label: String,
    pub assumption: Option<String>,
}

/// The prediction for one PI measurement set.
#[derive(Debug, Clone, PartialEq)]
pub struct SetScore {
    /// The set's head and JSON Pointer.
    pub loc: Loc,
    pub submission_method: Option<String>,
    pub program_name: Option<String>,
    pub result: SetResult,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SetResult {
    /// CMS would reject the set before scoring it: no score.
    Rejected(Vec<Reason>),
    /// At least one gate failed: the category scores 0.
    Zero {
        reasons: Vec<Reason>,
        /// Year-specific consequences of the zero (2025+ completeness).
        notes: Vec<String>,
    },
    Scored(Breakdown),
}

/// Every point of a scored set.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// Measures scored on their own, then the public-health measures.
    pub measures: Vec<MeasureScore>,
    pub redistributions: Vec<Move>,
    pub bonus: BonusScore,
    /// Σ measure points + bonus, before the cap.
    pub subtotal: f64,
    pub cap: f64,
    /// min(cap, subtotal).
    pub total: f64,
}

impl SetScore {
    /// The set's score; `None` when it cannot be scored.
    pub fn total(&self) -> Option<f64> {
        match &self.result {
            SetResult::Rejected(_) => None,
            SetResult::Zero { .. } => Some(0.0),
            SetResult::Scored(breakdown) => Some(breakdown.total),
        }
    }

    /// Every distinct assumption a figure of this set rests on, in the
    /// order the figures appear (for footnotes).
    pub fn assumptions(&self) -> Vec<&str> {
        let all: Vec<&String> = match &self.result {
            SetResult::Rejected(reasons) | SetResult::Zero { reasons, .. } => reasons
                .iter()
                .filter_map(|r| r.assumption.as_ref())
                .collect(),
            SetResult::Scored(b) => b
                .measures
                .iter()
                .flat_map(|m| &m.assumptions)
                .chain(b.redistributions.iter().flat_map(|m| &m.assumptions))
                .chain(&b.bonus.assumptions)
                .collect(),
        };
        let mut out: Vec<&str> = Vec::new();
        for assumption in all {
            if !out.contains(&assumption.as_str()) {
                out.push(assumption);
            }
        }
        out
    }
}

impl FileScore {
    /// The set CMS keeps: the highest-scoring one (the first of equals).
    pub fn best(&self) -> Option<&SetScore> {
        let mut best: Option<&SetScore> = None;
        for set in &self.sets {
            let Some(total) = set.total() else { continue };
            if best.and_then(SetScore::total).is_none_or(|b| total > b) {
                best = Some(set);
            }
        }
        best
    }

    /// The file's predicted PI score; `None` when nothing can be scored.
    pub fn total(&self) -> Option<f64> {
        self.best().and_then(SetScore::total)
    }

    /// The PI category's weight in `framework`'s final score.
    pub fn weight(&self, framework: Framework) -> Option<&WeightShare> {
        self.weights
            .iter()
            .find(|(f, _)| *f == framework)
            .map(|(_, w)| w)
    }

    /// The score's contribution to `framework`'s final score, in points.
    pub fn weighted(&self, framework: Framework) -> Option<f64> {
        Some(weights::weighted(
            self.total()?,
            self.weight(framework)?.percent,
        ))
    }

    /// Why the file has no score: the file-level reason, else every set's
    /// rejection. Empty when the file has a score.
    pub fn no_score_reasons(&self) -> Vec<&Reason> {
        if let Some(reason) = &self.no_score {
            return vec![reason];
        }
        if self.total().is_some() {
            return Vec::new();
        }
        self.sets
            .iter()
            .flat_map(|s| match &s.result {
                SetResult::Rejected(reasons) => reasons.as_slice(),
                _ => &[],
            })
            .collect()
    }
}

impl FileScore {
    /// A file that CMS rejects before scoring anything in it, for `reason`.
    pub fn rejected(year: Option<i64>, reason: Reason) -> FileScore {
        FileScore {
            year,
            provisional: None,
            sets: Vec::new(),
            no_score: Some(reason),
            weights: Vec::new(),
        }
    }
}

/// Predicts the PI score of every PI measurement set of `submission`,
/// under the rules of `year_override` (`--year`) or else the file's year.
pub fn score_submission(submission: &Submission, year_override: Option<i64>) -> FileScore {
    let file_year = submission.performance_year.as_ref().map(|y| y.value);
    let year = year_override.or(file_year);
    let year_loc = submission
        .performance_year
        .as_ref()
        .map_or(&submission.loc, |y| &y.loc);
    let mut score = FileScore {
        year,
        provisional: None,
        sets: Vec::new(),
        no_score: None,
        weights: Vec::new(),
    };
    let Some(year) = year else {
        score.no_score = Some(Reason::no_score(
            reasons::PERFORMANCE_YEAR_MISSING,
            year_loc,
            "no performanceYear (a whole number): the scoring rules depend on the year",
        ));
        return score;
    };
    let (Some(table), Some(catalog)) = (table::for_year(year), catalog::year(year)) else {
        let years: Vec<String> = catalog::supported_years()
            .iter()
            .map(u16::to_string)
            .collect();
        score.no_score = Some(Reason::no_score(
            reasons::PERFORMANCE_YEAR_UNSUPPORTED,
            year_loc,
            format!(
                "pilint has no PI scoring rules for {year}; it scores {}",
                years.join(", ")
            ),
        ));
        return score;
    };
    score.provisional = table.provisional.clone();
    score.weights = [Framework::Mips, Framework::App, Framework::Mvp]
        .into_iter()
        .map(|framework| {
            let weight = weights::weight(table, framework);
            let assumption = weight
                .assumption
                .clone()
                .or_else(|| table.provisional.clone());
            let share = WeightShare {
                percent: weight.percent,
                label: weight.label.clone(),
                assumption,
            };
            (framework, share)
        })
        .collect();
    score.sets = submission
        .measurement_sets
        .iter()
        .filter(|set| set.is_pi())
        .map(|set| score_set(&SetView::new(set, catalog, file_year), table))
        .collect();
    if score.sets.is_empty() {
        score.no_score = Some(Reason::no_score(
            reasons::NO_PI_MEASUREMENT_SET,
            &submission.loc,
            "the file has no measurement set with category \"pi\"",
        ));
    }
    score
}

fn score_set(view: &SetView<'_>, table: &ScoreTable) -> SetScore {
    let set: &MeasurementSet = view.set;
    let result = compute(view, table);
    SetScore {
        loc: set.loc.clone(),
        submission_method: set.submission_method.as_ref().map(|n| n.value.clone()),
        program_name: set.program_name.as_ref().map(|n| n.value.clone()),
        result: match &table.provisional {
            Some(provisional) => mark_provisional(result, provisional),
            None => result,
        },
    }
}

fn compute(view: &SetView<'_>, table: &ScoreTable) -> SetResult {
    let rejected = admission::check(view, table);
    if !rejected.is_empty() {
        return SetResult::Rejected(rejected);
    }
    let failed = gates::check(view, table);
    if !failed.is_empty() {
        // A missing required element: a required measure, or the CEHRT ID.
        let incomplete = failed.iter().any(|r| {
            r.code == reasons::REQUIRED_MEASURE_MISSING || r.code == reasons::MISSING_CEHRT_ID
        });
        let notes = match (&table.incomplete_note, incomplete) {
            (Some(note), true) => vec![note.clone()],
            _ => Vec::new(),
        };
        return SetResult::Zero {
            reasons: failed,
            notes,
        };
    }
    let maxima = redistribution::compute(view, table);
    let mut measures = points::score(view, table, &maxima);
    measures.extend(public_health::score(view, table, &maxima));
    let bonus = bonus::score(view, table);
    let subtotal = measures.iter().map(|m| m.points).sum::<f64>() + bonus.points;
    let cap = table.cap.points;
    if subtotal >= cap {
        // At the cap one more point earns nothing: none is within reach.
        measures.iter_mut().for_each(|m| m.next_point = None);
    }
    SetResult::Scored(Breakdown {
        measures,
        redistributions: maxima.moves,
        bonus,
        subtotal,
        cap,
        total: subtotal.min(cap),
    })
}

/// In a provisional year every figure rests on the carried-over rules.
fn mark_provisional(result: SetResult, provisional: &str) -> SetResult {
    match result {
        SetResult::Rejected(reasons) => SetResult::Rejected(reasons),
        SetResult::Zero { reasons, notes } => SetResult::Zero {
            reasons: reasons
                .into_iter()
                .map(|r| match r.assumption {
                    Some(_) => r,
                    None => r.with_assumption(provisional),
                })
                .collect(),
            notes,
        },
        SetResult::Scored(mut b) => {
            for m in &mut b.measures {
                push_unique(&mut m.assumptions, provisional);
            }
            for m in &mut b.redistributions {
                push_unique(&mut m.assumptions, provisional);
            }
            push_unique(&mut b.bonus.assumptions, provisional);
            SetResult::Scored(b)
        }
    }
}
