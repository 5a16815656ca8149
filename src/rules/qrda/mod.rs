//! The `Q` family: QRDA Category III XML, read by `src/qrda3_reader/`.
//!
//! Most rules reproduce a check of CMS's QRDA III converter
//! (CMSgov/qpp-conversion-tool at commit ca8425be, error codes in
//! `commons/src/main/java/gov/cms/qpp/conversion/model/error/ProblemCode.java`),
//! and each rule's "why" names the converter's error number so a user can
//! map CMS's `CT - ` messages to pilint's. The rest go beyond the converter
//! where CMS rejects or mis-reads the data later;
//! `docs/qrda3-differences.md` lists every deliberate difference.
//!
//! One file per rule holds its [`RuleMeta`] (docs and examples), its check,
//! its message builders and its tests; `examples.rs` holds the building
//! blocks of the examples. A check reads the document tree and facts of
//! `crate::qrda3_reader`: the checks of the whole document run in the order
//! of [`DOCUMENT_CHECKS`]; those of one PI section, measure or Reporting
//! Parameters Act take that node, and the front end (`src/xml/checks.rs`)
//! calls them as it walks the section. The rules about a file the reader
//! could not read word what its typed `Stop` says (the problem and its
//! span). `RULES` registers them (`registry::tests` fails on a rule file
//! that is not registered).

use crate::diagnostic::Diagnostic;
use crate::qrda3_reader::Doc;
use crate::rules::registry::{Example, RuleMeta};

const VALID: Example = Example::xml(crate::qrda3_valid_2025!());

/// The standard 2025 group document with extra PI entries after the
/// standard ones.
macro_rules! with_pi_entries {
    ($extra:expr) => {
        crate::qrda3_group_2025!(crate::qrda3_pi_section!(concat!(
            crate::qrda3_pi_entries_2025!(),
            $extra
        )))
    };
}

/// The standard document with the PI_PEA_1 entry replaced.
macro_rules! with_pea {
    ($pea:expr) => {
        crate::qrda3_group_2025!(crate::qrda3_pi_section!(concat!(
            crate::qrda3_attestations_yes!(),
            crate::qrda3_proportion!("PI_EP_1", "49", "115"),
            crate::qrda3_performed!("PI_EP_2", "Y"),
            crate::qrda3_proportion!("PI_HIE_1", "1123", "1951"),
            crate::qrda3_proportion!("PI_HIE_4", "923", "951"),
            $pea,
            crate::qrda3_performed!("PI_PHCDRR_1", "Y"),
            crate::qrda3_performed!("PI_PHCDRR_1_PROD", "Y"),
            crate::qrda3_performed!("PI_PHCDRR_3_EX_1", "Y"),
            crate::qrda3_period!("20250101", "20251231")
        )))
    };
}

/// The standard document with a different document header part.
macro_rules! with_header {
    (template: $template:expr, recipient: $recipient:expr, participant: $participant:expr, performer: $performer:expr) => {
        crate::qrda3_document!(
            template: $template,
            recipient: $recipient,
            participant: $participant,
            performer: $performer,
            sections: crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!()),
        )
    };
}

/// The standard PI measures with a different performance period.
macro_rules! with_period {
    ($period:expr) => {
        crate::qrda3_group_2025!(crate::qrda3_pi_section!(concat!(
            crate::qrda3_attestations_yes!(),
            crate::qrda3_required_measures!(),
            $period
        )))
    };
}

pub mod aggregate_count_not_single;
pub mod ambiguous_identifier;
pub mod doctype_not_allowed;
pub mod duplicate_cehrt_id;
pub mod duplicate_section;
pub mod examples;
pub mod ig_version_mismatch;
pub mod invalid_measure_performed;
pub mod invalid_qrda3_count;
pub mod invalid_qrda3_date;
pub mod invalid_xml;
pub mod measure_id_not_single;
pub mod measure_id_wrong_root;
pub mod measure_performed_not_single;
pub mod no_category_section;
pub mod non_pi_measure_in_pi_section;
pub mod numerator_denominator_not_single;
pub mod period_bound_not_single;
pub mod pi_measure_outside_pi_section;
pub mod program_name_not_single;
pub mod reporting_parameters_not_single;
pub mod restricted_measure_combination;
pub mod section_years_disagree;
pub mod support;
pub mod unknown_program_name;
pub mod virtual_group_id_missing;
pub mod xml_limit_exceeded;

