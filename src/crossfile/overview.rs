//! The run's overview: how many files and entities, how the predicted
//! scores are spread, why files score 0, and which findings are the most
//! frequent. Accumulated one report at a time; holds one number per file
//! (its score, for the median) and counters, never a report.

use std::collections::BTreeMap;

use crate::lint::FileReport;
use crate::score::SetResult;
use crate::score::reasons::FILE_NOT_DECODED;

use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    pub files: usize,
    /// Distinct entities with PI data, whatever the year (set once the run
    /// ends).
    pub entities: usize,
    /// Every predicted file score, in run order.
    scores: Vec<f64>,
    /// Files at 0, by gate code (a file counts once per distinct code).
    pub zero_reasons: BTreeMap<String, usize>,
    /// Files without a score, by reason code.
    pub no_score_reasons: BTreeMap<String, usize>,
    pub no_score: usize,
    /// Findings by code: (name, count).
    findings: BTreeMap<&'static str, (&'static str, usize)>,
}

/// One bar of the score histogram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub label: &'static str,
    pub count: usize,
}

/// The histogram's bars: 0 and 100 on their own, as they are what a
/// submitter asks about first; the rest in quarters.
const BUCKETS: [&str; 6] = ["0", "1-24", "25-49", "50-74", "75-99", "100"];

fn bucket_of(score: f64) -> usize {
    if score <= 0.0 {
        0
    } else if score >= 100.0 {
        5
    } else if score < 25.0 {
        1
    } else {
        // 25 ≤ score < 100: 2, 3 or 4.
        2 + ((score - 25.0) / 25.0) as usize
    }
}

impl Overview {
    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for d in &report.diagnostics {
            self.findings.entry(d.code).or_insert((d.name, 0)).1 += 1;
        }
        let Some(score) = &report.score else {
            self.no_score += 1;
            *self
                .no_score_reasons
                .entry(FILE_NOT_DECODED.to_owned())
                .or_default() += 1;
            return;
        };
        match score.total() {
            Some(total) => {
                self.scores.push(total);
                if total <= 0.0
                    && let Some(SetResult::Zero { reasons, .. }) =
                        score.best().map(|set| &set.result)
                {
                    let mut codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
                    codes.sort_unstable();
                    codes.dedup();
                    for code in codes {
                        *self.zero_reasons.entry(code.to_owned()).or_default() += 1;
                    }
                }
            }
            None => {
                self.no_score += 1;
                let mut codes: Vec<&str> = score
                    .no_score_reasons()
                    .into_iter()
                    .map(|r| r.code.as_str())
                    .collect();
                codes.sort_unstable();
                codes.dedup();
                for code in codes {
                    *self.no_score_reasons.entry(code.to_owned()).or_default() += 1;
                }
            }
        }
    }

    /// Counts the run's cross-file findings among the findings.
    pub fn add_cross_file(&mut self, findings: &[Diagnostic]) {
        for f in findings {
            self.findings.entry(f.code).or_insert((f.name, 0)).1 += 1;
        }
    }

    /// Files with a predicted score.
    pub fn scored(&self) -> usize {
        self.scores.len()
    }

    /// Files predicted to score 0.
    pub fn zeros(&self) -> usize {
        self.scores.iter().filter(|&&s| s <= 0.0).count()
    }

    pub fn min(&self) -> Option<f64> {
        self.scores.iter().copied().reduce(f64::min)
    }

    pub fn max(&self) -> Option<f64> {
        self.scores.iter().copied().reduce(f64::max)
    }

    /// The median score (the mean of the two middle ones for an even count).
    pub fn median(&self) -> Option<f64> {
        let mut sorted = self.scores.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(sorted[n / 2]),
            _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
        }
    }

    pub fn histogram(&self) -> Vec<Bucket> {
        let mut counts = [0usize; BUCKETS.len()];
        for &score in &self.scores {
            counts[bucket_of(score).min(BUCKETS.len() - 1)] += 1;
        }
        BUCKETS
            .iter()
            .zip(counts)
            .map(|(&label, count)| Bucket { label, count })
            .collect()
    }

    /// The `n` most frequent findings: (code, name, count), most first,
    /// then by code.
    pub fn most_frequent(&self, n: usize) -> Vec<(&'static str, &'static str, usize)> {
        let mut all: Vec<(&'static str, &'static str, usize)> = self
            .findings
            .iter()
            .map(|(code, (name, count))| (*code, *name, *count))
            .collect();
        all.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        all.truncate(n);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{LintOptions, lint_source};
    use crate::source::SourceFile;

    fn report(text: &str) -> FileReport {
        lint_source(
            SourceFile::from_text("a.json", text),
            &LintOptions::default(),
        )
    }

    #[test]
    fn scores_zeros_and_files_without_a_score() {
        let mut overview = Overview::default();
        overview.add(&report(crate::valid_2025!()));
        overview.add(&report(&crate::valid_2025!().replace(
            "\"PI_PPHI_1\", \"value\": true",
            "\"PI_PPHI_1\", \"value\": false",
        )));
        overview.add(&report("["));
        assert_eq!(overview.files, 3);
        assert_eq!(overview.scored(), 2);
        assert_eq!(overview.zeros(), 1);
        assert_eq!(overview.zero_reasons.get("SRA_NOT_YES"), Some(&1));
        assert_eq!(overview.no_score_reasons.get("FILE_NOT_DECODED"), Some(&1));
        assert_eq!(overview.min(), Some(0.0));
        let max = overview.max().unwrap();
        assert!(max > 0.0);
        assert_eq!(overview.median(), Some(max / 2.0));
        let bars = overview.histogram();
        assert_eq!(bars[0].count, 1);
        assert_eq!(bars.iter().map(|b| b.count).sum::<usize>(), 2);
        let top = overview.most_frequent(1);
        assert_eq!(top.len(), 1);
        assert!(top[0].2 >= 1);
    }

    #[test]
    fn histogram_edges() {
        let overview = Overview {
            scores: vec![0.0, 0.5, 24.0, 25.0, 74.5, 75.0, 99.0, 100.0],
            ..Overview::default()
        };
        let counts: Vec<usize> = overview.histogram().iter().map(|b| b.count).collect();
        assert_eq!(counts, [1, 2, 1, 1, 2, 1]);
    }
}
