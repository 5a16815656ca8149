//! An output never replaces an input.
//!
//! `pilint check a.json --format json -o a.json` would truncate `a.json`
//! before reading it and leave the report in its place; so would an `-o`
//! that reaches a checked file through a symlink, or names a file that a
//! walk of an input directory finds. Before anything is opened for writing:
//!
//! - two `--output-file` naming one file (after resolving symlinks and
//!   `..`) are refused: both reports would be written into it, interleaved;
//! - an `--output-file` that is a file named on the command line is
//!   refused (exit 2);
//! - an `--output-file` that is a file found by walking a directory is
//!   refused too, unless it holds a report ([`crate::own_report`]): then
//!   it is this run's report from an earlier run (`pilint check . --format
//!   json -o report.json` run again), which is left out of the check with a
//!   note and replaced;
//! - standard output redirected to a walked file (`pilint check . >
//!   out.json`; the shell empties the file before pilint starts) leaves
//!   that file out; redirected to a file named on the command line, it is
//!   refused.

use std::path::{Path, PathBuf};

use crate::discover::{DiscoverError, Discovery, FileIdentity, Input, display_path, file_identity};

/// One place the run writes to (or a file of its own it reads, like a
/// baseline: not a submission either).
#[derive(Debug, Clone)]
pub struct Destination {
    /// The option that names it (`--output-file`, `--write-baseline`) and
    /// the path as the user wrote it, or `standard output`.
    pub shown: String,
    pub path: PathBuf,
    /// Standard output redirected to a file by the shell.
    pub stdout: bool,
}

impl Destination {
    /// An `--output-file`.
    pub fn file(path: &Path) -> Self {
        Self::named("--output-file", path)
    }

    /// A file named by `option` (`--write-baseline`, `--baseline`).
    pub fn named(option: &str, path: &Path) -> Self {
        Destination {
            shown: format!("{option} {}", path.display()),
            path: path.to_path_buf(),
            stdout: false,
        }
    }

    /// Standard output, when it is a regular file (a shell redirection).
    pub fn stdout() -> Option<Self> {
        // `/dev/stdout` resolves to whatever descriptor 1 is.
        let path = PathBuf::from("/dev/stdout");
        let real = path.canonicalize().ok()?;
        std::fs::metadata(&real)
            .ok()
            .filter(std::fs::Metadata::is_file)?;
        Some(Destination {
            shown: "standard output".to_owned(),
            path: real,
            stdout: true,
        })
    }
}

