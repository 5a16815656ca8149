//! XPath-like pointers for XML findings, with positional predicates only
//! where a name repeats among its siblings
//! (`/ClinicalDocument/component/structuredBody/component[2]/section`).
//!
//! The reader streams, so when it meets an element it does not yet know
//! whether later siblings share its name. It therefore records a path
//! segment only for elements someone points at (and their ancestors), and
//! fills in each segment's sibling total when the parent closes; pointers
//! are spelled out at the end, when the totals are known.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// An interned path segment.
pub type PathId = usize;

/// One step of a path. Compact (16 bytes, no allocation of its own): a
/// 50 MB file has hundreds of thousands of them. `u32` holds any count in
/// a file the reader accepts (at most 64 MiB, so fewer than 2^32 elements).
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// The parent segment; `NO_PARENT` for the root.
    parent: u32,
    /// Index into [`PathTable::names`].
    name: u32,
    /// 1-based position among same-named siblings.
    index: u32,
    /// How many same-named siblings there were; 0 while unknown.
    total: u32,
}

const NO_PARENT: u32 = u32::MAX;

#[derive(Debug, Default, Clone)]
pub struct PathTable {
    segments: Vec<Segment>,
    /// Each distinct element name once (a document uses a few dozen),
    /// shared by the list and the lookup (one allocation per name).
    names: Vec<Arc<str>>,
    name_ids: HashMap<Arc<str>, u32, foldhash::fast::RandomState>,
}

fn compact(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl PathTable {
    /// A table with room for `segments` segments and `names` names.
    pub fn with_capacity(segments: usize, names: usize) -> PathTable {
        PathTable {
            segments: Vec::with_capacity(segments),
            names: Vec::with_capacity(names),
            name_ids: HashMap::with_capacity_and_hasher(names, Default::default()),
        }
    }

    pub fn push(&mut self, parent: Option<PathId>, name: &str, index: usize) -> PathId {
        let name = match self.name_ids.get(name) {
            Some(&id) => id,
            None => {
                let id = compact(self.names.len());
                let shared: Arc<str> = name.into();
                self.names.push(Arc::clone(&shared));
                self.name_ids.insert(shared, id);
                id
            }
        };
        self.segments.push(Segment {
            parent: parent.map_or(NO_PARENT, compact),
            name,
            index: compact(index),
            total: 0,
        });
        self.segments.len() - 1
    }

    /// Gives back the room the table grew into and did not fill.
    pub fn shrink_to_fit(&mut self) {
        self.segments.shrink_to_fit();
    }

    pub fn set_total(&mut self, id: PathId, total: usize) {
        if let Some(segment) = self.segments.get_mut(id) {
            segment.total = compact(total);
        }
    }

    /// The element name of a segment.
    pub fn name(&self, id: PathId) -> &str {
        self.segments
            .get(id)
            .map_or("", |segment| self.segment_name(segment))
    }

    /// The element's pointer. A segment whose total is unknown (the file
    /// ended early) gets a predicate when it is not the first.
    pub fn xpath(&self, id: PathId) -> String {
        self.pointer(id, "")
    }

    /// The pointer of an attribute of the element.
    pub fn attribute(&self, id: PathId, attribute: &str) -> String {
        self.pointer(id, attribute)
    }

    /// The element's pointer, then `/@attribute` when one is given, built
    /// in a string of exactly its length.
    fn pointer(&self, id: PathId, attribute: &str) -> String {
        let mut length = 0;
        let mut next = self.segments.get(id);
        while let Some(segment) = next {
            length += 1 + self.segment_name(segment).len();
            if numbered(segment) {
                length += segment.index.checked_ilog10().unwrap_or(0) as usize + 3;
            }
            next = self.parent(segment);
        }
        if !attribute.is_empty() {
            length += 2 + attribute.len();
        }
        let mut out = String::with_capacity(length);
        // Writing into a `String` cannot fail.
        let _ = self.write_pointer(id, attribute, &mut out);
        out
    }

    /// Writes the pointer [`PathTable::attribute`] spells (or, with no
    /// attribute, [`PathTable::xpath`]): the model keeps a path id and
    /// spells the pointer out only when a finding shows it.
    pub fn write_pointer(&self, id: PathId, attribute: &str, out: &mut impl fmt::Write) -> fmt::Result {
        if let Some(segment) = self.segments.get(id) {
            self.write_steps(segment, out)?;
        }
        if !attribute.is_empty() {
            out.write_str("/@")?;
            out.write_str(attribute)?;
        }
        Ok(())
    }

    /// Writes the steps from the root down to `segment`. The recursion is
    /// as deep as the element, which the reader bounds (256).
    fn write_steps(&self, segment: &Segment, out: &mut impl fmt::Write) -> fmt::Result {
        if let Some(parent) = self.parent(segment) {
            self.write_steps(parent, out)?;
        }
        out.write_char('/')?;
        out.write_str(self.segment_name(segment))?;
        if numbered(segment) {
            out.write_char('[')?;
            write_decimal(out, segment.index)?;
            out.write_char(']')?;
        }
        Ok(())
    }

    fn parent(&self, segment: &Segment) -> Option<&Segment> {
        if segment.parent == NO_PARENT {
            return None;
        }
        self.segments.get(segment.parent as usize)
    }

    fn segment_name(&self, segment: &Segment) -> &str {
        self.names.get(segment.name as usize).map_or("", |n| n)
    }
}

/// Writes `n` in decimal: the formatting machinery cost more than the
/// rest of a pointer (a file spells out thousands of them).
fn write_decimal(out: &mut impl fmt::Write, n: u32) -> fmt::Result {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.write_char(char::from(digit))?;
    }
    Ok(())
}

/// A step gets a predicate when its name repeats among its siblings (or
/// the total is unknown and it is not the first).
fn numbered(segment: &Segment) -> bool {
    segment.total > 1 || segment.index > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates_only_where_names_repeat() {
        let mut table = PathTable::default();
        let root = table.push(None, "ClinicalDocument", 1);
        table.set_total(root, 1);
        let first = table.push(Some(root), "component", 1);
        table.set_total(first, 2);
        let section = table.push(Some(first), "section", 1);
        table.set_total(section, 1);
        assert_eq!(
            table.xpath(section),
            "/ClinicalDocument/component[1]/section"
        );
        assert_eq!(
            table.attribute(section, "root"),
            "/ClinicalDocument/component[1]/section/@root"
        );
    }

    #[test]
    fn unknown_totals_still_number_later_siblings() {
        let mut table = PathTable::default();
        let root = table.push(None, "a", 1);
        let second = table.push(Some(root), "b", 2);
        assert_eq!(table.xpath(second), "/a/b[2]");
    }

    #[test]
    fn pointers_are_built_at_their_exact_length() {
        let mut table = PathTable::default();
        let root = table.push(None, "ClinicalDocument", 1);
        let entry = table.push(Some(root), "entry", 12_345);
        table.set_total(entry, 20_000);
        let id = table.push(Some(entry), "id", 1);
        table.set_total(id, 1);
        for pointer in [table.xpath(id), table.attribute(id, "extension")] {
            assert_eq!(pointer.len(), pointer.capacity(), "{pointer}");
        }
        assert_eq!(
            table.attribute(id, "extension"),
            "/ClinicalDocument/entry[12345]/id/@extension"
        );
        assert_eq!(table.name(entry), "entry");
        assert_eq!(table.name(99), "");
    }

    #[test]
    fn indexes_are_written_in_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u32::MAX] {
            let mut out = String::new();
            write_decimal(&mut out, n).unwrap();
            assert_eq!(out, n.to_string());
        }
    }
}
