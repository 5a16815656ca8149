//! `--format html`: one self-contained report a quality manager can read,
//! print and forward. Inline CSS and inline SVG; no script, and nothing
//! loaded from anywhere (a link to a rule's page is only a link).
//!
//! The page is written as the run goes, like every format: the head when
//! the first file arrives, then one `<article>` per file (its score point
//! by point, the points within reach, its findings with source frames),
//! the cross-file findings, and at the end the summary by CMS consequence
//! and severity, the score chart, the files scoring 0 with what restores
//! a score, and the files grouped by practice. The renderer keeps only a
//! small entry per file for that end; CSS `order` shows the summary first.
//!
//! Templates (minijinja, `src/render/templates/`) escape every value: file
//! names and contents are hostile input. Identifiers are masked before a
//! renderer sees a report; the practice of a file is read from its (masked)
//! text, so it is shown exactly as the file's settings allow.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::OnceLock;

use minijinja::Environment;
use minijinja::value::Serde;
use serde::Serialize;

use crate::crossfile::rollup::{Rollup, Row, Submitted};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::model::{Node, SourceFormat};
use crate::render::html_frame::{FrameLine, frame};
use crate::render::position::{self, Placed};
use crate::render::score_table::{no_score, position};
use crate::render::{Origin, Renderer, Summary, Verdict, plural, summary_line};
use crate::rules::Consequence;
use crate::rules::url::url;
use crate::score::points::number;
use crate::score::{Breakdown, FileScore, Framework, Reason, SetResult, SetScore};

/// The templates, parsed once per process.
fn templates() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        let all = [
            ("style.css", include_str!("templates/style.css")),
            ("head.html", include_str!("templates/head.html")),
            ("macros.html", include_str!("templates/macros.html")),
            (
                "files_start.html",
                include_str!("templates/files_start.html"),
            ),
            ("file.html", include_str!("templates/file.html")),
            ("cross.html", include_str!("templates/cross.html")),
            ("end.html", include_str!("templates/end.html")),
            ("rollup.html", include_str!("templates/rollup.html")),
        ];
        for (name, source) in all {
            // The templates are part of the binary and a test renders
            // each: a syntax error cannot reach a user.
            env.add_template(name, source)
                .expect("embedded template parses");
        }
        env
    })
}

/// Renders template `name` with `context` into `out`.
fn write_template(name: &str, context: impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let template = templates().get_template(name).map_err(io::Error::other)?;
    let text = template
        .render(minijinja::Value::from(Serde(context)))
        .map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

#[derive(Serialize)]
struct Head {
    title: &'static str,
    subtitle: String,
    version: &'static str,
}

fn write_head(out: &mut dyn Write, title: &'static str, subtitle: String) -> io::Result<()> {
    write_template(
        "head.html",
        Head {
            title,
            subtitle,
            version: env!("CARGO_PKG_VERSION"),
        },
        out,
    )
}

/// Where the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing written.
    Start,
    /// The head is written and the files' section is open.
    Files,
    /// The files' section is closed.
    AfterFiles,
}

/// The HTML report of `pilint check`.
pub struct Html {
    show_score: bool,
    stage: Stage,
    /// One small entry per file, for the summary, the chart, the zeros
    /// and the practices.
    entries: Vec<Entry>,
    /// The anchor of each file, for the cross-file findings' links.
    anchors: HashMap<String, usize>,
    /// Findings by rule: name, worst consequence, count.
    rules: BTreeMap<&'static str, (&'static str, Consequence, usize)>,
    /// The views of the findings of the file or section being written.
    pending: Vec<FindingView>,
}

/// What the end of the page needs of one file.
struct Entry {
    path: String,
    practice: Option<String>,
    entity: Option<String>,
    verdict: Verdict,
    score: Option<f64>,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// For a file scoring 0: its reasons and what restores a score.
    zero: Option<Zero>,
}

struct Zero {
    reasons: Vec<(String, Option<&'static str>)>,
    restore: String,
}

impl Html {
    /// `show_score` adds each file's predicted score (`--no-score` turns
    /// it off, with the chart and the zeros).
    pub fn new(show_score: bool) -> Self {
        Html {
            show_score,
            stage: Stage::Start,
            entries: Vec::new(),
            anchors: HashMap::new(),
            rules: BTreeMap::new(),
            pending: Vec::new(),
        }
    }

