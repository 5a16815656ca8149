//! `pilint.toml`: the project's settings, read with the `toml` crate.
//!
//! The file nearest to a checked file wins (`pilint.toml`, else
//! `.pilint.toml`, in its directory or the closest ancestor); nothing is
//! merged implicitly, and there is no user-level file, so CI never depends
//! on a home directory. `extend = "path"` inherits another file explicitly.
//! Globs are relative to the directory of the file that writes them.
//!
//! An invalid file stops the run (exit 2) with its path, line, column and
//! the reason: a linter silently ignoring half its configuration is worse
//! than one that refuses to run.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::select::Selector;

/// The names a configuration file may have, in the order they are looked
/// for in each directory.
pub const FILE_NAMES: &[&str] = &["pilint.toml", ".pilint.toml"];

/// How many `extend` links a chain may have; more is surely a mistake.
const MAX_EXTEND_DEPTH: usize = 16;

/// One key of the file, as `pilint config` lists it.
pub struct KeyDoc {
    pub key: &'static str,
    pub kind: &'static str,
    pub default: &'static str,
    pub meaning: &'static str,
}

/// Every key the file accepts (a test keeps this in step with the parser).
pub const KEYS: &[KeyDoc] = &[
    KeyDoc {
        key: "extend",
        kind: "path",
        default: "none",
        meaning: "Inherit another configuration file (relative to this one); this file's keys win, tables merge by key, suppressions add up.",
    },
    KeyDoc {
        key: "year",
        kind: "integer",
        default: "each file's own performance year",
        meaning: "Apply this performance year's rules to every file (`--year` overrides it).",
    },
    KeyDoc {
        key: "select",
        kind: "list of selectors",
        default: "[\"ALL\"]",
        meaning: "The rules that report: codes (`C001`), code prefixes, i.e. families (`C`), rule names (`cehrt-id-lowercase`) or `ALL`. `--select` replaces it.",
    },
    KeyDoc {
        key: "extend-select",
        kind: "list of selectors",
        default: "[]",
        meaning: "Rules added to `select`.",
    },
    KeyDoc {
        key: "ignore",
        kind: "list of selectors",
        default: "[]",
        meaning: "Rules that do not report; the most specific of `select` and `ignore` wins, `ignore` on a tie. `--ignore` adds to it.",
    },
    KeyDoc {
        key: "exclude",
        kind: "list of globs",
        default: "[]",
        meaning: "Files not checked, even when named on the command line (so pre-commit hooks honour it). A glob without `/` matches a file or directory name anywhere; `*` stays within one directory, `**` crosses them.",
    },
    KeyDoc {
        key: "per-file-ignores",
        kind: "table: glob → list of selectors",
        default: "{}",
        meaning: "Rules that do not report in the files a glob matches.",
    },
    KeyDoc {
        key: "severity",
        kind: "table: selector → \"error\" | \"warning\" | \"info\"",
        default: "{}",
        meaning: "Severity overrides; they apply before the exit code is computed (`--fail-on`).",
    },
    KeyDoc {
        key: "suppress",
        kind: "array of tables {code, path, pointer, reason}",
        default: "[]",
        meaning: "Individual findings not reported: `code` is a selector, `path` a glob (default: every file), `pointer` a glob over the JSON Pointer or XPath (default: any), `reason` free text. No submission needs editing.",
    },
    KeyDoc {
        key: "show-identifiers",
        kind: "boolean",
        default: "false",
        meaning: "Show TINs and NPIs in full; by default every format masks them (`*****6789`). `--show-identifiers` sets it.",
    },
];

/// A configuration file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    /// 1-based; 0 when the problem is not at a place in the file (it could
    /// not be read).
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.reason)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.reason
            )
        }
    }
}

/// A glob and the directory it is relative to.
#[derive(Debug, Clone)]
pub struct PathGlob {
    pub text: String,
    base: PathBuf,
    matcher: GlobMatcher,
    /// No `/`: the glob names a file or directory anywhere below `base`.
    anywhere: bool,
}

