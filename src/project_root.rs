//! The project root that report paths are relative to, so a finding has
//! one identity however its file was named.
//!
//! `fixtures/x.json`, `./fixtures/x.json`, `/home/me/repo/fixtures/x.json`
//! and `../repo/fixtures/x.json` from a sibling directory are one file: the
//! SARIF and GitLab reports, their fingerprints and the baseline name it
//! `fixtures/x.json`, relative to the root. GitLab requires relative paths;
//! code scanning and merge-request widgets match findings across runs by
//! fingerprint, so a fingerprint that changed with the working directory
//! made every finding look fixed and new again.
//!
//! The root, first match wins:
//! 1. `--project-root DIR`;
//! 2. `CI_PROJECT_DIR` (GitLab CI), then `GITHUB_WORKSPACE` (GitHub
//!    Actions): the checkout the CI system resolves reports against;
//! 3. the git top level: the nearest ancestor with a `.git` entry (a
//!    directory, or the file of a worktree or submodule), found by looking,
//!    without running git;
//! 4. the directory of the nearest `pilint.toml` / `.pilint.toml`;
//! 5. the working directory.
//!
//! 3 and 4 look upwards from the first path on the command line (so a run
//! from another directory finds the same root), or from the working
//! directory when there is none.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// Where the root came from, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootSource {
    Flag,
    Environment(&'static str),
    Git,
    Config,
    WorkingDirectory,
}

/// The project root of a run, and the working directory relative input
/// paths are resolved against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRoot {
    dir: PathBuf,
    cwd: PathBuf,
    source: RootSource,
}

/// The variables CI systems set to the checkout directory, in the order
/// they are honoured.
pub const ENV_VARS: [&str; 2] = ["CI_PROJECT_DIR", "GITHUB_WORKSPACE"];

impl ProjectRoot {
    /// The root of a run over `paths`, from the process's working
    /// directory and environment. Err: `--project-root` names no directory
    /// (a usage error), or the working directory is unknown.
    pub fn resolve(flag: Option<&Path>, paths: &[PathBuf]) -> Result<ProjectRoot, String> {
        let cwd = std::env::current_dir()
            .map_err(|err| format!("cannot read the working directory: {err}"))?;
        ProjectRoot::resolve_in(flag, paths, &cwd, |name| std::env::var_os(name))
    }

