#![forbid(unsafe_code)]
//! The `pilint` binary: flags → library → output and exit code.

mod cli;
mod outputs;

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use pilint::baseline::Baseline;
use pilint::diagnostic::Severity;
use pilint::discover::DiscoverOptions;
use pilint::engine::{CrossFileMode, Engine, EngineOptions, RunOptions};
use pilint::project_root::ProjectRoot;
use pilint::render::{self, Renderer, Summary};
use pilint::rules::Consequence;
use pilint::rules::registry::{all_rules, find_rule};
use pilint::select::Selector;
use pilint::settings::CliSettings;

use cli::{
    CheckArgs, CheckFormat, Cli, ColorChoice, Command, FailOn, OutputFormat, RollupArgs,
    RollupFormat, RulesArgs, ScoreArgs,
};

// Checking a file makes many small, short-lived allocations (values, spans,
// findings) on every thread; mimalloc serves them with per-thread caches
// where glibc's allocator spends a quarter of the run (see BENCHMARKS.md).
// Built without transparent huge pages (`no_thp`): zeroing 2 MiB pages was
// a tenth of a 10k-file run and a third of its peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// No finding at or above the `--fail-on` severity (default: error).
const EXIT_CLEAN: u8 = 0;
/// At least one finding at or above `--fail-on` (a file that is not JSON
/// counts).
const EXIT_FINDINGS: u8 = 1;
/// Usage error, unreadable path, or internal error: the run itself is not
/// trustworthy, so CI must not read it as "findings" or "clean".
const EXIT_TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let mut command = Cli::command().version(version_text());
    let matches = match command.try_get_matches_from_mut(std::env::args_os()) {
        Ok(matches) => matches,
        Err(err) => return ExitCode::from(clap_error(err)),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return ExitCode::from(clap_error(err)),
    };
    let code = match cli.command {
        Command::Check(args) => {
            let positions = matches
                .subcommand_matches("check")
                .map(format_positions)
                .unwrap_or_default();
            check(*args, positions)
        }
        Command::Score(args) => score(args),
        Command::Rollup(args) => rollup(args),
        Command::Rule { rule } => print_rule(&rule),
        Command::Rules(args) => print_rules(&args),
        Command::Config => write_stdout(config_keys_text().as_bytes()),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "pilint", &mut script);
            write_stdout(&script)
        }
        Command::Server(args) => args.run(),
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(command).render(&mut page) {
                Ok(()) => write_stdout(&page),
                Err(err) => {
                    eprintln!("pilint: cannot render the manual page: {err}");
                    EXIT_TROUBLE
                }
            }
        }
    };
    ExitCode::from(code)
}

/// Prints a clap error (or `--help`/`--version`, which are not errors).
fn clap_error(err: clap::Error) -> u8 {
    let _ = err.print();
    if err.use_stderr() {
        EXIT_TROUBLE
    } else {
        EXIT_CLEAN
    }
}

/// `pilint 0.1.0 (performance years 2023–2026, 2027 provisional; measure
/// data CMSgov/qpp-measures-data@<commit>)`: what a bug report needs.
fn version_text() -> String {
    // Built on every start: from the build-time index, never the catalogs.
    let index = pilint::catalog::index::YEAR_INDEX;
    let year = |y: &pilint::catalog::index::YearIndex| y.year;
    let provisional: Vec<u16> = index.iter().filter(|y| y.provisional).map(year).collect();
    let settled: Vec<u16> = index.iter().filter(|y| !y.provisional).map(year).collect();
    let span = |ys: &[u16]| match ys {
        [] => String::new(),
        [only] => only.to_string(),
        [first, .., last] => format!("{first}–{last}"),
    };
    let mut sources: Vec<String> = index
        .iter()
        .map(|y| format!("{}@{}", y.repository, y.commit))
        .collect();
    sources.dedup();
    let provisional = if provisional.is_empty() {
        String::new()
    } else {
        format!(", {} provisional", span(&provisional))
    };
    format!(
        "{} (performance years {}{provisional}; measure data {})",
        env!("CARGO_PKG_VERSION"),
        span(&settled),
        sources.join(", ")
    )
}