impl PathGlob {
    fn new(text: &str, base: &Path) -> Result<PathGlob, String> {
        let trimmed = text.strip_prefix("./").unwrap_or(text);
        let trimmed = trimmed.trim_end_matches('/');
        let glob = GlobBuilder::new(trimmed)
            .literal_separator(true)
            .build()
            .map_err(|err| format!("`{text}` is not a valid glob: {}", err.kind()))?;
        Ok(PathGlob {
            text: text.to_owned(),
            base: base.to_path_buf(),
            matcher: glob.compile_matcher(),
            anywhere: !trimmed.contains('/'),
        })
    }

    /// Whether the glob matches `file` (an absolute path) or a directory
    /// above it, below the glob's base directory.
    pub fn matches(&self, file: &Path) -> bool {
        let Ok(relative) = file.strip_prefix(&self.base) else {
            return false;
        };
        let mut prefix = PathBuf::new();
        for component in relative.components() {
            prefix.push(component);
            if self.matcher.is_match(&prefix)
                || (self.anywhere && self.matcher.is_match(Path::new(component.as_os_str())))
            {
                return true;
            }
        }
        false
    }
}

/// One `[[suppress]]` entry.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub code: Selector,
    pub path: Option<PathGlob>,
    pub pointer: Option<GlobMatcher>,
    pub reason: Option<String>,
}

/// A configuration file, read and checked, with its `extend` chain applied.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from (as given or found).
    pub path: PathBuf,
    pub year: Option<i64>,
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    pub exclude: Vec<PathGlob>,
    pub per_file_ignores: Vec<(PathGlob, Vec<Selector>)>,
    pub severity: Vec<(Selector, Severity)>,
    pub suppress: Vec<Suppression>,
    pub show_identifiers: Option<bool>,
}

