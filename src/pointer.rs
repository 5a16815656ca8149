//! [`Pointer`]: where a model value is, as a JSON Pointer (RFC 6901) or an
//! XPath-like path, kept compact.
//!
//! Every model value carries one. A `String` each would be one heap
//! allocation per value (3-5 per measurement, ~250 MiB on a 52 MB file), yet
//! a pointer is only ever read as text when a finding is made. So the common
//! JSON shapes are stored as numbers and a `&'static str` tail, and turned
//! into text by [`Display`](fmt::Display). A QRDA III path is an id into
//! its document's path table ([`Pointer::InDocument`]), spelled out the
//! same way. Anything else (unusual members) is [`Pointer::Owned`]. The
//! text is exactly what a `String` would have held.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use crate::qrda3_reader::paths::{PathId, PathTable};

/// A static pointer suffix, behind a thin reference so that a
/// [`Pointer`] is no bigger than a `String`.
type Tail = &'static &'static str;

/// The empty tail.
const NO_TAIL: Tail = &"";

/// An attribute name in a QRDA III pointer (`&"extension"`), behind a thin
/// reference for the same reason as [`Tail`].
pub type AttributeName = &'static &'static str;

/// A JSON Pointer or XPath-like path. Compare it with text (`==` a `str`)
/// or render it with `to_string()`; its variants are how it is stored, not
/// what it means.
#[derive(Clone, Default)]
pub enum Pointer {
    /// `""`: the whole document.
    #[default]
    Root,
    /// A top-level member the decoder reads, e.g. `/performanceYear`.
    Field(Tail),
    /// `/measurementSets/{set}{tail}`.
    InSet { set: u32, tail: Tail },
    /// `/measurementSets/{set}/measurements/{item}{tail}`, or, with no set
    /// (a measurement-set body), `/measurements/{item}{tail}`.
    InMeasurement {
        set: Option<u32>,
        item: u32,
        tail: Tail,
    },
    /// An element of a QRDA III document, or with an attribute name its
    /// `/@attribute`, as the document's path table spells it
    /// ([`PathTable::attribute`]). A 50 MB document has hundreds of
    /// thousands of model values; the table holds their paths once.
    InDocument {
        paths: Arc<PathTable>,
        element: u32,
        attribute: AttributeName,
    },
    /// Any other text.
    Owned(Box<str>),
}

/// `tail` + `/key` when that is one of the members the JSON decoder reads
/// (any other member becomes [`Pointer::Owned`], with the same text). A
/// `match` on string literals compares each with its known length inline,
/// which matters: this runs for every value of every measurement. A key
/// holding `/` or `~` (escaped in a pointer) matches no literal.
fn join(tail: &str, key: &str) -> Option<Tail> {
    match tail {
        "" => Some(match key {
            "measureId" => &"/measureId",
            "value" => &"/value",
            "submission" => &"/submission",
            "entityType" => &"/entityType",
            "taxpayerIdentificationNumber" => &"/taxpayerIdentificationNumber",
            "nationalProviderIdentifier" => &"/nationalProviderIdentifier",
            "entityId" => &"/entityId",
            "performanceYear" => &"/performanceYear",
            "measurementSets" => &"/measurementSets",
            "category" => &"/category",
            "submissionMethod" => &"/submissionMethod",
            "programName" => &"/programName",
            "performanceStart" => &"/performanceStart",
            "performanceEnd" => &"/performanceEnd",
            "cehrtId" => &"/cehrtId",
            "measurements" => &"/measurements",
            _ => return None,
        }),
        "/value" => Some(match key {
            "numerator" => &"/value/numerator",
            "denominator" => &"/value/denominator",
            _ => return None,
        }),
        "/submission" => Some(match key {
            "entityType" => &"/submission/entityType",
            "taxpayerIdentificationNumber" => &"/submission/taxpayerIdentificationNumber",
            "nationalProviderIdentifier" => &"/submission/nationalProviderIdentifier",
            "entityId" => &"/submission/entityId",
            "performanceYear" => &"/submission/performanceYear",
            "measurementSets" => &"/submission/measurementSets",
            _ => return None,
        }),
        _ => None,
    }
}

impl Pointer {
    /// The pointer of element `element` of a QRDA III document whose paths
    /// are `paths`, or of its attribute `attribute` when that is not empty.
    pub fn in_document(paths: &Arc<PathTable>, element: PathId, attribute: AttributeName) -> Self {
        match u32::try_from(element) {
            Ok(element) => Pointer::InDocument {
                paths: Arc::clone(paths),
                element,
                attribute,
            },
            // Never for a file the reader accepts (fewer than 2^32 elements).
            Err(_) => Pointer::Owned(paths.attribute(element, attribute).into()),
        }
    }

