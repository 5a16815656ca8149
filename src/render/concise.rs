//! `--format concise`: one line per finding,
//! `path:line:col: severity[CODE] message`, which vim's default
//! `errorformat`, Emacs's compilation mode and the VS Code problem matcher
//! shipped in `editors/vscode/` read as they are; then the cross-file
//! findings, each at the place it is about, in the same shape; then the
//! summary line (`-q` leaves it out). Control characters in a path or a
//! message are escaped (`\n`, `\u{1b}`), so a file name cannot forge a
//! line or drive the terminal.

use std::io::{self, Write};

use crate::crossfile::CrossFileFinding;
use crate::lint::FileReport;
use crate::render::escape::escape;
use crate::render::position::{of_site, position_or_start};
use crate::render::{Renderer, Summary, summary_line};

pub struct Concise {
    quiet: bool,
}

impl Concise {
    /// `quiet` (`-q`): findings only, no summary line.
    pub fn new(quiet: bool) -> Self {
        Concise { quiet }
    }
}

impl Renderer for Concise {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            let at = position_or_start(&report.source, diagnostic);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                escape(report.path()),
                at.line,
                at.column,
                diagnostic.severity.as_str(),
                diagnostic.code,
                escape(&diagnostic.message)
            )?;
        }
        Ok(())
    }

    fn cross_file(&mut self, findings: &[CrossFileFinding], out: &mut dyn Write) -> io::Result<()> {
        for finding in findings {
            let at = of_site(&finding.site);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                escape(&finding.site.path),
                at.line,
                at.column,
                finding.severity.as_str(),
                finding.code,
                escape(&finding.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(out, "{}", summary_line(summary))
    }
}
