//! The one driver: discover → settings → per-file lint (streamed,
//! parallel) → cross-file → outcome, for `pilint check`, `score`, `rollup`
//! and any other front end (a language server, a report).
//!
//! Facts come before policy. Each file's findings, score and consequence
//! are computed in full ([`crate::lint`]); the cross-file checks read those
//! facts; only then do the file's settings (selection, severity overrides,
//! suppressions, masking: [`crate::settings::FileSettings::apply`]) decide
//! what is shown. A display setting never changes an analysis: ignoring a
//! rule removes that rule's findings and nothing else.
//!
//! The engine never prints; it hands each shown report to the caller, in
//! input order, and returns the run's [`RunOutcome`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::ConfigError;
use crate::crossfile::participants::Participant;
use crate::crossfile::rollup::Rollup;
use crate::crossfile::{Collector, CrossFile, LeftOut, Overview};
use crate::diagnostic::Label;
use crate::discover::{DiscoverError, DiscoverOptions, Input, discover_on_threads};
use crate::lint::{FileReport, LintOptions, lint_input, lint_inputs_each_with};
use crate::outputs_guard::Destination;
// The limits a run applies to what it reads, for front ends and tests.
pub use crate::bounded::{MAX_CONFIG_SIZE, MAX_PARTICIPANTS_SIZE};
pub use crate::read::{DEFAULT_MAX_FILE_SIZE, LARGEST_MAX_FILE_SIZE};
use crate::render::{Summary, Verdict};
use crate::rules::Consequence;
use crate::settings::{CliSettings, ConfigSource, FileSettings, Resolver};

/// What a run is asked to check, and how its configuration is found.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Files and directories; none means the current directory.
    pub paths: Vec<PathBuf>,
    pub discover: DiscoverOptions,
    pub config: ConfigSource,
    /// What the command line says; it wins over `pilint.toml`.
    pub cli: CliSettings,
    /// `--max-file-size`.
    pub max_file_size: u64,
    /// Where the run writes (`-o` files, a redirected standard output):
    /// never over an input ([`crate::outputs_guard`]).
    pub outputs: Vec<Destination>,
    /// `--threads N`: files checked at once; `None`: one per CPU.
    pub threads: Option<u16>,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            paths: Vec::new(),
            discover: DiscoverOptions::default(),
            config: ConfigSource::Discover,
            cli: CliSettings::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            outputs: Vec::new(),
            threads: None,
        }
    }
}

/// What the cross-file stage computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossFileMode {
    /// Findings (rule family `X`) and each entity's outcome (`check`).
    Findings,
    /// Only each entity's outcome: what CMS keeps and whether conflicting
    /// values zero it (`score`, `rollup`).
    OutcomesOnly,
}

/// How one run presents its facts.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    pub cross_file: CrossFileMode,
    /// Whether a renderer draws the files' source text, which must then be
    /// masked as well as the findings.
    pub source_shown: bool,
}

/// The inputs of a run with the settings each one gets.
#[derive(Debug)]
pub struct Engine {
    inputs: Vec<Input>,
    /// Shared between the inputs whose settings are the same (most runs
    /// have one set): 8 bytes an input instead of a copy.
    settings: Vec<Arc<FileSettings>>,
    discovery_errors: Vec<DiscoverError>,
    /// Files left out on purpose, with why (this run's own report).
    discovery_notes: Vec<DiscoverError>,
    /// Why the outputs cannot be written (one would replace an input).
    outputs_refused: Option<String>,
    year_override: Option<i64>,
    /// `--show-identifiers`: a roll-up shows TINs and NPIs unmasked.
    show_identifiers: bool,
    max_file_size: u64,
}

