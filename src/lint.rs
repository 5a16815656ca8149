//! The per-file pipeline: read → front end → model → findings.
//!
//! Everything here returns data; nothing prints.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity, sort_diagnostics};
use crate::discover::{Input, detect_format};
use crate::model::Loc;
use crate::model::{SourceFormat, Submission};
use crate::read::{DEFAULT_MAX_FILE_SIZE, ReadError, read_input};
use crate::rules::{Consequence, Kind};
use crate::score::reasons::{self, Reason};
use crate::score::{FileScore, score_submission};
use crate::source::SourceFile;

/// Settings that change what the checks conclude.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// `--year`: apply this performance year's rules whatever the file says.
    pub year: Option<i64>,
    /// `--max-file-size`: larger inputs are reported, not read.
    pub max_file_size: u64,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            year: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Everything pilint found in one file.
#[derive(Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub format: SourceFormat,
    pub diagnostics: Vec<Diagnostic>,
    /// The model, when the file could be decoded into one.
    pub submission: Option<Submission>,
    /// The file could not be read, or pilint failed on it: exit status 2.
    pub failed: bool,
    /// The predicted PI score, when the file was decoded into a model.
    pub score: Option<FileScore>,
    /// The worst consequence of every finding made, before any setting
    /// hid one: what CMS will do with the file is not a display choice.
    pub consequence: Consequence,
}

impl FileReport {
    pub fn path(&self) -> &str {
        &self.source.name
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks one file already in memory.
pub fn lint_source(source: SourceFile, options: &LintOptions) -> FileReport {
    let format = detect_format(&source.name, &source.text);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let (mut diagnostics, submission) = check(&source, format, options);
        // Each finding's consequence is its rule's for the year whose
        // rules were applied.
        let year = options.year.or_else(|| {
            submission
                .as_ref()
                .and_then(|s| s.performance_year.as_ref())
                .map(|y| y.value)
        });
        // unless the check decided otherwise.
        for diagnostic in &mut diagnostics {
            if let Some(rule) = crate::rules::registry::find_code(diagnostic.code)
                && diagnostic.consequence == rule.consequence.default
            {
                diagnostic.consequence = rule.consequence.in_year(year);
            }
        }
        let score = submission.as_ref().map(|s| {
            let mut score = predicted_score(s, &diagnostics, options);
            crate::score::explain::name_rules(&mut score, &diagnostics);
            score
        });
        (diagnostics, submission, score)
    }));
    let (mut diagnostics, submission, score, failed) = match outcome {
        Ok((diagnostics, submission, score)) => (diagnostics, submission, score, false),
        Err(panic) => {
            let diagnostic = crate::rules::file::internal_error::check(panic.as_ref());
            (vec![diagnostic], None, None, true)
        }
    };
    sort_diagnostics(&mut diagnostics);
    FileReport {
        consequence: worst(&diagnostics),
        source,
        format,
        diagnostics,
        submission,
        failed,
        score,
    }
}

fn check(
    source: &SourceFile,
    format: SourceFormat,
    options: &LintOptions,
) -> (Vec<Diagnostic>, Option<Submission>) {
    // Test-only switch (debug builds): a deliberate bug for the file named
    // in PILINT_TEST_PANIC_ON, proving one failing file never stops a run.
    if cfg!(debug_assertions)
        && std::env::var_os("PILINT_TEST_PANIC_ON").is_some_and(|name| *name == *source.name)
    {
        panic!("deliberate test panic");
    }
    let (mut diagnostics, submission) = match format {
        SourceFormat::Json => {
            let outcome = crate::json::check(source);
            (outcome.diagnostics, outcome.submission)
        }
        SourceFormat::Qrda3 => {
            let outcome = crate::xml::check(source);
            (outcome.diagnostics, outcome.submission)
        }
    };
    // Every finding is kept, even one a structural finding repeats: which
    // of the two is shown depends on the rules the user selected, so the
    // de-duplication happens with the selection (settings.rs).
    if let Some(submission) = &submission {
        diagnostics.extend(crate::rules::semantic::check(submission, options.year));
    }
    (diagnostics, submission)
}

/// The worst consequence among `diagnostics` (`None` when there are none).
pub fn worst(diagnostics: &[Diagnostic]) -> Consequence {
    diagnostics
        .iter()
        .map(|d| d.consequence)
        .max()
        .unwrap_or(Consequence::None)
}

