//! The engine computes facts before policy, and the score and the rules
//! tell one story:
//!
//! - ignoring a rule family removes that family's findings and nothing
//!   else: every score, every consequence, every cross-file finding stays
//!   (only a semantic finding that a hidden structural one stood for may
//!   appear in its place);
//! - a file with a `rejected` finding has no predicted score; every zero
//!   reason names a `zero` finding of the set it is about, and every `zero`
//!   finding is behind a zero reason of some set.

use std::path::{Path, PathBuf};

use pilint::engine::{CrossFileMode, Engine, EngineOptions, RunOptions};
use pilint::lint::{FileReport, LintOptions, lint_source};
use pilint::rules::{Consequence, Kind};
use pilint::score::SetResult;
use pilint::select::parse_all;
use pilint::settings::{CliSettings, ConfigSource};
use pilint::source::SourceFile;

/// Every run the fixtures make: each cross-file directory as one run, the
/// other directories file by file's directory.
fn runs() -> Vec<PathBuf> {
    let mut runs: Vec<PathBuf> = [
        "fixtures/crossfile/aco-2025",
        "fixtures/crossfile/conflicting-2023",
        "fixtures/crossfile/conflicting-2024",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    // Two directories together: files of one entity in different trees.
    runs.push(PathBuf::from("fixtures"));
    runs
}

fn run(path: &Path, ignore: &[String]) -> (Vec<FileReport>, pilint::engine::RunOutcome) {
    let engine = Engine::new(EngineOptions {
        paths: vec![path.to_path_buf()],
        config: ConfigSource::Isolated,
        cli: CliSettings {
            ignore: parse_all(ignore).expect("valid selectors"),
            ..CliSettings::default()
        },
        ..EngineOptions::default()
    })
    .expect("no configuration");
    engine.run_collect(RunOptions {
        cross_file: CrossFileMode::Findings,
        source_shown: false,
    })
}

type Key = (String, &'static str, Option<(usize, usize)>, String);

fn keys(report: &FileReport) -> Vec<Key> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                report.path().to_owned(),
                d.code,
                d.span().map(|s| (s.start(), s.end())),
                d.pointer().to_owned(),
            )
        })
        .collect()
}

const FAMILIES: &[&str] = &["F", "S", "Y", "P", "A", "M", "R", "E", "C", "I", "Q", "X"];

#[test]
fn ignoring_a_family_changes_nothing_but_its_findings() {
    for path in runs() {
        let (all, all_outcome) = run(&path, &[]);
        for family in FAMILIES {
            let (some, outcome) = run(&path, &[family.to_string()]);
            assert_eq!(all.len(), some.len(), "{path:?} --ignore {family}");
            for (a, b) in all.iter().zip(&some) {
                assert_eq!(
                    a.score,
                    b.score,
                    "{}: --ignore {family} changed the score",
                    a.path()
                );
                assert_eq!(a.consequence, b.consequence, "{}: consequence", a.path());
                let before = keys(a);
                let after = keys(b);
                // Every finding outside the family stays.
                for key in &before {
                    if !key.1.starts_with(family) {
                        assert!(
                            after.contains(key),
                            "{}: --ignore {family} dropped {key:?}",
                            a.path()
                        );
                    }
                }
                // What appears is a semantic finding a hidden structural
                // finding of the family stood for, at the same place.
                for key in &after {
                    assert!(!key.1.starts_with(family), "{key:?} shown though ignored");
                    if !before.contains(key) {
                        let stood_for = a.diagnostics.iter().any(|d| {
                            d.code.starts_with(family)
                                && d.family.kind() == Kind::Structural
                                && d.span().map(|s| (s.start(), s.end())) == key.2
                                && d.pointer() == key.3
                        });
                        // The facts report had it before policy hid it.
                        assert!(stood_for, "{}: --ignore {family} added {key:?}", a.path());
                    }
                }
            }
            let cross = |o: &pilint::engine::RunOutcome| -> Vec<(String, &'static str, String)> {
                o.cross
                    .findings
                    .iter()
                    .map(|f| {
                        (
                            f.primary.site().unwrap().path.to_string(),
                            f.code,
                            f.message.clone(),
                        )
                    })
                    .collect()
            };
            let expected: Vec<_> = cross(&all_outcome)
                .into_iter()
                .filter(|f| !f.1.starts_with(family))
                .collect();
            assert_eq!(cross(&outcome), expected, "{path:?} --ignore {family}");
            assert_eq!(
                all_outcome.summary.verdicts, outcome.summary.verdicts,
                "{path:?} --ignore {family}: files by consequence"
            );
            let entities = |o: &pilint::engine::RunOutcome| {
                o.cross
                    .entities()
                    .map(|e| (e.key.to_string(), e.year, e.score))
                    .collect::<Vec<_>>()
            };
            assert_eq!(entities(&all_outcome), entities(&outcome));
        }
    }
}

