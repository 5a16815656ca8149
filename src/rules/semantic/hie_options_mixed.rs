//! `R003 hie-options-mixed`: measures of more than one Health Information
//! Exchange option in one PI set.

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::Measurement;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, hie_option_of, id_loc, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "R003",
    name: "hie-options-mixed",
    severity: Severity::Error,
    summary: "A PI set mixes Health Information Exchange options; CMS rejects it.",
    what: "Reports a PI measurement set that holds measures (or exclusions) of more than one \
           HIE option: option 1 (`PI_HIE_1`/`PI_LVOTC_1`, `PI_HIE_4`/`PI_LVITC_2`), option 2 \
           (`PI_HIE_5`), option 3 (`PI_HIE_6`). Points at the first measure of each further \
           option and labels the first option's.",
    why: "The HIE measures list each other as `substitutes` (CMSgov/qpp-measures-data, \
          measures/YYYY/measures-data.json) and the Submissions API rejects a substitute \
          submitted together with the original (CMSgov/qpp-submissions-docs, change log \
          8/15/2021); CMS's QRDA III converter rejects `PI_HIE_5` with `PI_HIE_1`, \
          `PI_LVOTC_1`, `PI_HIE_4` or `PI_LVITC_2` (CMSgov/qpp-conversion-tool, \
          ProblemCode PI_RESTRICTED_MEASURES).",
    note: "CMS rejects a measurement set that reports more than one HIE option",
    help: "keep one HIE option and remove the other option's measures",
    years: &[],
    family: crate::rules::Family::Required,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(catalog) = context.catalog else {
        return;
    };
    for set in pi_sets(context.submission) {
        // The first measurement of each option, in file order.
        let mut firsts: Vec<(usize, &Measurement)> = Vec::new();
        for measurement in context.first_occurrences(set) {
            let Some(option) = measurement.id().and_then(|id| hie_option_of(catalog, id)) else {
                continue;
            };
            if !firsts.iter().any(|(o, _)| *o == option) {
                firsts.push((option, measurement));
            }
        }
        let Some(((first_option, first), others)) = firsts.split_first().map(|(f, r)| (*f, r))
        else {
            continue;
        };
        for (option, measurement) in others {
            out.push(
                finding(
                    &META,
                    id_loc(measurement),
                    Message::new()
                        .text("`")
                        .plain(ArgumentKind::Measure, measurement.id().unwrap_or_default())
                        .text(&format!(
                            "` (HIE option {}) is reported together with `",
                            option + 1
                        ))
                        .plain(ArgumentKind::Measure, first.id().unwrap_or_default())
                        .text(&format!(
                            "` (HIE option {}); report one HIE option only",
                            first_option + 1
                        )),
                )
                .with_related(id_loc(first).span, "the first HIE option reported here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn points_at_the_second_option() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_HIE_1\"");
        assert_eq!(found[0].related, ["\"PI_HIE_5\""]);
        assert!(found[0].message.starts_with(
            "`PI_HIE_1` (HIE option 1) is reported together with `PI_HIE_5` (HIE option 2)"
        ));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn option_one_exclusions_count_as_option_one() {
        let text = crate::valid_2025!()
            .replace(
                "\"PI_HIE_1\", \"value\": { \"numerator\": 1123, \"denominator\": 1951 }",
                "\"PI_LVOTC_1\", \"value\": true",
            )
            .replace(
                "\"PI_HIE_4\", \"value\": { \"numerator\": 923, \"denominator\": 951 }",
                "\"PI_HIE_6\", \"value\": true",
            );
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains(
            "`PI_HIE_6` (HIE option 3) is reported together with `PI_LVOTC_1` (HIE option 1)"
        ));
    }
}
