//! Why a measurement set scores zero, or has no score at all.
//!
//! Every reason carries a stable code (part of the `pilint score --format
//! json` contract, `schemas/output.schema.json`), the gate of
//! ../shared/spec/scoring.md §5 it comes from (`G1`…`G10`) when it is a
//! zero, and the location of its cause in the file.
//!
//! **Zero reasons** (an all-or-nothing gate failed; the category scores 0,
//! bonus included). The codes are those of scoring.md §13, plus three for
//! the period that §5 G2 describes but §13 has no example of:
//!
//! | code | gate | cause |
//! |---|---|---|
//! | `MISSING_CEHRT_ID` | G1 | no `cehrtId` |
//! | `PERFORMANCE_PERIOD_MISSING` | G2 | no `performanceStart` or `performanceEnd` |
//! | `PERFORMANCE_PERIOD_OUTSIDE_YEAR` | G2 | a date outside the performance year |
//! | `PERFORMANCE_PERIOD_TOO_SHORT` | G2 | fewer inclusive days than the year's minimum (or end before start) |
//! | `ATTESTATION_NOT_YES` | G3, G4 | `PI_INFBLO_1` or `PI_ONCDIR_1` answered no |
//! | `SRA_NOT_YES` | G5 | `PI_PPHI_1` answered no |
//! | `SAFER_MISSING` | G6 | no `PI_PPHI_2` |
//! | `SAFER_NOT_YES` | G6 | `PI_PPHI_2` answered no (from 2024) |
//! | `REQUIRED_MEASURE_MISSING` | G3–G5, G7 | a required measure neither reported nor excluded |
//! | `REQUIRED_MEASURE_NUMERATOR_ZERO` | G8 | a reported proportion measure with numerator 0 |
//! | `REQUIRED_MEASURE_ANSWERED_NO` | G9 | a required yes/no measure answered no |
//! | `ACTIVE_ENGAGEMENT_MISSING` | G10 | a public-health "yes" without its `_PRE`/`_PROD` level |
//!
//! **No-score reasons** (the set would be rejected before scoring, §4, or
//! there is nothing to score):
//!
//! | code | cause |
//! |---|---|
//! | `FILE_NOT_DECODED` | the file is not a readable submission |
//! | `STRUCTURE_INVALID` | the file has structural errors (`F`, `S` or `Q` findings) for which the Submissions API or the converter rejects it |
//! | `PERFORMANCE_YEAR_MISSING` | no `performanceYear` |
//! | `PERFORMANCE_YEAR_UNSUPPORTED` | a year pilint has no scoring table for |
//! | `NO_PI_MEASUREMENT_SET` | no measurement set with `category: "pi"` |
//! | `MEASUREMENT_UNREADABLE` | a measurement without a `measureId`, or a value of the wrong shape (V6 / P2) |
//! | `UNKNOWN_MEASURE` | a `measureId` not in that year's measure data (V6) |
//! | `DUPLICATE_MEASURE` | a `measureId` reported twice in one set |
//! | `MEASURE_WITH_ITS_EXCLUSION` | a measure and its own exclusion in one set (V1) |
//! | `SUBSTITUTES_TOGETHER` | a measure and one of its substitutes in one set (V2) |
//! | `CONFLICTING_HIE_OPTIONS` | more than one HIE option in one set (V2, V3) |
//! | `NUMERATOR_EXCEEDS_DENOMINATOR` | a proportion whose numerator exceeds its denominator (V4) |
//! | `MALFORMED_CEHRT_ID` | a `cehrtId` of the wrong shape for the year (V5) |
//! | `PERFORMANCE_PERIOD_UNREADABLE` | a date that is not a real `YYYY-MM-DD` date |

use crate::model::Loc;

pub const MISSING_CEHRT_ID: &str = "MISSING_CEHRT_ID";
pub const PERFORMANCE_PERIOD_MISSING: &str = "PERFORMANCE_PERIOD_MISSING";
pub const PERFORMANCE_PERIOD_OUTSIDE_YEAR: &str = "PERFORMANCE_PERIOD_OUTSIDE_YEAR";
pub const PERFORMANCE_PERIOD_TOO_SHORT: &str = "PERFORMANCE_PERIOD_TOO_SHORT";
pub const REQUIRED_MEASURE_MISSING: &str = "REQUIRED_MEASURE_MISSING";
pub const REQUIRED_MEASURE_NUMERATOR_ZERO: &str = "REQUIRED_MEASURE_NUMERATOR_ZERO";
pub const REQUIRED_MEASURE_ANSWERED_NO: &str = "REQUIRED_MEASURE_ANSWERED_NO";
pub const ACTIVE_ENGAGEMENT_MISSING: &str = "ACTIVE_ENGAGEMENT_MISSING";

