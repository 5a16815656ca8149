//! `I002 identifier-not-allowed`: an identifier that does not belong to the
//! entity type (an NPI on a group, a TIN on an APM entity, …).

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::Node;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::finding;
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "I002",
    name: "identifier-not-allowed",
    severity: Severity::Error,
    summary: "The submission carries an identifier its `entityType` does not take (an NPI on a group is an error).",
    what: "Reports, at the value, an identity field that the `entityType` does not use: \
           `nationalProviderIdentifier` on a `group` (error: a group is identified by its TIN \
           alone); `taxpayerIdentificationNumber` or `nationalProviderIdentifier` on a \
           `virtualGroup`, `apm` or `subgroup`, and `entityId` on an `individual` or `group` \
           (warnings: CMS's own converter writes some of these, so they may be ignored rather \
           than rejected).",
    why: "Submissions API field table (CMSgov/qpp-submissions-docs/\
          src/app/components/references/data.ts, submissionsFields): the TIN is writable \
          \"only if entityType is individual or group\", the NPI \"only if entityType is \
          individual\"; `entityId` identifies APM entities, virtual groups and subgroups. \
          CMS's QRDA III converter writes TIN/NPI keys for virtual groups \
          (CMSgov/qpp-conversion-tool, ClinicalDocumentEncoder.java).",
    note: "each entity type is identified by its own fields",
    help: "remove the identifier, or check entityType",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::file_with_identity!(concat!(
        "  \"entityType\": \"group\",\n  \"taxpayerIdentificationNumber\": \"000123456\",\n",
        "  \"nationalProviderIdentifier\": \"1234567893\",\n"
    ))),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    let submission = context.submission;
    let Some(entity_type) = &submission.entity_type else {
        return;
    };
    let kind = entity_type.value.as_str();
    let unexpected: Vec<(&Node<String>, &str, Severity)> = match kind {
        "individual" => submission
            .entity_id
            .iter()
            .map(|id| (id, "entityId", Severity::Warning))
            .collect(),
        "group" => submission
            .national_provider_identifier
            .iter()
            .map(|npi| (npi, "nationalProviderIdentifier", Severity::Error))
            .chain(
                submission
                    .entity_id
                    .iter()
                    .map(|id| (id, "entityId", Severity::Warning)),
            )
            .collect(),
        "virtualGroup" | "apm" | "subgroup" => submission
            .taxpayer_identification_number
            .iter()
            .map(|tin| (tin, "taxpayerIdentificationNumber", Severity::Warning))
            .chain(
                submission
                    .national_provider_identifier
                    .iter()
                    .map(|npi| (npi, "nationalProviderIdentifier", Severity::Warning)),
            )
            .collect(),
        _ => return,
    };
    for (node, field, severity) in unexpected {
        let identified_by = match kind {
            "individual" => "its TIN and NPI",
            "group" => "its TIN alone",
            _ => "its entityId",
        };
        out.push(
            finding(
                &META,
                &node.loc,
                Message::new()
                    .text("a submission of entityType `")
                    .plain(ArgumentKind::Value, kind)
                    .text(&format!(
                        "` does not take `{field}`; it is identified by {identified_by}"
                    )),
            )
            .with_severity(severity)
            // An NPI on a group makes the Submissions API refuse it; the
            // others are ignored identifiers.
            .with_consequence(if severity == Severity::Error {
                crate::rules::Consequence::Rejected
            } else {
                crate::rules::Consequence::None
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn an_npi_on_a_group_is_an_error() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"1234567893\"");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn identifiers_on_entity_id_types_are_warnings() {
        let text = crate::file_with_identity!(concat!(
            "  \"entityType\": \"virtualGroup\",\n  \"entityId\": \"VG-1\",\n",
            "  \"taxpayerIdentificationNumber\": \"000123456\",\n"
        ));
        let found = run(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].at, "\"000123456\"");
    }
}
