//! Masking of taxpayer and provider identifiers in everything pilint shows.
//!
//! TINs and NPIs identify practices and clinicians, and CI logs are widely
//! readable, so every output format shows `*****6789` instead of
//! `123456789` unless `--show-identifiers` (or `show-identifiers = true` in
//! `pilint.toml`) asks otherwise. Masking happens here, once, on the report,
//! before any renderer sees it: renderers cannot forget to mask.
//!
//! The masked text has the same byte length and the same line breaks as the
//! original (only ASCII letters and digits become `*`), so every span, line
//! and column stays exact.

use std::borrow::Cow;

use crate::crossfile::CrossFileFinding;
use crate::crossfile::rollup::Rollup;
use crate::lint::FileReport;

/// How many trailing characters of an identifier stay visible: enough to
/// tell two practices apart, too few to identify one.
const VISIBLE: usize = 4;

/// Identifiers shorter than this are masked where they were found, but not
/// searched for elsewhere in the text: a two-digit "TIN" would otherwise
/// blank every `12` in the file.
const MIN_SEARCHED: usize = 5;

/// JSON members whose string value is an identifier.
const JSON_KEYS: &[&str] = &[
    "\"taxpayerIdentificationNumber\"",
    "\"nationalProviderIdentifier\"",
];

/// QRDA III `id/@root` OIDs whose `@extension` is an identifier: the IRS
/// TIN and the NPPES NPI (QRDA III implementation guide, Participant and
/// Performer templates).
const XML_ROOTS: &[&str] = &["2.16.840.1.113883.4.2", "2.16.840.1.113883.4.6"];

/// `*****6789`: every ASCII letter or digit except the last four characters
/// becomes `*`; other characters (a dash, a space) stay, so the byte length
/// and the columns do not change. A value of four characters or fewer is
/// masked whole.
pub fn mask_value(value: &str) -> String {
    let count = value.chars().count();
    let keep_from = if count > VISIBLE {
        count - VISIBLE
    } else {
        count
    };
    value
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_from && c.is_ascii_alphanumeric() {
                '*'
            } else {
                c
            }
        })
        .collect()
}

/// Masks every TIN and NPI of `report` in what renderers show: its source
/// text and its findings' messages, notes and helps. The model keeps the
/// real values: no renderer prints them, and the cross-file checks group
/// submissions by them (two practices can share the last four digits).
pub fn mask_report(report: &mut FileReport) {
    mask_report_parts(report, true);
}

/// Masks every TIN and NPI in what renderers that never draw the source
/// text show: the findings' messages, notes and helps. The text keeps the
/// real values; a file without findings shows nothing to mask. Rewriting
/// and re-validating every file's text was a tenth of a QRDA III run.
pub fn mask_findings(report: &mut FileReport) {
    if !report.diagnostics.is_empty() {
        mask_report_parts(report, false);
    }
}

fn mask_report_parts(report: &mut FileReport, text: bool) {
    let found = find_identifiers(report);
    if found.is_empty() {
        return;
    }
    if text {
        mask_text(report, &found);
    }
    // Every value, however short, longest first so that a value containing
    // another is masked whole.
    let mut values: Vec<&str> = found.iter().map(|hit| hit.value.as_str()).collect();
    values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    values.dedup();
    for diagnostic in &mut report.diagnostics {
        mask_in(&mut diagnostic.message, &values);
        mask_in(&mut diagnostic.note, &values);
        mask_in(&mut diagnostic.help, &values);
        for related in &mut diagnostic.related {
            mask_in(&mut related.message, &values);
        }
    }
}

fn mask_text(report: &mut FileReport, found: &[Hit]) {
    // Positions first (they are exact even for short values), then every
    // other occurrence of the longer values: XML narrative and comments
    // often repeat the TIN.
    let mut bytes = std::mem::take(&mut report.source.text).into_bytes();
    for hit in found {
        if let Some(at) = hit.at {
            mask_bytes(&mut bytes, at, hit.value.len());
        }
    }
    let searched: Vec<&str> = searched_values(found);
    for value in &searched {
        for at in occurrences(&bytes, value.as_bytes()) {
            mask_bytes(&mut bytes, at, value.len());
        }
    }
    // Only ASCII letters and digits were replaced by `*`, so the bytes are
    // still the UTF-8 they were; the fallback keeps the run going if not.
    report.source.text = String::from_utf8(bytes)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
}

