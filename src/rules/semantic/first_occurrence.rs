//! Each measure is read once per set: from its first measurement.
//!
//! A repeated `measureId` is duplicate-measure's (M003) to report, once per
//! id. Every other rule that judges measurements one by one reads only the
//! first measurement of each id, so an export that repeated its rows a
//! hundred thousand times gives one finding per problem, not one per row,
//! and fixing the duplicate never hides a finding that was not also on the
//! first row.

use std::collections::HashSet;

use crate::model::{MeasureValue, Measurement, MeasurementSet, Proportion, Submission};

/// For every measurement set of a submission (same order), whether each
/// measurement is the first of its id (measurements without an id count
/// as first: nothing repeats them).
#[derive(Debug, Default)]
pub struct FirstOccurrences {
    per_set: Vec<Vec<bool>>,
}

impl FirstOccurrences {
    pub fn of(submission: &Submission) -> FirstOccurrences {
        let per_set = submission
            .measurement_sets
            .iter()
            .map(|set| {
                let mut seen = HashSet::with_capacity(set.measurements.len().min(64));
                set.measurements
                    .iter()
                    .map(|measurement| measurement.id().is_none_or(|id| seen.insert(id)))
                    .collect()
            })
            .collect();
        FirstOccurrences { per_set }
    }

    /// The measurements of `set` that are the first of their id, in file
    /// order. `set` must be one of `submission`'s sets; any other set is
    /// read whole.
    pub fn in_set<'a>(
        &'a self,
        submission: &Submission,
        set: &'a MeasurementSet,
    ) -> impl Iterator<Item = &'a Measurement> + 'a {
        self.in_set_indexed(submission, set)
            .map(|(_, measurement)| measurement)
    }

    /// As [`Self::in_set`], with each measurement's index in
    /// `set.measurements`.
    pub fn in_set_indexed<'a>(
        &'a self,
        submission: &Submission,
        set: &'a MeasurementSet,
    ) -> impl Iterator<Item = (usize, &'a Measurement)> + 'a {
        let flags = submission
            .measurement_sets
            .iter()
            .position(|candidate| std::ptr::eq(candidate, set))
            .and_then(|index| self.per_set.get(index));
        set.measurements
            .iter()
            .enumerate()
            .filter(move |(index, _)| flags.is_none_or(|f| f.get(*index).copied().unwrap_or(true)))
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
