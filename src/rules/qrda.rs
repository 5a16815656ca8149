//! The `Q` family: QRDA Category III XML, read by `src/xml/`.
//!
//! Most rules reproduce a check of CMS's QRDA III converter
//! (CMSgov/qpp-conversion-tool at commit ca8425be, error codes in
//! `commons/src/main/java/gov/cms/qpp/conversion/model/error/ProblemCode.java`),
//! and each rule's "why" names the converter's error number so a user can
//! map CMS's `CT - ` messages to pilint's. The rest go beyond the converter
//! where CMS rejects or mis-reads the data later;
//! `docs/qrda3-differences.md` lists every deliberate difference.

use crate::diagnostic::Severity;
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

pub static INVALID_XML: RuleMeta = RuleMeta {
    code: "Q001",
    name: "invalid-xml",
    severity: Severity::Error,
    summary: "The file is not well-formed XML.",
    what: "Reads the file with a strict streaming XML parser and reports the first error: a \
           truncated document (naming the element left open), mismatched or unclosed tags, a \
           duplicate attribute, an undefined entity, an undeclared namespace prefix, text or a \
           second element after the root, an empty file. Nothing else is checked in that file.",
    why: "CMS's converter rejects a file that is not well-formed XML with error 2 \
          (NOT_VALID_XML_DOCUMENT, `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/Converter.java`); no category of it is scored.",
    note: "CMS rejects a QRDA III file that is not well-formed XML (converter error 2)",
    help: "fix the XML at the position shown; nothing else in this file was checked",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n  <templateId root=\"2.16.840.1.113883.10.20.27.1.2\" extension=\"2024-12-01\"/>\n  <component>\n",
    ),
    valid: VALID,
};

pub static DOCTYPE_NOT_ALLOWED: RuleMeta = RuleMeta {
    code: "Q002",
    name: "doctype-not-allowed",
    severity: Severity::Error,
    summary: "The document has a DOCTYPE declaration.",
    what: "Reports any `<!DOCTYPE …>` and stops reading the file: pilint never reads a DTD, so \
           no entity it declares (internal, as in a \"billion laughs\" bomb, or external, \
           pointing at a file or URL) is ever expanded or fetched.",
    why: "QRDA III never needs a DTD. CMS's converter forbids any DOCTYPE \
          (`disallow-doctype-decl` in `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/xml/XmlUtils.java`) \
          and rejects the file with error 2 (NOT_VALID_XML_DOCUMENT).",
    note: "CMS rejects any DOCTYPE in a QRDA III file (converter error 2)",
    help: "remove the DOCTYPE declaration; QRDA III uses no DTD or entities",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<!DOCTYPE ClinicalDocument [<!ENTITY tin \"000123456\">]>\n",
        "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>\n"
    )),
    valid: VALID,
};

pub static XML_LIMIT_EXCEEDED: RuleMeta = RuleMeta {
    code: "Q003",
    name: "xml-limit-exceeded",
    severity: Severity::Error,
    summary: "The file is larger, or nested deeper, than pilint decodes.",
    what: "Reports a QRDA III file over 64 MiB, or elements nested more than 256 deep (a real \
           QRDA III nests about 15 deep), and stops reading it, so that a hostile file cannot \
           exhaust memory or time.",
    why: "CMS's converter sets no such limits, but no genuine QRDA III \
          file comes near them: CMS's largest samples are about 1.3 MB. A file past them is \
          broken or hostile, and pilint must stay fast and bounded on every input.",
    note: "pilint bounds file size and nesting to stay fast on any input",
    help: "check that this is the QRDA III file you meant to submit",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose(
        "A document nested 100,000 elements deep: see `deep_nesting_is_bounded` in \
         tests/qrda3_hostile.rs and fixtures/invalid/qrda3/xml-limit-exceeded.xml.",
    ),
    valid: VALID,
};