    /// The pointer of member `key` of the value at `self`.
    pub fn member(&self, key: &str) -> Pointer {
        let joined = match self {
            Pointer::Root => join("", key).map(Pointer::Field),
            Pointer::Field(tail) => join(tail, key).map(Pointer::Field),
            Pointer::InSet { set, tail } => {
                join(tail, key).map(|tail| Pointer::InSet { set: *set, tail })
            }
            Pointer::InMeasurement { set, item, tail } => {
                join(tail, key).map(|tail| Pointer::InMeasurement {
                    set: *set,
                    item: *item,
                    tail,
                })
            }
            Pointer::InDocument { .. } | Pointer::Owned(_) => None,
        };
        joined.unwrap_or_else(|| {
            let mut text = self.to_string();
            push_token(&mut text, key);
            Pointer::Owned(text.into())
        })
    }

    /// The pointer of item `i` of the array at `self`.
    pub fn item(&self, i: usize) -> Pointer {
        let structured = u32::try_from(i).ok().and_then(|i| match *self {
            Pointer::Field(&"/measurementSets") => Some(Pointer::InSet {
                set: i,
                tail: NO_TAIL,
            }),
            Pointer::Field(&"/measurements") => Some(Pointer::InMeasurement {
                set: None,
                item: i,
                tail: NO_TAIL,
            }),
            Pointer::InSet {
                set,
                tail: &"/measurements",
            } => Some(Pointer::InMeasurement {
                set: Some(set),
                item: i,
                tail: NO_TAIL,
            }),
            _ => None,
        });
        structured.unwrap_or_else(|| {
            let mut text = self.to_string();
            let _ = write!(text, "/{i}");
            Pointer::Owned(text.into())
        })
    }

    /// Whether this is the empty pointer (the whole document).
    pub fn is_empty(&self) -> bool {
        match self {
            Pointer::Root => true,
            Pointer::Owned(text) => text.is_empty(),
            // Only a path id the table does not hold spells nothing.
            Pointer::InDocument { .. } => *self == *"",
            _ => false,
        }
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pointer::Root => Ok(()),
            Pointer::Field(tail) => f.write_str(tail),
            Pointer::InSet { set, tail } => write!(f, "/measurementSets/{set}{tail}"),
            Pointer::InMeasurement {
                set: Some(set),
                item,
                tail,
            } => write!(f, "/measurementSets/{set}/measurements/{item}{tail}"),
            Pointer::InMeasurement {
                set: None,
                item,
                tail,
            } => write!(f, "/measurements/{item}{tail}"),
            Pointer::InDocument {
                paths,
                element,
                attribute,
            } => paths.write_pointer(*element as PathId, attribute, f),
            Pointer::Owned(text) => f.write_str(text),
        }
    }
}

/// As derived, except that a document path shows its text, not the
/// document's whole path table.
impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pointer::Root => f.write_str("Root"),
            Pointer::Field(tail) => f.debug_tuple("Field").field(tail).finish(),
            Pointer::InSet { set, tail } => f
                .debug_struct("InSet")
                .field("set", set)
                .field("tail", tail)
                .finish(),
            Pointer::InMeasurement { set, item, tail } => f
                .debug_struct("InMeasurement")
                .field("set", set)
                .field("item", item)
                .field("tail", tail)
                .finish(),
            Pointer::InDocument { .. } => f
                .debug_tuple("InDocument")
                .field(&self.to_string())
                .finish(),
            Pointer::Owned(text) => f.debug_tuple("Owned").field(text).finish(),
        }
    }
}

/// Checks, piece by piece, that what is written is exactly `rest`, so a
/// pointer is compared with text without rendering it.
struct Matches<'a> {
    rest: &'a str,
}

impl fmt::Write for Matches<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        match self.rest.strip_prefix(s) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(fmt::Error),
        }
    }
}

impl PartialEq<str> for Pointer {
    fn eq(&self, other: &str) -> bool {
        if let Pointer::Owned(text) = self {
            return **text == *other;
        }
        let mut matches = Matches { rest: other };
        write!(matches, "{self}").is_ok() && matches.rest.is_empty()
    }
}

