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
    /// Check submission files (QPP JSON) and report every finding.
    Check(CheckArgs),
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
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Default: the
    /// current directory.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub format: OutputFormat,

    /// When to use colour (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow_links: bool,

    /// Apply this performance year's rules, whatever the files say.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i64>,

    /// Report files larger than this many bytes instead of reading them.
    #[arg(long, value_name = "BYTES", default_value_t = pilint::read::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// Number of files checked at once (default: one per CPU).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// The name to show for standard input (`-`); its extension selects the format.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Do not show the predicted PI score of each file.
    #[arg(long)]
    pub no_score: bool,
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

    /// When to use colour (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow_links: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RollupFormat {
    /// A table per performance year, with the arithmetic written out.
    Full,
    /// One JSON document (schemas/output.schema.json, `$defs/rollupDocument`).
    Json,
    /// One row per clinician, for spreadsheets.
    Csv,
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
