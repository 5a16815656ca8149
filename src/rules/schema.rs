//! The `S` family: structure, as described by the shipped JSON Schema
//! (`schemas/pi-submission.schema.json`, draft 2020-12).
//!
//! `src/json/schema.rs` turns each schema error into one of these findings;
//! the metadata (and the docs `pilint rule` prints) lives here.

use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

const SOURCE: &str = "Field tables of the QPP Submissions API \
                      (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts: \
                      submissionsFields, measurementSetsFields, measurementsFields).";

macro_rules! valid_group {
    () => {
        crate::valid_2025!()
    };
}

/// The standard 2025 example with the identity lines replaced.
macro_rules! with_identity {
    ($identity:expr) => {
        crate::pi_submission!(
            identity: $identity,
            year: "2025",
            set: crate::pi_set_2025!(),
            measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
        )
    };
}
pub static MISSING_PROPERTY: RuleMeta = RuleMeta {
    code: "S001",
    name: "missing-property",
    severity: Severity::Error,
    summary: "A property the Submissions API requires is missing.",
    what: "Reports each required property that an object lacks, at the object's opening \
           brace: `entityType`, `performanceYear` and `measurementSets` on a submission; \
           `category`, `submissionMethod`, `performanceStart`, `performanceEnd` (and `cehrtId` \
           for `pi`) on a measurement set; `measureId` and `value` on a measurement; \
           `numerator` and `denominator` on a proportion.",
    why: SOURCE,
    note: "the Submissions API rejects an object without its required properties",
    help: "add the property named in the message",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "2025",
        set: concat!(
            "      \"category\": \"pi\",\n",
            "      \"submissionMethod\": \"registry\",\n",
            "      \"performanceStart\": \"2025-01-01\",\n",
            "      \"performanceEnd\": \"2025-12-31\",\n",
        ),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),

    valid: Example::json(valid_group!()),
};

pub static UNKNOWN_PROPERTY: RuleMeta = RuleMeta {
    code: "S002",
    name: "unknown-property",
    severity: Severity::Error,
    summary: "An object has a property the Submissions API does not define.",
    what: "Reports each key the schema does not list for that object (often a typo such as \
           `performanceyear`), pointing at the key. Read-only keys the API returns (`id`, \
           `createdAt`, `submissionId`, …) are accepted.",
    why: SOURCE,
    note: "the Submissions API validates request bodies against its data model and rejects unknown fields",
    help: "remove the property, or fix its spelling",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(with_identity!(concat!(
        crate::group_identity!(),
        "  \"performanceyear\": 2025,\n"
    ))),

    valid: Example::json(valid_group!()),
};

pub static WRONG_TYPE: RuleMeta = RuleMeta {
    code: "S003",
    name: "wrong-type",
    severity: Severity::Error,
    summary: "A value has the wrong JSON type.",
    what: "Reports a value whose JSON type differs from the documented one: \
           `performanceYear` as a string instead of an integer, a TIN as a number (which \
           loses leading zeros), a measurement `value` that is neither `true`/`false` nor \
           `{numerator, denominator}`, a count with a fraction.",
    why: SOURCE,
    note: "the Submissions API checks JSON types; `\"2025\"` is not `2025`, and `\"true\"` is not `true`",
    help: "write the value with the type named in the message",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "\"2025\"",
        set: crate::pi_set_2025!(),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),

    valid: Example::json(valid_group!()),
};

pub static VALUE_NOT_ALLOWED: RuleMeta = RuleMeta {
    code: "S004",
    name: "value-not-allowed",
    severity: Severity::Error,
    summary: "A value is not one of the values the Submissions API allows.",
    what: "Reports a value outside a documented list: `entityType` (`individual`, `group`, \
           `virtualGroup`, `apm`, `subgroup`), `category` (`pi`, `ia`, `quality`), \
           `submissionMethod`. Suggests the closest allowed value.",
    why: SOURCE,
    note: "the Submissions API accepts only the documented values (they are case-sensitive)",
    help: "use one of the allowed values",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(with_identity!(
        "  \"entityType\": \"Group\",\n  \"taxpayerIdentificationNumber\": \"000123456\",\n"
    )),

    valid: Example::json(valid_group!()),
};

pub static MALFORMED_VALUE: RuleMeta = RuleMeta {
    code: "S005",
    name: "malformed-value",
    severity: Severity::Error,
    summary: "A string does not have the documented format.",
    what: "Reports a TIN that is not exactly 9 digits, an NPI that is not exactly 10 digits, \
           and a performance date that is not `YYYY-MM-DD`.",
    why: "Submissions API field tables (CMSgov/qpp-submissions-docs, data.ts): \
          taxpayerIdentificationNumber \"9-digit identifier\", nationalProviderIdentifier \
          \"10-digit identifier\", performanceStart/End \"RFC 3339 full-date\".",
    note: "the Submissions API matches identifiers and dates against fixed formats",
    help: "write the value in the format named in the message",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(with_identity!(
        "  \"entityType\": \"group\",\n  \"taxpayerIdentificationNumber\": \"00-0123456\",\n"
    )),

    valid: Example::json(valid_group!()),
};

