//! The typed submission model every rule and the score read.
//!
//! Both front ends (QPP JSON and QRDA III XML) build this model, so a rule
//! written against it works for both. Every node carries a [`Loc`]: the span
//! it came from and its JSON Pointer (or XPath-like path for XML).
//!
//! The model is deliberately forgiving: a field whose JSON type is wrong is
//! `None` here (the structural checks already reported it), so rules only
//! ever reason about values that have the right shape.

use crate::fast_hash::FastMap;
use crate::source::Span;
use compact_str::CompactString;

pub use crate::pointer::Pointer;

/// Where a model node came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loc {
    /// For scalars, the whole value; for objects and elements, only their
    /// head (the opening `{`, or the start tag), so that a finding about a
    /// missing member underlines one line, not the whole object.
    pub span: Span,
    /// JSON Pointer (RFC 6901) or XPath-like path, stored compactly.
    pub pointer: Pointer,
}

/// A value with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Node<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Node { value, loc }
    }
}

/// Which front end built the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Json,
    Qrda3,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Json => "json",
            SourceFormat::Qrda3 => "qrda3",
        }
    }
}

/// One submission: an entity's data for one performance year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub loc: Loc,
    /// The front end that built it: decides how an absent member is named
    /// and where it belongs ([`Submission::absent`]).
    pub format: SourceFormat,
    pub entity_type: Option<Node<String>>,
    pub taxpayer_identification_number: Option<Node<String>>,
    pub national_provider_identifier: Option<Node<String>>,
    pub entity_id: Option<Node<String>>,
    pub performance_year: Option<Node<i64>>,
    pub measurement_sets: Vec<MeasurementSet>,
}

/// A member of the model that a file may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    CehrtId,
    PerformanceStart,
    PerformanceEnd,
    SubmissionMethod,
    Tin,
    Npi,
    EntityId,
    Numerator,
    Denominator,
}

/// Where a QRDA III document names its virtual group, APM entity or
/// subgroup (the `id/@root` says which).
pub const QRDA_ENTITY_ID_PATH: &str = "/ClinicalDocument/documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/id/@extension";

impl Member {
    /// The QPP JSON member's key.
    pub fn json_key(self) -> &'static str {
        match self {
            Member::CehrtId => "cehrtId",
            Member::PerformanceStart => "performanceStart",
            Member::PerformanceEnd => "performanceEnd",
            Member::SubmissionMethod => "submissionMethod",
            Member::Tin => "taxpayerIdentificationNumber",
            Member::Npi => "nationalProviderIdentifier",
            Member::EntityId => "entityId",
            Member::Numerator => "numerator",
            Member::Denominator => "denominator",
        }
    }

    /// Where the member is written in a QRDA III document: an XPath from
    /// the element that owns it (`/` for the document), and how a message
    /// names it.
    fn qrda(self) -> (&'static str, &'static str) {
        match self {
            Member::CehrtId => (
                "/ClinicalDocument/participant[@typeCode='DEV']/associatedEntity/id[@root='2.16.840.1.113883.3.2074.1']/@extension",
                "CEHRT ID (a header participant device `id` with root `2.16.840.1.113883.3.2074.1`)",
            ),
            Member::PerformanceStart => (
                "/effectiveTime/low/@value",
                "performance period start (`effectiveTime/low` of the Reporting Parameters Act)",
            ),
            Member::PerformanceEnd => (
                "/effectiveTime/high/@value",
                "performance period end (`effectiveTime/high` of the Reporting Parameters Act)",
            ),
            Member::SubmissionMethod => ("", "submission method"),
            Member::Tin => (
                "/ClinicalDocument/documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/id[@root='2.16.840.1.113883.4.2']/@extension",
                "TIN (a `representedOrganization/id` with root `2.16.840.1.113883.4.2`)",
            ),
            Member::Npi => (
                "/ClinicalDocument/documentationOf/serviceEvent/performer/assignedEntity/id[@root='2.16.840.1.113883.4.6']/@extension",
                "NPI (an `assignedEntity/id` with root `2.16.840.1.113883.4.6`)",
            ),
            Member::EntityId => (
                QRDA_ENTITY_ID_PATH,
                "entity id (a `representedOrganization/id`)",
            ),
            Member::Numerator => ("/entryRelationship/observation", "numerator"),
            Member::Denominator => ("/entryRelationship/observation", "denominator"),
        }
    }
}

