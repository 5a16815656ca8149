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

use crate::crossfile::rollup::Rollup;
use crate::lint::FileReport;

mod doctype;
mod json_keys;
mod xml_ids;

/// How many trailing characters of an identifier stay visible: enough to
/// tell two practices apart, too few to identify one.
const VISIBLE: usize = 4;

/// JSON members whose string value is an identifier.
const JSON_KEYS: &[&str] = &[
    "\"taxpayerIdentificationNumber\"",
    "\"nationalProviderIdentifier\"",
];

/// QRDA III `id/@root` OIDs whose `@extension` is an identifier: the IRS
/// TIN and the NPPES NPI (QRDA III implementation guide, Participant and
/// Performer templates).
const XML_ROOTS: &[&str] = &["2.16.840.1.113883.4.2", "2.16.840.1.113883.4.6"];

/// `*****6789`: every letter or digit except the last four characters
/// becomes `*` (a mask character of the same UTF-8 length outside ASCII);
/// other characters (a dash, a space) stay, so the byte length and the
/// columns do not change. A value of four characters or fewer is masked
/// whole.
pub fn mask_value(value: &str) -> String {
    let mut bytes = value.as_bytes().to_vec();
    let len = bytes.len();
    mask_bytes(&mut bytes, 0, len);
    String::from_utf8(bytes).unwrap_or_else(|_| "*".repeat(value.chars().count()))
}

/// Masks every TIN and NPI of `report` in what renderers show: the spans
/// of its identifier fields in the source text, and the identifiers its
/// findings quote. The model keeps the real values: no renderer prints
/// them, and the cross-file checks group submissions by them.
pub fn mask_report(report: &mut FileReport) {
    mask_text(report);
    mask_findings(report);
}

/// Masks the identifiers the findings of `report` quote (their messages
/// and related messages), for renderers that never draw the source text.
pub fn mask_findings(report: &mut FileReport) {
    for diagnostic in &mut report.diagnostics {
        mask_diagnostic(diagnostic);
    }
}

/// Masks the identifier arguments of one finding, about one file or
/// several, wherever its texts quote them: message, labels, the entity it
/// is about, note and help. Nothing is searched for but what the finding
/// itself says it quoted, so a program name or a measure id that looks
/// like a TIN is never touched. File paths are shown as given, like
/// everywhere else.
pub fn mask_diagnostic(diagnostic: &mut crate::diagnostic::Diagnostic) {
    let mut quoted: Vec<String> = diagnostic.identifiers().map(str::to_owned).collect();
    if quoted.is_empty() {
        return;
    }
    // Longest first, so that a value containing another is masked whole.
    quoted.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    quoted.dedup();
    let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
    mask_in(&mut diagnostic.message, &quoted);
    for label in &mut diagnostic.related {
        mask_in(&mut label.message, &quoted);
    }
    if let Some(subject) = &mut diagnostic.subject {
        mask_in(&mut subject.entity, &quoted);
    }
    for text in [&mut diagnostic.note, &mut diagnostic.help] {
        if quoted.iter().any(|q| text.contains(q)) {
            let mut masked = text.to_string();
            mask_in(&mut masked, &quoted);
            *text = Cow::Owned(masked);
        }
    }
    // The arguments are shown too (`--format json`).
    for argument in &mut diagnostic.arguments {
        if argument.kind.is_identifier() {
            argument.value = mask_value(&argument.value);
        }
    }
}

/// Masks the identifier fields of the report's text, in place: the TIN
/// and NPI values of QPP JSON members and of QRDA III `id` elements, found
/// by their field, whatever they hold (a tab, a character reference,
/// full-width digits, a JSON number).
fn mask_text(report: &mut FileReport) {
    let fields = identifier_fields(report);
    // A DOCTYPE is read by no one, so it is hidden whole (in a file named
    // `.json` too: its frame is a syntax error's).
    let declarations = doctype::declarations(&report.source.text);
    if fields.is_empty() && declarations.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(&mut report.source.text).into_bytes();
    for field in fields {
        mask_bytes(&mut bytes, field.start, field.end - field.start);
    }
    for declaration in declarations {
        // Hidden whole: nothing of a declaration is left visible.
        mask_range(&mut bytes, declaration, 0);
    }
    // Each character was replaced by one of the same UTF-8 length, so the
    // bytes are still UTF-8; the fallback keeps the run going if not.
    report.source.text = String::from_utf8(bytes)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
}

