//! Rule selection: which rules report, by code, code prefix (a family) or
//! name, as `--select`, `--ignore`, `--extend-select` and `pilint.toml` say.
//!
//! The most specific selector wins, as in ruff: a rule's name or full code
//! beats a prefix, a longer prefix beats a shorter one, and on a tie
//! `ignore` wins. So `select = ["C"]` with `ignore = ["C003"]` keeps C001,
//! C002 and C004; `ignore = ["C"]` with `select = ["C001"]` keeps C001.

use std::sync::OnceLock;

use crate::rules::registry::{RuleMeta, all_rules};

/// One parsed selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// As written, for messages.
    pub text: String,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// `ALL`: every rule.
    All,
    /// A code prefix, upper-cased (`C`, `C00`, `C001`).
    Prefix(String),
    /// A rule name (`cehrt-id-lowercase`).
    Name(&'static str),
}

impl Selector {
    /// Parses a selector; the error says why it selects nothing.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("ALL") {
            return Ok(Selector {
                text: trimmed.to_owned(),
                kind: Kind::All,
            });
        }
        let rules = rules();
        if let Some(rule) = rules.iter().find(|r| r.name == trimmed) {
            return Ok(Selector {
                text: trimmed.to_owned(),
                kind: Kind::Name(rule.name),
            });
        }
        let upper = trimmed.to_ascii_uppercase();
        if !upper.is_empty() && rules.iter().any(|r| r.code.starts_with(&upper)) {
            return Ok(Selector {
                text: trimmed.to_owned(),
                kind: Kind::Prefix(upper),
            });
        }
        let hint = rules
            .iter()
            .map(|r| r.name)
            .min_by_key(|name| strsim::levenshtein(name, trimmed))
            .filter(|name| strsim::levenshtein(name, trimmed) <= 3)
            .map(|name| format!("; did you mean `{name}`?"))
            .unwrap_or_default();
        Err(format!(
            "`{trimmed}` is not a rule code, code prefix or rule name{hint} (`pilint rules` lists them)"
        ))
    }

    /// How specifically this selector names `rule`, if it does at all.
    fn specificity(&self, rule: &RuleMeta) -> Option<usize> {
        match &self.kind {
            Kind::All => Some(0),
            Kind::Prefix(prefix) => rule.code.starts_with(prefix.as_str()).then_some(
                if prefix.len() == rule.code.len() {
                    usize::MAX
                } else {
                    prefix.len()
                },
            ),
            Kind::Name(name) => (rule.name == *name).then_some(usize::MAX),
        }
    }

    /// Whether this selector names `code` (a rule code, case as registered).
    pub fn matches_code(&self, code: &str) -> bool {
        self.specificity_for(code).is_some()
    }

    /// How specifically this selector names the rule `code`: a name or a
    /// full code most, then longer prefixes before shorter ones.
    pub fn specificity_for(&self, code: &str) -> Option<usize> {
        rules()
            .iter()
            .find(|r| r.code == code)
            .and_then(|rule| self.specificity(rule))
    }
}

/// Every rule, built once: selectors are matched against every finding.
fn rules() -> &'static [&'static RuleMeta] {
    static RULES: OnceLock<Vec<&'static RuleMeta>> = OnceLock::new();
    RULES.get_or_init(all_rules)
}

/// Parses a list of selectors, stopping at the first bad one.
pub fn parse_all(texts: &[String]) -> Result<Vec<Selector>, String> {
    texts.iter().map(|t| Selector::parse(t)).collect()
}

/// The rules that report, as a set of codes.
#[derive(Debug, Clone)]
pub struct Selection {
    enabled: Vec<&'static str>,
}

impl Selection {
    /// `select` (every rule when `None`), plus `extend_select`, minus
    /// `ignore`, the most specific selector winning.
    pub fn new(
        select: Option<&[Selector]>,
        extend_select: &[Selector],
        ignore: &[Selector],
    ) -> Selection {
        let all = [Selector {
            text: "ALL".to_owned(),
            kind: Kind::All,
        }];
        let select = select.unwrap_or(&all);
        let enabled = rules()
            .iter()
            .filter(|rule| {
                let best =
                    |list: &[Selector]| list.iter().filter_map(|s| s.specificity(rule)).max();
                let selected = best(select).max(best(extend_select));
                match (selected, best(ignore)) {
                    (None, _) => false,
                    (Some(_), None) => true,
                    (Some(selected), Some(ignored)) => selected > ignored,
                }
            })
            .map(|rule| rule.code)
            .collect();
        Selection { enabled }
    }

    /// Every rule.
    pub fn all() -> Selection {
        Selection::new(None, &[], &[])
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        self.enabled.contains(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(list: &[&str]) -> Vec<Selector> {
        list.iter().map(|s| Selector::parse(s).unwrap()).collect()
    }

    #[test]
    fn codes_prefixes_and_names_select() {
        let only_c = Selection::new(Some(&sel(&["C"])), &[], &[]);
        assert!(only_c.is_enabled("C001") && only_c.is_enabled("C004"));
        assert!(!only_c.is_enabled("F001"));
        let by_name = Selection::new(Some(&sel(&["cehrt-id-lowercase"])), &[], &[]);
        assert!(by_name.is_enabled("C003") && !by_name.is_enabled("C001"));
        let lower = Selection::new(Some(&sel(&["c003"])), &[], &[]);
        assert!(lower.is_enabled("C003") && !lower.is_enabled("C001"));
    }

    #[test]
    fn the_most_specific_selector_wins() {
        let s = Selection::new(Some(&sel(&["C"])), &[], &sel(&["C003"]));
        assert!(s.is_enabled("C001") && !s.is_enabled("C003"));
        let s = Selection::new(Some(&sel(&["C001"])), &[], &sel(&["C"]));
        assert!(s.is_enabled("C001") && !s.is_enabled("C002"));
        // A tie goes to ignore.
        let s = Selection::new(Some(&sel(&["C003"])), &[], &sel(&["cehrt-id-lowercase"]));
        assert!(!s.is_enabled("C003"));
        let s = Selection::new(None, &sel(&["C003"]), &sel(&["C"]));
        assert!(s.is_enabled("C003") && !s.is_enabled("C001") && s.is_enabled("F001"));
    }

    #[test]
    fn unknown_selectors_are_refused_with_a_hint() {
        let err = Selector::parse("cehrt-id-lowercas").unwrap_err();
        assert!(err.contains("did you mean `cehrt-id-lowercase`"), "{err}");
        assert!(Selector::parse("Z").is_err());
        assert!(Selector::parse("").is_err());
        assert!(Selector::parse("all").is_ok());
    }
}
