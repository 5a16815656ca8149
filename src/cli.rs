//! Command-line flags (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "pilint",
    version,
    about = "Lint MIPS Promoting Interoperability submission files before CMS sees them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check submission files (QPP JSON, QRDA III XML) and report every finding.
    Check(Box<CheckArgs>),
    /// Predict the PI category score of submission files, point by point.
    Score(ScoreArgs),
    /// Roll PI scores up to an APM entity: per TIN/NPI the individual and the
    /// group score, the one that counts, and the entity's average.
    Rollup(RollupArgs),
    /// Print the documentation of one rule, by code (F001) or name (invalid-json).
    Rule {
        /// Rule code or name.
        rule: String,
    },
    /// List every rule.
    Rules(RulesArgs),
    /// List every key of `pilint.toml` with its meaning and default.
    Config,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `pilint man > pilint.1`.
    Man,
    /// Run the language server (LSP 3.17 over standard input and output):
    /// live findings, measure hovers, the predicted score and quick fixes
    /// in an editor.
    Server(ServerArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Default: the
    /// current directory.
    pub paths: Vec<PathBuf>,

    /// Output format (default: full). Repeatable: each `-o FILE` that
    /// follows a `--format` sends that format to FILE; at most one format
    /// goes to standard output. Under GitHub Actions (GITHUB_ACTIONS=true)
    /// with no `--format`, `github` annotations are added to `full`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Vec<CheckFormat>,

    /// Write the preceding `--format` to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Vec<PathBuf>,

    /// Rules that report: codes (C001), code prefixes (C) or names
    /// (cehrt-id-lowercase), comma-separated; replaces the config's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Rules added to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Rules that do not report (added to the config's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Exit 0 even when there are findings (2 still means trouble).
    #[arg(long)]
    pub exit_zero: bool,

    /// Findings only: no score lines, no summary.
    #[arg(short, long, conflicts_with = "silent")]
    pub quiet: bool,

    /// Nothing on standard output: the exit status only (`-o` files are
    /// still written; errors still go to standard error).
    #[arg(short, long)]
    pub silent: bool,

    /// Print how many findings each rule made instead of the findings
    /// (JSON when the standard-output format is `json`).
    #[arg(long)]
    pub statistics: bool,

    #[command(flatten)]
    pub config: ConfigArgs,

    /// Show TINs and NPIs in full (masked as *****6789 by default).
    #[arg(long)]
    pub show_identifiers: bool,

    /// When to use colour (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow_links: bool,

    /// Apply this performance year's rules, whatever the files (and the
    /// configuration) say.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i64>,

    /// Report files larger than this many bytes instead of reading them
    /// (at most 4 GiB).
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = pilint::engine::DEFAULT_MAX_FILE_SIZE,
        value_parser = clap::value_parser!(u64).range(..=pilint::engine::LARGEST_MAX_FILE_SIZE)
    )]
    pub max_file_size: u64,

    /// Number of files checked at once (default: one per CPU); 1 to 1024,
    /// and never more than the number of files (extra threads would idle).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,

    /// The name to show for standard input (`-`); its extension selects the format.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Do not show the predicted PI score of each file.
    #[arg(long)]
    pub no_score: bool,

    /// The directory SARIF and GitLab paths, fingerprints and baselines are
    /// relative to (default: CI_PROJECT_DIR, GITHUB_WORKSPACE, the git top
    /// level, the nearest pilint.toml's directory, the working directory).
    #[arg(long, value_name = "DIR")]
    pub project_root: Option<PathBuf>,

    /// Report only the findings this baseline file does not record, and
    /// list its entries fixed since (written by `--write-baseline`).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record every finding of the run in FILE, as a baseline for
    /// `--baseline` (the run then reports none of them).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Args)]
pub struct ScoreArgs {
    /// Files or directories to score; `-` reads standard input. Default: the
    /// current directory.
    pub paths: Vec<PathBuf>,

    /// Output format: the point-by-point table, or one JSON document
    /// (schemas/output.schema.json, `$defs/scoreDocument`).
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub format: OutputFormat,

    /// The reporting framework whose final score the PI weight is for.
    #[arg(long, value_enum, default_value_t = FrameworkArg::Mips)]
    pub framework: FrameworkArg,

    /// Score under this performance year's rules, whatever the files say.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i64>,

    /// When to use colour (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow_links: bool,

    /// The name to show for standard input (`-`); its extension selects the format.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args)]
pub struct RollupArgs {
    /// Files or directories holding the participants' submissions. Default:
    /// the current directory.
    pub paths: Vec<PathBuf>,