    fn open(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.stage == Stage::Start {
            write_head(
                out,
                "pilint report",
                "MIPS Promoting Interoperability submission files checked before CMS sees them."
                    .to_owned(),
            )?;
            write_template("files_start.html", (), out)?;
            self.stage = Stage::Files;
        }
        Ok(())
    }

    fn close_files(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.open(out)?;
        if self.stage == Stage::Files {
            if self.entries.is_empty() {
                out.write_all(b"<p class=\"muted\">No file was checked.</p>\n")?;
            }
            out.write_all(b"</section>\n")?;
            self.stage = Stage::AfterFiles;
        }
        Ok(())
    }
}

impl Renderer for Html {
    fn shows_source(&self) -> bool {
        true
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.open(out)?;
        let index = self.entries.len();
        let id = anchor(index);
        for d in &report.diagnostics {
            self.finding(Origin::File(report), d, out)?;
        }
        let (practice, entity) = practice_and_entity(report);
        let verdict = Verdict::of(report);
        let score = report.score.as_ref().and_then(FileScore::total);
        let zero = zero_of(report);
        let view = FileView {
            id: id.clone(),
            path: report.path(),
            format: match report.format {
                SourceFormat::Json => "QPP JSON",
                SourceFormat::Qrda3 => "QRDA III",
            },
            verdict: VerdictView::of(verdict),
            year: report.score.as_ref().and_then(|s| s.year),
            entity: entity.clone(),
            counts: format!(
                "{}, {}, {} info",
                plural(report.count(Severity::Error), "error"),
                plural(report.count(Severity::Warning), "warning"),
                report.count(Severity::Info)
            ),
            score: self.show_score.then(|| score_view(report)),
            findings: std::mem::take(&mut self.pending),
        };
        write_template("file.html", minijinja::context! { f => Serde(view) }, out)?;
        for d in &report.diagnostics {
            let entry = self
                .rules
                .entry(d.code)
                .or_insert((d.name, d.consequence, 0));
            entry.1 = entry.1.max(d.consequence);
            entry.2 += 1;
        }
        self.anchors
            .entry(report.path().to_owned())
            .or_insert(index);
        self.entries.push(Entry {
            path: report.path().to_owned(),
            practice,
            entity,
            verdict,
            score,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            zero,
        });
        Ok(())
    }

    /// Findings are written inside their file's article or the run's
    /// section: each is kept as a view until that is written.
    fn finding(
        &mut self,
        origin: Origin<'_>,
        finding: &Diagnostic,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let number = self.pending.len() + 1;
        let anchor = match origin {
            Origin::File(_) => format!("{}-{number}", anchor(self.entries.len())),
            Origin::Run => format!("x{number}"),
        };
        let view = self.finding_view(origin, finding, anchor);
        self.pending.push(view);
        Ok(())
    }

    fn cross_file(&mut self, findings: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
        self.close_files(out)?;
        for finding in findings {
            self.finding(Origin::Run, finding, out)?;
        }
        let views = std::mem::take(&mut self.pending);
        for f in findings {
            let entry = self
                .rules
                .entry(f.code)
                .or_insert((f.name, f.consequence, 0));
            entry.1 = entry.1.max(f.consequence);
            entry.2 += 1;
        }
        write_template(
            "cross.html",
            minijinja::context! { findings => Serde(views) },
            out,
        )
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.close_files(out)?;
        let end = self.end_view(summary);
        write_template("end.html", end, out)
    }
}

/// `f1`, `f2`, …: a file's anchor (paths are not valid ids).
fn anchor(index: usize) -> String {
    format!("f{}", index + 1)
}

#[derive(Serialize)]
struct VerdictView {
    key: &'static str,
    label: &'static str,
    text: &'static str,
}

impl VerdictView {
    fn of(verdict: Verdict) -> VerdictView {
        let (key, label, text) = match verdict {
            Verdict::Rejected => (
                "rejected",
                "CMS would refuse",
                "The Submissions API or the QRDA III converter refuses the file or its PI set: nothing is stored, there is no score.",
            ),
            Verdict::Zero => (
                "zero",
                "would score 0",
                "CMS accepts the file and the PI category scores 0.",
            ),
            Verdict::Points => (
                "points",
                "losing points",
                "CMS accepts the file; PI points are lost or at risk.",
            ),
            Verdict::Ready => (
                "ready",
                "ready",
                "Nothing found that changes acceptance or score.",
            ),
            Verdict::NotChecked => (
                "not-checked",
                "not checked",
                "pilint could not read or finish checking the file.",
            ),
        };
        VerdictView { key, label, text }
    }
}

#[derive(Serialize)]
struct FileView<'a> {
    id: String,
    path: &'a str,
    format: &'static str,
    verdict: VerdictView,
    year: Option<i64>,
    entity: Option<String>,
    counts: String,
    score: Option<ScoreView>,
    findings: Vec<FindingView>,
}

