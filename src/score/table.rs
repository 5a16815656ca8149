//! The per-year scoring tables, embedded from `src/score/tables/YYYY.json`.
//!
//! Every number and every redistribution step of CMS's PI arithmetic is a
//! table entry (../shared/spec/scoring.md §5–§10), so a new performance
//! year, or a rule CMS confirms differently, is a data change. An entry that
//! rests on a rule scoring.md marks UNCONFIRMED carries an `assumption` text;
//! the engine attaches it to every figure the entry touches.

use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/score_tables.rs"));

/// One performance year's scoring rules.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreTable {
    #[cfg_attr(not(test), allow(dead_code))] // tests hold it equal to the file name
    pub performance_year: u16,
    /// Set when no rule is published for the year and an earlier year's
    /// rules are applied: every figure rests on it.
    pub provisional: Option<String>,
    /// Why the year differs from its neighbours (shown nowhere; for readers).
    #[allow(dead_code)] // read by people maintaining the tables
    pub notes: Vec<String>,
    /// Gates G3–G6: attestations that must be answered yes.
    pub attestations: Vec<Attestation>,
    /// Measures scored on their own, with their base maxima (§6).
    pub measures: Vec<ScoredMeasure>,
    pub public_health: PublicHealth,
    pub bonus: Bonus,
    /// Exclusion redistribution steps, applied in this order (§7).
    pub redistributions: Vec<Redistribution>,
    pub rounding: Rounding,
    /// The 1-point floor for a measure with numerator ≥ 1 (§8 P2).
    pub minimum_points: Sourced,
    /// The category cap (§8 P7).
    pub cap: Sourced,
    pub weights: Weights,
    /// Said beside a zero for missing required measures (§5, PY 2025+).
    pub incomplete_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attestation {
    pub measure_id: String,
    pub label: String,
    pub gate: String,
    pub missing_code: String,
    pub no_code: String,
    /// Whether the catalog's `saferGuideNoAccepted` lets a "no" pass (G6).
    pub no_accepted_from_catalog: bool,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoredMeasure {
    pub measure_id: String,
    pub label: String,
    pub max: f64,
    /// HIE options are alternatives: exactly one is reported (§3, §4 V2).
    pub hie_option: Option<u8>,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublicHealth {
    /// The objective's slot name in redistribution steps.
    pub slot: String,
    pub label: String,
    pub points: f64,
    pub measures: Vec<Labelled>,
    /// Gate G10: a "yes" needs exactly one `_PRE`/`_PROD` level.
    pub engagement_required: bool,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub engagement_source: String,
    pub split_assumption: String,
    /// The CMS source stating that a public-health "no" zeroes the category.
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub answered_no_source: String,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Labelled {
    pub measure_id: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bonus {
    /// Earned once, however many bonus measures are yes.
    pub points: f64,
    pub measures: Vec<BonusMeasure>,
    pub engagement_assumption: String,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BonusMeasure {
    pub measure_id: String,
    pub label: String,
    pub engagement_required: bool,
}

/// "When every measure of `when_excluded` is excluded, move the current
/// maximum of `from` to the `to` slots this set has, split equally."
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Redistribution {
    pub id: String,
    pub when_excluded: Vec<String>,
    pub from: String,
    pub to: Vec<String>,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
    pub assumption: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Tie {
    /// 2.5 → 3 (JavaScript `Math.round` for positive values).
    HalfUp,
    /// 2.5 → 2 (banker's rounding).
    HalfEven,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rounding {
    pub tie: Tie,
    /// Attached to a measure whose raw value is exactly x.5.
    pub assumption: String,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sourced {
    pub points: f64,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub mips: Weight,
    pub app: Weight,
    pub mvp: Weight,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Weight {
    /// The PI category's share of the final score, in percent.
    pub percent: f64,
    pub label: String,
    #[cfg_attr(not(test), allow(dead_code))] // a citation for readers; tests check it
    pub source: String,
    pub assumption: Option<String>,
}

impl ScoreTable {
    pub fn scored_measure(&self, measure_id: &str) -> Option<&ScoredMeasure> {
        self.measures.iter().find(|m| m.measure_id == measure_id)
    }

    /// The HIE options, lowest first, each with its measures in table order.
    pub fn hie_options(&self) -> Vec<(u8, Vec<&ScoredMeasure>)> {
        let mut options: Vec<(u8, Vec<&ScoredMeasure>)> = Vec::new();
        for measure in &self.measures {
            let Some(option) = measure.hie_option else {
                continue;
            };
            match options.iter_mut().find(|(o, _)| *o == option) {
                Some((_, members)) => members.push(measure),
                None => options.push((option, vec![measure])),
            }
        }
        options.sort_by_key(|(option, _)| *option);
        options
    }

    /// A slot's human label (a measure's, or the public-health objective's).
    pub fn slot_label<'a>(&'a self, slot: &'a str) -> &'a str {
        if slot == self.public_health.slot {
            return &self.public_health.label;
        }
        self.scored_measure(slot).map_or(slot, |m| m.label.as_str())
    }
}

/// One slot per embedded year, each parsed on first use (start-up parses
/// only the years the files need).
static TABLES: LazyLock<Vec<OnceLock<ScoreTable>>> =
    LazyLock::new(|| TABLE_FILES.iter().map(|_| OnceLock::new()).collect());

/// The scoring table of `year`, if pilint has one.
pub fn for_year(year: i64) -> Option<&'static ScoreTable> {
    let index = TABLE_FILES
        .iter()
        .position(|(y, _)| i64::from(*y) == year)?;
    let (_, text) = TABLE_FILES[index];
    Some(TABLES[index].get_or_init(|| {
        serde_json::from_str(text).expect("embedded score table is valid (tested)")
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    #[test]
    fn every_table_parses_and_matches_its_file_name() {
        for (year, text) in TABLE_FILES {
            let table: ScoreTable = serde_json::from_str(text).unwrap();
            assert_eq!(table.performance_year, *year);
        }
    }

    /// Every figure of every year names the CMS document it comes from
    /// (the citations are read by people maintaining the tables, not printed).
    #[test]
    fn every_figure_cites_its_cms_source() {
        for (year, text) in TABLE_FILES {
            let table: ScoreTable = serde_json::from_str(text).unwrap();
            let mut sources: Vec<(&str, &str)> = vec![
                ("publicHealth", &table.public_health.source),
                (
                    "publicHealth.engagement",
                    &table.public_health.engagement_source,
                ),
                (
                    "publicHealth.answeredNo",
                    &table.public_health.answered_no_source,
                ),
                ("bonus", &table.bonus.source),
                ("rounding", &table.rounding.source),
                ("minimumPoints", &table.minimum_points.source),
                ("cap", &table.cap.source),
                ("weights.mips", &table.weights.mips.source),
                ("weights.app", &table.weights.app.source),
                ("weights.mvp", &table.weights.mvp.source),
            ];
            sources.extend(
                table
                    .attestations
                    .iter()
                    .map(|a| (a.measure_id.as_str(), a.source.as_str())),
            );
            sources.extend(
                table
                    .measures
                    .iter()
                    .map(|m| (m.measure_id.as_str(), m.source.as_str())),
            );
            sources.extend(
                table
                    .redistributions
                    .iter()
                    .map(|r| (r.id.as_str(), r.source.as_str())),
            );
            for (entry, source) in sources {
                assert!(!source.trim().is_empty(), "{year} {entry}: no source");
            }
        }
    }

    #[test]
    fn every_catalog_year_has_a_table() {
        for year in catalog::supported_years() {
            assert!(for_year(i64::from(year)).is_some(), "no table for {year}");
        }
    }

    /// §6: the base maxima sum to 100 for each HIE option, 105 with the bonus.
    #[test]
    fn base_maxima_sum_to_one_hundred_for_every_hie_option() {
        for (_, text) in TABLE_FILES {
            let table: ScoreTable = serde_json::from_str(text).unwrap();
            let common: f64 = table
                .measures
                .iter()
                .filter(|m| m.hie_option.is_none())
                .map(|m| m.max)
                .sum();
            for (option, members) in table.hie_options() {
                let hie: f64 = members.iter().map(|m| m.max).sum();
                assert_eq!(
                    common + hie + table.public_health.points,
                    100.0,
                    "{} option {option}",
                    table.performance_year
                );
            }
            assert_eq!(table.bonus.points, 5.0);
            assert_eq!(table.cap.points, 100.0);
        }
    }

    /// Every measure id a table names exists in that year's catalog, and
    /// every scored measure that can be excluded has a redistribution step,
    /// so no point can silently vanish.
    #[test]
    fn tables_agree_with_the_catalog() {
        for (year, text) in TABLE_FILES {
            let table: ScoreTable = serde_json::from_str(text).unwrap();
            let catalog = catalog::year(i64::from(*year)).unwrap();
            let ids = table
                .attestations
                .iter()
                .map(|a| &a.measure_id)
                .chain(table.measures.iter().map(|m| &m.measure_id))
                .chain(table.public_health.measures.iter().map(|m| &m.measure_id))
                .chain(table.bonus.measures.iter().map(|m| &m.measure_id));
            for id in ids {
                assert!(catalog.measure(id).is_some(), "{year}: {id} unknown");
            }
            for measure in &table.measures {
                let excludable = catalog
                    .measure(&measure.measure_id)
                    .is_some_and(|m| !m.exclusion.is_empty());
                let redistributed = table
                    .redistributions
                    .iter()
                    .any(|r| r.from == measure.measure_id);
                assert_eq!(excludable, redistributed, "{year}: {}", measure.measure_id);
            }
            for step in &table.redistributions {
                for to in &step.to {
                    assert!(table.scored_measure(to).is_some(), "{year}: {to}");
                }
            }
        }
    }

    #[test]
    fn year_differences_are_data() {
        let has_r5 = |y| {
            for_year(y)
                .unwrap()
                .redistributions
                .iter()
                .any(|r| r.id == "R5")
        };
        assert!(has_r5(2024) && !has_r5(2025) && has_r5(2026));
        let bonus_ids = |y| {
            for_year(y)
                .unwrap()
                .bonus
                .measures
                .iter()
                .map(|m| m.measure_id.as_str())
                .collect::<Vec<_>>()
        };
        assert!(!bonus_ids(2025).contains(&"PI_PHCDRR_6"));
        assert!(bonus_ids(2026).contains(&"PI_PHCDRR_6"));
        assert!(for_year(2027).unwrap().provisional.is_some());
        assert!(for_year(2026).unwrap().provisional.is_none());
    }
}
