//! `I001 identifier-missing`: an identifier the entity type needs is
//! missing (TIN, NPI or entityId).

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::Member;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::finding;
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "I001",
    name: "identifier-missing",
    severity: Severity::Error,
    summary: "The submission lacks an identifier its `entityType` needs (TIN, NPI or entityId).",
    what: "Checks the identity fields against `entityType`: `individual` needs \
           `taxpayerIdentificationNumber` and `nationalProviderIdentifier`; `group` needs \
           `taxpayerIdentificationNumber`; `virtualGroup`, `apm` and `subgroup` need \
           `entityId`. Each missing one is reported at the submission (or the embedded \
           `submission` of a measurement-set body).",
    why: "The Submissions API identifies a submission by TIN (group), TIN + NPI \
          (individual) or entityId (APM entity, virtual group, subgroup) \
          (CMSgov/qpp-submissions-docs/src/app/components/references/data.ts, \
          submissionsFields: `entityId` \"required if entityType is apm, virtualGroup or \
          subgroup\"); CMS's converter writes the same fields per entity type \
          (CMSgov/qpp-conversion-tool, ClinicalDocumentEncoder.java).",
    note: "CMS finds the clinician or organisation by the identifiers of its entity type",
    help: "add the identifier named in the message",
    years: &[],
    family: crate::rules::Family::Identity,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::file_with_identity!(
        "  \"entityType\": \"individual\",\n  \"taxpayerIdentificationNumber\": \"000456789\",\n"
    )),
    valid: Example::json(crate::file_with_identity!(concat!(
        "  \"entityType\": \"individual\",\n  \"taxpayerIdentificationNumber\": \"000456789\",\n",
        "  \"nationalProviderIdentifier\": \"1234567893\",\n"
    ))),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    let submission = context.submission;
    let Some(entity_type) = &submission.entity_type else {
        return;
    };
    let needed: &[(Member, bool)] = match entity_type.value.as_str() {
        "individual" => &[
            (
                Member::Tin,
                submission.taxpayer_identification_number.is_some(),
            ),
            (
                Member::Npi,
                submission.national_provider_identifier.is_some(),
            ),
        ],
        "group" => &[(
            Member::Tin,
            submission.taxpayer_identification_number.is_some(),
        )],
        "virtualGroup" | "apm" | "subgroup" => {
            &[(Member::EntityId, submission.entity_id.is_some())]
        }
        _ => return, // value-not-allowed
    };
    for (member, present) in needed {
        if !present {
            let (at, name) = submission.absent(&submission.loc, *member);
            out.push(finding(
                &META,
                &at,
                Message::new()
                    .text("a submission of entityType `")
                    .plain(ArgumentKind::Value, &entity_type.value)
                    .text(&format!("` needs {name}")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_each_missing_identifier() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "{");
        assert_eq!(
            found[0].message,
            "a submission of entityType `individual` needs `nationalProviderIdentifier`"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
        let text = crate::file_with_identity!("  \"entityType\": \"apm\",\n");
        assert!(run(&RULE, text)[0].message.ends_with("needs `entityId`"));
        let text = crate::file_with_identity!("  \"entityType\": \"group\",\n");
        assert_eq!(run(&RULE, text).len(), 1);
    }
}
