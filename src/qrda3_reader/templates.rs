//! The QRDA III templates pilint reads, and where each one keeps its data.
//!
//! This mirrors how CMS's converter (CMSgov/qpp-conversion-tool,
//! `converter/src/main/resources/pathing/path-correlation.json` and the
//! decoders in `converter/src/main/java/gov/cms/qpp/conversion/decode/`)
//! reads a file: an element that carries a known `templateId` becomes a
//! template node, and the node's data sits at fixed paths relative to that
//! element. Keeping both as tables makes the decoder a small generic walker.

/// The CMS QRDA III Report template on `ClinicalDocument`; its extension
/// names the implementation guide (and so the performance year).
pub const CMS_QRDA3_REPORT: &str = "2.16.840.1.113883.10.20.27.1.2";

/// The IG's root for PI measure identifiers (`reference/externalDocument/id`).
pub const PI_MEASURE_ID_ROOT: &str = "2.16.840.1.113883.3.7031";

/// A template node's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The root `ClinicalDocument`.
    Document,
    PiSection,
    IaSection,
    QualitySection,
    /// PI Numerator Denominator Type Measure Reference and Results.
    PiProportion,
    /// PI Measure Performed Reference and Results.
    PiPerformed,
    /// Improvement Activity Performed Reference and Results.
    IaMeasure,
    Numerator,
    Denominator,
    AggregateCount,
    MeasurePerformed,
    ReportingParameters,
}

impl Kind {
    /// The kind a `templateId/@root` names, if pilint reads it.
    pub fn from_root(root: &str) -> Option<Kind> {
        Some(match root {
            "2.16.840.1.113883.10.20.27.2.5" => Kind::PiSection,
            "2.16.840.1.113883.10.20.27.2.4" => Kind::IaSection,
            "2.16.840.1.113883.10.20.27.2.3" => Kind::QualitySection,
            "2.16.840.1.113883.10.20.27.3.28" => Kind::PiProportion,
            "2.16.840.1.113883.10.20.27.3.29" => Kind::PiPerformed,
            "2.16.840.1.113883.10.20.27.3.33" => Kind::IaMeasure,
            "2.16.840.1.113883.10.20.27.3.31" => Kind::Numerator,
            "2.16.840.1.113883.10.20.27.3.32" => Kind::Denominator,
            "2.16.840.1.113883.10.20.27.3.3" => Kind::AggregateCount,
            "2.16.840.1.113883.10.20.27.3.27" => Kind::MeasurePerformed,
            "2.16.840.1.113883.10.20.17.3.8" => Kind::ReportingParameters,
            _ => return None,
        })
    }

    /// Leaf templates end the walk: the converter reads no template inside
    /// them (spec qrda3-pi.md §1).
    pub fn is_leaf(self) -> bool {
        matches!(
            self,
            Kind::AggregateCount | Kind::MeasurePerformed | Kind::ReportingParameters
        )
    }

    pub fn is_section(self) -> bool {
        matches!(
            self,
            Kind::PiSection | Kind::IaSection | Kind::QualitySection
        )
    }

    /// How a message names the template.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Document => "ClinicalDocument",
            Kind::PiSection => "PI section",
            Kind::IaSection => "Improvement Activities section",
            Kind::QualitySection => "quality Measure Section",
            Kind::PiProportion => "PI numerator/denominator measure",
            Kind::PiPerformed => "PI measure-performed measure",
            Kind::IaMeasure => "Improvement Activity measure",
            Kind::Numerator => "Numerator Data",
            Kind::Denominator => "Denominator Data",
            Kind::AggregateCount => "Aggregate Count",
            Kind::MeasurePerformed => "Measure Performed",
            Kind::ReportingParameters => "Reporting Parameters Act",
        }
    }
}

/// A value a template node reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `templateId[@root=CMS_QRDA3_REPORT]/@extension` on the document.
    DocumentTemplate,
    ProgramName,
    CehrtId,
    MvpId,
    Performer,
    Npi,
    Tin,
    VirtualGroupId,
    ApmEntityId,
    SubgroupId,
    /// `reference/externalDocument/id/@extension`, whatever its root.
    MeasureId,
    /// `value/@value` of an Aggregate Count.
    CountValue,
    /// `value/@code` of a Measure Performed.
    PerformedCode,
    PeriodStart,
    PeriodEnd,
}

/// Where a field is: a path of local names below the template's element,
/// an optional `@root` the last element must have, and the attribute that
/// holds the value (`None`: the element itself is what counts).
pub struct Pattern {
    pub path: &'static [&'static str],
    pub root: Option<&'static str>,
    pub attribute: Option<&'static str>,
    pub field: Field,
}

const PERFORMER: &[&str] = &["documentationOf", "serviceEvent", "performer"];
const ASSIGNED_ID: &[&str] = &[
    "documentationOf",
    "serviceEvent",
    "performer",
    "assignedEntity",
    "id",
];
const ORGANIZATION_ID: &[&str] = &[
    "documentationOf",
    "serviceEvent",
    "performer",
    "assignedEntity",
    "representedOrganization",
    "id",
];
const PARTICIPANT_ID: &[&str] = &["participant", "associatedEntity", "id"];

