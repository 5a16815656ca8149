//! Checks of the PI section: its Reporting Parameters Act and dates, and
//! the structure of each PI measure (spec qrda3-pi.md §4–§7, §9.2 codes
//! 8, 9, 11, 12, 15–18, 22, 29–31, 39, 41, 42, 51, 69, 102, and §11).

use crate::diagnostic::Diagnostic;
use crate::rules::qrda;
use crate::rules::qrda::{
    aggregate_count_not_single, invalid_measure_performed, invalid_qrda3_count,
    measure_id_not_single, measure_id_wrong_root, measure_performed_not_single,
    numerator_denominator_not_single, period_bound_not_single, reporting_parameters_not_single,
    restricted_measure_combination,
};
use crate::rules::registry::RuleMeta;
use crate::xml::reader::{Doc, Element, Hit, NodeId};
use crate::xml::templates::{Field, Kind, PI_MEASURE_ID_ROOT};
use crate::xml::{at_element, at_value, dates, facts};

pub fn check(doc: &Doc, out: &mut Vec<Diagnostic>) {
    for section in doc.children_of(Doc::ROOT, Kind::PiSection) {
        reporting_parameters(doc, section, out);
        for &child in &doc.node(section).children {
            match doc.node(child).kind {
                Kind::PiProportion => proportion(doc, child, out),
                Kind::PiPerformed => performed(doc, child, out),
                Kind::IaMeasure => out.push(at_element(
                    doc,
                    &qrda::NON_PI_MEASURE_IN_PI_SECTION,
                    doc.node(child).element,
                    qrda::non_pi_measure_in_pi_section::MESSAGE,
                )),
                _ => {}
            }
            if matches!(doc.node(child).kind, Kind::PiProportion | Kind::PiPerformed) {
                measure_id(doc, child, out);
            }
        }
        restricted_combination(doc, section, out);
    }
    for kind in [Kind::PiProportion, Kind::PiPerformed] {
        for measure in doc.nodes_of(kind) {
            let parent = doc.node(measure).parent.map(|p| doc.node(p).kind);
            if parent != Some(Kind::PiSection) {
                let place = parent.map_or("outside any section", |k| k.title());
                out.push(at_element(
                    doc,
                    &qrda::PI_MEASURE_OUTSIDE_PI_SECTION,
                    doc.node(measure).element,
                    qrda::pi_measure_outside_pi_section::message(kind.title(), place),
                ));
            }
        }
    }
}

/// Reports a count of `found` children of `kind` other than one: missing at
/// `owner`, extras at each extra child.
fn exactly_one(
    doc: &Doc,
    rule: &'static RuleMeta,
    owner: NodeId,
    found: &[NodeId],
    missing: String,
    extra: &str,
    out: &mut Vec<Diagnostic>,
) {
    match found {
        [] => out.push(at_element(doc, rule, doc.node(owner).element, missing)),
        [_] => {}
        [first, rest @ ..] => {
            for &more in rest {
                out.push(
                    at_element(doc, rule, doc.node(more).element, extra.to_owned())
                        .with_related(doc.node(*first).element.span, "first one"),
                );
            }
        }
    }
}

/// Q010–Q012: one direct Reporting Parameters Act with one valid start and
/// one valid end.
fn reporting_parameters(doc: &Doc, section: NodeId, out: &mut Vec<Diagnostic>) {
    let acts: Vec<NodeId> = doc
        .children_of(section, Kind::ReportingParameters)
        .collect();
    if acts.is_empty() {
        let nested = doc.nodes_of(Kind::ReportingParameters).find(|&a| {
            let mut up = doc.node(a).parent;
            while let Some(p) = up {
                if p == section {
                    return true;
                }
                up = doc.node(p).parent;
            }
            false
        });
        let mut diagnostic = at_element(
            doc,
            &qrda::REPORTING_PARAMETERS_NOT_SINGLE,
            doc.node(section).element,
            reporting_parameters_not_single::NONE_DIRECT,
        );
        if let Some(nested) = nested {
            diagnostic = diagnostic.with_related(
                doc.node(nested).element.span,
                reporting_parameters_not_single::NESTED_LABEL,
            );
        }
        out.push(diagnostic);
    } else {
        exactly_one(
            doc,
            &qrda::REPORTING_PARAMETERS_NOT_SINGLE,
            section,
            &acts,
            String::new(),
            reporting_parameters_not_single::SECOND,
            out,
        );
    }
    for act in acts {
        for (field, label, element_name) in [
            (Field::PeriodStart, "start", "low"),
            (Field::PeriodEnd, "end", "high"),
        ] {
            bound(doc, act, field, label, element_name, out);
        }
    }
}

