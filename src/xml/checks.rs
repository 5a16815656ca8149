//! The order the `Q` checks run in over a read document: the document's
//! envelope, then each PI section as CMS's converter walks it (its
//! Reporting Parameters Act and each entry in document order), then the PI
//! measures outside a PI section. Each check is its rule file's
//! (`src/rules/qrda/`); this walk only says where it runs, so a file's
//! findings come out in the same order every run.

use crate::diagnostic::Diagnostic;
use crate::qrda3_reader::templates::Kind;
use crate::qrda3_reader::{Doc, NodeId};
use crate::rules::qrda::{
    DOCUMENT_CHECKS, aggregate_count_not_single, invalid_measure_performed, invalid_qrda3_count,
    invalid_qrda3_date, measure_id_not_single, measure_id_wrong_root, measure_performed_not_single,
    non_pi_measure_in_pi_section, numerator_denominator_not_single, period_bound_not_single,
    pi_measure_outside_pi_section, reporting_parameters_not_single, restricted_measure_combination,
};

/// Every `Q` check of a document the reader read.
pub fn run(doc: &Doc, out: &mut Vec<Diagnostic>) {
    for check in DOCUMENT_CHECKS {
        check(doc, out);
    }
    for section in doc.children_of(Doc::ROOT, Kind::PiSection) {
        pi_section(doc, section, out);
    }
    pi_measure_outside_pi_section::check(doc, out);
}

fn pi_section(doc: &Doc, section: NodeId, out: &mut Vec<Diagnostic>) {
    reporting_parameters_not_single::check(doc, section, out);
    for act in doc.children_of(section, Kind::ReportingParameters) {
        for bound in period_bound_not_single::BOUNDS {
            period_bound_not_single::check(doc, act, bound, out);
            invalid_qrda3_date::check(doc, act, bound, out);
        }
    }
    for &entry in &doc.node(section).children {
        match doc.node(entry).kind {
            Kind::PiProportion => proportion(doc, entry, out),
            Kind::PiPerformed => {
                measure_performed_not_single::check(doc, entry, out);
                invalid_measure_performed::check(doc, entry, out);
            }
            _ => non_pi_measure_in_pi_section::check(doc, entry, out),
        }
        if matches!(doc.node(entry).kind, Kind::PiProportion | Kind::PiPerformed) {
            measure_id_not_single::check(doc, entry, out);
            measure_id_wrong_root::check(doc, entry, out);
        }
    }
    restricted_measure_combination::check(doc, section, out);
}

/// A numerator/denominator measure: each part, its Aggregate Counts, and
/// each count's value.
fn proportion(doc: &Doc, measure: NodeId, out: &mut Vec<Diagnostic>) {
    for (kind, part) in numerator_denominator_not_single::PARTS {
        numerator_denominator_not_single::check(doc, measure, (kind, part), out);
        for data in doc.children_of(measure, kind) {
            aggregate_count_not_single::check(doc, data, part, out);
            for count in doc.children_of(data, Kind::AggregateCount) {
                aggregate_count_not_single::check_values(doc, count, part, out);
                invalid_qrda3_count::check(doc, count, part, out);
            }
        }
    }
}