pub static IG_VERSION: RuleMeta = RuleMeta {
    code: "Q004",
    name: "ig-version-mismatch",
    severity: Severity::Error,
    summary: "The QRDA III templateId extension is not the implementation guide of the performance year.",
    what: "Compares the extension of `ClinicalDocument/templateId[@root='2.16.840.1.113883.10.20.27.1.2']` \
           with the one CMS published for the document's performance year (`2022-12-01` for \
           2023 and 2024, `2024-12-01` for 2025), and names the expected extension. A \
           superseded version of the year's guide is named as such (`2024-07-01` is the 2025 \
           guide v1.0, superseded by v1.1, `2024-12-01`; `2022-05-01` is the 2023 guide v1.0). \
           When the period and the extension disagree, the message names both; a period older \
           than every supported year in a document written to a current guide is reported at \
           the period, which is then the likely mistake. A missing extension is an error too. \
           For a year whose guide pilint has not recorded yet, the finding is information \
           only, and every other check still runs.",
    why: "CMS's converter accepts exactly one extension at a time and rejects anything else \
          with error 5 (NOT_VALID_QRDA_DOCUMENT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/model/TemplateId.java`): \
          a 2025 file written to the 2023–2024 guide, or to the superseded first version of the \
          2025 guide, is rejected whole (CMS QRDA III Implementation Guide for Eligible \
          Clinicians, eCQI Resource Center, per performance year).",
    note: "CMS accepts only the QRDA III implementation guide of the performance year (converter error 5)",
    help: "write the extension CMS's QRDA III implementation guide for this year gives",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2022-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_GROUP"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

pub static PROGRAM_NAME_NOT_SINGLE: RuleMeta = RuleMeta {
    code: "Q005",
    name: "program-name-not-single",
    severity: Severity::Error,
    summary: "The document has no program name, or more than one.",
    what: "Requires exactly one `informationRecipient/intendedRecipient/id[@root='2.16.840.1.113883.3.249.7']/@extension` \
           (the program and entity type, e.g. `MIPS_GROUP`).",
    why: "CMS's converter reports error 24 (CLINICAL_DOCUMENT_MISSING_PROGRAM_NAME, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`) for a missing or repeated program name: without it CMS cannot \
          tell which program and entity the data is for.",
    note: "CMS needs exactly one program name (converter error 24)",
    help: "give one program name, e.g. MIPS_INDIV or MIPS_GROUP",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: concat!(
            crate::qrda3_recipient!("MIPS_GROUP"),
            crate::qrda3_recipient!("MIPS_GROUP")
        ),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

pub static UNKNOWN_PROGRAM_NAME: RuleMeta = RuleMeta {
    code: "Q006",
    name: "unknown-program-name",
    severity: Severity::Error,
    summary: "The program name is not one CMS accepts.",
    what: "Checks the program name against the MIPS names CMS accepts, ignoring case: \
           MIPS_INDIV, MIPS_GROUP, MIPS_VIRTUALGROUP, MIPS_APMENTITY, MIPS_SUBGROUP, MIPS \
           (legacy, individual), MIPS_APP1_INDIV/GROUP/APMENTITY and APP_PLUS_INDIV/GROUP/APMENTITY. \
           A CPCPLUS or PCF document with a PI section is reported as PI data that program does \
           not accept (remove the PI section); in the years before 2023, when CPC+ and PCF were \
           running programs, they are not reported. An SSP_PI_* name is a warning: CMS's tools \
           disagreed on it.",
    why: "CMS's converter reports error 25 (CLINICAL_DOCUMENT_INCORRECT_PROGRAM_NAME, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/model/Program.java`). \
          CPC+ and PCF practices reported PI under MIPS: the converter refused a PCF document \
          with a PI section (error 106, PCF_NO_PI) until both programs were removed in October \
          2025. The converter accepted SSP_PI_* names from July to December 2025 and then \
          reverted, while CMS's measure data (CMSgov/qpp-measures-data, \
          measures/2026/measures-data.json, allowedPrograms) lists `ssp` for PI in 2026 and 2027.",
    note: "CMS accepts only MIPS, APP and APP Plus program names (converter error 25)",
    help: "use the program name for your entity, e.g. MIPS_GROUP",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("CPCPLUS"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

pub static NO_CATEGORY_SECTION: RuleMeta = RuleMeta {
    code: "Q007",
    name: "no-category-section",
    severity: Severity::Error,
    summary: "The document has no PI, Improvement Activities or quality section.",
    what: "Requires at least one section with the PI (`2.16.840.1.113883.10.20.27.2.5`), \
           Improvement Activities (`…27.2.4`) or quality Measure Section (`…27.2.3`) templateId \
           directly in the document body.",
    why: "CMS's converter reports error 23 (CLINICAL_DOCUMENT_MISSING_PI_OR_IA_OR_ECQM_CHILD, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`): a document without a category reports nothing.",
    note: "CMS rejects a document with no category section (converter error 23)",
    help: "add the PI section (templateId 2.16.840.1.113883.10.20.27.2.5), or check its templateId",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!("")),
    valid: VALID,
};

pub static DUPLICATE_SECTION: RuleMeta = RuleMeta {
    code: "Q008",
    name: "duplicate-section",
    severity: Severity::Error,
    summary: "A category section appears twice.",
    what: "Reports a second PI section, a second Improvement Activities section or a second \
           quality Measure Section, pointing at the second and labelling the first.",
    why: "CMS's converter reports error 26 (CLINICAL_DOCUMENT_CONTAINS_DUPLICATE_PI_SECTIONS) \
          for two PI sections and error 27 (…_DUPLICATE_IA_SECTIONS) for two IA or quality \
          sections (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`).",
    note: "CMS accepts one section per category (converter errors 26 and 27)",
    help: "merge the two sections into one",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!(concat!(
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!()),
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!())
    ))),
    valid: VALID,
};

