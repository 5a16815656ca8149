//! XPath-like pointers for XML findings, with positional predicates only
//! where a name repeats among its siblings
//! (`/ClinicalDocument/component/structuredBody/component[2]/section`).
//!
//! The reader streams, so when it meets an element it does not yet know
//! whether later siblings share its name. It therefore records a path
//! segment only for elements someone points at (and their ancestors), and
//! fills in each segment's sibling total when the parent closes; pointers
//! are spelled out at the end, when the totals are known.

/// An interned path segment.
pub type PathId = usize;

#[derive(Debug, Clone)]
struct Segment {
    parent: Option<PathId>,
    name: String,
    /// 1-based position among same-named siblings.
    index: usize,
    /// How many same-named siblings there were; 0 while unknown.
    total: usize,
}

#[derive(Debug, Default, Clone)]
pub struct PathTable {
    segments: Vec<Segment>,
}

impl PathTable {
    pub fn push(&mut self, parent: Option<PathId>, name: &str, index: usize) -> PathId {
        self.segments.push(Segment {
            parent,
            name: name.to_owned(),
            index,
            total: 0,
        });
        self.segments.len() - 1
    }

    pub fn set_total(&mut self, id: PathId, total: usize) {
        if let Some(segment) = self.segments.get_mut(id) {
            segment.total = total;
        }
    }

    /// The element name of a segment.
    pub fn name(&self, id: PathId) -> &str {
        self.segments.get(id).map_or("", |s| s.name.as_str())
    }

    /// The element's pointer. A segment whose total is unknown (the file
    /// ended early) gets a predicate when it is not the first.
    pub fn xpath(&self, id: PathId) -> String {
        let mut steps = Vec::new();
        let mut next = Some(id);
        while let Some(current) = next {
            let Some(segment) = self.segments.get(current) else {
                break;
            };
            steps.push(segment);
            next = segment.parent;
        }
        let mut out = String::new();
        for segment in steps.iter().rev() {
            out.push('/');
            out.push_str(&segment.name);
            if segment.total > 1 || segment.index > 1 {
                out.push_str(&format!("[{}]", segment.index));
            }
        }
        out
    }

    /// The pointer of an attribute of the element.
    pub fn attribute(&self, id: PathId, attribute: &str) -> String {
        format!("{}/@{attribute}", self.xpath(id))
    }
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
}
