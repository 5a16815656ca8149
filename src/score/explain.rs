//! Names, for each zero or no-score reason, the finding that explains it.
//!
//! The gates and the rules check the same regulations on the same model;
//! joining them here, once per file, lets every reason say which rule (code
//! and place) to read, and lets a test hold the two to one story.
//!
//! The join is indexed: a file with thousands of reasons (one per unknown
//! measure) and as many findings costs a lookup per reason, not a scan.

use crate::fast_hash::FastMap;

use crate::diagnostic::Diagnostic;
use crate::rules::Consequence;
use crate::score::reasons::{Reason, rules_of};
use crate::score::{FileScore, SetResult};

/// The findings of a file, by code, and by code and start of span.
struct Index<'a> {
    by_code: FastMap<&'static str, Vec<&'a Diagnostic>>,
    by_place: FastMap<(&'static str, usize), &'a Diagnostic>,
    first_rejected: Option<&'a Diagnostic>,
}

impl<'a> Index<'a> {
    fn of(diagnostics: &'a [Diagnostic]) -> Index<'a> {
        let mut by_code: FastMap<&'static str, Vec<&'a Diagnostic>> = FastMap::default();
        let mut by_place = FastMap::with_capacity_and_hasher(diagnostics.len(), Default::default());
        for d in diagnostics {
            by_code.entry(d.code).or_default().push(d);
            if let Some(span) = d.span() {
                by_place.entry((d.code, span.start())).or_insert(d);
            }
        }
        Index {
            by_code,
            by_place,
            first_rejected: diagnostics
                .iter()
                .find(|d| d.consequence == Consequence::Rejected),
        }
    }
}

/// Sets [`Reason::rule`] on every reason of `score` that a finding of
/// `diagnostics` explains.
pub fn name_rules(score: &mut FileScore, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let index = Index::of(diagnostics);
    if let Some(reason) = &mut score.no_score {
        name_rule(reason, None, &index);
    }
    for set in &mut score.sets {
        // Formatted once per set, not once per reason and finding.
        let head = set.loc.pointer.to_string();
        match &mut set.result {
            SetResult::Rejected(reasons) | SetResult::Zero { reasons, .. } => {
                for reason in reasons {
                    name_rule(reason, Some(&head), &index);
                }
            }
            SetResult::Scored(_) => {}
        }
    }
}

fn name_rule(reason: &mut Reason, set_head: Option<&str>, index: &Index<'_>) {
    if reason.rule.is_some() {
        return;
    }
    // In the order the table lists the rules: the first names the reason
    // best (C001 before the schema's S001 for a missing CEHRT ID).
    let rules = rules_of(&reason.code);
    let at_reason = reason.loc.as_ref().and_then(|loc| {
        rules.iter().find_map(|rule| {
            index
                .by_place
                .get(&(*rule, loc.span.start()))
                .filter(|d| d.span() == Some(loc.span))
                .copied()
        })
    });
    let of_rule = |rule: &&'static str| index.by_code.get(rule).map(Vec::as_slice);
    let in_set = || {
        let head = set_head?;
        rules
            .iter()
            .filter_map(of_rule)
            .flatten()
            .find(|d| d.pointer().starts_with(head))
            .copied()
    };
    let any = || rules.iter().filter_map(of_rule).flatten().next().copied();
    let found = at_reason
        .or_else(in_set)
        .or_else(any)
        // Nothing to score because CMS refuses the file: the refusal is
        // the reason (a QRDA III document without a section has no year).
        .or_else(|| reason.gate.is_none().then_some(index.first_rejected)?);
    reason.rule = found.map(|d| d.code);
}
