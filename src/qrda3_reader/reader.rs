//! One streaming pass over the XML: it checks that the file is well-formed
//! and safe, and keeps only the template nodes and the values they read
//! (see `templates.rs`), never a tree of the whole document. The markup is
//! tokenized by `plain_events` where it is plain, which is nearly always,
//! and otherwise by quick-xml's `Reader`, whose checks word every finding
//! about the markup.
//!
//! Safety: a DOCTYPE stops the pass (so no entity, internal or external, is
//! ever declared, let alone expanded or fetched); only the five predefined
//! entities and character references are accepted; element depth is
//! bounded. The caller bounds the file size.

use std::borrow::Cow;
use std::io::BufRead;
use std::sync::Arc;

use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};
use quick_xml::reader::Reader;

use crate::qrda3_reader::paths::{PathId, PathTable};
use crate::qrda3_reader::plain_events::{PlainEvent, PlainEvents};
use crate::qrda3_reader::templates::{self, Field, Kind};
use crate::source::Span;

/// An attribute's value as the reader normalises it (entities resolved),
/// and the span of its raw text between the quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrValue {
    pub text: String,
    pub span: Span,
}

/// An element: its start tag's span and its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    pub span: Span,
    pub path: PathId,
}

/// One occurrence of a field a template reads.
#[derive(Debug, Clone)]
pub struct Hit {
    pub field: Field,
    pub element: Element,
    /// The element's `@root`, when it has one.
    pub root: Option<AttrValue>,
    /// The attribute the field reads, when present.
    pub value: Option<AttrValue>,
}

pub type NodeId = usize;

/// An element that carries a known `templateId`.
#[derive(Debug, Clone)]
pub struct TemplateNode {
    pub kind: Kind,
    pub element: Element,
    /// The nearest enclosing template node.
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub hits: Vec<Hit>,
}

impl TemplateNode {
    pub fn hits(&self, field: Field) -> impl Iterator<Item = &Hit> {
        self.hits.iter().filter(move |h| h.field == field)
    }
}

/// What the pass keeps of a well-formed QRDA III document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// `nodes[0]` is the `ClinicalDocument`.
    pub nodes: Vec<TemplateNode>,
    /// Shared with the model's pointers, which keep a path id into it
    /// rather than the spelled-out path (`crate::pointer`).
    pub paths: Arc<PathTable>,
}

impl Doc {
    pub const ROOT: NodeId = 0;

    pub fn node(&self, id: NodeId) -> &TemplateNode {
        &self.nodes[id]
    }

    pub fn children_of(&self, id: NodeId, kind: Kind) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes[id]
            .children
            .iter()
            .copied()
            .filter(move |&c| self.nodes[c].kind == kind)
    }

    pub fn nodes_of(&self, kind: Kind) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len()).filter(move |&i| self.nodes[i].kind == kind)
    }

    pub fn xpath(&self, element: Element) -> String {
        self.paths.xpath(element.path)
    }

    pub fn attribute_path(&self, element: Element, attribute: &str) -> String {
        self.paths.attribute(element.path, attribute)
    }
}

/// Bounds on what the reader accepts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest file decoded, in bytes. CMS's largest sample files are
    /// about 1.3 MB; 64 MiB leaves room for very large groups while keeping
    /// memory bounded.
    pub max_bytes: usize,
    /// The deepest element nesting accepted. QRDA III nests about 15 deep.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 256,
        }
    }
}

/// Why the pass stopped without a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// Not well-formed XML; `opened` is the start tag of an element the
    /// file ends inside.
    Malformed {
        span: Span,
        problem: Malformed,
        opened: Option<Span>,
    },
    Doctype {
        span: Span,
    },
    TooDeep {
        span: Span,
        depth: usize,
    },
    /// The root element is not `ClinicalDocument`.
    NotClinicalDocument {
        span: Span,
        name: String,
    },
}

/// What makes a file not well-formed XML, as the reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// quick-xml's own description of a syntax error.
    Syntax(String),
    /// The file ends while the element named here is still open.
    Truncated {
        open: String,
    },
    /// An entity reference with no definition (no DTD is read).
    UndefinedEntity(String),
    /// An element prefix with no namespace declaration.
    UndeclaredPrefix(String),
    TextOutsideRoot,
    CdataOutsideRoot,
    NoRoot,
    SecondRoot,
}

struct Frame<'a> {
    /// Borrowed from the input: the pass allocates nothing per element
    /// unless something points at it.
    name: Cow<'a, str>,
    /// Where the local name starts in `name` (after any prefix).
    local_from: usize,
    /// In the namespace of the root element (the converter's rule).
    in_document_namespace: bool,
    span: Span,
    index: usize,
    path: Option<PathId>,
    node: Option<NodeId>,
    /// Inside a leaf template, where no template is read.
    in_leaf: bool,
    /// Where this element's child names start in [`Pass::children`].
    children_from: usize,
    /// This element declared namespaces: its scope is popped when it closes.
    declares_namespaces: bool,
    /// The interned paths of its children (almost always empty: only the
    /// ancestors of what something points at are interned).
    interned_children: Vec<PathId>,
}

impl Frame<'_> {
    fn local(&self) -> &str {
        self.name.get(self.local_from..).unwrap_or(&self.name)
    }
}

/// An attribute value while its element is read: borrowed when the value
/// needs no normalisation, owned (as [`AttrValue`]) only once kept.
struct RawAttr<'b> {
    text: Cow<'b, str>,
    span: Span,
}

