//! Which `pilint.toml` applies to each document, and its reload.
//!
//! The same [`Resolver`] `pilint check` uses: the nearest configuration
//! file above the document (or `--config`, or none with `--isolated`),
//! combined with the server's command-line settings. The resolver caches
//! what it read, so the cache is dropped whenever a configuration file
//! may have changed: the client reports a watched `pilint.toml` changing,
//! or any document is saved (editors that do not watch files still save
//! the configuration through the editor).

use std::path::Path;

use crate::config::{ConfigError, FILE_NAMES};
use crate::discover::Input;
use crate::settings::{CliSettings, ConfigSource, FileSettings, Resolver};

pub struct Configuration {
    source: ConfigSource,
    cli: CliSettings,
    resolver: Resolver,
}

impl Configuration {
    pub fn new(source: ConfigSource, cli: CliSettings) -> Self {
        let resolver = Resolver::new(source.clone(), cli.clone());
        Configuration {
            source,
            cli,
            resolver,
        }
    }

    pub fn source(&self) -> &ConfigSource {
        &self.source
    }

    pub fn cli(&self) -> &CliSettings {
        &self.cli
    }

    /// Forgets every configuration read: the next document checked reads
    /// its file again.
    pub fn reload(&mut self) {
        self.resolver = Resolver::new(self.source.clone(), self.cli.clone());
    }

    /// The settings of the document named `name` (its path, or a URI for a
    /// buffer with no file); `None` when its configuration excludes it.
    pub fn settings(&mut self, name: &str) -> Result<Option<FileSettings>, ConfigError> {
        let input = Input::file(name.into(), name);
        self.resolver.settings(&input)
    }
}

/// Whether `path` is a configuration file pilint reads.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n))
}

/// The glob patterns a client is asked to watch.
pub fn watch_patterns() -> Vec<String> {
    FILE_NAMES.iter().map(|name| format!("**/{name}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_applies_after_reload() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let file = root.join("a.json").to_string_lossy().into_owned();
        std::fs::write(root.join("pilint.toml"), "ignore = [\"C003\"]\n").unwrap();
        let mut configuration = Configuration::new(ConfigSource::Discover, CliSettings::default());
        let settings = configuration.settings(&file).unwrap().unwrap();
        assert!(!settings.keeps("C003", ""));
        std::fs::write(root.join("pilint.toml"), "ignore = []\n").unwrap();
        configuration.reload();
        let settings = configuration.settings(&file).unwrap().unwrap();
        assert!(settings.keeps("C003", ""));
        assert!(is_config_file(&root.join(".pilint.toml")));
        assert!(!is_config_file(&root.join("a.json")));
    }
}
