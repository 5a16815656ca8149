//! The APM entity PI roll-up (`pilint rollup`).
//!
//! When an ACO does not report PI at the APM entity level, CMS computes the
//! entity's PI score from its participants' scores: each TIN/NPI contributes
//! the higher of its individual and its group score, and a MIPS eligible
//! clinician who reported nothing counts as 0 (scoring.md §11 M3, Shared
//! Savings Program CEHRT FAQ A4). The score is the average over the
//! clinicians, which weighs each TIN's score by its number of clinicians.
//!
//! Who counts, with a participant list ([`super::participants`]):
//!
//! - `required`: always; 0 without a score.
//! - `excluded`: only with a score (submitting PI data cancels the
//!   reweighting and the data are scored, scoring.md §10 W5); else left out.
//! - `qp`, `partial-qp`: never (QPs are excluded from MIPS, so not MIPS
//!   eligible clinicians of the roll-up); they still appear in the public
//!   reporting counts.
//!
//! Without a list, every TIN/NPI with an individual submission counts, and
//! a group submission whose clinicians are unknown is listed apart: its
//! weight is its number of clinicians, which only the list gives.
//!
//! The MSSP public-reporting counts (with a list): participants who earned
//! a PI score (any score, 0 included), participants who met the
//! requirement without an exclusion (not `excluded`, score above 0), and
//! excluded participants who reported voluntarily (`excluded` with a score).

use std::collections::{BTreeSet, HashMap};

use super::EntityOutcome;
use super::entity::EntityKey;
use super::participants::{Participant, Status};

/// One submitted score: the entity's, with the file CMS keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    /// `None` when no submission can be scored.
    pub score: Option<f64>,
    /// The file of the kept submission (else the first).
    pub path: String,
    /// Conflicting values zeroed the category (2023; 2024 assumed).
    pub zeroed_by_conflict: bool,
}

/// Which score counts for a clinician.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Individual,
    Group,
    /// No submission, or none CMS can score.
    None,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Individual => "individual",
            Source::Group => "group",
            Source::None => "none",
        }
    }
}

/// One TIN/NPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub tin: String,
    pub npi: String,
    /// From the participant list; `None` without one, or for a clinician
    /// the list does not name.
    pub status: Option<Status>,
    pub individual: Option<Submitted>,
    pub group: Option<Submitted>,
    /// The higher of the two scores; 0 for a clinician without a score.
    pub score: f64,
    pub source: Source,
    /// Whether the clinician is part of the average.
    pub counts: bool,
    /// Why the clinician is left out, or how the score was decided.
    pub note: Option<String>,
}

/// A group submission whose clinicians are unknown (no participant list,
/// no individual submission under its TIN).
#[derive(Debug, Clone, PartialEq)]
pub struct UnattributedGroup {
    pub tin: String,
    pub submitted: Submitted,
}

/// A PI submission at the APM entity level: CMS uses it instead of the
/// roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityLevel {
    pub entity_id: String,
    pub submitted: Submitted,
}

/// The MSSP public-reporting counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PublicReporting {
    pub participants: usize,
    pub earned_score: usize,
    pub met_without_exclusion: usize,
    pub excluded_reported_voluntarily: usize,
    /// `required` participants without a score.
    pub required_without_score: usize,
}

/// The roll-up of one performance year.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    pub year: i64,
    pub rows: Vec<Row>,
    /// Clinicians in the average, and the sum of their scores.
    pub counted: usize,
    pub sum: f64,
    /// sum / counted; `None` when nobody counts.
    pub score: Option<f64>,
    pub unattributed_groups: Vec<UnattributedGroup>,
    pub entity_level: Vec<EntityLevel>,
    /// Present with a participant list.
    pub public_reporting: Option<PublicReporting>,
    /// Assumptions the figures rest on (UNCONFIRMED policies).
    pub assumptions: Vec<String>,
}

