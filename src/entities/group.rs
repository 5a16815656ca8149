//! Submissions grouped by entity and performance year, as CMS files them,
//! and what CMS makes of each group: the submission it keeps and whether
//! conflicting values zero the category.

use std::collections::HashMap;
use std::sync::Arc;

use crate::catalog;

use crate::diagnostic::Site;

use super::entity::EntityKey;
use super::facts::{FactValue, FileFacts, SetFacts};

/// One PI measurement set of one file: `files[file].sets[set]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubmissionRef {
    pub file: usize,
    pub set: usize,
}

impl SubmissionRef {
    pub fn set<'a>(&self, files: &'a [FileFacts]) -> &'a SetFacts {
        &files[self.file].sets[self.set]
    }
}

/// Every submission of one entity for one year, in run order.
#[derive(Debug, Clone)]
pub struct EntityGroup {
    pub key: EntityKey,
    pub year: i64,
    pub members: Vec<SubmissionRef>,
}

/// What CMS makes of one entity and year it receives something for,
/// reduced to what X004 (an individual and a group submission under one
/// TIN) compares. In a practice most clinicians pair with the group file,
/// so this is made for tens of thousands of entities in a large run: a
/// fixed record with no allocation of its own, made straight from the
/// run's summaries for an entity submitted once, where the details
/// ([`FileFacts`]) are only taken for entities submitted more than once.
#[derive(Debug, Clone, PartialEq)]
pub struct Received<'a> {
    pub key: &'a EntityKey,
    pub year: i64,
    /// The head of the submission CMS keeps.
    pub kept: Site,
    /// The score that counts: the kept submission's, 0 when conflicting
    /// values zero the category.
    pub value: Option<f64>,
}

/// Two submissions of different types giving one measure different values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub earlier: SubmissionRef,
    pub later: SubmissionRef,
    pub measure: Arc<str>,
}

/// What CMS would make of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityScore {
    /// The submission CMS keeps: the highest predicted score, the first of
    /// equals; `None` when no submission can be scored.
    pub kept: Option<SubmissionRef>,
    /// The score that counts: the kept one's, or 0 when conflicting values
    /// zero the category this year.
    pub value: Option<f64>,
    /// Conflicting values zeroed the category (scoring.md §11 M4).
    pub zeroed_by_conflict: bool,
    /// The zero rests on a policy the sources disagree on (2024).
    pub assumption: Option<String>,
}

/// Groups every file's PI sets by entity and year; groups come in the order
/// of their first submission, so output follows the run's (sorted) order.
pub fn group(files: &[FileFacts]) -> Vec<EntityGroup> {
    let mut index: HashMap<(&EntityKey, i64), usize> = HashMap::new();
    let mut groups: Vec<EntityGroup> = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        let at = *index.entry((&file.entity, file.year)).or_insert_with(|| {
            groups.push(EntityGroup {
                key: file.entity.clone(),
                year: file.year,
                members: Vec::new(),
            });
            groups.len() - 1
        });
        // Exact: most groups have one submission, and a first push would
        // make room for four.
        groups[at].members.reserve_exact(file.sets.len());
        for set in 0..file.sets.len() {
            groups[at].members.push(SubmissionRef {
                file: file_index,
                set,
            });
        }
    }
    groups
}

/// The items collected without spare room: every group's received list
/// is held together while the findings are computed.
fn exact<T>(items: impl Iterator<Item = T> + Clone) -> Vec<T> {
    let mut out = Vec::with_capacity(items.clone().count());
    out.extend(items);
    out
}

impl EntityGroup {
    /// Whether the group holds submissions from more than one file.
    pub fn spans_files(&self) -> bool {
        self.members
            .first()
            .is_some_and(|first| self.members.iter().any(|m| m.file != first.file))
    }

