//! Where a finding is, in the units every machine format states: 1-based
//! lines, 1-based columns counting characters (Unicode scalar values), an
//! exclusive end; and one-line text for formats that are read line by line.

use crate::diagnostic::{Diagnostic, Label, Place, Site};
use crate::model::SourceFormat;
use crate::render::Origin;
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// A label resolved for output: its file, its range, its node.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub path: &'a str,
    pub format: SourceFormat,
    /// `None` for a label about the whole file.
    pub at: Option<Position>,
    /// JSON Pointer or XPath, empty where there is none.
    pub pointer: &'a str,
    /// What the place is; empty for the primary label.
    pub message: &'a str,
}

impl Placed<'_> {
    /// The range, with a whole-file label at line 1, column 1 (as
    /// `--format json` puts it).
    pub fn at_or_start(&self) -> Position {
        self.at.unwrap_or(Position {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        })
    }

    /// Whether the label is in another file than the one being reported
    /// (always, for a finding about several files).
    pub fn elsewhere(&self, origin: Origin<'_>) -> bool {
        match origin {
            Origin::File(report) => self.path != report.path(),
            Origin::Run => true,
        }
    }
}

/// Resolves `label` of a finding shown from `origin`: a place in the
/// reported file by that file's text, a place in a named file by the line
/// and column it carries.
pub fn place<'a>(origin: Origin<'a>, label: &'a Label) -> Placed<'a> {
    match (&label.place, origin) {
        (Place::Site(site), _) => Placed {
            path: &site.path,
            format: site.format,
            at: Some(of_site(site)),
            pointer: &site.at.pointer,
            message: &label.message,
        },
        (Place::Here { span, pointer }, Origin::File(report)) => Placed {
            path: report.path(),
            format: report.format,
            at: span.map(|span| range(&report.source, span)),
            pointer,
            message: &label.message,
        },
        // A finding about several files names its files; a label without
        // one has nothing to be resolved against.
        (Place::Here { pointer, .. }, Origin::Run) => Placed {
            path: "",
            format: SourceFormat::Json,
            at: None,
            pointer,
            message: &label.message,
        },
    }
}

/// `\nrelated: path:line:col: message` for each related label of `finding`
/// in another file than the one shown from `origin`: for formats whose
/// entry sits in one file and names the other places in its text.
pub fn related_elsewhere(origin: Origin<'_>, finding: &Diagnostic) -> String {
    let mut lines = String::new();
    for label in &finding.related {
        let related = place(origin, label);
        if let (true, Some(at)) = (related.elsewhere(origin), related.at) {
            lines.push_str(&format!(
                "\nrelated: {}:{}:{}: {}",
                related.path, at.line, at.column, related.message
            ));
        }
    }
    lines
}

/// The primary label of `finding`, resolved.
pub fn primary<'a>(origin: Origin<'a>, finding: &'a Diagnostic) -> Placed<'a> {
    place(origin, &finding.primary)
}

fn range(source: &SourceFile, span: crate::source::Span) -> Position {
    let span = source.clamp_span(span);
    let start = source.line_col(span.start());
    let end = source.line_col(span.end());
    Position {
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// A place in a named file, resolved to line and column while its file
/// was checked (the text is gone by the end of the run).
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
