//! The settings each checked file gets: its `pilint.toml` (found, named by
//! `--config`, or none with `--isolated`) combined with the command line,
//! and their application to the file's report: rule selection, per-file
//! ignores, suppressions, severity overrides, identifier masking.
//!
//! All of it happens to the report before any renderer and before the exit
//! code are computed, so every format and the exit code agree.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config, ConfigError};
use crate::diagnostic::Severity;
use crate::discover::Input;
use crate::lint::FileReport;
use crate::select::{Selection, Selector};

/// Where configuration comes from.
#[derive(Debug, Clone)]
pub enum ConfigSource {
    /// The nearest `pilint.toml` / `.pilint.toml` above each file.
    Discover,
    /// `--config FILE`: this file for every input.
    File(PathBuf),
    /// `--isolated`: no file at all.
    Isolated,
}

/// What the command line says about selection; it wins over the files.
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    /// `--select`: replaces the file's `select`.
    pub select: Option<Vec<Selector>>,
    /// `--extend-select`: adds to it.
    pub extend_select: Vec<Selector>,
    /// `--ignore`: adds to the file's `ignore`.
    pub ignore: Vec<Selector>,
    /// `--year`.
    pub year: Option<i64>,
    /// `--show-identifiers`.
    pub show_identifiers: bool,
}

/// Everything that decides what one file's report shows.
#[derive(Debug)]
pub struct FileSettings {
    config: Option<Arc<Config>>,
    selection: Arc<Selection>,
    /// The file's absolute path, which config globs are matched against;
    /// kept only when its configuration has such globs (a path per file
    /// held for the whole run otherwise, and never read).
    absolute: Option<PathBuf>,
    pub year: Option<i64>,
    pub show_identifiers: bool,
}

impl FileSettings {
    /// Settings with no configuration file: every rule, masked identifiers.
    pub fn defaults(path: &Path) -> FileSettings {
        FileSettings {
            config: None,
            selection: Arc::new(Selection::all()),
            absolute: Some(absolute(path)),
            year: None,
            show_identifiers: false,
        }
    }

    /// Whether `other` decides everything as these settings do: the same
    /// configuration and selection (shared, never compared field by field),
    /// no per-file path, the same year and masking. A run holds one copy of
    /// settings many files share (`--isolated`: all of them).
    pub fn same_as(&self, other: &FileSettings) -> bool {
        let same_config = match (&self.config, &other.config) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        same_config
            && Arc::ptr_eq(&self.selection, &other.selection)
            && self.absolute.is_none()
            && other.absolute.is_none()
            && self.year == other.year
            && self.show_identifiers == other.show_identifiers
    }

    /// The configuration file that applies, if any.
    pub fn config_path(&self) -> Option<&Path> {
        self.config.as_deref().map(|c| c.path.as_path())
    }

    /// Drops the findings the settings turn off, applies severity
    /// overrides, then masks identifiers unless they are to be shown.
    /// `source_shown`: whether a renderer of the run draws the source text
    /// (only then is the text masked too).
    pub fn apply(&self, report: &mut FileReport, source_shown: bool) {
        self.select(report);
        self.mask(report, source_shown);
    }

    /// Drops the findings the settings turn off and applies severity
    /// overrides; identifiers stay as written.
    pub fn select(&self, report: &mut FileReport) {
        let config = self.config.as_deref();
        report
            .diagnostics
            .retain(|d| self.keeps(d.code, d.pointer()));
        if let Some(config) = config {
            for diagnostic in &mut report.diagnostics {
                if let Some(severity) = severity_override(config, diagnostic.code) {
                    diagnostic.severity = severity;
                }
            }
        }
        drop_structural_duplicates(&mut report.diagnostics);
    }

    /// Masks the report's identifiers unless they are to be shown: in its
    /// findings, and in its text when a renderer draws it.
    pub fn mask(&self, report: &mut FileReport, source_shown: bool) {
        match (self.show_identifiers, source_shown) {
            (true, _) => {}
            (false, true) => crate::mask::mask_report(report),
            (false, false) => crate::mask::mask_findings(report),
        }
    }

