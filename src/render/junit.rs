//! `--format junit`: JUnit XML, for CI systems that show test reports
//! (GitLab `artifacts:reports:junit`, Jenkins, Azure Pipelines, CircleCI).
//!
//! One test case per checked file; each finding at or above the
//! `--fail-on` threshold is a `<failure>` of it, so a test case fails
//! exactly when its file fails the run. Findings below the threshold are
//! listed in the case's `<system-out>`; a file pilint could not read or
//! failed on is an `<error>`.
//!
//! The cross-file checks (rule family `X`) are one more test case,
//! `cross-file`, after the files' when the run checked two files or more:
//! each cross-file finding at or above the threshold is a failure of it,
//! the others are in its `<system-out>`. It is there even when it passes,
//! so a CI's test history sees it pass once the files agree.
//!
//! The header carries totals, so the renderer keeps one small record per
//! file (its path and finding lines), never a source.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::render::position::{self, primary};
use crate::render::{Origin, Renderer, Summary};

/// The name of the cross-file checks' test case.
pub const CROSS_FILE_CASE: &str = "cross-file";

struct Case {
    /// The test case's name: the file's path, or [`CROSS_FILE_CASE`].
    name: String,
    /// The file it is about; none for the cross-file case.
    file: Option<String>,
    failures: Vec<Entry>,
    passed: Vec<String>,
    error: Option<String>,
}

struct Entry {
    kind: String,
    message: String,
    body: String,
}

pub struct Junit {
    fail_on: Severity,
    cases: Vec<Case>,
}

impl Junit {
    /// `fail_on`: the lowest severity that fails a file (`--fail-on`).
    pub fn new(fail_on: Severity) -> Self {
        Junit {
            fail_on,
            cases: Vec::new(),
        }
    }
}

impl Renderer for Junit {
    /// A test case per file, its findings as failures or passed lines.
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.cases.push(Case {
            name: report.path().to_owned(),
            file: Some(report.path().to_owned()),
            failures: Vec::new(),
            passed: Vec::new(),
            error: None,
        });
        for finding in &report.diagnostics {
            self.finding(Origin::File(report), finding, out)?;
        }
        Ok(())
    }

    /// One more case for the findings about several files.
    fn cross_file(&mut self, findings: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
        // One file has nothing to be compared with.
        if self.cases.len() < 2 && findings.is_empty() {
            return Ok(());
        }
        self.cases.push(Case {
            name: CROSS_FILE_CASE.to_owned(),
            file: None,
            failures: Vec::new(),
            passed: Vec::new(),
            error: None,
        });
        for finding in findings {
            self.finding(Origin::Run, finding, out)?;
        }
        Ok(())
    }

    /// Adds the finding to the case of the file or the run being written.
    fn finding(
        &mut self,
        origin: Origin<'_>,
        d: &Diagnostic,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let Some(case) = self.cases.last_mut() else {
            return Ok(());
        };
        let place = primary(origin, d);
        let at = place.at_or_start();
        let line = format!(
            "{}:{}:{}: {}[{}] {}",
            place.path,
            at.line,
            at.column,
            d.severity.as_str(),
            d.code,
            d.message
        );
        if matches!(origin, Origin::File(report) if report.failed) {
            case.error = Some(line);
        } else if d.severity >= self.fail_on {
            let mut body = line;
            body.push_str(&position::related_elsewhere(origin, d));
            for (label, text) in [("why", &d.note), ("help", &d.help)] {
                if !text.is_empty() {
                    body.push_str(&format!("\n{label}: {text}"));
                }
            }
            case.failures
                .push(failure(d.code, d.name, &d.message, body));
        } else {
            case.passed.push(line);
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let tests = self.cases.len();
        let failures = self.cases.iter().filter(|c| !c.failures.is_empty()).count();
        let errors = self.cases.iter().filter(|c| c.error.is_some()).count();
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"pilint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
        )?;
        writeln!(
            out,
            "  <testsuite name=\"pilint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
        )?;
        for case in &self.cases {
            let empty = case.failures.is_empty() && case.passed.is_empty() && case.error.is_none();
            write!(
                out,
                "    <testcase name=\"{}\" classname=\"pilint\"",
                escape(&case.name)
            )?;
            if let Some(file) = &case.file {
                write!(out, " file=\"{}\"", escape(file))?;
            }
            if empty {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            if let Some(error) = &case.error {
                writeln!(
                    out,
                    "      <error message=\"{}\">{}</error>",
                    escape(error),
                    escape_text(error)
                )?;
            }
            for failure in &case.failures {
                writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    escape(&failure.kind),
                    escape(&failure.message),
                    escape_text(&failure.body)
                )?;
            }
            if !case.passed.is_empty() {
                writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    escape_text(&case.passed.join("\n"))
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

/// A `<failure>`: its type names the rule, its body ends with where the
/// rule is documented.
fn failure(code: &str, name: &str, message: &str, mut body: String) -> Entry {
    body.push_str(&format!("\nrule: {name} (pilint rule {code})"));
    Entry {
        kind: format!("{code} {name}"),
        message: message.to_owned(),
        body,
    }
}

/// Text safe in XML element content, line breaks kept as they are.
fn escape_text(text: &str) -> String {
    escape(text).replace("&#10;", "\n")
}

/// Text safe in XML content and in attribute values: markup characters
/// escaped, characters XML 1.0 forbids (most control characters) replaced.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_any_text_safe_xml() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
        let doc = format!("<x a=\"{}\">{}</x>", escape("\"'<\n"), escape("]]>&"));
        let mut reader = quick_xml::Reader::from_str(&doc);
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Eof => break,
                _ => continue,
            }
        }
    }
}
