//! Where each `--format` goes: `--format` and `-o/--output-file` are
//! repeatable, and an `-o FILE` sends the `--format` written before it to
//! FILE. So `--format sarif -o a.sarif --format full` writes SARIF to
//! a.sarif and the full format to standard output. At most one format goes
//! to standard output: two would interleave into something no reader can
//! parse.

use std::cell::Cell;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use pilint::outputs_guard::Destination;

use crate::cli::{CheckArgs, CheckFormat};

/// One format and where it goes (`None`: standard output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: CheckFormat,
    pub file: Option<PathBuf>,
}

/// Pairs formats with files by their positions on the command line (clap's
/// argument indices). Without any `--format`, one `-o` gets the default
/// format.
pub fn plan(
    formats: &[(usize, CheckFormat)],
    files: &[(usize, PathBuf)],
) -> Result<Vec<Output>, String> {
    if formats.is_empty() {
        return match files {
            [] => Ok(vec![Output {
                format: CheckFormat::Full,
                file: None,
            }]),
            [(_, file)] => Ok(vec![Output {
                format: CheckFormat::Full,
                file: Some(file.clone()),
            }]),
            _ => Err("several --output-file need a --format before each".to_owned()),
        };
    }
    let mut outputs: Vec<(usize, Output)> = formats
        .iter()
        .map(|&(index, format)| (index, Output { format, file: None }))
        .collect();
    for (file_index, file) in files {
        let owner = outputs
            .iter_mut()
            .rev()
            .find(|(format_index, _)| format_index < file_index);
        match owner {
            Some((_, output)) if output.file.is_none() => output.file = Some(file.clone()),
            Some((_, output)) => {
                return Err(format!(
                    "--output-file {} follows a --format {} that already has a file; write `--format` before each `-o`",
                    file.display(),
                    format_name(output.format)
                ));
            }
            None => {
                return Err(format!(
                    "--output-file {} comes before any --format; write it after the --format it is for",
                    file.display()
                ));
            }
        }
    }
    let to_stdout: Vec<&Output> = outputs
        .iter()
        .map(|(_, o)| o)
        .filter(|o| o.file.is_none())
        .collect();
    if to_stdout.len() > 1 {
        return Err(format!(
            "only one format can go to standard output, not {}; give the others an -o FILE",
            to_stdout
                .iter()
                .map(|o| format_name(o.format))
                .collect::<Vec<_>>()
                .join(" and ")
        ));
    }
    Ok(outputs.into_iter().map(|(_, o)| o).collect())
}

/// Where `pilint check` writes, for the engine's guard
/// (`pilint::outputs_guard`): the `--output-file`s, the baseline it writes
/// or reads (pilint's own file, never a submission), and standard output
/// when the shell redirected it to a file.
pub fn destinations(plan: &[Output], args: &CheckArgs) -> Vec<Destination> {
    let mut destinations: Vec<Destination> = files(plan).map(Destination::file).collect();
    if let Some(path) = &args.write_baseline {
        destinations.push(Destination::named("--write-baseline", path));
    }
    if let Some(path) = &args.baseline {
        destinations.push(Destination::named("--baseline", path));
    }
    destinations.extend(Destination::stdout());
    destinations
}

/// Standard output, when the shell redirected it to a file (`pilint score
/// . > score.json`): that file is no input.
pub fn stdout_destination() -> Vec<Destination> {
    Destination::stdout().into_iter().collect()
}

/// The `--output-file`s of a plan.
pub fn files(plan: &[Output]) -> impl Iterator<Item = &Path> {
    plan.iter().filter_map(|o| o.file.as_deref())
}

/// Standard output, buffered. When the run also writes files
/// (`keep_going`), a reader that goes away (`pilint check ... -o r.sarif |
/// head`) must not leave them cut short: the rest of standard output is
/// dropped, the run goes on, and the returned flag says it happened. Without
/// files, the closed pipe is an error as usual, which ends the run early.
pub fn stdout(keep_going: bool) -> (Box<dyn Write>, Rc<Cell<bool>>) {
    let closed = Rc::new(Cell::new(false));
    let writer = ClosedPipeSink {
        inner: std::io::stdout().lock(),
        closed: Rc::clone(&closed),
        keep_going,
    };
    (Box::new(std::io::BufWriter::new(writer)), closed)
}

struct ClosedPipeSink<W> {
    inner: W,
    closed: Rc<Cell<bool>>,
    keep_going: bool,
}

impl<W: Write> ClosedPipeSink<W> {
    fn tolerate<T>(&self, result: std::io::Result<T>, dropped: T) -> std::io::Result<T> {
        match result {
            Err(err) if self.keep_going && err.kind() == ErrorKind::BrokenPipe => {
                self.closed.set(true);
                Ok(dropped)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ClosedPipeSink<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed.get() {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.tolerate(result, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed.get() {
            return Ok(());
        }
        let result = self.inner.flush();
        self.tolerate(result, ())
    }
}

pub fn format_name(format: CheckFormat) -> &'static str {
    match format {
        CheckFormat::Full => "full",
        CheckFormat::Concise => "concise",
        CheckFormat::Json => "json",
        CheckFormat::JsonLines => "json-lines",
        CheckFormat::Sarif => "sarif",
        CheckFormat::Github => "github",
        CheckFormat::Gitlab => "gitlab",
        CheckFormat::Junit => "junit",
        CheckFormat::Csv => "csv",
        CheckFormat::Html => "html",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CheckFormat::*;

    fn file(index: usize, name: &str) -> (usize, PathBuf) {
        (index, PathBuf::from(name))
    }

    #[test]
    fn files_pair_with_the_format_before_them() {
        let plan = plan(&[(2, Sarif), (6, Full)], &[file(4, "a.sarif")]).unwrap();
        assert_eq!(plan[0].file, Some(PathBuf::from("a.sarif")));
        assert_eq!(plan[1].file, None);
        let plan = super::plan(&[(2, Full), (4, Sarif)], &[file(6, "a.sarif")]).unwrap();
        assert_eq!(plan[0].file, None);
        assert_eq!(plan[1].file, Some(PathBuf::from("a.sarif")));
    }

    #[test]
    fn a_closed_pipe_is_dropped_only_when_files_are_written() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let closed = Rc::new(Cell::new(false));
        let mut sink = ClosedPipeSink {
            inner: Closed,
            closed: Rc::clone(&closed),
            keep_going: true,
        };
        sink.write_all(b"abc").unwrap();
        assert!(closed.get());
        let mut strict = ClosedPipeSink {
            inner: Closed,
            closed: Rc::new(Cell::new(false)),
            keep_going: false,
        };
        assert!(strict.write_all(b"abc").is_err());
    }

    #[test]
    fn ambiguous_plans_are_refused() {
        assert!(plan(&[(2, Sarif), (4, Json)], &[]).is_err());
        assert!(plan(&[(4, Sarif)], &[file(2, "a")]).is_err());
        assert!(plan(&[(2, Sarif)], &[file(4, "a"), file(6, "b")]).is_err());
        assert!(plan(&[], &[file(2, "a"), file(4, "b")]).is_err());
        assert_eq!(
            plan(&[], &[file(2, "a")]).unwrap()[0],
            Output {
                format: Full,
                file: Some(PathBuf::from("a"))
            }
        );
    }
}
