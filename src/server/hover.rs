//! Hovers: on a measure id, what CMS's measure data says of it for the
//! file's performance year; on a finding, its rule's documentation; on a
//! PI measurement set's head, the point-by-point score breakdown.

use compact_str::CompactString;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::check::Analysis;
use super::code_lens;
use crate::catalog::{self, MetricType, ReportingCategory};
use crate::lint::FileReport;
use crate::model::Node;
use crate::score::points::number;
use crate::score::table;
use crate::source::Span;

pub fn hover(analysis: &Analysis, position: Position) -> Option<Hover> {
    let report = analysis.report.as_ref()?;
    let positions = analysis.positions()?;
    let offset = positions.offset(position);
    let mut sections = Vec::new();
    let mut range = None;
    if let Some(id) = measure_id_at(report, offset) {
        sections.push(measure_text(&id.value, year(report)));
        range = Some(positions.range(id.loc.span));
    }
    let mut codes: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.span().is_some_and(|s| contains(s, offset)))
        .map(|d| d.code)
        .collect();
    codes.dedup();
    for code in codes {
        if let Some(rule) = crate::rules::registry::find_code(code) {
            sections.push(rule.docs());
        }
    }
    if let Some(set) = code_lens::pi_set_heads(report)
        .into_iter()
        .find(|span| contains(*span, offset))
    {
        sections.push(format!("```text\n{}```", code_lens::breakdown_text(report)));
        range.get_or_insert(positions.range(set));
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range,
    })
}

fn contains(span: Span, offset: usize) -> bool {
    span.start() <= offset && offset <= span.end()
}

/// The performance year whose rules were applied to the file.
fn year(report: &FileReport) -> Option<i64> {
    report.score.as_ref().and_then(|s| s.year).or_else(|| {
        report
            .submission
            .as_ref()
            .and_then(|s| s.performance_year.as_ref())
            .map(|y| y.value)
    })
}

fn measure_id_at(report: &FileReport, offset: usize) -> Option<&Node<CompactString>> {
    report
        .submission
        .as_ref()?
        .measurement_sets
        .iter()
        .flat_map(|set| &set.measurements)
        .filter_map(|m| m.measure_id.as_ref())
        .find(|id| contains(id.loc.span, offset))
}

/// A measure as CMS's measure data describes it in `year`.
pub fn measure_text(measure_id: &str, year: Option<i64>) -> String {
    let Some(year) = year else {
        return format!(
            "**{measure_id}**\n\nThe file has no performance year, so no measure data applies."
        );
    };
    let Some(catalog) = catalog::year(year) else {
        return format!(
            "**{measure_id}**\n\npilint has no measure data for performance year {year}."
        );
    };
    let Some(measure) = catalog.measure(measure_id) else {
        return format!(
            "**{measure_id}**\n\nNot a Promoting Interoperability measure in performance year {year}."
        );
    };
    let kind = match measure.metric_type {
        MetricType::Boolean => "yes/no attestation",
        MetricType::Proportion => "numerator/denominator",
    };
    let role = match (
        measure.reporting_category,
        measure.is_required,
        measure.is_bonus,
    ) {
        (Some(ReportingCategory::Exclusion), _, _) => "exclusion",
        (_, _, true) => "bonus",
        (_, true, _) => "required",
        _ => "optional",
    };
    let mut lines = vec![
        format!("**{}** — {}", measure.measure_id, measure.title),
        format!(
            "Performance year {year}{}",
            if catalog.provisional {
                " (provisional)"
            } else {
                ""
            }
        ),
        format!("- Objective: {}", measure.objective),
        format!("- Reported as: {kind}, {role}"),
        format!("- Maximum points: {}", max_points(measure_id, year)),
    ];
    if !measure.exclusion.is_empty() {
        let named: Vec<String> = measure
            .exclusion
            .iter()
            .map(|id| match catalog.measure(id) {
                Some(m) => format!("{id} ({})", m.title),
                None => id.clone(),
            })
            .collect();
        lines.push(format!("- Exclusions: {}", named.join("; ")));
    }
    if let Some(excluded) = catalog.excluded_measure(measure_id) {
        lines.push(format!("- Excludes: {excluded}"));
    }
    if catalog.is_suppressed(measure_id) {
        let note = catalog
            .suppression_notes
            .get(measure_id)
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        lines.push(format!("- Suppressed by CMS in {year}{note}"));
    }
    lines.push(format!(
        "\nSource: {}@{} ({})",
        catalog.source.repository, catalog.source.commit, catalog.source.path
    ));
    lines.join("\n")
}

/// The measure's points in the year's scoring table, before any
/// redistribution.
fn max_points(measure_id: &str, year: i64) -> String {
    let Some(table) = table::for_year(year) else {
        return "unknown (no scoring table for this year)".to_owned();
    };
    if let Some(scored) = table.scored_measure(measure_id) {
        return format!("{} (before redistribution)", number(scored.max));
    }
    if table
        .public_health
        .measures
        .iter()
        .any(|m| m.measure_id == measure_id)
    {
        return format!(
            "{} for the {} objective as a whole",
            number(table.public_health.points),
            table.public_health.label
        );
    }
    if table
        .bonus
        .measures
        .iter()
        .any(|m| m.measure_id == measure_id)
    {
        return format!("bonus {}, earned once", number(table.bonus.points));
    }
    if table
        .attestations
        .iter()
        .any(|a| a.measure_id == measure_id)
    {
        return "none: it must be answered yes, or the category scores 0".to_owned();
    }
    "none of its own".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_is_described_for_its_year() {
        let text = measure_text("PI_EP_1", Some(2025));
        assert!(text.contains("e-Prescribing"), "{text}");
        assert!(text.contains("Objective: electronicPrescribing"), "{text}");
        assert!(text.contains("Maximum points: 10"), "{text}");
        assert!(text.contains("PI_LVPP_1"), "{text}");
        assert!(measure_text("PI_NOPE", Some(2025)).contains("Not a Promoting"));
        assert!(measure_text("PI_EP_1", None).contains("no performance year"));
    }
}
