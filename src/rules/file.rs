//! The `F` family: the file itself.
//!
//! These findings come from the front ends (reading and parsing), not from
//! checks over the model, so their metadata lives together here; the code
//! that raises each one is named in its `what`.

use crate::diagnostic::Severity;
use crate::rules::registry::{Example, RuleMeta};

const VALID_MINIMAL: &str = crate::valid_2025!();

pub static INVALID_JSON: RuleMeta = RuleMeta {
    code: "F001",
    name: "invalid-json",
    severity: Severity::Error,
    summary: "The file is not well-formed JSON.",
    what: "Parses the file as strict JSON (RFC 8259) and reports the first syntax error at the \
           line and column where parsing stopped: trailing commas, comments, `NaN`/`Infinity`, \
           single quotes, an empty or truncated file, text after the document.",
    why: "The QPP Submissions API accepts `application/json` only (qpp-submissions-docs, \
          guides/basic-tutorial.tsx); a file that does not parse is rejected whole, with no \
          score for any category in it.",
    note: "the QPP Submissions API rejects a request body that is not strict JSON",
    help: "fix the syntax at the position shown; nothing else in this file was checked",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(
        r#"{
  "entityType": "group",
  "performanceYear": 2025,
}"#,
    ),
    valid: Example::json(VALID_MINIMAL),
};

pub static INVALID_UTF8: RuleMeta = RuleMeta {
    code: "F002",
    name: "invalid-utf8",
    severity: Severity::Error,
    summary: "The file contains bytes that are not UTF-8.",
    what: "Reports the first byte sequence that is not valid UTF-8 (often a Windows-1252 `é` \
           or `’` pasted into a name).",
    why: "JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1); the Submissions \
          API cannot decode other encodings.",
    note: "JSON exchanged between systems must be encoded as UTF-8 (RFC 8259 §8.1)",
    help: "re-save the file as UTF-8",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose("A file holding the byte 0xFF: see fixtures/invalid/not-utf8.json."),
    valid: Example::json(VALID_MINIMAL),
};

pub static BYTE_ORDER_MARK: RuleMeta = RuleMeta {
    code: "F003",
    name: "byte-order-mark",
    severity: Severity::Error,
    summary: "The file starts with a UTF-8 byte-order mark.",
    what: "Reports a leading U+FEFF. pilint then checks the rest of the file as if the mark \
           were not there, so the other findings are still useful.",
    why: "RFC 8259 §8.1: implementations \"MUST NOT add a byte order mark\" and parsers may \
          reject one; strict JSON parsers such as the one behind the Submissions API treat it \
          as an invalid character.",
    note: "JSON text must not begin with a byte-order mark (RFC 8259 §8.1)",
    help: "save the file as UTF-8 without BOM (\"UTF-8\" rather than \"UTF-8 with BOM\")",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(concat!("\u{feff}", crate::valid_2025!())),
    valid: Example::json(VALID_MINIMAL),
};

pub static DUPLICATE_KEY: RuleMeta = RuleMeta {
    code: "F004",
    name: "duplicate-key",
    severity: Severity::Error,
    summary: "An object has the same key twice.",
    what: "Reports every object member whose key already appeared in the same object, \
           pointing at the second key and labelling the first. pilint (like serde_json) reads \
           the last one.",
    why: "RFC 8259 §4 leaves the meaning of duplicate names undefined: one parser keeps the \
          first, another the last, another rejects the object. What CMS reads may not be what \
          you meant.",
    note: "JSON parsers disagree on duplicate keys (RFC 8259 §4); CMS may read the other one",
    help: "keep one of the two members",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::pi_submission!(
        identity: concat!(crate::group_identity!(), "  \"performanceYear\": 2024,\n"),
        year: "2025",
        set: crate::pi_set_2025!(),
        measurements: concat!(crate::attestations_yes!(), crate::required_measures!()),
    )),
    valid: Example::json(VALID_MINIMAL),
};

pub static NOT_QRDA3_DOCUMENT: RuleMeta = RuleMeta {
    code: "F005",
    name: "not-qrda3-document",
    severity: Severity::Error,
    summary: "The XML file is not a QRDA Category III document.",
    what: "Reports XML (a `*.xml` file, or content starting with an XML declaration or \
           `<ClinicalDocument`) whose root element is not `ClinicalDocument`, or whose \
           `ClinicalDocument` has no CMS QRDA III Report templateId (root \
           `2.16.840.1.113883.10.20.27.1.2`): a C-CDA or QRDA I document, a stylesheet, any \
           other XML. pilint reports this once and checks nothing else in the file.",
    why: "CMS's QRDA III converter rejects such a file whole with error 5 \
          (NOT_VALID_QRDA_DOCUMENT, `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/QrdaDecoderEngine.java`): only QRDA Category III documents carry MIPS PI data.",
    note: "CMS accepts PI as QPP JSON or QRDA Category III XML only (converter error 5)",
    help: "export the PI data as a QRDA Category III document or as QPP JSON",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n",
        "  <templateId root=\"2.16.840.1.113883.10.20.22.1.1\" extension=\"2015-08-01\"/>\n",
        "</ClinicalDocument>\n"
    )),
    valid: Example::xml(crate::qrda3_valid_2025!()),
};

pub static UNREADABLE_FILE: RuleMeta = RuleMeta {
    code: "F006",
    name: "unreadable-file",
    severity: Severity::Error,
    summary: "The file could not be read.",
    what: "Reports the operating system's error when a file cannot be opened or read \
           (permissions, a broken link, a device). pilint exits with status 2.",
    why: "A file that cannot be read was not checked; a green run must not hide it.",
    note: "this file was not checked",
    help: "check the path and its permissions",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose(
        "A path without read permission: see the unreadable-file test in tests/cli.rs.",
    ),
    valid: Example::json(VALID_MINIMAL),
};

pub static INTERNAL_ERROR: RuleMeta = RuleMeta {
    code: "F007",
    name: "internal-error",
    severity: Severity::Error,
    summary: "pilint failed while checking this file.",
    what: "Reports a bug in pilint that stopped the check of one file; the other files are \
           still checked and pilint exits with status 2.",
    why: "One bad file must never stop the others, and a crash must never look like a pass.",
    note: "this is a bug in pilint, not necessarily in the file",
    help: "please report it with the file (masked) and the message",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose("Any input that triggers a pilint bug; none is known."),
    valid: Example::json(VALID_MINIMAL),
};

pub static FILE_TOO_LARGE: RuleMeta = RuleMeta {
    code: "F008",
    name: "file-too-large",
    severity: Severity::Error,
    summary: "The file is larger than --max-file-size and was not read.",
    what: "Reports a file (or standard input) holding more bytes than `--max-file-size` \
           (default 128 MiB), without reading it into memory.",
    why: "Real PI submissions are kilobytes; a file of hundreds of megabytes is an export \
          gone wrong, and reading it whole would exhaust a CI runner's memory.",
    note: "the file was not checked",
    help: "check what produced the file, or raise --max-file-size",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose("A 200 MB file: see the file-too-large test in tests/hostile_json.rs."),
    valid: Example::json(VALID_MINIMAL),
};

pub static RULES: &[&RuleMeta] = &[
    &INVALID_JSON,
    &INVALID_UTF8,
    &BYTE_ORDER_MARK,
    &DUPLICATE_KEY,
    &NOT_QRDA3_DOCUMENT,
    &UNREADABLE_FILE,
    &INTERNAL_ERROR,
    &FILE_TOO_LARGE,
];
