//! Building blocks for QRDA III documentation examples and fixtures.
//!
//! Like `examples.rs` for JSON, these macros expand to string literals so a
//! rule's example is a complete document in which only the part the rule is
//! about differs. `qrda3_valid_2025!` is the XML twin of `valid_2025!`: the
//! same group, period, CEHRT ID and measures.

/// A complete QRDA III document from its parts.
#[macro_export]
macro_rules! qrda3_document {
    (template: $template:expr, recipient: $recipient:expr, participant: $participant:expr, performer: $performer:expr, sections: $sections:expr $(,)?) => {
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n",
            "  <realmCode code=\"US\"/>\n",
            "  <typeId root=\"2.16.840.1.113883.1.3\" extension=\"POCD_HD000040\"/>\n",
            "  <templateId root=\"2.16.840.1.113883.10.20.27.1.1\" extension=\"2017-06-01\"/>\n",
            $template,
            "  <id root=\"9b2a4d8e-2f6c-4e7a-9d51-0c3b6f1e8a72\"/>\n",
            "  <code code=\"55184-6\" codeSystem=\"2.16.840.1.113883.6.1\"/>\n",
            "  <title>QRDA Calculated Summary Report</title>\n",
            "  <effectiveTime value=\"20260115090000\"/>\n",
            "  <confidentialityCode code=\"N\" codeSystem=\"2.16.840.1.113883.5.25\"/>\n",
            $recipient,
            $participant,
            "  <documentationOf typeCode=\"DOC\">\n",
            "    <serviceEvent classCode=\"PCPR\">\n",
            "      <effectiveTime><low value=\"20250101\"/><high value=\"20251231\"/></effectiveTime>\n",
            $performer,
            "    </serviceEvent>\n",
            "  </documentationOf>\n",
            "  <component>\n",
            "    <structuredBody>\n",
            $sections,
            "    </structuredBody>\n",
            "  </component>\n",
            "</ClinicalDocument>\n"
        )
    };
}

/// The CMS QRDA III Report templateId with an extension.
#[macro_export]
macro_rules! qrda3_template {
    ($extension:literal) => {
        concat!(
            "  <templateId root=\"2.16.840.1.113883.10.20.27.1.2\" extension=\"",
            $extension,
            "\"/>\n"
        )
    };
}

/// The program name (`informationRecipient`).
#[macro_export]
macro_rules! qrda3_recipient {
    ($program:literal) => {
        concat!(
            "  <informationRecipient>\n",
            "    <intendedRecipient>\n",
            "      <id root=\"2.16.840.1.113883.3.249.7\" extension=\"",
            $program,
            "\"/>\n",
            "    </intendedRecipient>\n",
            "  </informationRecipient>\n"
        )
    };
}

/// The CEHRT ID (`participant`).
#[macro_export]
macro_rules! qrda3_cehrt {
    ($cehrt:literal) => {
        concat!(
            "  <participant typeCode=\"DEV\">\n",
            "    <associatedEntity classCode=\"RGPR\">\n",
            "      <id root=\"2.16.840.1.113883.3.2074.1\" extension=\"",
            $cehrt,
            "\"/>\n",
            "      <code code=\"129465004\" codeSystem=\"2.16.840.1.113883.6.96\"/>\n",
            "    </associatedEntity>\n",
            "  </participant>\n"
        )
    };
}

/// One performer: a TIN, and an NPI for individuals.
#[macro_export]
macro_rules! qrda3_performer {
    (tin: $tin:literal) => {
        concat!(
            "      <performer typeCode=\"PRF\">\n",
            "        <assignedEntity>\n",
            "          <id root=\"2.16.840.1.113883.4.6\" nullFlavor=\"NA\"/>\n",
            "          <representedOrganization>\n",
            "            <id root=\"2.16.840.1.113883.4.2\" extension=\"",
            $tin,
            "\"/>\n",
            "          </representedOrganization>\n",
            "        </assignedEntity>\n",
            "      </performer>\n"
        )
    };
    (npi: $npi:literal, tin: $tin:literal) => {
        concat!(
            "      <performer typeCode=\"PRF\">\n",
            "        <assignedEntity>\n",
            "          <id root=\"2.16.840.1.113883.4.6\" extension=\"",
            $npi,
            "\"/>\n",
            "          <representedOrganization>\n",
            "            <id root=\"2.16.840.1.113883.4.2\" extension=\"",
            $tin,
            "\"/>\n",
            "          </representedOrganization>\n",
            "        </assignedEntity>\n",
            "      </performer>\n"
        )
    };
}

