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

/// The semantic rules that list several things record each as an
/// argument, in order: every measure id a required-measure (`R001`) or
/// HIE-option (`R002`) finding quotes, the count of a list of gaps, and the
/// entity type an identifier does not belong to (`I002`). `C001` quotes no
/// value of the file (it names the missing member), so it has none.
#[test]
fn the_listing_semantic_rules_record_every_value_they_quote() {
    use pilint::diagnostic::ArgumentKind;
    let all = findings(true);
    for code in ["R001", "R002", "I002", "C001"] {
        assert!(
            all.iter().any(|d| d.code == code),
            "the fixtures give no {code} finding"
        );
    }
    let mut several = 0;
    for finding in &all {
        // The backquoted words of the message, in order.
        let quoted: Vec<&str> = finding.message.split('`').skip(1).step_by(2).collect();
        let of_kind = |kind: ArgumentKind| -> Vec<&str> {
            finding
                .arguments
                .iter()
                .filter(|a| a.kind == kind)
                .map(|a| a.value.as_str())
                .collect()
        };
        match finding.code {
            "R001" | "R002" => {
                assert_eq!(
                    of_kind(ArgumentKind::Measure),
                    quoted,
                    "{}: {}",
                    finding.code,
                    finding.message
                );
                let counts = of_kind(ArgumentKind::Count);
                if finding.message.contains(" required measures: ") {
                    several += 1;
                    assert_eq!(finding.arguments[0].kind, ArgumentKind::Count);
                    assert!(
                        finding
                            .message
                            .contains(&format!("does not report {} required", counts[0])),
                        "{}",
                        finding.message
                    );
                } else {
                    assert!(counts.is_empty(), "{}", finding.message);
                }
            }
            "I002" => {
                assert_eq!(finding.arguments.len(), 1, "{}", finding.message);
                assert_eq!(
                    of_kind(ArgumentKind::Value),
                    quoted[..1],
                    "{}",
                    finding.message
                );
            }
            "C001" => assert!(finding.arguments.is_empty(), "{}", finding.message),
            _ => {}
        }
    }
    assert!(several > 0, "no R001 finding lists several gaps");
}
