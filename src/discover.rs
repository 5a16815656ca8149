//! Finding the files to check: explicit files, walked directories, stdin.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

mod parallel_walk;

use crate::model::SourceFormat;

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file: the path to show in output (as the user would type it),
    /// shared with the file's report and with what the cross-file stage
    /// keeps of it; and the path to open, only where it is not that same
    /// text (`./a.json`, a `\\` separator, a name that is not UTF-8): a
    /// run over 100,000 files holds each path once. Built with
    /// [`Input::file`], opened at [`Input::path`].
    File {
        display: Arc<str>,
        opened: Option<PathBuf>,
    },
    /// Standard input, shown under `display` (`-` or `--stdin-filename`).
    Stdin { display: Arc<str> },
}

impl Input {
    pub fn display(&self) -> &str {
        self.shown()
    }

    /// A file at `path`, shown as `display`.
    pub fn file(path: PathBuf, display: impl Into<Arc<str>>) -> Input {
        let display = display.into();
        let opened = (*path.as_os_str() != *display).then_some(path);
        Input::File { display, opened }
    }

    /// The path to open; `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::File {
                opened: Some(path), ..
            } => Some(path),
            Input::File {
                display,
                opened: None,
            } => Some(Path::new(&**display)),
            Input::Stdin { .. } => None,
        }
    }

    /// The display name itself, to share instead of copy.
    pub fn shown(&self) -> &Arc<str> {
        match self {
            Input::File { display, .. } | Input::Stdin { display } => display,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    pub follow_links: bool,
    /// The name to show for `-`.
    pub stdin_filename: Option<String>,
}

/// A path that could not be walked: it does not exist, or a directory could
/// not be read. These make pilint exit with status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverError {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub errors: Vec<DiscoverError>,
    /// Files left out on purpose, with why (said on stderr; the exit code
    /// does not change): e.g. the report this very run writes.
    pub notes: Vec<DiscoverError>,
}

/// Directories never worth walking: build output, dependencies, VCS data.
const SKIPPED_DIRECTORIES: &[&str] = &["target", "node_modules", ".git"];

/// Expands `paths` (files, directories, `-`) into the inputs to check.
///
/// Directories are walked recursively for `*.json` and `*.xml`, skipping
/// hidden entries and [`SKIPPED_DIRECTORIES`]; a file named explicitly is
/// always checked whatever its extension. Inputs come sorted by the path
/// shown, so output is stable; a file named twice is checked once.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Discovery {
    discover_on_threads(paths, options, 1)
}

/// [`discover`], walking directories on up to `threads` threads; the
/// result is the same.
pub fn discover_on_threads(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    threads: usize,
) -> Discovery {
    let mut discovery = Discovery::default();
    // No path means the current directory, or stdin when it is named.
    let default_paths = [PathBuf::from(if options.stdin_filename.is_some() {
        "-"
    } else {
        "."
    })];
    let paths = if paths.is_empty() {
        &default_paths[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            let display = options
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "-".to_owned());
            discovery.inputs.push(Input::Stdin {
                display: display.into(),
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, options, threads, &mut discovery),
            Ok(meta) if meta.is_file() => discovery
                .inputs
                .push(Input::file(path.clone(), display_path(path))),
            // A FIFO, socket or device: reading could block forever (a FIFO
            // without a writer) or never end (a device), so it is refused;
            // `pilint check -` reads a pipe safely.
            Ok(_) => discovery.errors.push(DiscoverError {
                path: display_path(path),
                reason: "not a regular file (FIFO, socket or device); pipe it to `pilint check -` instead".to_owned(),
            }),
            Err(err) => discovery.errors.push(DiscoverError {
                path: display_path(path),
                reason: err.to_string(),
            }),
        }
    }
    // Before the de-duplication by name below, which would drop one.
    refuse_stdin_named_like_a_file(&mut discovery);
    // One global order, whatever the order of the arguments, so that runs
    // and their diffs are reproducible; a file named twice is checked once.
    discovery
        .inputs
        .sort_by(|a, b| a.display().cmp(b.display()));
    discovery.inputs.dedup_by(|a, b| a.display() == b.display());
    // One file under two spellings (`a.json`, its absolute path, a symlink
    // to it) is still one file: checked twice, it would be reported as
    // "submitted 2 times". Only several arguments or followed links can
    // reach a file twice; one walk without links never does, so a plain
    // `pilint check dir` pays nothing for this.
    if paths.len() > 1 || options.follow_links {
        dedup_by_identity(&mut discovery.inputs);
    }
    discovery
}

