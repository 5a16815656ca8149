//! What the `X` rules share to write a finding: the places they point at
//! in the run's files, the finding about an entity, and a submission
//! described in words.
//!
//! Nothing here decides what is wrong; each rule does.

use crate::diagnostic::points::number;
use crate::diagnostic::{Diagnostic, Message, Site, Subject};
use crate::entities::EntityKey;
use crate::entities::facts::{FileFacts, Position};
use crate::entities::group::SubmissionRef;
use crate::rules::registry::RuleMeta;

/// The place `at` in the run's file number `file`.
pub fn site_of(files: &[FileFacts], file: usize, at: &Position) -> Site {
    Site {
        path: files[file].path.clone(),
        at: at.clone(),
        format: files[file].format,
    }
}

/// The head of a submission: its measurement set.
pub fn head(files: &[FileFacts], r: SubmissionRef) -> Site {
    site_of(files, r.file, &r.set(files).head)
}

/// A finding of `rule` about the entity `key` in `year`, at `site`. The
/// message names the entity with [`crate::entities::EntityKey::message`],
/// so its TIN and NPI are arguments: masking replaces them wherever the
/// texts quote them.
pub fn entity_finding(
    rule: &RuleMeta,
    key: &EntityKey,
    year: i64,
    site: Site,
    message: Message,
) -> Diagnostic {
    let subject = Subject {
        entity: key.to_string(),
        year,
    };
    Diagnostic::across_files(rule, subject, site, message)
}

/// "registry, predicted 80/100".
pub fn describe(files: &[FileFacts], r: SubmissionRef) -> String {
    let set = r.set(files);
    let method = set
        .submission_method
        .as_deref()
        .unwrap_or("no submissionMethod");
    let score = match set.score {
        Some(score) => format!("predicted {}/100", number(score)),
        None => "no predicted score".to_owned(),
    };
    format!("{method}, {score}")
}