/// Everything a run found beyond the per-file reports handed over.
#[derive(Debug)]
pub struct RunOutcome {
    /// Counts of the shown findings, and of files by their consequence.
    pub summary: Summary,
    /// The cross-file findings the settings of the files they point at
    /// show (masked like any finding), and every entity's outcome.
    pub cross: CrossFile,
    /// The run's overview (files, entities, scores, frequent findings).
    pub overview: Overview,
    /// A file could not be read, or pilint failed on one: exit 2.
    pub any_failed: bool,
    /// Files of repeated entities that changed or vanished before the end
    /// of the run, so were not compared.
    pub left_out: Vec<LeftOut>,
    /// Files with no PI submission that can be grouped by entity and year
    /// (no entity, no year or no PI measurement set).
    pub not_grouped: Vec<String>,
}

impl Engine {
    /// Finds the inputs and the settings of each; an input its
    /// configuration excludes is dropped here. An invalid configuration
    /// file is an error: the run would not check what the user asked.
    pub fn new(options: EngineOptions) -> Result<Engine, ConfigError> {
        // Walking and resolving directories is system calls: a thread per
        // core at most, even when `--threads` asks for more files at once.
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let threads = options.threads.map_or(cores, |t| usize::from(t).min(cores));
        let mut discovery = discover_on_threads(&options.paths, &options.discover, threads);
        let outputs_refused = crate::outputs_guard::guard(
            &options.outputs,
            &options.paths,
            options.discover.follow_links,
            &mut discovery,
        )
        .err();
        let year_override = options.cli.year;
        let show_identifiers = options.cli.show_identifiers;
        let mut resolver = Resolver::new(options.config, options.cli);
        resolver.prepare(&discovery.inputs, threads);
        let mut inputs = Vec::with_capacity(discovery.inputs.len());
        let mut settings: Vec<Arc<FileSettings>> = Vec::with_capacity(discovery.inputs.len());
        // Moved, not copied: two paths per input for the whole run.
        for input in std::mem::take(&mut discovery.inputs) {
            if let Some(found) = resolver.settings(&input)? {
                inputs.push(input);
                let shared = match settings.last() {
                    Some(last) if last.same_as(&found) => Arc::clone(last),
                    _ => Arc::new(found),
                };
                settings.push(shared);
            }
        }
        set_threads(options.threads, inputs.len());
        Ok(Engine {
            inputs,
            settings,
            discovery_errors: discovery.errors,
            discovery_notes: discovery.notes,
            outputs_refused,
            year_override,
            show_identifiers,
            max_file_size: options.max_file_size.min(LARGEST_MAX_FILE_SIZE),
        })
    }

    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// Paths that could not be walked (they make the run exit 2).
    pub fn discovery_errors(&self) -> &[DiscoverError] {
        &self.discovery_errors
    }

    /// Files left out on purpose, with why (said, not an error).
    pub fn discovery_notes(&self) -> &[DiscoverError] {
        &self.discovery_notes
    }

    /// Why the run must not write its outputs: one would replace an input
    /// (exit 2 before anything is opened for writing).
    pub fn outputs_refused(&self) -> Option<&str> {
        self.outputs_refused.as_deref()
    }

    /// The options that change what the checks of input `i` conclude.
    fn lint_options(&self, i: usize) -> LintOptions {
        LintOptions {
            year: self.settings.get(i).and_then(|s| s.year),
            max_file_size: self.max_file_size,
        }
    }

    /// Checks every input, handing each shown report to `on_file` in input
    /// order; stops at the first error `on_file` returns. Then compares the
    /// files across the run.
    pub fn run<E>(
        &self,
        options: RunOptions,
        on_file: impl FnMut(FileReport) -> Result<(), E>,
    ) -> Result<RunOutcome, E> {
        self.run_with_baseline(options, None, on_file)
    }

