//! Diagnostics: what a check found, in words a submitter can act on.
//!
//! One type for every finding, whether about one file (the rules of a
//! file) or about an entity across several (the `X` rules): a rule's code
//! and name, a severity, what CMS does because of it (its consequence), a
//! one-line message (what is wrong), a note (why it matters, with the CMS
//! source), a help (what to do), and labels: the primary place it points at
//! and related places, each in the file being reported or in another file
//! of the run. Renderers only ever see this type.

use std::borrow::Cow;
use std::sync::Arc;

use crate::model::SourceFormat;
use crate::rule::{Consequence, Family, RuleMeta};
use crate::source::Span;

pub use crate::rule::Severity;

mod message;
pub mod points;

pub use message::{Argument, ArgumentKind, Message, quote_short};

/// A place in a file, resolved to line and column while the file's text
/// was at hand (cross-file findings are made after the texts are gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// 1-based; columns count characters, as in `--format json`.
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// JSON Pointer or XPath-like path; shared, since files from one
    /// exporter repeat the same paths.
    pub pointer: Arc<str>,
}

/// A place in a named file of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Shared with the file's facts: a run can have tens of thousands of
    /// findings, most pointing at files others point at too.
    pub path: Arc<str>,
    pub at: Position,
    /// The file's format: tells a JSON Pointer from an XPath in `at`.
    pub format: SourceFormat,
}

/// Where a label points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In the file the finding's report is about: a byte span (`None` for
    /// the file as a whole, such as an I/O error) and the JSON Pointer
    /// (RFC 6901) or XPath of that node (empty where there is none).
    Here { span: Option<Span>, pointer: String },
    /// In a named file of the run, already resolved to line and column:
    /// the labels of a finding about several files.
    Site(Site),
}

/// One place a finding points at, with what it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub place: Place,
    /// "first defined here", "the submission CMS keeps"; empty for the
    /// primary label, which the finding's message describes.
    pub message: String,
}

impl Label {
    /// The byte span in the reported file, if the label has one.
    pub fn span(&self) -> Option<Span> {
        match &self.place {
            Place::Here { span, .. } => *span,
            Place::Site(_) => None,
        }
    }

    /// The JSON Pointer or XPath of the node, empty where there is none.
    pub fn pointer(&self) -> &str {
        match &self.place {
            Place::Here { pointer, .. } => pointer,
            Place::Site(site) => &site.at.pointer,
        }
    }

    /// The named file's place, for a label of a finding about several files.
    pub fn site(&self) -> Option<&Site> {
        match &self.place {
            Place::Site(site) => Some(site),
            Place::Here { .. } => None,
        }
    }
}

/// What a finding about several files is about: an entity and the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// "group TIN 000111111".
    pub entity: String,
    pub year: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's family (a type, not the code's letter).
    pub family: Family,
    /// What CMS does with the file because of this finding, for the
    /// file's performance year: CMS's fact, which no setting changes.
    pub consequence: Consequence,
    /// What is wrong, in one line.
    pub message: String,
    /// The values the message quotes, with what each is: the finding's
    /// data (identifiers among them, which masking hides).
    pub arguments: Vec<Argument>,
    /// The rule's fixed text unless a finding words it for its case:
    /// borrowed, since a large run holds tens of thousands of findings.
    pub note: Cow<'static, str>,
    pub help: Cow<'static, str>,
    /// Where the finding points first.
    pub primary: Label,
    /// Secondary places ("first defined here").
    pub related: Vec<Label>,
    /// The entity and year, for a finding about several files.
    pub subject: Option<Subject>,
}

impl Diagnostic {
    /// A finding of `rule` at `span` of the reported file, with the rule's
    /// default severity, note and help; the builder methods refine them.
    pub fn new(
        rule: &RuleMeta,
        span: Option<Span>,
        pointer: impl Into<String>,
        message: impl Into<Message>,
    ) -> Self {
        Self::at(
            rule,
            Place::Here {
                span,
                pointer: pointer.into(),
            },
            message,
        )
    }

    /// A finding of `rule` about `subject`, at a place in a named file of
    /// the run, in the consequence the rule has in the subject's year.
    pub fn across_files(
        rule: &RuleMeta,
        subject: Subject,
        site: Site,
        message: impl Into<Message>,
    ) -> Self {
        let mut finding = Self::at(rule, Place::Site(site), message);
        // Held to the end of the run, where a large one has tens of
        // thousands: the message, built piece by piece, keeps no spare room.
        finding.message.shrink_to_fit();
        finding.arguments.shrink_to_fit();
        finding.consequence = rule.consequence.in_year(Some(subject.year));
        finding.subject = Some(subject);
        finding
    }

    fn at(rule: &RuleMeta, place: Place, message: impl Into<Message>) -> Self {
        let message = message.into();
        Diagnostic {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            family: rule.family,
            consequence: rule.consequence.default,
            message: message.text,
            arguments: message.arguments,
            note: Cow::Borrowed(rule.note),
            help: Cow::Borrowed(rule.help),
            primary: Label {
                place,
                message: String::new(),
            },
            related: Vec::new(),
            subject: None,
        }
    }

    /// The primary label's byte span in the reported file, `None` for a
    /// finding about the whole file or one about several files.
    pub fn span(&self) -> Option<Span> {
        self.primary.span()
    }

    /// The primary label's JSON Pointer or XPath.
    pub fn pointer(&self) -> &str {
        self.primary.pointer()
    }

    /// Every label: the primary, then the related ones.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        std::iter::once(&self.primary).chain(&self.related)
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Cow::Owned(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Cow::Owned(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// A consequence other than the rule's, where the check knows better
    /// (a measure CMS suppressed that year, a guide pilint has no record of).
    pub fn with_consequence(mut self, consequence: Consequence) -> Self {
        self.consequence = consequence;
        self
    }

    /// Records that the message, built elsewhere, quotes `value` with
    /// [`quote_short`] (a schema error's text): the argument is then the
    /// finding's data, and masking hides an identifier there.
    pub fn with_argument(mut self, kind: ArgumentKind, value: &str) -> Self {
        let quoted = quote_short(value);
        let inner = &quoted[1..quoted.len() - 1];
        if !inner.is_empty() {
            self.arguments.push(Argument {
                kind,
                value: inner.to_owned(),
            });
        }
        self
    }

    /// The identifiers (TINs, NPIs) the finding's texts quote, exactly as
    /// quoted: masking replaces these and nothing else.
    pub fn identifiers(&self) -> impl Iterator<Item = &str> {
        self.arguments
            .iter()
            .filter(|a| a.kind.is_identifier())
            .map(|a| a.value.as_str())
    }

    /// A related place in the reported file.
    pub fn with_related(self, span: Span, message: impl Into<String>) -> Self {
        self.with_label(
            Place::Here {
                span: Some(span),
                pointer: String::new(),
            },
            message,
        )
    }

    /// A related place in a named file of the run.
    pub fn with_related_site(self, site: Site, message: impl Into<String>) -> Self {
        self.with_label(Place::Site(site), message)
    }

    fn with_label(mut self, place: Place, message: impl Into<String>) -> Self {
        // Exact: most findings have one related place, and a doubling Vec
        // would hold four.
        self.related.reserve_exact(1);
        self.related.push(Label {
            place,
            message: message.into(),
        });
        self
    }
}

/// Sorts findings by position (file-level findings first), then code, so
/// output is stable whatever order the checks ran in.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.span().map(|s| (s.start(), s.end()));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}