/// Keeps the first of the inputs that are the same file (same device and
/// inode, or the same canonical path where there are no inodes).
fn dedup_by_identity(inputs: &mut Vec<Input>) {
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| match input.path() {
        Some(path) => file_identity(path).is_none_or(|id| seen.insert(id)),
        None => true,
    });
}

/// What makes two paths the same file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileIdentity {
    Inode(u64, u64),
    Canonical(PathBuf),
}

/// The identity of the file `path` names (through symlinks), if it exists.
pub fn file_identity(path: &Path) -> Option<FileIdentity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path)
            .ok()
            .map(|meta| FileIdentity::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        path.canonicalize().ok().map(FileIdentity::Canonical)
    }
}

/// `--stdin-filename x.json` with `x.json` also on the command line: two
/// inputs shown under one name, whose findings no reader could tell apart
/// (and a tool applying fixes by path would write one over the other). The
/// file is checked; standard input is refused, which makes the exit 2.
fn refuse_stdin_named_like_a_file(discovery: &mut Discovery) {
    let files: Vec<(String, Option<FileIdentity>)> = discovery
        .inputs
        .iter()
        .filter_map(|input| match input {
            Input::Stdin { display } => Some((
                display_path(Path::new(&**display)),
                file_identity(Path::new(&**display)),
            )),
            Input::File { .. } => None,
        })
        .collect();
    if files.is_empty() {
        return;
    }
    let clashes = |name: &str, id: &Option<FileIdentity>| {
        discovery.inputs.iter().any(|input| match input {
            Input::File { display, .. } => {
                **display == *name || (id.is_some() && input.path().and_then(file_identity) == *id)
            }
            Input::Stdin { .. } => false,
        })
    };
    let refused: Vec<String> = files
        .iter()
        .filter(|(name, id)| clashes(name, id))
        .map(|(name, _)| name.clone())
        .collect();
    if refused.is_empty() {
        return;
    }
    discovery.inputs.retain(|input| {
        !matches!(input, Input::Stdin { display } if refused.contains(&display_path(Path::new(&**display))))
    });
    for name in refused {
        discovery.errors.push(DiscoverError {
            path: "-".to_owned(),
            reason: format!(
                "standard input is named {name} (--stdin-filename), and the file {name} is checked too; \
                 their findings could not be told apart: give standard input another name"
            ),
        });
    }
}

fn walk(root: &Path, options: &DiscoverOptions, threads: usize, discovery: &mut Discovery) {
    let found = if options.follow_links || threads < 2 {
        let mut found = Vec::new();
        walk_from(root, options.follow_links, &mut found);
        found
    } else {
        parallel_walk::walk(root, threads)
    };
    for item in found {
        match item {
            Ok(input) => discovery.inputs.push(input),
            Err(error) => discovery.errors.push(error),
        }
    }
}

/// Walks the tree under `root` on this thread, adding what it finds.
fn walk_from(root: &Path, follow_links: bool, found: &mut parallel_walk::Found) {
    let walker = WalkDir::new(root)
        .follow_links(follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped(entry));
    for entry in walker {
        take_entry(entry, root, found);
    }
}

/// What one entry of a walk under `root` adds: a file pilint reads, or an
/// error; directories and other files add nothing.
fn take_entry(
    entry: walkdir::Result<walkdir::DirEntry>,
    root: &Path,
    found: &mut parallel_walk::Found,
) {
    match entry {
        Ok(entry) => {
            // A directory named `x.json` is walked, never read.
            if entry.file_type().is_file() && detect_by_extension(entry.path()).is_some() {
                let display = display_path(entry.path());
                found.push(Ok(Input::file(entry.into_path(), display)));
            }
        }
        Err(err) => {
            let path = err.path().map_or_else(|| display_path(root), display_path);
            let reason = err
                .io_error()
                .map_or_else(|| err.to_string(), |io| io.to_string());
            found.push(Err(DiscoverError { path, reason }));
        }
    }
}

