//! Stable identities for findings, for SARIF `partialFingerprints` and
//! GitLab Code Quality `fingerprint`.
//!
//! A finding is identified by its rule code, its file's path and its JSON
//! Pointer (or XPath), never by its line: moving a value to another line,
//! or editing another part of the file, keeps the identity, so code
//! scanning does not report a fixed-and-reintroduced finding. Two findings
//! of one rule at one pointer are told apart by their order.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::crossfile::CrossFileFinding;
use crate::lint::FileReport;

/// One fingerprint per finding of `report`, in the report's order. `path`
/// is the file's name relative to the project root
/// ([`crate::project_root::Located::key`]), so the fingerprint does not
/// depend on how the file was named on the command line.
///
/// Linear in the findings: each (code, pointer) key's occurrences are
/// counted in a hash map as the findings go by.
pub fn fingerprints(report: &FileReport, path: &str) -> Vec<String> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let occurrence = next_occurrence(&mut seen, (d.code, d.pointer.as_str()));
            fingerprint(d.code, path, &d.pointer, occurrence)
        })
        .collect()
}

/// One fingerprint per cross-file finding, in order: the same recipe, keyed
/// on the place the finding is about (`site`), whose path `key_of` turns
/// into its root-relative name. Two findings of one rule at one place are
/// told apart by their order, which is stable: the findings are sorted by
/// path, position, code and message.
pub fn cross_file_fingerprints(
    findings: &[CrossFileFinding],
    mut key_of: impl FnMut(&str) -> String,
) -> Vec<String> {
    // Findings of one file come together: its key is worked out once.
    let mut last: Option<(&str, String)> = None;
    let mut seen: HashMap<(&str, String, &str), usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let path = match &last {
                Some((display, key)) if *display == &*f.site.path => key.clone(),
                _ => {
                    let key = key_of(&f.site.path);
                    last = Some((&f.site.path, key.clone()));
                    key
                }
            };
            let occurrence =
                next_occurrence(&mut seen, (f.code, path.clone(), &*f.site.at.pointer));
            fingerprint(f.code, &path, &f.site.at.pointer, occurrence)
        })
        .collect()
}

/// How many times `key` was seen before, counting this time.
fn next_occurrence<K: std::hash::Hash + Eq>(seen: &mut HashMap<K, usize>, key: K) -> usize {
    let count = seen.entry(key).or_insert(0);
    let occurrence = *count;
    *count += 1;
    occurrence
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
    fn occurrences_count_each_key_separately() {
        let mut seen = HashMap::new();
        let keys = [
            ("S005", "/a"),
            ("S005", "/b"),
            ("S005", "/a"),
            ("M007", "/a"),
            ("S005", "/a"),
        ];
        let occurrences: Vec<usize> = keys
            .iter()
            .map(|k| next_occurrence(&mut seen, *k))
            .collect();
        assert_eq!(occurrences, [0, 0, 1, 0, 2]);
    }

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
