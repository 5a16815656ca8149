//! Regulatory data as data: the PI measure catalog and the parameters of
//! each performance year, embedded from `src/catalog/years/YYYY.json`
//! (derived from CMSgov/qpp-measures-data by `tools/derive_catalog.py`).
//!
//! Adding a performance year means adding its JSON file (build.rs picks it
//! up) and tests; no code changes.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

pub mod index;

include!(concat!(env!("OUT_DIR"), "/catalog_years.rs"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricType {
    Boolean,
    Proportion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportingCategory {
    Required,
    Bonus,
    Exclusion,
}

/// One PI measure as CMS's measure data describes it for one year.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Measure {
    pub measure_id: String,
    pub title: String,
    pub metric_type: MetricType,
    pub objective: String,
    /// `None` only for `PI_ONCACB_1` (optional attestation).
    pub reporting_category: Option<ReportingCategory>,
    pub is_required: bool,
    pub is_bonus: bool,
    /// The exclusions that may be claimed instead of this measure.
    pub exclusion: Vec<String>,
    /// Measures that may not be submitted together with this one.
    pub substitutes: Vec<String>,
    /// Active-engagement options (`_PRE`, `_PROD`) of a public-health measure.
    pub preprod: Vec<String>,
    pub allowed_programs: Vec<String>,
    pub first_performance_year: Option<u16>,
}

impl Measure {
    /// An attestation (the PI objective of yes/no statements, and the
    /// Protect Patient Health Information ones: the SRA and the SAFER
    /// Guides).
    pub fn is_attestation(&self) -> bool {
        self.objective == "attestation" || self.objective == "protectPatientHealthInformation"
    }

    /// A required attestation: a missing one or a "no" scores the
    /// category 0.
    pub fn is_required_attestation(&self) -> bool {
        self.is_attestation() && self.reporting_category == Some(ReportingCategory::Required)
    }
}

/// Where the year's measure data came from.
#[derive(Debug, Clone, Deserialize)]
pub struct DataSource {
    pub repository: String,
    pub path: String,
    pub commit: String,
}

/// Everything pilint knows about one performance year.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct YearCatalog {
    pub performance_year: u16,
    /// CMS has not published final data for this year.
    pub provisional: bool,
    /// Minimum continuous PI performance period, in days counted inclusively.
    pub minimum_period_days: u32,
    pub minimum_period_source: String,
    /// Whether a SAFER Guides "no" (`PI_PPHI_2: false`) still passes.
    pub safer_guide_no_accepted: bool,
    /// CEHRT ID shapes: `X` is any letter or digit, other characters literal.
    pub cehrt_id_patterns: Vec<String>,
    /// Measures CMS suppressed this year (any answer earns full credit).
    pub suppressed: Vec<String>,
    /// Whether to warn that `_PRE` is allowed for one performance period only.
    pub pre_production_limit_warning: bool,
    /// Whether conflicting values for one measure, sent for one entity
    /// through different submission types, score the category 0 (else CMS
    /// scores each submission and keeps the highest; scoring.md §11 M4).
    pub conflicting_values_score_zero: bool,
    /// Where that policy comes from; starts with `UNCONFIRMED` when the
    /// sources disagree.
    pub conflicting_values_source: String,
    /// The ways to meet the Health Information Exchange objective: each
    /// option lists the measures that together complete it (each of them
    /// reported or excluded).
    pub hie_options: Vec<Vec<String>>,
    /// The `submissionMethod` values CMS accepts on a PI measurement set.
    pub pi_submission_methods: Vec<String>,
    /// Whether a bonus public-health measure answered yes needs an
    /// engagement level too (UNCONFIRMED: scoring.md §8 P6).
    pub bonus_engagement_level_required: bool,
    pub source: DataSource,
    pub suppression_notes: HashMap<String, String>,
    pub measures: Vec<Measure>,
    #[serde(skip)]
    by_id: FastMap<String, usize>,
    #[serde(skip)]
    exclusion_of: FastMap<String, String>,
    #[serde(skip)]
    engagement_of: FastMap<String, String>,
    #[serde(skip)]
    pi_programs: Vec<String>,
    /// The indexes of the required attestations (the rules ask for them
    /// in every file).
    #[serde(skip)]
    required_attestations: Vec<usize>,
}

/// The rules look measure ids up many times per file: a fast hasher (the
/// keys are the catalog's own ids, so flooding is no concern).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

impl YearCatalog {
    fn parse(text: &str) -> YearCatalog {
        let mut catalog: YearCatalog =
            serde_json::from_str(text).expect("embedded catalog is valid (tested)");
        for (i, measure) in catalog.measures.iter().enumerate() {
            catalog.by_id.insert(measure.measure_id.clone(), i);
            for excluded_by in &measure.exclusion {
                catalog
                    .exclusion_of
                    .insert(excluded_by.clone(), measure.measure_id.clone());
            }
            for level in &measure.preprod {
                catalog
                    .engagement_of
                    .insert(level.clone(), measure.measure_id.clone());
            }
            if measure.is_required_attestation() {
                catalog.required_attestations.push(i);
            }
            for program in &measure.allowed_programs {
                if !catalog.pi_programs.contains(program) {
                    catalog.pi_programs.push(program.clone());
                }
            }
        }
        catalog
    }

    /// The year's required attestations, in the catalog's order.
    pub fn required_attestations(&self) -> impl Iterator<Item = &Measure> + Clone {
        self.required_attestations
            .iter()
            .map(|&i| &self.measures[i])
    }

    pub fn measure(&self, measure_id: &str) -> Option<&Measure> {
        self.by_id.get(measure_id).map(|&i| &self.measures[i])
    }

    /// The measure an exclusion excludes (`PI_LVPP_1` → `PI_EP_1`).
    pub fn excluded_measure(&self, exclusion_id: &str) -> Option<&str> {
        self.exclusion_of.get(exclusion_id).map(String::as_str)
    }

    /// The public-health measure an engagement level belongs to
    /// (`PI_PHCDRR_1_PRE` → `PI_PHCDRR_1`).
    pub fn engagement_parent(&self, level_id: &str) -> Option<&str> {
        self.engagement_of.get(level_id).map(String::as_str)
    }

    /// Every `programName` some PI measure of this year allows.
    pub fn pi_programs(&self) -> Vec<&str> {
        self.pi_programs.iter().map(String::as_str).collect()
    }

    pub fn is_suppressed(&self, measure_id: &str) -> bool {
        self.suppressed.iter().any(|m| m == measure_id)
    }

    /// Whether `cehrt_id` (already upper-cased) has one of this year's shapes.
    pub fn cehrt_id_matches(&self, cehrt_id: &str) -> bool {
        self.cehrt_id_patterns.iter().any(|pattern| {
            pattern.len() == cehrt_id.len()
                && pattern.chars().zip(cehrt_id.chars()).all(|(p, c)| {
                    if p == 'X' {
                        c.is_ascii_alphanumeric()
                    } else {
                        p == c
                    }
                })
        })
    }
}

/// One slot per embedded year, each parsed on first use: a run over one
/// year's files (and a one-file run's start-up) parses only that year.
static CATALOGS: LazyLock<Vec<OnceLock<YearCatalog>>> =
    LazyLock::new(|| YEAR_FILES.iter().map(|_| OnceLock::new()).collect());

/// The catalog of `year`, if pilint supports it.
pub fn year(year: i64) -> Option<&'static YearCatalog> {
    let index = YEAR_FILES.iter().position(|(y, _)| i64::from(*y) == year)?;
    let (_, text) = YEAR_FILES[index];
    Some(CATALOGS[index].get_or_init(|| YearCatalog::parse(text)))
}

