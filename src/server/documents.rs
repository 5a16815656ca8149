//! The documents the editor has open: their unsaved text and version, the
//! last analysis of each, and when each is next due to be checked.
//!
//! Memory stays bounded by what is open: a closed document is dropped with
//! its analysis, and a document holds at most its text and one analysis
//! (whose report keeps the text it was made from).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::check::Analysis;
use super::position::{Encoding, offset};
use crate::source::SourceFile;

/// One open document.
pub struct Document {
    pub uri: Uri,
    /// The file it is, when it is one (`untitled:` buffers are not).
    pub path: Option<PathBuf>,
    pub version: i32,
    /// Shared with a check in progress, which copies it off the loop's
    /// thread.
    pub source: Arc<SourceFile>,
    /// The newest analysis, of this version or an earlier one.
    pub analysis: Option<Arc<Analysis>>,
    /// A check of this document is running (at most one at a time: a
    /// burst of edits to a 50 MB file never runs several checks at once).
    pub in_flight: bool,
    /// When the document is next to be checked.
    pub due: Option<Instant>,
}

impl Document {
    /// The analysis of exactly this version, if it is done.
    pub fn current(&self) -> Option<&Arc<Analysis>> {
        self.analysis.as_ref().filter(|a| a.version == self.version)
    }
}

/// Keyed by the URI's text (`Uri` itself caches parts of itself inside,
/// which makes it a poor key).
#[derive(Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let path = super::uri::to_path(&uri);
        let name = display_name(&uri, path.as_ref());
        self.open.insert(
            uri.as_str().to_owned(),
            Document {
                uri,
                path,
                version,
                source: Arc::new(SourceFile::from_text(name, text)),
                analysis: None,
                in_flight: false,
                due: None,
            },
        );
    }

    /// Applies an edit (incremental ranges, or a whole new text).
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), String> {
        let document = self
            .open
            .get_mut(uri.as_str())
            .ok_or_else(|| format!("didChange for a document not open: {}", uri.as_str()))?;
        let source = std::mem::replace(
            &mut document.source,
            Arc::new(SourceFile::from_text("", "")),
        );
        let name = source.name.clone();
        // Unshared (no check is reading it) the text is edited in place;
        // otherwise the check keeps its copy.
        let mut source = Arc::try_unwrap(source).unwrap_or_else(|shared| (*shared).clone());
        for change in changes {
            // Offsets first: they are read from the text being edited.
            let span = change.range.map(|range| {
                let start = offset(&source, range.start, encoding);
                (start, offset(&source, range.end, encoding).max(start))
            });
            let mut text = std::mem::take(&mut source.text);
            match span {
                Some((start, end)) => text.replace_range(start..end, &change.text),
                None => text = change.text,
            }
            // A fresh source: its line index is of the new text.
            source = SourceFile::from_text(name.clone(), text);
        }
        document.source = Arc::new(source);
        document.version = version;
        Ok(())
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri.as_str())
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.open.values()
    }

    /// The open document whose file is `path`, if any.
    pub fn of_path(&self, path: &std::path::Path) -> Option<&Document> {
        self.open.values().find(|d| d.path.as_deref() == Some(path))
    }
}

/// The name a document's findings carry: its path (whose extension tells
/// QPP JSON from QRDA III, as on the command line), else the URI.
fn display_name(uri: &Uri, path: Option<&PathBuf>) -> String {
    match path {
        Some(path) => path.to_string_lossy().into_owned(),
        None => uri.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn edit(range: Option<Range>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_edits_apply_in_order_in_utf16_units() {
        let uri = Uri::from_str("file:///tmp/a.json").unwrap();
        let mut documents = Documents::default();
        documents.open(uri.clone(), 1, "{\"é𝄞\": 1}\n".to_owned());
        let at = |line, character| Position::new(line, character);
        documents
            .change(
                &uri,
                2,
                vec![
                    // Replace the `1` (UTF-16 column 8), then append a line.
                    edit(Some(Range::new(at(0, 8), at(0, 9))), "22"),
                    edit(Some(Range::new(at(1, 0), at(1, 0))), "x"),
                ],
                Encoding::Utf16,
            )
            .unwrap();
        let document = documents.get(&uri).unwrap();
        assert_eq!(document.source.text, "{\"é𝄞\": 22}\nx");
        assert_eq!(document.version, 2);
        assert_eq!(document.source.line_count(), 2);
        assert_eq!(document.source.line_start(1), Some(15));
        documents
            .change(&uri, 3, vec![edit(None, "{}")], Encoding::Utf16)
            .unwrap();
        assert_eq!(documents.get(&uri).unwrap().source.text, "{}");
        assert!(documents.close(&uri).is_some());
        assert!(documents.get(&uri).is_none());
    }
}