    /// [`Engine::run`], with a baseline (`--baseline`, `--write-baseline`)
    /// as the last step of policy: the findings it records are not shown
    /// and not counted, like a suppression.
    pub fn run_with_baseline<E>(
        &self,
        options: RunOptions,
        mut baseline: Option<&mut crate::baseline::Baseline>,
        mut on_file: impl FnMut(FileReport) -> Result<(), E>,
    ) -> Result<RunOutcome, E> {
        let mut collector = Collector::new(self.year_override, crate::rules::crossfile::check_all)
            .expecting(self.inputs.len());
        if options.cross_file == CrossFileMode::OutcomesOnly {
            collector = collector.without_findings();
        }
        let mut summary = Summary::default();
        // Each file's verdict, a byte per file, so that a cross-file
        // finding CMS zeroes a file for can recount it.
        let mut verdicts: Vec<Verdict> = Vec::with_capacity(self.inputs.len());
        let mut any_failed = false;
        let mut not_grouped = Vec::new();
        lint_inputs_each_with(
            &self.inputs,
            |i| self.lint_options(i),
            // Policy runs in the parallel part, on facts already complete:
            // the report's score and consequence are computed, and masking
            // leaves the model's identifiers, which the grouping needs.
            |i, report| {
                self.settings[i].apply(report, options.source_shown);
                // Positions are asked for on the rendering thread; the
                // line index they need is built here, in parallel.
                report
                    .source
                    .prepare_positions(report.diagnostics.iter().filter_map(|d| d.span()));
            },
            |mut report| {
                if let Some(baseline) = baseline.as_deref_mut() {
                    baseline.filter(&mut report);
                }
                // Standard input cannot be read twice, so its details are
                // kept at once.
                let grouped = match self.inputs.get(collector.seen()) {
                    Some(Input::Stdin { .. }) => collector.add_unrepeatable(&report),
                    _ => collector.add(&report),
                };
                if !grouped {
                    not_grouped.push(report.path().to_owned());
                }
                summary.add(&report);
                verdicts.push(Verdict::of(&report));
                any_failed |= report.failed;
                on_file(report)
            },
        )?;
        // The files of repeated entities are checked again, exactly as in
        // the run, for the values and positions the findings compare.
        let mut cross = collector.finish(|i| {
            let input = self.inputs.get(i)?;
            Some(lint_input(input, &self.lint_options(i)))
        });
        any_failed |= !cross.left_out.is_empty();
        self.recount_zeroed(&cross, &mut verdicts, &mut summary);
        self.apply_to_cross_file(&mut cross);
        if let Some(baseline) = baseline {
            baseline.filter_cross_file(&mut cross.findings);
        }
        summary.add_cross_file(&cross.findings);
        cross.overview.add_cross_file(&cross.findings);
        let left_out = std::mem::take(&mut cross.left_out);
        let overview = std::mem::take(&mut cross.overview);
        Ok(RunOutcome {
            summary,
            cross,
            overview,
            any_failed,
            left_out,
            not_grouped,
        })
    }

    /// A file CMS scores 0 because of a cross-file finding (conflicting
    /// values across submission types, 2023) counts as scoring 0, whatever
    /// its own findings say; decided on the facts, before any setting.
    fn recount_zeroed(&self, cross: &CrossFile, verdicts: &mut [Verdict], summary: &mut Summary) {
        let zeroing: std::collections::HashSet<&str> = cross
            .findings
            .iter()
            .filter(|f| f.consequence == Consequence::Zero)
            .flat_map(|f| f.labels().filter_map(Label::site))
            .map(|site| &*site.path)
            .collect();
        if zeroing.is_empty() {
            return;
        }
        for (i, input) in self.inputs.iter().enumerate() {
            if !zeroing.contains(input.display()) {
                continue;
            }
            if let Some(verdict) = verdicts.get_mut(i)
                && matches!(verdict, Verdict::Ready | Verdict::Points)
            {
                summary.verdicts.recount(*verdict, Verdict::Zero);
                *verdict = Verdict::Zero;
            }
        }
    }