pub use aggregate_count_not_single::META as AGGREGATE_COUNT_NOT_SINGLE;
pub use ambiguous_identifier::META as AMBIGUOUS_IDENTIFIER;
pub use doctype_not_allowed::META as DOCTYPE_NOT_ALLOWED;
pub use duplicate_cehrt_id::META as DUPLICATE_CEHRT_ID;
pub use duplicate_section::META as DUPLICATE_SECTION;
pub use ig_version_mismatch::META as IG_VERSION;
pub use invalid_measure_performed::META as INVALID_MEASURE_PERFORMED;
pub use invalid_qrda3_count::META as INVALID_COUNT;
pub use invalid_qrda3_date::META as INVALID_PERIOD_DATE;
pub use invalid_xml::META as INVALID_XML;
pub use measure_id_not_single::META as MEASURE_ID_NOT_SINGLE;
pub use measure_id_wrong_root::META as MEASURE_ID_WRONG_ROOT;
pub use measure_performed_not_single::META as MEASURE_PERFORMED_NOT_SINGLE;
pub use no_category_section::META as NO_CATEGORY_SECTION;
pub use non_pi_measure_in_pi_section::META as NON_PI_MEASURE_IN_PI_SECTION;
pub use numerator_denominator_not_single::META as NUMERATOR_DENOMINATOR_NOT_SINGLE;
pub use period_bound_not_single::META as PERIOD_BOUND_NOT_SINGLE;
pub use pi_measure_outside_pi_section::META as PI_MEASURE_OUTSIDE_PI_SECTION;
pub use program_name_not_single::META as PROGRAM_NAME_NOT_SINGLE;
pub use reporting_parameters_not_single::META as REPORTING_PARAMETERS_NOT_SINGLE;
pub use restricted_measure_combination::META as RESTRICTED_MEASURE_COMBINATION;
pub use section_years_disagree::META as SECTION_YEARS_DISAGREE;
pub use unknown_program_name::META as UNKNOWN_PROGRAM_NAME;
pub use virtual_group_id_missing::META as VIRTUAL_GROUP_ID_MISSING;
pub use xml_limit_exceeded::META as XML_LIMIT_EXCEEDED;

/// Every rule of the family, in code order.
pub static RULES: &[&RuleMeta] = &[
    &INVALID_XML,
    &DOCTYPE_NOT_ALLOWED,
    &XML_LIMIT_EXCEEDED,
    &IG_VERSION,
    &PROGRAM_NAME_NOT_SINGLE,
    &UNKNOWN_PROGRAM_NAME,
    &NO_CATEGORY_SECTION,
    &DUPLICATE_SECTION,
    &VIRTUAL_GROUP_ID_MISSING,
    &REPORTING_PARAMETERS_NOT_SINGLE,
    &PERIOD_BOUND_NOT_SINGLE,
    &INVALID_PERIOD_DATE,
    &SECTION_YEARS_DISAGREE,
    &MEASURE_ID_NOT_SINGLE,
    &MEASURE_ID_WRONG_ROOT,
    &PI_MEASURE_OUTSIDE_PI_SECTION,
    &NUMERATOR_DENOMINATOR_NOT_SINGLE,
    &AGGREGATE_COUNT_NOT_SINGLE,
    &INVALID_COUNT,
    &MEASURE_PERFORMED_NOT_SINGLE,
    &INVALID_MEASURE_PERFORMED,
    &RESTRICTED_MEASURE_COMBINATION,
    &NON_PI_MEASURE_IN_PI_SECTION,
    &DUPLICATE_CEHRT_ID,
    &AMBIGUOUS_IDENTIFIER,
];

/// A check of the whole document (each rule file's `check`).
pub type DocumentCheck = fn(&Doc, &mut Vec<Diagnostic>);

/// The checks of the document's envelope (its guide, program, sections and
/// identifiers), in the order they run, before the PI sections' checks.
pub static DOCUMENT_CHECKS: &[DocumentCheck] = &[
    ig_version_mismatch::check,
    program_name_not_single::check,
    unknown_program_name::check,
    no_category_section::check,
    duplicate_section::check,
    virtual_group_id_missing::check,
    duplicate_cehrt_id::check,
    ambiguous_identifier::check,
    section_years_disagree::check,
];