/// A PI section around its entries.
#[macro_export]
macro_rules! qrda3_pi_section {
    ($entries:expr) => {
        concat!(
            "      <component>\n",
            "        <section>\n",
            "          <templateId root=\"2.16.840.1.113883.10.20.24.2.2\"/>\n",
            "          <templateId root=\"2.16.840.1.113883.10.20.27.2.5\" extension=\"2020-12-01\"/>\n",
            "          <code code=\"55186-1\" codeSystem=\"2.16.840.1.113883.6.1\"/>\n",
            "          <title>Promoting Interoperability</title>\n",
            "          <text/>\n",
            $entries,
            "        </section>\n",
            "      </component>\n"
        )
    };
}

/// The Reporting Parameters Act (the performance period).
#[macro_export]
macro_rules! qrda3_period {
    ($low:literal, $high:literal) => {
        concat!(
            "          <entry typeCode=\"DRIV\">\n",
            "            <act classCode=\"ACT\" moodCode=\"EVN\">\n",
            "              <templateId root=\"2.16.840.1.113883.10.20.17.3.8\"/>\n",
            "              <code code=\"252116004\" codeSystem=\"2.16.840.1.113883.6.96\"/>\n",
            "              <effectiveTime>\n",
            "                <low value=\"",
            $low,
            "\"/>\n",
            "                <high value=\"",
            $high,
            "\"/>\n",
            "              </effectiveTime>\n",
            "            </act>\n",
            "          </entry>\n"
        )
    };
}

/// The opening of a PI measure organizer with its measure id.
#[macro_export]
macro_rules! qrda3_measure_head {
    ($template:literal, $id:literal) => {
        concat!(
            "          <entry>\n",
            "            <organizer classCode=\"CLUSTER\" moodCode=\"EVN\">\n",
            "              <templateId root=\"2.16.840.1.113883.10.20.27.3.",
            $template,
            "\"/>\n",
            "              <reference typeCode=\"REFR\">\n",
            "                <externalDocument classCode=\"DOC\" moodCode=\"EVN\">\n",
            "                  <id root=\"2.16.840.1.113883.3.7031\" extension=\"",
            $id,
            "\"/>\n",
            "                </externalDocument>\n",
            "              </reference>\n"
        )
    };
}

/// The closing of a PI measure organizer.
#[macro_export]
macro_rules! qrda3_measure_tail {
    () => {
        "            </organizer>\n          </entry>\n"
    };
}

/// A Numerator (`31`) or Denominator (`32`) Data observation with its count.
#[macro_export]
macro_rules! qrda3_count {
    ($template:literal, $code:literal, $count:literal) => {
        concat!(
            "              <component>\n",
            "                <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
            "                  <templateId root=\"2.16.840.1.113883.10.20.27.3.",
            $template,
            "\" extension=\"2016-09-01\"/>\n",
            "                  <code code=\"ASSERTION\" codeSystem=\"2.16.840.1.113883.5.4\"/>\n",
            "                  <value xsi:type=\"CD\" code=\"",
            $code,
            "\" codeSystem=\"2.16.840.1.113883.5.4\"/>\n",
            "                  <entryRelationship typeCode=\"SUBJ\" inversionInd=\"true\">\n",
            "                    <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
            "                      <templateId root=\"2.16.840.1.113883.10.20.27.3.3\"/>\n",
            "                      <code code=\"MSRAGG\" codeSystem=\"2.16.840.1.113883.5.4\"/>\n",
            "                      <value xsi:type=\"INT\" value=\"",
            $count,
            "\"/>\n",
            "                      <methodCode code=\"COUNT\" codeSystem=\"2.16.840.1.113883.5.84\"/>\n",
            "                    </observation>\n",
            "                  </entryRelationship>\n",
            "                </observation>\n",
            "              </component>\n"
        )
    };
}

