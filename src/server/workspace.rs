//! Cross-file findings for the workspace folders: after a save, the
//! library [`Engine`] checks every file of the folders from disk (the
//! same run as `pilint check FOLDER`), and each cross-file finding is
//! published on every file it concerns, the one it points at and each
//! related one. The next run replaces them all, so a resolved finding is
//! cleared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{DiagnosticRelatedInformation, Location, Range, Uri};

use super::diagnostics;
use super::position::{Encoding, Positions};
use crate::diagnostic::{Diagnostic, Site};
use crate::engine::{CrossFileMode, Engine, EngineOptions, RunOptions};
use crate::settings::{CliSettings, ConfigSource};
use crate::source::{SourceFile, Span};

/// One run over the workspace.
pub struct Request {
    pub folders: Vec<PathBuf>,
    pub config: ConfigSource,
    pub cli: CliSettings,
    pub max_file_size: u64,
    pub encoding: Encoding,
    /// The open documents' paths and URIs: their findings are published
    /// under the URI the client spelled.
    pub open: HashMap<PathBuf, Uri>,
}

/// The cross-file diagnostics of each file concerned, by URI (as text:
/// see [`super::documents::Documents`]).
pub type ByUri = HashMap<String, Vec<lsp_types::Diagnostic>>;

/// Runs the engine over the folders; an invalid configuration yields no
/// cross-file findings (each open document shows the error itself).
pub fn run(request: &Request) -> ByUri {
    let engine = match Engine::new(EngineOptions {
        paths: request.folders.clone(),
        config: request.config.clone(),
        cli: request.cli.clone(),
        max_file_size: request.max_file_size,
        ..EngineOptions::default()
    }) {
        Ok(engine) => engine,
        Err(_) => return ByUri::new(),
    };
    let outcome = engine.run(
        RunOptions {
            cross_file: CrossFileMode::Findings,
            source_shown: false,
        },
        |_| Ok::<(), std::convert::Infallible>(()),
    );
    let Ok(outcome) = outcome;
    fan_out(&outcome.cross.findings, request)
}

/// Each finding on the file it points at (related places as related
/// information), and on each related file (pointing back).
pub fn fan_out(findings: &[Diagnostic], request: &Request) -> ByUri {
    let mut texts = Texts {
        loaded: HashMap::new(),
        max_file_size: request.max_file_size,
        encoding: request.encoding,
    };
    let mut out = ByUri::new();
    for finding in findings {
        let Some(site) = finding.primary.site() else {
            continue;
        };
        let Some(main_uri) = uri_of(&site.path, request) else {
            continue;
        };
        let main_range = texts.range(site);
        let mut main = diagnostics::lsp_diagnostic(finding, &finding.message, main_range);
        let mut related = Vec::new();
        for other in &finding.related {
            let Some(other_site) = other.site() else {
                continue;
            };
            let Some(uri) = uri_of(&other_site.path, request) else {
                continue;
            };
            let range = texts.range(other_site);
            related.push(DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), range),
                message: other.message.clone(),
            });
            let message = format!(
                "{}; {} in {}: {}",
                other.message,
                finding.code,
                file_name(&site.path),
                finding.message
            );
            let mut mirrored = diagnostics::lsp_diagnostic(finding, &message, range);
            mirrored.related_information = Some(vec![DiagnosticRelatedInformation {
                location: Location::new(main_uri.clone(), main_range),
                message: finding.message.clone(),
            }]);
            out.entry(uri.as_str().to_owned())
                .or_default()
                .push(mirrored);
        }
        main.related_information = Some(related).filter(|r| !r.is_empty());
        out.entry(main_uri.as_str().to_owned())
            .or_default()
            .push(main);
    }
    out
}

fn uri_of(path: &str, request: &Request) -> Option<Uri> {
    let path = std::path::absolute(path).ok()?;
    match request.open.get(&path) {
        Some(uri) => Some(uri.clone()),
        None => super::uri::from_path(&path),
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The texts of the files findings point at, read once each, to turn
/// their character columns into the client's units.
struct Texts {
    loaded: HashMap<Arc<str>, Option<SourceFile>>,
    max_file_size: u64,
    encoding: Encoding,
}

impl Texts {
    fn range(&mut self, site: &Site) -> Range {
        let at = &site.at;
        let max = self.max_file_size;
        let text = self
            .loaded
            .entry(site.path.clone())
            .or_insert_with(|| read(Path::new(&*site.path), max));
        match text {
            Some(source) => {
                let positions = Positions::new(source, self.encoding);
                let start = positions.offset_of_line_column(at.line, at.column);
                let end = positions.offset_of_line_column(at.end_line, at.end_column);
                positions.range(Span::new(start, end.max(start)))
            }
            // Unreadable since: the columns as characters, the best left.
            None => Range::new(
                lsp_types::Position::new(at.line.saturating_sub(1), at.column.saturating_sub(1)),
                lsp_types::Position::new(
                    at.end_line.saturating_sub(1),
                    at.end_column.saturating_sub(1),
                ),
            ),
        }
    }
}

fn read(path: &Path, max_file_size: u64) -> Option<SourceFile> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > max_file_size {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Some(SourceFile::from_bytes(path.to_string_lossy(), bytes))
}
