//! Rules: the registry table and each family's rules.

pub(crate) mod crossfile;
pub(crate) mod examples;
pub(crate) mod file;
pub(crate) mod qrda;
pub mod registry;
pub(crate) mod schema;
pub mod semantic;
pub mod url;

pub use crate::rule::{Consequence, Consequences, Family, Kind};

/// Runs a rule's documentation examples through the whole check of one
/// file, for the unit tests in each rule's file.
#[cfg(test)]
pub(crate) mod testing {
    use crate::rule::{Example, ExampleFormat, RuleMeta};
    use crate::source::SourceFile;

    /// One finding of the rule under test, with the text its span covers.
    #[derive(Debug)]
    pub struct Found {
        /// The source text under the finding's span.
        pub at: String,
        pub message: String,
    }

    /// The findings of `rule` (and no other) that checking `example` makes,
    /// before any setting (so a finding another one repeats is kept).
    pub fn findings(rule: &RuleMeta, example: &Example) -> Vec<Found> {
        let name = match example.format {
            ExampleFormat::Xml => "example.xml",
            ExampleFormat::Json | ExampleFormat::Prose => "example.json",
        };
        let source = SourceFile::from_text(name, example.text);
        of_rule(
            rule,
            &crate::lint::lint_source(source, &crate::lint::LintOptions::default()),
        )
    }

    /// The findings of `rule` in `report`.
    pub fn of_rule(rule: &RuleMeta, report: &crate::lint::FileReport) -> Vec<Found> {
        let text = &report.source.text;
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == rule.code)
            .map(|d| Found {
                at: d
                    .span()
                    .map(|s| text[s.range()].to_owned())
                    .unwrap_or_default(),
                message: d.message.clone(),
            })
            .collect()
    }

    /// A path under the crate's `fixtures/`.
    pub fn fixture(path: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(path)
    }

    /// The findings of `rule` in the fixture at `path` (under `fixtures/`),
    /// for a rule whose invalid example is prose naming that fixture.
    pub fn fixture_findings(rule: &RuleMeta, path: &str) -> Vec<Found> {
        let input = crate::discover::Input::file(fixture(path), path);
        of_rule(
            rule,
            &crate::lint::lint_input(&input, &crate::lint::LintOptions::default()),
        )
    }

    /// The messages of `rule`'s cross-file findings in a run over the
    /// fixture directory `dir` (under `fixtures/`), with no configuration.
    pub fn crossfile_messages(rule: &RuleMeta, dir: &str) -> Vec<String> {
        use crate::engine::{CrossFileMode, Engine, EngineOptions, RunOptions};
        let engine = Engine::new(EngineOptions {
            paths: vec![fixture(dir)],
            config: crate::settings::ConfigSource::Isolated,
            ..EngineOptions::default()
        })
        .expect("no configuration to fail");
        let options = RunOptions {
            cross_file: CrossFileMode::Findings,
            source_shown: false,
        };
        let outcome = engine
            .run(options, |_| Ok::<(), std::convert::Infallible>(()))
            .unwrap_or_else(|never| match never {});
        outcome
            .cross
            .findings
            .iter()
            .filter(|f| f.code == rule.code)
            .map(|f| f.message.clone())
            .collect()
    }

    /// The invalid example gives `rule`'s finding, the first one over text
    /// starting with `at`; the valid example gives none.
    pub fn assert_examples(rule: &RuleMeta, at: &str) {
        let found = findings(rule, &rule.invalid);
        assert!(
            !found.is_empty(),
            "{}: the invalid example gives no finding",
            rule.code
        );
        assert!(
            found[0].at.starts_with(at),
            "{}: found at {:?}, expected {at:?} ({})",
            rule.code,
            found[0].at,
            found[0].message
        );
        assert!(
            findings(rule, &rule.valid).is_empty(),
            "{}: the valid example gives a finding",
            rule.code
        );
    }
}