/// The score of a decoded file, as the engine predicts it from the model;
/// but a file with a finding CMS refuses the file for (consequence
/// `rejected`: a malformed TIN, an unknown property, a program PI is not
/// accepted for) is never scored: whatever the gates say, the prediction
/// becomes "no score", with the first such finding as the reason.
fn predicted_score(
    submission: &Submission,
    diagnostics: &[Diagnostic],
    options: &LintOptions,
) -> FileScore {
    let score = score_submission(submission, options.year);
    let refused = diagnostics
        .iter()
        .filter(|d| d.consequence == Consequence::Rejected)
        .min_by_key(|d| {
            // The structural finding names the root cause where a semantic
            // one repeats it at the same place.
            let semantic = d.family.kind() != Kind::Structural;
            (d.span().map(|s| s.start()), semantic, d.code)
        });
    let Some(first) = refused else {
        return score;
    };
    // A file the score already cannot score keeps its own reasons (they
    // name the same defect); a score of 0 or more is never predicted.
    if score.total().is_none() {
        return score;
    }
    let loc = Loc {
        span: first.span().unwrap_or_default(),
        pointer: first.pointer().into(),
    };
    let (code, what) = if first.family.kind() == Kind::Structural {
        (reasons::STRUCTURE_INVALID, "structural errors")
    } else {
        (reasons::SUBMISSION_REJECTED, "this finding")
    };
    FileScore::rejected(
        score.year,
        Reason::no_score(
            code,
            &loc,
            format!(
                "CMS rejects a file with {what} before scoring it (first: {} {})",
                first.code, first.name
            ),
        )
        .with_rule(first.code),
    )
}

/// Reads and checks one input. An unreadable or oversized file becomes a
/// report with its finding, never an early return.
pub fn lint_input(input: &Input, options: &LintOptions) -> FileReport {
    // Shared, not copied: the report and the cross-file stage name the
    // file with the input's own text.
    let name = std::sync::Arc::clone(input.shown());
    let error = match read_input(input, options.max_file_size) {
        Ok(bytes) => return lint_source(SourceFile::from_bytes(name, bytes), options),
        Err(error) => error,
    };
    // The F rules say what the failure is; an unreadable file fails the
    // run (exit 2), an oversized one is a finding of its own (exit 1).
    let diagnostics: Vec<Diagnostic> = crate::rules::file::check_read(&name, &error)
        .into_iter()
        .collect();
    FileReport {
        consequence: worst(&diagnostics),
        format: detect_format(&name, ""),
        source: SourceFile::from_text(name, ""),
        diagnostics,
        submission: None,
        failed: matches!(error, ReadError::Io(_)),
        score: None,
    }
}

/// How far the checking may run ahead of `sink`: at most this many
/// reports are alive, checked but not yet handed over (a slow file holds
/// back the ones after it until it is done), so memory stays proportional
/// to the largest files rather than to the run.
const WINDOW: usize = 256;

/// Checks every input, in parallel, handing each report to `sink` in input
/// order; stops at the first error `sink` returns.
pub fn lint_inputs_each<E>(
    inputs: &[Input],
    options: &LintOptions,
    sink: impl FnMut(FileReport) -> Result<(), E>,
) -> Result<(), E> {
    lint_inputs_each_with(inputs, |_| options.clone(), |_, _| {}, sink)
}

/// Checks every input, in parallel, and returns the reports in input order.
pub fn lint_inputs(inputs: &[Input], options: &LintOptions) -> Vec<FileReport> {
    inputs
        .par_iter()
        .map(|input| lint_input(input, options))
        .collect()
}

/// [`lint_inputs_each`] with options per input (`pilint.toml` can set the
/// year per directory), and `finish` run on each report in the parallel
/// part (applying settings), before `sink` gets it in order.
///
/// The caller's `sink` (rendering, writing) runs on this thread while the
/// thread pool checks the files after, so neither waits for the other.
/// Each pool thread takes the next file as soon as it is done with one:
/// no thread waits for the others at a batch boundary, which left a core
/// idle for the end of each batch of 128 files.
pub fn lint_inputs_each_with<E>(
    inputs: &[Input],
    options: impl Fn(usize) -> LintOptions + Sync,
    finish: impl Fn(usize, &mut FileReport) + Sync,
    mut sink: impl FnMut(FileReport) -> Result<(), E>,
) -> Result<(), E> {
    // One file (a pre-commit hook, an editor): no thread pool to start and
    // no threads spinning while they wait, which was half the run's time.
    if let [input] = inputs {
        let mut report = lint_input(input, &options(0));
        finish(0, &mut report);
        return sink(report);
    }
    let queue = OrderedQueue::new(inputs.len());
    std::thread::scope(|scope| {
        let (checked, received) = std::sync::mpsc::channel::<(usize, Vec<FileReport>)>();
        let (options, finish, queue) = (&options, &finish, &queue);
        scope.spawn(move || {
            rayon::scope(|pool| {
                for _ in 0..rayon::current_num_threads() {
                    let checked = checked.clone();
                    pool.spawn(move |_| {
                        // A checker that panics stops the others rather
                        // than leave them waiting for its reports.
                        let _stop_on_panic = StopOnPanic(queue);
                        while let Some((chunk, range)) = queue.next() {
                            let reports = range
                                .map(|i| {
                                    let mut report = lint_input(&inputs[i], &options(i));
                                    finish(i, &mut report);
                                    report
                                })
                                .collect();
                            // The receiver is gone when the sink failed.
                            if checked.send((chunk, reports)).is_err() {
                                queue.stop();
                            }
                        }
                    });
                }
            });
        });
        let result = queue.drain_in_order(received, &mut sink);
        // Whatever happened, the checkers stop taking files.
        queue.stop();
        result
    })
}

