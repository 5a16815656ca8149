//! `A002 attestation-not-yes`: a required attestation or the Security Risk
//! Analysis is answered `false`.

use crate::catalog::Measure;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{boolean, finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

/// SAFER Guides: `safer-guide-not-yes` judges it, by year.
pub const SAFER_GUIDE: &str = "PI_PPHI_2";

pub static META: RuleMeta = RuleMeta {
    code: "A002",
    name: "attestation-not-yes",
    severity: Severity::Error,
    summary: "A required attestation or the Security Risk Analysis is answered `false`.",
    what: "Reports a `false` answer to `PI_INFBLO_1`, `PI_ONCDIR_1` or `PI_PPHI_1` (Security \
           Risk Analysis; from 2026 it also attests the security risk management \
           activities), pointing at the `false`. `PI_PPHI_2` (SAFER Guides) has its own \
           rule, `safer-guide-not-yes`; `PI_ONCACB_1` is optional and may be `false`. Runs \
           whatever the year: without a usable or supported year, the attestations required \
           in every supported year are judged.",
    why: "A \"no\" on any of these scores the whole PI category 0 (2023 MIPS PI Quick Start \
          Guide; QPP 2024 PI requirements; 2025 MIPS PI Guide; NAACOS 2026 PI FAQ 4a for the \
          two-part 2026 Security Risk Analysis).",
    note: "a \"no\" on a required attestation scores the PI category 0",
    help: "answer true only if you can attest to it; otherwise the PI category earns no score",
    years: &[],
    family: crate::rules::Family::Attestation,
    consequence: crate::rules::Consequences::ZERO,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            "        { \"measureId\": \"PI_PPHI_1\", \"value\": false },\n",
            "        { \"measureId\": \"PI_PPHI_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_INFBLO_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_ONCDIR_1\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_ONCACB_1\", \"value\": false },\n",
            crate::required_measures!()
        ),
    )),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Without a usable or supported year, the attestations required in
    // every year are still judged: a "no" to them is never acceptable.
    let judged: Vec<&Measure> = match context.catalog {
        Some(catalog) => catalog.required_attestations().collect(),
        None => crate::catalog::required_attestations_every_year().to_vec(),
    };
    let judged = judged.into_iter().filter(|m| m.measure_id != SAFER_GUIDE);
    for set in pi_sets(context.submission) {
        let first = context.first_by_id(set);
        for measure in judged.clone() {
            for measurement in first.measurement(&measure.measure_id).into_iter() {
                if let Some(answer) = boolean(measurement).filter(|b| !b.value) {
                    out.push(finding(
                        &META,
                        &answer.loc,
                        Message::new()
                            .text("`")
                            .plain(ArgumentKind::Measure, &measure.measure_id)
                            .text(&format!(
                                "` ({}) is answered false; the PI category then scores 0",
                                measure.title
                            )),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn flags_the_false() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "false");
        assert!(
            found[0]
                .message
                .starts_with("`PI_PPHI_1` (Security Risk Analysis)")
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn leaves_the_safer_guide_to_its_own_rule() {
        let text = crate::valid_2025!().replace(
            "\"PI_PPHI_2\", \"value\": true",
            "\"PI_PPHI_2\", \"value\": false",
        );
        assert!(run(&RULE, &text).is_empty());
    }
}