    /// [`ProjectRoot::resolve`] with the working directory and environment
    /// given (for tests).
    pub fn resolve_in(
        flag: Option<&Path>,
        paths: &[PathBuf],
        cwd: &Path,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Result<ProjectRoot, String> {
        let cwd = canonical(cwd);
        let found = |dir: PathBuf, source: RootSource| ProjectRoot {
            dir,
            cwd: cwd.clone(),
            source,
        };
        if let Some(flag) = flag {
            let dir = cwd.join(flag);
            if !dir.is_dir() {
                return Err(format!(
                    "--project-root {}: not a directory",
                    flag.display()
                ));
            }
            return Ok(found(canonical(&dir), RootSource::Flag));
        }
        for name in ENV_VARS {
            if let Some(value) = env(name).filter(|v| !v.is_empty()) {
                let dir = cwd.join(value);
                // A stale variable (a job that changed machines) is not a
                // reason to fail: the next rule applies.
                if dir.is_dir() {
                    return Ok(found(canonical(&dir), RootSource::Environment(name)));
                }
            }
        }
        let start = paths
            .iter()
            .find(|p| p.as_os_str() != "-")
            .map(|p| {
                let p = cwd.join(p);
                if p.is_dir() {
                    p
                } else {
                    p.parent().map_or_else(|| cwd.clone(), Path::to_path_buf)
                }
            })
            .unwrap_or_else(|| cwd.clone());
        let start = canonical(&start);
        if let Some(dir) = start.ancestors().find(|dir| dir.join(".git").exists()) {
            return Ok(found(dir.to_path_buf(), RootSource::Git));
        }
        if let Some(dir) = start.ancestors().find(|dir| {
            crate::config::FILE_NAMES
                .iter()
                .any(|name| dir.join(name).is_file())
        }) {
            return Ok(found(dir.to_path_buf(), RootSource::Config));
        }
        Ok(found(cwd.clone(), RootSource::WorkingDirectory))
    }

    /// A root at `dir` (absolute), with `cwd` the working directory.
    pub fn at(dir: impl Into<PathBuf>, cwd: impl Into<PathBuf>) -> ProjectRoot {
        ProjectRoot {
            dir: dir.into(),
            cwd: cwd.into(),
            source: RootSource::Flag,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn source(&self) -> RootSource {
        self.source
    }

    /// The root as a `file:` URI ending in `/` (SARIF's
    /// `originalUriBaseIds`).
    pub fn uri(&self) -> String {
        let mut path = slashed(&self.dir);
        if !path.ends_with('/') {
            path.push('/');
        }
        if !path.starts_with('/') {
            // A Windows drive: file:///C:/…
            path.insert(0, '/');
        }
        format!("file://{}", crate::project_root::percent_encode(&path))
    }
}

/// One file as reports name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Relative to the root, `/`-separated, when the file is inside it.
    pub relative: Option<String>,
    /// The absolute path, `/`-separated.
    pub absolute: String,
    /// Relative to the root with `..` steps when the file is outside it
    /// (GitLab takes only relative paths); the absolute path when there is
    /// no such path (another drive).
    pub outside: String,
}

impl Located {
    /// The name a fingerprint and a baseline entry use: the same whichever
    /// way the file was named on the command line.
    pub fn key(&self) -> &str {
        self.relative.as_deref().unwrap_or(&self.absolute)
    }

    /// A relative path if there is any (GitLab's `location.path`).
    pub fn relative_or_dotted(&self) -> &str {
        self.relative.as_deref().unwrap_or(&self.outside)
    }
}

/// Locates the files of a run, remembering each directory's resolved path
/// (a run names thousands of files in a few directories; resolving
/// symbolic links costs a system call per path component).
#[derive(Debug, Clone)]
pub struct Locator {
    root: ProjectRoot,
    directories: HashMap<PathBuf, PathBuf>,
}

impl Locator {
    pub fn new(root: ProjectRoot) -> Locator {
        Locator {
            root,
            directories: HashMap::new(),
        }
    }

    pub fn root(&self) -> &ProjectRoot {
        &self.root
    }

    /// Where the file shown as `display` is. Standard input without a name
    /// (`-`) stays `-`.
    pub fn locate(&mut self, display: &str) -> Located {
        if display == "-" {
            return Located {
                relative: Some("-".to_owned()),
                absolute: "-".to_owned(),
                outside: "-".to_owned(),
            };
        }
        let joined = self.root.cwd.join(display);
        let full = match (joined.parent(), joined.file_name()) {
            (Some(parent), Some(name)) => {
                let parent = self
                    .directories
                    .entry(parent.to_path_buf())
                    .or_insert_with(|| canonical(parent));
                parent.join(name)
            }
            // `..` or a root: nothing to resolve but the path itself.
            _ => canonical(&joined),
        };
        let relative = full
            .strip_prefix(&self.root.dir)
            .ok()
            .map(slashed)
            .filter(|r| !r.is_empty());
        let absolute = slashed(&full);
        let outside = dotted(&self.root.dir, &full).unwrap_or_else(|| absolute.clone());
        Located {
            relative,
            absolute,
            outside,
        }
    }
}

/// The path with symbolic links resolved when it exists, else made
/// absolute and cleaned of `.` and `..` by its text.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .map(strip_verbatim)
        .unwrap_or_else(|_| lexical(path))
}

/// Windows' canonical paths are `\\?\C:\…`; reports want `C:/…`.
fn strip_verbatim(path: PathBuf) -> PathBuf {
    let text = path.to_string_lossy();
    match text.strip_prefix(r"\\?\") {
        Some(rest) if !rest.starts_with("UNC") => PathBuf::from(rest),
        _ => path,
    }
}

fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `/`-separated, whatever the platform writes.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::RootDir => Some(String::new()),
            Component::Prefix(p) => Some(p.as_os_str().to_string_lossy().into_owned()),
            Component::CurDir => None,
            other => Some(other.as_os_str().to_string_lossy().into_owned()),
        })
        .collect();
    match parts.as_slice() {
        [only] if only.is_empty() => "/".to_owned(),
        _ => parts.join("/").replace("//", "/"),
    }
}