pub static VALUE_OUT_OF_RANGE: RuleMeta = RuleMeta {
    code: "S006",
    name: "value-out-of-range",
    severity: Severity::Error,
    summary: "A number or string length is outside its documented range.",
    what: "Reports a negative numerator or denominator, a performance year before 2017 (the \
           first MIPS year) or after 2100, an empty `programName` or an `entityId` longer \
           than 64 characters.",
    why: SOURCE,
    note: "counts cannot be negative, and MIPS performance years start in 2017",
    help: "correct the value",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: crate::group_identity!(),
        year: "2025",
        set: crate::pi_set_2025!(),
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": -1, \"denominator\": 115 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),

    valid: Example::json(valid_group!()),
};

pub static EMPTY_ARRAY: RuleMeta = RuleMeta {
    code: "S007",
    name: "empty-array",
    severity: Severity::Error,
    summary: "A list that must hold at least one item is empty.",
    what: "Reports an empty `measurementSets` array on a whole submission.",
    why: SOURCE,
    note: "a submission file without a measurement set submits nothing",
    help: "add the PI measurement set",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(
        r#"{
  "entityType": "group",
  "taxpayerIdentificationNumber": "000123456",
  "performanceYear": 2025,
  "measurementSets": []
}"#,
    ),
    valid: Example::json(valid_group!()),
};

pub static NOT_A_SUBMISSION: RuleMeta = RuleMeta {
    code: "S008",
    name: "not-a-submission",
    severity: Severity::Error,
    summary: "The file is not a QPP submission: its top level is not an object, or has none of a submission's keys.",
    what: "Reports a file whose top-level value is not a JSON object (an array, a string, a \
           number), and a JSON object with no property the Submissions API documents (none of \
           `entityType`, `performanceYear`, `measurementSets`, nor a measurement set's or a \
           measurement's, nor an embedded `submission`), such as a `package.json` a hook picked \
           up: one finding naming the keys it has, like `not-qrda3-document` for XML, and \
           nothing else is checked. pilint reads three shapes: a whole submission, a \
           `POST /measurement-sets` body (a measurement set with an embedded `submission`) and \
           a submission in the API's `{\"data\": {\"submission\": …}}` envelope.",
    why: "The QPP Submissions API takes one submission (or one measurement set) per request \
          body (CMSgov/qpp-submissions-docs, guides/basic-tutorial.tsx and \
          guides/qualified-registries-and-qcdrs.tsx); a file with none of a submission's \
          properties is some other JSON file, and a list of every property it lacks would \
          not say so.",
    note: "the Submissions API takes one submission object per request",
    help: "put one submission object at the top level of the file",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(r#"[]"#),
    valid: Example::json(valid_group!()),
};

pub static SUBMISSION_IN_ENVELOPE: RuleMeta = RuleMeta {
    code: "S009",
    name: "submission-in-envelope",
    severity: Severity::Info,
    summary: "The file is a Submissions API envelope (`{\"data\": {\"submission\": …}}`); the submission inside is checked.",
    what: "Recognises a file whose top level is `{\"data\": {\"submission\": {…}}}`, the \
           shape in which the QPP Submissions API returns a submission, says so once at the \
           `data` key, and checks the submission inside it as a bare one: every finding points \
           into it (`/data/submission/measurementSets/0/…`).",
    why: "The Submissions API wraps every response body in `data` (CMSgov/qpp-submissions-docs, \
          guides/basic-tutorial.tsx), and its score-preview example wrapped the submission the \
          same way (references/json/scoring-example-submission-input.json). Saved responses \
          are worth checking, but `POST /submissions` takes the bare submission: sent as it \
          is, the envelope's `data` is not a submission property.",
    note: "the Submissions API answers with the submission inside `data`",
    help: "to submit it, send the object at /data/submission on its own",
    years: &[],
    family: crate::rules::Family::Structure,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::json(concat!(
        "{\n  \"data\": {\n    \"submission\": ",
        crate::valid_2025!(),
        "\n  }\n}"
    )),
    valid: Example::json(valid_group!()),
};

pub static RULES: &[&RuleMeta] = &[
    &MISSING_PROPERTY,
    &UNKNOWN_PROPERTY,
    &WRONG_TYPE,
    &VALUE_NOT_ALLOWED,
    &MALFORMED_VALUE,
    &VALUE_OUT_OF_RANGE,
    &EMPTY_ARRAY,
    &NOT_A_SUBMISSION,
    &SUBMISSION_IN_ENVELOPE,
];
