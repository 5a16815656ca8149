//! Code actions: only safe, mechanical edits, which the editor applies
//! (pilint never writes a file): a `[[suppress]]` entry for a finding in
//! the nearest `pilint.toml`, a lower-case CEHRT ID in upper case (C003),
//! the byte-order mark removed (F003).
//!
//! A buffer edit names the version it was computed for, so an editor
//! refuses it once the text has moved on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::check::Analysis;
use super::position::Positions;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// What the client can apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditSupport {
    /// `documentChanges`: versioned edits.
    pub document_changes: bool,
    /// Resource operations: creating a file.
    pub create: bool,
}

/// The configuration file a suppression goes to.
pub struct ConfigTarget {
    pub path: PathBuf,
    /// Its text, when it exists: the editor's buffer if open (with the
    /// buffer's URI and version), else the file on disk.
    pub existing: Option<ConfigText>,
}

pub struct ConfigText {
    pub text: SourceFile,
    pub open: Option<(Uri, i32)>,
}

/// Everything the actions for one request need.
pub struct Request<'a> {
    pub uri: &'a Uri,
    /// The document's path, for the suppression's `path`.
    pub path: Option<&'a Path>,
    pub analysis: &'a Analysis,
    pub range: Range,
    pub config: Option<ConfigTarget>,
    pub support: EditSupport,
}

pub fn actions(request: &Request<'_>) -> Vec<CodeAction> {
    let analysis = request.analysis;
    let (Some(report), Some(positions)) = (analysis.report.as_ref(), analysis.positions()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // The report's findings and the published diagnostics are in the same
    // order, one for one.
    for (finding, published) in report.diagnostics.iter().zip(&analysis.diagnostics) {
        if !overlaps(published.range, request.range) {
            continue;
        }
        let fix = match finding.code {
            "C003" => {
                upper_case(finding, &positions).map(|e| ("Write the CEHRT ID in upper case", e))
            }
            "F003" => remove_bom(finding, &positions).map(|e| ("Remove the byte-order mark", e)),
            _ => None,
        };
        if let Some((title, edit)) = fix {
            out.push(CodeAction {
                title: format!("{title} ({})", finding.code),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![published.clone()]),
                edit: Some(buffer_edit(request, analysis.version, edit)),
                is_preferred: Some(true),
                ..CodeAction::default()
            });
        }
        if let Some(edit) = suppress_edit(request, finding) {
            out.push(CodeAction {
                title: format!(
                    "Suppress {} here in {}",
                    finding.code,
                    request
                        .config
                        .as_ref()
                        .and_then(|c| c.path.file_name())
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![published.clone()]),
                edit: Some(edit),
                ..CodeAction::default()
            });
        }
    }
    out
}

fn overlaps(a: Range, b: Range) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// The CEHRT ID written in upper case, quotes and all; only where that is
/// plainly the same value (no escape sequence or entity in it).
fn upper_case(finding: &Diagnostic, positions: &Positions<'_>) -> Option<TextEdit> {
    let source = positions.source();
    let span = source.clamp_span(finding.span()?);
    let written = &source.text[span.range()];
    if written.contains(['\\', '&']) {
        return None;
    }
    let upper = written.to_ascii_uppercase();
    (upper != written).then(|| TextEdit::new(positions.range(span), upper))
}

/// Deletes the UTF-8 byte-order mark the text starts with.
fn remove_bom(finding: &Diagnostic, positions: &Positions<'_>) -> Option<TextEdit> {
    let bom = '\u{feff}'.len_utf8();
    if !positions.source().text.starts_with('\u{feff}') || finding.span()?.start() != 0 {
        return None;
    }
    Some(TextEdit::new(
        Range::new(positions.position(0), positions.position(bom)),
        String::new(),
    ))
}

fn buffer_edit(request: &Request<'_>, version: i32, edit: TextEdit) -> WorkspaceEdit {
    if request.support.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: request.uri.clone(),
                    version: Some(version),
                },
                edits: vec![OneOf::Left(edit)],
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(request.uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }
    }
}

