//! One driver for every command, facts before policy, findings with their
//! CMS consequence: the cases a new user met before the engine existed.

use std::fs;

use assert_cmd::Command;
use serde_json::Value;

fn pilint(args: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

fn json(args: &[&str]) -> Value {
    let (out, _) = pilint(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
}

const VALID: &str = "fixtures/valid/group-2025.json";
const NO_CEHRT: &str = "fixtures/invalid/pi-set-missing-cehrt-id.json";

fn codes(document: &Value) -> Vec<String> {
    let mut codes: Vec<String> = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .chain(
            document["crossFile"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        )
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    codes.sort();
    codes
}

#[test]
fn a_display_setting_never_changes_the_analysis() {
    let all = json(&["check", "--isolated", "--format", "json", VALID, NO_CEHRT]);
    let without_s = json(&[
        "check",
        "--isolated",
        "--format",
        "json",
        "--ignore",
        "S",
        VALID,
        NO_CEHRT,
    ]);
    // The schema's S001 stood for the semantic C001: ignoring S shows it.
    assert_eq!(codes(&all), ["S001", "X001"]);
    assert_eq!(codes(&without_s), ["C001", "X001"]);
    // The cross-file findings and the scores are the same either way.
    assert_eq!(all["crossFile"], without_s["crossFile"]);
    for (a, b) in all["files"]
        .as_array()
        .unwrap()
        .iter()
        .zip(without_s["files"].as_array().unwrap())
    {
        assert_eq!(a["score"], b["score"]);
    }
    assert_eq!(
        all["summary"]["consequences"],
        without_s["summary"]["consequences"]
    );
}

#[test]
fn every_command_honours_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(VALID, dir.path().join("group.json")).unwrap();
    fs::copy(VALID, dir.path().join("skipped.json")).unwrap();
    fs::write(
        dir.path().join("pilint.toml"),
        "year = 2024\nexclude = [\"skipped.json\"]\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();

    let check = json(&["check", "--format", "json", path]);
    let score = json(&["score", "--format", "json", path]);
    let rollup = json(&["rollup", "--format", "json", path]);
    assert_eq!(check["files"].as_array().unwrap().len(), 1);
    assert_eq!(score["files"].as_array().unwrap().len(), 1);
    // The year pilint.toml names is the year every command applies.
    assert_eq!(score["files"][0]["performanceYear"], 2024);
    assert_eq!(score["entities"][0]["performanceYear"], 2024);
    let rollup_text = rollup.to_string();
    assert!(rollup_text.contains("2024"), "{rollup_text}");
    assert!(!rollup_text.contains("skipped.json"), "{rollup_text}");
    // `--isolated` turns the file off for `score` as for `check`.
    let isolated = json(&["score", "--isolated", "--format", "json", path]);
    assert_eq!(isolated["files"].as_array().unwrap().len(), 2);
    assert_eq!(isolated["files"][0]["performanceYear"], 2025);
}

#[test]
fn a_file_cms_refuses_has_no_score_and_says_why() {
    let document = json(&[
        "check",
        "--isolated",
        "--format",
        "json",
        "fixtures/invalid/program-name-not-allowed.json",
    ]);
    let file = &document["files"][0];
    assert_eq!(file["diagnostics"][0]["code"], "I007");
    assert_eq!(file["diagnostics"][0]["consequence"], "rejected");
    assert_eq!(file["score"]["total"], Value::Null);
    assert_eq!(document["summary"]["consequences"]["rejected"], 1);
    let score = json(&[
        "score",
        "--isolated",
        "--format",
        "json",
        "fixtures/invalid/program-name-not-allowed.json",
    ]);
    let reason = &score["files"][0]["score"]["noScoreReasons"][0];
    assert_eq!(reason["code"], "SUBMISSION_REJECTED");
    assert_eq!(reason["rule"], "I007");
}

#[test]
fn fail_on_a_consequence_fails_ci_only_on_what_cms_would_do() {
    // A lower-case CEHRT ID is a warning CMS does not act on; a dashed TIN
    // makes CMS refuse the file; numerator 0 scores the category 0.
    let lower = "fixtures/invalid/cehrt-id-lowercase.json";
    let refused = "fixtures/invalid/tin-with-dash.json";
    let zero = "fixtures/invalid/numerator-zero.json";
    let code = |args: &[&str]| pilint(args).1;
    assert_eq!(
        code(&["check", "--isolated", "--fail-on", "points", lower]),
        0
    );
    assert_eq!(
        code(&["check", "--isolated", "--fail-on", "rejected", zero]),
        0
    );
    assert_eq!(code(&["check", "--isolated", "--fail-on", "zero", zero]), 1);
    assert_eq!(
        code(&["check", "--isolated", "--fail-on", "rejected", refused]),
        1
    );
}

#[test]
fn the_full_format_says_what_cms_does() {
    let (out, _) = pilint(&[
        "check",
        "--isolated",
        "--color",
        "never",
        "fixtures/invalid/tin-with-dash.json",
        "fixtures/invalid/numerator-zero.json",
        "fixtures/invalid/cehrt-id-lowercase.json",
    ]);
    assert!(out.contains("= effect: CMS refuses this file"), "{out}");
    assert!(out.contains("= effect: CMS accepts this file and scores the PI category 0"));
    assert!(out.contains("= effect: none at CMS"));
    assert!(
        out.contains("At CMS: 1 refused, 1 scoring 0, 1 ready."),
        "{out}"
    );
}

#[test]
fn conflicting_values_in_2023_score_the_entity_zero() {
    let score = json(&[
        "score",
        "--isolated",
        "--format",
        "json",
        "fixtures/crossfile/conflicting-2023",
    ]);
    let entity = &score["entities"][0];
    assert_eq!(entity["performanceYear"], 2023);
    assert_eq!(entity["total"], 0);
    assert_eq!(entity["zeroedByConflict"], true);
    assert_eq!(entity["rule"], "X002");
    // Each file alone would score; the entity earns nothing: exit 1.
    assert_eq!(score["files"][0]["score"]["total"], 91);
    assert_eq!(
        pilint(&["score", "--isolated", "fixtures/crossfile/conflicting-2023"]).1,
        1
    );
    let (table, _) = pilint(&[
        "score",
        "--isolated",
        "--color",
        "never",
        "fixtures/crossfile/conflicting-2023",
    ]);
    assert!(
        table.contains("predicted PI score 0/100 (conflicting values"),
        "{table}"
    );
}

#[test]
fn masking_follows_fields_not_look_alike_values() {
    // A QRDA III file whose TIN is `MIPS_APM`, the letters of its program
    // name: only the TIN is masked.
    let text = fs::read_to_string("fixtures/valid/qrda3/group-2025.xml").unwrap();
    let tin = "root=\"2.16.840.1.113883.4.2\" extension=\"";
    let at = text.find(tin).unwrap() + tin.len();
    let end = at + text[at..].find('"').unwrap();
    let hostile = format!("{}MIPS_APM{}", &text[..at], &text[end..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mips-apm.xml");
    fs::write(&path, &hostile).unwrap();
    let (out, _) = pilint(&[
        "check",
        "--isolated",
        "--color",
        "never",
        path.to_str().unwrap(),
    ]);
    assert!(out.contains("the TIN `****_APM`"), "{out}");
    assert!(!out.contains("MIPS_APM` is not"), "{out}");
    // The frame masks the TIN's field and nothing else.
    let frames_masked = out
        .lines()
        .filter(|l| l.contains("extension=\"****_APM\""))
        .count();
    assert_eq!(frames_masked, 1, "{out}");
}

#[test]
fn a_cross_file_zero_counts_its_files_as_scoring_zero() {
    let document = json(&[
        "check",
        "--isolated",
        "--format",
        "json",
        "fixtures/crossfile/conflicting-2023",
    ]);
    // Each file alone is ready; their conflict (X002, 2023) scores both 0.
    assert_eq!(document["summary"]["consequences"]["zero"], 2);
    assert_eq!(document["summary"]["consequences"]["ready"], 0);
}

/// A finding about several files is the same type as a file's finding:
/// its labels name their files, and every format writes both through the
/// renderer's one `finding` method, so a cross-file finding in a format
/// looks like a file finding of that format at the place it is about.
#[test]
fn file_and_cross_file_findings_are_one_type_with_labels_in_several_files() {
    use pilint::diagnostic::{Diagnostic, Place};
    use pilint::lint::{LintOptions, lint_source};
    use pilint::render::{Origin, Renderer};
    use pilint::source::SourceFile;

    let text = fs::read_to_string("fixtures/valid/group-2025.json").unwrap();
    let reports: Vec<_> = ["a.json", "b.json"]
        .into_iter()
        .map(|name| {
            lint_source(
                SourceFile::from_text(name, text.clone()),
                &LintOptions::default(),
            )
        })
        .collect();
    let cross = pilint::engine::cross_file_of_reports(&reports, None);
    let finding: &Diagnostic = &cross.findings[0];
    assert_eq!(finding.code, "X001");
    let files: Vec<&str> = finding
        .labels()
        .map(|label| match &label.place {
            Place::Site(site) => &*site.path,
            Place::Here { .. } => panic!("a cross-file label names its file"),
        })
        .collect();
    assert_eq!(files, ["b.json", "a.json"], "labels in two files");
    assert_eq!(finding.subject.as_ref().unwrap().year, 2025);

    // The same finding, made about one file: the concise line is the one
    // the cross-file finding gets at that place.
    let site = finding.primary.site().unwrap();
    let mut as_file_finding = finding.clone();
    as_file_finding.primary.place = Place::Here {
        span: Some(pilint::source::Span::new(
            reports[1]
                .source
                .text
                .find("{\n      \"category\"")
                .unwrap(),
            reports[1]
                .source
                .text
                .find("{\n      \"category\"")
                .unwrap()
                + 1,
        )),
        pointer: site.at.pointer.to_string(),
    };
    let mut concise = pilint::render::concise::Concise::new(true);
    let (mut from_run, mut from_file) = (Vec::new(), Vec::new());
    concise
        .finding(Origin::Run, finding, &mut from_run)
        .unwrap();
    concise
        .finding(Origin::File(&reports[1]), &as_file_finding, &mut from_file)
        .unwrap();
    assert_eq!(
        String::from_utf8(from_run).unwrap(),
        String::from_utf8(from_file).unwrap()
    );
}

/// `pilint rollup` computes nothing in the binary: the engine reads the
/// participant list, rolls up the run's entities and masks the result
/// once, from the run's settings, for every format alike.
#[test]
fn the_engine_rolls_up_and_masks_what_the_binary_renders() {
    use pilint::engine::{CrossFileMode, Engine, EngineOptions, RunOptions, load_participants};
    use pilint::settings::{CliSettings, ConfigSource};

    let dir = std::path::Path::new("fixtures/crossfile/aco-2025");
    let rollup = |show_identifiers: bool| {
        let participants =
            load_participants(&dir.join("participants.csv"), show_identifiers).unwrap();
        let engine = Engine::new(EngineOptions {
            paths: vec![dir.to_path_buf()],
            config: ConfigSource::Isolated,
            cli: CliSettings {
                show_identifiers,
                ..CliSettings::default()
            },
            ..EngineOptions::default()
        })
        .unwrap();
        let (_, outcome) = engine.run_collect(RunOptions {
            cross_file: CrossFileMode::OutcomesOnly,
            source_shown: false,
        });
        engine.rollup(&outcome, Some(&participants))
    };
    let shown = rollup(true);
    let masked = rollup(false);
    assert!(!shown.is_empty() && !shown[0].rows.is_empty());
    assert_eq!(shown.len(), masked.len());
    for (shown, masked) in shown.iter().zip(&masked) {
        // The same arithmetic whichever way it is shown.
        assert_eq!(shown.score, masked.score);
        assert_eq!(shown.counted, masked.counted);
        for (shown, masked) in shown.rows.iter().zip(&masked.rows) {
            assert!(
                shown.tin.chars().all(|c| c.is_ascii_digit()),
                "{}",
                shown.tin
            );
            assert_ne!(shown.tin, masked.tin);
            assert!(masked.tin.starts_with('*'), "{}", masked.tin);
            assert!(masked.tin.ends_with(&shown.tin[shown.tin.len() - 4..]));
        }
    }
}