    /// The group as CMS would hold it: only the submissions it accepts and
    /// scores (a file with a structural error, or a set rejected before
    /// scoring, never becomes a submission).
    pub fn received(&self, files: &[FileFacts]) -> EntityGroup {
        EntityGroup {
            key: self.key.clone(),
            year: self.year,
            members: exact(
                self.members
                    .iter()
                    .copied()
                    .filter(|m| files[m.file].accepted && m.set(files).score.is_some()),
            ),
        }
    }

    /// [`EntityGroup::received`], in place: the run's groups are held while
    /// the findings are computed, so they are filtered, not copied.
    pub fn into_received(mut self, files: &[FileFacts]) -> EntityGroup {
        self.members
            .retain(|m| files[m.file].accepted && m.set(files).score.is_some());
        self
    }

    /// Every measure whose value differs between two received submissions
    /// of different types (`submissionMethod`), once per later submission
    /// and measure, against the first earlier submission that differs. Sets
    /// without a method are not compared: their type is unknown.
    pub fn conflicts(&self, files: &[FileFacts]) -> Vec<Conflict> {
        let received = self.received(files);
        // Per measure and method, the first two distinct values and where
        // each was first seen. The earliest submission of a method whose
        // value differs from V is that method's first value if it is not V,
        // else its second distinct value: so a group of 100,000 submissions
        // is compared in one pass, not pairwise.
        type Firsts<'a> = Vec<(&'a str, Vec<(&'a FactValue, SubmissionRef)>)>;
        let mut seen: HashMap<&str, Firsts<'_>> = HashMap::new();
        let mut out = Vec::new();
        for later in &received.members {
            let set = later.set(files);
            let Some(method) = set.submission_method.as_deref() else {
                continue;
            };
            for measure in &set.measures {
                let earlier = seen
                    .get(&*measure.id)
                    .into_iter()
                    .flatten()
                    .filter(|(other, _)| *other != method)
                    .filter_map(|(_, values)| {
                        values
                            .iter()
                            .find(|(value, _)| **value != measure.value)
                            .map(|(_, at)| *at)
                    })
                    // Members come in run order, as refs sort.
                    .min();
                if let Some(earlier) = earlier {
                    out.push(Conflict {
                        earlier,
                        later: *later,
                        measure: Arc::clone(&measure.id),
                    });
                }
            }
            for measure in &set.measures {
                let methods = seen.entry(&*measure.id).or_default();
                let at = match methods.iter().position(|(m, _)| *m == method) {
                    Some(at) => at,
                    None => {
                        methods.push((method, Vec::new()));
                        methods.len() - 1
                    }
                };
                let values = &mut methods[at].1;
                if values.len() < 2 && values.iter().all(|(v, _)| **v != measure.value) {
                    values.push((&measure.value, *later));
                }
            }
        }
        out
    }

    /// The submission CMS keeps and the score that counts for the entity.
    pub fn score(&self, files: &[FileFacts]) -> EntityScore {
        let mut kept: Option<(SubmissionRef, f64)> = None;
        for member in &self.members {
            let Some(score) = member.set(files).score else {
                continue;
            };
            if kept.is_none_or(|(_, best)| score > best) {
                kept = Some((*member, score));
            }
        }
        let policy = catalog::year(self.year)
            .filter(|c| c.conflicting_values_score_zero)
            .map(|c| c.conflicting_values_source.as_str());
        let zeroed = policy.is_some() && !self.conflicts(files).is_empty();
        let assumption = policy
            .filter(|source| zeroed && source.starts_with("UNCONFIRMED"))
            .map(str::to_owned);
        EntityScore {
            kept: kept.map(|(r, _)| r),
            value: if zeroed {
                Some(0.0)
            } else {
                kept.map(|(_, s)| s)
            },
            zeroed_by_conflict: zeroed,
            assumption,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::facts::{MeasureFact, Position};
    use crate::model::SourceFormat;

    fn at() -> Position {
        Position {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            pointer: "".into(),
        }
    }

    fn file(path: &str, tin: &str, year: i64, method: &str, ep: u64, score: f64) -> FileFacts {
        FileFacts {
            path: path.into(),
            format: SourceFormat::Json,
            entity: EntityKey::Group { tin: tin.into() },
            year,
            accepted: true,
            sets: vec![SetFacts {
                head: at(),
                submission_method: Some(method.into()),
                period: None,
                measures: vec![MeasureFact {
                    id: "PI_EP_1".into(),
                    value: FactValue::Proportion(ep, 100),
                    at: at(),
                }],
                score: Some(score),
            }],
        }
    }

    #[test]
    fn groups_by_entity_and_year_in_run_order() {
        let files = [
            file("a", "000111111", 2025, "registry", 1, 80.0),
            file("b", "000222222", 2025, "registry", 1, 80.0),
            file("c", "000111111", 2025, "registry", 1, 90.0),
            file("d", "000111111", 2024, "registry", 1, 90.0),
        ];
        let groups = group(&files);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].members.len(), 2);
        assert!(groups[0].spans_files());
        assert!(!groups[1].spans_files());
        assert_eq!(groups[2].year, 2024);
    }

    #[test]
    fn the_highest_score_is_kept_the_first_of_equals() {
        let files = [
            file("a", "000111111", 2025, "registry", 1, 80.0),
            file("b", "000111111", 2025, "registry", 2, 95.0),
            file("c", "000111111", 2025, "registry", 3, 95.0),
        ];
        let score = group(&files)[0].score(&files);
        assert_eq!(score.kept.map(|k| k.file), Some(1));
        assert_eq!(score.value, Some(95.0));
    }

    #[test]
    fn conflicts_need_different_types_and_values() {
        let files = [
            file("a", "000111111", 2023, "registry", 10, 80.0),
            file("b", "000111111", 2023, "registry", 20, 90.0),
            file("c", "000111111", 2023, "electronicHealthRecord", 10, 85.0),
            file("d", "000111111", 2023, "electronicHealthRecord", 30, 85.0),
        ];
        let groups = group(&files);
        let conflicts = groups[0].conflicts(&files);
        // b vs a: same type; c vs b (20 ≠ 10, first earlier that differs);
        // d vs a.
        let pairs: Vec<(usize, usize)> = conflicts
            .iter()
            .map(|c| (c.later.file, c.earlier.file))
            .collect();
        assert_eq!(pairs, [(2, 1), (3, 0)]);
        // 2023: conflicting values score the category 0.
        let score = groups[0].score(&files);
        assert!(score.zeroed_by_conflict);
        assert_eq!(score.value, Some(0.0));
        assert_eq!(score.assumption, None);
    }

    #[test]
    fn rejected_files_do_not_conflict() {
        let mut files = [
            file("a", "000111111", 2023, "registry", 10, 80.0),
            file("b", "000111111", 2023, "electronicHealthRecord", 20, 90.0),
        ];
        files[1].accepted = false;
        let groups = group(&files);
        assert!(groups[0].conflicts(&files).is_empty());
        assert_eq!(groups[0].received(&files).members.len(), 1);
    }

    #[test]
    fn from_2025_the_highest_is_kept_despite_conflicts() {
        let files = [
            file("a", "000111111", 2025, "registry", 10, 80.0),
            file("b", "000111111", 2025, "electronicHealthRecord", 20, 90.0),
        ];
        let groups = group(&files);
        assert_eq!(groups[0].conflicts(&files).len(), 1);
        let score = groups[0].score(&files);
        assert!(!score.zeroed_by_conflict);
        assert_eq!(score.value, Some(90.0));
    }

    #[test]
    fn in_2024_the_highest_is_kept() {
        // The 2025 PI Guide: the highest is kept beginning with 2024.
        let files = [
            file("a", "000111111", 2024, "registry", 10, 80.0),
            file("b", "000111111", 2024, "electronicHealthRecord", 20, 90.0),
        ];
        let score = group(&files)[0].score(&files);
        assert!(!score.zeroed_by_conflict);
        assert_eq!(score.value, Some(90.0));
    }
}
