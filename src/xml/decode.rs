//! Builds the typed model from a decoded QRDA III document, the way CMS's
//! converter would encode it as QPP JSON (spec qrda3-pi.md §8), so every
//! semantic rule and the score read XML exactly as they read JSON.
//!
//! Values are kept as written. A period date that is a real date becomes
//! `YYYY-MM-DD`; one that is not stays as written (`invalid-qrda3-date`
//! reports it, and the semantic date rules then see a malformed date at
//! the same span, which the linter drops as a duplicate). A measure
//! performed code other than Y/N gives no value, like a wrong-typed JSON
//! value.

use crate::model::{
    Count, Loc, MeasureValue, Measurement, MeasurementSet, Node, Pointer, Proportion, Submission,
};
use crate::pointer::AttributeName;
use crate::qrda3_reader::facts::{parse_count, performed_value};
use crate::qrda3_reader::templates::{Field, Kind};
use crate::qrda3_reader::{AttrValue, Doc, Element, NodeId, dates, facts};

struct Decoder<'a> {
    doc: &'a Doc,
}

/// The submission the document describes.
pub fn decode(doc: &Doc) -> Submission {
    Decoder { doc }.submission()
}

impl Decoder<'_> {
    fn element_loc(&self, element: Element) -> Loc {
        Loc {
            span: element.span,
            pointer: Pointer::in_document(&self.doc.paths, element.path, &""),
        }
    }

    fn value_loc(&self, element: Element, value: &AttrValue, attribute: AttributeName) -> Loc {
        Loc {
            span: value.span,
            pointer: Pointer::in_document(&self.doc.paths, element.path, attribute),
        }
    }

    /// The first value of `field` on `node`, as a string node.
    /// A field's text as the model stores it (`String`, or `CompactString`
    /// for a measure id, which is short and held once per measurement).
    fn string<S: for<'a> From<&'a str>>(&self, node: NodeId, field: Field) -> Option<Node<S>> {
        let (hit, value) = facts::first_value(self.doc, node, field)?;
        Some(Node::new(
            S::from(value.text.as_str()),
            self.value_loc(hit.element, value, &"extension"),
        ))
    }

    fn submission(&self) -> Submission {
        let doc = self.doc;
        let program = facts::document_model_program(doc);
        let entity = program.map(|(p, _)| p.entity);
        // An unknown program name is kept as written, at its own span, so the
        // semantic identity rules see what `unknown-program-name` reports
        // (and their duplicate finding there is dropped).
        let entity_type =
            facts::first_value(doc, Doc::ROOT, Field::ProgramName).map(|(hit, value)| {
                let entity = program.map_or(value.text.clone(), |(p, _)| p.entity.to_owned());
                Node::new(entity, self.value_loc(hit.element, value, &"extension"))
            });
        // Which identifiers the converter writes for each entity type
        // (spec qrda3-pi.md §3.3); an unknown program is read as individual.
        let (tin, npi, entity_id) = match entity {
            Some("group") => (true, false, None),
            Some("virtualGroup") => (true, false, Some(Field::VirtualGroupId)),
            Some("apm") => (false, false, Some(Field::ApmEntityId)),
            Some("subgroup") => (true, false, Some(Field::SubgroupId)),
            _ => (true, true, None),
        };
        let performance_year = facts::document_year(doc)
            .map(|at| Node::new(at.year, self.value_loc(at.hit.element, at.value, &"value")));
        Submission {
            loc: self.element_loc(doc.node(Doc::ROOT).element),
            format: crate::model::SourceFormat::Qrda3,
            entity_type,
            taxpayer_identification_number: tin
                .then(|| self.string(Doc::ROOT, Field::Tin))
                .flatten(),
            national_provider_identifier: npi.then(|| self.string(Doc::ROOT, Field::Npi)).flatten(),
            entity_id: entity_id.and_then(|f| self.string(Doc::ROOT, f)),
            performance_year,
            measurement_sets: doc
                .children_of(Doc::ROOT, Kind::PiSection)
                .map(|s| self.measurement_set(s))
                .collect(),
        }
    }

    fn program_name(&self) -> Option<Node<String>> {
        let doc = self.doc;
        let (hit, value) = facts::first_value(doc, Doc::ROOT, Field::ProgramName)?;
        let loc = self.value_loc(hit.element, value, &"extension");
        let Some(program) = facts::model_program(&value.text) else {
            // The converter lower-cases a name it does not know.
            return Some(Node::new(value.text.to_lowercase(), loc));
        };
        // The converter puts a MIPS MVP id in place of the program name.
        if program.program == "mips"
            && program.entity != "virtualGroup"
            && let Some(mvp) = self.string(Doc::ROOT, Field::MvpId)
        {
            return Some(mvp);
        }
        Some(Node::new(program.program.to_owned(), loc))
    }

    fn measurement_set(&self, section: NodeId) -> MeasurementSet {
        let doc = self.doc;
        let head = self.element_loc(doc.node(section).element);
        let act = doc.children_of(section, Kind::ReportingParameters).next();
        let date = |field| {
            let (hit, value) = facts::first_value(doc, act?, field)?;
            let text = dates::parse(&value.text)
                .map(dates::Date::iso)
                .unwrap_or_else(|_| value.text.clone());
            Some(Node::new(text, self.value_loc(hit.element, value, &"value")))
        };
        let measures = || {
            doc.node(section)
                .children
                .iter()
                .copied()
                .filter(|&c| matches!(doc.node(c).kind, Kind::PiProportion | Kind::PiPerformed))
        };
        // Counted first, so that a set of tens of thousands of measurements
        // is allocated once at its size: grown by doubling, it would hold up
        // to twice the room, and copy itself on the way, while the document
        // it is decoded from is still in memory.
        let mut measurements = Vec::with_capacity(measures().count());
        measurements.extend(measures().map(|c| self.measurement(c)));
        MeasurementSet {
            category: Some(Node::new("pi".to_owned(), head.clone())),
            submission_method: Some(Node::new("electronicHealthRecord".to_owned(), head.clone())),
            program_name: self.program_name(),
            performance_start: date(Field::PeriodStart),
            performance_end: date(Field::PeriodEnd),
            cehrt_id: self.string(Doc::ROOT, Field::CehrtId),
            measurements,
            loc: head,
        }
    }

    fn measurement(&self, measure: NodeId) -> Measurement {
        let doc = self.doc;
        let loc = self.element_loc(doc.node(measure).element);
        let value = match doc.node(measure).kind {
            Kind::PiPerformed => self.performed(measure),
            _ => Some(MeasureValue::Proportion(Box::new(Proportion {
                loc: loc.clone(),
                numerator: self.count(measure, Kind::Numerator),
                denominator: self.count(measure, Kind::Denominator),
            }))),
        };
        Measurement {
            measure_id: self.string(measure, Field::MeasureId),
            value,
            loc,
        }
    }

    fn performed(&self, measure: NodeId) -> Option<MeasureValue> {
        let doc = self.doc;
        let observation = doc.children_of(measure, Kind::MeasurePerformed).next()?;
        let (hit, code) = facts::first_value(doc, observation, Field::PerformedCode)?;
        let value = performed_value(&code.text)?;
        Some(MeasureValue::Boolean(Node::new(
            value,
            self.value_loc(hit.element, code, &"code"),
        )))
    }

    fn count(&self, measure: NodeId, kind: Kind) -> Option<Node<Count>> {
        let doc = self.doc;
        let part = doc.children_of(measure, kind).next()?;
        let count = doc.children_of(part, Kind::AggregateCount).next()?;
        let (hit, value) = facts::first_value(doc, count, Field::CountValue)?;
        Some(Node::new(
            Count {
                text: value.text.clone(),
                whole: parse_count(&value.text).ok(),
            },
            self.value_loc(hit.element, value, &"value"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{MeasureValue, Submission};
    use crate::source::SourceFile;

    fn decode(text: &str) -> (Submission, Vec<&'static str>) {
        let outcome = crate::xml::check(&SourceFile::from_text("t.xml", text));
        let codes = outcome.diagnostics.iter().map(|d| d.code).collect();
        (outcome.submission.expect("a model"), codes)
    }

    const VALID: &str = crate::qrda3_valid_2025!();

    #[test]
    fn the_standard_example_decodes_like_its_json_twin() {
        let (submission, codes) = decode(VALID);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(submission.entity_type.unwrap().value, "group");
        assert_eq!(submission.performance_year.unwrap().value, 2025);
        assert!(submission.national_provider_identifier.is_none());
        let set = &submission.measurement_sets[0];
        assert_eq!(set.program_name.as_ref().unwrap().value, "mips");
        assert_eq!(
            set.submission_method.as_ref().unwrap().value,
            "electronicHealthRecord"
        );
        assert_eq!(set.measurements.len(), 12);
        let Some(MeasureValue::Boolean(yes)) = &set.measurements[0].value else {
            panic!("PI_PPHI_1 is boolean");
        };
        assert!(yes.value);
    }

    #[test]
    fn a_byte_order_mark_changes_nothing_and_namespaces_matter() {
        let prefixed = VALID
            .replace(
                "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"",
                "<cda:ClinicalDocument xmlns:cda=\"urn:hl7-org:v3\"",
            )
            .replace("</ClinicalDocument>", "</cda:ClinicalDocument>");
        // Only the root is prefixed: its children are then in no namespace,
        // not the root's, so (as for the converter) none of them is read.
        let outcome = crate::xml::check(&SourceFile::from_text("t.xml", prefixed));
        let codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["F005"]);
        let (with_bom, codes) = decode(&format!("\u{feff}{VALID}"));
        assert!(codes.is_empty(), "{codes:?}");
        let (plain, _) = decode(VALID);
        let shift = '\u{feff}'.len_utf8();
        let id = |s: &Submission| s.taxpayer_identification_number.as_ref().unwrap().loc.span;
        assert_eq!(id(&with_bom).start(), id(&plain).start() + shift);
    }

    #[test]
    fn an_unknown_program_is_kept_as_written() {
        let text = VALID.replace("MIPS_GROUP", "CPCPLUS");
        let (submission, codes) = decode(&text);
        assert_eq!(codes, ["Q006"]);
        assert_eq!(submission.entity_type.unwrap().value, "CPCPLUS");
        assert_eq!(
            submission.measurement_sets[0]
                .program_name
                .as_ref()
                .unwrap()
                .value,
            "cpcplus"
        );
    }

    #[test]
    fn an_mvp_id_replaces_the_program_name() {
        let text = VALID.replace(
            "  <documentationOf",
            "  <participant typeCode=\"TRC\"><associatedEntity classCode=\"PROG\"><id root=\"2.16.840.1.113883.3.249.5.6\" extension=\"G0053\"/></associatedEntity></participant>\n  <documentationOf",
        );
        let (submission, _) = decode(&text);
        assert_eq!(
            submission.measurement_sets[0]
                .program_name
                .as_ref()
                .unwrap()
                .value,
            "G0053"
        );
    }

    #[test]
    fn an_apm_entity_is_identified_by_its_entity_id_only() {
        let text = VALID.replace("MIPS_GROUP", "MIPS_APP1_APMENTITY").replace(
            "<id root=\"2.16.840.1.113883.4.2\" extension=\"000123456\"/>",
            "<id root=\"2.16.840.1.113883.4.2\" extension=\"000123456\"/><id root=\"2.16.840.1.113883.3.249.5.4\" extension=\"A1234\"/>",
        );
        let (submission, _) = decode(&text);
        assert_eq!(submission.entity_type.unwrap().value, "apm");
        assert_eq!(submission.entity_id.unwrap().value, "A1234");
        assert!(submission.taxpayer_identification_number.is_none());
        assert_eq!(
            submission.measurement_sets[0]
                .program_name
                .as_ref()
                .unwrap()
                .value,
            "app1"
        );
    }

    #[test]
    fn an_impossible_date_stays_as_written() {
        let text = VALID.replace("<low value=\"20250101\"/>\n", "<low value=\"20250230\"/>\n");
        let (submission, codes) = decode(&text);
        assert_eq!(codes, ["Q012"]);
        let set = &submission.measurement_sets[0];
        assert_eq!(set.performance_start.as_ref().unwrap().value, "20250230");
        assert_eq!(set.performance_end.as_ref().unwrap().value, "2025-12-31");
        assert_eq!(submission.performance_year.unwrap().value, 2025);
    }

    #[test]
    fn a_measure_performed_outside_the_pi_section_is_reported_and_left_out() {
        let misplaced = concat!(
            "      <component>\n        <section>\n",
            "          <templateId root=\"2.16.840.1.113883.10.20.27.2.4\" extension=\"2020-12-01\"/>\n",
            crate::qrda3_performed!("PI_ONCACB_1", "Y"),
            "        </section>\n      </component>\n"
        );
        let text = VALID.replace(
            "    </structuredBody>",
            &format!("{misplaced}    </structuredBody>"),
        );
        let (submission, codes) = decode(&text);
        assert_eq!(codes, ["Q016"]);
        assert!(
            submission.measurement_sets[0]
                .measurement("PI_ONCACB_1")
                .is_none()
        );
    }
}