impl Submission {
    /// Where `member`, absent from the node at `owner`, belongs, and how
    /// the file's own format names it: a JSON Pointer member and
    /// `` `cehrtId` `` in QPP JSON; in QRDA III the element CMS's converter
    /// reads it from (the CEHRT ID lives in the document header, not in the
    /// PI section) and words a QRDA III author knows.
    pub fn absent(&self, owner: &Loc, member: Member) -> (Loc, String) {
        match self.format {
            SourceFormat::Json => (
                Loc {
                    span: owner.span,
                    pointer: owner.pointer.member(member.json_key()),
                },
                format!("`{}`", member.json_key()),
            ),
            SourceFormat::Qrda3 => {
                let (path, name) = member.qrda();
                let (span, pointer) = if path.starts_with("/ClinicalDocument") {
                    // A header member: the document's start tag.
                    (self.loc.span, path.to_owned())
                } else {
                    (owner.span, format!("{}{path}", owner.pointer))
                };
                (
                    Loc {
                        span,
                        pointer: pointer.into(),
                    },
                    name.to_owned(),
                )
            }
        }
    }
}

/// One measurement set: a category's data sent by one submission method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasurementSet {
    pub loc: Loc,
    pub category: Option<Node<String>>,
    pub submission_method: Option<Node<String>>,
    pub program_name: Option<Node<String>>,
    /// Kept as text: date rules must see exactly what was written.
    pub performance_start: Option<Node<String>>,
    pub performance_end: Option<Node<String>>,
    pub cehrt_id: Option<Node<String>>,
    pub measurements: Vec<Measurement>,
}

impl MeasurementSet {
    pub fn is_pi(&self) -> bool {
        self.category.as_ref().is_some_and(|c| c.value == "pi")
    }

    /// The measurement with `measure_id` (the first one if it is repeated).
    pub fn measurement(&self, measure_id: &str) -> Option<&Measurement> {
        self.measurements.iter().find(|m| {
            m.measure_id
                .as_ref()
                .is_some_and(|id| id.value == measure_id)
        })
    }

    /// The index in `measurements` of the first measurement of each id:
    /// what [`MeasurementSet::measurement`] finds, for callers that ask
    /// about many ids (the rules and the score ask some fifty a set).
    pub fn first_index_by_id(&self) -> FastMap<&str, usize> {
        // Ids repeat in a huge export; a catalog year has a few dozen.
        let mut first: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(self.measurements.len().min(64), Default::default());
        for (index, measurement) in self.measurements.iter().enumerate() {
            if let Some(id) = measurement.id() {
                first.entry(id).or_insert(index);
            }
        }
        first
    }
}

/// One measure's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    pub loc: Loc,
    pub measure_id: Option<Node<CompactString>>,
    pub value: Option<MeasureValue>,
}

impl Measurement {
    pub fn id(&self) -> Option<&str> {
        self.measure_id.as_ref().map(|n| n.value.as_str())
    }
}

/// A measurement's value: a yes/no attestation or a numerator/denominator.
///
/// The proportion is boxed: it is four times the size of a boolean, and
/// most measurements are booleans, so inline it would make every
/// measurement of a million-row file 150 bytes larger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureValue {
    Boolean(Node<bool>),
    Proportion(Box<Proportion>),
}

impl MeasureValue {
    pub fn loc(&self) -> &Loc {
        match self {
            MeasureValue::Boolean(node) => &node.loc,
            MeasureValue::Proportion(p) => &p.loc,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proportion {
    pub loc: Loc,
    pub numerator: Option<Node<Count>>,
    pub denominator: Option<Node<Count>>,
}

/// A count as written, and its value when it is a whole number ≥ 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub text: String,
    pub whole: Option<u64>,
}
