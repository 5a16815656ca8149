//! A baseline: the findings a corpus already had when pilint was adopted,
//! so a run reports only new ones.
//!
//! `pilint check --write-baseline FILE PATH…` records every finding of the
//! run; `pilint check --baseline FILE PATH…` drops the findings the file
//! records and says which of its entries no finding matched any more
//! (fixed since: stale). An entry is keyed like the SARIF and GitLab
//! fingerprints ([`crate::render::fingerprint`]): rule code, path relative
//! to the project root ([`crate::project_root`]) and JSON Pointer or
//! XPath, never the line, so editing another part of a file keeps its
//! entries; `count` says how many findings of that key it stands for.
//!
//! The file is JSON, sorted by path, code and pointer so that its diffs
//! review well, and holds no message: messages carry values from the
//! submissions (identifiers, with `--show-identifiers` unmasked), which
//! have no place in a file kept in version control.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::project_root::{Locator, ProjectRoot};

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// (path, code, pointer): sorts a file's entries together.
type Key = (String, String, String);

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileOut {
    /// Always "pilint": tells the file from any other JSON.
    tool: String,
    version: u32,
    findings: Vec<EntryOut>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryOut {
    path: String,
    code: String,
    /// The rule's name, for whoever reads the file; not matched on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    pointer: String,
    count: usize,
}

#[derive(Debug, Default)]
struct Entry {
    name: String,
    /// Findings of this key the baseline stands for.
    count: usize,
    /// Findings of this key seen in this run.
    matched: usize,
}

#[derive(Debug)]
enum Mode {
    /// `--baseline`: drop what the file records.
    Check,
    /// `--write-baseline`: record everything, then write the file.
    Write,
}

/// A baseline being applied to a run, or recorded from it.
#[derive(Debug)]
pub struct Baseline {
    file: PathBuf,
    mode: Mode,
    entries: BTreeMap<Key, Entry>,
    /// The root-relative paths this run checked: only their entries can
    /// be stale (a run over part of the corpus says nothing of the rest).
    checked: BTreeSet<String>,
    locator: Locator,
}

/// A baseline entry no finding matched in a file the run checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub path: String,
    pub code: String,
    pub pointer: String,
    /// How many of the entry's findings are gone.
    pub fixed: usize,
}

/// What a run did with its baseline.
#[derive(Debug, Default)]
pub struct Outcome {
    /// `--write-baseline`: how many findings the file records.
    pub written: Option<usize>,
    /// `--baseline`: how many findings it dropped.
    pub dropped: usize,
    pub stale: Vec<Stale>,
}

impl Baseline {
    /// The baseline `--baseline` (read) or `--write-baseline` (recorded)
    /// names, if any. Err: the file to read is missing or malformed.
    pub fn from_flags(
        read: Option<&Path>,
        write: Option<&Path>,
        root: &ProjectRoot,
    ) -> Result<Option<Baseline>, String> {
        match (read, write) {
            (Some(file), _) => Baseline::read(file, root.clone()).map(Some),
            (None, Some(file)) => Ok(Some(Baseline::record(file, root.clone()))),
            (None, None) => Ok(None),
        }
    }

