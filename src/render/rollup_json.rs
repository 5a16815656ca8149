//! `pilint rollup --format json`: one JSON document, described in
//! `schemas/output.schema.json` as `$defs/rollupDocument`.
//!
//! ```json
//! {
//!   "version": 1,
//!   "participantList": true,
//!   "rollups": [{
//!     "performanceYear": 2025,
//!     "score": 60.83, "counted": 6, "sum": 365,
//!     "clinicians": [{
//!       "tin": "000111111", "npi": "1234567893", "status": "required",
//!       "individual": {"score": 95, "path": "…", "zeroedByConflict": false},
//!       "group": null, "score": 95, "from": "individual", "counts": true,
//!       "note": null
//!     }],
//!     "unattributedGroups": [], "entityLevel": [],
//!     "publicReporting": {"participants": 8, "earnedScore": 5,
//!       "metWithoutExclusion": 4, "excludedReportedVoluntarily": 1,
//!       "requiredWithoutScore": 1},
//!     "assumptions": []
//!   }]
//! }
//! ```
//!
//! Scores are numbers (whole numbers without a fraction); `score` is
//! unrounded; a `null` score means CMS cannot score the submission.

use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};

use crate::crossfile::rollup::{PublicReporting, Rollup, Row, Submitted};
use crate::render::score_json::points_value;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    version: u32,
    participant_list: bool,
    rollups: Vec<RollupOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RollupOut<'a> {
    performance_year: i64,
    score: Option<Value>,
    counted: usize,
    sum: Value,
    clinicians: Vec<RowOut<'a>>,
    unattributed_groups: Vec<GroupOut<'a>>,
    entity_level: Vec<EntityOut<'a>>,
    public_reporting: Option<CountsOut>,
    assumptions: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubmittedOut<'a> {
    score: Option<Value>,
    path: &'a str,
    zeroed_by_conflict: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RowOut<'a> {
    tin: &'a str,
    npi: &'a str,
    status: Option<&'static str>,
    individual: Option<SubmittedOut<'a>>,
    group: Option<SubmittedOut<'a>>,
    score: Value,
    from: &'static str,
    counts: bool,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    tin: &'a str,
    #[serde(flatten)]
    submitted: SubmittedOut<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntityOut<'a> {
    entity_id: &'a str,
    #[serde(flatten)]
    submitted: SubmittedOut<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CountsOut {
    participants: usize,
    earned_score: usize,
    met_without_exclusion: usize,
    excluded_reported_voluntarily: usize,
    required_without_score: usize,
}

fn submitted(s: &Submitted) -> SubmittedOut<'_> {
    SubmittedOut {
        score: s.score.map(points_value),
        path: &s.path,
        zeroed_by_conflict: s.zeroed_by_conflict,
    }
}

fn row(r: &Row) -> RowOut<'_> {
    RowOut {
        tin: &r.tin,
        npi: &r.npi,
        status: r.status.map(|s| s.as_str()),
        individual: r.individual.as_ref().map(submitted),
        group: r.group.as_ref().map(submitted),
        score: points_value(r.score),
        from: r.source.as_str(),
        counts: r.counts,
        note: r.note.as_deref(),
    }
}

fn counts(c: &PublicReporting) -> CountsOut {
    CountsOut {
        participants: c.participants,
        earned_score: c.earned_score,
        met_without_exclusion: c.met_without_exclusion,
        excluded_reported_voluntarily: c.excluded_reported_voluntarily,
        required_without_score: c.required_without_score,
    }
}

/// The document, in memory.
pub fn render(rollups: &[Rollup], participant_list: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(rollups, participant_list, &mut bytes);
    bytes
}

/// Writes the document to `out` as it is serialized: a roll-up over
/// 100,000 files is a document of tens of megabytes, which a string would
/// hold whole (and, grown by doubling, up to twice over) on top of the
/// roll-up itself.
pub fn write(rollups: &[Rollup], participant_list: bool, out: &mut dyn Write) -> io::Result<()> {
    let document = Document {
        version: 1,
        participant_list,
        rollups: rollups
            .iter()
            .map(|r| RollupOut {
                performance_year: r.year,
                score: r.score.map(points_value),
                counted: r.counted,
                sum: points_value(r.sum),
                clinicians: r.rows.iter().map(row).collect(),
                unattributed_groups: r
                    .unattributed_groups
                    .iter()
                    .map(|g| GroupOut {
                        tin: &g.tin,
                        submitted: submitted(&g.submitted),
                    })
                    .collect(),
                entity_level: r
                    .entity_level
                    .iter()
                    .map(|e| EntityOut {
                        entity_id: &e.entity_id,
                        submitted: submitted(&e.submitted),
                    })
                    .collect(),
                public_reporting: r.public_reporting.as_ref().map(counts),
                assumptions: &r.assumptions,
            })
            .collect(),
    };
    // Serializing plain structs of strings and numbers fails only when
    // writing does.
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