impl RawAttr<'_> {
    fn to_value(&self) -> AttrValue {
        AttrValue {
            text: self.text.clone().into_owned(),
            span: self.span,
        }
    }
}

/// The attributes pilint reads (all unprefixed).
#[derive(Default)]
struct Attrs<'b> {
    root: Option<RawAttr<'b>>,
    extension: Option<RawAttr<'b>>,
    value: Option<RawAttr<'b>>,
    code: Option<RawAttr<'b>>,
}

impl<'b> Attrs<'b> {
    fn get(&self, name: &str) -> Option<&RawAttr<'b>> {
        match name {
            "root" => self.root.as_ref(),
            "extension" => self.extension.as_ref(),
            "value" => self.value.as_ref(),
            "code" => self.code.as_ref(),
            _ => None,
        }
    }
}

/// What one pass over a start tag's attributes found (besides the
/// attributes themselves).
struct Scan {
    /// An `xmlns` or `xmlns:p` attribute is present.
    declares_namespaces: bool,
    /// No attribute is malformed, repeated or holds an undefined entity.
    /// When false, the tag is read again the slow, exact way so the
    /// finding says what quick-xml's checks say.
    clean: bool,
}

/// The most attributes the quick duplicate check compares pairwise; a tag
/// with more is checked by quick-xml's own (hashed) check.
const QUICK_ATTRIBUTES: usize = 16;

struct Pass<'a> {
    input: &'a str,
    base: usize,
    limits: Limits,
    stack: Vec<Frame<'a>>,
    /// The child names seen so far under each open element, with their
    /// counts; an element's run starts at its frame's `children_from` and
    /// is dropped when it closes, so the open elements share one vector.
    children: Vec<(Cow<'a, str>, usize)>,
    nodes: Vec<TemplateNode>,
    paths: PathTable,
    /// Namespace scopes, pushed only by elements that declare namespaces
    /// (nearly always just the root).
    namespaces: NamespaceResolver,
    /// The root's namespace (`None`: no namespace); set at the root.
    namespace: Option<Option<String>>,
    root_closed: bool,
    /// How an unprefixed element name resolves in the current namespace
    /// scope, once the document's namespace is known (`None`: not yet
    /// asked since the scope last changed). Most documents declare
    /// namespaces only at the root, so quick-xml's resolution (a `char`
    /// search for a prefix and a search of the bindings) runs a few times
    /// per file instead of once per element.
    unprefixed: Option<Namespace>,
    /// Plain `<text>` narrative is skipped (`qrda3_reader::skip`); tests turn it off
    /// to compare with reading every element.
    skip_narrative: bool,
}

/// Reads `text[base..]` (the caller skips a byte-order mark).
pub fn read(text: &str, base: usize, limits: Limits) -> Result<Doc, Stop> {
    read_with(text, base, limits, true, Tokenizer::PlainFirst)
}

/// Which tokenizer reads the markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tokenizer {
    /// The plain tokenizer (`plain_events`), then quick-xml over the
    /// whole file again if it gives up or the pass stops.
    PlainFirst,
    /// quick-xml only; tests compare the two.
    #[cfg(test)]
    QuickXml,
}

fn read_with(
    text: &str,
    base: usize,
    limits: Limits,
    skip_narrative: bool,
    tokenizer: Tokenizer,
) -> Result<Doc, Stop> {
    let input = text.get(base..).unwrap_or("");
    let new_pass = || Pass {
        input,
        base,
        limits,
        // Sized for a typical file (some 450 elements, 15 deep, 50 template
        // nodes): growing each from empty was a tenth of the allocations.
        stack: Vec::with_capacity(32),
        children: Vec::with_capacity(64),
        nodes: Vec::with_capacity(64),
        paths: PathTable::with_capacity(256, 64),
        namespaces: NamespaceResolver::default(),
        namespace: None,
        root_closed: false,
        unprefixed: None,
        skip_narrative,
    };
    let mut pass = new_pass();
    let plain_read = tokenizer == Tokenizer::PlainFirst && pass.run_plain().is_some();
    if !plain_read {
        // Every stop, and so every finding about the markup, is worded by
        // quick-xml's reading.
        pass = new_pass();
        pass.run()?;
    }
    // The document is kept while the model is built from it, which is
    // when a large file's memory peaks: the room its vectors grew into and
    // did not fill (a quarter of it on a 50 MB file) is given back first.
    pass.nodes.shrink_to_fit();
    for node in &mut pass.nodes {
        node.children.shrink_to_fit();
    }
    pass.paths.shrink_to_fit();
    Ok(Doc {
        nodes: pass.nodes,
        paths: Arc::new(pass.paths),
    })
}

