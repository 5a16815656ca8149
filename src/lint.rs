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
use crate::source::{SourceFile, Span};

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
pub fn lint_source(source: SourceFile) -> FileReport {
    let format = detect_format(&source.name, &source.text);
    let outcome = catch_unwind(AssertUnwindSafe(|| check(&source, format)));
    let (mut diagnostics, submission, failed) = match outcome {
        Ok((diagnostics, submission)) => (diagnostics, submission, false),
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
            (vec![diagnostic], None, true)
        }
    };
    sort_diagnostics(&mut diagnostics);
    FileReport {
        source,
        format,
        diagnostics,
        submission,
        failed,
    }
}

fn check(source: &SourceFile, format: SourceFormat) -> (Vec<Diagnostic>, Option<Submission>) {
    match format {
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
    }
}

/// Reads and checks one input. An unreadable file becomes a report with an
/// `unreadable-file` finding, never an early return.
pub fn lint_input(input: &Input) -> FileReport {
    let name = input.display().to_owned();
    let bytes = match input {
        Input::File { path, .. } => std::fs::read(path),
        Input::Stdin { .. } => {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
        }
    };
    match bytes {
        Ok(bytes) => lint_source(SourceFile::from_bytes(name, bytes)),
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
            }
        }
    }
}

/// Checks every input, in parallel, and returns the reports in input order.
pub fn lint_inputs(inputs: &[Input]) -> Vec<FileReport> {
    inputs.par_iter().map(lint_input).collect()
}
