//! Semantic rules: what CMS checks beyond structure, per performance year.
//!
//! Every rule reads only the [`Submission`] model (never JSON or XML), so it
//! works for both front ends. One file per rule: its [`RuleMeta`] (docs
//! under fixed headings), its check, and its tests. Register a new rule in
//! [`RULES`]; the registry, `pilint rules` and the docs test pick it up.

mod attestation_missing;
mod attestation_not_yes;
mod cehrt_id_lowercase;
mod cehrt_id_malformed;
mod cehrt_id_missing;
mod cehrt_id_placeholder;
mod duplicate_measure;
mod duplicate_measurement_set;
mod engagement_level_missing;
mod engagement_level_without_measure;
mod engagement_levels_both;
mod exclusion_not_claimed;
pub mod first_occurrence;
mod hie_option_incomplete;
mod hie_options_mixed;
mod identifier_missing;
mod identifier_not_allowed;
mod invalid_count;
mod invalid_period_date;
mod measure_and_exclusion;
mod measure_not_in_year;
mod multiple_exclusions;
mod npi_check_digit;
mod npi_malformed;
mod numerator_exceeds_denominator;
mod numerator_zero;
mod period_end_before_start;
mod period_outside_year;
mod period_too_short;
mod pre_production_limit;
mod program_name_not_allowed;
mod required_measure_answered_no;
mod required_measure_missing;
mod safer_guide_not_yes;
mod submission_method_not_allowed;
pub mod support;
mod tin_malformed;
mod unknown_measure;
mod unsupported_year;
mod value_type_mismatch;

use crate::catalog::{self, YearCatalog};
use crate::diagnostic::Diagnostic;
use crate::model::{Measurement, MeasurementSet, Proportion, Submission};

use crate::rules::registry::RuleMeta;
use first_occurrence::{FirstById, FirstOccurrences};

/// What a rule sees: the submission and the rules of its year.
pub struct RuleContext<'a> {
    pub submission: &'a Submission,
    /// The performance year the rules apply: `--year`, else the file's.
    pub year: Option<i64>,
    /// That year's catalog; `None` when the year is missing or unsupported
    /// (year-dependent rules then stay silent: `unsupported-year` says why).
    pub catalog: Option<&'static YearCatalog>,
    /// Whether the year came from `--year` rather than the file.
    pub year_overridden: bool,
    /// Which measurements are the first of their id (see
    /// [`first_occurrence`]).
    firsts: FirstOccurrences<'a>,
}

impl<'a> RuleContext<'a> {
    pub fn new(submission: &'a Submission, year_override: Option<i64>) -> Self {
        let file_year = submission.performance_year.as_ref().map(|y| y.value);
        let year = year_override.or(file_year);
        RuleContext {
            submission,
            year,
            catalog: year.and_then(catalog::year),
            year_overridden: year_override.is_some(),
            firsts: FirstOccurrences::of(submission),
        }
    }

    /// The measurements of `set` a rule judges one by one: the first of
    /// each id (repeats are duplicate-measure's).
    pub fn first_occurrences(
        &'a self,
        set: &'a MeasurementSet,
    ) -> impl Iterator<Item = &'a Measurement> + 'a {
        self.firsts.in_set(self.submission, set)
    }

    /// As [`Self::first_occurrences`], with each measurement's index in
    /// `set.measurements`.
    pub fn first_occurrences_indexed(
        &'a self,
        set: &'a MeasurementSet,
    ) -> impl Iterator<Item = (usize, &'a Measurement)> + 'a {
        self.firsts.in_set_indexed(self.submission, set)
    }

    /// The first measurement of each id in `set`, looked up by id.
    pub fn first_by_id(&'a self, set: &'a MeasurementSet) -> FirstById<'a> {
        self.firsts.by_id(self.submission, set)
    }

