//! `C002 cehrt-id-malformed`: a CEHRT ID that does not have one of the
//! year's accepted shapes.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity, quote_short};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{either, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

/// The characters of a CEHRT ID (CMS EHR Certification IDs are 15
/// characters, letters and digits).
pub const CEHRT_ID_LENGTH: usize = 15;

pub static META: RuleMeta = RuleMeta {
    code: "C002",
    name: "cehrt-id-malformed",
    severity: Severity::Error,
    summary: "The CEHRT ID is not 15 letters and digits in a format accepted that year.",
    what: "Checks a PI set's `cehrtId` (compared in upper case): exactly 15 characters, \
           letters and digits only, and one of the year's accepted formats, where `X` is any \
           letter or digit: `XX15CXXXXXXXXXX` (2015 Edition Cures Update) every year, also \
           `XX15EXXXXXXXXXX` (2015 Edition) in 2023, also `2025CXXXXXXXXXX` from 2025 (2026 \
           and 2027 assume 2025's formats). The formats are year data (`cehrtIdPatterns`).",
    why: "Submissions API field table: `cehrtId` format \"2025CXXXXXXXXXX or \
          XX15CXXXXXXXXXX\" (CMSgov/qpp-submissions-docs, data.ts, PY2025; change log \
          8/28/2024 and 8/28/2025 \"Allowed CEHRT ID format change\"); PY2023 docs list \
          `XX15EXXXXXXXXXX` and `XX15CXXXXXXXXXX`; CMS's converter accepted an ID iff it had \
          15 characters with `15C` at positions 3–5 (CMSgov/qpp-conversion-tool PR #1441). \
          The per-year rule is pilint's reading of these, not a published regular expression.",
    note: "CMS accepts only CEHRT IDs of the year's documented formats",
    help: "copy the CMS EHR Certification ID exactly as ONC's CHPL generated it",
    years: &[],
    family: crate::rules::Family::Cehrt,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"0015E01234ABCDE\",\n"
    ))),
    valid: Example::json(crate::file_with_set!(concat!(
        "      \"category\": \"pi\",\n",
        "      \"submissionMethod\": \"registry\",\n",
        "      \"programName\": \"mips\",\n",
        "      \"performanceStart\": \"2025-01-01\",\n",
        "      \"performanceEnd\": \"2025-12-31\",\n",
        "      \"cehrtId\": \"2025C01234ABCDE\",\n"
    ))),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(catalog), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    for set in pi_sets(context.submission) {
        let Some(id) = &set.cehrt_id else { continue };
        let text = id.value.as_str();
        if text.trim().is_empty() {
            continue; // cehrt-id-missing
        }
        let length = text.chars().count();
        let problem = if length != CEHRT_ID_LENGTH {
            format!("has {length} characters, not {CEHRT_ID_LENGTH}")
        } else if let Some(bad) = text.chars().find(|c| !c.is_ascii_alphanumeric()) {
            format!(
                "contains {}, but has only letters and digits",
                quote_short(&bad.to_string())
            )
        } else if !catalog.cehrt_id_matches(&text.to_ascii_uppercase()) {
            format!(
                "does not match a format CMS accepts for {year} ({})",
                either(&catalog.cehrt_id_patterns)
            )
        } else {
            continue;
        };
        out.push(finding(
            &META,
            &id.loc,
            Message::new()
                .text("the CEHRT ID ")
                .quoted(ArgumentKind::Value, text)
                .text(&format!(" {problem}")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    fn with_id(id: &str) -> String {
        crate::valid_2025!().replace("0015C01234ABCDE", id)
    }

    #[test]
    fn the_2015_edition_format_is_2023_only() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"0015E01234ABCDE\"");
        assert_eq!(
            found[0].message,
            "the CEHRT ID `0015E01234ABCDE` does not match a format CMS accepts for 2025 (`XX15CXXXXXXXXXX` or `2025CXXXXXXXXXX`)"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
        assert!(run_with_year(&RULE, META.invalid.text, Some(2023)).is_empty());
        assert_eq!(run_with_year(&RULE, META.valid.text, Some(2024)).len(), 1);
    }

    #[test]
    fn length_and_characters() {
        let found = run(&RULE, &with_id("0015C01234ABCD"));
        assert!(found[0].message.ends_with("has 14 characters, not 15"));
        let found = run(&RULE, &with_id("0015C-1234ABCDE"));
        assert!(
            found[0]
                .message
                .ends_with("contains `-`, but has only letters and digits")
        );
        // Lower case is a warning of its own, not a wrong format.
        assert!(run(&RULE, &with_id("0015c01234abcde")).is_empty());
    }
}
