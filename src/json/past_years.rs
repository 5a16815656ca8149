//! Structural requirements that did not exist in the performance years
//! before the first one pilint has PI rules for. The shipped schema
//! describes today's API; a file of such a year gets only the findings
//! that hold whatever the year (`unsupported-year` says the rest were
//! skipped), so these schema findings are dropped for it:
//!
//! - a PI measurement set without `cehrtId` (CMS's own 2018 PI example,
//!   CMSgov/qpp-submissions-docs, references/json/submission-example-aci.json
//!   of that time, has none);
//! - the category `aci` (Advancing Care Information), which PI was called
//!   in 2017, before the 2018 rename.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::json::schema::DocumentShape;
use crate::rules::schema::{MISSING_PROPERTY, VALUE_NOT_ALLOWED};

/// The last performance year whose PI category was called `aci`.
const LAST_ACI_YEAR: i64 = 2017;

/// Removes from `diagnostics` the schema findings that do not apply to the
/// year of `submission` (a submission object or a `POST /measurement-sets`
/// body), when that year is before every supported year.
pub fn drop_later_requirements(
    submission: &Value,
    prefix: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(year) = performance_year(submission) else {
        return;
    };
    if year >= crate::catalog::first_supported_year() {
        return;
    }
    diagnostics.retain(|d| {
        let pointer = d.pointer();
        let cehrt_required = d.code == MISSING_PROPERTY.code && pointer.ends_with("/cehrtId");
        let aci = year <= LAST_ACI_YEAR
            && d.code == VALUE_NOT_ALLOWED.code
            && pointer.ends_with("/category")
            && pointer
                .strip_prefix(prefix)
                .and_then(|relative| submission.pointer(relative))
                .and_then(Value::as_str)
                == Some("aci");
        !(cehrt_required || aci)
    });
}

/// The integer `performanceYear` of a submission or body.
fn performance_year(submission: &Value) -> Option<i64> {
    let identity = match DocumentShape::of(submission) {
        DocumentShape::Submission => submission,
        DocumentShape::MeasurementSetBody => submission.get("submission")?,
    };
    identity.get("performanceYear")?.as_i64()
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    fn codes(text: &str) -> Vec<(&'static str, String)> {
        let outcome = crate::json::check(&SourceFile::from_text("t.json", text));
        outcome
            .diagnostics
            .iter()
            .map(|d| (d.code, d.pointer().to_string()))
            .collect()
    }

    fn file(year: &str, category: &str) -> String {
        format!(
            r#"{{"entityType": "individual", "taxpayerIdentificationNumber": "000123456",
                "nationalProviderIdentifier": "1234567893", "performanceYear": {year},
                "measurementSets": [{{"category": "{category}", "submissionMethod": "registry",
                "performanceStart": "{year}-01-01", "performanceEnd": "{year}-12-31",
                "measurements": []}}]}}"#
        )
    }

    #[test]
    fn old_years_need_no_cehrt_id_and_2017_may_say_aci() {
        assert!(codes(&file("2018", "pi")).is_empty());
        assert!(codes(&file("2017", "aci")).is_empty());
        // `aci` was renamed in 2018.
        assert_eq!(
            codes(&file("2018", "aci")),
            [("S004", "/measurementSets/0/category".to_owned())]
        );
        // Supported years keep today's requirements.
        assert_eq!(
            codes(&file("2025", "pi")),
            [("S001", "/measurementSets/0/cehrtId".to_owned())]
        );
    }
}
