//! Semantic rules: what CMS checks beyond structure, per performance year.
//!
//! Every rule reads only the [`Submission`] model (never JSON or XML), so it
//! works for both front ends. One file per rule: its [`RuleMeta`] (docs
//! under fixed headings), its check, and its tests. Register a new rule in
//! [`RULES`]; the registry, `pilint rules` and the docs test pick it up.

mod unsupported_year;

use crate::catalog::{self, YearCatalog};
use crate::diagnostic::Diagnostic;
use crate::model::Submission;
use crate::rules::registry::RuleMeta;

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
        }
    }
}

/// A semantic rule: its metadata and its check.
pub struct SemanticRule {
    pub meta: &'static RuleMeta,
    pub check: fn(&RuleContext<'_>, &mut Vec<Diagnostic>),
}

/// Every semantic rule, in code order.
pub static RULES: &[SemanticRule] = &[unsupported_year::RULE];

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
