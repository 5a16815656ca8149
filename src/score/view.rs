//! Read-only questions about one PI measurement set that every scoring step
//! asks: is a measure reported, what did it answer, which exclusion was
//! claimed, which engagement level was given.

use crate::catalog::YearCatalog;
use crate::fast_hash::FastMap;
use crate::model::{Count, Loc, MeasureValue, Measurement, MeasurementSet, Node};

/// A measurement set seen through its year's catalog.
pub struct SetView<'a> {
    pub set: &'a MeasurementSet,
    /// The catalog of the year whose rules apply (`--year`, else the file's).
    pub catalog: &'static YearCatalog,
    /// The year the file itself names, which its dates belong to.
    pub file_year: Option<i64>,
    /// The index of each id's first measurement: the scoring steps ask
    /// some fifty times a set, and a scan of the set each time showed in
    /// the profile (string comparisons).
    first_of_id: FastMap<&'a str, usize>,
}

/// A proportion whose counts are both whole numbers.
#[derive(Debug, Clone, Copy)]
pub struct Counts<'a> {
    pub numerator: u64,
    pub denominator: u64,
    pub numerator_node: &'a Node<Count>,
}

impl<'a> SetView<'a> {
    pub fn new(
        set: &'a MeasurementSet,
        catalog: &'static YearCatalog,
        file_year: Option<i64>,
    ) -> Self {
        SetView {
            set,
            catalog,
            file_year,
            first_of_id: set.first_index_by_id(),
        }
    }

    /// The measurement reported for `measure_id` (admission has ruled out
    /// duplicates before any scoring step asks), as
    /// `MeasurementSet::measurement` finds it: the first with that id.
    pub fn get(&self, measure_id: &str) -> Option<&'a Measurement> {
        let set: &'a MeasurementSet = self.set;
        self.first_of_id
            .get(measure_id)
            .map(|&index| &set.measurements[index])
    }

    pub fn reported(&self, measure_id: &str) -> bool {
        self.get(measure_id).is_some()
    }

    /// The yes/no answer of a boolean measurement.
    pub fn boolean(&self, measure_id: &str) -> Option<&'a Node<bool>> {
        match &self.get(measure_id)?.value {
            Some(MeasureValue::Boolean(node)) => Some(node),
            _ => None,
        }
    }

    pub fn is_yes(&self, measure_id: &str) -> bool {
        self.boolean(measure_id).is_some_and(|node| node.value)
    }

    /// The whole-number counts of a proportion measurement.
    pub fn counts(&self, measure_id: &str) -> Option<Counts<'a>> {
        let Some(MeasureValue::Proportion(p)) = &self.get(measure_id)?.value else {
            return None;
        };
        let numerator_node = p.numerator.as_ref()?;
        let numerator = numerator_node.value.whole?;
        let denominator = p.denominator.as_ref()?.value.whole?;
        Some(Counts {
            numerator,
            denominator,
            numerator_node,
        })
    }

    /// The exclusion claimed for `measure_id`: one of its exclusion ids
    /// reported as yes (an exclusion answered no claims nothing).
    pub fn claimed_exclusion(&self, measure_id: &str) -> Option<&'static str> {
        let measure = self.catalog.measure(measure_id)?;
        measure
            .exclusion
            .iter()
            .find(|id| self.is_yes(id))
            .map(String::as_str)
    }

    /// Reported, or excluded by a claimed exclusion.
    pub fn reported_or_excluded(&self, measure_id: &str) -> bool {
        self.reported(measure_id) || self.claimed_exclusion(measure_id).is_some()
    }

    /// The active-engagement levels (`_PRE`, `_PROD`) reported as yes.
    pub fn engagement_levels(&self, measure_id: &str) -> Vec<&'static str> {
        self.catalog
            .measure(measure_id)
            .map(|m| {
                m.preprod
                    .iter()
                    .filter(|id| self.is_yes(id))
                    .map(String::as_str)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Where a measure's value is, else the measurement, else the set.
    pub fn value_loc(&self, measure_id: &str) -> &'a Loc {
        match self.get(measure_id) {
            Some(m) => m.value.as_ref().map_or(&m.loc, MeasureValue::loc),
            None => &self.set.loc,
        }
    }

    /// The answer as the score table shows it: `49/115`, `yes (production)`,
    /// `no`, `excluded (PI_LVPP_1)`, `missing`.
    pub fn answer(&self, measure_id: &str) -> String {
        if let Some(exclusion) = self.claimed_exclusion(measure_id) {
            return format!("excluded ({exclusion})");
        }
        if let Some(counts) = self.counts(measure_id) {
            return format!("{}/{}", counts.numerator, counts.denominator);
        }
        match self.boolean(measure_id) {
            Some(node) if node.value => {
                let levels = self.engagement_levels(measure_id);
                match levels.first() {
                    Some(level) if level.ends_with("_PROD") => "yes (production)".to_owned(),
                    Some(_) => "yes (pre-production)".to_owned(),
                    None => "yes".to_owned(),
                }
            }
            Some(_) => "no".to_owned(),
            None => "missing".to_owned(),
        }
    }
}
