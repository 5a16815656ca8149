//! Recognising reports written by pilint (or a tool of the same kind)
//! among the files a directory walk finds.
//!
//! pilint's reports are `.json` and `.xml` files, the extensions a walk
//! picks up: `pilint check . --format json -o report.json` in CI would
//! check its own previous report as a submission on the next run (and
//! report it as broken). A walked file whose start is that of a report is
//! left out with a note instead:
//!
//! - `--format json`, `pilint score --format json`, `pilint rollup
//!   --format json`: an object whose first member is `"version"` and whose
//!   second is `"files"`, `"framework"`, `"participantList"` or
//!   `"rollups"`. No QPP submission has a `version` member.
//! - `--format sarif`: an object whose first member is a `"$schema"`
//!   naming SARIF.
//! - `--format gitlab`: an array whose first object starts with
//!   `"description"` and has a `"check_name"`.
//! - `--format junit`: an XML document whose root is `<testsuites` or
//!   `<testsuite` (a QRDA III document's root is `<ClinicalDocument`).
//! - a baseline (`--write-baseline`): an object whose first member is
//!   `"tool": "pilint"`.
//!
//! Only the first [`PREFIX`] bytes are read. A file named on the command
//! line is always checked, whatever it holds: the user asked for it.

use std::io::Read;
use std::path::Path;

/// How much of a file is read to recognise it.
pub const PREFIX: usize = 1024;

/// Which kind of report `path` is, if its start is that of one; an empty
/// file or an empty JSON array (GitLab's report of a clean run) is "an
/// empty report": it holds nothing a replacement would lose.
pub fn sniff(path: &Path) -> Option<&'static str> {
    let (file, size) = crate::bounded::open_regular(path, u64::MAX).ok()?;
    let mut prefix = Vec::with_capacity(PREFIX);
    file.take(PREFIX as u64).read_to_end(&mut prefix).ok()?;
    let whole = size <= PREFIX as u64;
    let bare: Vec<u8> = prefix
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if whole && (bare.is_empty() || bare == b"[]") {
        return Some("an empty report");
    }
    recognise(&prefix)
}

/// Which kind of report a file starting with `prefix` is.
pub fn recognise(prefix: &[u8]) -> Option<&'static str> {
    let mut cursor = Cursor {
        bytes: prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix),
        at: 0,
    };
    match cursor.next_non_space()? {
        b'{' => {
            let first = cursor.key()?;
            if first == "$schema" {
                let schema = cursor.string()?;
                return schema
                    .to_ascii_lowercase()
                    .contains("sarif")
                    .then_some("a SARIF report");
            }
            if first == "tool" {
                return (cursor.string()? == "pilint").then_some("a pilint baseline");
            }
            if first != "version" {
                return None;
            }
            cursor.number()?;
            cursor.expect(b',')?;
            match cursor.key()? {
                "files" | "framework" | "participantList" | "rollups" => {
                    Some("a pilint JSON report")
                }
                _ => None,
            }
        }
        b'[' => {
            cursor.expect(b'{')?;
            let rest = &cursor.bytes[cursor.at..];
            (cursor.key()? == "description" && contains(rest, b"\"check_name\""))
                .then_some("a GitLab code quality report")
        }
        b'<' => {
            let mut rest = &cursor.bytes[cursor.at - 1..];
            if rest.starts_with(b"<?xml") {
                let end = rest.windows(2).position(|w| w == b"?>")?;
                rest = rest[end + 2..].trim_ascii_start();
            }
            (rest.starts_with(b"<testsuites") || rest.starts_with(b"<testsuite "))
                .then_some("a JUnit XML report")
        }
        _ => None,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// Just enough of a JSON tokenizer for the first members of a document.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn next_non_space(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            if !b.is_ascii_whitespace() {
                return Some(b);
            }
        }
        None
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next_non_space()? == byte).then_some(())
    }

    /// A string without escapes (the keys and values looked at have none).
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        let len = self.bytes[start..].iter().position(|&b| b == b'"')?;
        let text = &self.bytes[start..start + len];
        if text.contains(&b'\\') {
            return None;
        }
        self.at = start + len + 1;
        std::str::from_utf8(text).ok()
    }

    fn key(&mut self) -> Option<&'a str> {
        let key = self.string()?;
        self.expect(b':')?;
        Some(key)
    }

    fn number(&mut self) -> Option<()> {
        let first = self.next_non_space()?;
        if !first.is_ascii_digit() {
            return None;
        }
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pilint_reports_are_recognised() {
        let json = b"{\n  \"version\": 1,\n  \"files\": [\n";
        assert_eq!(recognise(json), Some("a pilint JSON report"));
        assert!(recognise(b"{\"version\":1,\"framework\":\"mips\"").is_some());
        assert!(recognise(b"{\n  \"tool\": \"pilint\",\n  \"version\": 1,").is_some());
        assert!(recognise(b"{\"version\": 1, \"participantList\": true").is_some());
        assert!(
            recognise(b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",")
                .is_some()
        );
        assert!(recognise(b"[\n  {\"description\":\"x\",\"check_name\":\"S005\"").is_some());
        assert!(
            recognise(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pilint\"")
                .is_some()
        );
    }

    #[test]
    fn submissions_are_not() {
        for submission in [
            &b"{\n  \"entityType\": \"group\", \"version\": 1"[..],
            b"{\"version\": 1, \"measurementSets\": []}",
            b"{\"$schema\": \"https://example.org/qpp.json\"}",
            b"[]",
            b"[{\"description\": \"x\"}]",
            b"<?xml version=\"1.0\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\">",
            b"",
            b"{",
            b"\"version\"",
            b"{\"tool\": \"other\"}",
        ] {
            assert_eq!(
                recognise(submission),
                None,
                "{:?}",
                String::from_utf8_lossy(submission)
            );
        }
    }
}