/// Every embedded catalog, oldest first.
fn all_years() -> impl Iterator<Item = &'static YearCatalog> {
    YEAR_FILES.iter().filter_map(|(y, _)| year(i64::from(*y)))
}

/// Every supported performance year, oldest first.
pub fn supported_years() -> Vec<u16> {
    YEAR_FILES.iter().map(|(year, _)| *year).collect()
}

/// The first performance year pilint has PI rules for: files of earlier
/// years get only the rules that hold whatever the year.
pub fn first_supported_year() -> i64 {
    supported_years()
        .first()
        .map_or(i64::MAX, |&y| i64::from(y))
}

/// The years (other than none) in which `measure_id` exists. Read from
/// the build-time [`index`]: no catalog is parsed for it.
pub fn years_with_measure(measure_id: &str) -> Vec<u16> {
    index::YEAR_INDEX
        .iter()
        .filter(|y| y.measure_ids.contains(&measure_id))
        .map(|y| y.year)
        .collect()
}

/// Whether `cehrt_id` (already upper-cased) is the placeholder CMS's
/// documentation shows in any supported year (`XX15CXXXXXXXXXX`): a
/// placeholder is never a real CEHRT ID, whatever the file's year. Read
/// from the build-time [`index`], since nearly every file asks.
pub fn is_cehrt_id_placeholder(cehrt_id: &str) -> bool {
    index::YEAR_INDEX
        .iter()
        .any(|y| y.cehrt_id_patterns.contains(&cehrt_id))
}

