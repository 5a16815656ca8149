//! The one table of rules: code ↔ kebab-case name ↔ docs, with default
//! severity as data.
//!
//! Codes are grouped by family so that a prefix selects a family:
//!
//! | prefix | family |
//! |---|---|
//! | `F` | the file itself: readable, well-formed JSON, no duplicate keys |
//! | `S` | structure: the shipped JSON Schema (`schemas/pi-submission.schema.json`) |
//! | `Y` | the performance year |
//! | `P` | the performance period |
//! | `A` | attestations and Protect Patient Health Information |
//! | `M` | measures and their values |
//! | `R` | required measures, exclusions, HIE options, substitutes |
//! | `E` | active engagement with public health (`_PRE`/`_PROD`) |
//! | `C` | the CEHRT ID |
//! | `I` | identity, submission method and program |
//! | `Q` | QRDA III XML: well-formedness, safety, envelope and structure (CMS converter parity and beyond) |
//! | `X` | across files: duplicate and conflicting submissions of one entity |
//!
//! Names say what is wrong (`duplicate-key`), never the fix.

use crate::diagnostic::Severity;

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
    pub family: crate::rules::Family,
    /// What CMS does with a file because of a finding of this rule.
    pub consequence: crate::rules::Consequences,
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

/// Every rule pilint knows, in code order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    rules.extend(crate::rules::file::RULES);
    rules.extend(crate::rules::schema::RULES);
    rules.extend(crate::rules::qrda::RULES);
    rules.extend(crate::rules::semantic::metas());
    rules.extend(crate::rules::crossfile::RULES);
    rules.sort_by_key(|r| r.code);
    rules
}

/// A Markdown table of every rule: code, name, severity, years, summary.
/// The README embeds it between `<!-- rules:start -->` and `<!-- rules:end -->`.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| Code | Name | Severity | Years | Summary |\n|---|---|---|---|---|\n");
    for rule in all_rules() {
        let years = match rule.years {
            [] => "all".to_owned(),
            [only] => only.to_string(),
            [first, .., last] => format!("{first}–{last}"),
        };
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {} |\n",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            years,
            rule.summary.replace('|', "\\|")
        ));
    }
    out
}

/// Looks a rule up by its exact code, without building the list.
pub fn find_code(code: &str) -> Option<&'static RuleMeta> {
    static BY_CODE: std::sync::OnceLock<Vec<&'static RuleMeta>> = std::sync::OnceLock::new();
    let rules = BY_CODE.get_or_init(all_rules);
    rules
        .binary_search_by(|r| r.code.cmp(code))
        .ok()
        .map(|i| rules[i])
}

/// Looks a rule up by code (case-insensitive) or by name.
pub fn find_rule(code_or_name: &str) -> Option<&'static RuleMeta> {
    all_rules()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in all_rules() {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                rule.name
            );
            assert_eq!(
                rule.code.chars().next(),
                Some(rule.family.letter()),
                "{}: a code starts with its family's letter, so a prefix selects the family",
                rule.code
            );
            assert!(
                !rule.summary.contains('\n'),
                "{}: summary is one line",
                rule.code
            );
        }
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        let rule = all_rules()[0];
        assert_eq!(find_rule(rule.code).unwrap().code, rule.code);
        assert_eq!(
            find_rule(&rule.code.to_lowercase()).unwrap().code,
            rule.code
        );
        assert_eq!(find_rule(rule.name).unwrap().code, rule.code);
        assert!(find_rule("no-such-rule").is_none());
    }
}
