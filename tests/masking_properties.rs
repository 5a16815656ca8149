//! Property: no identifier of the input appears unmasked in any output of
//! any format, whatever characters surround it. Random TINs (nine digits
//! wrapped in tabs, line breaks, dashes, full-width digits, quotes,
//! escapes, bidirectional overrides…) are written into QPP JSON and
//! QRDA III files, two files of one entity so that cross-file findings quote
//! it too; one run of the engine, as `pilint check` makes it with frames
//! shown, feeds every check format, the score table and JSON and every
//! roll-up format. Only the last four characters of an identifier may ever
//! be shown, so the first five of its digits must appear nowhere.
//! (`tests/hostile_identifiers.rs` walks the command line with fixed cases.)

use std::path::{Path, PathBuf};

use pilint::diagnostic::Severity;
use pilint::engine::{CrossFileMode, Engine, EngineOptions, RunOptions};
use pilint::project_root::ProjectRoot;
use pilint::render::{self, Renderer};
use pilint::score::Framework;
use pilint::settings::ConfigSource;
use proptest::prelude::*;

const JSON: &str = "fixtures/valid/group-2025.json";
const XML: &str = "fixtures/valid/qrda3/group-2025.xml";
const JSON_TIN: &str = "\"000123456\"";
const XML_TIN: &str = "extension=\"000123456\"";

/// What may surround the digits of a TIN pasted from anywhere.
fn decoration() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            '\t',
            '\r',
            '\n',
            '-',
            ' ',
            '\u{ff11}',
            'a',
            'Z',
            '&',
            '<',
            '"',
            '\'',
            '\\',
            '\u{202e}',
            '\u{1b}',
            '\u{85}',
            'é',
            '\u{1f600}',
        ]),
        0..4,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// A TIN: decorations around nine digits starting with 7, and its secret
/// (the first five digits, always followed by four more characters).
fn tin() -> impl Strategy<Value = (String, String)> {
    (decoration(), "7[0-9]{8}", decoration()).prop_map(|(before, digits, after)| {
        (format!("{before}{digits}{after}"), digits[..5].to_owned())
    })
}

/// `value` as an XML attribute value: markup escaped, and line breaks and
/// tabs as character references or raw.
fn xml_attribute(value: &str, references: bool) -> String {
    let mut out = String::new();
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\r' | '\n' if references => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

fn write_files(dir: &Path, tin: &str, references: bool) {
    let json = std::fs::read_to_string(JSON).unwrap();
    let json = json.replacen(JSON_TIN, &serde_json::to_string(tin).unwrap(), 1);
    std::fs::write(dir.join("a.json"), &json).unwrap();
    std::fs::write(dir.join("b.json"), &json).unwrap();
    let xml = std::fs::read_to_string(XML).unwrap();
    let xml = xml.replacen(
        XML_TIN,
        &format!("extension=\"{}\"", xml_attribute(tin, references)),
        1,
    );
    std::fs::write(dir.join("c.xml"), xml).unwrap();
}

/// Every output of `check` (each format), `score` and `rollup` over `dir`.
fn every_output(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let paths = vec![PathBuf::from(dir)];
    let engine = Engine::new(EngineOptions {
        paths: paths.clone(),
        config: ConfigSource::Isolated,
        ..EngineOptions::default()
    })
    .unwrap();
    let root = ProjectRoot::resolve(None, &paths).unwrap();
    let mut renderers: Vec<(&str, Box<dyn Renderer>)> = vec![
        ("full", Box::new(render::full::Full::new(false, true))),
        ("concise", Box::new(render::concise::Concise::new(false))),
        ("json", Box::new(render::json::Json::new(true))),
        ("json-lines", Box::new(render::json_lines::JsonLines::new())),
        (
            "sarif",
            Box::new(render::sarif::Sarif::with_root(root.clone())),
        ),
        ("github", Box::new(render::github::Github::new(None))),
        ("gitlab", Box::new(render::gitlab::Gitlab::with_root(root))),
        (
            "junit",
            Box::new(render::junit::Junit::new(Severity::Error)),
        ),
        ("csv", Box::new(render::csv::Csv::new())),
        ("html", Box::new(render::html::Html::new(true))),
    ];
    let mut outs: Vec<Vec<u8>> = vec![Vec::new(); renderers.len()];
    let mut score_table = render::score_table::ScoreTable::new(Framework::Mips, false);
    let mut score_json = render::score_json::ScoreJson::new(Framework::Mips);
    let (mut table_out, mut json_out) = (Vec::new(), Vec::new());
    let outcome = engine
        .run(
            RunOptions {
                cross_file: CrossFileMode::Findings,
                source_shown: true,
            },
            |report| {
                for ((_, renderer), out) in renderers.iter_mut().zip(outs.iter_mut()) {
                    renderer.file(&report, out)?;
                }
                score_table.file(&report, &mut table_out)?;
                score_json.file(&report, &mut json_out)
            },
        )
        .unwrap();
    for ((_, renderer), out) in renderers.iter_mut().zip(outs.iter_mut()) {
        renderer.overview(&outcome.overview);
        renderer.cross_file(&outcome.cross.findings, out).unwrap();
        renderer.finish(&outcome.summary, out).unwrap();
    }
    let entities: Vec<_> = outcome.cross.entities().collect();
    score_table.finish(&entities, &mut table_out).unwrap();
    score_json.finish(&entities, &mut json_out).unwrap();
    let rollups = engine.rollup(&outcome, None);
    let mut all: Vec<(String, Vec<u8>)> = renderers
        .iter()
        .map(|(name, _)| format!("check {name}"))
        .zip(outs)
        .collect();
    all.push(("score full".to_owned(), table_out));
    all.push(("score json".to_owned(), json_out));
    all.push((
        "rollup full".to_owned(),
        render::rollup_table::render(&rollups, false),
    ));
    all.push((
        "rollup json".to_owned(),
        render::rollup_json::render(&rollups, false),
    ));
    all.push((
        "rollup csv".to_owned(),
        render::rollup_csv::render(&rollups),
    ));
    all.push((
        "rollup html".to_owned(),
        render::html::rollup(&rollups, false),
    ));
    all
}

/// A finding's fingerprint (SARIF `partialFingerprints`, GitLab's
/// `fingerprint`) hashes its rule, path and pointer, never an identifier,
/// yet its 32 hex digits can spell any short run of a TIN's digits: the
/// search for the identifier skips them.
fn without_fingerprints(text: &str) -> std::borrow::Cow<'_, str> {
    static FINGERPRINT: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#""[0-9a-f]{32}""#).unwrap());
    FINGERPRINT.replace_all(text, r#""<fingerprint>""#)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_identifier_appears_unmasked_in_any_output((tin, secret) in tin(), references: bool) {
        let fixtures = std::fs::read_to_string(JSON).unwrap() + &std::fs::read_to_string(XML).unwrap();
        prop_assume!(!fixtures.contains(&secret));
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &tin, references);
        let outputs = every_output(dir.path());
        let full = String::from_utf8_lossy(&outputs[0].1).into_owned();
        // The run made findings about these files; a well-formed TIN also
        // gets X001 (one entity submitted twice), which quotes the entity.
        prop_assert!(full.contains("a.json:"), "{}", full);
        if tin.bytes().all(|b| b.is_ascii_digit()) {
            prop_assert!(full.contains("X001"), "{}", full);
        }
        for (name, bytes) in &outputs {
            let text = String::from_utf8_lossy(bytes);
            let text = without_fingerprints(&text);
            prop_assert!(!text.contains(&secret), "{} shows {:?} of {:?}:\n{}", name, secret, tin, text);
        }
    }
}