    /// The numerator/denominator measurements of the PI sets, first of
    /// each id only.
    pub fn pi_proportions(
        &'a self,
    ) -> impl Iterator<Item = (&'a Measurement, &'a Proportion)> + 'a {
        first_occurrence::proportions(
            support::pi_sets(self.submission).flat_map(|set| self.first_occurrences(set)),
        )
    }
}

/// A semantic rule: its metadata and its check.
pub struct SemanticRule {
    pub meta: &'static RuleMeta,
    pub check: fn(&RuleContext<'_>, &mut Vec<Diagnostic>),
}

/// Every semantic rule, in code order.
pub static RULES: &[SemanticRule] = &[
    cehrt_id_missing::RULE,
    cehrt_id_malformed::RULE,
    cehrt_id_lowercase::RULE,
    cehrt_id_placeholder::RULE,
    attestation_missing::RULE,
    attestation_not_yes::RULE,
    safer_guide_not_yes::RULE,
    engagement_level_missing::RULE,
    engagement_levels_both::RULE,
    engagement_level_without_measure::RULE,
    pre_production_limit::RULE,
    identifier_missing::RULE,
    identifier_not_allowed::RULE,
    tin_malformed::RULE,
    npi_malformed::RULE,
    npi_check_digit::RULE,
    submission_method_not_allowed::RULE,
    program_name_not_allowed::RULE,
    duplicate_measurement_set::RULE,
    unknown_measure::RULE,
    measure_not_in_year::RULE,
    duplicate_measure::RULE,
    value_type_mismatch::RULE,
    invalid_count::RULE,
    numerator_exceeds_denominator::RULE,
    numerator_zero::RULE,
    required_measure_answered_no::RULE,
    invalid_period_date::RULE,
    period_end_before_start::RULE,
    period_outside_year::RULE,
    period_too_short::RULE,
    required_measure_missing::RULE,
    hie_option_incomplete::RULE,
    hie_options_mixed::RULE,
    measure_and_exclusion::RULE,
    multiple_exclusions::RULE,
    exclusion_not_claimed::RULE,
    unsupported_year::RULE,
];

/// The metadata of every semantic rule, for the registry.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|rule| rule.meta)
}

/// Runs every semantic rule over `submission`.
pub fn check(submission: &Submission, year_override: Option<i64>) -> Vec<Diagnostic> {
    let context = RuleContext::new(submission, year_override);
    let mut out = Vec::new();
    for rule in RULES {
        (rule.check)(&context, &mut out);
    }
    out
}

/// Runs single rules over example text, for the rules' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{RuleContext, SemanticRule};
    use crate::diagnostic::Severity;
    use crate::source::SourceFile;

    /// One finding, with the text its span covers.
    #[derive(Debug)]
    pub struct Found {
        pub severity: Severity,
        /// The source text under the finding's span.
        pub at: String,
        pub message: String,
        pub related: Vec<String>,
    }

    /// Runs `rule` alone over a JSON text (structural findings and other
    /// rules are left out, so a test sees exactly what the rule says).
    pub fn run(rule: &SemanticRule, text: &str) -> Vec<Found> {
        run_with_year(rule, text, None)
    }

    /// As [`run`], with `--year`.
    pub fn run_with_year(rule: &SemanticRule, text: &str, year: Option<i64>) -> Vec<Found> {
        let source = SourceFile::from_text("test.json", text);
        let outcome = crate::json::check(&source);
        let Some(submission) = outcome.submission else {
            panic!("test input does not decode: {:?}", outcome.diagnostics);
        };
        let context = RuleContext::new(&submission, year);
        let mut out = Vec::new();
        (rule.check)(&context, &mut out);
        let under = |span: crate::source::Span| source.text[span.range()].to_owned();
        out.into_iter()
            .map(|d| Found {
                severity: d.severity,
                at: d.span().map(under).unwrap_or_default(),
                message: d.message,
                related: d
                    .related
                    .iter()
                    .filter_map(|r| r.span())
                    .map(under)
                    .collect(),
            })
            .collect()
    }
}
