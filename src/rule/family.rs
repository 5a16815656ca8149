//! Rule families and kinds as types.
//!
//! Codes are grouped by family so that a code prefix selects a family on
//! the command line (`--ignore C`); inside pilint a rule's family and kind
//! are read from its registry entry, never from the letters of its code.

use serde::Serialize;

/// What part of a submission a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// `F`: the file itself: readable, well-formed, not too large.
    File,
    /// `S`: structure, against the Submissions API's JSON Schema.
    Structure,
    /// `Y`: the performance year.
    Year,
    /// `P`: the performance period.
    Period,
    /// `A`: attestations and Protect Patient Health Information.
    Attestation,
    /// `M`: measures and their values.
    Measure,
    /// `R`: required measures, exclusions, HIE options.
    Required,
    /// `E`: active engagement with public health.
    Engagement,
    /// `C`: the CEHRT ID.
    Cehrt,
    /// `I`: identity, submission method and program.
    Identity,
    /// `Q`: QRDA III well-formedness, envelope and structure.
    Qrda,
    /// `X`: across files.
    CrossFile,
}

/// How a rule's findings come about, which decides where it runs and how
/// its findings relate to others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Found by a front end while reading the file (families `F`, `S`,
    /// `Q`): the file's form, before any PI meaning.
    Structural,
    /// Found on the typed model, the same for both formats.
    Semantic,
    /// Found only by comparing the files of a run.
    CrossFile,
}

impl Family {
    /// The code letter the family's rules share.
    pub fn letter(self) -> char {
        match self {
            Family::File => 'F',
            Family::Structure => 'S',
            Family::Year => 'Y',
            Family::Period => 'P',
            Family::Attestation => 'A',
            Family::Measure => 'M',
            Family::Required => 'R',
            Family::Engagement => 'E',
            Family::Cehrt => 'C',
            Family::Identity => 'I',
            Family::Qrda => 'Q',
            Family::CrossFile => 'X',
        }
    }

    /// The family's tag in SARIF (`properties.tags`) and JSON.
    pub fn tag(self) -> &'static str {
        match self {
            Family::File => "file",
            Family::Structure => "structure",
            Family::Year => "performance-year",
            Family::Period => "performance-period",
            Family::Attestation => "attestations",
            Family::Measure => "measures",
            Family::Required => "required-measures",
            Family::Engagement => "public-health-engagement",
            Family::Cehrt => "cehrt-id",
            Family::Identity => "identity",
            Family::Qrda => "qrda3",
            Family::CrossFile => "cross-file",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Family::File | Family::Structure | Family::Qrda => Kind::Structural,
            Family::CrossFile => Kind::CrossFile,
            Family::Year
            | Family::Period
            | Family::Attestation
            | Family::Measure
            | Family::Required
            | Family::Engagement
            | Family::Cehrt
            | Family::Identity => Kind::Semantic,
        }
    }
}