#[derive(Serialize)]
struct FindingView {
    anchor: String,
    code: &'static str,
    name: &'static str,
    url: String,
    severity: &'static str,
    consequence: &'static str,
    consequence_label: &'static str,
    effect: &'static str,
    message: String,
    note: String,
    help: String,
    /// The entity and year of a finding about several files.
    entity: Option<String>,
    year: Option<i64>,
    /// `line:column` of the primary label, if it has a range.
    at: Option<String>,
    pointer: String,
    /// The primary label.
    site: SiteView,
    /// The reported file's lines around the label, when its text is at hand.
    frame: Vec<FrameLine>,
    frame_more: bool,
    related: Vec<SiteView>,
}

/// A label: its file (linked to the file's article when the report shows
/// it), `line:column`, node and what it is.
#[derive(Serialize)]
struct SiteView {
    path: String,
    /// The anchor of the file's article, when the report shows it.
    link: Option<String>,
    at: String,
    pointer: String,
    message: String,
}

/// "refused", "scores 0", "costs points", "no effect": a consequence in
/// the words of the summary.
fn consequence_label(consequence: Consequence) -> &'static str {
    match consequence {
        Consequence::Rejected => "CMS refuses",
        Consequence::Zero => "PI scores 0",
        Consequence::Points => "costs points",
        Consequence::None => "no effect at CMS",
    }
}

/// The CSS class of a consequence (`none` is grey).
fn consequence_key(consequence: Consequence) -> &'static str {
    consequence.as_str()
}

/// The practice a file is for (its TIN, or the entity id of a virtual
/// group, APM entity or subgroup) and its entity, as the file's text shows
/// them: masked unless the file's settings show identifiers.
fn practice_and_entity(report: &FileReport) -> (Option<String>, Option<String>) {
    let Some(submission) = &report.submission else {
        return (None, None);
    };
    let kind = submission.entity_type.as_ref().map(|n| n.value.as_str());
    let tin = submission
        .taxpayer_identification_number
        .as_ref()
        .map(|n| shown(report, n));
    let npi = submission
        .national_provider_identifier
        .as_ref()
        .map(|n| shown(report, n));
    let id = submission
        .entity_id
        .as_ref()
        .map(|n| n.value.trim().to_owned());
    match (kind, tin, npi, id) {
        (Some("individual"), Some(tin), Some(npi), _) => (
            Some(format!("TIN {tin}")),
            Some(format!("individual TIN {tin} / NPI {npi}")),
        ),
        (Some("group"), Some(tin), _, _) => {
            (Some(format!("TIN {tin}")), Some(format!("group TIN {tin}")))
        }
        (Some("virtualGroup"), _, _, Some(id)) => (
            Some(format!("virtual group {id}")),
            Some(format!("virtual group {id}")),
        ),
        (Some("apm"), _, _, Some(id)) => (
            Some(format!("APM entity {id}")),
            Some(format!("APM entity {id}")),
        ),
        (Some("subgroup"), _, _, Some(id)) => (
            Some(format!("subgroup {id}")),
            Some(format!("subgroup {id}")),
        ),
        (_, Some(tin), _, _) => (Some(format!("TIN {tin}")), None),
        _ => (None, None),
    }
}

/// An identifier as the report's text shows it: the real value when the
/// text at its field holds it (identifiers shown), else masked. Masking
/// is the default whenever the two cannot be matched.
fn shown(report: &FileReport, node: &Node<String>) -> String {
    let real = node.value.trim();
    let span = report.source.clamp_span(node.loc.span);
    let text = report.source.text[span.range()].trim_matches(['"', '\'']);
    if !real.is_empty() && text == real {
        real.to_owned()
    } else {
        crate::mask::mask_value(real)
    }
}