    /// Whether a finding of `code` at `pointer` in this file is shown.
    pub fn keeps(&self, code: &str, pointer: &str) -> bool {
        if !self.selection.is_enabled(code) {
            return false;
        }
        let config = self.config.as_deref();
        let per_file_ignored = config.is_some_and(|c| {
            c.per_file_ignores
                .iter()
                .filter(|(glob, _)| self.absolute.as_deref().is_some_and(|a| glob.matches(a)))
                .flat_map(|(_, codes)| codes)
                .any(|s| s.matches_code(code))
        });
        if per_file_ignored {
            return false;
        }
        let suppressed = config.is_some_and(|c| {
            c.suppress.iter().any(|s| {
                s.code.matches_code(code)
                    && s.path
                        .as_ref()
                        .is_none_or(|g| self.absolute.as_deref().is_some_and(|a| g.matches(a)))
                    && s.pointer.as_ref().is_none_or(|p| p.is_match(pointer))
            })
        });
        !suppressed
    }

    /// The severity a finding of `code` has in this file.
    pub fn severity(&self, code: &str, default: Severity) -> Severity {
        self.config
            .as_deref()
            .and_then(|config| severity_override(config, code))
            .unwrap_or(default)
    }
}

/// Drops a semantic finding that a shown structural finding (families
/// `F`, `S`, `Q`) already reports: same span and same pointer, i.e. the
/// same value or the same missing member. The structural one names the
/// root cause; two findings for one mistake is noise. Done after selection,
/// so that ignoring the structural rule shows the semantic one instead.
fn drop_structural_duplicates(diagnostics: &mut Vec<crate::diagnostic::Diagnostic>) {
    use crate::rules::Kind;
    let marked: crate::fast_hash::FastSet<(crate::source::Span, &str)> = diagnostics
        .iter()
        .filter(|d| d.family.kind() == Kind::Structural)
        .filter_map(|d| d.span().map(|span| (span, d.pointer())))
        .collect();
    if marked.is_empty() {
        return;
    }
    let keep: Vec<bool> = diagnostics
        .iter()
        .map(|d| {
            d.family.kind() != Kind::Semantic
                || d.span()
                    .is_none_or(|span| !marked.contains(&(span, d.pointer())))
        })
        .collect();
    let mut keep = keep.into_iter();
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}

/// The override for `code`: the most specific matching selector's, the
/// last one written on a tie.
fn severity_override(config: &Config, code: &str) -> Option<Severity> {
    config
        .severity
        .iter()
        .filter_map(|(selector, severity)| Some((selector.specificity_for(code)?, *severity)))
        .max_by_key(|(specificity, _)| *specificity)
        .map(|(_, severity)| severity)
}

/// Finds and caches the configuration of each input.
pub struct Resolver {
    source: ConfigSource,
    cli: CliSettings,
    /// Directory (and each ancestor looked at) → the configuration file
    /// governing it.
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file → its contents and the selection it makes.
    loaded: HashMap<PathBuf, (Arc<Config>, Arc<Selection>)>,
    /// Directory as written → resolved: resolving walks every component
    /// (a `readlink` each), and a run checks many files per directory.
    resolved_dirs: HashMap<PathBuf, Option<PathBuf>>,
    /// The last input's directory as written, with its absolute, resolved
    /// form and its configuration file. Inputs come sorted, so the files
    /// of a directory come together: the directory is made absolute (a
    /// `getcwd`) and looked up once, not once per file, which was a tenth
    /// of a 10,000-file run, all of it before the first file is read.
    last_dir: Option<DirSettings>,
    /// Resolved directory → its own configuration file, looked up ahead
    /// of the run by [`Resolver::prepare`].
    own_files: HashMap<PathBuf, Option<PathBuf>>,
    no_config: Arc<Selection>,
}

/// What the files of one directory share (see `Resolver::last_dir`).
struct DirSettings {
    written: PathBuf,
    resolved: PathBuf,
    config_path: Option<PathBuf>,
}

impl Resolver {
    pub fn new(source: ConfigSource, cli: CliSettings) -> Resolver {
        let no_config = Arc::new(Selection::new(
            cli.select.as_deref(),
            &cli.extend_select,
            &cli.ignore,
        ));
        Resolver {
            source,
            cli,
            by_dir: HashMap::new(),
            loaded: HashMap::new(),
            resolved_dirs: HashMap::new(),
            last_dir: None,
            own_files: HashMap::new(),
            no_config,
        }
    }