/// XML's white space (quick-xml skips exactly these before markup).
fn is_xml_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Pass<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    fn malformed(&self, offset: usize, problem: Malformed) -> Stop {
        let start = self.base + offset;
        Stop::Malformed {
            span: Span::new(start, start + 1),
            problem,
            opened: None,
        }
    }

    /// Where markup read from `offset` starts: the reader skips the white
    /// space before it (`trim_text_start`) instead of handing it out as a
    /// text event nobody reads.
    fn markup_start(&self, offset: usize) -> usize {
        let skipped = self.input.as_bytes().get(offset..).map_or(0, |rest| {
            rest.iter().take_while(|&&b| is_xml_space(b)).count()
        });
        offset + skipped
    }

    /// Where a start tag's `<` is: just before its name, which the event
    /// borrows from the input (no scan of the white space before it).
    fn tag_start(&self, start: &BytesStart<'_>, before: usize) -> usize {
        match self.offset_of(start.name().0) {
            Some(name) if name > before => name - 1,
            _ => self.markup_start(before),
        }
    }

    fn run(&mut self) -> Result<(), Stop> {
        // A plain reader: namespaces are resolved here, and only elements
        // that declare one open a scope (the `NsReader` opens one per
        // element and parses every tag's attributes a second time for it).
        let mut reader = Reader::from_str(self.input);
        let config = reader.config_mut();
        config.check_comments = true;
        config.check_end_names = true;
        // White space between tags is never read: skipping it spares an
        // event and its UTF-8 re-validation per line.
        config.trim_text_start = true;
        loop {
            let before = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    let at = reader.error_position() as usize;
                    return Err(self.malformed(at, Malformed::Syntax(err.to_string())));
                }
            };
            let after = reader.buffer_position() as usize;
            match event {
                Event::Start(start) => {
                    let before = self.tag_start(&start, before);
                    self.open(&|| reader.error_position() as usize, &start, before, after, false)?;
                    if self.skip_narrative
                        && start.name().0 == "text"
                        && let Some(end) = crate::qrda3_reader::skip::narrative_end(
                            self.input,
                            after,
                            self.stack.len(),
                            self.limits.max_depth,
                        )
                    {
                        // Plain narrative: the reader resumes at its end
                        // tag, which it checks as usual.
                        reader.stream().consume(end - after);
                    }
                }
                Event::Empty(start) => {
                    let before = self.tag_start(&start, before);
                    self.open(&|| reader.error_position() as usize, &start, before, after, true)?
                }
                Event::End(_) => self.close(),
                Event::Text(text) => {
                    if self.stack.is_empty() && !text.trim().is_empty() {
                        return Err(self.malformed(before, Malformed::TextOutsideRoot));
                    }
                }
                Event::CData(_) => {
                    if self.stack.is_empty() {
                        let before = self.markup_start(before);
                        return Err(self.malformed(before, Malformed::CdataOutsideRoot));
                    }
                }
                Event::GeneralRef(reference) => {
                    let before = self.markup_start(before);
                    if self.stack.is_empty() {
                        return Err(self.malformed(before, Malformed::TextOutsideRoot));
                    }
                    let name: &str = &reference;
                    let known = matches!(name, "lt" | "gt" | "amp" | "apos" | "quot");
                    let character = reference.is_char_ref()
                        && matches!(reference.resolve_char_ref(), Ok(Some(_)));
                    if !known && !character {
                        return Err(
                            self.malformed(before, Malformed::UndefinedEntity(name.to_owned()))
                        );
                    }
                }
                Event::DocType(_) => {
                    let before = self.markup_start(before);
                    return Err(Stop::Doctype {
                        span: self.span(before, after),
                    });
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    /// [`Self::run`] with the plain tokenizer: `None` when it gives up or
    /// the pass stops, and the file must be read again by quick-xml.
    fn run_plain(&mut self) -> Option<()> {
        let mut events = PlainEvents::new(self.input);
        loop {
            match events.next_event().ok()? {
                PlainEvent::Start {
                    start,
                    tag,
                    end,
                    empty,
                } => {
                    // quick-xml's error position only words a stop, and a
                    // stop sends the file to quick-xml anyway.
                    self.open(&|| tag, &start, tag, end, empty).ok()?;
                    if !empty
                        && self.skip_narrative
                        && start.name().0 == "text"
                        && let Some(end) = crate::qrda3_reader::skip::narrative_end(
                            self.input,
                            end,
                            self.stack.len(),
                            self.limits.max_depth,
                        )
                    {
                        events.resume_at(end);
                    }
                }
                PlainEvent::End => self.close(),
                PlainEvent::Eof => return self.finish().ok(),
            }
        }
    }

    fn finish(&self) -> Result<(), Stop> {
        let end = self.input.len();
        if let Some(open) = self.stack.last() {
            return Err(Stop::Malformed {
                span: self.span(end, end),
                problem: Malformed::Truncated {
                    open: open.name.clone().into_owned(),
                },
                opened: Some(open.span),
            });
        }
        if self.nodes.is_empty() {
            return Err(self.malformed(0, Malformed::NoRoot));
        }
        Ok(())
    }

    fn open(
        &mut self,
        error_position: &dyn Fn() -> usize,
        start: &BytesStart<'_>,
        before: usize,
        after: usize,
        empty: bool,
    ) -> Result<(), Stop> {
        let span = self.span(before, after);
        // Filled in place: the attributes are the bulk of the scan's result
        // and moving them showed in the profile.
        let mut attrs = Attrs::default();
        let scan = self.scan_attributes(start, before, &mut attrs);
        // The element's own declarations are in scope for its name. A tag
        // that failed the quick scan opens a scope too, exactly as the
        // namespace-aware reader did, so its finding is the same.
        let declares_namespaces = scan.declares_namespaces || !scan.clean;
        if declares_namespaces {
            self.unprefixed = None;
        }
        if declares_namespaces && let Err(err) = self.namespaces.push(start) {
            let at = error_position();
            return Err(self.malformed(at, Malformed::Syntax(err.to_string())));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(Stop::TooDeep {
                span,
                depth: self.stack.len() + 1,
            });
        }
        let qualified = start.name().0;
        let local = local_part(qualified);
        // No prefix exactly when the local part is the whole name.
        let unprefixed = local.len() == qualified.len();
        let namespace = match &self.unprefixed {
            Some(known) if unprefixed => known.clone(),
            _ => {
                let (resolved, _) = self.namespaces.resolve_element(start.name());
                let namespace = match resolved {
                    ResolveResult::Bound(ns) => self.compare_namespace(Some(ns.into_inner())),
                    ResolveResult::Unbound => self.compare_namespace(None),
                    ResolveResult::Unknown(prefix) => {
                        return Err(
                            self.malformed(before, Malformed::UndeclaredPrefix(prefix.to_string()))
                        );
                    }
                };
                // Once the document's namespace is known, an unprefixed
                // name resolves the same way until a scope is pushed or
                // popped.
                if unprefixed && self.namespace.is_some() {
                    self.unprefixed = Some(namespace.clone());
                }
                namespace
            }
        };
        if !scan.clean {
            attrs = self.checked_attributes(start, before)?;
        }
        let name = self.reborrow(qualified);

        if self.stack.is_empty() {
            if self.root_closed {
                return Err(self.malformed(before, Malformed::SecondRoot));
            }
            if local != "ClinicalDocument" {
                return Err(Stop::NotClinicalDocument {
                    span,
                    name: name.into_owned(),
                });
            }
            if let Namespace::Root(uri) = &namespace {
                self.namespace = Some(uri.clone());
            }
        }
        let in_document_namespace = !matches!(namespace, Namespace::Other);

        let (index, in_leaf) = match self.stack.last() {
            Some(parent) => {
                // The open elements' runs nest, so the parent's is the
                // tail of the vector.
                let siblings = self
                    .children
                    .get_mut(parent.children_from..)
                    .unwrap_or_default();
                let index = match siblings.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => {
                        *count += 1;
                        *count
                    }
                    None => {
                        self.children.push((name.clone(), 1));
                        1
                    }
                };
                let parent_is_leaf = parent.node.is_some_and(|id| self.nodes[id].kind.is_leaf());
                (index, parent.in_leaf || parent_is_leaf)
            }
            None => (1, false),
        };
        self.stack.push(Frame {
            local_from: name.len().saturating_sub(local.len()),
            name,
            in_document_namespace,
            span,
            index,
            path: None,
            node: None,
            in_leaf,
            children_from: self.children.len(),
            declares_namespaces,
            interned_children: Vec::new(),
        });

        if self.stack.len() == 1 {
            let path = self.intern(0);
            self.paths.set_total(path, 1);
            self.stack[0].node = Some(0);
            self.nodes.push(TemplateNode {
                kind: Kind::Document,
                element: Element { span, path },
                parent: None,
                children: Vec::new(),
                hits: Vec::new(),
            });
        } else if in_document_namespace {
            if local == "templateId" {
                self.template_id(&attrs);
            }
            // Most elements end no pattern: skip the search for them.
            if templates::ends_a_pattern(local) {
                self.match_patterns(local, &attrs);
            }
        }

        if empty {
            self.close();
        }
        Ok(())
    }

    /// One pass over the attributes: keeps the values pilint reads and
    /// notes namespace declarations; on anything amiss (`clean: false`)
    /// the caller reads the tag again with [`Self::checked_attributes`].
    fn scan_attributes<'b>(
        &self,
        start: &'b BytesStart<'_>,
        before: usize,
        attrs: &mut Attrs<'b>,
    ) -> Scan {
        let mut scan = Scan {
            declares_namespaces: false,
            clean: true,
        };
        let raw = start.attributes_raw();
        let mut at = 0;
        let mut keys: [&str; QUICK_ATTRIBUTES] = [""; QUICK_ATTRIBUTES];
        let mut seen = 0;
        while let Some(next) = next_attribute(raw, &mut at) {
            let Some((key, value)) = next else {
                scan.clean = false;
                break;
            };
            if seen == QUICK_ATTRIBUTES || keys[..seen].contains(&key) {
                scan.clean = false;
                break;
            }
            keys[seen] = key;
            seen += 1;
            let attribute = Attribute {
                key: QName(key),
                value: Cow::Borrowed(value),
            };
            // The test quick-xml's `as_namespace_binding` starts with,
            // inline: most keys fail it at the first byte.
            if key.starts_with("xmlns") && attribute.key.as_namespace_binding().is_some() {
                scan.declares_namespaces = true;
            }
            let slot = match key {
                "root" => &mut attrs.root,
                "extension" => &mut attrs.extension,
                "value" => &mut attrs.value,
                "code" => &mut attrs.code,
                // Not read, but an entity reference in it must be defined.
                _ => {
                    if memchr::memchr(b'&', value.as_bytes()).is_some()
                        && attribute.normalized_value(XmlVersion::Implicit1_0).is_err()
                    {
                        scan.clean = false;
                        break;
                    }
                    continue;
                }
            };
            let text = if needs_normalizing(value) {
                let Ok(text) = attribute.normalized_value(XmlVersion::Implicit1_0) else {
                    scan.clean = false;
                    break;
                };
                text
            } else {
                Cow::Borrowed(value)
            };
            let span = self.value_span(value, before);
            *slot = Some(RawAttr { text, span });
        }
        scan
    }

    /// The exact, slower reading of a tag's attributes: quick-xml's checks
    /// (syntax, duplicates) and entity resolution, stopping at the first
    /// problem with quick-xml's own message.
    fn checked_attributes<'b>(
        &self,
        start: &'b BytesStart<'_>,
        before: usize,
    ) -> Result<Attrs<'b>, Stop> {
        let mut attrs = Attrs::default();
        for attribute in start.attributes() {
            let attribute = attribute
                .map_err(|err| self.malformed(before, Malformed::Syntax(err.to_string())))?;
            let text = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| self.malformed(before, Malformed::Syntax(err.to_string())))?;
            let slot = match attribute.key.0 {
                "root" => &mut attrs.root,
                "extension" => &mut attrs.extension,
                "value" => &mut attrs.value,
                "code" => &mut attrs.code,
                _ => continue,
            };
            let span = self.value_span(&attribute.value, before);
            *slot = Some(RawAttr { text, span });
        }
        Ok(attrs)
    }

    /// The span of an attribute's raw value.
    fn value_span(&self, value: &str, before: usize) -> Span {
        self.offset_of(value)
            .map(|start| self.span(start, start + value.len()))
            .unwrap_or_else(|| self.span(before, before + 1))
    }

    /// An element's namespace compared with the document's.
    fn compare_namespace(&self, uri: Option<&str>) -> Namespace {
        match &self.namespace {
            None => Namespace::Root(uri.map(str::to_owned)),
            Some(document) if document.as_deref() == uri => Namespace::Same,
            Some(_) => Namespace::Other,
        }
    }

    /// `part` (a slice of the input, as quick-xml hands it out) as a slice
    /// of the input with the input's lifetime, so it can be kept without a
    /// copy; a copy only if it does not lie in the input.
    fn reborrow(&self, part: &str) -> Cow<'a, str> {
        match self.offset_of(part) {
            Some(start) => Cow::Borrowed(&self.input[start..start + part.len()]),
            None => Cow::Owned(part.to_owned()),
        }
    }

    /// Where `part` (a slice borrowed from the input) starts in the input.
    fn offset_of(&self, part: &str) -> Option<usize> {
        let start = self.input.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        (at >= start && at + part.len() <= start + self.input.len()).then(|| at - start)
    }

    /// Interns the path of `stack[i]` (and of its ancestors).
    fn intern(&mut self, i: usize) -> PathId {
        let first_missing = (0..=i)
            .rev()
            .take_while(|&j| self.stack[j].path.is_none())
            .last()
            .unwrap_or(i + 1);
        for j in first_missing..=i {
            let parent = j.checked_sub(1).and_then(|p| self.stack[p].path);
            let frame = &self.stack[j];
            let id = self.paths.push(parent, &frame.name, frame.index);
            self.stack[j].path = Some(id);
            if j > 0 {
                self.stack[j - 1].interned_children.push(id);
            }
        }
        self.stack[i].path.unwrap_or_default()
    }

    fn element(&mut self, i: usize) -> Element {
        Element {
            span: self.stack[i].span,
            path: self.intern(i),
        }
    }

    /// A `templateId` makes its parent element a template node.
    fn template_id(&mut self, attrs: &Attrs) {
        let Some(kind) = attrs.root.as_ref().and_then(|r| Kind::from_root(&r.text)) else {
            return;
        };
        let me = self.stack.len() - 1;
        let owner = me - 1;
        if self.stack[owner].node.is_some() || self.stack[owner].in_leaf {
            return;
        }
        let parent = (0..owner).rev().find_map(|j| self.stack[j].node);
        let element = self.element(owner);
        let id = self.nodes.len();
        self.nodes.push(TemplateNode {
            kind,
            element,
            parent,
            children: Vec::new(),
            hits: Vec::new(),
        });
        if let Some(parent) = parent {
            self.nodes[parent].children.push(id);
        }
        self.stack[owner].node = Some(id);
    }

    /// Records the element when its path below the nearest template node
    /// is one that template reads.
    fn match_patterns(&mut self, local: &str, attrs: &Attrs) {
        let me = self.stack.len() - 1;
        let Some(owner) = (0..me)
            .rev()
            .take(templates::MAX_PATTERN_DEPTH)
            .find(|&j| self.stack[j].node.is_some())
        else {
            return;
        };
        let Some(node) = self.stack[owner].node else {
            return;
        };
        let kind = self.nodes[node].kind;
        let steps = &self.stack[owner + 1..=me];
        if steps.iter().any(|f| !f.in_document_namespace) {
            return;
        }
        // Which of the kind's patterns match, as bits (a kind has at most
        // a dozen): no allocation for the common case of none.
        let patterns = templates::patterns(kind);
        let mut matched: u64 = 0;
        for (i, p) in patterns.iter().enumerate().take(64) {
            let hit = p.path.len() == steps.len()
                && p.path.last() == Some(&local)
                && p.path
                    .iter()
                    .zip(steps)
                    .all(|(want, frame)| frame.local() == *want)
                && p.root
                    .is_none_or(|root| attrs.root.as_ref().is_some_and(|r| r.text == root));
            if hit {
                matched |= 1 << i;
            }
        }
        if matched == 0 {
            return;
        }
        let element = self.element(me);
        for (i, pattern) in patterns.iter().enumerate().take(64) {
            if matched & (1 << i) == 0 {
                continue;
            }
            let value = pattern
                .attribute
                .and_then(|a| attrs.get(a))
                .map(RawAttr::to_value);
            let hits = &mut self.nodes[node].hits;
            // Most nodes read one field once: a vector of four (what a
            // first push reserves) would be mostly empty, and a 50 MB file
            // has a hundred thousand nodes.
            if hits.is_empty() {
                hits.reserve_exact(1);
            }
            hits.push(Hit {
                field: pattern.field,
                element,
                root: attrs.root.as_ref().map(RawAttr::to_value),
                value,
            });
        }
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let siblings = self.children.get(frame.children_from..).unwrap_or(&[]);
        for child in &frame.interned_children {
            let name = self.paths.name(*child);
            let total = siblings
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0, |(_, count)| *count);
            self.paths.set_total(*child, total);
        }
        self.children.truncate(frame.children_from);
        if frame.declares_namespaces {
            self.namespaces.pop();
            self.unprefixed = None;
        }
        if self.stack.is_empty() {
            self.root_closed = true;
        }
    }
}