/// An entity as output shows it: its TIN and NPI masked by field unless
/// identifiers are to be shown (the key knows them: nothing is searched).
pub fn entity(key: &crate::crossfile::EntityKey, show_identifiers: bool) -> String {
    use crate::crossfile::EntityKey;
    if show_identifiers {
        return key.to_string();
    }
    match key {
        EntityKey::Individual { tin, npi } => {
            format!(
                "individual TIN {} / NPI {}",
                mask_value(tin),
                mask_value(npi)
            )
        }
        EntityKey::Group { tin } => format!("group TIN {}", mask_value(tin)),
        other => other.to_string(),
    }
}

/// A participant-list error as stderr shows it: the identifiers it quotes
/// masked unless they are to be shown (CI logs are widely readable).
pub fn participant_error(
    error: &crate::crossfile::participants::ParticipantError,
    show_identifiers: bool,
) -> String {
    let mut text = error.to_string();
    if !show_identifiers {
        for identifier in error.identifiers.iter().filter(|i| !i.is_empty()) {
            text = text.replace(identifier.as_str(), &mask_value(identifier));
        }
    }
    text
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

/// The byte ranges of the report's identifier fields: the model's TIN and
/// NPI values, and a lexical scan of the text by field (a JSON member of an
/// identifier key, an `extension` beside a TIN or NPI `root`), which also
/// finds them in files that did not parse and the second TIN of a QRDA III
/// document the model does not keep.
fn identifier_fields(report: &FileReport) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    if let Some(submission) = &report.submission {
        for node in [
            &submission.taxpayer_identification_number,
            &submission.national_provider_identifier,
        ]
        .into_iter()
        .flatten()
        {
            let span = node.loc.span;
            if span.end() > span.start() {
                found.push(span.start()..span.end());
            }
        }
    }
    let text = report.source.text.as_str();
    // A JSON string node's span holds its quotes: mask the body only.
    for range in &mut found {
        let quoted = text.as_bytes().get(range.clone());
        if quoted.is_some_and(|q| q.len() >= 2 && q[0] == b'"' && q[q.len() - 1] == b'"') {
            *range = range.start + 1..range.end - 1;
        }
    }
    found.extend(json_values(text));
    found.extend(json_keys::escaped_members(text));
    found.extend(xml_values(text));
    found.extend(xml_ids::extensions(text));
    found.extend(repeated_in_ids(text, &found));
    found
}

/// QRDA III documents repeat a clinician's NPI as the `extension` of other
/// `id` elements (under a vendor's own root): those are identifier fields
/// too. Only well-formed identifiers (9 or 10 digits) are looked for, and
/// only as a whole `extension` value, so a malformed TIN such as
/// `MIPS_APM` never masks the program name that shares its letters.
fn repeated_in_ids(text: &str, fields: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let mut values: Vec<&str> = fields
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .filter(|v| (v.len() == 9 || v.len() == 10) && v.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    values.sort_unstable();
    values.dedup();
    let mut found = Vec::new();
    for value in values {
        for quote in ['"', '\''] {
            let needle = format!("extension={quote}{value}{quote}");
            for at in memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
                let start = at + "extension=".len() + 1;
                found.push(start..start + value.len());
            }
        }
    }
    found
}

