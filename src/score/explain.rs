//! Names, for each zero or no-score reason, the finding that explains it.
//!
//! The gates and the rules check the same regulations on the same model;
//! joining them here, once per file, lets every reason say which rule (code
//! and place) to read, and lets a test hold the two to one story.

use crate::diagnostic::Diagnostic;
use crate::model::Loc;
use crate::score::reasons::{Reason, rules_of};
use crate::score::{FileScore, SetResult};

/// Sets [`Reason::rule`] on every reason of `score` that a finding of
/// `diagnostics` explains.
pub fn name_rules(score: &mut FileScore, diagnostics: &[Diagnostic]) {
    if let Some(reason) = &mut score.no_score {
        name_rule(reason, None, diagnostics);
    }
    for set in &mut score.sets {
        let set_loc = set.loc.clone();
        match &mut set.result {
            SetResult::Rejected(reasons) | SetResult::Zero { reasons, .. } => {
                for reason in reasons {
                    name_rule(reason, Some(&set_loc), diagnostics);
                }
            }
            SetResult::Scored(_) => {}
        }
    }
}

fn name_rule(reason: &mut Reason, set: Option<&Loc>, diagnostics: &[Diagnostic]) {
    if reason.rule.is_some() {
        return;
    }
    let rules = rules_of(&reason.code);
    // In the order the table lists the rules: the first names the reason
    // best (C001 before the schema's S001 for a missing CEHRT ID).
    let candidates = || {
        rules
            .iter()
            .flat_map(|rule| diagnostics.iter().filter(move |d| d.code == *rule))
    };
    let at_reason = |d: &&Diagnostic| {
        reason
            .loc
            .as_ref()
            .is_some_and(|loc| d.span == Some(loc.span) || loc.pointer == d.pointer)
    };
    let in_set = |d: &&Diagnostic| {
        set.is_some_and(|set| {
            let head = set.pointer.to_string();
            d.pointer.starts_with(&head)
        })
    };
    let found = candidates()
        .find(at_reason)
        .or_else(|| candidates().find(in_set))
        .or_else(|| candidates().next())
        // Nothing to score because CMS refuses the file: the refusal is
        // the reason (a QRDA III document without a section has no year).
        .or_else(|| {
            reason.gate.is_none().then(|| {
                diagnostics
                    .iter()
                    .find(|d| d.consequence == crate::rules::Consequence::Rejected)
            })?
        });
    reason.rule = found.map(|d| d.code);
}
