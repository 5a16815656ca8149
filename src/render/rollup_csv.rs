//! `pilint rollup --format csv`: one row per clinician, for spreadsheets.
//!
//! Columns: `performanceYear, tin, npi, status, individualScore,
//! groupScore, score, from, counts, note`. An empty score cell means no
//! submission; `no score` means a submission CMS cannot score. A group
//! submission whose clinicians are unknown is a row with an empty `npi`
//! and `counts` false. The roll-up score is the average of `score` over
//! the rows where `counts` is `true`. Every cell goes through
//! [`csv_safe::cell`]: a value a spreadsheet would run as a formula is
//! written with a leading `'`.

use crate::crossfile::rollup::{Rollup, Submitted};
use crate::render::csv_safe;
use crate::score::points::number;

const HEADER: [&str; 10] = [
    "performanceYear",
    "tin",
    "npi",
    "status",
    "individualScore",
    "groupScore",
    "score",
    "from",
    "counts",
    "note",
];

fn cell(s: Option<&Submitted>) -> String {
    match s {
        None => String::new(),
        Some(Submitted { score: Some(v), .. }) => number(*v),
        Some(_) => "no score".to_owned(),
    }
}

pub fn render(rollups: &[Rollup]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into memory only fails on inconsistent row lengths, which
    // the fixed rows below rule out.
    let _ = writer.write_record(HEADER);
    for rollup in rollups {
        let year = rollup.year.to_string();
        for row in &rollup.rows {
            let _ = write_safe(
                &mut writer,
                [
                    year.as_str(),
                    &row.tin,
                    &row.npi,
                    row.status.map_or("", |s| s.as_str()),
                    &cell(row.individual.as_ref()),
                    &cell(row.group.as_ref()),
                    &number(row.score),
                    row.source.as_str(),
                    if row.counts { "true" } else { "false" },
                    row.note.as_deref().unwrap_or(""),
                ],
            );
        }
        for group in &rollup.unattributed_groups {
            let _ = write_safe(
                &mut writer,
                [
                    year.as_str(),
                    &group.tin,
                    "",
                    "",
                    "",
                    &cell(Some(&group.submitted)),
                    &cell(Some(&group.submitted)),
                    "group",
                    "false",
                    "group submission whose clinicians are unknown: pass --participants",
                ],
            );
        }
    }
    writer.into_inner().unwrap_or_default()
}

fn write_safe<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    record: [&str; 10],
) -> csv::Result<()> {
    writer.write_record(record.map(csv_safe::cell).iter().map(|c| c.as_bytes()))
}