/// Where each `--format` and `-o` was on the command line.
fn format_positions(matches: &clap::ArgMatches) -> FormatPositions {
    let formats = matches
        .indices_of("format")
        .into_iter()
        .flatten()
        .zip(
            matches
                .get_many::<CheckFormat>("format")
                .into_iter()
                .flatten()
                .copied(),
        )
        .collect();
    let files = matches
        .indices_of("output_file")
        .into_iter()
        .flatten()
        .zip(
            matches
                .get_many::<PathBuf>("output_file")
                .into_iter()
                .flatten()
                .cloned(),
        )
        .collect();
    FormatPositions { formats, files }
}

#[derive(Default)]
struct FormatPositions {
    formats: Vec<(usize, CheckFormat)>,
    files: Vec<(usize, PathBuf)>,
}

/// Writes to standard output; a closed pipe (`pilint rules | head`) ends
/// the output quietly, any other failure is reported.
fn write_stdout(bytes: &[u8]) -> u8 {
    stream_stdout(|out| out.write_all(bytes))
}

/// [`write_stdout`] for a document written as it is made, through a buffer.
fn stream_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> u8 {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_CLEAN,
        Err(err) if err.kind() == ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(err) => {
            eprintln!("pilint: cannot write to standard output: {err}");
            EXIT_TROUBLE
        }
    }
}

/// Says on stderr which paths could not be walked (`verb`: "check",
/// "score", "roll up"); true when there were any, which makes the exit 2.
fn report_discovery_errors(verb: &str, engine: &Engine) -> bool {
    let errors = engine.discovery_errors();
    let mut stderr = std::io::stderr().lock();
    // Files left out on purpose (this run's own report): said, not errors.
    for note in engine.discovery_notes() {
        let _ = writeln!(stderr, "pilint: {}: {}", note.path, note.reason);
    }
    for error in errors {
        let _ = writeln!(
            stderr,
            "pilint: cannot {verb} {}: {}",
            error.path, error.reason
        );
    }
    !errors.is_empty()
}

/// Files of repeated entities that changed or vanished before the end of
/// the run, so were not compared: the run did not check what it was asked
/// to (exit 2). True when there were any.
fn report_left_out(left_out: &[pilint::crossfile::LeftOut]) -> bool {
    let mut stderr = std::io::stderr().lock();
    for file in left_out {
        let _ = writeln!(
            stderr,
            "pilint: {}: left out of the cross-file checks: {}",
            file.path, file.reason
        );
    }
    !left_out.is_empty()
}

fn config_keys_text() -> String {
    let mut out = format!(
        "pilint reads {}: the first found in the directory of each checked file\n\
         or its nearest ancestor. Nothing is merged implicitly (`extend` inherits);\n\
         `--config FILE` uses one file for every input, `--isolated` none.\n",
        pilint::config::FILE_NAMES.join(" or ")
    );
    for key in pilint::config::KEYS {
        out.push_str(&format!(
            "\n{}  ({}; default: {})\n    {}\n",
            key.key, key.kind, key.default, key.meaning
        ));
    }
    out
}

/// The renderer of one format.
fn renderer(
    format: CheckFormat,
    args: &CheckArgs,
    to_stdout: bool,
    root: &ProjectRoot,
) -> Box<dyn Renderer> {
    let show_score = !args.no_score;
    // Colour only where a terminal may show it.
    let color = to_stdout && use_color(args.color);
    match format {
        CheckFormat::Full => Box::new(render::full::Full::new(color, show_score).quiet(args.quiet)),
        CheckFormat::Concise => Box::new(render::concise::Concise::new(args.quiet)),
        CheckFormat::Json => Box::new(render::json::Json::new(show_score)),
        CheckFormat::JsonLines => Box::new(render::json_lines::JsonLines::new()),
        CheckFormat::Sarif => Box::new(render::sarif::Sarif::with_root(root.clone())),
        CheckFormat::Github => Box::new(render::github::Github::new(
            std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        )),
        CheckFormat::Gitlab => Box::new(render::gitlab::Gitlab::with_root(root.clone())),
        CheckFormat::Junit => Box::new(render::junit::Junit::new(junit_threshold(args.fail_on))),
        CheckFormat::Csv => Box::new(render::csv::Csv::new()),
        CheckFormat::Html => Box::new(render::html::Html::new(show_score)),
    }
}