/// The next `key="value"` of a tag's attribute text from byte `at`, the
/// way quick-xml's attribute iterator splits it when the tag is well
/// formed (a key runs to `=` or white space; white space may surround the
/// `=`; the value runs to the matching quote). `Some(None)`: anything
/// else, which the exact reading then reports or accepts as quick-xml does.
fn next_attribute<'t>(raw: &'t str, at: &mut usize) -> Option<Option<(&'t str, &'t str)>> {
    let bytes = raw.as_bytes();
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(|&b| is_xml_space(b)) {
            i += 1;
        }
        i
    };
    let key_start = skip_space(*at);
    if key_start >= bytes.len() {
        return None;
    }
    // Like quick-xml, the key's first byte is taken whatever it is (so a
    // tag starting `="` has no empty key: it is malformed).
    // One slice search instead of a bounds-checked step per byte; a name
    // byte above `=` (every letter) is rejected with one comparison.
    let key_end = bytes.get(key_start + 1..).map_or(bytes.len(), |rest| {
        rest.iter()
            .position(|&b| b <= b'=' && (b == b'=' || is_xml_space(b)))
            .map_or(bytes.len(), |length| key_start + 1 + length)
    });
    let equals = skip_space(key_end);
    if bytes.get(equals) != Some(&b'=') {
        return Some(None);
    }
    let open = skip_space(equals + 1);
    let quote = match bytes.get(open) {
        Some(&q) if q == b'"' || q == b'\'' => q,
        _ => return Some(None),
    };
    let value_start = open + 1;
    let Some(length) = bytes
        .get(value_start..)
        .and_then(|rest| memchr::memchr(quote, rest))
    else {
        return Some(None);
    };
    let value_end = value_start + length;
    *at = value_end + 1;
    Some(
        raw.get(key_start..key_end)
            .zip(raw.get(value_start..value_end)),
    )
}