/// The attestations (and Protect Patient Health Information measures) that
/// are required in every supported year, as the newest final year's
/// measure data describes them: what a file without a usable year, or of
/// a year pilint has no rules for, can still be held to.
pub fn required_attestations_every_year() -> &'static [&'static Measure] {
    static EVERY_YEAR: std::sync::OnceLock<Vec<&'static Measure>> = std::sync::OnceLock::new();
    EVERY_YEAR.get_or_init(|| {
        let Some(newest) = all_years().filter(|c| !c.provisional).last() else {
            return Vec::new();
        };
        let required =
            |c: &YearCatalog, id: &str| c.measure(id).is_some_and(Measure::is_required_attestation);
        newest
            .measures
            .iter()
            .filter(|m| all_years().all(|c| required(c, &m.measure_id)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_year_parses_and_matches_its_file_name() {
        for (year, text) in YEAR_FILES {
            let catalog = YearCatalog::parse(text);
            assert_eq!(catalog.performance_year, *year);
            assert!(catalog.measures.len() >= 38);
        }
        // Derived from the data, not a list to edit with each new year: the
        // years run without a gap, in order, and each has its score table.
        let years = supported_years();
        assert!(years.len() >= 2, "{years:?}");
        assert!(years.windows(2).all(|w| w[1] == w[0] + 1), "{years:?}");
        for year in years {
            let table = crate::score::table::for_year(i64::from(year));
            assert!(table.is_some(), "no score table for {year}");
        }
    }

    #[test]
    fn relations_are_derived() {
        let y2025 = year(2025).unwrap();
        assert_eq!(y2025.excluded_measure("PI_LVPP_1"), Some("PI_EP_1"));
        assert_eq!(
            y2025.engagement_parent("PI_PHCDRR_3_PROD"),
            Some("PI_PHCDRR_3")
        );
        assert!(y2025.is_suppressed("PI_PHCDRR_3"));
        assert!(!year(2026).unwrap().is_suppressed("PI_PHCDRR_3"));
    }

    #[test]
    fn measures_by_year() {
        assert_eq!(years_with_measure("PI_EP_2_EX_3"), vec![2023]);
        assert_eq!(years_with_measure("PI_PHCDRR_6"), vec![2026, 2027]);
    }

    #[test]
    fn year_parameters_added_for_the_semantic_rules() {
        let y2025 = year(2025).unwrap();
        assert_eq!(y2025.hie_options.len(), 3);
        assert_eq!(y2025.hie_options[0], ["PI_HIE_1", "PI_HIE_4"]);
        assert_eq!(
            y2025.pi_submission_methods,
            ["registry", "electronicHealthRecord"]
        );
        assert!(y2025.bonus_engagement_level_required);
        assert!(y2025.pi_programs().contains(&"appPlus"));
        assert!(!year(2024).unwrap().pi_programs().contains(&"appPlus"));
        assert!(!y2025.pi_programs().contains(&"ssp"));
        assert!(year(2026).unwrap().pi_programs().contains(&"ssp"));
    }

    #[test]
    fn facts_of_every_year() {
        assert!(is_cehrt_id_placeholder("XX15CXXXXXXXXXX"));
        assert!(!is_cehrt_id_placeholder("0015C01234ABCDE"));
        let ids: Vec<&str> = required_attestations_every_year()
            .iter()
            .map(|m| m.measure_id.as_str())
            .collect();
        for id in ["PI_INFBLO_1", "PI_ONCDIR_1", "PI_PPHI_1"] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        assert!(!ids.contains(&"PI_ONCACB_1"));
    }

    #[test]
    fn cehrt_id_shapes_per_year() {
        let y2023 = year(2023).unwrap();
        let y2025 = year(2025).unwrap();
        assert!(y2023.cehrt_id_matches("0015E01234ABCDE"));
        assert!(!y2025.cehrt_id_matches("0015E01234ABCDE"));
        assert!(y2025.cehrt_id_matches("2025C01234ABCDE"));
        assert!(!year(2024).unwrap().cehrt_id_matches("2025C01234ABCDE"));
        assert!(!y2025.cehrt_id_matches("0015C01234ABCD"));
    }
}
