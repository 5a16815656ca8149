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

pub use crate::rule::{Example, ExampleFormat, RuleMeta};

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
