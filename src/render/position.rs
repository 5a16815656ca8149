//! Where a finding is, in the units every machine format states: 1-based
//! lines, 1-based columns counting characters (Unicode scalar values), an
//! exclusive end; and one-line text for formats that are read line by line.

use crate::crossfile::Site;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// The finding's range, or `None` for a finding about the whole file.
pub fn position(source: &SourceFile, diagnostic: &Diagnostic) -> Option<Position> {
    let span = source.clamp_span(diagnostic.span?);
    let start = source.line_col(span.start);
    let end = source.line_col(span.end);
    Some(Position {
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    })
}

/// The finding's range, with a whole-file finding at line 1, column 1 (as
/// `--format json` puts it).
pub fn position_or_start(source: &SourceFile, diagnostic: &Diagnostic) -> Position {
    position(source, diagnostic).unwrap_or(Position {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    })
}

/// A cross-file finding's place, resolved to line and column while its
/// file was checked (the text is gone by the end of the run).
pub fn of_site(site: &Site) -> Position {
    let wide = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    Position {
        line: wide(site.at.line),
        column: wide(site.at.column),
        end_line: wide(site.at.end_line),
        end_column: wide(site.at.end_column),
    }
}

/// `text` on one line: line breaks and other control characters become
/// spaces, so a line-oriented reader never sees half a finding.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
