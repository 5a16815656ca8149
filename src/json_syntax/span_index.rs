//! An index from every JSON value (and object key) to its byte range.
//!
//! serde_json gives values but no positions. This scanner walks the same text
//! once more and records, for each JSON Pointer (RFC 6901), the span of the
//! value and, for object members, the span of the key. It runs only on text
//! serde_json has already accepted, so it can stay small; it still never
//! panics on unexpected bytes (it stops indexing instead), because a bug here
//! must not take a CI run down.
//!
//! Duplicate object keys: serde_json keeps the *last* member, so the index
//! does too (pointers resolve to the value serde_json saw), and every earlier
//! occurrence is returned in [`SpanIndex::duplicate_keys`] for a finding.
//!
//! Deferred arrays: the items of a measurements array are nearly all of a
//! large file's values, and an index of them all would outweigh the file
//! (some 28 bytes a value, several values a measurement). So
//! [`SpanIndex::build_deferring`] can leave the items of chosen arrays
//! out; each item is then indexed on its own, when it is read, by
//! [`SpanIndex::for_each_item`], which reuses one small index throughout.

use std::borrow::Cow;
use crate::fast_hash::FastMap;

use crate::source::Span;

/// Where one JSON value sits in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueSpans {
    /// The value itself, from its first to its last byte (quotes and brackets included).
    pub value: Span,
    /// The member's key (with quotes) when the value is an object member.
    pub key: Option<Span>,
}

/// A key that appears twice in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Pointer of the member (the one serde_json keeps, i.e. the later one).
    pub pointer: String,
    /// The earlier key, which serde_json silently dropped.
    pub first: Span,
    /// The later key.
    pub second: Span,
}

/// A value of the indexed document, for walking the index alongside the
/// parsed value instead of resolving a pointer from the root each time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct NodeId(u32);

/// One value of the document. The index is a tree in document order:
/// building it allocates per container, not per value, and a pointer is
/// resolved by walking it, one token at a time.
///
/// Offsets are `u32` (28 bytes a node instead of 56: a file of a million
/// measurements has some four million values); indexing stops at a value
/// that starts beyond 4 GiB, which no accepted file reaches.
#[derive(Debug, Clone, Copy)]
struct IndexNode {
    start: u32,
    end: u32,
    /// The member's key (quotes included); `key_end == 0` when the value is
    /// not an object member (a key is never empty: it has its quotes).
    key_start: u32,
    key_end: u32,
    /// This container's children: `children[first_child..][..child_count]`.
    first_child: u32,
    child_count: u32,
    kind: NodeKind,
}

impl IndexNode {
    fn key(&self) -> Option<Span> {
        (self.key_end != 0).then(|| Span::new(self.key_start as usize, self.key_end as usize))
    }

