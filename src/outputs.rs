//! Where each `--format` goes: `--format` and `-o/--output-file` are
//! repeatable, and an `-o FILE` sends the `--format` written before it to
//! FILE. So `--format sarif -o a.sarif --format full` writes SARIF to
//! a.sarif and the full format to standard output. At most one format goes
//! to standard output: two would interleave into something no reader can
//! parse.

use std::path::PathBuf;

use crate::cli::CheckFormat;

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