/// A `[[suppress]]` entry for `finding` (its code, this file, its pointer)
/// appended to the configuration file, or a new file holding only it.
fn suppress_edit(request: &Request<'_>, finding: &Diagnostic) -> Option<WorkspaceEdit> {
    let config = request.config.as_ref()?;
    let relative = relative_path(request.path?, &config.path)?;
    let entry = suppress_entry(finding.code, &relative, finding.pointer());
    let config_uri = super::uri::from_path(&config.path)?;
    match &config.existing {
        Some(existing) => {
            let text = &existing.text.text;
            let separator = if text.is_empty() {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            // Appended at the end, in the encoding the client counts in
            // (the configuration is seldom ASCII-only in its comments).
            let end =
                Positions::new(&existing.text, request.analysis.encoding).position(text.len());
            let edit = TextEdit::new(Range::new(end, end), format!("{separator}{entry}"));
            let (uri, version) = match &existing.open {
                Some((uri, version)) => (uri.clone(), Some(*version)),
                None => (config_uri, None),
            };
            Some(if request.support.document_changes {
                WorkspaceEdit {
                    document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                        edits: vec![OneOf::Left(edit)],
                    }])),
                    ..WorkspaceEdit::default()
                }
            } else {
                WorkspaceEdit {
                    changes: Some(HashMap::from([(uri, vec![edit])])),
                    ..WorkspaceEdit::default()
                }
            })
        }
        // A new file needs a resource operation, which not every client
        // can apply: no action rather than one that fails.
        None if request.support.document_changes && request.support.create => {
            let start = Position::new(0, 0);
            Some(WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                        uri: config_uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    })),
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri: config_uri,
                            version: None,
                        },
                        edits: vec![OneOf::Left(TextEdit::new(Range::new(start, start), entry))],
                    }),
                ])),
                ..WorkspaceEdit::default()
            })
        }
        None => None,
    }
}

/// The document's path relative to the configuration file's directory,
/// both with their directories resolved as the configuration's globs are;
/// `None` when the document is not below it (no glob there could match).
fn relative_path(document: &Path, config: &Path) -> Option<String> {
    let resolve = |path: &Path| -> Option<PathBuf> {
        let dir = path.parent()?;
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        Some(dir.join(path.file_name()?))
    };
    let document = resolve(&std::path::absolute(document).ok()?)?;
    let config_dir = resolve(&std::path::absolute(config).ok()?)?
        .parent()?
        .to_path_buf();
    let relative = document.strip_prefix(&config_dir).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_str().map(str::to_owned))
        .collect::<Option<_>>()?;
    Some(parts.join("/"))
}

/// The TOML of one suppression: `path` and `pointer` are globs, so their
/// glob characters are escaped ([`glob_literal`]).
pub fn suppress_entry(code: &str, path: &str, pointer: &str) -> String {
    let mut entry = format!(
        "[[suppress]]\ncode = {}\npath = {}\n",
        toml_string(code),
        toml_string(&glob_literal(path))
    );
    if !pointer.is_empty() {
        entry.push_str(&format!(
            "pointer = {}\n",
            toml_string(&glob_literal(pointer))
        ));
    }
    entry
}

/// `text` as a glob that matches only itself: each character that opens
/// a glob construct becomes a one-character class (`]`, `!` and `,`
/// mean something only inside those constructs).
fn glob_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '*' | '?' | '[' | '{' | '}' | '\\' => {
                out.push('[');
                out.push(c);
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::Input;
    use crate::settings::{CliSettings, ConfigSource, Resolver};

    #[test]
    fn a_suppression_entry_matches_exactly_its_finding() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let name = "odd [1] {a,b} *?!.xml";
        let document = root.join("sub").join(name);
        std::fs::create_dir_all(document.parent().unwrap()).unwrap();
        std::fs::write(&document, "").unwrap();
        let config = root.join("pilint.toml");
        let pointer = "/ClinicalDocument/component[2]/section/id[@root='2.16\\x\"']/@extension";
        let relative = relative_path(&document, &config).unwrap();
        assert_eq!(relative, format!("sub/{name}"));
        std::fs::write(&config, suppress_entry("C003", &relative, pointer)).unwrap();
        let settings = |path: &Path| {
            Resolver::new(ConfigSource::Discover, CliSettings::default())
                .settings(&Input::file(
                    path.to_path_buf(),
                    path.to_string_lossy().into_owned(),
                ))
                .unwrap()
                .unwrap()
        };
        let here = settings(&document);
        assert!(!here.keeps("C003", pointer));
        assert!(here.keeps("C004", pointer));
        assert!(here.keeps("C003", "/ClinicalDocument/component[2]/section"));
        assert!(here.keeps(
            "C003",
            "/ClinicalDocument/component2/section/id[@root='2.16\\x\"']/@extension"
        ));
        let sibling = root.join("sub").join("odd 1 a *x.xml");
        std::fs::write(&sibling, "").unwrap();
        assert!(settings(&sibling).keeps("C003", pointer));
    }

    #[test]
    fn a_document_outside_the_configuration_directory_gets_no_suppression() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("a")).unwrap();
        assert_eq!(
            relative_path(&root.join("b.json"), &root.join("a/pilint.toml")),
            None
        );
    }
}