/// The value of every `"taxpayerIdentificationNumber" : …` and
/// `"nationalProviderIdentifier" : …` member in the text: a string's body,
/// or a number written where a string belongs.
fn json_values(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    for key in JSON_KEYS {
        for at in memchr::memmem::find_iter(text.as_bytes(), key.as_bytes()) {
            let rest = &text[at + key.len()..];
            let after_ws = rest.trim_start();
            let Some(after_colon) = after_ws.strip_prefix(':') else {
                continue;
            };
            let value_part = after_colon.trim_start();
            let value_start = text.len() - value_part.len();
            if let Some(inner) = value_part.strip_prefix('"') {
                let start = value_start + 1;
                found.push(start..start + json_string_end(inner));
            } else {
                // A number (or any bare token) up to the next delimiter.
                let end = value_part
                    .find([',', '}', ']', '\n', '\r'])
                    .unwrap_or(value_part.len());
                let token = value_part[..end].trim_end();
                found.push(value_start..value_start + token.len());
            }
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
fn xml_values(text: &str) -> Vec<std::ops::Range<usize>> {
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
                let start = tag_start + offset;
                found.push(start..start + value.len());
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

/// Masks `len` bytes of `bytes` from `at` as [`mask_value`] does, in place;
/// a letter or digit outside ASCII (a full-width digit) becomes a mask
/// character of the same UTF-8 length, so spans and columns stay exact.
fn mask_bytes(bytes: &mut [u8], at: usize, len: usize) {
    mask_range(bytes, at..at.saturating_add(len), VISIBLE);
}

/// Masks every letter and digit of `range` in place but the last
/// `visible` characters, each by a mask character of the same UTF-8
/// length; a range that does not hold whole characters has every ASCII
/// letter and digit masked.
fn mask_range(bytes: &mut [u8], range: std::ops::Range<usize>, visible: usize) {
    let Some(slice) = bytes.get_mut(range) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(slice) else {
        // Not whole characters: mask every ASCII letter and digit.
        slice
            .iter_mut()
            .filter(|b| b.is_ascii_alphanumeric())
            .for_each(|b| *b = b'*');
        return;
    };
    let chars = text.chars().count();
    let keep_from = if chars > visible {
        chars - visible
    } else {
        chars
    };
    let mut masked = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if i < keep_from && c.is_alphanumeric() {
            masked.push_str(match c.len_utf8() {
                1 => "*",
                2 => "\u{d7}",    // ×
                3 => "\u{ff0a}",  // ＊ (full-width asterisk)
                _ => "\u{1f7b1}", // a four-byte star
            });
        } else {
            masked.push(c);
        }
    }
    slice.copy_from_slice(masked.as_bytes());
}

/// Masks every occurrence of `values` (in the order given: longest first)
/// in `text`; a text without any is left untouched, without a copy.
fn mask_in(text: &mut String, values: &[&str]) {
    for value in values {
        if !value.is_empty() && text.contains(value) {
            *text = text.replace(value, &mask_value(value));
            // `replace` grows its result by doubling; the text is held as
            // long as its finding (a large run's cross-file findings are
            // tens of thousands, held to its end), so it keeps no spare room.
            text.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    #[test]
    fn a_cross_file_finding_masks_its_entity_s_identifiers_whatever_they_look_like() {
        let site = crate::diagnostic::Site {
            path: "a.json".into(),
            at: crate::diagnostic::Position {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 2,
                pointer: "".into(),
            },
            format: crate::model::SourceFormat::Json,
        };
        let subject = crate::diagnostic::Subject {
            entity: "group TIN 12-3456789".to_owned(),
            year: 2025,
        };
        let mut finding = crate::diagnostic::Diagnostic::across_files(
            &crate::rules::crossfile::DUPLICATE_SUBMISSION,
            subject,
            site.clone(),
            "group TIN 12-3456789 is submitted 2 times; MIPS_APM stays",
        )
        .with_related_site(site, "12-3456789's other submission");
        finding.arguments = vec![crate::diagnostic::Argument {
            kind: crate::diagnostic::ArgumentKind::Tin,
            value: "12-3456789".to_owned(),
        }];
        mask_diagnostic(&mut finding);
        assert_eq!(
            finding.message,
            "group TIN **-***6789 is submitted 2 times; MIPS_APM stays"
        );
        assert_eq!(finding.subject.unwrap().entity, "group TIN **-***6789");
        assert_eq!(finding.related[0].message, "**-***6789's other submission");
    }

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
            report
                .source
                .text
                .starts_with("{\"taxpayerIdentificationNumber\" : \"**-***3456\""),
            "{}",
            report.source.text
        );
        // The identifier field is masked; `x` is no identifier field.
        assert_eq!(report.source.text.matches("**-***3456").count(), 1);
        for d in &report.diagnostics {
            assert!(!d.message.contains("00-0123456"), "{}", d.message);
        }
    }

    #[test]
    fn only_identifier_fields_are_masked_never_look_alike_values() {
        // The TIN field is masked; the same characters elsewhere (a
        // program name, narrative) are not identifier fields.
        let text = "<x><id extension='MIPS_APM' root='2.16.840.1.113883.4.2'/>\
                    <id extension='MIPS_APM' root='2.16.840.1.113883.3.249.7'/></x>";
        let mut report = lint_source(
            SourceFile::from_text("a.xml", text),
            &LintOptions::default(),
        );
        mask_report(&mut report);
        assert_eq!(report.source.text.matches("****_APM").count(), 1);
        assert_eq!(report.source.text.matches("MIPS_APM").count(), 1);
    }

    #[test]
    fn identifier_fields_are_masked_whatever_they_hold() {
        for (text, hidden) in [
            (
                "{\"taxpayerIdentificationNumber\": \"12345678\\t\"}",
                "1234",
            ),
            ("{\"taxpayerIdentificationNumber\": 123456789}", "12345"),
            (
                "{\"nationalProviderIdentifier\": \"\u{ff11}\u{ff12}\u{ff13}4567893\"}",
                "\u{ff11}",
            ),
            (
                "<id root='2.16.840.1.113883.4.2' extension='&#49;23456789'/>",
                "&#49;2",
            ),
        ] {
            let mut report = lint_source(SourceFile::from_text("a", text), &LintOptions::default());
            let before = report.source.text.len();
            mask_report(&mut report);
            assert_eq!(report.source.text.len(), before, "{text}");
            assert!(
                !report.source.text.contains(hidden),
                "{}",
                report.source.text
            );
        }
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
