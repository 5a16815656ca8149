//! Stable identities for findings, for SARIF `partialFingerprints` and
//! GitLab Code Quality `fingerprint`.
//!
//! A finding is identified by its rule code, its file's path and its JSON
//! Pointer (or XPath), never by its line: moving a value to another line,
//! or editing another part of the file, keeps the identity, so code
//! scanning does not report a fixed-and-reintroduced finding. Two findings
//! of one rule at one pointer are told apart by their order.

use sha2::{Digest, Sha256};

use crate::crossfile::CrossFileFinding;
use crate::lint::FileReport;

/// One fingerprint per finding of `report`, in the report's order.
pub fn fingerprints(report: &FileReport) -> Vec<String> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let key = (d.code, d.pointer.as_str());
            let occurrence = seen.iter().filter(|k| **k == key).count();
            seen.push(key);
            fingerprint(d.code, report.path(), &d.pointer, occurrence)
        })
        .collect()
}

/// One fingerprint per cross-file finding, in order: the same recipe, keyed
/// on the place the finding is about (`site`). Two findings of one rule at
/// one place are told apart by their order, which is stable: the findings
/// are sorted by path, position, code and message.
pub fn cross_file_fingerprints(findings: &[CrossFileFinding]) -> Vec<String> {
    let mut seen: Vec<(&str, &str, &str)> = Vec::new();
    findings
        .iter()
        .map(|f| {
            let key = (f.code, &*f.site.path, &*f.site.at.pointer);
            let occurrence = seen.iter().filter(|k| **k == key).count();
            seen.push(key);
            fingerprint(f.code, &f.site.path, &f.site.at.pointer, occurrence)
        })
        .collect()
}

/// SHA-256 over code, path, pointer and occurrence (NUL-separated, so no
/// two different keys hash the same input), as 32 hex digits.
pub fn fingerprint(code: &str, path: &str, pointer: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [code, path, pointer, &occurrence.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_depend_on_code_path_pointer_and_occurrence_only() {
        let a = fingerprint("S005", "a.json", "/x", 0);
        assert_eq!(a.len(), 32);
        assert_eq!(a, fingerprint("S005", "a.json", "/x", 0));
        assert_ne!(a, fingerprint("S006", "a.json", "/x", 0));
        assert_ne!(a, fingerprint("S005", "b.json", "/x", 0));
        assert_ne!(a, fingerprint("S005", "a.json", "/y", 0));
        assert_ne!(a, fingerprint("S005", "a.json", "/x", 1));
        // No ambiguity between parts.
        assert_ne!(
            fingerprint("S005", "a", "b/c", 0),
            fingerprint("S005", "a/b", "c", 0)
        );
    }
}
