#![forbid(unsafe_code)]
//! The `pilint` binary: flags → library → output and exit code.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use pilint::discover::{DiscoverOptions, discover};
use pilint::lint::{LintOptions, lint_inputs, lint_inputs_each};
use pilint::render::{self, Renderer, Summary};
use pilint::rules::registry::{all_rules, find_rule};

use cli::{CheckArgs, Cli, ColorChoice, Command, OutputFormat, RulesArgs, ScoreArgs};

// Checking a file makes many small, short-lived allocations (values, spans,
// findings) on every thread; mimalloc serves them faster than the system
// allocator and keeps per-thread caches (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// No error-severity finding.
const EXIT_CLEAN: u8 = 0;
/// At least one error-severity finding (a file that is not JSON counts).
const EXIT_FINDINGS: u8 = 1;
/// Usage error, unreadable path, or internal error: the run itself is not
/// trustworthy, so CI must not read it as "findings" or "clean".
const EXIT_TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // clap's --help and --version are not errors.
            return ExitCode::from(if err.use_stderr() {
                EXIT_TROUBLE
            } else {
                EXIT_CLEAN
            });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Score(args) => score(args),
        Command::Rule { rule } => print_rule(&rule),
        Command::Rules(args) => print_rules(&args),
    };
    ExitCode::from(code)
}

fn check(args: CheckArgs) -> u8 {
    let options = DiscoverOptions {
        follow_links: args.follow_links,
        stdin_filename: args.stdin_filename.clone(),
    };
    let discovery = discover(&args.paths, &options);
    if let Some(threads) = args.threads {
        // Only fails if a pool exists already, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    let lint_options = LintOptions {
        year: args.year,
        max_file_size: args.max_file_size,
    };
    let mut renderer: Box<dyn Renderer> = match args.format {
        OutputFormat::Full => Box::new(render::full::Full::new(
            use_color(args.color),
            !args.no_score,
        )),
        OutputFormat::Json => Box::new(render::json::Json::new(!args.no_score)),
    };
    let mut summary = Summary::default();
    let mut any_failed = false;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = lint_inputs_each(&discovery.inputs, &lint_options, |report| {
        summary.add(&report);
        any_failed |= report.failed;
        renderer.file(&report, &mut stdout)
    })
    .and_then(|()| renderer.finish(&summary, &mut stdout))
    .and_then(|()| stdout.flush());
    if written.is_err() {
        // stdout closed (e.g. piped into `head`): nothing more to say.
        return EXIT_TROUBLE;
    }

    let mut stderr = std::io::stderr().lock();
    for error in &discovery.errors {
        let _ = writeln!(
            stderr,
            "pilint: cannot check {}: {}",
            error.path, error.reason
        );
    }
    if !discovery.errors.is_empty() || any_failed {
        // A path that could not be walked or read, or a file pilint
        // failed on: the run did not check everything it was asked to.
        return EXIT_TROUBLE;
    }
    if summary.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn score(args: ScoreArgs) -> u8 {
    let options = DiscoverOptions {
        follow_links: args.follow_links,
        stdin_filename: args.stdin_filename.clone(),
    };
    let discovery = discover(&args.paths, &options);
    let lint_options = LintOptions {
        year: args.year,
        ..LintOptions::default()
    };
    let reports = lint_inputs(&discovery.inputs, &lint_options);
    let framework = args.framework.into();
    let bytes = match args.format {
        OutputFormat::Full => {
            render::score_table::render(&reports, framework, use_color(args.color))
        }
        OutputFormat::Json => render::score_json::render(&reports, framework),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(&bytes)
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return EXIT_TROUBLE;
    }
    let mut stderr = std::io::stderr().lock();
    for error in &discovery.errors {
        let _ = writeln!(
            stderr,
            "pilint: cannot score {}: {}",
            error.path, error.reason
        );
    }
    if !discovery.errors.is_empty() || reports.iter().any(|r| r.failed) {
        return EXIT_TROUBLE;
    }
    // A file without a score, or scoring 0, stands to earn no PI points:
    // that is what a CI job running `pilint score` needs to hear.
    let earns_nothing = reports.iter().any(|r| {
        r.score
            .as_ref()
            .and_then(|s| s.total())
            .is_none_or(|total| total <= 0.0)
    });
    if earns_nothing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
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
        Some(rule) => {
            print!("{}", rule.docs());
            EXIT_CLEAN
        }
        None => {
            eprintln!("pilint: no rule named {code_or_name}; `pilint rules` lists them all");
            EXIT_TROUBLE
        }
    }
}

fn print_rules(args: &RulesArgs) -> u8 {
    let rules = all_rules();
    match args.format {
        cli::RulesFormat::Text => {
            for rule in rules {
                println!(
                    "{:<6} {:<28} {:<8} {}",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    rule.summary
                );
            }
        }
        cli::RulesFormat::Markdown => print!("{}", rules_table_markdown()),
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
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
    }
    EXIT_CLEAN
}

/// The rules table the README carries (a test keeps the two in step).
fn rules_table_markdown() -> String {
    pilint::rules::registry::markdown_table()
}