pub static VIRTUAL_GROUP_ID_MISSING: RuleMeta = RuleMeta {
    code: "Q009",
    name: "virtual-group-id-missing",
    severity: Severity::Error,
    summary: "A virtual group document does not name its virtual group.",
    what: "For program MIPS_VIRTUALGROUP, requires \
           `representedOrganization/id[@root='2.16.840.1.113883.3.249.5.2']/@extension`.",
    why: "CMS's converter reports error 78 (VIRTUAL_GROUP_ID_REQUIRED, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ClinicalDocumentValidator.java`): a virtual group's data is filed under its virtual group id.",
    note: "CMS needs the virtual group id of a virtual group (converter error 78)",
    help: "add the virtual group id under root 2.16.840.1.113883.3.249.5.2",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_VIRTUALGROUP"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: concat!(
            "      <performer typeCode=\"PRF\">\n",
            "        <assignedEntity>\n",
            "          <id root=\"2.16.840.1.113883.4.6\" nullFlavor=\"NA\"/>\n",
            "        </assignedEntity>\n",
            "      </performer>\n"
        )
    )),
    valid: VALID,
};

pub static REPORTING_PARAMETERS_NOT_SINGLE: RuleMeta = RuleMeta {
    code: "Q010",
    name: "reporting-parameters-not-single",
    severity: Severity::Error,
    summary: "The PI section does not have exactly one Reporting Parameters Act.",
    what: "Requires exactly one Reporting Parameters Act (`2.16.840.1.113883.10.20.17.3.8`, the \
           performance period) as a direct entry of the PI section. One nested inside a measure \
           does not count, and is labelled when present.",
    why: "CMS's converter reports error 22 (PI_SECTION_MISSING_REPORTING_PARAMETER_ACT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/PiSectionValidator.java`): without it the PI category has no performance period.",
    note: "CMS needs one performance period per PI section (converter error 22)",
    help: "give the PI section one entry with the Reporting Parameters Act",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_period!(concat!(
        crate::qrda3_period!("20250101", "20251231"),
        crate::qrda3_period!("20250101", "20251231")
    ))),
    valid: VALID,
};

