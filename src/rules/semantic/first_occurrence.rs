//! Each measure is read once per set: from its first measurement.
//!
//! A repeated `measureId` is duplicate-measure's (M003) to report, once per
//! id. Every other rule that judges measurements one by one reads only the
//! first measurement of each id, so an export that repeated its rows a
//! hundred thousand times gives one finding per problem, not one per row,
//! and fixing the duplicate never hides a finding that was not also on the
//! first row.

use crate::fast_hash::FastMap;
use crate::model::{MeasureValue, Measurement, MeasurementSet, Proportion, Submission};

/// For every measurement set of a submission (same order), which
/// measurement is the first of each id. Built once per file: the rules ask
/// it for every set, and a map per rule and set was a tenth of the
/// semantic rules' cost.
#[derive(Debug, Default)]
pub struct FirstOccurrences<'a> {
    per_set: Vec<SetFirsts<'a>>,
}

/// One set's first occurrences.
#[derive(Debug, Default)]
struct SetFirsts<'a> {
    /// Whether each measurement is the first of its id (measurements
    /// without an id count as first: nothing repeats them).
    is_first: Vec<bool>,
    /// The index of each id's first measurement.
    index_of: FastMap<&'a str, usize>,
}

impl<'a> FirstOccurrences<'a> {
    pub fn of(submission: &'a Submission) -> FirstOccurrences<'a> {
        let per_set = submission
            .measurement_sets
            .iter()
            .map(|set| {
                let index_of = set.first_index_by_id();
                let is_first = set
                    .measurements
                    .iter()
                    .enumerate()
                    .map(|(index, measurement)| {
                        measurement
                            .id()
                            .is_none_or(|id| index_of.get(id) == Some(&index))
                    })
                    .collect();
                SetFirsts { is_first, index_of }
            })
            .collect();
        FirstOccurrences { per_set }
    }

    /// The entry of `set`, which must be one of `submission`'s sets.
    fn of_set(&self, submission: &Submission, set: &MeasurementSet) -> Option<&SetFirsts<'a>> {
        submission
            .measurement_sets
            .iter()
            .position(|candidate| std::ptr::eq(candidate, set))
            .and_then(|index| self.per_set.get(index))
    }

    /// The measurements of `set` that are the first of their id, in file
    /// order. `set` must be one of `submission`'s sets; any other set is
    /// read whole.
    pub fn in_set<'s>(
        &'s self,
        submission: &Submission,
        set: &'s MeasurementSet,
    ) -> impl Iterator<Item = &'s Measurement> + 's {
        self.in_set_indexed(submission, set)
            .map(|(_, measurement)| measurement)
    }

    /// As [`Self::in_set`], with each measurement's index in
    /// `set.measurements`.
    pub fn in_set_indexed<'s>(
        &'s self,
        submission: &Submission,
        set: &'s MeasurementSet,
    ) -> impl Iterator<Item = (usize, &'s Measurement)> + 's {
        let flags = self.of_set(submission, set).map(|f| &f.is_first);
        set.measurements
            .iter()
            .enumerate()
            .filter(move |(index, _)| flags.is_none_or(|f| f.get(*index).copied().unwrap_or(true)))
    }

    /// The first measurement of each id in `set`, looked up by id. `set`
    /// must be one of `submission`'s sets; for any other set the lookup
    /// scans it.
    pub fn by_id<'s>(&'s self, submission: &Submission, set: &'s MeasurementSet) -> FirstById<'s> {
        FirstById {
            set,
            index_of: self.of_set(submission, set).map(|f| &f.index_of),
        }
    }
}

/// The first measurement of each id in one set.
pub struct FirstById<'s> {
    set: &'s MeasurementSet,
    index_of: Option<&'s FastMap<&'s str, usize>>,
}

impl<'s> FirstById<'s> {
    /// The first measurement with `id`, and its index in the set.
    pub fn get(&self, id: &str) -> Option<(usize, &'s Measurement)> {
        let index = match self.index_of {
            Some(index_of) => *index_of.get(id)?,
            None => self
                .set
                .measurements
                .iter()
                .position(|m| m.id() == Some(id))?,
        };
        Some((index, &self.set.measurements[index]))
    }

    /// The first measurement with `id`: what `MeasurementSet::measurement`
    /// answers, from the index instead of a scan of the set.
    pub fn measurement(&self, id: &str) -> Option<&'s Measurement> {
        self.get(id).map(|(_, measurement)| measurement)
    }

    /// Whether the set reports `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

/// The numerator/denominator measurements among `measurements`, with
/// their value.
pub fn proportions<'a>(
    measurements: impl Iterator<Item = &'a Measurement>,
) -> impl Iterator<Item = (&'a Measurement, &'a Proportion)> {
    measurements.filter_map(|measurement| match &measurement.value {
        Some(MeasureValue::Proportion(proportion)) => Some((measurement, &**proportion)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn repeats_are_skipped_and_measurements_without_id_kept() {
        let text = r#"{"entityType": "individual", "performanceYear": 2025,
            "measurementSets": [{"category": "pi", "measurements": [
                {"measureId": "PI_EP_1", "value": true},
                {"value": true},
                {"measureId": "PI_EP_1", "value": false},
                {"measureId": "PI_PPHI_1", "value": true},
                {"value": false}]}]}"#;
        let source = SourceFile::from_text("t.json", text);
        let submission = crate::json::check(&source).submission.expect("decodes");
        let firsts = FirstOccurrences::of(&submission);
        let set = &submission.measurement_sets[0];
        let read: Vec<Option<&str>> = firsts.in_set(&submission, set).map(|m| m.id()).collect();
        assert_eq!(read, [Some("PI_EP_1"), None, Some("PI_PPHI_1"), None]);
    }

    #[test]
    fn a_repeated_row_gives_one_finding_per_problem() {
        let row = r#"{"measureId": "PI_EP_1", "value": {"numerator": 0, "denominator": 10}},"#;
        let text = format!(
            r#"{{"entityType": "individual", "performanceYear": 2025,
            "measurementSets": [{{"category": "pi", "measurements": [{}
                {{"measureId": "PI_PPHI_1", "value": true}}]}}]}}"#,
            row.repeat(4)
        );
        let source = SourceFile::from_text("t.json", &text);
        let submission = crate::json::check(&source).submission.expect("decodes");
        let codes: Vec<&str> = crate::rules::semantic::check(&submission, None)
            .iter()
            .map(|d| d.code)
            .filter(|code| ["M003", "M007"].contains(code))
            .collect();
        assert_eq!(codes, ["M003", "M007"], "numerator 0 once, the repeat once");
    }
}
