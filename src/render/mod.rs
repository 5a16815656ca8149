//! Output formats. Each renderer turns reports into bytes; none computes.

pub mod full;
pub mod json;
pub mod score_json;
pub mod score_table;

use crate::diagnostic::Severity;
use crate::lint::FileReport;

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
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            summary.errors += report.count(Severity::Error);
            summary.warnings += report.count(Severity::Warning);
            summary.infos += report.count(Severity::Info);
        }
        summary
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
