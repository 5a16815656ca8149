//! Stable identities for findings, for SARIF `partialFingerprints` and
//! GitLab Code Quality `fingerprint`.
//!
//! A finding is identified by its rule code, its file's path and its JSON
//! Pointer (or XPath), never by its line: moving a value to another line,
//! or editing another part of the file, keeps the identity, so code
//! scanning does not report a fixed-and-reintroduced finding. Two findings
//! of one rule at one pointer are told apart by their order.

use crate::fast_hash::FastMap;

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::project_root::{Located, Locator};
use crate::render::Origin;
use crate::render::position::primary;

/// Gives each finding its fingerprint, in output order, whether about one
/// file or several. A finding's file is the one its primary label names,
/// by its name relative to the project root
/// ([`crate::project_root::Located::key`]), so the fingerprint does not
/// depend on how the file was named on the command line.
///
/// Linear in the findings: findings of one file come together (a file's
/// report, then the cross-file findings sorted by path), so each file's
/// key is worked out once and the occurrences of each (code, pointer) are
/// counted in a map emptied when the file changes.
#[derive(Default)]
pub struct Fingerprints {
    /// The file whose findings go by: its displayed name and where it is.
    file: Option<(String, Located)>,
    /// Per code, per pointer: the findings seen so far in the file.
    seen: FastMap<&'static str, FastMap<Box<str>, usize>>,
}

impl Fingerprints {
    /// The fingerprint of the next finding, shown from `origin`.
    pub fn next(&mut self, locator: &mut Locator, origin: Origin<'_>, d: &Diagnostic) -> String {
        let place = primary(origin, d);
        if self
            .file
            .as_ref()
            .is_none_or(|(shown, _)| shown != place.path)
        {
            self.file = Some((place.path.to_owned(), locator.locate(place.path)));
            self.seen.clear();
        }
        let path = self.file.as_ref().map_or("", |(_, located)| located.key());
        let of_code = self.seen.entry(d.code).or_default();
        let occurrence = match of_code.get_mut(place.pointer) {
            Some(count) => {
                *count += 1;
                *count - 1
            }
            None => {
                of_code.insert(place.pointer.into(), 1);
                0
            }
        };
        fingerprint(d.code, path, place.pointer, occurrence)
    }

    /// Where the file of the last finding is (its fingerprint's path).
    pub fn located(&self) -> Option<&Located> {
        self.file.as_ref().map(|(_, located)| located)
    }
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
    fn occurrences_count_each_code_and_pointer_of_a_file_separately() {
        let report = crate::lint::lint_source(
            crate::source::SourceFile::from_text("a.json", "{}"),
            &crate::lint::LintOptions::default(),
        );
        let rule = crate::rules::registry::find_code("S005").unwrap();
        let at = |pointer: &str| Diagnostic::new(rule, None, pointer, "m");
        let mut other = at("/a");
        other.code = "M007";
        let findings = [at("/a"), at("/b"), at("/a"), other, at("/a")];
        let mut locator = Locator::new(crate::project_root::ProjectRoot::at("/r", "/r"));
        let mut prints = Fingerprints::default();
        let got: Vec<String> = findings
            .iter()
            .map(|d| prints.next(&mut locator, Origin::File(&report), d))
            .collect();
        let key = locator.locate("a.json").key().to_owned();
        let expected = [
            ("S005", "/a", 0),
            ("S005", "/b", 0),
            ("S005", "/a", 1),
            ("M007", "/a", 0),
            ("S005", "/a", 2),
        ]
        .map(|(code, pointer, n)| fingerprint(code, &key, pointer, n));
        assert_eq!(got, expected);
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
