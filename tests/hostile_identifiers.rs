//! No identifier of the input appears unmasked in any output of any
//! command, whatever the identifier looks like: a spreadsheet-pasted TIN
//! with a tab or a line break, a dashed EIN, one too long to quote whole, a
//! character reference, full-width digits, a JSON number, a DTD entity.
//! Masking works on identifier fields and on the identifiers a finding
//! quotes, so the look of a value never decides whether it is hidden.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::FORMATS;

/// What must never be shown of an identifier: everything but its last four
/// characters (the masked form keeps those).
fn secret(identifier: &str) -> String {
    let chars: Vec<char> = identifier.chars().collect();
    chars[..chars.len().saturating_sub(4)].iter().collect()
}

/// QPP JSON files: (file name, TIN as written in JSON, its secret part).
fn json_cases() -> Vec<(&'static str, String, String)> {
    let long = "9".repeat(45) + "1234";
    vec![
        ("tab.json", "\"12345678\\t\"".to_owned(), "12345".to_owned()),
        ("cr.json", "\"12345678\\r\"".to_owned(), "12345".to_owned()),
        ("lf.json", "\"12345678\\n\"".to_owned(), "12345".to_owned()),
        (
            "dashed.json",
            "\"12-3456789\"".to_owned(),
            "12-34".to_owned(),
        ),
        ("number.json", "123456789".to_owned(), "12345".to_owned()),
        (
            "fullwidth.json",
            "\"\u{ff11}\u{ff12}\u{ff13}\u{ff14}\u{ff15}6789\"".to_owned(),
            "\u{ff11}\u{ff12}\u{ff13}".to_owned(),
        ),
        (
            "long.json",
            format!("\"{long}\""),
            secret(&long)[..40].to_owned(),
        ),
    ]
}

/// QRDA III files: (file name, TIN extension as written, its secret part).
fn xml_cases() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("dashed.xml", "12-3456789", "12-34"),
        ("charref.xml", "&#49;23456789", "23456"),
        ("tab.xml", "12345678&#9;", "12345"),
        // A second TIN, whose root is written with a character reference,
        // and another whose value holds a `>`: read as XML reads them.
        (
            "second-root-reference.xml",
            "00-0123456\"/><id root=\"2.16.840.1.113883.4&#46;2\" extension=\"864213579",
            "86421",
        ),
        (
            "second-gt.xml",
            "00-0123456\"/><id root=\"2.16.840.1.113883.4.2\" extension=\"8>642975310",
            "64297",
        ),
    ]
}

fn write_corpus(dir: &Path) -> Vec<String> {
    let valid = std::fs::read_to_string("fixtures/valid/group-2025.json").unwrap();
    let tin_at = valid.find("\"taxpayerIdentificationNumber\"").unwrap();
    let value_start = tin_at + valid[tin_at..].find(':').unwrap() + 1;
    let value_end = value_start + valid[value_start..].find(',').unwrap();
    let mut secrets = Vec::new();
    for (name, written, hidden) in json_cases() {
        let text = format!("{} {written}{}", &valid[..value_start], &valid[value_end..]);
        std::fs::write(dir.join(name), text).unwrap();
        secrets.push(hidden);
    }
    // A duplicate member whose key is spelt with an escape, before the
    // plain one: the model keeps the last, a JSON reader reads both keys
    // the same.
    let escaped = valid.replacen(
        "\"taxpayerIdentificationNumber\"",
        "\"taxpayer\\u0049dentificationNumber\": \"753186420\", \"taxpayerIdentificationNumber\"",
        1,
    );
    std::fs::write(dir.join("escaped-key.json"), escaped).unwrap();
    secrets.push("75318".to_owned());
    let xml = std::fs::read_to_string("fixtures/valid/qrda3/group-2025.xml").unwrap();
    let tin = "root=\"2.16.840.1.113883.4.2\" extension=\"";
    let at = xml.find(tin).unwrap() + tin.len();
    let end = at + xml[at..].find('"').unwrap();
    for (name, written, hidden) in xml_cases() {
        let text = format!("{}{written}{}", &xml[..at], &xml[end..]);
        std::fs::write(dir.join(name), text).unwrap();
        secrets.push(hidden.to_owned());
    }
    // A TIN declared in the DOCTYPE's internal subset and used by
    // reference: the file gets `Q002 doctype-not-allowed`, whose frame
    // shows the declaration; pilint reads nothing a DOCTYPE declares, so
    // the declaration is hidden whole (an NPI in a comment of the subset
    // and a TIN in the system literal as well).
    let prolog_end = xml.find("?>").unwrap() + 2;
    let doctype = "\n<!DOCTYPE ClinicalDocument SYSTEM \"tin-864209753.dtd\" [\n  \
                   <!ENTITY tin \"864209753\">\n  <!-- NPI 5550001234 -->\n]>";
    let text = format!(
        "{}{doctype}{}&tin;{}",
        &xml[..prolog_end],
        &xml[prolog_end..at],
        &xml[end..]
    );
    std::fs::write(dir.join("doctype.xml"), text).unwrap();
    secrets.push("86420".to_owned());
    secrets.push("555000".to_owned());
    // The same in a file named `.json`: a syntax error's frame shows it.
    std::fs::write(
        dir.join("doctype-named.json"),
        "<!DOCTYPE d [<!ENTITY tin \"531864297\">]>\n<d/>\n",
    )
    .unwrap();
    secrets.push("53186".to_owned());
    secrets
}

