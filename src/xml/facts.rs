//! Facts derived from a decoded document that both the checks and the
//! model need: the program and entity a program name stands for, and the
//! performance year of each section.

use crate::xml::reader::{AttrValue, Doc, Hit, NodeId};
use crate::xml::templates::{Field, Kind};

/// What a QRDA III program name means (spec qrda3-pi.md §3.2, from the
/// converter's `model/Program.java` and `model/Constants.java`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Program {
    /// The QPP JSON `programName`.
    pub program: &'static str,
    /// The QPP JSON `entityType`.
    pub entity: &'static str,
}

/// Maps a program name, ignoring case as the converter does.
pub fn program(name: &str) -> Option<Program> {
    let (program, entity) = match name.to_ascii_uppercase().as_str() {
        "MIPS_INDIV" | "MIPS" => ("mips", "individual"),
        "MIPS_GROUP" => ("mips", "group"),
        "MIPS_VIRTUALGROUP" => ("mips", "virtualGroup"),
        "MIPS_APMENTITY" => ("mips", "apm"),
        "MIPS_SUBGROUP" => ("mips", "subgroup"),
        "MIPS_APP1_INDIV" => ("app1", "individual"),
        "MIPS_APP1_GROUP" => ("app1", "group"),
        "MIPS_APP1_APMENTITY" => ("app1", "apm"),
        "APP_PLUS_INDIV" => ("appPlus", "individual"),
        "APP_PLUS_GROUP" => ("appPlus", "group"),
        "APP_PLUS_APMENTITY" => ("appPlus", "apm"),
        _ => return None,
    };
    Some(Program { program, entity })
}

/// Every program name pilint accepts, for messages.
pub const PROGRAM_NAMES: &str = "MIPS_INDIV, MIPS_GROUP, MIPS_VIRTUALGROUP, MIPS_APMENTITY, \
     MIPS_SUBGROUP, MIPS_APP1_INDIV, MIPS_APP1_GROUP, MIPS_APP1_APMENTITY, APP_PLUS_INDIV, \
     APP_PLUS_GROUP, APP_PLUS_APMENTITY";

/// The hits of `field` that carry a value.
pub fn valued(doc: &Doc, node: NodeId, field: Field) -> Vec<&Hit> {
    doc.node(node)
        .hits(field)
        .filter(|h| h.value.is_some())
        .collect()
}

/// The first value of `field` on `node`.
pub fn first_value(doc: &Doc, node: NodeId, field: Field) -> Option<(&Hit, &AttrValue)> {
    doc.node(node)
        .hits(field)
        .find_map(|h| h.value.as_ref().map(|v| (h, v)))
}

/// The section kinds a document may hold.
pub const SECTIONS: [Kind; 3] = [Kind::PiSection, Kind::IaSection, Kind::QualitySection];

/// The sections directly under the document, in document order.
pub fn sections(doc: &Doc) -> Vec<NodeId> {
    doc.node(Doc::ROOT)
        .children
        .iter()
        .copied()
        .filter(|&c| doc.node(c).kind.is_section())
        .collect()
}

/// The performance year a section's (first, direct) Reporting Parameters
/// Act states: the first four characters of its start, when they are
/// digits (the converter's rule, without its failure on short values).
pub fn section_year(doc: &Doc, section: NodeId) -> Option<YearAt<'_>> {
    let act = doc.children_of(section, Kind::ReportingParameters).next()?;
    let (hit, start) = first_value(doc, act, Field::PeriodStart)?;
    let year = start.text.get(..4)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(YearAt {
        year: year.parse().ok()?,
        hit,
        value: start,
    })
}

/// A performance year and the period start it was read from.
#[derive(Debug, Clone, Copy)]
pub struct YearAt<'a> {
    pub year: i64,
    pub hit: &'a Hit,
    pub value: &'a AttrValue,
}

/// The document's performance year: the PI section's, else the first
/// section's that states one.
pub fn document_year(doc: &Doc) -> Option<YearAt<'_>> {
    let all = sections(doc);
    all.iter()
        .filter(|&&s| doc.node(s).kind == Kind::PiSection)
        .chain(all.iter())
        .find_map(|&s| section_year(doc, s))
}

/// The program of the document's first program name.
pub fn document_program(doc: &Doc) -> Option<(Program, &AttrValue)> {
    let (_, name) = first_value(doc, Doc::ROOT, Field::ProgramName)?;
    Some((program(&name.text)?, name))
}
