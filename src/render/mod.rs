//! Output formats. Each renderer turns reports into bytes; none computes.
//!
//! Renderers are incremental: they get each file's report in output order,
//! then the run's summary, so a run over 100,000 files never holds more
//! than a batch of reports in memory.

pub mod concise;
pub mod fingerprint;
pub mod full;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod position;
pub mod sarif;
pub mod score_json;
pub mod score_table;
pub mod statistics;
pub mod window;

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::lint::FileReport;

/// One output format.
pub trait Renderer {
    /// Writes what the format shows for one file; called in output order.
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()>;
    /// Writes the end of the output once every file was seen.
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// Renders a whole run held in memory (tests, fuzzing, small runs).
pub fn render_all(renderer: &mut dyn Renderer, reports: &[FileReport]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut summary = Summary::default();
    for report in reports {
        summary.add(report);
        // Writing into a Vec cannot fail.
        let _ = renderer.file(report, &mut out);
    }
    let _ = renderer.finish(&summary, &mut out);
    out
}

/// Totals over a run, shared by every format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.infos += report.count(Severity::Info);
    }
}

/// "1 error", "2 warnings".
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}