/// Whether quick-xml's attribute-value normalisation (XML 1.0) would
/// change `value` or could fail on it: it starts at the first tab, carriage
/// return, line feed or `&` (`escape::is_xml10_normalization_char`) and
/// returns the value unchanged when there is none. Checked here, inline,
/// the common case costs no call (it showed in the profile).
fn needs_normalizing(value: &str) -> bool {
    value
        .bytes()
        .any(|b| matches!(b, b'\t' | b'\r' | b'\n' | b'&'))
}

/// The local part of a qualified name: after its first `:`, as quick-xml's
/// `local_name` splits it, found with one byte search instead of a `char`
/// pattern search (once per element, it showed in the profile).
fn local_part(name: &str) -> &str {
    match memchr::memchr(b':', name.as_bytes()) {
        Some(colon) => name.get(colon + 1..).unwrap_or(name),
        None => name,
    }
}

/// An element's namespace, relative to the document's (the root's).
#[derive(Debug, Clone)]
enum Namespace {
    /// Read before the root: the namespace itself (`None`: no namespace).
    Root(Option<String>),
    /// The root element's namespace.
    Same,
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        read(text, 0, Limits::default()).expect("well-formed")
    }

    const HEAD: &str = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:x=\"urn:other\">";

    /// What the reader found wrong in a file it could not read.
    fn problem(text: &str) -> Malformed {
        match read(text, 0, Limits::default()) {
            Err(Stop::Malformed { problem, .. }) => problem,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn a_file_it_cannot_read_stops_with_a_typed_reason_and_its_span() {
        let text = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n  <component>\n";
        match read(text, 0, Limits::default()) {
            Err(Stop::Malformed {
                span,
                problem: Malformed::Truncated { open },
                opened: Some(opened),
            }) => {
                assert_eq!(open, "component");
                assert_eq!(span, Span::new(text.len(), text.len()));
                assert_eq!(&text[opened.range()], "<component>");
            }
            other => panic!("{other:?}"),
        }
        let doctype = "<!DOCTYPE x><ClinicalDocument/>";
        assert_eq!(
            read(doctype, 0, Limits::default()).err(),
            Some(Stop::Doctype {
                span: Span::new(0, "<!DOCTYPE x>".len())
            })
        );
        assert_eq!(
            problem("<ClinicalDocument>&nbsp;</ClinicalDocument>"),
            Malformed::UndefinedEntity("nbsp".to_owned())
        );
        assert_eq!(
            problem("<p:ClinicalDocument/>"),
            Malformed::UndeclaredPrefix("p".to_owned())
        );
        assert_eq!(problem(""), Malformed::NoRoot);
        assert_eq!(
            problem("<ClinicalDocument/><ClinicalDocument/>"),
            Malformed::SecondRoot
        );
        assert_eq!(
            problem("<ClinicalDocument/>words"),
            Malformed::TextOutsideRoot
        );
        assert!(matches!(
            problem("<ClinicalDocument></Other>"),
            Malformed::Syntax(_)
        ));
    }

    #[test]
    fn template_ids_in_another_namespace_or_inside_a_leaf_are_ignored() {
        let text = format!(
            "{HEAD}<component><section><x:templateId root=\"2.16.840.1.113883.10.20.27.2.5\"/></section>\
             <section><templateId root=\"2.16.840.1.113883.10.20.27.2.5\"/>\
             <entry><act><templateId root=\"2.16.840.1.113883.10.20.17.3.8\"/>\
             <entry><organizer><templateId root=\"2.16.840.1.113883.10.20.27.3.28\"/></organizer></entry>\
             </act></entry></section></component></ClinicalDocument>"
        );
        let doc = doc(&text);
        let kinds: Vec<Kind> = doc.nodes.iter().map(|n| n.kind).collect();
        assert_eq!(
            kinds,
            [Kind::Document, Kind::PiSection, Kind::ReportingParameters]
        );
        assert_eq!(doc.node(2).parent, Some(1));
    }

    #[test]
    fn pointers_number_only_repeated_names() {
        let text = format!(
            "{HEAD}<templateId root=\"2.16.840.1.113883.10.20.22.1.1\"/>\
             <templateId root=\"2.16.840.1.113883.10.20.27.1.2\" extension=\"2024-12-01\"/>\
             <component><section><templateId root=\"2.16.840.1.113883.10.20.27.2.5\"/></section></component>\
             <component><section><templateId root=\"2.16.840.1.113883.10.20.27.2.4\"/></section></component></ClinicalDocument>"
        );
        let doc = doc(&text);
        assert_eq!(
            doc.xpath(doc.node(1).element),
            "/ClinicalDocument/component[1]/section"
        );
        assert_eq!(
            doc.xpath(doc.node(2).element),
            "/ClinicalDocument/component[2]/section"
        );
        let template = doc
            .node(0)
            .hits(Field::DocumentTemplate)
            .next()
            .expect("document template");
        assert_eq!(
            doc.attribute_path(template.element, "extension"),
            "/ClinicalDocument/templateId[2]/@extension"
        );
    }

    /// The quick attribute split agrees with quick-xml's iterator on every
    /// tag it accepts, and gives up (for the exact reading) otherwise.
    #[test]
    fn the_quick_attribute_split_agrees_with_quick_xml() {
        let tags = [
            "a",
            "a ",
            "a x=\"1\"",
            "a x = '1' y=\"a'b\"  ",
            "a\n\tx=\"\" y='\"'",
            "a x=\"1\"y=\"2\"",
            "a x=\"&amp;\" xmlns:v=\"urn:x\"",
            "a x",
            "a x y=\"1\"",
            "a x=",
            "a x=1",
            "a x=\"1",
            "a =\"1\"",
            "a ==\"1\"",
            "a x==\"1\"",
            "a x=\"1\" =\"2\" y=\"3\"",
            "a x=\"1\" x=\"2\"",
            "a \u{e9}=\"\u{20ac}\"",
        ];
        for tag in tags {
            let name_len = tag
                .find(' ')
                .or_else(|| tag.find('\n'))
                .unwrap_or(tag.len());
            let start = BytesStart::from_content(tag, name_len);
            let expected: Result<Vec<(String, String)>, ()> = start
                .attributes()
                .with_checks(false)
                .map(|a| {
                    a.map(|a| (a.key.0.to_owned(), a.value.into_owned()))
                        .map_err(|_| ())
                })
                .collect();
            let raw = start.attributes_raw();
            let mut at = 0;
            let mut quick = Vec::new();
            let mut gave_up = false;
            while let Some(next) = next_attribute(raw, &mut at) {
                match next {
                    Some((k, v)) => quick.push((k.to_owned(), v.to_owned())),
                    None => {
                        gave_up = true;
                        break;
                    }
                }
            }
            match expected {
                Ok(all) if !gave_up => assert_eq!(quick, all, "{tag}"),
                Ok(_) => panic!("the quick split gave up on a tag quick-xml accepts: {tag}"),
                Err(()) => assert!(gave_up, "{tag}"),
            }
        }
    }

    /// Skipping plain narrative keeps exactly what reading every element
    /// keeps, and every finding in narrative that is not plain.
    #[test]
    fn skipping_narrative_changes_nothing() {
        let contents = [
            "",
            "<table border=\"1\"><tr><td>a &lt; b</td><td/></tr></table>",
            "<!-- note --><![CDATA[<x>]]><list><item>x</item></list>",
            "<templateId root=\"2.16.840.1.113883.10.20.27.2.5\"/>",
            "<entry><act><templateId root=\"2.16.840.1.113883.10.20.17.3.8\"/>\
             <effectiveTime><low value=\"20250101\"/></effectiveTime></act></entry>",
            "<id root=\"2.16.840.1.113883.3.7031\" extension=\"PI_EP_1\"/>",
            "<a>",
            "<a></b>",
            "<a></a >",
            "</x>",
            "<x:a/>",
            "<q:a xmlns:q=\"urn:q\"/>",
            "<a xmlns=\"urn:other\"><id root=\"1\"/></a>",
            "<a b=\"1\" b=\"2\"/>",
            "<a b=\"&bogus;\"/>",
            "<a b=1/>",
            "&#0;",
            "&#65;&nbsp;",
            "& x",
            "<!-- a -- b -->",
            "<!DOCTYPE x>",
            "<?pi x?>",
            "<![CDATA[ x",
            "<a><b><c><d><e><f/></e></d></c></b></a>",
        ];
        for content in contents {
            let text = format!(
                "{HEAD}<component><section><templateId root=\"2.16.840.1.113883.10.20.27.2.5\"/>\
                 <text>{content}</text><text>{content}</text></section></component></ClinicalDocument>"
            );
            for max_depth in [5, 6, 8, 256] {
                let limits = Limits {
                    max_depth,
                    ..Limits::default()
                };
                let skipped = kept(read_with(&text, 0, limits, true, Tokenizer::QuickXml));
                let full = kept(read_with(&text, 0, limits, false, Tokenizer::QuickXml));
                let plain = kept(read_with(&text, 0, limits, true, Tokenizer::PlainFirst));
                assert_eq!(plain, full, "{content} (depth {max_depth}, plain first)");
                assert_eq!(skipped, full, "{content} (depth {max_depth})");
            }
        }
    }

    /// The cached resolution of unprefixed names follows the scopes.
    #[test]
    fn a_default_namespace_redeclared_below_the_root_is_scoped() {
        let section = "<section><templateId root=\"2.16.840.1.113883.10.20.27.2.5\"/></section>";
        let text = format!(
            "{HEAD}<component>{section}</component><component xmlns=\"urn:other\">{section}</component>\
             <component>{section}</component><x:component>{section}</x:component></ClinicalDocument>"
        );
        let doc = doc(&text);
        let sections: Vec<String> = doc
            .nodes_of(Kind::PiSection)
            .map(|id| doc.xpath(doc.node(id).element))
            .collect();
        assert_eq!(
            sections,
            [
                "/ClinicalDocument/component[1]/section",
                "/ClinicalDocument/component[3]/section",
                // A prefixed parent does not change its children's default.
                "/ClinicalDocument/x:component/section"
            ]
        );
    }

    #[test]
    fn local_parts_split_like_quick_xml() {
        for name in ["a", "p:a", "p:q:a", ":a", "a:", "\u{e9}:\u{20ac}"] {
            assert_eq!(
                local_part(name),
                QName(name).local_name().into_inner(),
                "{name}"
            );
        }
    }

    #[test]
    fn attribute_spans_cover_the_raw_value() {
        let text = format!(
            "{HEAD}<informationRecipient><intendedRecipient>\
             <id root=\"2.16.840.1.113883.3.249.7\" extension=\"MIPS&#95;GROUP\"/>\
             </intendedRecipient></informationRecipient></ClinicalDocument>"
        );
        let doc = doc(&text);
        let hit = doc
            .node(0)
            .hits(Field::ProgramName)
            .next()
            .expect("program name");
        let value = hit.value.as_ref().expect("value");
        assert_eq!(value.text, "MIPS_GROUP");
        assert_eq!(&text[value.span.range()], "MIPS&#95;GROUP");
    }

    /// What a read keeps, comparable across reads (the path table's name
    /// index is a hash map: the paths themselves are compared).
    fn kept(result: Result<Doc, Stop>) -> String {
        match result {
            Ok(doc) => {
                let paths: Vec<String> = doc
                    .nodes
                    .iter()
                    .flat_map(|n| std::iter::once(n.element).chain(n.hits.iter().map(|h| h.element)))
                    .map(|e| doc.xpath(e))
                    .collect();
                format!("{:?} {paths:?}", doc.nodes)
            }
            Err(stop) => format!("{stop:?}"),
        }
    }

    /// The plain tokenizer keeps exactly what quick-xml's reading keeps, and
    /// every stop is quick-xml's: over every QRDA III file in the
    /// repository, and each of them cut short and with markup bytes
    /// changed, at places spread over each.
    #[test]
    fn the_plain_tokenizer_reads_what_quick_xml_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root.join("fixtures"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("tests/corpus")))
            .filter_map(Result::ok)
            .map(|entry| entry.into_path())
            .filter(|path| path.extension().is_some_and(|e| e == "xml"))
            .collect();
        assert!(files.len() > 100, "the repository's QRDA III files");
        let limits = Limits::default();
        let same = |text: &str, what: &str| {
            let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let plain = kept(read_with(text, base, limits, true, Tokenizer::PlainFirst));
            let quick = kept(read_with(text, base, limits, true, Tokenizer::QuickXml));
            assert_eq!(plain, quick, "{what}");
        };
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let name = path.display();
            same(&text, &format!("{name}"));
            // Cut short, and with one markup byte changed; the large CMS
            // samples (a megabyte each) only whole.
            if text.len() > 64 * 1024 {
                continue;
            }
            let markup: Vec<usize> = text
                .bytes()
                .enumerate()
                .filter(|(_, b)| b"<>/!?-\"'=&;:[]".contains(b))
                .map(|(i, _)| i)
                .collect();
            let step = (markup.len() / 20).max(1);
            for &at in markup.iter().step_by(step) {
                same(&text[..at], &format!("{name} cut at {at}"));
                for replacement in ["", "-", "\"", "<", ">", "&"] {
                    let changed = format!("{}{replacement}{}", &text[..at], &text[at + 1..]);
                    same(&changed, &format!("{name} with {replacement:?} at {at}"));
                }
            }
        }
        for text in [
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><!-- a - b --></ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><!-- a -- b --></ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><!-- a---></ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><!----></ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><!-->--></ClinicalDocument>",
            "<?xml version=\"1.0\"?><?pi a='?>'?><ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>",
            "<?><ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>",
            "<??><ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><a b='>'/><c d=\">\"></c ></ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><![CDATA[<x>]]></ClinicalDocument><![CDATA[x]]>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">&amp;&#65;&bogus;</ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>x",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/><ClinicalDocument/>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"></ClinicalDocument></x>",
            "<x:ClinicalDocument xmlns:x=\"urn:hl7-org:v3\"><x:a/></x:ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><a:b:c/></ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><a/ ></ClinicalDocument>",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><></ClinicalDocument>",
        ] {
            same(text, text);
        }
    }
}