    /// Cross-file findings obey the settings of the file they point at, and
    /// are masked like every other finding.
    fn apply_to_cross_file(&self, cross: &mut CrossFile) {
        let named: std::collections::HashSet<&str> = cross
            .findings
            .iter()
            .filter_map(|f| f.primary.site())
            .map(|s| &*s.path)
            .collect();
        let input_of_path: std::collections::HashMap<&str, usize> = self
            .inputs
            .iter()
            .enumerate()
            .filter(|(_, input)| named.contains(input.display()))
            .map(|(i, input)| (input.display(), i))
            .collect();
        cross.findings.retain_mut(|finding| {
            let Some(&i) = finding
                .primary
                .site()
                .and_then(|site| input_of_path.get(&*site.path))
            else {
                return true;
            };
            let file = &self.settings[i];
            if !file.keeps(finding.code, "") {
                return false;
            }
            finding.severity = file.severity(finding.code, finding.severity);
            if !file.show_identifiers {
                crate::mask::mask_diagnostic(finding);
            }
            true
        });
    }

    /// The roll-up of each APM entity (and each year) of a finished run
    /// (`pilint rollup`), computed with the real identifiers and then
    /// masked, once, unless `--show-identifiers`: every format of it shows
    /// the same values.
    pub fn rollup(
        &self,
        outcome: &RunOutcome,
        participants: Option<&[Participant]>,
    ) -> Vec<Rollup> {
        let entities: Vec<_> = outcome.cross.entities().collect();
        let mut rollups =
            crate::crossfile::rollup::compute(&entities, participants, self.year_override);
        if !self.show_identifiers {
            rollups.iter_mut().for_each(crate::mask::mask_rollup);
        }
        rollups
    }

    /// Checks every input and returns the shown reports in input order,
    /// with the run's outcome: every report is held, so only for small
    /// runs (tests); a command streams with [`Engine::run`].
    pub fn run_collect(&self, options: RunOptions) -> (Vec<FileReport>, RunOutcome) {
        let mut reports = Vec::with_capacity(self.inputs.len());
        let outcome = self
            .run(options, |report| {
                reports.push(report);
                Ok::<(), std::convert::Infallible>(())
            })
            .unwrap_or_else(|never| match never {});
        (reports, outcome)
    }
}

/// Reads an APM entity's participant list (`pilint rollup
/// --participants`): a regular file of bounded size, so a FIFO or
/// `/dev/zero` ends the run with a message instead of hanging it or
/// exhausting memory. The error quotes identifiers masked unless
/// `show_identifiers` (CI logs are widely readable).
pub fn load_participants(path: &Path, show_identifiers: bool) -> Result<Vec<Participant>, String> {
    crate::bounded::read_regular(path, crate::bounded::MAX_PARTICIPANTS_SIZE)
        .map_err(|err| err.to_string())
        .and_then(|bytes| {
            crate::crossfile::participants::read(&bytes[..])
                .map_err(|err| crate::mask::participant_error(&err, show_identifiers))
        })
}

/// `--threads N`: files checked at once (default: one per CPU), never
/// more than the `inputs`.
fn set_threads(threads: Option<u16>, inputs: usize) {
    if let Some(threads) = threads {
        // Fails only if the global pool exists already (a second engine in
        // one process, as in tests): that pool is kept.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(crate::bounded::thread_count(usize::from(threads), inputs))
            .build_global();
    }
}

/// Checks one text already in memory (an editor's buffer, a test, a
/// documentation example) and applies `settings`, as a run over that one
/// file would show it. No cross-file stage: one file has nothing to compare.
pub fn check_source(
    source: crate::source::SourceFile,
    settings: &FileSettings,
    source_shown: bool,
) -> FileReport {
    let options = LintOptions {
        year: settings.year,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let mut report = crate::lint::lint_source(source, &options);
    settings.apply(&mut report, source_shown);
    report
}

/// The cross-file view of reports already in memory (tests, small runs):
/// each is checked again from its text with `--year` alone and judged by
/// the `X` rules, before any setting.
pub fn cross_file_of_reports(reports: &[FileReport], year_override: Option<i64>) -> CrossFile {
    crate::crossfile::of_reports(reports, year_override, crate::rules::crossfile::check_all)
}
