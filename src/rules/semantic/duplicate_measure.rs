//! `M003 duplicate-measure`: one measure reported twice in a PI set.

use crate::fast_hash::FastMap;

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::model::Loc;
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::{finding, pi_sets};
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M003",
    name: "duplicate-measure",
    severity: Severity::Error,
    summary: "The same measure is reported more than once in one PI measurement set.",
    what: "Reports each `measureId` repeated within one PI measurement set once, however \
           many times it repeats: the finding points at the first repeat, labels the first \
           occurrence and the next few repeats, and counts the rest. Every other rule reads \
           only the first occurrence of each measure, so an export that repeated its rows \
           gives one finding per measure, not one per row.",
    why: "No two measurements in one measurement set may have the same `measureId` \
          (CMSgov/qpp-submissions-docs/src/app/components/references/measurements.tsx); \
          with two answers CMS cannot tell which one you meant.",
    note: "a measurement set may hold each measure once",
    help: "keep one measurement for the measure and remove the other",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_PPHI_1\", \"value\": true },\n",
            crate::required_measures!()
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

/// Repeats labelled after the one the finding points at; the rest are
/// only counted.
const LABELLED_REPEATS: usize = 3;

/// One id's occurrences in a set, as far as the finding needs them.
struct Occurrences<'a> {
    first: &'a Loc,
    repeats: Vec<&'a Loc>,
    count: usize,
}

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    for set in pi_sets(context.submission) {
        // Ids in the order their first repeat appears, which is where
        // each finding points.
        let mut repeated: Vec<&str> = Vec::new();
        let mut by_id: FastMap<&str, Occurrences<'_>> = FastMap::default();
        for measurement in &set.measurements {
            let Some(id) = &measurement.measure_id else {
                continue;
            };
            let occurrences = by_id.entry(id.value.as_str()).or_insert(Occurrences {
                first: &id.loc,
                repeats: Vec::new(),
                count: 0,
            });
            occurrences.count += 1;
            if occurrences.count == 2 {
                repeated.push(id.value.as_str());
            }
            if occurrences.count >= 2 && occurrences.repeats.len() <= LABELLED_REPEATS {
                // The repeat pointed at, then the labelled ones.
                occurrences.repeats.push(&id.loc);
            }
        }
        for id in repeated {
            let Some(occurrences) = by_id.get(id) else {
                continue;
            };
            let Some((at, labelled)) = occurrences.repeats.split_first() else {
                continue;
            };
            let message = if occurrences.count == 2 {
                Message::new()
                    .text("`")
                    .plain(ArgumentKind::Measure, id)
                    .text("` is reported more than once in this set")
            } else {
                Message::new()
                    .text("`")
                    .plain(ArgumentKind::Measure, id)
                    .text("` is reported ")
                    .plain(ArgumentKind::Count, occurrences.count)
                    .text(" times in this set")
            };
            let mut diagnostic = finding(&META, at, message)
                .with_related(occurrences.first.span, "first reported here");
            for repeat in labelled {
                diagnostic = diagnostic.with_related(repeat.span, "repeated again here");
            }
            // The first occurrence and the repeat pointed at are not repeats to count.
            let unlabelled = occurrences.count - 2 - labelled.len();
            if unlabelled > 0 {
                diagnostic = diagnostic.with_note(format!(
                    "a measurement set may hold each measure once; {unlabelled} more repeats of `{id}` are not labelled here"
                ));
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn points_at_the_repeat_and_labels_the_first() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "\"PI_PPHI_1\"");
        assert_eq!(found[0].related, ["\"PI_PPHI_1\""]);
        assert!(found[0].message.contains("more than once"));
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn many_repeats_give_one_finding_with_a_count() {
        let line = "        { \"measureId\": \"PI_PPHI_1\", \"value\": true },\n";
        assert!(
            META.invalid.text.contains(line),
            "the example repeats this line"
        );
        let text = META.invalid.text.replacen(line, &line.repeat(5), 1);
        let found = run(&RULE, &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("6 times"), "{}", found[0].message);
        // The first occurrence and three more repeats are labelled.
        assert_eq!(found[0].related.len(), 1 + LABELLED_REPEATS);
    }
}