    fn spans(&self) -> ValueSpans {
        ValueSpans {
            value: Span::new(self.start as usize, self.end as usize),
            key: self.key(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum NodeKind {
    Object,
    Array,
    /// An array whose items are not indexed (see [`SpanIndex::build_deferring`]).
    DeferredArray,
    Scalar,
}

/// An array left unindexed, and where it is (for the pointers of the
/// duplicate keys its items hold).
#[derive(Debug)]
struct Deferred {
    node: u32,
    path: Vec<PathToken>,
    /// How many items it has (counted as it was skipped).
    items: u32,
}

/// One item of an array, as [`SpanIndex::for_each_item`] gives it: the
/// index that holds it (the document's, or the item's own when the array
/// was deferred) and its node there.
pub struct Item<'i, 'a> {
    pub index: &'i SpanIndex<'a>,
    pub node: NodeId,
    /// The keys repeated inside the item that were found just now, when the
    /// item was indexed on its own; those of an item the document's index
    /// holds were found with the document's.
    pub duplicate_keys: &'i [DuplicateKey],
}

/// Objects with more members than this get a hash map of their keys, so a
/// pointer lookup stays O(1) however many members an object has.
const LINEAR_MEMBERS: usize = 16;

#[derive(Debug, Default)]
pub struct SpanIndex<'a> {
    text: &'a str,
    nodes: Vec<IndexNode>,
    children: Vec<u32>,
    /// Decoded key → the member serde_json keeps, for large objects.
    large_objects: FastMap<u32, FastMap<Cow<'a, str>, u32>>,
    duplicate_keys: Vec<DuplicateKey>,
    /// The arrays left unindexed, in document order (so by node).
    deferred: Vec<Deferred>,
    /// Where the indexed value is in its document: empty for a whole
    /// document, an item's path for an item indexed on its own. Pointers
    /// given to [`SpanIndex::get`] are the document's.
    base: Vec<PathToken>,
}

impl<'a> SpanIndex<'a> {
    /// Indexes `text`, which must be JSON that serde_json accepted. A leading
    /// UTF-8 byte-order mark is skipped like whitespace.
    ///
    /// Everything is indexed: for the tests, the benchmarks and the fuzz
    /// targets (the front end defers the measurement items).
    #[cfg(any(test, feature = "internals"))]
    pub fn build(text: &'a str) -> SpanIndex<'a> {
        // Every value but the first follows a `:`, `,` or `[`, so their
        // count bounds the number of values: reserving that much up front
        // spares a large file the copies (and fresh pages) of a vector that
        // doubles its way up to millions of nodes.
        let bound = memchr::memchr3_iter(b':', b',', b'[', text.as_bytes()).count() + 1;
        let index = SpanIndex {
            text,
            nodes: Vec::with_capacity(bound),
            children: Vec::with_capacity(bound),
            ..SpanIndex::default()
        };
        Self::scan(index, None)
    }

    /// Indexes `text` like `SpanIndex::build`, except that the items of every non-empty
    /// array whose JSON Pointer `defer` accepts are left out: such an array
    /// is one node, and its items are indexed when they are read
    /// ([`SpanIndex::for_each_item`]) or all at once ([`SpanIndex::expand_deferred`]).
    /// The duplicate keys inside those items are found then, not now.
    pub fn build_deferring(text: &'a str, defer: &dyn Fn(&str) -> bool) -> SpanIndex<'a> {
        // No reservation: the deferred items are most of a large file's
        // values, and the rest is small.
        let index = SpanIndex {
            text,
            ..SpanIndex::default()
        };
        Self::scan(index, Some(defer))
    }

    fn scan(index: SpanIndex<'a>, defer: Option<&dyn Fn(&str) -> bool>) -> SpanIndex<'a> {
        let text = index.text;
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            index,
            pending: Vec::new(),
            path: Vec::new(),
            defer,
        };
        if text.starts_with('\u{feff}') {
            scanner.pos = 3;
        }
        scanner.skip_whitespace();
        let _ = scanner.value(None);
        scanner.index
    }

    /// Indexes the items of every deferred array for which `keep` does not
    /// hold, as [`SpanIndex::build`] would have (their duplicate keys
    /// included); the others stay deferred.
    pub fn expand_deferred(&mut self, keep: &dyn Fn(NodeId) -> bool) {
        let deferred = std::mem::take(&mut self.deferred);
        let (kept, expanded): (Vec<_>, Vec<_>) =
            deferred.into_iter().partition(|d| keep(NodeId(d.node)));
        self.deferred = kept;
        for Deferred { node, path, .. } in expanded {
            let mut scanner = Scanner {
                bytes: self.text.as_bytes(),
                pos: self.nodes[node as usize].start as usize,
                index: std::mem::take(self),
                pending: Vec::new(),
                path,
                defer: None,
            };
            let children = scanner.array();
            *self = scanner.index;
            let entry = &mut self.nodes[node as usize];
            entry.kind = NodeKind::Array;
            if let Some((first, count)) = children {
                entry.first_child = first;
                entry.child_count = count;
            }
        }
    }

    /// Calls `f` with each item of the array `node`, in order, and its
    /// position. The items of a deferred array are indexed one at a time,
    /// each in the same reused index, so only one is ever held.
    pub fn for_each_item(&self, node: NodeId, mut f: impl FnMut(usize, Item<'_, 'a>)) {
        let Ok(at) = self.deferred.binary_search_by_key(&node.0, |d| d.node) else {
            for (i, item) in self.items(node).enumerate() {
                let duplicate_keys = &[];
                f(i, Item {
                    index: self,
                    node: item,
                    duplicate_keys,
                });
            }
            return;
        };
        let deferred = &self.deferred[at];
        let mut scanner = Scanner {
            bytes: self.text.as_bytes(),
            pos: self.nodes[node.0 as usize].start as usize + 1, // past '['
            index: SpanIndex {
                text: self.text,
                ..SpanIndex::default()
            },
            pending: Vec::new(),
            path: Vec::new(),
            defer: None,
        };
        for i in 0.. {
            scanner.skip_whitespace();
            if scanner.peek() == Some(b',') {
                scanner.pos += 1;
                scanner.skip_whitespace();
            }
            if scanner.peek().is_none_or(|b| b == b']') {
                return;
            }
            scanner.index.clear();
            scanner.index.base.extend_from_slice(&deferred.path);
            scanner.index.base.push(PathToken::Item(i));
            scanner.path.clone_from(&scanner.index.base);
            let Some(root) = scanner.value(None) else {
                return;
            };
            let index = &scanner.index;
            f(i, Item {
                index,
                node: NodeId(root),
                duplicate_keys: &index.duplicate_keys,
            });
        }
    }

    /// Empties the index for the next item, keeping its buffers.
    fn clear(&mut self) {
        self.nodes.clear();
        self.children.clear();
        self.large_objects.clear();
        self.duplicate_keys.clear();
        self.base.clear();
    }

    /// How many items the array `node` has (0 for other nodes).
    pub fn item_count(&self, node: NodeId) -> usize {
        match self.deferred.binary_search_by_key(&node.0, |d| d.node) {
            Ok(at) => self.deferred[at].items as usize,
            Err(_) => self.items(node).count(),
        }
    }

    /// Whether `node` is an array whose items are deferred.
    pub fn is_deferred(&self, node: NodeId) -> bool {
        self.nodes
            .get(node.0 as usize)
            .is_some_and(|n| n.kind == NodeKind::DeferredArray)
    }

    /// The spans of the value at `pointer` (RFC 6901).
    pub fn get(&self, pointer: &str) -> Option<ValueSpans> {
        self.resolve(pointer)
            .map(|n| self.nodes[n as usize].spans())
    }

    /// The span of the value at `pointer`.
    pub fn value_span(&self, pointer: &str) -> Option<Span> {
        self.get(pointer).map(|s| s.value)
    }

    /// The span of the key at `pointer`, if the value is an object member.
    pub fn key_span(&self, pointer: &str) -> Option<Span> {
        self.get(pointer).and_then(|s| s.key)
    }

    pub fn duplicate_keys(&self) -> &[DuplicateKey] {
        &self.duplicate_keys
    }

    /// How many values a pointer reaches (values hidden by a duplicate key
    /// are not counted: no pointer reaches them). Only the property test and
    /// the fuzz target ask: the front end never counts.
    #[cfg(any(test, feature = "internals"))]
    pub fn reachable_values(&self) -> usize {
        let mut count = 0;
        let mut stack = Vec::new();
        if !self.nodes.is_empty() {
            stack.push(0u32);
        }
        while let Some(node) = stack.pop() {
            count += 1;
            let entry = &self.nodes[node as usize];
            let children = self.children_of(entry);
            for (i, &child) in children.iter().enumerate() {
                let hidden = entry.kind == NodeKind::Object && {
                    let key = self.key_text(child);
                    children[i + 1..].iter().any(|&c| self.key_text(c) == key)
                };
                if !hidden {
                    stack.push(child);
                }
            }
        }
        count
    }

    /// The document's top-level value.
    pub fn root(&self) -> Option<NodeId> {
        (!self.nodes.is_empty()).then_some(NodeId(0))
    }

    /// The member `key` of an object node (the one serde_json keeps).
    pub fn member(&self, node: NodeId, key: &str) -> Option<NodeId> {
        match self.nodes.get(node.0 as usize)?.kind {
            NodeKind::Object => self.child(node.0, key).map(NodeId),
            _ => None,
        }
    }

    /// Item `i` of an array node.
    pub fn item(&self, node: NodeId, i: usize) -> Option<NodeId> {
        let entry = self.nodes.get(node.0 as usize)?;
        match entry.kind {
            NodeKind::Array => self.children_of(entry).get(i).copied().map(NodeId),
            _ => None,
        }
    }

    /// The items of an array node, in order (nothing for other nodes).
    pub fn items(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let items = match self.nodes.get(node.0 as usize) {
            Some(entry) if entry.kind == NodeKind::Array => self.children_of(entry),
            _ => &[],
        };
        items.iter().copied().map(NodeId)
    }

    /// The children of a node in document order: an array's items, or an
    /// object's members, earlier duplicates included (nothing for scalars).
    pub fn children(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let children = match self.nodes.get(node.0 as usize) {
            Some(entry) => self.children_of(entry),
            None => &[],
        };
        children.iter().copied().map(NodeId)
    }

    /// Whether a node is an array (deferred or not).
    pub fn is_array(&self, node: NodeId) -> bool {
        self.nodes
            .get(node.0 as usize)
            .is_some_and(|n| matches!(n.kind, NodeKind::Array | NodeKind::DeferredArray))
    }

    /// Whether a node is an object.
    pub fn is_object(&self, node: NodeId) -> bool {
        self.nodes
            .get(node.0 as usize)
            .is_some_and(|n| n.kind == NodeKind::Object)
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The spans of a node.
    pub fn spans(&self, node: NodeId) -> Option<ValueSpans> {
        self.nodes.get(node.0 as usize).map(IndexNode::spans)
    }

    fn resolve(&self, pointer: &str) -> Option<u32> {
        if self.nodes.is_empty() {
            return None;
        }
        // Only a finding asks for a place, so the base is written out here
        // rather than for every item.
        let base = pointer_of(self.text, &self.base);
        let pointer = pointer.strip_prefix(base.as_str())?;
        let mut node = 0u32;
        if pointer.is_empty() {
            return Some(node);
        }
        let tokens = pointer.strip_prefix('/')?;
        for token in tokens.split('/') {
            let token: Cow<'_, str> = if token.contains('~') {
                Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(token)
            };
            node = self.child(node, &token)?;
        }
        Some(node)
    }

    fn children_of(&self, node: &IndexNode) -> &[u32] {
        let start = node.first_child as usize;
        &self.children[start..start + node.child_count as usize]
    }

    /// The child of `node` that `token` names: the member serde_json keeps
    /// (the last of duplicates) or the array item.
    fn child(&self, node: u32, token: &str) -> Option<u32> {
        let entry = &self.nodes[node as usize];
        match entry.kind {
            NodeKind::Array => {
                // RFC 6901: no sign, no leading zero.
                if token.is_empty()
                    || !token.bytes().all(|b| b.is_ascii_digit())
                    || (token.len() > 1 && token.starts_with('0'))
                {
                    return None;
                }
                let i: usize = token.parse().ok()?;
                self.children_of(entry).get(i).copied()
            }
            NodeKind::Object => {
                if let Some(keys) = self.large_objects.get(&node) {
                    return keys.get(token).copied();
                }
                self.children_of(entry)
                    .iter()
                    .rev()
                    .copied()
                    .find(|&c| self.key_is(c, token))
            }
            NodeKind::DeferredArray | NodeKind::Scalar => None,
        }
    }

    /// Whether member `node`'s decoded key is `token`, decoding only a key
    /// with escapes. An escape is longer than the character it stands for,
    /// so a key with one is longer than its decoding: a key as long as
    /// `token` matches only byte for byte, a shorter one never.
    fn key_is(&self, node: u32, token: &str) -> bool {
        let Some(key) = self.nodes[node as usize].key() else {
            return false;
        };
        // Most members are told apart by length alone, before the text is
        // looked at (the key span holds two quotes around its text).
        if key.end().saturating_sub(key.start()) < token.len() + 2 {
            return false;
        }
        let Some(inner) = self
            .text
            .get(key.start() + 1..key.end().saturating_sub(1).max(key.start() + 1))
        else {
            return false;
        };
        match inner.len().cmp(&token.len()) {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => inner == token && !inner.contains('\\'),
            std::cmp::Ordering::Greater => {
                inner.contains('\\') && decode_key(self.text, key).as_deref() == Some(token)
            }
        }
    }

    /// The decoded key of member `node` (for [`SpanIndex::reachable_values`]).
    #[cfg(any(test, feature = "internals"))]
    fn key_text(&self, node: u32) -> Option<Cow<'a, str>> {
        let key = self.nodes[node as usize].key()?;
        decode_key(self.text, key)
    }
}

/// A key's text without quotes, decoded only when it has escapes.
fn decode_key(text: &str, span: Span) -> Option<Cow<'_, str>> {
    let raw = text.get(span.start()..span.end())?;
    let inner = raw.get(1..raw.len().checked_sub(1)?)?;
    if inner.contains('\\') {
        serde_json::from_str(raw).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(inner))
    }
}

// JSON Pointer escaping belongs to the pointer type; the front end uses it.
pub use crate::pointer::push_token;

struct Scanner<'a, 'd> {
    bytes: &'a [u8],
    pos: usize,
    index: SpanIndex<'a>,
    /// Children of the containers being read, innermost last; each
    /// container moves its own to `index.children` when it closes.
    pending: Vec<u32>,
    /// Where the value being read is, token by token: its pointer is built
    /// only for a duplicate-key finding, not formatted for every value.
    path: Vec<PathToken>,
    /// Which arrays (by pointer) to leave unindexed, if any.
    defer: Option<&'d dyn Fn(&str) -> bool>,
}

#[derive(Debug, Clone, Copy)]
enum PathToken {
    /// An object member, by its key's span.
    Key(Span),
    Item(usize),
}

/// The JSON Pointer of `path`.
fn pointer_of(text: &str, path: &[PathToken]) -> String {
    let mut pointer = String::new();
    for token in path {
        match *token {
            PathToken::Key(key) => {
                push_token(&mut pointer, &decode_key(text, key).unwrap_or_default())
            }
            PathToken::Item(i) => {
                pointer.push('/');
                push_index(&mut pointer, i);
            }
        }
    }
    pointer
}

impl<'a> Scanner<'a, '_> {
    fn skip_whitespace(&mut self) {
        // Pretty-printed files are mostly indentation: a run of spaces is
        // skipped eight bytes at a time, the rest byte by byte.
        const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
        loop {
            while let Some(chunk) = self
                .bytes
                .get(self.pos..self.pos + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            {
                if u64::from_ne_bytes(chunk) != SPACES {
                    break;
                }
                self.pos += 8;
            }
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                _ => return,
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Records the value starting at `self.pos`; returns its node.
    fn value(&mut self, key: Option<Span>) -> Option<u32> {
        let start = self.pos;
        let id = u32::try_from(self.index.nodes.len()).ok()?;
        let kind = match self.peek()? {
            b'{' => NodeKind::Object,
            b'[' if self.defers_array() => NodeKind::DeferredArray,
            b'[' => NodeKind::Array,
            _ => NodeKind::Scalar,
        };
        let start32 = u32::try_from(start).ok()?;
        let (key_start, key_end) = match key {
            Some(key) => (u32::try_from(key.start()).ok()?, u32::try_from(key.end()).ok()?),
            None => (0, 0),
        };
        self.index.nodes.push(IndexNode {
            start: start32,
            end: start32,
            key_start,
            key_end,
            first_child: 0,
            child_count: 0,
            kind,
        });
        let children = match kind {
            NodeKind::Object => Some(self.object(id)?),
            NodeKind::Array => Some(self.array()?),
            NodeKind::DeferredArray => {
                let items = self.skip_array()?;
                self.index.deferred.push(Deferred {
                    node: id,
                    path: self.path.clone(),
                    items,
                });
                None
            }
            NodeKind::Scalar => {
                if self.peek()? == b'"' {
                    self.string()?;
                } else {
                    self.scalar();
                }
                None
            }
        };
        let node = &mut self.index.nodes[id as usize];
        node.end = u32::try_from(self.pos).unwrap_or(u32::MAX);
        if let Some((first, count)) = children {
            node.first_child = first;
            node.child_count = count;
        }
        Some(id)
    }

    /// Whether the array at `self.pos` is one to leave unindexed: a
    /// non-empty one whose pointer the caller chose.
    fn defers_array(&self) -> bool {
        let Some(defer) = self.defer else {
            return false;
        };
        let mut after = self.pos + 1;
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(after) {
            after += 1;
        }
        self.bytes.get(after).is_some_and(|&b| b != b']')
            && defer(&pointer_of(self.index.text, &self.path))
    }

    /// Moves past the non-empty array at `self.pos`, indexing nothing;
    /// returns how many items it has.
    fn skip_array(&mut self) -> Option<u32> {
        let mut depth = 0usize;
        let mut commas = 0u32;
        loop {
            match self.peek()? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        self.pos += 1;
                        return commas.checked_add(1);
                    }
                }
                b',' if depth == 1 => commas += 1,
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// Moves the children read since `mark` into the index.
    fn close_container(&mut self, mark: usize) -> Option<(u32, u32)> {
        let first = u32::try_from(self.index.children.len()).ok()?;
        let count = u32::try_from(self.pending.len() - mark).ok()?;
        self.index.children.extend(self.pending.drain(mark..));
        Some((first, count))
    }

    fn object(&mut self, id: u32) -> Option<(u32, u32)> {
        self.pos += 1; // '{'
        let mark = self.pending.len();
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'}' => {
                    self.pos += 1;
                    self.find_duplicates(id, mark);
                    return self.close_container(mark);
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let key_span = self.string()?;
            self.skip_whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.skip_whitespace();
            self.path.push(PathToken::Key(key_span));
            let child = self.value(Some(key_span))?;
            self.path.pop();
            self.pending.push(child);
        }
    }

    /// Reports every repeated key of the object just read (each repeat
    /// against the occurrence before it); a large object also gets its key
    /// map, which keeps the last occurrence like serde_json.
    fn find_duplicates(&mut self, id: u32, mark: usize) {
        let members = &self.pending[mark..];
        let text = self.index.text;
        let key_of = |nodes: &[IndexNode], c: u32| {
            nodes[c as usize]
                .key()
                .and_then(|k| decode_key(text, k))
                .unwrap_or_default()
        };
        let mut repeats: Vec<(u32, u32)> = Vec::new();
        if members.len() <= LINEAR_MEMBERS {
            // Each key's text between its quotes, looked at once: keys
            // without escapes (all of them, nearly always) are equal exactly
            // when their texts are, and only others are decoded to compare.
            let mut raw: [(&str, bool); LINEAR_MEMBERS] = [("", false); LINEAR_MEMBERS];
            for (slot, &member) in raw.iter_mut().zip(members) {
                let inner = self.index.nodes[member as usize]
                    .key()
                    .and_then(|k| text.get(k.start() + 1..k.end().checked_sub(1)?))
                    .unwrap_or("");
                *slot = (inner, memchr::memchr(b'\\', inner.as_bytes()).is_some());
            }
            let same = |a: usize, b: usize| {
                let ((text_a, escaped_a), (text_b, escaped_b)) = (raw[a], raw[b]);
                if !escaped_a && !escaped_b {
                    return text_a == text_b;
                }
                key_of(&self.index.nodes, members[a]) == key_of(&self.index.nodes, members[b])
            };
            for (i, &later) in members.iter().enumerate() {
                if let Some(earlier) = (0..i).rev().find(|&e| same(e, i)) {
                    repeats.push((members[earlier], later));
                }
            }
        } else {
            let mut keys: FastMap<Cow<'a, str>, u32> =
                FastMap::with_capacity_and_hasher(members.len(), Default::default());
            for &later in members {
                if let Some(earlier) = keys.insert(key_of(&self.index.nodes, later), later) {
                    repeats.push((earlier, later));
                }
            }
            self.index.large_objects.insert(id, keys);
        }
        for (earlier, later) in repeats {
            let mut pointer = pointer_of(text, &self.path);
            let key = key_of(&self.index.nodes, later);
            push_token(&mut pointer, &key);
            let (Some(first), Some(second)) = (
                self.index.nodes[earlier as usize].key(),
                self.index.nodes[later as usize].key(),
            ) else {
                continue;
            };
            self.index.duplicate_keys.push(DuplicateKey {
                pointer,
                first,
                second,
            });
        }
    }

    fn array(&mut self) -> Option<(u32, u32)> {
        self.pos += 1; // '['
        let mark = self.pending.len();
        let mut i = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return self.close_container(mark);
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            self.path.push(PathToken::Item(i));
            let child = self.value(None)?;
            self.path.pop();
            self.pending.push(child);
            i += 1;
        }
    }

    /// Skips a string literal and returns its span (quotes included).
    fn string(&mut self) -> Option<Span> {
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        loop {
            // Only a quote or a backslash ends the plain run.
            let rest = self.bytes.get(self.pos..)?;
            let at = memchr::memchr2(b'"', b'\\', rest)?;
            self.pos += at;
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(Span::new(start, self.pos));
                }
                _ => self.pos += 2,
            }
        }
    }

    /// Numbers, `true`, `false`, `null`: everything up to a delimiter.
    fn scalar(&mut self) {
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.pos += 1;
        }
    }
}