impl PartialEq<&str> for Pointer {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for Pointer {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
}

/// Equal when the texts are: one text has several possible stores (e.g. a
/// missing member's pointer is built as `Owned`).
impl PartialEq for Pointer {
    fn eq(&self, other: &Pointer) -> bool {
        match (self, other) {
            (_, Pointer::Owned(text)) => self == &**text,
            (Pointer::Root, Pointer::Root) => true,
            (Pointer::Field(a), Pointer::Field(b)) => a == b,
            (Pointer::InSet { set: a, tail: x }, Pointer::InSet { set: b, tail: y }) => {
                a == b && x == y
            }
            (
                Pointer::InMeasurement {
                    set: a,
                    item: i,
                    tail: x,
                },
                Pointer::InMeasurement {
                    set: b,
                    item: j,
                    tail: y,
                },
            ) => a == b && i == j && x == y,
            (
                Pointer::InDocument {
                    paths: p,
                    element: i,
                    attribute: x,
                },
                Pointer::InDocument {
                    paths: q,
                    element: j,
                    attribute: y,
                },
            ) if Arc::ptr_eq(p, q) && i == j && x == y => true,
            _ => *other == *self.to_string(),
        }
    }
}

impl Eq for Pointer {}

impl From<String> for Pointer {
    fn from(text: String) -> Pointer {
        Pointer::Owned(text.into_boxed_str())
    }
}

impl From<&str> for Pointer {
    fn from(text: &str) -> Pointer {
        Pointer::Owned(text.into())
    }
}

impl From<&Pointer> for String {
    fn from(pointer: &Pointer) -> String {
        pointer.to_string()
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> String {
        match pointer {
            Pointer::Owned(text) => text.into_string(),
            other => other.to_string(),
        }
    }
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/`
/// (RFC 6901).
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.contains(['~', '/']) {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shapes_render_their_pointer_text() {
        let root = Pointer::Root;
        let set = root.member("measurementSets").item(3);
        assert!(matches!(set, Pointer::InSet { set: 3, tail: &"" }));
        assert_eq!(
            set.member("cehrtId").to_string(),
            "/measurementSets/3/cehrtId"
        );
        let item = set.member("measurements").item(12);
        let numerator = item.member("value").member("numerator");
        assert!(matches!(numerator, Pointer::InMeasurement { .. }));
        assert_eq!(
            numerator.to_string(),
            "/measurementSets/3/measurements/12/value/numerator"
        );
        let body = root.member("measurements").item(7).member("measureId");
        assert_eq!(body.to_string(), "/measurements/7/measureId");
        assert_eq!(root.member("performanceYear"), "/performanceYear");
        assert_eq!(
            root.member("submission").member("entityId"),
            "/submission/entityId"
        );
        assert_eq!(root.to_string(), "");
        assert!(root.is_empty());
    }

    #[test]
    fn document_paths_render_and_compare_by_text() {
        let mut table = PathTable::default();
        let root = table.push(None, "ClinicalDocument", 1);
        table.set_total(root, 1);
        let entry = table.push(Some(root), "entry", 2);
        table.set_total(entry, 3);
        let paths = Arc::new(table);
        let element = Pointer::in_document(&paths, entry, &"");
        let value = Pointer::in_document(&paths, entry, &"extension");
        assert_eq!(element.to_string(), "/ClinicalDocument/entry[2]");
        assert_eq!(value, "/ClinicalDocument/entry[2]/@extension");
        assert_eq!(
            value,
            Pointer::from("/ClinicalDocument/entry[2]/@extension")
        );
        assert_eq!(Pointer::from("/ClinicalDocument/entry[2]"), element);
        assert_ne!(element, value);
        assert_eq!(element, Pointer::in_document(&paths, entry, &""));
        assert!(!element.is_empty());
        assert_eq!(
            format!("{element:?}"),
            "InDocument(\"/ClinicalDocument/entry[2]\")"
        );
    }

    #[test]
    fn a_pointer_is_no_bigger_than_the_string_it_replaces() {
        assert!(std::mem::size_of::<Pointer>() <= std::mem::size_of::<String>());
    }

    #[test]
    fn other_members_are_owned_and_escaped() {
        let set = Pointer::Root.member("measurementSets").item(0);
        let odd = set.member("a/b~c");
        assert!(matches!(odd, Pointer::Owned(_)));
        assert_eq!(odd, "/measurementSets/0/a~1b~0c");
        // A key that would end like a tail once escaped is still escaped.
        assert_eq!(Pointer::Root.member("value/numerator"), "/value~1numerator");
        assert_eq!(
            Pointer::Root.member("unknown").item(2).to_string(),
            "/unknown/2"
        );
    }

    #[test]
    fn equality_is_by_text() {
        let built = Pointer::Root
            .member("measurementSets")
            .item(0)
            .member("cehrtId");
        let owned = Pointer::from("/measurementSets/0/cehrtId".to_owned());
        assert_eq!(built, owned);
        assert_eq!(owned, built);
        assert_ne!(built, Pointer::from("/measurementSets/0/cehrt"));
        assert_ne!(built, "/measurementSets/0/cehrtIdX");
        assert_ne!(built, "/measurementSets/0/cehr");
        assert_ne!(
            Pointer::Root.member("measurementSets").item(1),
            Pointer::Root.member("measurementSets").item(10)
        );
        assert_eq!(String::from(built), "/measurementSets/0/cehrtId");
    }
}
