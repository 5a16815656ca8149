//! The QPP JSON front end: reads the file with the syntax layer
//! (`crate::json_syntax`), validates it against the shipped schema, decodes
//! it into the model, and hands what each step finds to the `F` and `S`
//! rules' checks (`rules::file`, `rules::schema`), which make the findings.

pub mod decode;
pub mod past_years;
pub mod schema;

use crate::diagnostic::Diagnostic;
use crate::json_syntax::span_index::Item;
use crate::json_syntax::{envelope, parse};
use crate::model::Submission;
use crate::rules::schema::{not_a_submission, submission_in_envelope};
use crate::source::SourceFile;

/// What the JSON front end learnt about one file.
pub struct JsonOutcome {
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the file is not JSON or its top level is not an object.
    pub submission: Option<Submission>,
}

pub fn check(source: &SourceFile) -> JsonOutcome {
    let (parsed, problems) = parse::parse(source);
    let mut diagnostics: Vec<Diagnostic> = problems
        .iter()
        .filter_map(crate::rules::file::check_syntax)
        .collect();
    let Some(parsed) = parsed else {
        return JsonOutcome {
            diagnostics,
            submission: None,
        };
    };
    if let Some(foreign) = not_a_submission::check_foreign(&parsed.skeleton, &parsed.index) {
        // Not a QPP submission at all: one finding, not a list of every
        // property it lacks, and no model.
        diagnostics.push(foreign);
        return JsonOutcome {
            diagnostics,
            submission: None,
        };
    }
    let (submission_value, prefix) =
        match submission_in_envelope::check(&parsed.skeleton, &parsed.index) {
            Some(finding) => {
                diagnostics.push(finding);
                (
                    parsed
                        .skeleton
                        .pointer(envelope::ENVELOPE_POINTER)
                        .unwrap_or(&parsed.skeleton),
                    envelope::ENVELOPE_POINTER,
                )
            }
            None => (&parsed.skeleton, ""),
        };
    let mut structural = schema::validate(&parsed.skeleton, &parsed.index);
    past_years::drop_later_requirements(submission_value, prefix, &mut structural);
    diagnostics.extend(structural);
    // The measurement items, which the skeleton leaves out, are validated
    // one by one as the decoder reads them; the keys they repeat are found
    // then too (the document's index leaves their values out).
    let text = source.text.as_str();
    let mut on_item = |value: &serde_json::Value,
                       item_schema,
                       pointer: &crate::model::Pointer,
                       item: &Item| {
        diagnostics.extend(
            parse::duplicate_key_problems(text, item.duplicate_keys)
                .filter_map(|problem| crate::rules::file::check_syntax(&problem)),
        );
        schema::validate_item(value, item_schema, pointer, item.index, &mut diagnostics);
    };
    let submission = decode::decode_with(&parsed, &mut on_item);
    JsonOutcome {
        diagnostics,
        submission,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::sort_diagnostics;

    /// The schema findings of the front end, which validates the skeleton
    /// and each measurement item apart, and those of one validation of the
    /// whole document as a `Value` must be the same findings.
    fn assert_split_validation_matches_whole(text: &str) {
        let source = SourceFile::from_text("t.json", text);
        let mut split = check(&source).diagnostics;
        let whole_value: serde_json::Value = serde_json::from_str(text).unwrap();
        let index = crate::json_syntax::span_index::SpanIndex::build(text);
        let mut whole = schema::validate(&whole_value, &index);
        split.retain(|d| d.family == crate::rules::Family::Structure);
        sort_diagnostics(&mut split);
        sort_diagnostics(&mut whole);
        let show = |ds: &[Diagnostic]| {
            ds.iter()
                .map(|d| format!("{} {:?} {} {}", d.code, d.span(), d.pointer(), d.message))
                .collect::<Vec<_>>()
        };
        assert!(!whole.is_empty(), "the case should have schema errors");
        assert_eq!(show(&split), show(&whole), "{text}");
    }

    #[test]
    fn items_validated_alone_give_the_findings_of_the_whole_document() {
        let pi_items = r#"[{"measureId": "PI_EP_1", "value": {"numerator": -1, "denominator": 2.5}},
            {"measureId": "", "value": "yes", "extra": 1}, 7, {"value": {"numerator": 1, "x": 2}},
            {"measureId": "PI_EP_2", "value": null}, {"measureId": "PI_EP_3", "value": []}]"#;
        assert_split_validation_matches_whole(&format!(
            r#"{{"entityType": "individual", "performanceYear": 2025, "measurementSets": [
                {{"category": "pi", "submissionMethod": "registry", "performanceStart": "2025-01-01",
                  "performanceEnd": "2025-12-31", "cehrtId": "x", "measurements": {pi_items}}},
                {{"category": "ia", "submissionMethod": "registry", "performanceStart": "2025-01-01",
                  "performanceEnd": "2025-12-31", "measurements": {pi_items}}},
                {{"category": 5, "measurements": {pi_items}}}, 3]}}"#
        ));
        // A POST /measurement-sets body: the root is the set.
        assert_split_validation_matches_whole(&format!(
            r#"{{"submission": {{"entityType": "individual", "performanceYear": 2025}},
                "category": "pi", "submissionMethod": "registry", "performanceStart": "2025-01-01",
                "performanceEnd": "2025-13-31", "measurements": {pi_items}}}"#
        ));
        // A repeated `measurements` key: serde_json and the index keep the
        // later array, whose items are the ones checked.
        assert_split_validation_matches_whole(
            r#"{"entityType": "individual", "performanceYear": 2025, "measurementSets": [
                {"category": "pi", "submissionMethod": "registry", "performanceStart": "2025-01-01",
                 "performanceEnd": "2025-12-31", "cehrtId": "x",
                 "measurements": [{"measureId": 1, "value": true}],
                 "measurements": [{"measureId": "PI_EP_1", "value": {"numerator": -4, "denominator": 1}}]}]}"#,
        );
    }
}
