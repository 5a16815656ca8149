//! The per-file pipeline: read → front end → model → findings.
//!
//! Everything here returns data; nothing prints.

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity, sort_diagnostics};
use crate::discover::{Input, detect_format};
use crate::model::{SourceFormat, Submission};
use crate::rules::file::{INTERNAL_ERROR, UNREADABLE_FILE, UNSUPPORTED_FORMAT};
use crate::score::{FileScore, score_submission};
use crate::source::{SourceFile, Span};

/// Settings that change what the checks conclude.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// `--year`: apply this performance year's rules whatever the file says.
    pub year: Option<i64>,
}

/// Everything pilint found in one file.
#[derive(Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub format: SourceFormat,
    pub diagnostics: Vec<Diagnostic>,
    /// The model, when the file could be decoded into one.
    pub submission: Option<Submission>,
    /// The file could not be read, or pilint failed on it: exit status 2.
    pub failed: bool,
    /// The predicted PI score, when the file was decoded into a model.
    pub score: Option<FileScore>,
}

impl FileReport {
    pub fn path(&self) -> &str {
        &self.source.name
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks one file already in memory.
pub fn lint_source(source: SourceFile, options: &LintOptions) -> FileReport {
    let format = detect_format(&source.name, &source.text);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let (diagnostics, submission) = check(&source, format, options);
        let score = submission
            .as_ref()
            .map(|s| score_submission(s, options.year));
        (diagnostics, submission, score)
    }));
    let (mut diagnostics, submission, score, failed) = match outcome {
        Ok((diagnostics, submission, score)) => (diagnostics, submission, score, false),
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let diagnostic = Diagnostic::new(
                &INTERNAL_ERROR,
                None,
                "",
                format!("pilint failed while checking this file: {reason}"),
            );
            (vec![diagnostic], None, None, true)
        }
    };
    sort_diagnostics(&mut diagnostics);
    FileReport {
        source,
        format,
        diagnostics,
        submission,
        failed,
        score,
    }
}

fn check(
    source: &SourceFile,
    format: SourceFormat,
    options: &LintOptions,
) -> (Vec<Diagnostic>, Option<Submission>) {
    let (mut diagnostics, submission) = match format {
        SourceFormat::Json => {
            let outcome = crate::json::check(source);
            (outcome.diagnostics, outcome.submission)
        }
        SourceFormat::Qrda3 => {
            let first = source.clamp_span(Span::new(0, 1));
            let diagnostic = Diagnostic::new(
                &UNSUPPORTED_FORMAT,
                Some(first),
                "",
                "QRDA Category III XML is not yet supported",
            );
            (vec![diagnostic], None)
        }
    };
    if let Some(submission) = &submission {
        let semantic = crate::rules::semantic::check(submission, options.year);
        let kept: Vec<Diagnostic> = without_structural_duplicates(semantic, &diagnostics).collect();
        diagnostics.extend(kept);
    }
    (diagnostics, submission)
}

/// Drops semantic findings at a span a structural finding (family `F` or
/// `S`) already marks: the structural one names the root cause, and two
/// findings for one mistake is noise.
fn without_structural_duplicates(
    semantic: Vec<Diagnostic>,
    structural: &[Diagnostic],
) -> impl Iterator<Item = Diagnostic> {
    let marked: std::collections::HashSet<Span> = structural
        .iter()
        .filter(|d| d.code.starts_with(['F', 'S']))
        .filter_map(|d| d.span)
        .collect();
    semantic
        .into_iter()
        .filter(move |d| d.span.is_none_or(|span| !marked.contains(&span)))
}

/// Reads and checks one input. An unreadable file becomes a report with an
/// `unreadable-file` finding, never an early return.
pub fn lint_input(input: &Input, options: &LintOptions) -> FileReport {
    let name = input.display().to_owned();
    let bytes = match input {
        Input::File { path, .. } => std::fs::read(path),
        Input::Stdin { .. } => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map(|_| bytes)
        }
    };
    match bytes {
        Ok(bytes) => lint_source(SourceFile::from_bytes(name, bytes), options),
        Err(err) => {
            let format = detect_format(&name, "");
            let diagnostic = Diagnostic::new(
                &UNREADABLE_FILE,
                None,
                "",
                format!("cannot read {name}: {err}"),
            );
            FileReport {
                source: SourceFile::from_text(name, ""),
                format,
                diagnostics: vec![diagnostic],
                submission: None,
                failed: true,
                score: None,
            }
        }
    }
}

/// Checks every input, in parallel, and returns the reports in input order.
pub fn lint_inputs(inputs: &[Input], options: &LintOptions) -> Vec<FileReport> {
    inputs
        .par_iter()
        .map(|input| lint_input(input, options))
        .collect()
}