#[derive(Serialize, Default)]
struct ScoreView {
    total: Option<String>,
    headline: String,
    /// Why there is no score at all (no set can be scored).
    reasons: Vec<ReasonView>,
    sets: Vec<SetView>,
    weight: Option<String>,
}

#[derive(Serialize, Default)]
struct SetView {
    pointer: String,
    method: String,
    headline: String,
    kept: bool,
    /// `scored`, `zero` or `rejected`.
    kind: &'static str,
    measures: Vec<MeasureRow>,
    total_line: String,
    redistributions: Vec<String>,
    reasons: Vec<ReasonView>,
    restore: Vec<ChangeView>,
    notes: Vec<String>,
    footnotes: Vec<String>,
}

#[derive(Serialize)]
struct MeasureRow {
    id: String,
    answer: String,
    max: String,
    formula: String,
    points: String,
    marks: String,
    /// `52/115 would give 5`.
    reach: Option<String>,
}

#[derive(Serialize)]
struct ReasonView {
    gate: Option<String>,
    code: String,
    at: String,
    message: String,
    rule: Option<&'static str>,
    url: Option<String>,
}

#[derive(Serialize)]
struct ChangeView {
    change: String,
    rule: Option<&'static str>,
    url: Option<String>,
}

fn score_view(report: &FileReport) -> ScoreView {
    let score = report.score.as_ref();
    let total = score.and_then(FileScore::total);
    let mut view = ScoreView {
        total: total.map(number),
        headline: match total {
            Some(total) => format!("{}/100", number(total)),
            None => "no score".to_owned(),
        },
        ..ScoreView::default()
    };
    let Some(score) = score else {
        view.reasons = no_score_views(report);
        return view;
    };
    if score.sets.is_empty() || total.is_none() {
        view.reasons = no_score_views(report);
    }
    let best = score.best().map(|b| b.loc.pointer.to_string());
    view.sets = score
        .sets
        .iter()
        .map(|set| set_view(report, set, best.as_deref()))
        .collect();
    if let (Some(total), Some(weight)) = (total, score.weight(Framework::Mips)) {
        view.weight = Some(format!(
            "PI is {}% of the {} final score: {} × {}% = {} points.",
            number(weight.percent),
            weight.label,
            number(total),
            number(weight.percent),
            number(score.weighted(Framework::Mips).unwrap_or_default())
        ));
    }
    view
}

fn no_score_views(report: &FileReport) -> Vec<ReasonView> {
    no_score(report)
        .into_iter()
        .map(|r| ReasonView {
            gate: None,
            at: position(&report.source, r.loc.as_ref()),
            code: r.code,
            message: r.message,
            rule: r.rule,
            url: r.rule.map(url),
        })
        .collect()
}

fn reason_view(report: &FileReport, reason: &Reason) -> ReasonView {
    ReasonView {
        gate: reason.gate.clone(),
        code: reason.code.clone(),
        at: position(&report.source, reason.loc.as_ref()),
        message: reason.message.clone(),
        rule: reason.rule,
        url: reason.rule.map(url),
    }
}