    /// `--baseline FILE`: reads the file. Err (a usage error: exit 2) when
    /// it is missing or is not a pilint baseline of this version.
    pub fn read(file: &Path, root: ProjectRoot) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|err| format!("cannot read the baseline {}: {err}", file.display()))?;
        let parsed: FileOut = serde_json::from_str(&text).map_err(|err| {
            format!(
                "{}: not a pilint baseline ({err}); `pilint check --write-baseline {}` writes one",
                file.display(),
                file.display()
            )
        })?;
        if parsed.tool != "pilint" || parsed.version != VERSION {
            return Err(format!(
                "{}: not a pilint baseline of version {VERSION} (tool {:?}, version {})",
                file.display(),
                parsed.tool,
                parsed.version
            ));
        }
        let mut entries = BTreeMap::new();
        for entry in parsed.findings {
            if entry.count == 0 {
                return Err(format!(
                    "{}: the entry {} {} {:?} has count 0",
                    file.display(),
                    entry.code,
                    entry.path,
                    entry.pointer
                ));
            }
            let slot: &mut Entry = entries
                .entry((entry.path, entry.code, entry.pointer))
                .or_default();
            slot.count += entry.count;
            slot.name = entry.name;
        }
        Ok(Baseline {
            file: file.to_path_buf(),
            mode: Mode::Check,
            entries,
            checked: BTreeSet::new(),
            locator: Locator::new(root),
        })
    }

    /// `--write-baseline FILE`: records the run's findings, for
    /// [`Baseline::finish`] to write.
    pub fn record(file: &Path, root: ProjectRoot) -> Baseline {
        Baseline {
            file: file.to_path_buf(),
            mode: Mode::Write,
            entries: BTreeMap::new(),
            checked: BTreeSet::new(),
            locator: Locator::new(root),
        }
    }

    /// Drops the report's findings the baseline stands for (recording
    /// them all when writing one: the run then shows what a run with the
    /// new baseline would).
    pub fn filter(&mut self, report: &mut FileReport) {
        let path = report.path().to_owned();
        // Checked even without findings: its entries are then stale.
        let key = self.locator.locate(&path).key().to_owned();
        self.checked.insert(key.clone());
        self.retain(&mut report.diagnostics, Some((path, key)));
    }

    /// The same for the run's cross-file findings, each keyed on the place
    /// it is about.
    pub fn filter_cross_file(&mut self, findings: &mut Vec<Diagnostic>) {
        self.retain(findings, None);
    }

    /// Keeps the findings the baseline does not stand for; a finding's
    /// file is the one its primary label names, else the reported file
    /// (`file`: its name and key).
    fn retain(&mut self, findings: &mut Vec<Diagnostic>, file: Option<(String, String)>) {
        let path = file
            .as_ref()
            .map_or("", |(path, _)| path.as_str())
            .to_owned();
        let mode = &self.mode;
        let entries = &mut self.entries;
        let locator = &mut self.locator;
        let checked = &mut self.checked;
        // Findings of one file come together: its key is worked out once.
        let mut last = file;
        findings.retain(|d| {
            let display = d.primary.site().map_or(path.as_str(), |site| &site.path);
            let key = match &last {
                Some((shown, key)) if shown == display => key.clone(),
                _ => {
                    let key = locator.locate(display).key().to_owned();
                    checked.insert(key.clone());
                    last = Some((display.to_owned(), key.clone()));
                    key
                }
            };
            !take(mode, entries, &key, d.code, d.name, d.pointer())
        });
    }

    /// Writes the file (`--write-baseline`), or lists the stale entries
    /// (`--baseline`). Err: the file could not be written.
    pub fn finish(self) -> Result<Outcome, String> {
        match self.mode {
            Mode::Write => {
                let findings: Vec<EntryOut> = self
                    .entries
                    .into_iter()
                    .map(|((path, code, pointer), entry)| EntryOut {
                        path,
                        code,
                        name: entry.name,
                        pointer,
                        count: entry.matched,
                    })
                    .collect();
                let written = findings.iter().map(|e| e.count).sum();
                let document = FileOut {
                    tool: "pilint".to_owned(),
                    version: VERSION,
                    findings,
                };
                let text =
                    serde_json::to_string_pretty(&document).map_err(|err| err.to_string())? + "\n";
                std::fs::write(&self.file, text).map_err(|err| {
                    format!("cannot write the baseline {}: {err}", self.file.display())
                })?;
                Ok(Outcome {
                    written: Some(written),
                    ..Outcome::default()
                })
            }
            Mode::Check => {
                let dropped = self.entries.values().map(|e| e.matched).sum();
                let stale = self
                    .entries
                    .into_iter()
                    .filter(|((path, _, _), entry)| {
                        entry.matched < entry.count && self.checked.contains(path)
                    })
                    .map(|((path, code, pointer), entry)| Stale {
                        path,
                        code,
                        pointer,
                        fixed: entry.count - entry.matched,
                    })
                    .collect();
                Ok(Outcome {
                    written: None,
                    dropped,
                    stale,
                })
            }
        }
    }

    /// The file's name, for messages.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

/// Whether the baseline takes a finding (it is then not reported).
fn take(
    mode: &Mode,
    entries: &mut BTreeMap<Key, Entry>,
    path: &str,
    code: &str,
    name: &str,
    pointer: &str,
) -> bool {
    match mode {
        Mode::Write => {
            let entry = entries
                .entry((path.to_owned(), code.to_owned(), pointer.to_owned()))
                .or_default();
            entry.name = name.to_owned();
            entry.matched += 1;
            true
        }
        Mode::Check => {
            let key = (path.to_owned(), code.to_owned(), pointer.to_owned());
            match entries.get_mut(&key) {
                Some(entry) if entry.matched < entry.count => {
                    entry.matched += 1;
                    true
                }
                _ => false,
            }
        }
    }
}

