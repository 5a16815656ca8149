//! What a rule is, apart from its check: identity, default severity, CMS
//! consequence and documentation under fixed headings. A leaf module: the
//! findings ([`crate::diagnostic`]) and the rules ([`crate::rules`]) both
//! build on it, and it on neither.

use crate::rule::Severity;

/// The input format of a documentation example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleFormat {
    Json,
    Xml,
    /// A description of an input that text cannot hold (an invalid byte, an
    /// unreadable path); the named test covers the rule instead.
    Prose,
}

/// A complete input file used in a rule's docs; a test runs every one.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub format: ExampleFormat,
    pub text: &'static str,
}

impl Example {
    pub const fn json(text: &'static str) -> Self {
        Example {
            format: ExampleFormat::Json,
            text,
        }
    }

    pub const fn xml(text: &'static str) -> Self {
        Example {
            format: ExampleFormat::Xml,
            text,
        }
    }

    pub const fn prose(text: &'static str) -> Self {
        Example {
            format: ExampleFormat::Prose,
            text,
        }
    }
}

/// Everything about a rule that is not its check: identity, default
/// severity and documentation under fixed headings.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the finding means.
    pub summary: &'static str,
    /// "What it checks".
    pub what: &'static str,
    /// "Why it matters", citing the CMS source.
    pub why: &'static str,
    /// Default note on each finding (short form of `why`).
    pub note: &'static str,
    /// Default help on each finding: what to do.
    pub help: &'static str,
    /// Performance years the rule applies to; empty means every year.
    pub years: &'static [u16],
    pub family: crate::rule::Family,
    /// What CMS does with a file because of a finding of this rule.
    pub consequence: crate::rule::Consequences,
    /// An input that gives exactly this rule's finding.
    pub invalid: Example,
    /// A similar input that gives no finding of this rule.
    pub valid: Example,
}

impl RuleMeta {
    /// The rule's documentation, as `pilint rule CODE` prints it.
    pub fn docs(&self) -> String {
        let years = if self.years.is_empty() {
            "all supported performance years".to_owned()
        } else {
            self.years
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{code} {name} ({severity}, {years})\n\n{summary}\n\n\
             ## What it checks\n\n{what}\n\n\
             ## Why it matters\n\n{why}\n\n\
             ## Invalid example\n\n{invalid}\n\n\
             ## Valid example\n\n{valid}\n",
            code = self.code,
            name = self.name,
            severity = self.severity.as_str(),
            summary = self.summary,
            what = self.what,
            why = self.why,
            invalid = fenced(&self.invalid),
            valid = fenced(&self.valid),
        )
    }
}

fn fenced(example: &Example) -> String {
    let lang = match example.format {
        ExampleFormat::Json => "json",
        ExampleFormat::Xml => "xml",
        ExampleFormat::Prose => return example.text.to_owned(),
    };
    format!("```{lang}\n{}\n```", example.text.trim_end())
}