fn output_of(args: &[&str]) -> String {
    let output = Command::cargo_bin("pilint")
        .unwrap()
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn no_identifier_is_shown_by_any_command_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let secrets = write_corpus(&corpus);
    let path = corpus.to_str().unwrap();
    let mut runs: Vec<(String, String)> = Vec::new();
    for format in FORMATS {
        let args = [
            "check",
            "--isolated",
            "--color",
            "never",
            "--format",
            format,
            path,
        ];
        runs.push((format!("check {format}"), output_of(&args)));
        // The same format written to a file with -o.
        let file = dir.path().join(format!("out.{format}"));
        let file_arg = file.to_str().unwrap();
        output_of(&[
            "check",
            "--isolated",
            "--format",
            format,
            "-o",
            file_arg,
            path,
        ]);
        runs.push((
            format!("check {format} -o"),
            std::fs::read_to_string(&file).unwrap_or_default(),
        ));
    }
    for format in ["full", "json"] {
        runs.push((
            format!("score {format}"),
            output_of(&[
                "score",
                "--isolated",
                "--color",
                "never",
                "--format",
                format,
                path,
            ]),
        ));
    }
    for format in ["full", "json", "csv"] {
        runs.push((
            format!("rollup {format}"),
            output_of(&[
                "rollup",
                "--isolated",
                "--color",
                "never",
                "--format",
                format,
                path,
            ]),
        ));
    }
    // A participant list's errors quote its identifiers on stderr.
    let list = dir.path().join("participants.csv");
    std::fs::write(&list, "tin,npi,status\n87654321,1234567893,required\n").unwrap();
    let participants_error = output_of(&[
        "rollup",
        "--isolated",
        "--participants",
        list.to_str().unwrap(),
        path,
    ]);
    assert!(
        participants_error.contains("line 2"),
        "{participants_error}"
    );
    assert!(!participants_error.contains("8765"), "{participants_error}");
    runs.push((
        "check --statistics".to_owned(),
        output_of(&["check", "--isolated", "--statistics", path]),
    ));
    let mut leaks = Vec::new();
    for (run, out) in &runs {
        assert!(!out.is_empty() || run.contains("-o"), "{run}: no output");
        for hidden in &secrets {
            if out.contains(hidden.as_str()) {
                leaks.push(format!("{run}: shows {hidden:?}"));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
    // The masked forms are there: the findings were made, not dropped.
    let full = &runs[0].1;
    assert!(full.contains("**-***6789"), "{full}");
    // The DOCTYPE's frame is drawn, its declaration hidden.
    assert!(
        full.contains("error[Q002]") && full.contains("<!DOCTYPE ****************"),
        "{full}"
    );
}