impl Config {
    /// Whether `exclude` names `file` (absolute) or a directory above it.
    pub fn excludes(&self, file: &Path) -> bool {
        self.exclude.iter().any(|glob| glob.matches(file))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    extend: Option<Spanned<String>>,
    year: Option<Spanned<i64>>,
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<Level>>>,
    suppress: Option<Vec<RawSuppression>>,
    show_identifiers: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppression {
    code: Spanned<String>,
    path: Option<Spanned<String>>,
    pointer: Option<Spanned<String>>,
    reason: Option<String>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Self {
        match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// Reads the configuration file at `path`, following `extend`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    load_chain(path, &mut Vec::new())
}

fn load_chain(path: &Path, seen: &mut Vec<PathBuf>) -> Result<Config, ConfigError> {
    let shown = path.display().to_string();
    let whole = |reason: String| ConfigError {
        path: shown.clone(),
        line: 0,
        column: 0,
        reason,
    };
    let canonical = path
        .canonicalize()
        .map_err(|err| whole(format!("cannot read: {err}")))?;
    if seen.contains(&canonical) {
        return Err(whole("`extend` makes a cycle back to this file".to_owned()));
    }
    if seen.len() >= MAX_EXTEND_DEPTH {
        return Err(whole(format!(
            "`extend` chain longer than {MAX_EXTEND_DEPTH} files"
        )));
    }
    seen.push(canonical.clone());
    // Bounded and regular: `extend = "/dev/zero"` or a FIFO must end the
    // run with a message, not exhaust memory or hang it.
    let text = crate::bounded::read_regular_text(path, crate::bounded::MAX_CONFIG_SIZE)
        .map_err(|err| whole(format!("cannot read: {err}")))?;
    let base = canonical
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let at = |span: std::ops::Range<usize>, reason: String| {
        let (line, column) = line_col(&text, span.start);
        ConfigError {
            path: shown.clone(),
            line,
            column,
            reason,
        }
    };
    let raw: RawConfig = toml::from_str(&text).map_err(|err| {
        let span = err.span().unwrap_or(0..0);
        at(span, err.message().trim().to_owned())
    })?;

    let mut config = match &raw.extend {
        Some(extend) => {
            let parent_path = base.join(extend.get_ref());
            load_chain(&parent_path, seen)
                .map_err(|err| at(extend.span(), format!("in the file `extend` names: {err}")))?
        }
        None => Config::default(),
    };
    config.path = path.to_path_buf();

    let selectors = |list: &[Spanned<String>]| -> Result<Vec<Selector>, ConfigError> {
        list.iter()
            .map(|s| Selector::parse(s.get_ref()).map_err(|reason| at(s.span(), reason)))
            .collect()
    };
    if let Some(year) = &raw.year {
        let supported = crate::catalog::supported_years();
        let value = *year.get_ref();
        if !supported.iter().any(|y| i64::from(*y) == value) {
            return Err(at(
                year.span(),
                format!(
                    "pilint has no rules for performance year {value}; supported: {}",
                    supported
                        .iter()
                        .map(u16::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        config.year = Some(value);
    }
    if let Some(select) = &raw.select {
        config.select = Some(selectors(select)?);
    }
    if let Some(extend_select) = &raw.extend_select {
        config.extend_select = selectors(extend_select)?;
    }
    if let Some(ignore) = &raw.ignore {
        config.ignore = selectors(ignore)?;
    }
    if let Some(exclude) = &raw.exclude {
        config.exclude = exclude
            .iter()
            .map(|g| PathGlob::new(g.get_ref(), &base).map_err(|reason| at(g.span(), reason)))
            .collect::<Result<_, _>>()?;
    }
    if let Some(table) = &raw.per_file_ignores {
        for (glob, codes) in table {
            let glob = PathGlob::new(glob.get_ref(), &base).map_err(|r| at(glob.span(), r))?;
            let codes = selectors(codes)?;
            config.per_file_ignores.retain(|(g, _)| g.text != glob.text);
            config.per_file_ignores.push((glob, codes));
        }
    }
    if let Some(table) = &raw.severity {
        for (selector, level) in table {
            let parsed = Selector::parse(selector.get_ref())
                .map_err(|reason| at(selector.span(), reason))?;
            config.severity.retain(|(s, _)| s.text != parsed.text);
            config.severity.push((parsed, (*level.get_ref()).into()));
        }
    }
    if let Some(entries) = &raw.suppress {
        for entry in entries {
            let code = Selector::parse(entry.code.get_ref())
                .map_err(|reason| at(entry.code.span(), reason))?;
            let path = match &entry.path {
                Some(p) => Some(PathGlob::new(p.get_ref(), &base).map_err(|r| at(p.span(), r))?),
                None => None,
            };
            let pointer = match &entry.pointer {
                Some(p) => Some(pointer_glob(p.get_ref()).map_err(|r| at(p.span(), r))?),
                None => None,
            };
            config.suppress.push(Suppression {
                code,
                path,
                pointer,
                reason: entry.reason.clone(),
            });
        }
    }
    if let Some(show) = raw.show_identifiers {
        config.show_identifiers = Some(show);
    }
    Ok(config)
}

/// A pointer glob: `*` stays within one `/` segment, `**` crosses them.
fn pointer_glob(text: &str) -> Result<GlobMatcher, String> {
    let glob: Glob = GlobBuilder::new(text)
        .literal_separator(true)
        .build()
        .map_err(|err| format!("`{text}` is not a valid pointer glob: {}", err.kind()))?;
    Ok(glob.compile_matcher())
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The configuration file that governs files in `dir`: the first of
/// [`FILE_NAMES`] in `dir` or its nearest ancestor.
pub fn find_for_dir(dir: &Path) -> Option<PathBuf> {
    find_for_dir_in(dir, &mut HashMap::new())
}

/// As [`find_for_dir`], with the answer for `dir` and for every ancestor
/// it looked at kept in `known`: a run over thousands of sibling
/// directories then looks in each directory once, not once per descendant
/// (two failed `stat`s per ancestor per directory were most of a run's
/// system calls).
pub fn find_for_dir_in(
    dir: &Path,
    known: &mut HashMap<PathBuf, Option<PathBuf>>,
) -> Option<PathBuf> {
    find_for_dir_with(dir, known, &HashMap::new())
}

/// The first of [`FILE_NAMES`] in `dir` itself (not its ancestors).
pub fn own_file(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// As [`find_for_dir_in`], with [`own_file`] already looked up for the
/// directories in `looked_up` (in parallel, before the run: see
/// `Resolver::prepare`), so those are not asked again.
pub fn find_for_dir_with(
    dir: &Path,
    known: &mut HashMap<PathBuf, Option<PathBuf>>,
    looked_up: &HashMap<PathBuf, Option<PathBuf>>,
) -> Option<PathBuf> {
    // The directories from `dir` up to the first one already known.
    let mut unknown = Vec::new();
    let mut inherited = None;
    for ancestor in dir.ancestors() {
        if let Some(found) = known.get(ancestor) {
            inherited = found.clone();
            break;
        }
        unknown.push(ancestor);
    }
    // Resolve them from the top down: each has its own file or inherits.
    for ancestor in unknown.into_iter().rev() {
        let own = match looked_up.get(ancestor) {
            Some(own) => own.clone(),
            None => own_file(ancestor),
        };
        if own.is_some() {
            inherited = own;
        }
        known.insert(ancestor.to_path_buf(), inherited.clone());
    }
    inherited
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn nearest_configuration_is_found_once_per_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let top = write(&root, "pilint.toml", "");
        let inner = write(&root.join("a/c"), ".pilint.toml", "");
        std::fs::create_dir_all(root.join("a/b/d")).unwrap();
        let mut known = HashMap::new();
        assert_eq!(
            find_for_dir_in(&root.join("a/b"), &mut known),
            Some(top.clone())
        );
        assert_eq!(known.get(&root.join("a")), Some(&Some(top.clone())));
        assert_eq!(
            find_for_dir_in(&root.join("a/c"), &mut known),
            Some(inner.clone())
        );
        assert_eq!(
            find_for_dir_in(&root.join("a/b/d"), &mut known),
            Some(top.clone())
        );
        // The answers agree with a fresh search of every directory.
        for (dir, found) in &known {
            assert_eq!(&find_for_dir(dir), found, "{}", dir.display());
        }
    }

    #[test]
    fn every_documented_key_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "base.toml", "ignore = [\"C003\"]\n");
        let path = write(
            dir.path(),
            "pilint.toml",
            r#"
extend = "base.toml"
year = 2025
select = ["ALL"]
extend-select = ["C"]
ignore = ["I005"]
exclude = ["vendor"]
show-identifiers = true
[per-file-ignores]
"legacy/*.json" = ["C004"]
[severity]
C003 = "error"
[[suppress]]
code = "M007"
path = "a.json"
pointer = "/measurementSets/*/measurements/**"
reason = "known"
"#,
        );
        let text = std::fs::read_to_string(&path).unwrap();
        for key in KEYS {
            assert!(
                text.lines().any(|l| l.starts_with(&format!("{} ", key.key))
                    || l == format!("[{}]", key.key)
                    || l == format!("[[{}]]", key.key)),
                "the test file uses `{}`",
                key.key
            );
        }
        let config = load(&path).unwrap();
        assert_eq!(config.year, Some(2025));
        assert_eq!(config.ignore.len(), 1);
        assert_eq!(config.show_identifiers, Some(true));
        assert_eq!(config.suppress.len(), 1);
    }

    #[test]
    fn errors_name_the_line_and_reason() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            (
                "select = [\"C\"]\nignore = [\"nope\"]\n",
                2,
                "not a rule code",
            ),
            ("\nyear = 1999\n", 2, "no rules for performance year 1999"),
            ("colour = true\n", 1, "unknown field `colour`"),
            ("[severity]\nC003 = \"loud\"\n", 2, "unknown variant `loud`"),
            ("exclude = [\"a[\"]\n", 1, "not a valid glob"),
            ("select = [\n", 1, ""),
        ];
        for (text, line, reason) in cases {
            let path = write(dir.path(), "pilint.toml", text);
            let err = load(&path).unwrap_err();
            assert_eq!(err.line, line, "{text}: {err}");
            assert!(err.reason.contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn extend_cycles_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.toml", "extend = \"b.toml\"\n");
        let b = write(dir.path(), "b.toml", "extend = \"a.toml\"\n");
        let err = load(&b).unwrap_err();
        assert!(err.to_string().contains("cycle"), "{err}");
    }

    #[test]
    fn globs_are_relative_to_their_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let glob = PathGlob::new("legacy/*.json", &root).unwrap();
        assert!(glob.matches(&root.join("legacy/a.json")));
        assert!(!glob.matches(&root.join("legacy/deep/a.json")));
        assert!(!glob.matches(&root.join("other/legacy/a.json")));
        let anywhere = PathGlob::new("vendor", &root).unwrap();
        assert!(anywhere.matches(&root.join("x/vendor/a.json")));
        assert!(!anywhere.matches(&root.join("x/vendors/a.json")));
    }
}