/// The lowest severity JUnit counts as a failure: a consequence threshold
/// fails on errors there, as it does by default.
fn junit_threshold(choice: FailOn) -> Severity {
    match choice {
        FailOn::Warning => Severity::Warning,
        _ => Severity::Error,
    }
}

fn selectors(list: &[String]) -> Result<Vec<Selector>, String> {
    pilint::select::parse_all(list)
}

/// Builds the engine every command runs: the same discovery, the same
/// configuration and the same settings, whichever command asks.
fn engine(options: EngineOptions) -> Result<Engine, u8> {
    let engine = Engine::new(options).map_err(|err| {
        eprintln!("pilint: invalid configuration {err}");
        EXIT_TROUBLE
    })?;
    // An output that would replace an input: nothing is written.
    if let Some(reason) = engine.outputs_refused() {
        eprintln!("pilint: {reason}");
        return Err(EXIT_TROUBLE);
    }
    Ok(engine)
}

fn check(args: CheckArgs, positions: FormatPositions) -> u8 {
    let plan = match outputs::plan(&positions.formats, &positions.files) {
        Ok(plan) => plan,
        Err(reason) => {
            eprintln!("pilint: {reason}");
            return EXIT_TROUBLE;
        }
    };
    let cli_settings = match (|| -> Result<CliSettings, String> {
        Ok(CliSettings {
            select: args.select.as_deref().map(selectors).transpose()?,
            extend_select: selectors(&args.extend_select)?,
            ignore: selectors(&args.ignore)?,
            year: args.year,
            show_identifiers: args.show_identifiers,
        })
    })() {
        Ok(settings) => settings,
        Err(reason) => {
            eprintln!("pilint: {reason}");
            return EXIT_TROUBLE;
        }
    };
    let engine = match engine(EngineOptions {
        paths: args.paths.clone(),
        discover: DiscoverOptions {
            follow_links: args.follow_links,
            stdin_filename: args.stdin_filename.clone(),
        },
        config: args.config.source(),
        cli: cli_settings,
        max_file_size: args.max_file_size,
        outputs: outputs::destinations(&plan, &args),
        threads: args.threads,
    }) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    // Report paths, fingerprints and the baseline are relative to it.
    let (root, baseline) = match project_root_and_baseline(&args) {
        Ok(found) => found,
        Err(reason) => {
            eprintln!("pilint: {reason}");
            return EXIT_TROUBLE;
        }
    };
    let mut baseline = baseline;

    // Writers: standard output first, then each -o file.
    let (stdout, stdout_closed) = outputs::stdout(outputs::files(&plan).next().is_some());
    let mut writers: Vec<Box<dyn Write>> = vec![stdout];
    let mut renderers: Vec<(Box<dyn Renderer>, usize)> = Vec::new();
    for output in &plan {
        match &output.file {
            Some(path) => match std::fs::File::create(path) {
                Ok(file) => {
                    writers.push(Box::new(std::io::BufWriter::new(file)));
                    renderers.push((
                        renderer(output.format, &args, false, &root),
                        writers.len() - 1,
                    ));
                }
                Err(err) => {
                    eprintln!("pilint: cannot write {}: {err}", path.display());
                    return EXIT_TROUBLE;
                }
            },
            None if args.silent => {}
            None if args.statistics => renderers.push((
                Box::new(render::statistics::Statistics::new(
                    output.format == CheckFormat::Json,
                )),
                0,
            )),
            None => renderers.push((renderer(output.format, &args, true, &root), 0)),
        }
    }
    // `--statistics` with every format sent to files still prints them.
    if args.statistics && !args.silent && plan.iter().all(|o| o.file.is_some()) {
        renderers.push((Box::new(render::statistics::Statistics::new(false)), 0));
    }
    // In GitHub Actions, findings become annotations without any setup.
    let in_github_actions = std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true");
    if in_github_actions && positions.formats.is_empty() && !args.silent && !args.statistics {
        renderers.push((renderer(CheckFormat::Github, &args, true, &root), 0));
    }

    let source_shown = renderers
        .iter()
        .any(|(renderer, _)| renderer.shows_source());
    let mut write_error: Option<(usize, std::io::Error)> = None;
    // The overview is for runs over directories; a list of files asks
    // about those files.
    let show_overview = args.paths.is_empty() || args.paths.iter().any(|p| p.is_dir());
    let run = engine.run_with_baseline(
        RunOptions {
            cross_file: CrossFileMode::Findings,
            source_shown,
        },
        baseline.as_mut(),
        |report| {
            for (renderer, target) in renderers.iter_mut() {
                if let Err(err) = renderer.file(&report, &mut *writers[*target]) {
                    write_error = Some((*target, err));
                    return Err(());
                }
            }
            Ok(())
        },
    );
    let mut outcome = None;
    if let Ok(run) = run {
        for (renderer, target) in renderers.iter_mut() {
            if show_overview {
                renderer.overview(&run.overview);
            }
            if let Err(err) = renderer.cross_file(&run.cross.findings, &mut *writers[*target]) {
                write_error = Some((*target, err));
                break;
            }
        }
        if write_error.is_none() {
            for (renderer, target) in renderers.iter_mut() {
                if let Err(err) = renderer.finish(&run.summary, &mut *writers[*target]) {
                    write_error = Some((*target, err));
                    break;
                }
            }
        }
        outcome = Some(run);
    }
    if write_error.is_none() {
        for (target, writer) in writers.iter_mut().enumerate() {
            if let Err(err) = writer.flush() {
                write_error = Some((target, err));
                break;
            }
        }
    }
    if let Some((target, err)) = write_error {
        // stdout closed (e.g. piped into `head`): nothing more to say.
        if !(target == 0 && err.kind() == ErrorKind::BrokenPipe) {
            let name = if target == 0 {
                "standard output".to_owned()
            } else {
                plan.iter()
                    .filter_map(|o| o.file.as_ref())
                    .nth(target - 1)
                    .map_or_else(String::new, |p| p.display().to_string())
            };
            eprintln!("pilint: cannot write {name}: {err}");
        }
        return EXIT_TROUBLE;
    }
    let Some(outcome) = outcome else {
        return EXIT_TROUBLE;
    };
    if stdout_closed.get() {
        // Standard output closed early; the files were written whole.
        return EXIT_TROUBLE;
    }
    if let Some(baseline) = baseline
        && !report_baseline(baseline)
    {
        return EXIT_TROUBLE;
    }
    let left_out = report_left_out(&outcome.left_out);
    let unwalked = report_discovery_errors("check", &engine);
    if unwalked || left_out || outcome.any_failed {
        // A path that could not be walked or read, or a file pilint
        // failed on: the run did not check everything it was asked to.
        return EXIT_TROUBLE;
    }
    if fails(&outcome.summary, args.fail_on) && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The project root (`--project-root`, else found) and the baseline
/// `--baseline` reads or `--write-baseline` records. Err: a usage error.
fn project_root_and_baseline(args: &CheckArgs) -> Result<(ProjectRoot, Option<Baseline>), String> {
    let root = ProjectRoot::resolve(args.project_root.as_deref(), &args.paths)?;
    let baseline = Baseline::from_flags(
        args.baseline.as_deref(),
        args.write_baseline.as_deref(),
        &root,
    )?;
    Ok((root, baseline))
}

/// Writes the baseline (`--write-baseline`) and says on stderr what it did
/// and which entries are stale; false when it could not be written.
fn report_baseline(baseline: Baseline) -> bool {
    let file = baseline.file().to_path_buf();
    match baseline.finish() {
        Ok(outcome) => {
            eprint!("{}", outcome.message(&file));
            true
        }
        Err(reason) => {
            eprintln!("pilint: {reason}");
            false
        }
    }
}

/// Whether the shown findings reach the `--fail-on` threshold: a severity
/// (the user's policy) or a CMS consequence.
fn fails(summary: &Summary, fail_on: FailOn) -> bool {
    let at_least = |consequence: Consequence| {
        Consequence::ALL
            .iter()
            .filter(|c| **c >= consequence)
            .map(|c| summary.shown_by_consequence[*c as usize])
            .sum::<usize>()
            > 0
    };
    match fail_on {
        FailOn::Error => summary.errors > 0,
        FailOn::Warning => summary.errors + summary.warnings > 0,
        FailOn::Rejected => at_least(Consequence::Rejected),
        FailOn::Zero => at_least(Consequence::Zero),
        FailOn::Points => at_least(Consequence::Points),
    }
}

fn score(args: ScoreArgs) -> u8 {
    let engine = match engine(EngineOptions {
        paths: args.paths.clone(),
        discover: DiscoverOptions {
            follow_links: args.follow_links,
            stdin_filename: args.stdin_filename.clone(),
        },
        config: args.config.source(),
        cli: CliSettings {
            year: args.year,
            ..CliSettings::default()
        },
        outputs: outputs::stdout_destination(),
        ..EngineOptions::default()
    }) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let framework = args.framework.into();
    // Each file's block is written as its report arrives, never the whole
    // run's reports at once (BENCHMARKS.md, "pilint score at two sizes").
    // A reader that goes away (`| head`) drops the rest of the output; the
    // run goes on, so the exit code still says whether every file earns
    // points.
    let (mut stdout, _closed) = outputs::stdout(true);
    let mut document = ScoreOutput::new(args.format, framework, use_color(args.color));
    // A file without a score, or scoring 0, stands to earn no PI points.
    let mut file_earns_nothing = false;
    let run = engine.run(
        RunOptions {
            cross_file: CrossFileMode::OutcomesOnly,
            source_shown: false,
        },
        |report| {
            file_earns_nothing |= report
                .score
                .as_ref()
                .and_then(|s| s.total())
                .is_none_or(|total| total <= 0.0);
            document.file(&report, &mut stdout)
        },
    );
    let written = run.and_then(|outcome| {
        let entities: Vec<_> = outcome.cross.entities().collect();
        document.finish(&entities, &mut stdout)?;
        stdout.flush()?;
        // Nor does an entity whose submissions conflict: that is what a CI
        // job running `pilint score` needs to hear.
        let earns_nothing = file_earns_nothing || entities.iter().any(|e| e.zeroed_by_conflict);
        Ok((earns_nothing, outcome.left_out, outcome.any_failed))
    });
    let (earns_nothing, left_out, any_failed) = match written {
        Ok(done) => done,
        Err(err) => {
            eprintln!("pilint: cannot write to standard output: {err}");
            return EXIT_TROUBLE;
        }
    };
    let left_out = report_left_out(&left_out);
    let unwalked = report_discovery_errors("score", &engine);
    if unwalked || left_out || any_failed {
        return EXIT_TROUBLE;
    }
    if earns_nothing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// `pilint score`'s document in the format asked for, streamed.
enum ScoreOutput {
    Table(render::score_table::ScoreTable),
    Json(render::score_json::ScoreJson),
}

impl ScoreOutput {
    fn new(format: OutputFormat, framework: pilint::score::Framework, color: bool) -> Self {
        match format {
            OutputFormat::Full => {
                ScoreOutput::Table(render::score_table::ScoreTable::new(framework, color))
            }
            OutputFormat::Json => ScoreOutput::Json(render::score_json::ScoreJson::new(framework)),
        }
    }

    fn file(
        &mut self,
        report: &pilint::lint::FileReport,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        match self {
            ScoreOutput::Table(table) => table.file(report, out),
            ScoreOutput::Json(json) => json.file(report, out),
        }
    }

    fn finish(
        &mut self,
        entities: &[pilint::crossfile::EntityOutcome<'_>],
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        match self {
            ScoreOutput::Table(table) => table.finish(entities, out),
            ScoreOutput::Json(json) => json.finish(entities, out),
        }
    }
}

fn rollup(args: RollupArgs) -> u8 {
    let participants = match &args.participants {
        None => None,
        Some(path) => match pilint::engine::load_participants(path, args.show_identifiers) {
            Ok(list) => Some(list),
            Err(err) => {
                // A roll-up over a list pilint could not read would be
                // wrong without saying so: usage error.
                eprintln!("pilint: {}: {err}", path.display());
                return EXIT_TROUBLE;
            }
        },
    };
    let engine = match engine(EngineOptions {
        paths: args.paths.clone(),
        discover: DiscoverOptions {
            follow_links: args.follow_links,
            stdin_filename: None,
        },
        config: args.config.source(),
        cli: CliSettings {
            year: args.year,
            show_identifiers: args.show_identifiers,
            ..CliSettings::default()
        },
        outputs: outputs::stdout_destination(),
        ..EngineOptions::default()
    }) {
        Ok(engine) => engine,
        Err(code) => return code,
    };
    let outcome = engine
        .run(
            RunOptions {
                cross_file: CrossFileMode::OutcomesOnly,
                source_shown: false,
            },
            |_report| Ok::<(), std::convert::Infallible>(()),
        )
        .unwrap_or_else(|never| match never {});
    let rollups = engine.rollup(&outcome, participants.as_deref());
    let written = match args.format {
        RollupFormat::Full => write_stdout(&render::rollup_table::render(
            &rollups,
            use_color(args.color),
        )),
        // Streamed: the document of a large run is tens of megabytes.
        RollupFormat::Json => {
            stream_stdout(|out| render::rollup_json::write(&rollups, participants.is_some(), out))
        }
        RollupFormat::Csv => write_stdout(&render::rollup_csv::render(&rollups)),
        RollupFormat::Html => write_stdout(&render::html::rollup(&rollups, participants.is_some())),
    };
    if written != EXIT_CLEAN {
        return EXIT_TROUBLE;
    }
    let left_out = report_left_out(&outcome.left_out);
    let unwalked = report_discovery_errors("roll up", &engine);
    let mut stderr = std::io::stderr().lock();
    for path in &outcome.not_grouped {
        let _ = writeln!(
            stderr,
            "pilint: {path}: left out (no PI submission with an entity and a year; see `pilint check`)"
        );
    }
    if unwalked || left_out || outcome.any_failed {
        // A file left out of a roll-up changes the average.
        return EXIT_TROUBLE;
    }
    EXIT_CLEAN
}

/// Colour only on a terminal, unless forced; NO_COLOR (any non-empty value)
/// turns `auto` off, as https://no-color.org asks.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_color && std::io::stdout().is_terminal()
        }
    }
}

