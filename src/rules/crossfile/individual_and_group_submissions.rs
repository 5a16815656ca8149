//! `X004 individual-and-group-submissions`: An individual's TIN also has a group submission for the
//! same year.

use super::VALID;
use super::support::entity_finding;
use crate::diagnostic::points::number;
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::entities::EntityKey;
use crate::entities::group::Received;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "X004",
    name: "individual-and-group-submissions",
    severity: Severity::Info,
    summary: "An individual's TIN also has a group submission for the same year.",
    what: "Reports each individual submission whose TIN has a group submission for the same \
           performance year in another file, pointing at both, with both predicted scores and \
           the one that counts.",
    why: "When CMS has both individual and group data for a clinician, it scores both and the \
          clinician gets the higher (2023 MIPS PI Quick Start Guide, Step 5); \
          in an APM entity's PI roll-up each TIN/NPI contributes the higher of the two \
          (CMS, MIPS PI Performance Category CEHRT FAQs for the Shared Savings Program, \
          2024, A4). Either submission alone may then \
          not be the one that decides the clinician's score.",
    note: "the clinician gets the higher of the individual and the group score (2023 MIPS PI Quick Start Guide, Step 5)",
    help: "check that both submissions are intended; `pilint rollup` shows which score counts",
    years: &[],
    family: crate::rules::Family::CrossFile,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose(
        "NPI 1234567893 submits individually under TIN 000111111, which also submits as a \
         group: see fixtures/crossfile/aco-2025/, covered by tests/crossfile_cli.rs.",
    ),
    valid: Example::json(VALID),
};

/// The findings of this rule in a run: `received` is every entity and
/// year that CMS receives a submission for and that may pair (each
/// individual whose TIN has a group submission that year, and that group),
/// in order of first submission.
pub fn check(received: &[Received<'_>], out: &mut Vec<Diagnostic>) {
    use std::collections::HashMap;
    let by_tin: HashMap<(&str, i64), &Received<'_>> = received
        .iter()
        .filter_map(|g| match g.key {
            EntityKey::Group { tin } => Some(((&**tin, g.year), g)),
            _ => None,
        })
        .collect();
    // Each individual with a group submission under its TIN that year.
    let pairs = || {
        received.iter().filter_map(|individual| {
            let EntityKey::Individual { tin, .. } = individual.key else {
                return None;
            };
            let group = *by_tin.get(&(&**tin, individual.year))?;
            Some((individual, group))
        })
    };
    // In a practice most clinicians pair with the group file: tens of
    // thousands of findings at 100k files, held to the end of the run, so
    // the room for them is taken once and exactly (a doubling vector would
    // hold up to twice as many, and copy them as it grows).
    out.reserve_exact(pairs().count());
    for (individual, group) in pairs() {
        let message = message(
            individual.key.message(),
            individual.year,
            &group.kept.path,
            (individual.value, group.value),
        );
        out.push(
            entity_finding(
                &META,
                individual.key,
                individual.year,
                individual.kept.clone(),
                message,
            )
            .with_related_site(group.kept.clone(), group_label(&group.key.to_string())),
        );
    }
}

/// The message: "individual TIN … / NPI … also has a 2025 group submission
/// in PATH: individual 80/100, group 90/100; the group score counts".
pub fn message(
    individual: Message,
    year: i64,
    path: &str,
    scores: (Option<f64>, Option<f64>),
) -> Message {
    let shown = |value: Option<f64>| match value {
        Some(v) => format!("{}/100", number(v)),
        None => "no score".to_owned(),
    };
    let counts = match scores {
        (Some(i), Some(g)) if g > i => "the group score counts",
        (Some(_), _) => "the individual score counts",
        (None, Some(_)) => "the group score counts",
        (None, None) => "neither can be scored",
    };
    individual
        .text(" also has a ")
        .plain(ArgumentKind::Year, year)
        .text(&format!(
            " group submission in {path}: individual {}, group {}; {counts}",
            shown(scores.0),
            shown(scores.1)
        ))
}

/// The related label at the group's submission.
pub fn group_label(group: &str) -> String {
    format!("{group}'s submission")
}

#[cfg(test)]
mod tests {
    use super::META;
    use crate::rules::testing::crossfile_messages;

    #[test]
    fn the_fixture_named_by_the_invalid_example_gives_it() {
        assert!(META.invalid.text.contains("fixtures/crossfile/aco-2025/"));
        assert!(!crossfile_messages(&META, "crossfile/aco-2025").is_empty());
    }
}
