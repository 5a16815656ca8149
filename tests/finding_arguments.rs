//! Findings carry data: every value a finding records as an argument is
//! quoted in its message, in order, exactly as the message shows it, and
//! masking hides the identifier arguments in the message and in the data
//! alike. Over every fixture run (file and cross-file findings).

use std::path::PathBuf;

use pilint::diagnostic::Diagnostic;
use pilint::engine::{CrossFileMode, Engine, EngineOptions, RunOptions};
use pilint::settings::{CliSettings, ConfigSource};

fn findings(show_identifiers: bool) -> Vec<Diagnostic> {
    let engine = Engine::new(EngineOptions {
        paths: vec![PathBuf::from("fixtures")],
        config: ConfigSource::Isolated,
        cli: CliSettings {
            show_identifiers,
            ..CliSettings::default()
        },
        ..EngineOptions::default()
    })
    .expect("no configuration");
    let (reports, outcome) = engine.run_collect(RunOptions {
        cross_file: CrossFileMode::Findings,
        source_shown: false,
    });
    reports
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .chain(outcome.cross.findings)
        .collect()
}

#[test]
fn every_argument_is_quoted_in_its_message_in_order() {
    let all = findings(true);
    let with_arguments = all.iter().filter(|d| !d.arguments.is_empty()).count();
    assert!(
        with_arguments > 20,
        "only {with_arguments} findings have arguments"
    );
    let mut codes: Vec<&str> = all
        .iter()
        .filter(|d| !d.arguments.is_empty())
        .map(|d| d.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    for needed in [
        "S005", "I004", "A002", "M002", "P003", "X001", "X002", "X004",
    ] {
        assert!(
            codes.contains(&needed),
            "{needed} records no argument: {codes:?}"
        );
    }
    for finding in &all {
        let mut rest = finding.message.as_str();
        for argument in &finding.arguments {
            let Some(at) = rest.find(&argument.value) else {
                panic!(
                    "{}: argument {:?} not in the rest of {:?}",
                    finding.code, argument, finding.message
                );
            };
            rest = &rest[at + argument.value.len()..];
        }
    }
}

#[test]
fn masking_hides_identifier_arguments_in_message_and_data() {
    let shown = findings(true);
    let masked = findings(false);
    assert_eq!(shown.len(), masked.len());
    let mut identifiers = 0;
    for (clear, hidden) in shown.iter().zip(&masked) {
        for (a, b) in clear.arguments.iter().zip(&hidden.arguments) {
            assert_eq!(a.kind, b.kind);
            if a.kind.is_identifier() && a.value.chars().count() > 4 {
                identifiers += 1;
                assert_ne!(a.value, b.value, "{}: {} shown", clear.code, a.value);
                assert!(!hidden.message.contains(&a.value), "{}", hidden.message);
                assert!(hidden.message.contains(&b.value), "{}", hidden.message);
            } else {
                assert_eq!(a.value, b.value);
            }
        }
    }
    assert!(identifiers > 5, "only {identifiers} identifiers checked");
}
