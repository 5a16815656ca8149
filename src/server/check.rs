//! Checking one open document: its unsaved text through the library engine
//! ([`crate::engine::check_source`]), with the settings of its
//! `pilint.toml`, exactly as `pilint check` would show that file. Runs off
//! the loop's thread; the result is converted to LSP diagnostics there too.

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::Uri;

use super::diagnostics;
use super::position::{Encoding, Positions};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::rules::file::FILE_TOO_LARGE;
use crate::settings::FileSettings;
use crate::source::SourceFile;

/// A check to run: one version of one document.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub source: Arc<SourceFile>,
    /// `Ok(None)`: its configuration excludes the file.
    pub settings: Result<Option<FileSettings>, ConfigError>,
    /// `--max-file-size`: a larger buffer is reported, not checked.
    pub max_file_size: u64,
    pub encoding: Encoding,
}

/// What the check of one version found.
pub struct Analysis {
    pub version: i32,
    /// The engine's report (findings after the settings, score, model);
    /// `None` when the document was not checked (excluded, too large, or
    /// its configuration is invalid).
    pub report: Option<FileReport>,
    /// The configuration file that applied, if any.
    pub config_path: Option<PathBuf>,
    /// The report's findings as the client is sent them.
    pub diagnostics: Vec<lsp_types::Diagnostic>,
    /// The encoding the positions above are in.
    pub encoding: Encoding,
}

impl Analysis {
    pub fn positions(&self) -> Option<Positions<'_>> {
        self.report
            .as_ref()
            .map(|r| Positions::new(&r.source, self.encoding))
    }
}

/// The analysis of a check that failed in pilint itself (a bug): one
/// finding saying so, as `pilint check` reports it.
pub fn failed(version: i32, encoding: Encoding) -> Analysis {
    let finding = Diagnostic::new(
        &crate::rules::file::INTERNAL_ERROR,
        None,
        "",
        "pilint failed while checking this document",
    );
    let empty = SourceFile::from_text("", "");
    let uri: Uri = "untitled:pilint".parse().expect("a valid URI");
    Analysis {
        version,
        report: None,
        config_path: None,
        diagnostics: vec![diagnostics::of_file(
            &finding,
            &Positions::new(&empty, encoding),
            &uri,
        )],
        encoding,
    }
}

pub fn run(job: Job) -> Analysis {
    let mut analysis = Analysis {
        version: job.version,
        report: None,
        config_path: None,
        diagnostics: Vec::new(),
        encoding: job.encoding,
    };
    let settings = match job.settings {
        Ok(Some(settings)) => settings,
        Ok(None) => return analysis,
        Err(error) => {
            analysis
                .diagnostics
                .push(diagnostics::of_config_error(&error));
            return analysis;
        }
    };
    analysis.config_path = settings.config_path().map(PathBuf::from);
    let size = job.source.text.len() as u64;
    if size > job.max_file_size {
        let finding = Diagnostic::new(
            &FILE_TOO_LARGE,
            None,
            "",
            format!(
                "this document holds {size} bytes, more than the limit of {}; it was not checked",
                job.max_file_size
            ),
        );
        let empty = SourceFile::from_text("", "");
        let positions = Positions::new(&empty, job.encoding);
        analysis
            .diagnostics
            .push(diagnostics::of_file(&finding, &positions, &job.uri));
        return analysis;
    }
    // The engine takes the text by value; the copy is made here, off the
    // loop, so the editor's next keystroke is never waiting for it.
    let source = SourceFile::from_text(job.source.name.clone(), job.source.text.clone());
    let report = crate::engine::check_source(source, &settings, false);
    let positions = Positions::new(&report.source, job.encoding);
    analysis.diagnostics = report
        .diagnostics
        .iter()
        .map(|d| diagnostics::of_file(d, &positions, &job.uri))
        .collect();
    analysis.report = Some(report);
    analysis
}