fn bound(
    doc: &Doc,
    act: NodeId,
    field: Field,
    label: &str,
    element_name: &str,
    out: &mut Vec<Diagnostic>,
) {
    let hits: Vec<&Hit> = doc.node(act).hits(field).collect();
    let valued = facts::valued(doc, act, field);
    match valued.as_slice() {
        [] => {
            let (element, message) = match hits.first() {
                Some(empty) => (
                    empty.element,
                    period_bound_not_single::no_value(label, element_name),
                ),
                None => (
                    doc.node(act).element,
                    period_bound_not_single::missing(label, element_name),
                ),
            };
            out.push(at_element(
                doc,
                &qrda::PERIOD_BOUND_NOT_SINGLE,
                element,
                message,
            ));
        }
        [first, rest @ ..] => {
            for extra in rest {
                if let Some(value) = &extra.value {
                    out.push(
                        at_value(
                            doc,
                            &qrda::PERIOD_BOUND_NOT_SINGLE,
                            extra.element,
                            value,
                            "value",
                            period_bound_not_single::second(label),
                        )
                        .with_related(first.element.span, "first one"),
                    );
                }
            }
            if let Some(value) = &first.value
                && let Err(reason) = dates::parse(&value.text)
            {
                out.push(at_value(
                    doc,
                    &qrda::INVALID_PERIOD_DATE,
                    first.element,
                    value,
                    "value",
                    qrda::invalid_qrda3_date::message(label, &value.text, &reason),
                ));
            }
        }
    }
}

/// Q014 and Q015: one measure id, under the PI measure id root.
fn measure_id(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    let valued = facts::valued(doc, measure, Field::MeasureId);
    match valued.as_slice() {
        [] => out.push(at_element(
            doc,
            &qrda::MEASURE_ID_NOT_SINGLE,
            doc.node(measure).element,
            measure_id_not_single::missing(doc.node(measure).kind.title()),
        )),
        [first, rest @ ..] => {
            for extra in rest {
                if let Some(value) = &extra.value {
                    out.push(
                        at_value(
                            doc,
                            &qrda::MEASURE_ID_NOT_SINGLE,
                            extra.element,
                            value,
                            "extension",
                            measure_id_not_single::second(&value.text),
                        )
                        .with_related(first.element.span, "first measure id"),
                    );
                }
            }
            let id = first.value.as_ref().map_or("", |v| v.text.as_str());
            match &first.root {
                Some(root) if root.text == PI_MEASURE_ID_ROOT => {}
                Some(root) => out.push(at_value(
                    doc,
                    &qrda::MEASURE_ID_WRONG_ROOT,
                    first.element,
                    root,
                    "root",
                    measure_id_wrong_root::wrong_root(id, &root.text, PI_MEASURE_ID_ROOT),
                )),
                None => out.push(at_element(
                    doc,
                    &qrda::MEASURE_ID_WRONG_ROOT,
                    first.element,
                    measure_id_wrong_root::no_root(id, PI_MEASURE_ID_ROOT),
                )),
            }
        }
    }
}

/// Q017–Q019: one numerator and one denominator, each with one aggregate
/// count holding one non-negative whole number.
fn proportion(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    for (kind, label) in [
        (Kind::Numerator, "Numerator"),
        (Kind::Denominator, "Denominator"),
    ] {
        let parts: Vec<NodeId> = doc.children_of(measure, kind).collect();
        exactly_one(
            doc,
            &qrda::NUMERATOR_DENOMINATOR_NOT_SINGLE,
            measure,
            &parts,
            numerator_denominator_not_single::missing(label),
            &numerator_denominator_not_single::second(label),
            out,
        );
        for part in parts {
            let counts: Vec<NodeId> = doc.children_of(part, Kind::AggregateCount).collect();
            exactly_one(
                doc,
                &qrda::AGGREGATE_COUNT_NOT_SINGLE,
                part,
                &counts,
                aggregate_count_not_single::missing(label),
                &aggregate_count_not_single::second(label),
                out,
            );
            for count in counts {
                aggregate_count(doc, count, label, out);
            }
        }
    }
}