    /// Resolves the directories of `inputs` on up to `threads` threads,
    /// before [`Resolver::settings`] is asked about each file: their
    /// resolved form (a `readlink` per component) and, when configuration
    /// is discovered, whether each has a configuration file of its own
    /// (two `stat`s). One directory at a time on the main thread, this was
    /// most of the time before the first file was read (a run over
    /// 10,000 files in 1,258 directories); the answers are the same.
    pub fn prepare(&mut self, inputs: &[Input], threads: usize) {
        /// Fewer directories are not worth starting threads for.
        const PARALLEL_FROM: usize = 64;
        if matches!(self.source, ConfigSource::Isolated) {
            return;
        }
        let discover_config = matches!(self.source, ConfigSource::Discover);
        // One file per directory stands for it (inputs come sorted, so the
        // files of a directory come together).
        let mut firsts: Vec<&Path> = Vec::new();
        for input in inputs {
            if let Input::File { .. } = input
                && let Some(path) = input.path()
                && firsts
                    .last()
                    .is_none_or(|last| last.parent() != path.parent())
            {
                firsts.push(path);
            }
        }
        if firsts.len() < PARALLEL_FROM || threads < 2 {
            return;
        }
        let resolve = |path: &Path| -> Option<(PathBuf, Option<PathBuf>, Option<Option<PathBuf>>)> {
            // The same steps as `absolute_with`, so the same keys.
            let absolute = std::path::absolute(path).ok()?;
            let dir = absolute.parent()?;
            let resolved = dir.canonicalize().ok();
            let own = discover_config.then(|| config::own_file(resolved.as_deref().unwrap_or(dir)));
            Some((dir.to_path_buf(), resolved, own))
        };
        let found = crate::on_threads::map_in_order(&firsts, threads, |path| resolve(path));
        for (dir, resolved, own) in found.into_iter().flatten() {
            if let Some(own) = own {
                let key = resolved.clone().unwrap_or_else(|| dir.clone());
                self.own_files.insert(key, own);
            }
            self.resolved_dirs.insert(dir, resolved);
        }
        if discover_config {
            self.prepare_ancestors(threads);
        }
    }

    /// Looks up, on threads, the configuration files of the directories
    /// above those `prepare` resolved: a file inherits the nearest one, so
    /// each ancestor is asked once. Without this, the directories that
    /// hold only directories (1,920 of the 3,178 of a 10k-file run) were
    /// two `stat`s each on the main thread, before the first file was read.
    fn prepare_ancestors(&mut self, threads: usize) {
        let mut ancestors: Vec<&Path> = Vec::new();
        let mut seen: HashSet<&Path> = HashSet::new();
        for dir in self.own_files.keys() {
            for ancestor in dir.ancestors().skip(1) {
                if self.own_files.contains_key(ancestor) {
                    // Looked up already; its own ancestors may not be.
                    continue;
                }
                if !seen.insert(ancestor) {
                    // Every ancestor of a seen directory was seen with it.
                    break;
                }
                ancestors.push(ancestor);
            }
        }
        let found =
            crate::on_threads::map_in_order(&ancestors, threads, |dir| config::own_file(dir));
        let looked_up: Vec<(PathBuf, Option<PathBuf>)> = ancestors
            .iter()
            .map(|dir| dir.to_path_buf())
            .zip(found)
            .collect();
        self.own_files.extend(looked_up);
    }

    /// The settings of `input`, or `None` when its configuration excludes
    /// it; an invalid configuration file is an error.
    pub fn settings(&mut self, input: &Input) -> Result<Option<FileSettings>, ConfigError> {
        // `--isolated`: no configuration, so nothing asks where the file
        // is; resolving every directory (a `readlink` a component, and a
        // cache of them) was most of the start of a 100k-file run.
        if matches!(self.source, ConfigSource::Isolated) {
            return Ok(Some(FileSettings {
                config: None,
                selection: Arc::clone(&self.no_config),
                absolute: None,
                year: self.cli.year,
                show_identifiers: self.cli.show_identifiers,
            }));
        }
        let shown = match input {
            Input::File { .. } => input.path().map(Path::to_path_buf).unwrap_or_default(),
            Input::Stdin { display } => PathBuf::from(&**display),
        };
        let (absolute, config_path) = self.absolute_and_config(&shown);
        let (config, selection) = match config_path {
            Some(path) => {
                let (config, selection) = self.load(&path)?;
                (Some(config), selection)
            }
            None => (None, Arc::clone(&self.no_config)),
        };
        let absolute = absolute.unwrap_or_default();
        if config.as_ref().is_some_and(|c| c.excludes(&absolute)) {
            return Ok(None);
        }
        let year = self.cli.year.or(config.as_ref().and_then(|c| c.year));
        let show_identifiers = self.cli.show_identifiers
            || config
                .as_ref()
                .and_then(|c| c.show_identifiers)
                .unwrap_or(false);
        let matches_paths = config.as_ref().is_some_and(|c| {
            !c.per_file_ignores.is_empty() || c.suppress.iter().any(|s| s.path.is_some())
        });
        Ok(Some(FileSettings {
            config,
            selection,
            absolute: matches_paths.then_some(absolute),
            year,
            show_identifiers,
        }))
    }

