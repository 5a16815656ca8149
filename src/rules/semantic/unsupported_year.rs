//! `Y001 unsupported-year` and the provisional-year note.

use crate::catalog;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "Y001",
    name: "unsupported-year",
    severity: Severity::Error,
    summary: "The performance year is one pilint has no PI rules for, or is provisional.",
    what: "Reports a `performanceYear` outside the years pilint ships measure data for \
           (2023–2027), naming the supported years; year-dependent rules (measure lists, \
           CEHRT ID shapes, period rules, programs, required measures) are then skipped, and \
           so are today's structural requirements that did not exist before 2023 (`cehrtId` \
           on a PI set, the 2017 category name `aci`). Rules that hold whatever the year still \
           run: identifier formats and the NPI check digit, a placeholder CEHRT ID, required \
           attestations answered false, counts, dates and duplicates; they run too when the \
           year is missing or not a number. \
           A provisional year (2027, whose CMS measure data is still a copy of 2026) gets an \
           info finding instead: its results rest on the previous year's rules.",
    why: "Measures, exclusions and thresholds change every year (CMSgov/qpp-measures-data, \
          measures/YYYY/measures-data.json); checking a file against the wrong year's rules \
          would be guesswork. The 2027 data \"is currently in progress and is subject to \
          change\" (qpp-measures-data README).",
    note: "PI measures and thresholds are set per performance year",
    help: "check the performanceYear, or pass --year for a supported year",
    years: &[],
    family: crate::rules::Family::Year,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::json(
        r#"{
  "entityType": "group",
  "taxpayerIdentificationNumber": "000123456",
  "performanceYear": 2019,
  "measurementSets": [{
    "category": "pi",
    "submissionMethod": "registry",
    "performanceStart": "2019-01-01",
    "performanceEnd": "2019-12-31",
    "cehrtId": "0015C01234ABCDE",
    "measurements": []
  }]
}"#,
    ),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(year) = context.year else { return };
    let loc = context
        .submission
        .performance_year
        .as_ref()
        .map_or(&context.submission.loc, |y| &y.loc);
    let source = if context.year_overridden {
        " (from --year)"
    } else {
        ""
    };
    match context.catalog {
        None => {
            let years = catalog::supported_years()
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Diagnostic::new(
                &META,
                Some(loc.span),
                loc.pointer.to_string(),
                Message::new()
                    .text("performance year ")
                    .plain(ArgumentKind::Year, year)
                    .text(&format!(
                        "{source} is not supported; pilint has PI rules for {years}"
                    )),
            ));
        }
        Some(catalog) if catalog.provisional => {
            let previous = year - 1;
            out.push(
                Diagnostic::new(
                    &META,
                    Some(loc.span),
                    loc.pointer.to_string(),
                    format!(
                        "performance year {year}{source} is provisional: CMS's {year} measure data is a copy of {previous}, so {previous} rules are applied"
                    ),
                )
                .with_severity(Severity::Info)
                .with_help("re-check when CMS publishes final data for this year"),
            );
        }
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, "2019");
    }
}