/// Every year's roll-up: `year` (`--year`) alone, else every year with an
/// individual, group or APM entity submission, oldest first.
pub fn compute(
    groups: &[EntityOutcome<'_>],
    participants: Option<&[Participant]>,
    year: Option<i64>,
) -> Vec<Rollup> {
    let years: BTreeSet<i64> = match year {
        Some(year) => BTreeSet::from([year]),
        None => groups
            .iter()
            .filter(|g| {
                matches!(
                    g.key,
                    EntityKey::Individual { .. } | EntityKey::Group { .. } | EntityKey::Apm { .. }
                )
            })
            .map(|g| g.year)
            .collect(),
    };
    years
        .into_iter()
        .map(|year| one_year(groups, participants, year))
        .collect()
}

fn submitted(group: &EntityOutcome<'_>) -> Submitted {
    Submitted {
        score: group.score,
        path: group.path.to_owned(),
        zeroed_by_conflict: group.zeroed_by_conflict,
    }
}

fn one_year(
    groups: &[EntityOutcome<'_>],
    participants: Option<&[Participant]>,
    year: i64,
) -> Rollup {
    let mut assumptions: Vec<String> = Vec::new();
    let mut individuals: Vec<((String, String), Submitted)> = Vec::new();
    let mut by_tin: HashMap<String, Submitted> = HashMap::new();
    let mut entity_level = Vec::new();
    for group in groups.iter().filter(|g| g.year == year) {
        if let Some(assumption) = group.assumption
            && !assumptions.iter().any(|a| a == assumption)
        {
            assumptions.push(assumption.to_owned());
        }
        let submitted = submitted(group);
        match group.key {
            EntityKey::Individual { tin, npi } => {
                individuals.push(((tin.to_string(), npi.to_string()), submitted));
            }
            EntityKey::Group { tin } => {
                by_tin.insert(tin.to_string(), submitted);
            }
            EntityKey::Apm { id } => entity_level.push(EntityLevel {
                entity_id: id.to_string(),
                submitted,
            }),
            _ => {}
        }
    }
    // Borrowed: a copy of every clinician's submission doubled the roll-up.
    let individual_of: HashMap<(&str, &str), &Submitted> = individuals
        .iter()
        .map(|((tin, npi), submitted)| ((tin.as_str(), npi.as_str()), submitted))
        .collect();

    let mut rows: Vec<Row> = Vec::new();
    match participants {
        Some(list) => {
            for p in list {
                let individual = individual_of
                    .get(&(p.tin.as_str(), p.npi.as_str()))
                    .map(|s| (*s).clone());
                let group = by_tin.get(&p.tin).cloned();
                rows.push(row(&p.tin, &p.npi, Some(p.status), individual, group));
            }
            // Individual submissions the list does not name: shown, not counted.
            let listed: std::collections::HashSet<(&str, &str)> = list
                .iter()
                .map(|p| (p.tin.as_str(), p.npi.as_str()))
                .collect();
            for ((tin, npi), submitted) in &individuals {
                if !listed.contains(&(tin.as_str(), npi.as_str())) {
                    let mut row = row(
                        tin,
                        npi,
                        None,
                        Some(submitted.clone()),
                        by_tin.get(tin).cloned(),
                    );
                    row.counts = false;
                    row.note = Some("not in the participant list: left out".to_owned());
                    rows.push(row);
                }
            }
        }
        None => {
            for ((tin, npi), submitted) in &individuals {
                rows.push(row(
                    tin,
                    npi,
                    None,
                    Some(submitted.clone()),
                    by_tin.get(tin).cloned(),
                ));
            }
        }
    }

    let attributed: std::collections::HashSet<&str> = rows.iter().map(|r| r.tin.as_str()).collect();
    let mut unattributed_groups: Vec<UnattributedGroup> = by_tin
        .iter()
        .filter(|(tin, _)| !attributed.contains(tin.as_str()))
        .map(|(tin, submitted)| UnattributedGroup {
            tin: tin.clone(),
            submitted: submitted.clone(),
        })
        .collect();
    unattributed_groups.sort_by(|a, b| a.tin.cmp(&b.tin));

    let counted = rows.iter().filter(|r| r.counts).count();
    let sum: f64 = rows.iter().filter(|r| r.counts).map(|r| r.score).sum();
    let public_reporting = participants.map(|_| public_reporting(&rows));
    Rollup {
        year,
        counted,
        sum,
        score: (counted > 0).then(|| sum / counted as f64),
        rows,
        unattributed_groups,
        entity_level,
        public_reporting,
        assumptions,
    }
}

fn row(
    tin: &str,
    npi: &str,
    status: Option<Status>,
    individual: Option<Submitted>,
    group: Option<Submitted>,
) -> Row {
    let own = individual.as_ref().and_then(|s| s.score);
    let shared = group.as_ref().and_then(|s| s.score);
    // The higher counts; on a tie the individual one, which is the
    // clinician's own.
    let (score, source) = match (own, shared) {
        (Some(i), Some(g)) if g > i => (g, Source::Group),
        (Some(i), _) => (i, Source::Individual),
        (None, Some(g)) => (g, Source::Group),
        (None, None) => (0.0, Source::None),
    };
    let scored = source != Source::None;
    let (counts, note) = match status {
        None | Some(Status::Required) if scored => (true, None),
        None | Some(Status::Required) => (
            true,
            Some(
                "no PI score: counts as 0 (a MIPS eligible clinician who reported nothing)"
                    .to_owned(),
            ),
        ),
        Some(Status::Excluded) if scored => (
            true,
            Some("excluded, reported voluntarily: the data are scored".to_owned()),
        ),
        Some(Status::Excluded) => (
            false,
            Some("excluded: PI reweighted to 0%, left out".to_owned()),
        ),
        Some(Status::Qp | Status::PartialQp) => (
            false,
            Some(
                "QP or Partial QP: not a MIPS eligible clinician of the roll-up, left out"
                    .to_owned(),
            ),
        ),
    };
    Row {
        tin: tin.to_owned(),
        npi: npi.to_owned(),
        status,
        individual,
        group,
        score,
        source,
        counts,
        note,
    }
}

fn public_reporting(rows: &[Row]) -> PublicReporting {
    let mut counts = PublicReporting::default();
    for row in rows {
        let Some(status) = row.status else { continue };
        let scored = row.source != Source::None;
        counts.participants += 1;
        counts.earned_score += usize::from(scored);
        counts.met_without_exclusion +=
            usize::from(status != Status::Excluded && scored && row.score > 0.0);
        counts.excluded_reported_voluntarily += usize::from(status == Status::Excluded && scored);
        counts.required_without_score += usize::from(status == Status::Required && !scored);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One entity's 2025 outcome, as the collector reports it.
    fn file(path: &str, entity: EntityKey, score: Option<f64>) -> (String, EntityKey, Option<f64>) {
        (path.to_owned(), entity, score)
    }

    fn outcomes(files: &[(String, EntityKey, Option<f64>)]) -> Vec<EntityOutcome<'_>> {
        files
            .iter()
            .map(|(path, key, score)| EntityOutcome {
                key,
                year: 2025,
                score: *score,
                path,
                zeroed_by_conflict: false,
                assumption: None,
            })
            .collect()
    }

    fn individual(tin: &str, npi: &str) -> EntityKey {
        EntityKey::Individual {
            tin: tin.into(),
            npi: npi.into(),
        }
    }

    fn participant(tin: &str, npi: &str, status: Status) -> Participant {
        Participant {
            tin: tin.into(),
            npi: npi.into(),
            status,
        }
    }

    #[test]
    fn higher_of_individual_and_group_zero_for_silence_and_who_is_left_out() {
        let files = [
            file(
                "g.json",
                EntityKey::Group {
                    tin: "000111111".into(),
                },
                Some(80.0),
            ),
            file("a.json", individual("000111111", "1111111111"), Some(90.0)),
            file("b.json", individual("000111111", "2222222222"), Some(70.0)),
            file("c.json", individual("000222222", "3333333333"), Some(60.0)),
            file("d.json", individual("000222222", "4444444444"), Some(50.0)),
        ];
        let list = [
            participant("000111111", "1111111111", Status::Required), // 90 (own)
            participant("000111111", "2222222222", Status::Required), // 80 (group)
            participant("000111111", "5555555555", Status::Required), // 80 (group only)
            participant("000222222", "3333333333", Status::Required), // 60
            participant("000222222", "6666666666", Status::Required), // 0 (nothing)
            participant("000222222", "4444444444", Status::Excluded), // 50 (voluntary)
            participant("000222222", "7777777777", Status::Excluded), // left out
            participant("000333333", "8888888888", Status::Qp),       // left out
        ];
        let rollup = &compute(&outcomes(&files), Some(&list), None)[0];
        assert_eq!(rollup.year, 2025);
        let scores: Vec<(f64, bool)> = rollup.rows.iter().map(|r| (r.score, r.counts)).collect();
        assert_eq!(
            scores,
            [
                (90.0, true),
                (80.0, true),
                (80.0, true),
                (60.0, true),
                (0.0, true),
                (50.0, true),
                (0.0, false),
                (0.0, false)
            ]
        );
        // (90 + 80 + 80 + 60 + 0 + 50) / 6 = 360 / 6 = 60.
        assert_eq!(rollup.counted, 6);
        assert_eq!(rollup.sum, 360.0);
        assert_eq!(rollup.score, Some(60.0));
        assert_eq!(rollup.rows[1].source, Source::Group);
        assert_eq!(
            rollup.public_reporting,
            Some(PublicReporting {
                participants: 8,
                earned_score: 5,
                met_without_exclusion: 4,
                excluded_reported_voluntarily: 1,
                required_without_score: 1,
            })
        );
        assert!(rollup.unattributed_groups.is_empty());
    }

    #[test]
    fn without_a_list_group_only_tins_are_listed_apart() {
        let files = [
            file(
                "g.json",
                EntityKey::Group {
                    tin: "000111111".into(),
                },
                Some(80.0),
            ),
            file("a.json", individual("000222222", "1111111111"), Some(90.0)),
            file("b.json", individual("000222222", "2222222222"), None),
            file("e.json", EntityKey::Apm { id: "A1234".into() }, Some(77.0)),
        ];
        let rollup = &compute(&outcomes(&files), None, None)[0];
        assert_eq!(rollup.rows.len(), 2);
        // A submission CMS cannot score counts as 0.
        assert_eq!(rollup.score, Some(45.0));
        assert_eq!(rollup.unattributed_groups[0].tin, "000111111");
        assert_eq!(rollup.entity_level[0].submitted.score, Some(77.0));
        assert_eq!(rollup.public_reporting, None);
    }

    #[test]
    fn a_year_without_submissions_counts_everyone_required_as_zero() {
        let list = [participant("000111111", "1111111111", Status::Required)];
        let rollups = compute(&[], Some(&list), Some(2025));
        assert_eq!(rollups.len(), 1);
        assert_eq!(rollups[0].score, Some(0.0));
        assert!(compute(&[], None, None).is_empty());
    }
}