    /// `shown` made absolute (as [`Self::absolute`]) and the configuration
    /// file that governs it, worked out once per directory of files. The
    /// absolute path is only for a configuration to match: with none, it
    /// may be left out (`None`), which spares a path per file.
    fn absolute_and_config(&mut self, shown: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
        // With a plain file name last, two files written in one directory
        // have the same absolute directory (`std::path::absolute` reads
        // components one by one).
        let same_dir = |dir: &Path, name: &std::ffi::OsStr| {
            let mut components = Path::new(name).components();
            !dir.as_os_str().is_empty()
                && matches!(
                    (components.next(), components.next()),
                    (Some(std::path::Component::Normal(_)), None)
                )
        };
        if let (Some(dir), Some(name)) = (shown.parent(), shown.file_name())
            && same_dir(dir, name)
        {
            if let Some(last) = &self.last_dir
                && last.written == dir
            {
                let config_path = last.config_path.clone();
                let absolute = config_path.is_some().then(|| last.resolved.join(name));
                return (absolute, config_path);
            }
            let absolute = self.absolute(shown);
            let config_path = self.config_path(&absolute);
            if let Some(resolved) = absolute.parent() {
                self.last_dir = Some(DirSettings {
                    written: dir.to_path_buf(),
                    resolved: resolved.to_path_buf(),
                    config_path: config_path.clone(),
                });
            }
            return (Some(absolute), config_path);
        }
        let absolute = self.absolute(shown);
        let config_path = self.config_path(&absolute);
        (Some(absolute), config_path)
    }

    /// The configuration file that governs the file at `absolute`.
    fn config_path(&mut self, absolute: &Path) -> Option<PathBuf> {
        match &self.source {
            ConfigSource::Isolated => None,
            ConfigSource::File(path) => Some(path.clone()),
            ConfigSource::Discover => {
                let dir = absolute
                    .parent()
                    .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
                config::find_for_dir_with(&dir, &mut self.by_dir, &self.own_files)
            }
        }
    }

    /// As [`absolute`], resolving each directory once per run.
    fn absolute(&mut self, path: &Path) -> PathBuf {
        absolute_with(path, |dir| {
            self.resolved_dirs
                .entry(dir.to_path_buf())
                .or_insert_with(|| dir.canonicalize().ok())
                .clone()
        })
    }

    fn load(&mut self, path: &Path) -> Result<(Arc<Config>, Arc<Selection>), ConfigError> {
        if let Some((config, selection)) = self.loaded.get(path) {
            return Ok((Arc::clone(config), Arc::clone(selection)));
        }
        let config = Arc::new(config::load(path)?);
        let select = self.cli.select.as_deref().or(config.select.as_deref());
        let extend: Vec<Selector> = config
            .extend_select
            .iter()
            .chain(&self.cli.extend_select)
            .cloned()
            .collect();
        let ignore: Vec<Selector> = config
            .ignore
            .iter()
            .chain(&self.cli.ignore)
            .cloned()
            .collect();
        let selection = Arc::new(Selection::new(select, &extend, &ignore));
        self.loaded.insert(
            path.to_path_buf(),
            (Arc::clone(&config), Arc::clone(&selection)),
        );
        Ok((config, selection))
    }
}

/// `path` made absolute, its directory resolved as configuration files'
/// directories are (symbolic links followed), so globs compare like with
/// like; the file name itself is kept.
fn absolute(path: &Path) -> PathBuf {
    absolute_with(path, |dir| dir.canonicalize().ok())
}