/// Every fixture file, checked alone (facts: no policy).
fn fixture_reports() -> Vec<FileReport> {
    let mut out = Vec::new();
    for entry in walk(Path::new("fixtures")) {
        let bytes = std::fs::read(&entry).unwrap();
        let source = SourceFile::from_bytes(entry.display().to_string(), bytes);
        out.push(lint_source(source, &LintOptions::default()));
    }
    assert!(out.len() > 80, "the fixtures were found");
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "json" || e == "xml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn a_rejected_finding_means_no_score() {
    for report in fixture_reports() {
        let rejected = report
            .diagnostics
            .iter()
            .find(|d| d.consequence == Consequence::Rejected);
        let total = report.score.as_ref().and_then(|s| s.total());
        if let Some(finding) = rejected {
            assert_eq!(
                total,
                None,
                "{}: CMS refuses it ({}), yet a score is predicted",
                report.path(),
                finding.code
            );
        }
    }
}

#[test]
fn zero_reasons_and_zero_findings_coincide() {
    for report in fixture_reports() {
        let Some(score) = &report.score else { continue };
        let zero_findings: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.consequence == Consequence::Zero)
            .map(|d| d.code)
            .collect();
        let mut named = Vec::new();
        for set in &score.sets {
            if let SetResult::Zero { reasons, .. } = &set.result {
                for reason in reasons {
                    let rule = reason.rule.unwrap_or_else(|| {
                        panic!(
                            "{}: zero reason {} names no rule",
                            report.path(),
                            reason.code
                        )
                    });
                    assert!(
                        zero_findings.contains(&rule),
                        "{}: zero reason {} names {rule}, which made no `zero` finding ({zero_findings:?})",
                        report.path(),
                        reason.code
                    );
                    named.push(rule);
                }
            }
        }
        if report
            .diagnostics
            .iter()
            .any(|d| d.consequence == Consequence::Rejected)
        {
            continue; // refused: no set is scored
        }
        // A finding is behind a reason when the reason names its rule, or
        // names a finding at the same place (the schema's S001 and C001
        // both report a missing CEHRT ID).
        let named_places: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| named.contains(&d.code))
            .map(|d| (d.span(), d.pointer()))
            .collect();
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.consequence == Consequence::Zero)
        {
            assert!(
                named.contains(&d.code) || named_places.contains(&(d.span(), d.pointer())),
                "{}: {} says the category scores 0, but no set's zero reason names it",
                report.path(),
                d.code
            );
        }
    }
}

#[test]
fn every_no_score_reason_of_a_checked_file_names_a_rule() {
    for report in fixture_reports() {
        let Some(score) = &report.score else { continue };
        for reason in score.no_score_reasons() {
            if pilint::score::reasons::rules_of(&reason.code).is_empty()
                && reason.code != pilint::score::reasons::STRUCTURE_INVALID
                && reason.code != pilint::score::reasons::SUBMISSION_REJECTED
            {
                continue; // nothing to submit (no PI set): no rule needed
            }
            assert!(
                reason.rule.is_some(),
                "{}: no-score reason {} names no rule",
                report.path(),
                reason.code
            );
        }
    }
}
