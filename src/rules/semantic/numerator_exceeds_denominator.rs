//! `M006 numerator-exceeds-denominator`: a proportion whose numerator is
//! larger than its denominator (including any numerator over a zero
//! denominator).

use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::rules::registry::{Example, RuleMeta};
use crate::rules::semantic::support::finding;
use crate::rules::semantic::{RuleContext, SemanticRule};

pub static META: RuleMeta = RuleMeta {
    code: "M006",
    name: "numerator-exceeds-denominator",
    severity: Severity::Error,
    summary: "A proportion's numerator is larger than its denominator.",
    what: "Reports a PI proportion value whose numerator is greater than its denominator, at \
           the numerator, labelling the denominator. A denominator of 0 is allowed only with \
           a numerator of 0, so any numerator over a zero denominator is reported too.",
    why: "The Submissions API requires numerator ≥ 0 and ≤ denominator, and a denominator of \
          0 only when the numerator is 0 (CMSgov/qpp-submissions-docs/\
          src/app/components/references/data.ts, measurementsFields); the numerator counts \
          a subset of the denominator's patients or actions.",
    note: "the numerator counts a subset of the denominator, so it can never be larger",
    help: "check both counts: the numerator is the part of the denominator that met the measure",
    years: &[],
    family: crate::rules::Family::Measure,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(crate::group_file!(
        year: "2025",
        measurements: concat!(
            crate::attestations_yes!(),
            "        { \"measureId\": \"PI_EP_1\", \"value\": { \"numerator\": 115, \"denominator\": 49 } },\n",
            "        { \"measureId\": \"PI_EP_2\", \"value\": true },\n",
            "        { \"measureId\": \"PI_HIE_5\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PEA_1\", \"value\": { \"numerator\": 861, \"denominator\": 1809 } },\n",
            "        { \"measureId\": \"PI_PHCDRR_1\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_1_PROD\", \"value\": true },\n",
            "        { \"measureId\": \"PI_PHCDRR_3_EX_1\", \"value\": true }"
        ),
    )),
    valid: Example::json(crate::valid_2025!()),
};

pub const RULE: SemanticRule = SemanticRule { meta: &META, check };

fn check(context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Year-independent: runs with no usable or an unsupported year too.
    for (measurement, proportion) in context.pi_proportions() {
        let (Some(numerator), Some(denominator)) = (&proportion.numerator, &proportion.denominator)
        else {
            continue;
        };
        let (Some(n), Some(d)) = (numerator.value.whole, denominator.value.whole) else {
            continue; // invalid-count
        };
        if n <= d {
            continue;
        }
        let id = measurement.id().unwrap_or("this measure");
        let message = if d == 0 {
            Message::new()
                .text("the numerator of `")
                .plain(ArgumentKind::Measure, id)
                .text("` is ")
                .plain(ArgumentKind::Count, n)
                .text(" but the denominator is 0; with a denominator of 0 the numerator must be 0")
        } else {
            Message::new()
                .text("the numerator of `")
                .plain(ArgumentKind::Measure, id)
                .text("` (")
                .plain(ArgumentKind::Count, n)
                .text(") is larger than its denominator (")
                .plain(ArgumentKind::Count, d)
                .text(")")
        };
        out.push(
            finding(&META, &numerator.loc, message)
                .with_related(denominator.loc.span, "the denominator"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::semantic::testing::run;

    #[test]
    fn points_at_the_numerator() {
        let found = run(&RULE, META.invalid.text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "115");
        assert_eq!(found[0].related, ["49"]);
        assert_eq!(
            found[0].message,
            "the numerator of `PI_EP_1` (115) is larger than its denominator (49)"
        );
        assert!(run(&RULE, META.valid.text).is_empty());
    }

    #[test]
    fn a_zero_denominator_needs_a_zero_numerator() {
        let text = crate::valid_2025!().replace("\"denominator\": 115", "\"denominator\": 0");
        let found = run(&RULE, &text);
        assert!(found[0].message.contains("the denominator is 0"));
        let equal = crate::valid_2025!().replace("\"denominator\": 115", "\"denominator\": 49");
        assert!(run(&RULE, &equal).is_empty());
    }
}