/// `full` relative to `root` with `..` steps; None when they share no
/// prefix (another drive).
fn dotted(root: &Path, full: &Path) -> Option<String> {
    let root: Vec<Component> = root.components().collect();
    let file: Vec<Component> = full.components().collect();
    let common = root.iter().zip(&file).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); root.len() - common];
    parts.extend(
        file[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(parts.join("/"))
}

/// Percent-encodes every byte outside RFC 3986's unreserved set and `/`
/// (and `:` for a drive letter), for URIs built from paths.
pub fn percent_encode(path: &str) -> String {
    percent_encode_keeping(path, b"-._~/:")
}

/// Percent-encodes every byte but ASCII letters, digits and `keep`.
pub fn percent_encode_keeping(path: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<OsString> {
        None
    }

    #[test]
    fn every_name_of_a_file_locates_to_one_relative_path() {
        let repo = tempfile::tempdir().unwrap();
        let repo_dir = canonical(repo.path());
        std::fs::create_dir_all(repo_dir.join(".git")).unwrap();
        std::fs::create_dir_all(repo_dir.join("fixtures/sub")).unwrap();
        std::fs::write(repo_dir.join("fixtures/x.json"), "{}").unwrap();
        let names = [
            (repo_dir.clone(), "fixtures/x.json".to_owned()),
            (repo_dir.clone(), "./fixtures/x.json".to_owned()),
            (repo_dir.clone(), "fixtures/sub/../x.json".to_owned()),
            (repo_dir.join("fixtures/sub"), "../x.json".to_owned()),
            (
                repo_dir.join("fixtures"),
                repo_dir.join("fixtures/x.json").display().to_string(),
            ),
        ];
        for (cwd, name) in names {
            let root =
                ProjectRoot::resolve_in(None, &[PathBuf::from(&name)], &cwd, no_env).unwrap();
            assert_eq!(root.source(), RootSource::Git, "{name} from {cwd:?}");
            let located = Locator::new(root).locate(&name);
            assert_eq!(located.key(), "fixtures/x.json", "{name} from {cwd:?}");
        }
    }

    #[test]
    fn without_git_the_nearest_configuration_then_the_working_directory() {
        let dir = tempfile::tempdir().unwrap();
        let base = canonical(dir.path());
        std::fs::create_dir_all(base.join("proj/a")).unwrap();
        std::fs::write(base.join("proj/pilint.toml"), "").unwrap();
        let root = ProjectRoot::resolve_in(None, &[PathBuf::from("proj/a/f.json")], &base, no_env)
            .unwrap();
        // No `.git` above a fresh temporary directory is assumed; if the
        // machine has one, it is the git rule that answered.
        if root.source() == RootSource::Config {
            assert_eq!(root.dir(), base.join("proj"));
            assert_eq!(Locator::new(root).locate("proj/a/f.json").key(), "a/f.json");
        }
        let root = ProjectRoot::resolve_in(None, &[], &base, no_env).unwrap();
        if root.source() == RootSource::WorkingDirectory {
            assert_eq!(root.dir(), base);
        }
    }

    #[test]
    fn flag_then_ci_variables_win() {
        let dir = tempfile::tempdir().unwrap();
        let base = canonical(dir.path());
        std::fs::create_dir_all(base.join("ci/sub")).unwrap();
        std::fs::create_dir_all(base.join("flag")).unwrap();
        let env = |name: &str| match name {
            "GITHUB_WORKSPACE" => Some(OsString::from(base.join("ci"))),
            _ => None,
        };
        let root = ProjectRoot::resolve_in(None, &[], &base, env).unwrap();
        assert_eq!(root.source(), RootSource::Environment("GITHUB_WORKSPACE"));
        assert_eq!(root.dir(), base.join("ci"));
        assert_eq!(Locator::new(root).locate("ci/sub/y.xml").key(), "sub/y.xml");

        let gitlab = |name: &str| match name {
            "CI_PROJECT_DIR" => Some(OsString::from(base.join("ci/sub"))),
            "GITHUB_WORKSPACE" => Some(OsString::from(base.join("ci"))),
            _ => None,
        };
        let root = ProjectRoot::resolve_in(None, &[], &base, gitlab).unwrap();
        assert_eq!(root.source(), RootSource::Environment("CI_PROJECT_DIR"));

        let root = ProjectRoot::resolve_in(Some(Path::new("flag")), &[], &base, env).unwrap();
        assert_eq!(root.source(), RootSource::Flag);
        let located = Locator::new(root).locate("ci/y.xml");
        assert_eq!(located.relative, None);
        assert_eq!(located.relative_or_dotted(), "../ci/y.xml");
        assert_eq!(located.key(), located.absolute);

        assert!(ProjectRoot::resolve_in(Some(Path::new("nowhere")), &[], &base, no_env).is_err());
    }

    #[test]
    fn root_uri_ends_in_a_slash_and_is_encoded() {
        let root = ProjectRoot::at("/srv/my repo", "/");
        assert_eq!(root.uri(), "file:///srv/my%20repo/");
        assert_eq!(ProjectRoot::at("/", "/").uri(), "file:///");
    }

    #[test]
    fn standard_input_keeps_its_name() {
        let mut locator = Locator::new(ProjectRoot::at("/r", "/r"));
        assert_eq!(locator.locate("-").key(), "-");
    }
}
