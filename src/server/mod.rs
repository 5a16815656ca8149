//! `pilint server`: the Language Server Protocol (3.17) over stdio.
//!
//! Built on lsp-server and lsp-types (as ruff's server is), and on the same
//! library engine as `pilint check`: one open document is checked with
//! [`crate::engine::check_source`] and the settings of its `pilint.toml`
//! ([`crate::settings::Resolver`]); the workspace's cross-file findings
//! come from an [`crate::engine::Engine`] run over its folders. There is no
//! second pipeline: what the editor shows is what `pilint check` says.
//!
//! One concern per file: the loop and transport ([`main_loop`]), open
//! documents ([`documents`]), checking one ([`check`]), positions in the
//! negotiated encoding ([`position`]), findings as LSP diagnostics
//! ([`diagnostics`]), cross-file findings ([`workspace`]), hovers
//! ([`hover`]), the score lens ([`code_lens`]), code actions
//! ([`code_actions`]), configuration and its reload ([`configuration`]),
//! and file URIs ([`uri`]).

pub(crate) mod check;
pub(crate) mod code_actions;
pub(crate) mod code_lens;
pub(crate) mod configuration;
pub(crate) mod diagnostics;
pub(crate) mod documents;
pub(crate) mod hover;
pub(crate) mod main_loop;
pub(crate) mod position;
pub(crate) mod uri;
pub(crate) mod workspace;

use std::time::Duration;

use crate::read::DEFAULT_MAX_FILE_SIZE;
use crate::settings::{CliSettings, ConfigSource};

pub use main_loop::serve;

/// How the server checks.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// `--config`, `--isolated`, or the nearest `pilint.toml`.
    pub config: ConfigSource,
    /// Selection, year and identifiers from the command line.
    pub cli: CliSettings,
    /// `--max-file-size`: larger documents are reported, not checked.
    pub max_file_size: u64,
    /// How long a document must stay unchanged before it is checked.
    pub debounce: Duration,
    /// How long after a save the workspace's cross-file run starts.
    pub workspace_debounce: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            config: ConfigSource::Discover,
            cli: CliSettings::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            debounce: Duration::from_millis(150),
            workspace_debounce: Duration::from_millis(300),
        }
    }
}

/// Serves one client over standard input and output until it exits.
pub fn run(options: ServerOptions) -> Result<(), String> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let served = serve(&connection, options);
    // Closing our side lets the writer thread finish.
    drop(connection);
    let joined = io_threads.join().map_err(|e| e.to_string());
    served.and(joined)
}