/// Where `path` will write: the canonical path of the file, or of its
/// directory joined with its name when the file does not exist yet.
fn canonical_target(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

/// Refuses what would write over an input, and leaves out of
/// `discovery.inputs` a walked file that is one of this run's reports (with
/// a note in `discovery.notes`). `paths` are the command line's paths;
/// `follow_links` whether the walk followed symlinks.
pub fn guard(
    destinations: &[Destination],
    paths: &[PathBuf],
    follow_links: bool,
    discovery: &mut Discovery,
) -> Result<(), String> {
    let mut targets: Vec<(&Destination, Option<PathBuf>)> = Vec::new();
    for destination in destinations {
        let target = canonical_target(&destination.path);
        if let Some(earlier) = targets
            .iter()
            .find(|(d, t)| !d.stdout && !destination.stdout && t.is_some() && *t == target)
        {
            return Err(format!(
                "{} and {} are the same file; each output needs its own",
                earlier.0.shown, destination.shown
            ));
        }
        targets.push((destination, target));
    }
    for (destination, target) in &targets {
        // A file that does not exist yet is no input.
        let (Some(target), Some(id)) = (target, file_identity(&destination.path)) else {
            continue;
        };
        if let Some(named) = named_input(paths, &id) {
            return Err(refusal(destination, &named));
        }
        let Some(at) = walked_input(paths, follow_links, target, &id, &discovery.inputs) else {
            continue;
        };
        let display = discovery.inputs[at].display().to_owned();
        let reason = if destination.stdout {
            "standard output is redirected to it".to_owned()
        } else {
            match crate::own_report::sniff(&destination.path) {
                Some(kind) => format!("it is this run's {}, holding {kind}", destination.shown),
                None => return Err(refusal(destination, &display)),
            }
        };
        discovery.inputs.remove(at);
        discovery.notes.push(DiscoverError {
            path: display,
            reason: format!("left out: {reason}"),
        });
    }
    Ok(())
}

fn refusal(destination: &Destination, input: &str) -> String {
    format!(
        "{} is {input}, a file this run checks; pilint never writes over an input",
        destination.shown
    )
}

/// The command-line path that is the file `id`, if any.
fn named_input(paths: &[PathBuf], id: &FileIdentity) -> Option<String> {
    paths
        .iter()
        .filter(|path| path.as_os_str() != "-" && path.is_file())
        .find(|path| file_identity(path).as_ref() == Some(id))
        .map(|path| display_path(path))
}

/// The index in `inputs` (sorted by display) of the walked file that is
/// `target`, if any.
fn walked_input(
    paths: &[PathBuf],
    follow_links: bool,
    target: &Path,
    id: &FileIdentity,
    inputs: &[Input],
) -> Option<usize> {
    if follow_links {
        // Through followed links any input may be the file: compare them
        // all (only runs with an output file and --follow-links pay this).
        return inputs.iter().position(|input| match input {
            Input::File { .. } => input.path().and_then(file_identity).as_ref() == Some(id),
            Input::Stdin { .. } => false,
        });
    }
    // Without links, a walk of `dir` reaches exactly the files whose
    // canonical path is canonical(dir)/rest, under the name dir/rest.
    paths.iter().filter(|path| path.is_dir()).find_map(|dir| {
        let rest = target.strip_prefix(dir.canonicalize().ok()?).ok()?;
        let shown = display_path(&dir.join(rest));
        inputs
            .binary_search_by(|input| input.display().cmp(&shown))
            .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::{DiscoverOptions, discover};

    fn run(dir: &Path, outputs: &[&str], paths: &[&str]) -> (Result<(), String>, Discovery) {
        let paths: Vec<PathBuf> = paths.iter().map(|p| dir.join(p)).collect();
        let mut discovery = discover(&paths, &DiscoverOptions::default());
        let destinations: Vec<Destination> = outputs
            .iter()
            .map(|o| Destination::file(&dir.join(o)))
            .collect();
        let result = guard(&destinations, &paths, false, &mut discovery);
        (result, discovery)
    }

    #[test]
    fn an_output_that_is_a_named_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        let (result, _) = run(dir.path(), &["a.json"], &["a.json"]);
        assert!(result.unwrap_err().contains("never writes over an input"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("a.json"), dir.path().join("link")).unwrap();
            let (result, _) = run(dir.path(), &["link"], &["a.json"]);
            assert!(result.is_err());
        }
    }

    #[test]
    fn an_output_found_by_a_walk_is_refused_unless_it_is_a_report() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.json"), "{\"entityType\": \"group\"}").unwrap();
        let (result, _) = run(dir.path(), &["sub/a.json"], &["."]);
        assert!(result.is_err());
        std::fs::write(
            dir.path().join("sub/report.json"),
            "{\"version\": 1, \"files\": []}",
        )
        .unwrap();
        let (result, discovery) = run(dir.path(), &["sub/report.json"], &["."]);
        result.unwrap();
        assert_eq!(discovery.inputs.len(), 1);
        assert!(discovery.notes[0].reason.contains("--output-file"));
    }

    #[test]
    fn two_outputs_naming_one_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("d")).unwrap();
        let (result, _) = run(dir.path(), &["d/r.sarif", "d/../d/r.sarif"], &["d"]);
        assert!(result.unwrap_err().contains("same file"));
        let (result, _) = run(dir.path(), &["d/r.sarif", "d/r.json"], &["d"]);
        result.unwrap();
    }
}