impl Outcome {
    /// What to say on standard error: how many findings were written or
    /// left out, and every stale entry, so it can be dropped.
    pub fn message(&self, file: &Path) -> String {
        let file = file.display();
        let mut out = String::new();
        if let Some(written) = self.written {
            out.push_str(&format!(
                "pilint: wrote {} to the baseline {file}\n",
                crate::render::plural(written, "finding")
            ));
        }
        if self.dropped > 0 {
            out.push_str(&format!(
                "pilint: {} in the baseline {file} not shown\n",
                crate::render::plural(self.dropped, "finding")
            ));
        }
        if !self.stale.is_empty() {
            let fixed: usize = self.stale.iter().map(|s| s.fixed).sum();
            out.push_str(&format!(
                "pilint: {} of the baseline {file} fixed since (stale; `--write-baseline` drops them):\n",
                crate::render::plural(fixed, "finding")
            ));
            for stale in &self.stale {
                let times = if stale.fixed > 1 {
                    format!(" (×{})", stale.fixed)
                } else {
                    String::new()
                };
                let pointer = if stale.pointer.is_empty() {
                    String::new()
                } else {
                    format!(" {}", stale.pointer)
                };
                out.push_str(&format!(
                    "  {} {}{pointer}{times}\n",
                    stale.code, stale.path
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    fn report(name: &str, text: &str) -> FileReport {
        lint_source(SourceFile::from_text(name, text), &LintOptions::default())
    }

    #[test]
    fn malformed_baselines_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = ProjectRoot::at(dir.path(), dir.path());
        let file = dir.path().join("b.json");
        assert!(Baseline::read(&file, root.clone()).is_err(), "missing");
        for text in [
            "",
            "[]",
            "{\"tool\": \"other\", \"version\": 1, \"findings\": []}",
            "{\"tool\": \"pilint\", \"version\": 99, \"findings\": []}",
            "{\"tool\": \"pilint\", \"version\": 1, \"findings\": [{\"path\": \"a\", \"code\": \"S005\", \"pointer\": \"\", \"count\": 0}]}",
            "{\"tool\": \"pilint\", \"version\": 1, \"findings\": [], \"extra\": 1}",
        ] {
            std::fs::write(&file, text).unwrap();
            assert!(Baseline::read(&file, root.clone()).is_err(), "{text}");
        }
    }

    #[test]
    fn a_written_baseline_takes_every_finding_and_only_those() {
        let dir = tempfile::tempdir().unwrap();
        let root = ProjectRoot::at(dir.path(), dir.path());
        let file = dir.path().join("b.json");
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/invalid/hie-options-mixed.json"
        ))
        .unwrap();
        let mut first = report("a.json", &text);
        let found = first.diagnostics.len();
        assert!(found > 0);
        let mut writer = Baseline::record(&file, root.clone());
        writer.filter(&mut first);
        assert!(first.diagnostics.is_empty());
        assert_eq!(writer.finish().unwrap().written, Some(found));

        let mut again = report("a.json", &text);
        let mut reader = Baseline::read(&file, root.clone()).unwrap();
        reader.filter(&mut again);
        assert!(again.diagnostics.is_empty());
        let outcome = reader.finish().unwrap();
        assert_eq!((outcome.dropped, outcome.stale.len()), (found, 0));

        // The same file under another name is another file.
        let mut other = report("b.json", &text);
        let mut reader = Baseline::read(&file, root.clone()).unwrap();
        reader.filter(&mut other);
        assert_eq!(other.diagnostics.len(), found);
        // a.json was not checked: its entries are not stale.
        assert!(reader.finish().unwrap().stale.is_empty());

        // A clean a.json makes every entry stale.
        let valid = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/valid/group-2025.json"
        ))
        .unwrap();
        let mut clean = report("a.json", &valid);
        let mut reader = Baseline::read(&file, root).unwrap();
        reader.filter(&mut clean);
        let outcome = reader.finish().unwrap();
        assert_eq!(outcome.stale.iter().map(|s| s.fixed).sum::<usize>(), found);
        assert!(outcome.message(&file).contains("fixed since"));
    }
}
