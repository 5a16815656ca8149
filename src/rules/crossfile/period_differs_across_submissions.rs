//! `X003 period-differs-across-submissions`: Submissions for the same entity and year cover
//! different performance periods.

use super::VALID;
use super::support::{entity_finding, site_of};
use crate::diagnostic::{ArgumentKind, Diagnostic, Message, Severity};
use crate::entities::facts::FileFacts;
use crate::entities::group::EntityGroup;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "X003",
    name: "period-differs-across-submissions",
    severity: Severity::Warning,
    summary: "Submissions for the same entity and year cover different performance periods.",
    what: "Within each entity and performance year, reports a submission whose \
           `performanceStart`/`performanceEnd` differ from the first submission in another \
           file, pointing at both start dates.",
    why: "PI data must come from one continuous performance period (2024 QPP PI \
          requirements: the same 180-day period for every measure). CMS scores each \
          submission on its own dates and keeps the highest (CMS scoring engine: \"Picked the highest scoring measurement \
          set\"), so two periods for one \
          entity mean the files were exported differently, and the score that counts may rest \
          on the period you did not intend.",
    note: "one entity's PI data come from one continuous performance period (2024 QPP PI requirements)",
    help: "export every submission of this entity over the same performance period",
    years: &[],
    family: crate::rules::Family::CrossFile,
    consequence: crate::rules::Consequences::NONE,
    invalid: Example::prose(
        "Group TIN 000111111's 2025 registry file covers the calendar year, its QRDA III file \
         March to December: see fixtures/crossfile/aco-2025/, covered by \
         tests/crossfile_cli.rs.",
    ),
    valid: Example::json(VALID),
};

/// The findings of this rule in a run: `groups` are the entities' groups
/// as CMS receives them ([`EntityGroup::received`]), over `files`.
pub fn check(files: &[FileFacts], groups: &[EntityGroup], out: &mut Vec<Diagnostic>) {
    for group in groups {
        let Some(first) = group.members.iter().find(|m| m.set(files).period.is_some()) else {
            continue;
        };
        let Some((start, end, first_at)) = first.set(files).period.as_deref() else {
            continue;
        };
        for member in &group.members {
            if member.file == first.file {
                continue;
            }
            let Some((other_start, other_end, at)) = member.set(files).period.as_deref() else {
                continue;
            };
            if (other_start, other_end) == (start, end) {
                continue;
            }
            let message = message(
                (other_start, other_end),
                (start, end),
                &files[first.file].path,
                group.key.message(),
                group.year,
            );
            out.push(
                entity_finding(
                    &META,
                    &group.key,
                    group.year,
                    site_of(files, member.file, at),
                    message,
                )
                .with_related_site(site_of(files, first.file, first_at), first_label(start)),
            );
        }
    }
}

/// The message: "the performance period here, START to END, differs from
/// START to END in PATH, for ENTITY in YEAR".
pub fn message(
    here: (&str, &str),
    first: (&str, &str),
    path: &str,
    entity: Message,
    year: i64,
) -> Message {
    Message::new()
        .text("the performance period here, ")
        .plain(ArgumentKind::Date, here.0)
        .text(" to ")
        .plain(ArgumentKind::Date, here.1)
        .text(", differs from ")
        .plain(ArgumentKind::Date, first.0)
        .text(" to ")
        .plain(ArgumentKind::Date, first.1)
        .text(&format!(" in {path}, for "))
        .then(entity)
        .text(" in ")
        .plain(ArgumentKind::Year, year)
}

/// The related label at the first period.
pub fn first_label(start: &str) -> String {
    format!("the period starts {start} here")
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