fn print_rule(code_or_name: &str) -> u8 {
    match find_rule(code_or_name) {
        Some(rule) => write_stdout(rule.docs().as_bytes()),
        None => {
            eprintln!("pilint: no rule named {code_or_name}; `pilint rules` lists them all");
            EXIT_TROUBLE
        }
    }
}

fn print_rules(args: &RulesArgs) -> u8 {
    let rules = all_rules();
    let text = match args.format {
        cli::RulesFormat::Text => rules_text(&rules),
        cli::RulesFormat::Markdown => rules_table_markdown(),
        cli::RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "code": rule.code,
                        "name": rule.name,
                        "severity": rule.severity.as_str(),
                        "summary": rule.summary,
                        "years": rule.years,
                        "url": pilint::rules::url::url(rule.code),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
    };
    write_stdout(text.as_bytes())
}

/// One rule a line, columns as wide as their longest entry.
fn rules_text(rules: &[&pilint::rules::registry::RuleMeta]) -> String {
    let code_width = rules.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let name_width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let severity_width = rules
        .iter()
        .map(|r| r.severity.as_str().len())
        .max()
        .unwrap_or(0);
    rules
        .iter()
        .map(|rule| {
            format!(
                "{:<code_width$} {:<name_width$} {:<severity_width$} {}\n",
                rule.code,
                rule.name,
                rule.severity.as_str(),
                rule.summary
            )
        })
        .collect()
}

/// The rules table the README carries (a test keeps the two in step).
fn rules_table_markdown() -> String {
    pilint::rules::registry::markdown_table()
}