pub const FILE_NOT_DECODED: &str = "FILE_NOT_DECODED";
pub const STRUCTURE_INVALID: &str = "STRUCTURE_INVALID";
pub const PERFORMANCE_YEAR_MISSING: &str = "PERFORMANCE_YEAR_MISSING";
pub const PERFORMANCE_YEAR_UNSUPPORTED: &str = "PERFORMANCE_YEAR_UNSUPPORTED";
pub const NO_PI_MEASUREMENT_SET: &str = "NO_PI_MEASUREMENT_SET";
pub const MEASUREMENT_UNREADABLE: &str = "MEASUREMENT_UNREADABLE";
pub const UNKNOWN_MEASURE: &str = "UNKNOWN_MEASURE";
pub const DUPLICATE_MEASURE: &str = "DUPLICATE_MEASURE";
pub const MEASURE_WITH_ITS_EXCLUSION: &str = "MEASURE_WITH_ITS_EXCLUSION";
pub const SUBSTITUTES_TOGETHER: &str = "SUBSTITUTES_TOGETHER";
pub const CONFLICTING_HIE_OPTIONS: &str = "CONFLICTING_HIE_OPTIONS";
pub const NUMERATOR_EXCEEDS_DENOMINATOR: &str = "NUMERATOR_EXCEEDS_DENOMINATOR";
pub const MALFORMED_CEHRT_ID: &str = "MALFORMED_CEHRT_ID";
pub const PERFORMANCE_PERIOD_UNREADABLE: &str = "PERFORMANCE_PERIOD_UNREADABLE";
pub const SUBMISSION_REJECTED: &str = "SUBMISSION_REJECTED";

/// The rules whose findings explain each reason: every zero or no-score
/// reason names one of them (the finding at the reason's place), so the
/// score and the rules tell one story (a test over every fixture holds
/// them to it).
const RULES_OF: &[(&str, &[&str])] = &[
    (MISSING_CEHRT_ID, &["C001", "S001"]),
    (PERFORMANCE_PERIOD_MISSING, &["P001", "S001", "Q011"]),
    (PERFORMANCE_PERIOD_OUTSIDE_YEAR, &["P003"]),
    (PERFORMANCE_PERIOD_TOO_SHORT, &["P004", "P002"]),
    ("ATTESTATION_NOT_YES", &["A002"]),
    ("SRA_NOT_YES", &["A002"]),
    ("SAFER_MISSING", &["A001"]),
    ("SAFER_NOT_YES", &["A003"]),
    (REQUIRED_MEASURE_MISSING, &["A001", "R001", "R002"]),
    (REQUIRED_MEASURE_NUMERATOR_ZERO, &["M007"]),
    (REQUIRED_MEASURE_ANSWERED_NO, &["M008"]),
    (ACTIVE_ENGAGEMENT_MISSING, &["E001"]),
    (PERFORMANCE_YEAR_MISSING, &["S001", "S003", "Y001"]),
    (PERFORMANCE_YEAR_UNSUPPORTED, &["Y001"]),
    (
        MEASUREMENT_UNREADABLE,
        &[
            "M004", "M005", "S001", "S003", "Q014", "Q017", "Q018", "Q019", "Q020", "Q021",
        ],
    ),
    (UNKNOWN_MEASURE, &["M001", "M002"]),
    (DUPLICATE_MEASURE, &["M003"]),
    (MEASURE_WITH_ITS_EXCLUSION, &["R004"]),
    (SUBSTITUTES_TOGETHER, &["R005", "E002", "R003"]),
    (CONFLICTING_HIE_OPTIONS, &["R003", "Q022"]),
    (NUMERATOR_EXCEEDS_DENOMINATOR, &["M006"]),
    (MALFORMED_CEHRT_ID, &["C002"]),
    (PERFORMANCE_PERIOD_UNREADABLE, &["P001", "Q012"]),
];

/// The rules whose findings can explain a reason of `code`.
pub fn rules_of(code: &str) -> &'static [&'static str] {
    RULES_OF
        .iter()
        .find(|(reason, _)| *reason == code)
        .map_or(&[], |(_, rules)| rules)
}

/// One reason for a zero or for no score.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub code: String,
    /// `G1`…`G10` for a zero; `None` for a no-score reason.
    pub gate: Option<String>,
    pub message: String,
    /// Where the cause is; `None` only when there is no model at all.
    pub loc: Option<Loc>,
    /// Set when the reason rests on a rule scoring.md marks UNCONFIRMED.
    pub assumption: Option<String>,
    /// The code of the rule whose finding explains the reason.
    pub rule: Option<&'static str>,
}

impl Reason {
    /// A no-score reason at `loc`.
    pub fn no_score(code: &str, loc: &Loc, message: impl Into<String>) -> Reason {
        Reason {
            code: code.to_owned(),
            gate: None,
            message: message.into(),
            loc: Some(loc.clone()),
            assumption: None,
            rule: None,
        }
    }

    /// A failed gate at `loc`.
    pub fn gate(gate: &str, code: &str, loc: &Loc, message: impl Into<String>) -> Reason {
        Reason {
            code: code.to_owned(),
            gate: Some(gate.to_owned()),
            message: message.into(),
            loc: Some(loc.clone()),
            assumption: None,
            rule: None,
        }
    }

    pub fn with_rule(mut self, rule: &'static str) -> Reason {
        self.rule = Some(rule);
        self
    }

    pub fn with_assumption(mut self, assumption: impl Into<String>) -> Reason {
        self.assumption = Some(assumption.into());
        self
    }
}
