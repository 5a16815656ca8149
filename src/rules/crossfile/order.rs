//! The order of a run's cross-file findings: by path, position, code and
//! message, stably, so output follows the run's (sorted) files whatever
//! order the checks found them in.

use crate::diagnostic::Diagnostic;

/// Sorts by path, position, code and message, stably. The order is found
/// on indices and then applied in place: a stable sort of the findings
/// themselves would take a scratch copy of half of them (megabytes when a
/// run has tens of thousands).
pub fn sort(findings: &mut [Diagnostic]) {
    fn key(f: &Diagnostic) -> (&str, u32, u32, &str, &str) {
        let site = f.primary.site();
        (
            site.map_or("", |s| &s.path),
            site.map_or(0, |s| s.at.line),
            site.map_or(0, |s| s.at.column),
            f.code,
            &f.message,
        )
    }
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| key(&findings[a]).cmp(&key(&findings[b])));
    // `order[i]` is the finding that belongs at `i`. Each cycle of the
    // permutation is walked once, marking done places with `usize::MAX`.
    for start in 0..order.len() {
        if order[start] == usize::MAX {
            continue;
        }
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = usize::MAX;
            if from == start {
                break;
            }
            findings.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Site, Subject};
    use crate::entities::facts::Position;
    use crate::rules::crossfile::DUPLICATE_SUBMISSION;

    fn finding(path: &str, line: u32, code: &'static str, message: &str, tag: &str) -> Diagnostic {
        let site = |path: &str| Site {
            path: path.into(),
            at: Position {
                line,
                column: 1,
                end_line: line,
                end_column: 2,
                pointer: "/measurementSets/0".into(),
            },
            format: crate::model::SourceFormat::Json,
        };
        let subject = Subject {
            entity: String::new(),
            year: 2025,
        };
        let mut finding =
            Diagnostic::across_files(&DUPLICATE_SUBMISSION, subject, site(path), message)
                .with_related_site(site("other.json"), tag);
        finding.code = code;
        finding
    }

    #[test]
    fn the_in_place_sort_is_the_stable_sort() {
        // Equal keys (path, line, code, message) told apart by `related`,
        // in an order no sort would leave alone, with cycles of several
        // lengths.
        let mut findings = Vec::new();
        for i in 0..300u32 {
            let path = ["b.json", "a.json", "c.xml"][(i * 7 % 3) as usize];
            let code = ["X004", "X001"][(i % 2) as usize];
            let message = ["m2", "m1"][(i / 2 % 2) as usize];
            findings.push(finding(path, i * 13 % 5 + 1, code, message, &i.to_string()));
        }
        let mut expected = findings.clone();
        let at = |f: &Diagnostic| {
            let site = f.primary.site().unwrap();
            (site.path.clone(), site.at.line, site.at.column)
        };
        expected.sort_by(|a, b| {
            at(a)
                .cmp(&at(b))
                .then_with(|| a.code.cmp(b.code))
                .then_with(|| a.message.cmp(&b.message))
        });
        sort(&mut findings);
        assert_eq!(findings, expected);
        assert_ne!(findings[0], findings[1], "the order is not trivial");
    }
}