static DOCUMENT: &[Pattern] = &[
    Pattern {
        path: &["templateId"],
        root: Some(CMS_QRDA3_REPORT),
        attribute: Some("extension"),
        field: Field::DocumentTemplate,
    },
    Pattern {
        path: &["informationRecipient", "intendedRecipient", "id"],
        root: Some("2.16.840.1.113883.3.249.7"),
        attribute: Some("extension"),
        field: Field::ProgramName,
    },
    Pattern {
        path: PARTICIPANT_ID,
        root: Some("2.16.840.1.113883.3.2074.1"),
        attribute: Some("extension"),
        field: Field::CehrtId,
    },
    Pattern {
        path: PARTICIPANT_ID,
        root: Some("2.16.840.1.113883.3.249.5.6"),
        attribute: Some("extension"),
        field: Field::MvpId,
    },
    Pattern {
        path: PERFORMER,
        root: None,
        attribute: None,
        field: Field::Performer,
    },
    Pattern {
        path: ASSIGNED_ID,
        root: Some("2.16.840.1.113883.4.6"),
        attribute: Some("extension"),
        field: Field::Npi,
    },
    Pattern {
        path: ORGANIZATION_ID,
        root: Some("2.16.840.1.113883.4.2"),
        attribute: Some("extension"),
        field: Field::Tin,
    },
    Pattern {
        path: ORGANIZATION_ID,
        root: Some("2.16.840.1.113883.3.249.5.2"),
        attribute: Some("extension"),
        field: Field::VirtualGroupId,
    },
    Pattern {
        path: ORGANIZATION_ID,
        root: Some("2.16.840.1.113883.3.249.5.4"),
        attribute: Some("extension"),
        field: Field::ApmEntityId,
    },
    Pattern {
        path: ORGANIZATION_ID,
        root: Some("2.16.840.1.113883.3.249.5.5"),
        attribute: Some("extension"),
        field: Field::SubgroupId,
    },
];

static MEASURE: &[Pattern] = &[Pattern {
    path: &["reference", "externalDocument", "id"],
    root: None,
    attribute: Some("extension"),
    field: Field::MeasureId,
}];

static AGGREGATE_COUNT: &[Pattern] = &[Pattern {
    path: &["value"],
    root: None,
    attribute: Some("value"),
    field: Field::CountValue,
}];

static MEASURE_PERFORMED: &[Pattern] = &[Pattern {
    path: &["value"],
    root: None,
    attribute: Some("code"),
    field: Field::PerformedCode,
}];

static REPORTING_PARAMETERS: &[Pattern] = &[
    Pattern {
        path: &["effectiveTime", "low"],
        root: None,
        attribute: Some("value"),
        field: Field::PeriodStart,
    },
    Pattern {
        path: &["effectiveTime", "high"],
        root: None,
        attribute: Some("value"),
        field: Field::PeriodEnd,
    },
];

/// The fields a template kind reads.
pub fn patterns(kind: Kind) -> &'static [Pattern] {
    match kind {
        Kind::Document => DOCUMENT,
        Kind::PiProportion | Kind::PiPerformed | Kind::IaMeasure => MEASURE,
        Kind::AggregateCount => AGGREGATE_COUNT,
        Kind::MeasurePerformed => MEASURE_PERFORMED,
        Kind::ReportingParameters => REPORTING_PARAMETERS,
        _ => &[],
    }
}

/// Whether some pattern's path ends in an element named `local`: the
/// reader looks for patterns only at such elements.
pub fn ends_a_pattern(local: &str) -> bool {
    matches!(
        local,
        "templateId" | "id" | "performer" | "value" | "low" | "high"
    )
}

/// The longest pattern path, to bound the search for a pattern's owner.
pub const MAX_PATTERN_DEPTH: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [Kind; 12] = [
        Kind::Document,
        Kind::PiSection,
        Kind::IaSection,
        Kind::QualitySection,
        Kind::PiProportion,
        Kind::PiPerformed,
        Kind::IaMeasure,
        Kind::Numerator,
        Kind::Denominator,
        Kind::AggregateCount,
        Kind::MeasurePerformed,
        Kind::ReportingParameters,
    ];

    #[test]
    fn the_reader_prefilter_covers_every_pattern() {
        for kind in KINDS {
            // The reader marks a kind's matching patterns in a u64.
            assert!(patterns(kind).len() <= 64, "{kind:?}");
            for pattern in patterns(kind) {
                let last = pattern.path.last().copied().unwrap_or_default();
                assert!(ends_a_pattern(last), "{kind:?}: {last}");
                assert!(pattern.path.len() <= MAX_PATTERN_DEPTH, "{kind:?}: {last}");
                // The reader skips plain `<text>` content (`qrda3_reader::skip`):
                // nothing below a `text` element may be read.
                assert!(!pattern.path.contains(&"text"), "{kind:?}: {last}");
            }
        }
        assert!(!ends_a_pattern("entry"));
    }
}
