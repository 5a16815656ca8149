//! `F001 invalid-json`: The file is not well-formed JSON.

use super::VALID_MINIMAL;
use crate::diagnostic::{Diagnostic, Severity};
use crate::json_syntax::Problem;
use crate::rules::registry::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "F001",
    name: "invalid-json",
    severity: Severity::Error,
    summary: "The file is not well-formed JSON.",
    what: "Parses the file as strict JSON (RFC 8259) and reports the first syntax error at the \
           line and column where parsing stopped: trailing commas, comments, `NaN`/`Infinity`, \
           single quotes, an empty or truncated file, text after the document.",
    why: "The QPP Submissions API accepts `application/json` only (qpp-submissions-docs, \
          guides/basic-tutorial.tsx); a file that does not parse is rejected whole, with no \
          score for any category in it.",
    note: "the QPP Submissions API rejects a request body that is not strict JSON",
    help: "fix the syntax at the position shown; nothing else in this file was checked",
    years: &[],
    family: crate::rules::Family::File,
    consequence: crate::rules::Consequences::REJECTED,
    invalid: Example::json(
        r#"{
  "entityType": "group",
  "performanceYear": 2025,
}"#,
    ),
    valid: Example::json(VALID_MINIMAL),
};

/// The finding where parsing stopped, in our words where we can say more
/// than the parser does.
pub fn check(problem: &Problem) -> Option<Diagnostic> {
    let Problem::Syntax {
        span,
        reason,
        at,
        empty,
    } = problem
    else {
        return None;
    };
    Some(Diagnostic::new(
        &META,
        Some(*span),
        "",
        message(reason, *at, *empty),
    ))
}

/// The message for a syntax error: `reason` is the JSON parser's (without
/// its position, which the finding's span gives), `at` the character where
/// it stopped, `empty` whether the file holds only whitespace. Common
/// mistakes get our words; the rest keep the parser's.
pub fn message(reason: &str, at: Option<char>, empty: bool) -> String {
    if empty {
        return "the file is empty: expected a JSON object".to_owned();
    }
    match at {
        Some('/') | Some('#') => "comments are not allowed in JSON".to_owned(),
        Some('N') | Some('I') | Some('-') if reason.starts_with("expected value") => {
            "NaN and Infinity are not JSON numbers".to_owned()
        }
        Some('\'') => "strings must use double quotes".to_owned(),
        _ if reason == "trailing comma" => {
            "trailing comma: JSON allows no comma after the last item".to_owned()
        }
        _ if reason.starts_with("EOF while parsing") => {
            format!(
                "the file ends too early ({})",
                reason.trim_start_matches("EOF while ")
            )
        }
        _ if reason == "trailing characters" => {
            "unexpected text after the end of the JSON document".to_owned()
        }
        _ => reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{META, message};
    use crate::rules::testing::assert_examples;

    #[test]
    fn the_invalid_example_is_reported_where_it_goes_wrong() {
        assert_examples(&META, ",");
    }

    #[test]
    fn common_mistakes_get_their_own_words() {
        assert_eq!(
            message("expected value", Some('/'), false),
            "comments are not allowed in JSON"
        );
        assert_eq!(
            message("expected value", Some('N'), false),
            "NaN and Infinity are not JSON numbers"
        );
        assert_eq!(
            message("EOF while parsing an object", None, false),
            "the file ends too early (parsing an object)"
        );
        assert_eq!(
            message("anything", None, true),
            "the file is empty: expected a JSON object"
        );
        assert_eq!(
            message("key must be a string", Some('1'), false),
            "key must be a string"
        );
    }

    /// The words and the place of a syntax error, through the front end.
    fn first(text: &str) -> (String, usize, usize) {
        let source = crate::source::SourceFile::from_text("t.json", text);
        let outcome = crate::json::check(&source);
        assert!(outcome.submission.is_none());
        let d = outcome.diagnostics.last().expect("a finding");
        assert_eq!(d.code, META.code);
        let lc = source.line_col(d.span().unwrap().start());
        (d.message.clone(), lc.line, lc.column)
    }

    #[test]
    fn trailing_comma_points_at_the_comma() {
        let (message, line, column) = first("{\n  \"a\": 1,\n}");
        assert!(message.starts_with("trailing comma"), "{message}");
        assert_eq!((line, column), (2, 9));
    }

    #[test]
    fn comments_nan_quotes_and_empty_files_get_our_words() {
        assert_eq!(
            first("{\"a\": 1 // x\n}").0,
            "comments are not allowed in JSON"
        );
        assert_eq!(
            first("{\"a\": NaN}").0,
            "NaN and Infinity are not JSON numbers"
        );
        assert_eq!(first("{'a': 1}").0, "strings must use double quotes");
        assert_eq!(first("  \n").0, "the file is empty: expected a JSON object");
        let (message, line, _) = first("{\n\"a\": [1,");
        assert!(message.starts_with("the file ends too early"), "{message}");
        assert_eq!(line, 2);
    }
}