fn aggregate_count(doc: &Doc, count: NodeId, label: &str, out: &mut Vec<Diagnostic>) {
    let hits: Vec<&Hit> = doc.node(count).hits(Field::CountValue).collect();
    let Some((first, rest)) = hits.split_first() else {
        out.push(at_element(
            doc,
            &qrda::INVALID_COUNT,
            doc.node(count).element,
            invalid_qrda3_count::no_value_element(label),
        ));
        return;
    };
    for extra in rest {
        out.push(
            at_element(
                doc,
                &qrda::AGGREGATE_COUNT_NOT_SINGLE,
                extra.element,
                aggregate_count_not_single::second_value(label),
            )
            .with_related(first.element.span, "first value"),
        );
    }
    let Some(value) = &first.value else {
        out.push(at_element(
            doc,
            &qrda::INVALID_COUNT,
            first.element,
            invalid_qrda3_count::no_value(label),
        ));
        return;
    };
    let message = match parse_count(&value.text) {
        Ok(_) => return,
        Err(CountError::Negative) => invalid_qrda3_count::negative(label, &value.text),
        Err(CountError::NotWhole) => invalid_qrda3_count::not_whole(label, &value.text),
        Err(CountError::TooLarge) => invalid_qrda3_count::too_large(label, &value.text),
    };
    out.push(at_value(
        doc,
        &qrda::INVALID_COUNT,
        first.element,
        value,
        "value",
        message,
    ));
}

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

/// Q020 and Q021: one Measure Performed whose code is Y or N.
fn performed(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    let observations: Vec<NodeId> = doc.children_of(measure, Kind::MeasurePerformed).collect();
    exactly_one(
        doc,
        &qrda::MEASURE_PERFORMED_NOT_SINGLE,
        measure,
        &observations,
        measure_performed_not_single::MISSING.to_owned(),
        measure_performed_not_single::SECOND,
        out,
    );
    let Some(&observation) = observations.first() else {
        return;
    };
    let hits: Vec<&Hit> = doc.node(observation).hits(Field::PerformedCode).collect();
    let Some((first, rest)) = hits.split_first() else {
        out.push(at_element(
            doc,
            &qrda::INVALID_MEASURE_PERFORMED,
            doc.node(observation).element,
            invalid_measure_performed::NO_VALUE,
        ));
        return;
    };
    for extra in rest {
        out.push(
            at_element(
                doc,
                &qrda::INVALID_MEASURE_PERFORMED,
                extra.element,
                invalid_measure_performed::SECOND_VALUE,
            )
            .with_related(first.element.span, "first value"),
        );
    }
    match &first.value {
        None => out.push(at_element(
            doc,
            &qrda::INVALID_MEASURE_PERFORMED,
            first.element,
            invalid_measure_performed::NO_CODE,
        )),
        Some(code) if performed_value(&code.text).is_none() => out.push(at_value(
            doc,
            &qrda::INVALID_MEASURE_PERFORMED,
            first.element,
            code,
            "code",
            invalid_measure_performed::not_y_or_n(&code.text),
        )),
        Some(_) => {}
    }
}

/// `Y` → true, `N` → false, ignoring case (as the converter does).
pub fn performed_value(code: &str) -> Option<bool> {
    match code {
        "Y" | "y" => Some(true),
        "N" | "n" => Some(false),
        _ => None,
    }
}

/// The measures CMS's converter forbids beside `PI_HIE_5` (its
/// `PiSectionValidator`, code 102).
const RESTRICTED_WITH_HIE_5: [&str; 4] = ["PI_HIE_1", "PI_LVOTC_1", "PI_HIE_4", "PI_LVITC_2"];

/// Q022: the converter's restricted combination, exactly as it checks it:
/// among numerator/denominator measures only.
fn restricted_combination(doc: &Doc, section: NodeId, out: &mut Vec<Diagnostic>) {
    let ids: Vec<(Element, &crate::xml::reader::AttrValue)> = doc
        .children_of(section, Kind::PiProportion)
        .filter_map(|m| facts::first_value(doc, m, Field::MeasureId))
        .map(|(h, v)| (h.element, v))
        .collect();
    let Some((hie5, hie5_value)) = ids.iter().find(|(_, v)| v.text == "PI_HIE_5") else {
        return;
    };
    for (element, value) in &ids {
        if RESTRICTED_WITH_HIE_5.contains(&value.text.as_str()) {
            out.push(
                at_value(
                    doc,
                    &qrda::RESTRICTED_MEASURE_COMBINATION,
                    *element,
                    value,
                    "extension",
                    restricted_measure_combination::message(&value.text),
                )
                .with_related(hie5_value.span, restricted_measure_combination::HIE_5_LABEL)
                .with_related(
                    hie5.span,
                    restricted_measure_combination::HIE_5_ELEMENT_LABEL,
                ),
            );
        }
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
}