/// A numerator/denominator PI measure.
#[macro_export]
macro_rules! qrda3_proportion {
    ($id:literal, $numerator:literal, $denominator:literal) => {
        concat!(
            $crate::qrda3_measure_head!("28\" extension=\"2017-06-01", $id),
            $crate::qrda3_count!("31", "NUMER", $numerator),
            $crate::qrda3_count!("32", "DENOM", $denominator),
            $crate::qrda3_measure_tail!()
        )
    };
}

/// The Measure Performed observation of a yes/no measure.
#[macro_export]
macro_rules! qrda3_performed_value {
    ($code:literal) => {
        concat!(
            "              <component>\n",
            "                <observation classCode=\"OBS\" moodCode=\"EVN\">\n",
            "                  <templateId root=\"2.16.840.1.113883.10.20.27.3.27\" extension=\"2016-09-01\"/>\n",
            "                  <code code=\"ASSERTION\" codeSystem=\"2.16.840.1.113883.5.4\"/>\n",
            "                  <value xsi:type=\"CD\" code=\"",
            $code,
            "\" codeSystem=\"2.16.840.1.113883.12.136\"/>\n",
            "                </observation>\n",
            "              </component>\n"
        )
    };
}

/// A yes/no (measure performed) PI measure.
#[macro_export]
macro_rules! qrda3_performed {
    ($id:literal, $code:literal) => {
        concat!(
            $crate::qrda3_measure_head!("29\" extension=\"2016-09-01", $id),
            $crate::qrda3_performed_value!($code),
            $crate::qrda3_measure_tail!()
        )
    };
}

/// The attestations and Protect Patient Health Information measures, all Y.
#[macro_export]
macro_rules! qrda3_attestations_yes {
    () => {
        concat!(
            $crate::qrda3_performed!("PI_PPHI_1", "Y"),
            $crate::qrda3_performed!("PI_PPHI_2", "Y"),
            $crate::qrda3_performed!("PI_INFBLO_1", "Y"),
            $crate::qrda3_performed!("PI_ONCDIR_1", "Y")
        )
    };
}

/// The required measures of `required_measures!`, as QRDA III entries.
#[macro_export]
macro_rules! qrda3_required_measures {
    () => {
        concat!(
            $crate::qrda3_proportion!("PI_EP_1", "49", "115"),
            $crate::qrda3_performed!("PI_EP_2", "Y"),
            $crate::qrda3_proportion!("PI_HIE_1", "1123", "1951"),
            $crate::qrda3_proportion!("PI_HIE_4", "923", "951"),
            $crate::qrda3_proportion!("PI_PEA_1", "861", "1809"),
            $crate::qrda3_performed!("PI_PHCDRR_1", "Y"),
            $crate::qrda3_performed!("PI_PHCDRR_1_PROD", "Y"),
            $crate::qrda3_performed!("PI_PHCDRR_3_EX_1", "Y")
        )
    };
}

/// Every PI measure of the standard example, then the 2025 period.
#[macro_export]
macro_rules! qrda3_pi_entries_2025 {
    () => {
        concat!(
            $crate::qrda3_attestations_yes!(),
            $crate::qrda3_required_measures!(),
            $crate::qrda3_period!("20250101", "20251231")
        )
    };
}

/// A complete 2025 group document with `sections` in its body.
#[macro_export]
macro_rules! qrda3_group_2025 {
    ($sections:expr) => {
        $crate::qrda3_document!(
            template: $crate::qrda3_template!("2024-12-01"),
            recipient: $crate::qrda3_recipient!("MIPS_GROUP"),
            participant: $crate::qrda3_cehrt!("0015C01234ABCDE"),
            performer: $crate::qrda3_performer!(tin: "000123456"),
            sections: $sections,
        )
    };
}

/// A complete, passing 2025 group submission: the twin of `valid_2025!`.
#[macro_export]
macro_rules! qrda3_valid_2025 {
    () => {
        $crate::qrda3_group_2025!($crate::qrda3_pi_section!($crate::qrda3_pi_entries_2025!()))
    };
}