fn is_skipped(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.')
        || (entry.file_type().is_dir() && SKIPPED_DIRECTORIES.contains(&name.as_ref()))
}

/// The format a file's extension names, if pilint reads that extension.
pub fn detect_by_extension(path: &Path) -> Option<SourceFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "json" => Some(SourceFormat::Json),
        "xml" => Some(SourceFormat::Qrda3),
        _ => None,
    }
}

/// The format of a file: by extension, else by its start: an XML
/// declaration or a `<ClinicalDocument` root is QRDA III; everything else is
/// read as JSON, whose parser then says what is wrong.
pub fn detect_format(name: &str, text: &str) -> SourceFormat {
    detect_by_extension(Path::new(name)).unwrap_or_else(|| {
        let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        if start.starts_with("<?xml") || start.starts_with("<ClinicalDocument") {
            SourceFormat::Qrda3
        } else {
            SourceFormat::Json
        }
    })
}

/// Paths are shown as given, with `/` separators and without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let lossy = path.to_string_lossy();
    // Exact-size: one is held per input for the whole run (`replace`
    // would leave room to grow).
    let shown = if lossy.contains('\\') {
        lossy.replace('\\', "/")
    } else {
        lossy.into_owned()
    };
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_extension_then_by_content() {
        assert_eq!(detect_format("a.JSON", "<"), SourceFormat::Json);
        assert_eq!(detect_format("a.xml", "{"), SourceFormat::Qrda3);
        assert_eq!(detect_format("a.txt", "  <?xml"), SourceFormat::Qrda3);
        assert_eq!(detect_format("-", "{}"), SourceFormat::Json);
        assert_eq!(
            detect_format(
                "qrda",
                "\u{feff}<ClinicalDocument xmlns=\"urn:hl7-org:v3\">"
            ),
            SourceFormat::Qrda3
        );
        assert_eq!(detect_format("a.txt", "<html>"), SourceFormat::Json);
    }

    #[test]
    fn display_path_drops_leading_dot_slash() {
        assert_eq!(display_path(Path::new("./a/b.json")), "a/b.json");
        assert_eq!(display_path(Path::new(".")), ".");
    }

    /// The walk on several threads finds what the walk on one finds, in
    /// the same order: files beside directories of a similar name, hidden
    /// and skipped directories, a file named like a directory, deep and
    /// shallow subtrees, a symbolic link to a directory (not followed).
    #[test]
    fn walking_on_threads_finds_what_one_thread_finds() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        let mut made = Vec::new();
        for i in 0..30 {
            made.push(format!("org-{i:02}/tin-{i}/2025/a.json"));
            made.push(format!("org-{i:02}/tin-{i}/b.xml"));
            made.push(format!("org-{i:02}.json"));
        }
        made.extend([
            "deep/1/2/3/4/5/c.json".to_owned(),
            "deep/1/2/3/4/5/d.txt".to_owned(),
            ".hidden/e.json".to_owned(),
            "node_modules/f.json".to_owned(),
            "g.xml/h.json".to_owned(),
            "a-b/i.json".to_owned(),
            "a/j.json".to_owned(),
            "a.json".to_owned(),
        ]);
        for file in &made {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("deep"), dir.join("linked")).unwrap();
        for paths in [
            vec![dir.to_path_buf()],
            vec![dir.join("deep"), dir.join("org-03")],
        ] {
            let walk = |threads| {
                let found = discover_on_threads(&paths, &DiscoverOptions::default(), threads);
                (found.inputs, found.errors)
            };
            let one = walk(0);
            assert!(!one.0.is_empty());
            for threads in [2, 3, 8] {
                assert_eq!(walk(threads), one, "{threads} threads");
            }
        }
        let everything = discover_on_threads(&[dir.to_path_buf()], &DiscoverOptions::default(), 2);
        // 30 × 3, the deep one, g.xml/h.json, a-b, a/j.json and a.json.
        assert_eq!(everything.inputs.len(), 95);
    }
}