/// Stops the queue when dropped by a panicking thread.
struct StopOnPanic<'a>(&'a OrderedQueue);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// Hands out the inputs to the checking threads, [`CHUNK`] consecutive
/// inputs at a time, never more than [`WINDOW`] ahead of the last report
/// handed to the sink.
struct OrderedQueue {
    len: usize,
    next_chunk: std::sync::atomic::AtomicUsize,
    /// How many reports the sink has had; `usize::MAX` once stopped.
    handed_over: std::sync::Mutex<usize>,
    moved: std::sync::Condvar,
}

/// Inputs per hand-over: one report at a time woke the sink's thread
/// for every file, and those wake-ups took more than they saved.
const CHUNK: usize = 16;

impl OrderedQueue {
    fn new(len: usize) -> OrderedQueue {
        OrderedQueue {
            len,
            next_chunk: std::sync::atomic::AtomicUsize::new(0),
            handed_over: std::sync::Mutex::new(0),
            moved: std::sync::Condvar::new(),
        }
    }

    /// The next chunk to check, with its inputs, once it is within the
    /// window; `None` when every input is taken or the run stopped.
    fn next(&self) -> Option<(usize, std::ops::Range<usize>)> {
        let chunk = self
            .next_chunk
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let start = chunk.checked_mul(CHUNK).filter(|&start| start < self.len)?;
        let handed_over = self.lock();
        let handed_over = self
            .moved
            .wait_while(handed_over, |done| {
                *done != usize::MAX && start >= done.saturating_add(WINDOW)
            })
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (*handed_over != usize::MAX).then(|| (chunk, start..(start + CHUNK).min(self.len)))
    }

    fn stop(&self) {
        *self.lock() = usize::MAX;
        self.moved.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, usize> {
        self.handed_over
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Hands the reports to `sink` in input order as their chunks arrive.
    fn drain_in_order<E>(
        &self,
        received: std::sync::mpsc::Receiver<(usize, Vec<FileReport>)>,
        sink: &mut impl FnMut(FileReport) -> Result<(), E>,
    ) -> Result<(), E> {
        // Chunks that came before their turn, at `chunk - chunks_done`.
        let mut early: std::collections::VecDeque<Option<Vec<FileReport>>> =
            std::collections::VecDeque::new();
        let (mut chunks_done, mut handed_over) = (0, 0);
        // Ends when every checker is gone: all inputs done, or a checker
        // failed (its panic then ends the scope).
        for (chunk, reports) in received {
            let slot = chunk - chunks_done;
            if early.len() <= slot {
                early.resize_with(slot + 1, || None);
            }
            early[slot] = Some(reports);
            let before = handed_over;
            while early.front().is_some_and(Option::is_some) {
                for report in early.pop_front().flatten().unwrap_or_default() {
                    sink(report)?;
                    handed_over += 1;
                }
                chunks_done += 1;
            }
            if handed_over != before {
                let mut shared = self.lock();
                if *shared != usize::MAX {
                    *shared = handed_over;
                }
                drop(shared);
                self.moved.notify_all();
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs that do not exist: each is checked at once (a read error).
    fn missing(count: usize) -> Vec<Input> {
        (0..count)
            .map(|i| {
                let name = format!("/nonexistent/pilint-test/{i:05}.json");
                Input::file(name.clone().into(), name)
            })
            .collect()
    }

    #[test]
    fn reports_reach_the_sink_in_input_order() {
        let inputs = missing(1_000);
        let mut seen = Vec::new();
        lint_inputs_each_with(
            &inputs,
            |_| LintOptions::default(),
            |_, _| {},
            |report| {
                seen.push(report.path().to_owned());
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        let expected: Vec<String> = inputs.iter().map(|i| i.display().to_owned()).collect();
        assert_eq!(seen, expected);
    }

    /// A sink that fails (standard output closed) ends the run: no file is
    /// handed over after, and nothing waits forever.
    #[test]
    fn a_failing_sink_stops_the_run() {
        let inputs = missing(2_000);
        let mut handed = 0;
        let outcome = lint_inputs_each_with(
            &inputs,
            |_| LintOptions::default(),
            |_, _| {},
            |_| {
                handed += 1;
                if handed == 300 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(outcome, Err("closed"));
        assert_eq!(handed, 300);
    }

    /// A checker that panics outside the per-file guard makes the run
    /// panic, rather than leave the others waiting for its reports.
    #[test]
    fn a_panicking_checker_ends_the_run() {
        let inputs = missing(2_000);
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            lint_inputs_each_with(
                &inputs,
                |_| LintOptions::default(),
                |i, _| assert_ne!(i, 40, "deliberate test panic"),
                |_| Ok::<(), ()>(()),
            )
        }));
        assert!(outcome.is_err());
    }
}
