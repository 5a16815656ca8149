//! `--format concise`: one line per finding,
//! `path:line:col: severity[CODE] message`, which vim's default
//! `errorformat`, Emacs's compilation mode and the VS Code problem matcher
//! shipped in `editors/vscode/` read as they are; then the cross-file
//! findings, each at the place it is about, in the same shape; then the
//! summary line (`-q` leaves it out). Control characters in a path or a
//! message are escaped (`\n`, `\u{1b}`), so a file name cannot forge a
//! line or drive the terminal.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::render::escape::escape;
use crate::render::position::primary;
use crate::render::{Origin, Renderer, Summary, summary_line};

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
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let place = primary(origin, finding);
        let at = place.at_or_start();
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            escape(place.path),
            at.line,
            at.column,
            finding.severity.as_str(),
            finding.code,
            escape(&finding.message)
        )
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(out, "{}", summary_line(summary))
    }
}
