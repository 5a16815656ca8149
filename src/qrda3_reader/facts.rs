//! Facts derived from a decoded document that both the checks and the
//! model need: the program and entity a program name stands for, the
//! performance year of each section, and how the converter reads a count
//! and a Measure Performed code.

use crate::qrda3_reader::reader::{AttrValue, Doc, Hit, NodeId};
use crate::qrda3_reader::templates::{Field, Kind};

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

/// The program a name stands for in the model the rules read: the
/// converter's own names, and the `SSP_PI_*` names it accepted from July to
/// December 2025 (as program `ssp`), so that the year's measure data, not
/// today's converter alone, decides whether `ssp` may carry PI data.
pub fn model_program(name: &str) -> Option<Program> {
    program(name).or_else(|| {
        ssp_entity(name).map(|entity| Program {
            program: "ssp",
            entity,
        })
    })
}

/// The Shared Savings Program PI names the converter accepted for a while.
pub const SSP_PREFIX: &str = "SSP_PI_";

/// The entity of an `SSP_PI_*` program name, when its suffix is one the
/// other program names use.
pub fn ssp_entity(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    match upper.strip_prefix(SSP_PREFIX)? {
        "INDIV" => Some("individual"),
        "GROUP" => Some("group"),
        "APMENTITY" => Some("apm"),
        _ => None,
    }
}

/// The program of the document's first program name, as the model reads it.
pub fn document_model_program(doc: &Doc) -> Option<(Program, &AttrValue)> {
    let (_, name) = first_value(doc, Doc::ROOT, Field::ProgramName)?;
    Some((model_program(&name.text)?, name))
}

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

/// The document's performance year as CMS's converter decides it: the
/// year of the first Reporting Parameters Act found breadth-first from the
/// ClinicalDocument, which is the one of the first section in document
/// order that has a direct Reporting Parameters Act, whatever its category
/// (CMSgov/qpp-conversion-tool, `ClinicalDocumentEncoder.java`). A PI
/// section dated otherwise is then outside the performance year.
pub fn document_year(doc: &Doc) -> Option<YearAt<'_>> {
    let (_, year) = first_dated_section(doc)?;
    year
}

/// The first section with a direct Reporting Parameters Act, and the year
/// its start states (`None` when the start has no readable year: the
/// converter then has no year either, it does not look further).
pub fn first_dated_section(doc: &Doc) -> Option<(NodeId, Option<YearAt<'_>>)> {
    sections(doc)
        .into_iter()
        .find(|&s| {
            doc.children_of(s, Kind::ReportingParameters)
                .next()
                .is_some()
        })
        .map(|s| (s, section_year(doc, s)))
}

/// The program of the document's first program name.
pub fn document_program(doc: &Doc) -> Option<(Program, &AttrValue)> {
    let (_, name) = first_value(doc, Doc::ROOT, Field::ProgramName)?;
    Some((program(&name.text)?, name))
}

/// Why a count is not one the converter accepts.
#[derive(Debug, PartialEq, Eq)]
pub enum CountError {
    NotWhole,
    Negative,
    TooLarge,
}

/// A count as the converter reads it (a signed 32-bit integer, no spaces,
/// optional sign, leading zeros allowed) that is not negative.
pub fn parse_count(text: &str) -> Result<u64, CountError> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CountError::NotWhole);
    }
    let value: i64 = match text.parse::<i64>() {
        Ok(v) => v,
        Err(_) => return Err(CountError::TooLarge),
    };
    if value > i64::from(i32::MAX) || value < i64::from(i32::MIN) {
        return Err(CountError::TooLarge);
    }
    u64::try_from(value).map_err(|_| CountError::Negative)
}

/// `Y` → true, `N` → false, ignoring case (as the converter does).
pub fn performed_value(code: &str) -> Option<bool> {
    match code {
        "Y" | "y" => Some(true),
        "N" | "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_converter_and_refuse_negatives() {
        assert_eq!(parse_count("007"), Ok(7));
        assert_eq!(parse_count("+5"), Ok(5));
        assert_eq!(parse_count("-0"), Ok(0));
        assert_eq!(parse_count("2147483647"), Ok(2_147_483_647));
        assert_eq!(parse_count("-1"), Err(CountError::Negative));
        assert_eq!(parse_count("5.0"), Err(CountError::NotWhole));
        assert_eq!(parse_count(" 5"), Err(CountError::NotWhole));
        assert_eq!(parse_count(""), Err(CountError::NotWhole));
        assert_eq!(parse_count("+"), Err(CountError::NotWhole));
        assert_eq!(parse_count("99999999999"), Err(CountError::TooLarge));
        assert_eq!(parse_count("2147483648"), Err(CountError::TooLarge));
    }

    #[test]
    fn performed_codes_ignore_case_only() {
        assert_eq!(performed_value("y"), Some(true));
        assert_eq!(performed_value("N"), Some(false));
        assert_eq!(performed_value("Yes"), None);
        assert_eq!(performed_value("true"), None);
    }

    #[test]
    fn ssp_names_map_to_the_entities_of_the_other_names() {
        assert_eq!(ssp_entity("ssp_pi_group"), Some("group"));
        assert_eq!(ssp_entity("SSP_PI_OTHER"), None);
        assert_eq!(ssp_entity("MIPS_GROUP"), None);
    }
}
