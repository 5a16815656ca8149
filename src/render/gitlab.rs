//! `--format gitlab`: GitLab Code Quality JSON, the report a GitLab CI job
//! uploads as `artifacts:reports:codequality` so findings show in merge
//! requests. Fields as GitLab documents them (CI/CD → Testing → Code
//! Quality, "Code Quality report format"): `description`, `check_name`,
//! `fingerprint`, `severity`, `location.path` and `location.positions`.
//! The fingerprint is the one SARIF uses (code + path + pointer).
//!
//! `location.path` is relative to the project root (`crate::project_root`;
//! in GitLab CI `CI_PROJECT_DIR`, the checkout GitLab resolves it
//! against), as GitLab requires: a file outside the root is named with
//! `..` steps, never by an absolute path.
//!
//! A cross-file finding is an issue at the place it is about. The format
//! has one location per issue; the message names the other file.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::project_root::{Locator, ProjectRoot};
use crate::render::fingerprint::Fingerprints;
use crate::render::position::{Position, primary};
use crate::render::{Origin, Renderer, Summary};

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: LineColumn,
    end: LineColumn,
}

#[derive(Serialize)]
struct LineColumn {
    line: usize,
    column: usize,
}

/// GitLab's scale is info, minor, major, critical, blocker; an error here
/// is a file CMS rejects or scores lower, so `major`; nothing pilint finds
/// breaks anything else, so never `critical` or `blocker`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// Streams the JSON array, one issue at a time.
pub struct Gitlab {
    written: usize,
    locator: Locator,
    fingerprints: Fingerprints,
}

impl Default for Gitlab {
    fn default() -> Self {
        Gitlab::new()
    }
}

impl Gitlab {
    /// Paths relative to the root found from the working directory and
    /// the environment ([`ProjectRoot::resolve`] with no path).
    pub fn new() -> Self {
        let root = ProjectRoot::resolve(None, &[]).unwrap_or_else(|_| ProjectRoot::at(".", "."));
        Gitlab::with_root(root)
    }

    /// Paths relative to `root`.
    pub fn with_root(root: ProjectRoot) -> Self {
        Gitlab {
            written: 0,
            locator: Locator::new(root),
            fingerprints: Fingerprints::default(),
        }
    }
}

impl Gitlab {
    fn write(&mut self, issue: &Issue, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"[\n  "
        } else {
            b",\n  "
        })?;
        serde_json::to_writer(&mut *out, issue).map_err(io::Error::other)?;
        self.written += 1;
        Ok(())
    }
}

fn location(path: String, at: Position) -> Location {
    Location {
        path,
        positions: Positions {
            begin: LineColumn {
                line: at.line,
                column: at.column,
            },
            end: LineColumn {
                line: at.end_line,
                column: at.end_column,
            },
        },
    }
}

impl Renderer for Gitlab {
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let fingerprint = self.fingerprints.next(&mut self.locator, origin, finding);
        let path = self
            .fingerprints
            .located()
            .map_or("", |located| located.relative_or_dotted())
            .to_owned();
        let issue = Issue {
            description: &finding.message,
            check_name: finding.code,
            fingerprint,
            severity: severity(finding.severity),
            location: location(path, primary(origin, finding).at_or_start()),
        };
        self.write(&issue, out)
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
}
