//! Checking one open document: its unsaved text through the library engine
//! ([`crate::engine::check_source`]), with the settings of its
//! `pilint.toml`, exactly as `pilint check` would show that file. Runs off
//! the loop's thread; the result is converted to LSP diagnostics there too.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::Uri;

use super::diagnostics;
use super::position::{Encoding, Positions};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::model::SourceFormat;
use crate::rules::file::{BYTE_ORDER_MARK, FILE_TOO_LARGE};
use crate::settings::FileSettings;
use crate::source::{SourceFile, Span};

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
    /// The file on disk starts with a byte-order mark the editor hides.
    pub hidden_bom: bool,
}

impl Analysis {
    /// The size of the text it was made from.
    pub fn text_len(&self) -> usize {
        self.report.as_ref().map_or(0, |r| r.source.text.len())
    }

    pub fn positions(&self) -> Option<Positions<'_>> {
        self.report
            .as_ref()
            .map(|r| Positions::new(&r.source, self.encoding))
    }
}

/// The analysis of a check that failed in pilint itself (a bug): one
/// finding saying so, as `pilint check` reports it.
pub fn failed(uri: &Uri, version: i32, encoding: Encoding) -> Analysis {
    let finding = Diagnostic::new(
        &crate::rules::file::INTERNAL_ERROR,
        None,
        "",
        crate::rules::file::internal_error::IN_EDITOR,
    );
    let empty = SourceFile::from_text("", "");
    Analysis {
        version,
        report: None,
        config_path: None,
        diagnostics: vec![diagnostics::of_file(
            &finding,
            &Positions::new(&empty, encoding),
            uri,
        )],
        encoding,
        hidden_bom: false,
    }
}

pub fn run(job: Job) -> Analysis {
    let mut analysis = Analysis {
        version: job.version,
        report: None,
        config_path: None,
        diagnostics: Vec::new(),
        encoding: job.encoding,
        hidden_bom: false,
    };
    let uri = job.uri;
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
            crate::rules::file::file_too_large::in_editor(size, job.max_file_size),
        );
        let empty = SourceFile::from_text("", "");
        let positions = Positions::new(&empty, job.encoding);
        analysis
            .diagnostics
            .push(diagnostics::of_file(&finding, &positions, &uri));
        return analysis;
    }
    // The engine takes the text by value; the copy is made here, off the
    // loop, and the shared text let go of at once: the loop's next edit
    // then changes it in place instead of copying it.
    let source = SourceFile::from_text(job.source.name.clone(), job.source.text.clone());
    drop(job.source);
    let mut report = crate::engine::check_source(source, &settings, false);
    if report.format == SourceFormat::Json
        && !report.source.text.starts_with('\u{feff}')
        && starts_with_bom(Path::new(&*report.source.name))
    {
        analysis.hidden_bom = true;
        if settings.keeps(BYTE_ORDER_MARK.code, "") {
            report.diagnostics.insert(0, hidden_bom_finding(&settings));
        }
    }
    let positions = Positions::new(&report.source, job.encoding);
    analysis.diagnostics = report
        .diagnostics
        .iter()
        .map(|d| diagnostics::of_file(d, &positions, &uri))
        .collect();
    analysis.report = Some(report);
    analysis
}

/// Whether the file at `path` starts with a UTF-8 byte-order mark.
fn starts_with_bom(path: &Path) -> bool {
    let mut head = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut head))
        .is_ok_and(|()| head == [0xEF, 0xBB, 0xBF])
}

/// F003 for a mark the editor keeps out of the buffer (VS Code and Neovim
/// both do, and write it back on save): the text the server is sent has
/// none, yet CMS receives the file with it.
fn hidden_bom_finding(settings: &FileSettings) -> Diagnostic {
    Diagnostic::new(
        &BYTE_ORDER_MARK,
        Some(Span::new(0, 0)),
        "",
        crate::rules::file::byte_order_mark::HIDDEN_BY_EDITOR,
    )
    .with_help(crate::rules::file::byte_order_mark::HIDDEN_BY_EDITOR_HELP)
    .with_severity(settings.severity(BYTE_ORDER_MARK.code, BYTE_ORDER_MARK.severity))
}