pub static PERIOD_BOUND_NOT_SINGLE: RuleMeta = RuleMeta {
    code: "Q011",
    name: "period-bound-not-single",
    severity: Severity::Error,
    summary: "The performance period has no start or end, or more than one.",
    what: "Requires exactly one `effectiveTime/low/@value` (start) and one \
           `effectiveTime/high/@value` (end) in the PI section's Reporting Parameters Act. A \
           `low` or `high` with only a `nullFlavor` counts as missing.",
    why: "CMS's converter reports error 29 (…_SINGLE_PERFORMANCE_START), 30 \
          (…_SINGLE_PERFORMANCE_END) and, for a start it cannot read a year from, 31 \
          (REPORTING_PARAMETERS_MISSING_PERFORMANCE_YEAR) \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/ReportingParametersActValidator.java`).",
    note: "CMS needs one start and one end date (converter errors 29, 30, 31)",
    help: "give one low and one high value",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_period!(concat!(
        "          <entry typeCode=\"DRIV\">\n",
        "            <act classCode=\"ACT\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.17.3.8\"/>\n",
        "              <effectiveTime>\n",
        "                <low value=\"20250101\"/>\n",
        "                <low value=\"20250301\"/>\n",
        "                <high value=\"20251231\"/>\n",
        "              </effectiveTime>\n",
        "            </act>\n",
        "          </entry>\n"
    ))),
    valid: VALID,
};

pub static INVALID_PERIOD_DATE: RuleMeta = RuleMeta {
    code: "Q012",
    name: "invalid-qrda3-date",
    severity: Severity::Error,
    summary: "A performance period date is not a real date.",
    what: "Reads the period's start and end strictly as HL7 dates (`YYYYMMDD`, optionally with \
           `HHMM[SS[.S]]` and a `±ZZZZ` offset) or ISO dates (`YYYY-MM-DD[Thh:mm…]`), and reports \
           an impossible day or month, fewer than eight digits, extra characters or surrounding \
           spaces. Unlike CMS's converter, pilint never turns `20250230` into February 28 nor \
           reads only the first eight digits of `2025-012-01`.",
    why: "CMS's converter reports error 69 (INVALID_PERFORMANCE_PERIOD_FORMAT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/util/FormatHelper.java`) for dates it \
          cannot read, fails with error 3 on a start under four characters, and silently \
          changes the dates it bends: the period CMS scores is then \
          not the one you wrote.",
    note: "CMS reads period dates leniently and may score a different period (converter errors 69, 3)",
    help: "write the date as YYYYMMDD",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_period!(crate::qrda3_period!("20250230", "20251231"))),
    valid: VALID,
};

pub static SECTION_YEARS_DISAGREE: RuleMeta = RuleMeta {
    code: "Q013",
    name: "section-years-disagree",
    severity: Severity::Error,
    summary: "Sections of one document report different performance years.",
    what: "Takes the document's performance year as CMS's converter does, from the first \
           section (PI, Improvement Activities or quality) in document order that has a \
           Reporting Parameters Act, and reports every other section whose period starts in \
           another year. pilint's year-dependent rules use that same year.",
    why: "CMS's converter files the whole submission under the year of the first section's \
          Reporting Parameters Act and does not compare the others (CMSgov/qpp-conversion-tool, \
          converter/src/main/java/gov/cms/qpp/conversion/encode/ClinicalDocumentEncoder.java): \
          an IA section dated 2024 ahead of a 2025 PI section files the PI data under 2024 with \
          no error, and CMS then judges that PI period by 2024's rules.",
    note: "CMS files the whole document under the year of its first section",
    help: "make every section's performance period fall in the same year",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!(concat!(
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!()),
        "      <component>\n",
        "        <section>\n",
        "          <templateId root=\"2.16.840.1.113883.10.20.27.2.4\" extension=\"2020-12-01\"/>\n",
        crate::qrda3_period!("20240101", "20241231"),
        "        </section>\n",
        "      </component>\n"
    ))),
    valid: VALID,
};