/// [`absolute`] with the directory resolved by `resolve_dir`.
fn absolute_with(path: &Path, resolve_dir: impl FnOnce(&Path) -> Option<PathBuf>) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => match resolve_dir(dir) {
            Some(dir) => dir.join(name),
            None => absolute.clone(),
        },
        _ => absolute,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str) -> Input {
        Input::file(PathBuf::from(path), path)
    }

    /// `--isolated`: every file gets the same settings, which the engine
    /// then holds once; a different year or masking is not the same.
    #[test]
    fn settings_of_one_configuration_are_the_same() {
        let mut resolver = Resolver::new(ConfigSource::Isolated, CliSettings::default());
        let a = resolver.settings(&input("a.json")).unwrap().unwrap();
        let b = resolver.settings(&input("dir/b.xml")).unwrap().unwrap();
        assert!(a.same_as(&b));
        let other_year = FileSettings {
            year: Some(2024),
            ..resolver.settings(&input("c.json")).unwrap().unwrap()
        };
        assert!(!a.same_as(&other_year));
        // A file's own path (globs to match) makes its settings its own.
        assert!(!a.same_as(&FileSettings::defaults(Path::new("a.json"))));
    }

    /// The files of one directory share its settings without each being
    /// looked up again; what each file gets is what a fresh lookup gives,
    /// its own path included, through a directory with its own
    /// configuration and one that excludes a file.
    #[test]
    fn files_of_one_directory_get_what_a_fresh_lookup_gives() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(
            dir.join("pilint.toml"),
            "year = 2024\nexclude = [\"**/skip.json\"]\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("a/b/pilint.toml"),
            "year = 2025\n[per-file-ignores]\n\"**/x.json\" = [\"S\"]\n",
        )
        .unwrap();
        let files = [
            "a/one.json",
            "a/two.json",
            "a/skip.json",
            "a/b/x.json",
            "a/b/y.json",
            "a/three.json",
        ];
        let mut shared = Resolver::new(ConfigSource::Discover, CliSettings::default());
        for file in files {
            let path = dir.join(file);
            let input = Input::file(path.clone(), file);
            let mut fresh = Resolver::new(ConfigSource::Discover, CliSettings::default());
            let expected = fresh.settings(&input).unwrap();
            let got = shared.settings(&input).unwrap();
            match (got, expected) {
                (Some(got), Some(expected)) => {
                    assert_eq!(got.year, expected.year, "{file}");
                    assert_eq!(got.absolute, expected.absolute, "{file}");
                    assert_eq!(got.config.is_some(), expected.config.is_some(), "{file}");
                }
                (None, None) => assert_eq!(file, "a/skip.json"),
                (got, expected) => panic!("{file}: {:?} / {:?}", got.is_some(), expected.is_some()),
            }
        }
    }

    /// Directories resolved ahead, on threads, give each file what a fresh
    /// lookup gives: through directories with and without a configuration
    /// of their own, and one reached through a symbolic link.
    #[test]
    fn prepared_directories_get_what_a_fresh_lookup_gives() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        let mut files = Vec::new();
        for i in 0..70 {
            let sub = format!("d{i:02}");
            std::fs::create_dir_all(dir.join(&sub)).unwrap();
            if i % 7 == 0 {
                std::fs::write(dir.join(&sub).join("pilint.toml"), "year = 2024\n").unwrap();
            }
            if i % 11 == 0 {
                std::fs::write(dir.join(&sub).join(".pilint.toml"), "year = 2025\n").unwrap();
            }
            files.push(format!("{sub}/a.json"));
            files.push(format!("{sub}/b.xml"));
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("d07"), dir.join("linked")).unwrap();
            files.push("linked/a.json".to_owned());
        }
        let inputs: Vec<Input> = files
            .iter()
            .map(|file| Input::file(dir.join(file), file.as_str()))
            .collect();
        let mut prepared = Resolver::new(ConfigSource::Discover, CliSettings::default());
        prepared.prepare(&inputs, 3);
        // One answer per resolved directory (`linked` is `d07`) and per
        // directory above them, up to the root.
        let resolved_root = dir.canonicalize().unwrap();
        assert_eq!(
            prepared.own_files.len(),
            70 + resolved_root.ancestors().count()
        );
        assert!(
            resolved_root
                .ancestors()
                .all(|ancestor| prepared.own_files.contains_key(ancestor))
        );
        for input in &inputs {
            let mut fresh = Resolver::new(ConfigSource::Discover, CliSettings::default());
            let expected = fresh.settings(input).unwrap().unwrap();
            let got = prepared.settings(input).unwrap().unwrap();
            let name = input.display();
            assert_eq!(got.year, expected.year, "{name}");
            assert_eq!(got.absolute, expected.absolute, "{name}");
            assert_eq!(
                got.config_path().map(Path::to_path_buf),
                expected.config_path().map(Path::to_path_buf),
                "{name}"
            );
        }
    }
}