/// Masks the identifiers in a cross-file finding's texts: every run of 9 or
/// 10 ASCII digits (a TIN or an NPI; the entity names them, "group TIN
/// 000111111"). File paths are shown as given, like everywhere else.
pub fn mask_cross_file(finding: &mut CrossFileFinding) {
    finding.message = mask_digit_runs(&finding.message);
    finding.note = mask_cow(std::mem::take(&mut finding.note));
    finding.help = mask_cow(std::mem::take(&mut finding.help));
    finding.entity = mask_digit_runs(&finding.entity);
    for related in &mut finding.related {
        related.message = mask_digit_runs(&related.message);
    }
}

/// Masks the TINs and NPIs of a roll-up (`pilint rollup`), once, before
/// any of its formats renders it; it was computed with the real ones, so
/// grouping and matching the participant list are unaffected. The APM
/// entity ID names an ACO, not a taxpayer or a clinician, and file paths
/// are shown as given, like everywhere else.
pub fn mask_rollup(rollup: &mut Rollup) {
    for row in &mut rollup.rows {
        row.tin = mask_value(&row.tin);
        row.npi = mask_value(&row.npi);
    }
    for group in &mut rollup.unattributed_groups {
        group.tin = mask_value(&group.tin);
    }
}

/// [`mask_digit_runs`] keeping a text it leaves unchanged (a rule's fixed
/// note or help) borrowed: a large run holds every finding until it ends.
fn mask_cow(text: Cow<'static, str>) -> Cow<'static, str> {
    let masked = mask_digit_runs(&text);
    if masked == *text {
        text
    } else {
        Cow::Owned(masked)
    }
}

/// `text` with every run of exactly 9 or 10 ASCII digits masked.
fn mask_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() == 9 || run.len() == 10 {
            out.push_str(&mask_value(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// An identifier value, and where it was written when that is known.
#[derive(Debug, PartialEq, Eq)]
struct Hit {
    value: String,
    at: Option<usize>,
}

/// Every identifier value of the report: from the model (decoded, so JSON
/// escapes are resolved), and from a lexical scan of the text, which also
/// finds them in files that did not parse and in XML documents that repeat
/// them (a second TIN the model does not keep).
fn find_identifiers(report: &FileReport) -> Vec<Hit> {
    let mut found = Vec::new();
    if let Some(submission) = &report.submission {
        for node in [
            &submission.taxpayer_identification_number,
            &submission.national_provider_identifier,
        ]
        .into_iter()
        .flatten()
        {
            if !node.value.is_empty() {
                found.push(Hit {
                    value: node.value.clone(),
                    at: None,
                });
            }
        }
    }
    let text = report.source.text.as_str();
    found.extend(json_values(text));
    found.extend(xml_values(text));
    found.retain(|hit| !hit.value.is_empty());
    found
}

/// The values searched for across the whole text (and in messages), longest
/// first so that a value containing another is masked whole.
fn searched_values(found: &[Hit]) -> Vec<&str> {
    let mut values: Vec<&str> = found
        .iter()
        .map(|hit| hit.value.as_str())
        .filter(|value| value.chars().count() >= MIN_SEARCHED)
        .collect();
    values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    values.dedup();
    values
}

/// `"taxpayerIdentificationNumber" : "…"` anywhere in the text.
fn json_values(text: &str) -> Vec<Hit> {
    let mut found = Vec::new();
    for key in JSON_KEYS {
        for at in memchr::memmem::find_iter(text.as_bytes(), key.as_bytes()) {
            let rest = &text[at + key.len()..];
            let after_ws = rest.trim_start();
            let Some(after_colon) = after_ws.strip_prefix(':') else {
                continue;
            };
            let value_part = after_colon.trim_start();
            let Some(inner) = value_part.strip_prefix('"') else {
                continue;
            };
            let start = text.len() - inner.len();
            let end = json_string_end(inner);
            found.push(Hit {
                value: inner[..end].to_owned(),
                at: Some(start),
            });
        }
    }
    found
}

/// The byte length of a JSON string's body: up to its closing quote (an
/// escaped quote does not close it), or the end of the line if it is
/// unterminated.
fn json_string_end(inner: &str) -> usize {
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' | '\n' if !escaped => return i,
            _ => escaped = false,
        }
    }
    inner.len()
}

/// `extension="…"` of every start tag whose `root` is a TIN or NPI OID.
fn xml_values(text: &str) -> Vec<Hit> {
    let mut found = Vec::new();
    for root in XML_ROOTS {
        for at in memchr::memmem::find_iter(text.as_bytes(), root.as_bytes()) {
            // The OID must be a whole attribute value: quoted on both sides.
            let before = text[..at].chars().next_back();
            let after = text[at + root.len()..].chars().next();
            if !matches!(before, Some('"' | '\'')) || before != after {
                continue;
            }
            let Some(tag_start) = text[..at].rfind('<') else {
                continue;
            };
            let tag_end = text[at..].find('>').map_or(text.len(), |i| at + i);
            let tag = &text[tag_start..tag_end];
            if let Some((offset, value)) = attribute(tag, "extension") {
                found.push(Hit {
                    value: value.to_owned(),
                    at: Some(tag_start + offset),
                });
            }
        }
    }
    found
}

/// The value of attribute `name` in a start tag, and its byte offset in it.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<(usize, &'t str)> {
    let mut search_from = 0;
    while let Some(i) = tag[search_from..].find(name) {
        let at = search_from + i;
        search_from = at + name.len();
        // A whole attribute name: preceded by white space.
        if !tag[..at].ends_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let rest = tag[at + name.len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let body = &rest[1..];
        let end = body.find(quote).unwrap_or(body.len());
        let start = tag.len() - body.len();
        return Some((start, &body[..end]));
    }
    None
}

/// Every start of `needle` in `haystack` that is not part of a longer run
/// of letters and digits (so `12345` is not masked inside `9123456`).
fn occurrences(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return Vec::new();
    }
    let word = |b: u8| b.is_ascii_alphanumeric();
    let mut found = Vec::new();
    let mut next_free = 0;
    for i in memchr::memmem::find_iter(haystack, needle) {
        if i < next_free {
            continue; // overlaps the previous occurrence
        }
        let before_ok = i == 0 || !word(haystack[i - 1]) || !word(needle[0]);
        let end = i + needle.len();
        let after_ok =
            end == haystack.len() || !word(haystack[end]) || !word(needle[needle.len() - 1]);
        if before_ok && after_ok {
            found.push(i);
            next_free = end;
        }
    }
    found
}

/// Masks `len` bytes of `bytes` from `at` as [`mask_value`] does, in place.
fn mask_bytes(bytes: &mut [u8], at: usize, len: usize) {
    let Some(slice) = bytes.get_mut(at..at.saturating_add(len)) else {
        return;
    };
    // Count characters as mask_value does: UTF-8 continuation bytes are
    // not characters of their own.
    let chars = slice.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    let keep_from = if chars > VISIBLE {
        chars - VISIBLE
    } else {
        chars
    };
    let mut index = 0;
    for byte in slice.iter_mut() {
        let starts_char = (*byte & 0xC0) != 0x80;
        if starts_char {
            index += 1;
        }
        if index <= keep_from && byte.is_ascii_alphanumeric() {
            *byte = b'*';
        }
    }
}

/// Masks every occurrence of `values` (in the order given: longest first)
/// in `text`; a text without any is left untouched, without a copy.
fn mask_in(text: &mut String, values: &[&str]) {
    for value in values {
        if !value.is_empty() && text.contains(value) {
            *text = text.replace(value, &mask_value(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_of_identifier_length_are_masked() {
        assert_eq!(
            mask_digit_runs("group TIN 000111111, NPI 1234567893, year 2025, 12345678901"),
            "group TIN *****1111, NPI ******7893, year 2025, 12345678901"
        );
    }
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    #[test]
    fn rollups_mask_tins_and_npis_but_not_entity_ids_or_paths() {
        use crate::crossfile::rollup::{EntityLevel, Row, Source, Submitted, UnattributedGroup};
        let submitted = Submitted {
            score: Some(80.0),
            path: "npi-1234567893.json".to_owned(),
            zeroed_by_conflict: false,
        };
        let mut rollup = Rollup {
            year: 2025,
            rows: vec![Row {
                tin: "000111111".to_owned(),
                npi: "1234567893".to_owned(),
                status: None,
                individual: Some(submitted.clone()),
                group: None,
                score: 80.0,
                source: Source::Individual,
                counts: true,
                note: None,
            }],
            counted: 1,
            sum: 80.0,
            score: Some(80.0),
            unattributed_groups: vec![UnattributedGroup {
                tin: "000222222".to_owned(),
                submitted: submitted.clone(),
            }],
            entity_level: vec![EntityLevel {
                entity_id: "A1234".to_owned(),
                submitted,
            }],
            public_reporting: None,
            assumptions: Vec::new(),
        };
        mask_rollup(&mut rollup);
        assert_eq!(rollup.rows[0].tin, "*****1111");
        assert_eq!(rollup.rows[0].npi, "******7893");
        assert_eq!(rollup.unattributed_groups[0].tin, "*****2222");
        assert_eq!(rollup.entity_level[0].entity_id, "A1234");
        assert_eq!(rollup.entity_level[0].submitted.path, "npi-1234567893.json");
    }

    #[test]
    fn mask_value_keeps_the_last_four() {
        assert_eq!(mask_value("123456789"), "*****6789");
        assert_eq!(mask_value("1234567893"), "******7893");
        assert_eq!(mask_value("00-0123456"), "**-***3456");
        assert_eq!(mask_value("123"), "***");
        assert_eq!(mask_value(""), "");
    }

    #[test]
    fn mask_bytes_agrees_with_mask_value() {
        for value in ["123456789", "00-0123456", "12", "é12345678"] {
            let mut bytes = value.as_bytes().to_vec();
            mask_bytes(&mut bytes, 0, value.len());
            assert_eq!(String::from_utf8(bytes).unwrap(), mask_value(value));
        }
    }

    #[test]
    fn findings_only_masking_leaves_the_text_and_masks_every_message() {
        let text = "{\"taxpayerIdentificationNumber\" : \"00-0123456\",\n \"x\": \"00-0123456\"}";
        let mut report = lint_source(
            SourceFile::from_text("a.json", text),
            &LintOptions::default(),
        );
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("00-0123456")),
            "the malformed TIN is quoted in a finding"
        );
        mask_findings(&mut report);
        assert_eq!(report.source.text, text);
        for d in &report.diagnostics {
            assert!(!d.message.contains("00-0123456"), "{}", d.message);
        }
    }

    #[test]
    fn json_identifiers_are_masked_in_text_and_messages() {
        let text = "{\"taxpayerIdentificationNumber\" : \"00-0123456\",\n \"x\": \"00-0123456\"}";
        let mut report = lint_source(
            SourceFile::from_text("a.json", text),
            &LintOptions::default(),
        );
        let before = report.source.text.len();
        mask_report(&mut report);
        assert_eq!(report.source.text.len(), before);
        assert!(
            !report.source.text.contains("0123"),
            "{}",
            report.source.text
        );
        assert_eq!(report.source.text.matches("**-***3456").count(), 2);
        for d in &report.diagnostics {
            assert!(!d.message.contains("00-0123456"), "{}", d.message);
        }
    }

    #[test]
    fn xml_identifiers_are_masked_wherever_repeated() {
        let text = "<x><id extension='123456789' root='2.16.840.1.113883.4.2'/>\
                    <text>TIN 123456789, not 91234567890</text></x>";
        let mut report = lint_source(
            SourceFile::from_text("a.xml", text),
            &LintOptions::default(),
        );
        mask_report(&mut report);
        assert_eq!(report.source.text.matches("*****6789").count(), 2);
        assert!(report.source.text.contains("91234567890"));
    }

    #[test]
    fn unterminated_values_do_not_panic() {
        for text in [
            "{\"nationalProviderIdentifier\": \"12",
            "{\"nationalProviderIdentifier\"",
            "<id root=\"2.16.840.1.113883.4.6\" extension=\"12",
            "2.16.840.1.113883.4.6\"",
        ] {
            let mut report = lint_source(SourceFile::from_text("a", text), &LintOptions::default());
            mask_report(&mut report);
            assert_eq!(report.source.text.len(), text.len());
        }
    }
}