pub static MEASURE_ID_NOT_SINGLE: RuleMeta = RuleMeta {
    code: "Q014",
    name: "measure-id-not-single",
    severity: Severity::Error,
    summary: "A PI measure has no measure id, or more than one.",
    what: "Requires exactly one `reference/externalDocument/id/@extension` (the measure id, e.g. \
           `PI_EP_1`) in each PI measure organizer.",
    why: "CMS's converter reports error 16 (PI_NUMERATOR_DENOMINATOR_MISSING_MEASURE_ID) for \
          numerator/denominator measures and error 12 \
          (PI_MEASURE_PERFORMED_RNR_MEASURE_ID_NOT_SINGULAR) for measure-performed measures \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciNumeratorDenominatorValidator.java`, \
          `AciMeasurePerformedRnRValidator.java`).",
    note: "CMS needs exactly one measure id per PI measure (converter errors 12 and 16)",
    help: "give the measure one id under root 2.16.840.1.113883.3.7031",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        "          <entry>\n",
        "            <organizer classCode=\"CLUSTER\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.27.3.29\" extension=\"2016-09-01\"/>\n",
        "              <reference typeCode=\"REFR\">\n",
        "                <externalDocument classCode=\"DOC\" moodCode=\"EVN\">\n",
        "                  <id root=\"2.16.840.1.113883.3.7031\" extension=\"PI_ONCACB_1\"/>\n",
        "                  <id root=\"2.16.840.1.113883.3.7031\" extension=\"PI_ONCACB_1\"/>\n",
        "                </externalDocument>\n",
        "              </reference>\n",
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

pub static MEASURE_ID_WRONG_ROOT: RuleMeta = RuleMeta {
    code: "Q015",
    name: "measure-id-wrong-root",
    severity: Severity::Warning,
    summary: "A PI measure id is not under the PI measure identifier root.",
    what: "Reports a measure id whose `@root` is not `2.16.840.1.113883.3.7031` (or is missing).",
    why: "The CMS QRDA III implementation guide puts PI measure ids under root \
          2.16.840.1.113883.3.7031. CMS's converter reads the extension whatever the root \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/PiNumeratorDenominatorDecoder.java`), so the file converts today, but a receiver that \
          follows the guide may not find the measure.",
    note: "the QRDA III guide identifies PI measures under root 2.16.840.1.113883.3.7031",
    help: "set root=\"2.16.840.1.113883.3.7031\" on the measure id",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::xml(with_pi_entries!(concat!(
        "          <entry>\n",
        "            <organizer classCode=\"CLUSTER\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.27.3.29\" extension=\"2016-09-01\"/>\n",
        "              <reference typeCode=\"REFR\">\n",
        "                <externalDocument classCode=\"DOC\" moodCode=\"EVN\">\n",
        "                  <id root=\"2.16.840.1.113883.3.7032\" extension=\"PI_ONCACB_1\"/>\n",
        "                </externalDocument>\n",
        "              </reference>\n",
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

pub static PI_MEASURE_OUTSIDE_PI_SECTION: RuleMeta = RuleMeta {
    code: "Q016",
    name: "pi-measure-outside-pi-section",
    severity: Severity::Error,
    summary: "A PI measure is not an entry of the PI section.",
    what: "Reports a PI numerator/denominator (`…27.3.28`) or measure-performed (`…27.3.29`) \
           measure whose nearest enclosing template is not the PI section: inside another \
           section, or nested in another measure. Such a measure is not part of the PI data.",
    why: "CMS's converter reports error 15 (PI_NUMERATOR_DENOMINATOR_PARENT_NOT_PI_SECTION, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciNumeratorDenominatorValidator.java`) for numerator/denominator measures; a misplaced measure-performed \
          measure is silently left out of PI.",
    note: "CMS reads PI measures only as entries of the PI section (converter error 15)",
    help: "move the measure into the PI section",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(crate::qrda3_group_2025!(concat!(
        crate::qrda3_pi_section!(crate::qrda3_pi_entries_2025!()),
        "      <component>\n",
        "        <section>\n",
        "          <templateId root=\"2.16.840.1.113883.10.20.27.2.4\" extension=\"2020-12-01\"/>\n",
        crate::qrda3_proportion!("PI_EP_1", "49", "115"),
        crate::qrda3_period!("20250101", "20251231"),
        "        </section>\n",
        "      </component>\n"
    ))),
    valid: VALID,
};

pub static NUMERATOR_DENOMINATOR_NOT_SINGLE: RuleMeta = RuleMeta {
    code: "Q017",
    name: "numerator-denominator-not-single",
    severity: Severity::Error,
    summary: "A PI numerator/denominator measure does not have exactly one numerator and one denominator.",
    what: "Requires exactly one Numerator Data (`…27.3.31`) and one Denominator Data \
           (`…27.3.32`) observation in each PI numerator/denominator measure.",
    why: "CMS's converter reports error 17 (PI_NUMERATOR_DENOMINATOR_MISSING_CHILDREN) for a \
          measure with neither and error 18 (…_EXACTLY_ONE_NUMERATOR_OR_DENOMINATOR_CHILD_NODE) \
          otherwise (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciNumeratorDenominatorValidator.java`).",
    note: "CMS needs one numerator and one denominator per measure (converter errors 17 and 18)",
    help: "give the measure one Numerator Data and one Denominator Data",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pea!(concat!(
        crate::qrda3_measure_head!("28\" extension=\"2017-06-01", "PI_PEA_1"),
        crate::qrda3_count!("31", "NUMER", "861"),
        crate::qrda3_count!("31", "NUMER", "861"),
        crate::qrda3_count!("32", "DENOM", "1809"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

pub static AGGREGATE_COUNT_NOT_SINGLE: RuleMeta = RuleMeta {
    code: "Q018",
    name: "aggregate-count-not-single",
    severity: Severity::Error,
    summary: "A numerator or denominator does not hold exactly one count.",
    what: "Requires exactly one Aggregate Count (`…27.3.3`) in each Numerator and Denominator \
           Data, and exactly one `value` in that count.",
    why: "CMS's converter reports error 39 (NUMERATOR_DENOMINATOR_CHILD_EXACT), and 8 \
          (AGGREGATE_COUNT_VALUE_NOT_SINGULAR) or 42 for repeated values \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/CommonNumeratorDenominatorValidator.java`, \
          `AggregateCountValidator.java`).",
    note: "CMS needs exactly one count per numerator and denominator (converter errors 39, 8, 42)",
    help: "keep one Aggregate Count with one value",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pea!(concat!(
        crate::qrda3_measure_head!("28\" extension=\"2017-06-01", "PI_PEA_1"),
        "              <component>\n",
        "                <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                  <templateId root=\"2.16.840.1.113883.10.20.27.3.31\" extension=\"2016-09-01\"/>\n",
        "                  <entryRelationship typeCode=\"SUBJ\" inversionInd=\"true\">\n",
        "                    <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                      <templateId root=\"2.16.840.1.113883.10.20.27.3.3\"/>\n",
        "                      <value xsi:type=\"INT\" value=\"861\"/>\n",
        "                    </observation>\n",
        "                  </entryRelationship>\n",
        "                  <entryRelationship typeCode=\"SUBJ\" inversionInd=\"true\">\n",
        "                    <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                      <templateId root=\"2.16.840.1.113883.10.20.27.3.3\"/>\n",
        "                      <value xsi:type=\"INT\" value=\"862\"/>\n",
        "                    </observation>\n",
        "                  </entryRelationship>\n",
        "                </observation>\n",
        "              </component>\n",
        crate::qrda3_count!("32", "DENOM", "1809"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

pub static INVALID_COUNT: RuleMeta = RuleMeta {
    code: "Q019",
    name: "invalid-qrda3-count",
    severity: Severity::Error,
    summary: "A numerator or denominator count is missing, not a whole number, or negative.",
    what: "Reads each PI Aggregate Count's `value/@value` as CMS's converter does (a 32-bit \
           integer, optional sign, leading zeros allowed, no spaces) and reports a missing \
           value, a non-integer (`5.0`, `Bob`, ` 5`, `99999999999`) or a negative count.",
    why: "CMS's converter reports error 41 (NUMERATOR_DENOMINATOR_MUST_BE_INTEGER), 42 \
          (NUMERATOR_DENOMINATOR_INVALID_VALUE, missing or negative) or 9 \
          (AGGREGATE_COUNT_VALUE_NOT_INTEGER) \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/CommonNumeratorDenominatorValidator.java`).",
    note: "CMS needs whole, non-negative counts (converter errors 41, 42, 9)",
    help: "write the count as a whole number, e.g. value=\"49\"",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pea!(crate::qrda3_proportion!(
        "PI_PEA_1", "86.1", "1809"
    ))),
    valid: VALID,
};

pub static MEASURE_PERFORMED_NOT_SINGLE: RuleMeta = RuleMeta {
    code: "Q020",
    name: "measure-performed-not-single",
    severity: Severity::Error,
    summary: "A PI yes/no measure does not have exactly one Measure Performed observation.",
    what: "Requires exactly one Measure Performed observation (`…27.3.27`) in each PI \
           measure-performed measure (`…27.3.29`).",
    why: "CMS's converter reports error 11 (PI_MEASURE_PERFORMED_RNR_MEASURE_PERFORMED_EXACT, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/AciMeasurePerformedRnRValidator.java`).",
    note: "CMS needs one yes/no answer per measure (converter error 11)",
    help: "keep one Measure Performed observation",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        crate::qrda3_measure_head!("29\" extension=\"2016-09-01", "PI_ONCACB_1"),
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

pub static INVALID_MEASURE_PERFORMED: RuleMeta = RuleMeta {
    code: "Q021",
    name: "invalid-measure-performed",
    severity: Severity::Error,
    summary: "A Measure Performed answer is missing, repeated, or not Y or N.",
    what: "Requires exactly one `value` with `@code` `Y` or `N` (either case) in each PI \
           Measure Performed observation; `Yes`, `true` or no code are reported.",
    why: "CMS's converter reports error 51 (IA_MEASURE_INVALID_TYPE, shared by PI and IA; \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/MeasurePerformedValidator.java`).",
    note: "CMS reads a yes/no measure only from code Y or N (converter error 51)",
    help: "write code=\"Y\" or code=\"N\"",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        crate::qrda3_measure_head!("29\" extension=\"2016-09-01", "PI_ONCACB_1"),
        "              <component>\n",
        "                <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
        "                  <templateId root=\"2.16.840.1.113883.10.20.27.3.27\" extension=\"2016-09-01\"/>\n",
        "                  <value xsi:type=\"CD\" code=\"Y\" codeSystem=\"2.16.840.1.113883.12.136\"/>\n",
        "                  <value xsi:type=\"CD\" code=\"N\" codeSystem=\"2.16.840.1.113883.12.136\"/>\n",
        "                </observation>\n",
        "              </component>\n",
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

pub static RESTRICTED_MEASURE_COMBINATION: RuleMeta = RuleMeta {
    code: "Q022",
    name: "restricted-measure-combination",
    severity: Severity::Error,
    summary: "PI_HIE_5 is reported together with a measure it excludes, as CMS's converter checks it.",
    what: "Reproduces CMS's converter exactly: among the PI numerator/denominator measures of \
           the PI section, PI_HIE_5 may not appear together with PI_HIE_1, PI_LVOTC_1, PI_HIE_4 \
           or PI_LVITC_2. The general rule (any template) is the semantic rule on Health \
           Information Exchange options, which also runs on QRDA III files.",
    why: "CMS's converter reports error 102 (PI_RESTRICTED_MEASURES, \
          `CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/validate/PiSectionValidator.java`). It looks only at numerator/denominator entries, so it fires only \
          when PI_HIE_5 (a yes/no measure) is wrongly sent as a numerator/denominator.",
    note: "CMS's converter rejects PI_HIE_5 beside PI_HIE_1/PI_HIE_4 or their exclusions (error 102)",
    help: "report one Health Information Exchange option: PI_HIE_5 as a yes/no measure, or PI_HIE_1 and PI_HIE_4",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::prose(
        "PI_HIE_5 sent as a numerator/denominator beside PI_HIE_1: see \
         fixtures/invalid/qrda3/restricted-measure-combination.xml. That file necessarily also \
         breaks the semantic value-type and HIE-option rules, so no example can show this \
         finding alone.",
    ),
    valid: VALID,
};

pub static NON_PI_MEASURE_IN_PI_SECTION: RuleMeta = RuleMeta {
    code: "Q023",
    name: "non-pi-measure-in-pi-section",
    severity: Severity::Error,
    summary: "The PI section holds an Improvement Activity measure.",
    what: "Reports an Improvement Activity measure (`…27.3.33`) that is an entry of the PI \
           section. pilint leaves it out of the PI data.",
    why: "CMS's converter accepts it and sends it to CMS as a PI measurement \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/PiSectionDecoder.java`), where it is not a PI measure: the activity is not credited to \
          Improvement Activities either.",
    note: "CMS's converter files an IA measure inside the PI section as PI data",
    help: "move the activity to the Improvement Activities section",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_pi_entries!(concat!(
        "          <entry>\n",
        "            <organizer classCode=\"CLUSTER\" moodCode=\"EVN\">\n",
        "              <templateId root=\"2.16.840.1.113883.10.20.27.3.33\" extension=\"2016-09-01\"/>\n",
        "              <reference typeCode=\"REFR\">\n",
        "                <externalDocument classCode=\"DOC\" moodCode=\"EVN\">\n",
        "                  <id root=\"2.16.840.1.113883.3.7034\" extension=\"IA_EPA_1\"/>\n",
        "                </externalDocument>\n",
        "              </reference>\n",
        crate::qrda3_performed_value!("Y"),
        crate::qrda3_measure_tail!()
    ))),
    valid: VALID,
};

pub static DUPLICATE_CEHRT_ID: RuleMeta = RuleMeta {
    code: "Q024",
    name: "duplicate-cehrt-id",
    severity: Severity::Error,
    summary: "The document gives more than one CEHRT ID.",
    what: "Reports every CEHRT ID (`participant/associatedEntity/id[@root='2.16.840.1.113883.3.2074.1']`) \
           after the first, labelling the one CMS reads.",
    why: "CMS's converter silently keeps the first CEHRT ID \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/ClinicalDocumentDecoder.java`); it \
          rejected two with error 100 (PCF_DUPLICATE_CEHRT) until PCF was retired in 2025-10. \
          A PI submission is scored against one CEHRT ID, and it may not be the one you meant.",
    note: "CMS reads only the first CEHRT ID",
    help: "keep the one CEHRT ID of the certified technology used this year",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_GROUP"),
        participant: concat!(
            crate::qrda3_cehrt!("0015C01234ABCDE"),
            crate::qrda3_cehrt!("0015C99999ZZZZZ")
        ),
        performer: crate::qrda3_performer!(tin: "000123456")
    )),
    valid: VALID,
};

pub static AMBIGUOUS_IDENTIFIER: RuleMeta = RuleMeta {
    code: "Q025",
    name: "ambiguous-identifier",
    severity: Severity::Warning,
    summary: "The document gives several different TINs or NPIs where CMS reads one.",
    what: "For an individual, reports a second distinct NPI or TIN; for a group, virtual group \
           or subgroup, a second distinct TIN (across all performers).",
    why: "CMS's converter takes the first NPI and the first TIN in document order, \
          independently, even from different performers \
          (`CMSgov/qpp-conversion-tool/converter/src/main/java/gov/cms/qpp/conversion/decode/ClinicalDocumentDecoder.java`): the \
          data may be filed under a TIN/NPI pair that never belonged together.",
    note: "CMS reads only the first NPI and the first TIN",
    help: "send one performer, or one file per clinician",
    years: &[],
    family: crate::rules::Family::Qrda,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::xml(with_header!(
        template: crate::qrda3_template!("2024-12-01"),
        recipient: crate::qrda3_recipient!("MIPS_GROUP"),
        participant: crate::qrda3_cehrt!("0015C01234ABCDE"),
        performer: concat!(
            crate::qrda3_performer!(tin: "000123456"),
            crate::qrda3_performer!(tin: "000654321")
        )
    )),
    valid: VALID,
};

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
