//! `A003 safer-guide-not-yes`: the SAFER Guides attestation is answered
//! `false` (accepted in 2023 only).

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::attestation_not_yes::SAFER_GUIDE;
use crate::rules::semantic::support::{boolean, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "A003",
    name: "safer-guide-not-yes",
    severity: Severity::Error,
    summary: "The SAFER Guides attestation (`PI_PPHI_2`) is `false`: an error from 2024, accepted in 2023.",
    what: "Reports `PI_PPHI_2` (High Priority Practices SAFER Guide) answered `false`, at the \
           `false`. From 2024 only \"yes\" passes, so the finding is an error; in 2023 CMS \
           accepted either answer, so it is information only. Whether \"no\" is accepted is \
           year data (`saferGuideNoAccepted` in the year's catalog). A missing `PI_PPHI_2` is \
           `attestation-missing`.",
    why: "2023 MIPS PI Quick Start Guide: the SAFER Guides measure is required but a \"yes\" \
          or \"no\" answer both satisfy it; QPP 2024 PI requirements and the 2025 MIPS PI \
          Guide: from 2024 the answer must be \"yes\" or the PI category scores 0; 2026 uses \
          the 2025 High Priority Practices SAFER Guide (measures/2026/measures-data.json).",
    note: "from 2024 a SAFER Guides \"no\" scores the PI category 0",
    help: "complete the annual self-assessment with the High Priority Practices SAFER Guide and answer true",
    years: &[],
    family: crate::rules::Family::Attestation,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            "        { \"measureId\": \"PI_PPHI_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PPHI_2\", \"value\": false },\n",
            "        { \"measureId\": \"PI_INFBLO_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_ONCDIR_1\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(catalog), Some(year)) = (context.catalog, context.year) else {
        return;
    };
    for set in pi_sets(context.submission) {
        let first = context.first_by_id(set);
        for measurement in first.measurement(SAFER_GUIDE).into_iter() {
            let Some(answer) = boolean(measurement).filter(|b| !b.value) else {
                continue;
            };
            let diagnostic = if catalog.safer_guide_no_accepted {
                finding(
                    &META,
                    &answer.loc,
                    Message::new()
                        .text("`")
                        .plain(ArgumentKind::Measure, SAFER_GUIDE)
                        .text("` (SAFER Guides) is answered false, which ")
                        .plain(ArgumentKind::Year, year)
                        .text(" still accepts"),
                )
                .with_severity(Severity::Info)
                // The year's data says "no" passes: nothing happens at CMS.
                .with_consequence(crate::rules::Consequence::None)
                .with_note("in 2023 a SAFER Guides \"yes\" or \"no\" both meet the requirement (2023 MIPS PI Quick Start Guide)")
                .with_help("from 2024 only \"yes\" passes")
            } else {
                finding(
                    &META,
                    &answer.loc,
                    Message::new()
                        .text("`")
                        .plain(ArgumentKind::Measure, SAFER_GUIDE)
                        .text("` (SAFER Guides) is answered false; from 2024 that scores the PI category 0"),
                )
            };
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::{run, run_with_year};

    #[test]
    fn no_is_an_error_from_2024() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "false");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(run(&RULE, META.valid.text).is_empty());
        assert_eq!(
            run_with_year(&RULE, META.invalid.text, Some(2024))[0].severity,
            Severity::Error
        );
    }

    #[test]
    fn no_is_information_in_2023() {
        let found = run_with_year(&RULE, META.invalid.text, Some(2023));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert!(found[0].message.contains("2023 still accepts"));
    }
}