fn set_view(report: &FileReport, set: &SetScore, best: Option<&str>) -> SetView {
    let pointer = set.loc.pointer.to_string();
    let footnotes: Vec<String> = set.assumptions().into_iter().map(str::to_owned).collect();
    let mut view = SetView {
        kept: best == Some(pointer.as_str()),
        pointer: if pointer.is_empty() {
            "(the body)".to_owned()
        } else {
            pointer
        },
        method: [&set.submission_method, &set.program_name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        headline: set
            .total()
            .map_or_else(|| "no score".to_owned(), |t| format!("{}/100", number(t))),
        ..SetView::default()
    };
    match &set.result {
        SetResult::Rejected(reasons) => {
            view.kind = "rejected";
            view.reasons = reasons.iter().map(|r| reason_view(report, r)).collect();
        }
        SetResult::Zero { reasons, notes } => {
            view.kind = "zero";
            view.reasons = reasons.iter().map(|r| reason_view(report, r)).collect();
            view.restore = crate::score::reach::restore(reasons)
                .into_iter()
                .map(|c| ChangeView {
                    url: c.rule.map(url),
                    rule: c.rule,
                    change: c.change,
                })
                .collect();
            view.notes = notes.clone();
        }
        SetResult::Scored(breakdown) => {
            view.kind = "scored";
            scored(&mut view, breakdown, &footnotes);
        }
    }
    view.footnotes = footnotes;
    view
}

fn scored(view: &mut SetView, b: &Breakdown, footnotes: &[String]) {
    let marks = |assumptions: &[String]| -> String {
        assumptions
            .iter()
            .filter_map(|a| footnotes.iter().position(|f| f == a))
            .map(|i| format!("[{}]", i + 1))
            .collect()
    };
    view.measures = b
        .measures
        .iter()
        .map(|m| MeasureRow {
            id: m.measure_id.clone(),
            answer: m.answer.clone(),
            max: if m.excluded {
                "-".to_owned()
            } else {
                number(m.max)
            },
            formula: m.formula.clone(),
            points: number(m.points),
            marks: marks(&m.assumptions),
            reach: m.next_point.map(|next| {
                let denominator = m.answer.split_once('/').map_or("", |(_, d)| d);
                format!(
                    "{}/{denominator} would give {}",
                    next.numerator,
                    number(next.points)
                )
            }),
        })
        .collect();
    let bonus = &b.bonus;
    let answers: Vec<String> = bonus
        .measures
        .iter()
        .map(|m| format!("{} {}", m.measure_id, m.answer))
        .collect();
    view.measures.push(MeasureRow {
        id: "Bonus".to_owned(),
        answer: if answers.is_empty() {
            "none reported".to_owned()
        } else {
            answers.join("; ")
        },
        max: number(bonus.max),
        formula: bonus.formula.clone(),
        points: number(bonus.points),
        marks: marks(&bonus.assumptions),
        reach: None,
    });
    view.redistributions = b
        .redistributions
        .iter()
        .map(|m| format!("{} {}{}", m.rule, m.message, marks(&m.assumptions)))
        .collect();
    let mut terms: Vec<String> = b
        .measures
        .iter()
        .filter(|m| m.points > 0.0)
        .map(|m| number(m.points))
        .collect();
    if bonus.points > 0.0 {
        terms.push(format!("bonus {}", number(bonus.points)));
    }
    let sum = if terms.is_empty() {
        "0".to_owned()
    } else {
        terms.join(" + ")
    };
    view.total_line = if b.subtotal > b.cap {
        format!(
            "Total: {sum} = {}, capped at {} → {}/100",
            number(b.subtotal),
            number(b.cap),
            number(b.total)
        )
    } else {
        format!("Total: {sum} = {}/100", number(b.total))
    };
}

/// The reasons of a file scoring 0 and what restores a score.
fn zero_of(report: &FileReport) -> Option<Zero> {
    let score = report.score.as_ref()?;
    if score.total()? > 0.0 {
        return None;
    }
    let SetResult::Zero { reasons, .. } = &score.best()?.result else {
        return None;
    };
    let changes = crate::score::reach::restore(reasons);
    let restore = match changes.as_slice() {
        [one] => format!("The one change that restores a score: {}", one.change),
        all => format!(
            "To restore a score, all {} changes are needed: {}",
            all.len(),
            all.iter()
                .map(|c| c.change.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    Some(Zero {
        reasons: reasons.iter().map(|r| (r.code.clone(), r.rule)).collect(),
        restore,
    })
}

impl Html {
    /// The view of one finding, about one file or several.
    fn finding_view(&self, origin: Origin<'_>, d: &Diagnostic, anchor: String) -> FindingView {
        let primary = position::primary(origin, d);
        let (frame, frame_more) = match (origin, d.span()) {
            (Origin::File(report), Some(span)) => frame(&report.source, span),
            _ => Default::default(),
        };
        FindingView {
            anchor,
            code: d.code,
            name: d.name,
            url: url(d.code),
            severity: d.severity.as_str(),
            consequence: consequence_key(d.consequence),
            consequence_label: consequence_label(d.consequence),
            effect: d.consequence.effect(),
            message: d.message.clone(),
            note: d.note.to_string(),
            help: d.help.to_string(),
            entity: d.subject.as_ref().map(|s| s.entity.clone()),
            year: d.subject.as_ref().map(|s| s.year),
            at: primary.at.map(|at| format!("{}:{}", at.line, at.column)),
            pointer: primary.pointer.to_owned(),
            site: self.site_view(&primary),
            frame,
            frame_more,
            related: d
                .related
                .iter()
                .map(|label| self.site_view(&position::place(origin, label)))
                .collect(),
        }
    }

    fn site_view(&self, place: &Placed<'_>) -> SiteView {
        let at = place.at_or_start();
        SiteView {
            path: place.path.to_owned(),
            link: self.anchors.get(place.path).map(|&i| anchor(i)),
            at: format!("{}:{}", at.line, at.column),
            pointer: place.pointer.to_owned(),
            message: place.message.to_owned(),
        }
    }

    fn end_view(&self, summary: &Summary) -> EndView {
        let v = &summary.verdicts;
        let verdicts: Vec<CountView> = [
            (Verdict::Rejected, v.rejected),
            (Verdict::Zero, v.zero),
            (Verdict::Points, v.points),
            (Verdict::Ready, v.ready),
            (Verdict::NotChecked, v.not_checked),
        ]
        .into_iter()
        .map(|(verdict, count)| {
            let view = VerdictView::of(verdict);
            CountView {
                key: view.key,
                label: view.label,
                count,
            }
        })
        .collect();
        let severities = vec![
            CountView {
                key: "error",
                label: "errors",
                count: summary.errors,
            },
            CountView {
                key: "warning",
                label: "warnings",
                count: summary.warnings,
            },
            CountView {
                key: "info",
                label: "info",
                count: summary.infos,
            },
        ];
        EndView {
            line: summary_line(summary),
            files: summary.files,
            verdict_bar: verdict_bar(&verdicts),
            verdicts,
            severities,
            show_score: self.show_score,
            chart: self.chart(),
            zeros: self.zeros(),
            practices: self.practices(),
            rules: self
                .rules
                .iter()
                .map(|(code, (name, consequence, count))| RuleView {
                    code,
                    name,
                    url: url(code),
                    consequence: consequence_label(*consequence),
                    count: *count,
                })
                .collect(),
        }
    }

    fn zeros(&self) -> Vec<ZeroView> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let zero = e.zero.as_ref()?;
                Some(ZeroView {
                    id: anchor(i),
                    path: e.path.clone(),
                    reasons: zero
                        .reasons
                        .iter()
                        .map(|(code, rule)| ZeroReason {
                            code: code.clone(),
                            rule: *rule,
                            url: rule.map(url),
                        })
                        .collect(),
                    restore: zero.restore.clone(),
                })
            })
            .collect()
    }

    /// Files grouped by practice, practices in name order, files whose
    /// entity is not known last.
    fn practices(&self) -> Vec<PracticeView> {
        let mut groups: BTreeMap<(bool, &str), Vec<usize>> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let key = match &e.practice {
                Some(p) => (false, p.as_str()),
                None => (true, "Entity not known"),
            };
            groups.entry(key).or_default().push(i);
        }
        groups
            .into_iter()
            .map(|((_, name), files)| PracticeView {
                name: name.to_owned(),
                files: files
                    .into_iter()
                    .map(|i| {
                        let e = &self.entries[i];
                        EntryView {
                            id: anchor(i),
                            path: e.path.clone(),
                            entity: e.entity.clone().unwrap_or_else(|| "-".to_owned()),
                            verdict: VerdictView::of(e.verdict),
                            score: e.score.map_or_else(|| "no score".to_owned(), number),
                            errors: e.errors,
                            warnings: e.warnings,
                            infos: e.infos,
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    fn chart(&self) -> ChartView {
        const LABELS: [&str; 7] = ["0", "1-24", "25-49", "50-74", "75-99", "100", "no score"];
        let mut counts = [0usize; 7];
        for e in &self.entries {
            let bucket = match e.score {
                None => 6,
                Some(s) if s <= 0.0 => 0,
                Some(s) if s >= 100.0 => 5,
                Some(s) if s < 25.0 => 1,
                Some(s) => (2 + ((s - 25.0) / 25.0) as usize).min(4),
            };
            counts[bucket] += 1;
        }
        let (left, top, bar_width, gap, plot_height) = (10, 18, 64, 16, 150);
        let base = top + plot_height;
        let most = counts.iter().copied().max().unwrap_or(0).max(1);
        let bars = LABELS
            .iter()
            .zip(counts)
            .enumerate()
            .map(|(i, (label, count))| {
                let height = count * plot_height / most;
                let x = left + i * (bar_width + gap);
                BarView {
                    label,
                    count,
                    class: match i {
                        0 => "zero",
                        5 => "full",
                        6 => "none",
                        _ => "",
                    },
                    x,
                    y: base - height,
                    width: bar_width,
                    height,
                    middle: x + bar_width / 2,
                    count_y: base - height - 4,
                }
            })
            .collect();
        let scored: usize = counts[..6].iter().sum();
        ChartView {
            width: left * 2 + LABELS.len() * (bar_width + gap),
            height: base + 22,
            left,
            right: left + LABELS.len() * (bar_width + gap) - gap,
            base,
            label_y: base + 16,
            bars,
            caption: format!(
                "{} with a predicted PI score, {} scoring 0, {} without a score.",
                plural(scored, "file"),
                counts[0],
                counts[6]
            ),
        }
    }
}

/// A bar of 600 units split by verdict.
fn verdict_bar(verdicts: &[CountView]) -> VerdictBar {
    const WIDTH: usize = 600;
    let total: usize = verdicts.iter().map(|v| v.count).sum();
    let mut x = 0;
    let segments = verdicts
        .iter()
        .filter(|v| v.count > 0)
        .map(|v| {
            let width = (v.count * WIDTH).div_ceil(total.max(1)).min(WIDTH - x);
            let segment = Segment {
                key: v.key,
                label: v.label,
                count: v.count,
                x,
                width,
            };
            x += width;
            segment
        })
        .collect();
    VerdictBar {
        width: WIDTH,
        segments,
    }
}

#[derive(Serialize)]
struct EndView {
    line: String,
    files: usize,
    verdicts: Vec<CountView>,
    verdict_bar: VerdictBar,
    severities: Vec<CountView>,
    show_score: bool,
    chart: ChartView,
    zeros: Vec<ZeroView>,
    practices: Vec<PracticeView>,
    rules: Vec<RuleView>,
}

#[derive(Serialize)]
struct CountView {
    key: &'static str,
    label: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct VerdictBar {
    width: usize,
    segments: Vec<Segment>,
}

#[derive(Serialize)]
struct Segment {
    key: &'static str,
    label: &'static str,
    count: usize,
    x: usize,
    width: usize,
}

#[derive(Serialize)]
struct ChartView {
    width: usize,
    height: usize,
    left: usize,
    right: usize,
    base: usize,
    label_y: usize,
    bars: Vec<BarView>,
    caption: String,
}

#[derive(Serialize)]
struct BarView {
    label: &'static str,
    count: usize,
    class: &'static str,
    x: usize,
    y: usize,
    width: usize,
    height: usize,
    middle: usize,
    count_y: usize,
}

#[derive(Serialize)]
struct ZeroView {
    id: String,
    path: String,
    reasons: Vec<ZeroReason>,
    restore: String,
}

#[derive(Serialize)]
struct ZeroReason {
    code: String,
    rule: Option<&'static str>,
    url: Option<String>,
}

#[derive(Serialize)]
struct PracticeView {
    name: String,
    files: Vec<EntryView>,
}

#[derive(Serialize)]
struct EntryView {
    id: String,
    path: String,
    entity: String,
    verdict: VerdictView,
    score: String,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct RuleView {
    code: &'static str,
    name: &'static str,
    url: String,
    consequence: &'static str,
    count: usize,
}

/// `pilint rollup --format html`: every year's roll-up, its per-clinician
/// table and the Shared Savings Program public-reporting counts. The
/// roll-ups are masked by the caller unless identifiers are to be shown.
pub fn rollup(rollups: &[Rollup], with_participants: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let subtitle = if with_participants {
        "the APM entity's PI roll-up over its participant list."
    } else {
        "the APM entity's PI roll-up over the submissions found (no participant list)."
    };
    let years: Vec<YearView> = rollups.iter().map(year_view).collect();
    // Writing into memory cannot fail; a template error is a bug the tests
    // catch, and leaves the page unfinished rather than absent.
    let _ = write_head(&mut out, "pilint APM entity roll-up", subtitle.to_owned());
    let _ = write_template(
        "rollup.html",
        minijinja::context! { years => Serde(years) },
        &mut out,
    );
    out
}

#[derive(Serialize)]
struct YearView {
    year: i64,
    score: String,
    counted: usize,
    rollup_line: String,
    entity_level: Vec<String>,
    rows: Vec<RowView>,
    unattributed: Vec<String>,
    public: Option<Vec<PublicView>>,
    assumptions: Vec<String>,
}

#[derive(Serialize)]
struct RowView {
    tin: String,
    npi: String,
    status: &'static str,
    individual: String,
    individual_path: String,
    group: String,
    group_path: String,
    counted: String,
    source: &'static str,
    note: String,
}

#[derive(Serialize)]
struct PublicView {
    label: &'static str,
    count: usize,
}

/// `95`, `0 (conflict)`, `no score`, `-` (no submission).
fn submitted(s: Option<&Submitted>) -> String {
    match s {
        None => "-".to_owned(),
        Some(s) if s.zeroed_by_conflict => "0 (conflict)".to_owned(),
        Some(Submitted { score: Some(v), .. }) => number(*v),
        Some(_) => "no score".to_owned(),
    }
}

fn row_view(row: &Row) -> RowView {
    RowView {
        tin: row.tin.clone(),
        npi: row.npi.clone(),
        status: row.status.map_or("-", |s| s.as_str()),
        individual: submitted(row.individual.as_ref()),
        individual_path: row
            .individual
            .as_ref()
            .map(|s| s.path.clone())
            .unwrap_or_default(),
        group: submitted(row.group.as_ref()),
        group_path: row
            .group
            .as_ref()
            .map(|s| s.path.clone())
            .unwrap_or_default(),
        counted: if row.counts {
            number(row.score)
        } else {
            "left out".to_owned()
        },
        source: row.source.as_str(),
        note: row.note.clone().unwrap_or_default(),
    }
}

fn year_view(rollup: &Rollup) -> YearView {
    let rollup_line = match rollup.score {
        Some(score) => {
            let terms: Vec<String> = rollup
                .rows
                .iter()
                .filter(|r| r.counts)
                .map(|r| number(r.score))
                .collect();
            let sum = if terms.len() <= 20 {
                format!("({})", terms.join(" + "))
            } else {
                number(rollup.sum)
            };
            format!(
                "Roll-up: {sum} / {} = {}",
                plural(rollup.counted, "clinician"),
                number(score)
            )
        }
        None => "Roll-up: no clinician counts, so there is no roll-up score".to_owned(),
    };
    YearView {
        year: rollup.year,
        score: rollup.score.map_or_else(|| "none".to_owned(), number),
        counted: rollup.counted,
        rollup_line,
        entity_level: rollup
            .entity_level
            .iter()
            .map(|e| {
                format!(
                    "APM entity {} reported PI at the entity level ({}): {}. CMS uses that score instead of the roll-up.",
                    e.entity_id,
                    e.submitted.path,
                    submitted(Some(&e.submitted))
                )
            })
            .collect(),
        rows: rollup.rows.iter().map(row_view).collect(),
        unattributed: rollup
            .unattributed_groups
            .iter()
            .map(|g| {
                format!(
                    "Group TIN {} ({}): {}. Its clinicians are unknown, so it is not weighed; pass --participants.",
                    g.tin,
                    g.submitted.path,
                    submitted(Some(&g.submitted))
                )
            })
            .collect(),
        public: rollup.public_reporting.map(|c| {
            vec![
                PublicView {
                    label: "participants",
                    count: c.participants,
                },
                PublicView {
                    label: "earned a PI score",
                    count: c.earned_score,
                },
                PublicView {
                    label: "met the requirement without an exclusion",
                    count: c.met_without_exclusion,
                },
                PublicView {
                    label: "excluded, reported voluntarily",
                    count: c.excluded_reported_voluntarily,
                },
                PublicView {
                    label: "required, no PI score",
                    count: c.required_without_score,
                },
            ]
        }),
        assumptions: rollup.assumptions.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        for name in [
            "head.html",
            "macros.html",
            "files_start.html",
            "file.html",
            "cross.html",
            "end.html",
            "rollup.html",
        ] {
            assert!(templates().get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn an_empty_run_is_a_whole_page() {
        let mut html = Html::new(true);
        let page = crate::render::render_all(&mut html, &[]);
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.trim_end().ends_with("</html>"));
        assert!(page.contains("No file was checked."));
    }
}