    /// The participant list: a CSV file with the columns tin, npi, status
    /// (required, excluded, qp, partial-qp); see the README, "Across files".
    #[arg(long, value_name = "FILE")]
    pub participants: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RollupFormat::Full)]
    pub format: RollupFormat,

    /// Roll up this performance year only, under its rules, whatever the
    /// files say.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i64>,

    /// Show TINs and NPIs in full (masked as *****6789 by default).
    #[arg(long)]
    pub show_identifiers: bool,

    /// When to use colour (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow_links: bool,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RollupFormat {
    /// A table per performance year, with the arithmetic written out.
    Full,
    /// One JSON document (schemas/output.schema.json, `$defs/rollupDocument`).
    Json,
    /// One row per clinician, for spreadsheets.
    Csv,
    /// One self-contained HTML report (no script, no external resource).
    Html,
}

#[derive(Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    /// Source frames with the exact span underlined, then a summary.
    Full,
    /// One JSON document (schemas/output.schema.json).
    Json,
}

/// `pilint check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Source frames with the exact span underlined, then a summary.
    Full,
    /// One line per finding: path:line:col: severity[CODE] message.
    Concise,
    /// One JSON document (schemas/output.schema.json).
    Json,
    /// One JSON object per finding, one per line.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML, one test case per file.
    Junit,
    /// One row per finding, for spreadsheets (formulas neutralised).
    Csv,
    /// One self-contained HTML report: summary, score chart, every file
    /// with its score and findings (no script, no external resource).
    Html,
}

/// `--fail-on`: a severity (the user's policy) or a CMS consequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A finding of severity error.
    Error,
    /// A finding of severity warning or error.
    Warning,
    /// A finding for which CMS refuses the file.
    Rejected,
    /// A finding for which CMS refuses the file or scores PI 0.
    Zero,
    /// A finding that costs PI points, scores 0, or has the file refused.
    Points,
}

/// Where configuration comes from; the same for every command.
#[derive(Args, Clone, Debug, Default)]
pub struct ConfigArgs {
    /// Use this configuration file for every input, instead of the nearest
    /// pilint.toml / .pilint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
}

impl ConfigArgs {
    pub fn source(&self) -> pilint::settings::ConfigSource {
        if self.isolated {
            pilint::settings::ConfigSource::Isolated
        } else if let Some(path) = &self.config {
            pilint::settings::ConfigSource::File(path.clone())
        } else {
            pilint::settings::ConfigSource::Discover
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    /// The Markdown table in the README.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FrameworkArg {
    /// Traditional MIPS (PI is 25% of the final score).
    Mips,
    /// The APM Performance Pathway (PI is 30%).
    App,
    /// MIPS Value Pathways (PI is 25%).
    Mvp,
}

impl From<FrameworkArg> for pilint::score::Framework {
    fn from(arg: FrameworkArg) -> Self {
        match arg {
            FrameworkArg::Mips => pilint::score::Framework::Mips,
            FrameworkArg::App => pilint::score::Framework::App,
            FrameworkArg::Mvp => pilint::score::Framework::Mvp,
        }
    }
}

#[derive(Args)]
pub struct ServerArgs {
    /// Rules that report (replaces the config's `select`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Rules added to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Rules that do not report (added to the config's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Apply this performance year's rules, whatever the files say.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i64>,

    /// Show TINs and NPIs in full (masked as *****6789 by default).
    #[arg(long)]
    pub show_identifiers: bool,

    /// Report documents larger than this many bytes instead of checking them.
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = pilint::engine::DEFAULT_MAX_FILE_SIZE,
        value_parser = clap::value_parser!(u64).range(..=pilint::engine::LARGEST_MAX_FILE_SIZE)
    )]
    pub max_file_size: u64,

    #[command(flatten)]
    pub config: ConfigArgs,
}

impl ServerArgs {
    /// Serves one editor until it exits: 0 after `shutdown` and `exit`,
    /// 1 otherwise (as LSP asks: `exit` without `shutdown`, a lost
    /// client), 2 when the flags are unusable.
    pub fn run(self) -> u8 {
        let selectors = pilint::select::parse_all;
        let cli = (|| -> Result<pilint::settings::CliSettings, String> {
            Ok(pilint::settings::CliSettings {
                select: self.select.as_deref().map(selectors).transpose()?,
                extend_select: selectors(&self.extend_select)?,
                ignore: selectors(&self.ignore)?,
                year: self.year,
                show_identifiers: self.show_identifiers,
            })
        })();
        let cli = match cli {
            Ok(cli) => cli,
            Err(reason) => {
                eprintln!("pilint server: {reason}");
                return 2;
            }
        };
        match pilint::server::run(pilint::server::ServerOptions {
            config: self.config.source(),
            cli,
            max_file_size: self.max_file_size,
            ..pilint::server::ServerOptions::default()
        }) {
            Ok(()) => 0,
            Err(reason) => {
                eprintln!("pilint server: {reason}");
                1
            }
        }
    }
}