/// Appends a decimal array index without allocating.
fn push_index(pointer: &mut String, i: usize) {
    use std::fmt::Write;
    let _ = write!(pointer, "{i}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at<'a>(text: &'a str, index: &SpanIndex, pointer: &str) -> &'a str {
        let span = index.value_span(pointer).expect(pointer);
        &text[span.range()]
    }

    #[test]
    fn indexes_values_and_keys() {
        let text = r#"{"a": [1, {"b~/c": "x\"y"}], "d": null}"#;
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, ""), text);
        assert_eq!(text_at(text, &index, "/a/0"), "1");
        assert_eq!(text_at(text, &index, "/a/1/b~0~1c"), r#""x\"y""#);
        assert_eq!(text_at(text, &index, "/d"), "null");
        let key = index.key_span("/d").unwrap();
        assert_eq!(&text[key.range()], "\"d\"");
    }

    #[test]
    fn duplicate_keys_resolve_to_the_last_member_like_serde_json() {
        let text = r#"{"a": {"x": 1, "y": 2}, "a": {"x": 3}}"#;
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, "/a/x"), "3");
        assert!(index.get("/a/y").is_none(), "stale pointer left behind");
        assert_eq!(
            index.reachable_values(),
            3,
            "the dropped member's values are not counted"
        );
        let dup = &index.duplicate_keys()[0];
        assert_eq!(dup.pointer, "/a");
        assert_eq!(dup.first, Span::new(1, 4));
    }

    #[test]
    fn large_objects_resolve_and_report_duplicates_like_small_ones() {
        let mut members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        members.push("\"k7\": [true]".to_owned());
        members.push("\"k\\u0037\": {\"x\": 1}".to_owned());
        let text = format!("{{{}}}", members.join(", "));
        let index = SpanIndex::build(&text);
        assert_eq!(text_at(&text, &index, "/k39"), "39");
        assert_eq!(text_at(&text, &index, "/k7/x"), "1");
        assert!(index.get("/k7/0").is_none());
        let pointers: Vec<&str> = index
            .duplicate_keys()
            .iter()
            .map(|d| d.pointer.as_str())
            .collect();
        assert_eq!(pointers, ["/k7", "/k7"]);
        // The root, 40 members, and the one value inside the kept `k7`.
        assert_eq!(index.reachable_values(), 1 + 40 + 1);
    }

    #[test]
    fn small_objects_find_duplicates_written_with_escapes() {
        let text = r#"{"a": 1, "b": 2, "\u0061": 3, "\u0062": 4, "c": 5}"#;
        let index = SpanIndex::build(text);
        let pointers: Vec<&str> = index
            .duplicate_keys()
            .iter()
            .map(|d| d.pointer.as_str())
            .collect();
        assert_eq!(pointers, ["/a", "/b"]);
        assert_eq!(text_at(text, &index, "/a"), "3");
    }

    #[test]
    fn keys_with_escapes_are_decoded() {
        let text = r#"{"\u0061": true}"#;
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, "/a"), "true");
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let text = "\u{feff}[1]";
        let index = SpanIndex::build(text);
        assert_eq!(text_at(text, &index, "/0"), "1");
    }

    #[test]
    fn deferred_items_are_indexed_one_at_a_time_at_their_own_pointers() {
        let text = r#"{"a": [{"x": 1, "x": 2}, [true], "s"], "b": [], "c": [3]}"#;
        let index = SpanIndex::build_deferring(text, &|pointer| pointer != "/c");
        let root = index.root().unwrap();
        let a = index.member(root, "a").unwrap();
        assert!(index.is_deferred(a) && index.is_array(a));
        assert_eq!(index.item_count(a), 3);
        assert!(index.get("/a/0").is_none(), "the items are not in the index");
        assert!(index.duplicate_keys().is_empty(), "found when the item is read");
        // An empty array has nothing to defer; one not chosen is indexed.
        assert!(!index.is_deferred(index.member(root, "b").unwrap()));
        assert_eq!(text_at(text, &index, "/c/0"), "3");

        let mut seen = Vec::new();
        index.for_each_item(a, |i, item| {
            let span = item.index.spans(item.node).unwrap().value;
            let pointers: Vec<&str> = item
                .duplicate_keys
                .iter()
                .map(|d| d.pointer.as_str())
                .collect();
            seen.push((i, &text[span.range()], pointers.join(",")));
            if i == 0 {
                // Pointers are the document's.
                assert_eq!(text_at(text, item.index, "/a/0/x"), "2");
                assert!(item.index.get("/a/1").is_none());
            }
        });
        assert_eq!(
            seen,
            [
                (0, r#"{"x": 1, "x": 2}"#, "/a/0/x".to_owned()),
                (1, "[true]", String::new()),
                (2, r#""s""#, String::new()),
            ]
        );
    }

    #[test]
    fn expanded_arrays_are_indexed_as_if_never_deferred() {
        let text = r#"{"a": [{"x": 1, "x": [2, {"y": 0, "y": 1}]}, 4], "b": {"a": [5]}}"#;
        let whole = SpanIndex::build(text);
        let mut index = SpanIndex::build_deferring(text, &|_| true);
        index.expand_deferred(&|_| false);
        assert_eq!(index.reachable_values(), whole.reachable_values());
        for pointer in ["/a/0/x/1/y", "/a/1", "/b/a/0"] {
            assert_eq!(index.get(pointer), whole.get(pointer), "{pointer}");
        }
        // The same repeats, found in another order.
        let sorted = |index: &SpanIndex| {
            let mut duplicates = index.duplicate_keys().to_vec();
            duplicates.sort_by_key(|d| d.second.start());
            duplicates
        };
        assert_eq!(sorted(&index), sorted(&whole));
    }

    #[test]
    fn garbage_never_panics() {
        for text in ["", "{", "[1,", "{\"a\"", "{\"a\":", "\"abc", "{\"a\\"] {
            let _ = SpanIndex::build(text);
        }
    }
}
