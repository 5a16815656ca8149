//! What every `S` check reads: one error of the JSON Schema validator,
//! where the file has it (its pointer, its spans in the span index), and
//! the phrases the messages name places and types with.

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::diagnostic::{ArgumentKind, Diagnostic, Message};
use crate::json_syntax::envelope;
use crate::json_syntax::span_index::SpanIndex;
use crate::rules::registry::RuleMeta;
use crate::source::Span;

/// One schema error at its place in the file.
pub struct SchemaError<'e, 'i> {
    pub error: &'e ValidationError<'e>,
    /// The JSON Pointer of the value the validator was given (`""`, the
    /// envelope's submission, or a measurement item's own).
    pub prefix: &'e str,
    /// The pointer in the file of the value the error is about.
    pub pointer: String,
    pub index: &'i SpanIndex<'i>,
}

impl<'e, 'i> SchemaError<'e, 'i> {
    /// `error` of the value at `prefix`.
    pub fn new(
        error: &'e ValidationError<'e>,
        prefix: &'e str,
        index: &'i SpanIndex<'i>,
    ) -> SchemaError<'e, 'i> {
        let pointer = format!("{prefix}{}", error.instance_path().as_str());
        SchemaError {
            error,
            prefix,
            pointer,
            index,
        }
    }

    /// An error of one alternative of this one's value, at the same place.
    pub fn within(&self, inner: &'e ValidationError<'e>) -> SchemaError<'e, 'i> {
        SchemaError::new(inner, self.prefix, self.index)
    }

    pub fn kind(&self) -> &'e ValidationErrorKind {
        self.error.kind()
    }

    /// The value the error is about.
    pub fn instance(&self) -> &'e Value {
        self.error.instance()
    }

    /// The span of the value the error is about.
    pub fn value_span(&self) -> Option<Span> {
        self.index.value_span(&self.pointer)
    }

    /// The first character of that value (an object's opening brace).
    pub fn head(&self) -> Option<Span> {
        self.value_span()
            .map(|s| Span::new(s.start(), (s.start() + 1).min(s.end())))
    }

    /// The last token of the pointer: the member the value is.
    pub fn member(&self) -> &str {
        self.pointer.rsplit('/').next().unwrap_or_default()
    }

    /// The branch of a `oneOf`/`anyOf` whose type the value has (a
    /// proportion with a negative count is a proportion error, not "not a
    /// boolean"): its errors are reported instead of the alternative's.
    pub fn same_type_branch(&self) -> Option<&'e [ValidationError<'static>]> {
        let context = match self.kind() {
            ValidationErrorKind::OneOfNotValid { context }
            | ValidationErrorKind::AnyOf { context } => context,
            _ => return None,
        };
        let relative = self.error.instance_path().as_str();
        context
            .iter()
            .find(|branch| {
                !branch.iter().any(|e| {
                    e.instance_path().as_str() == relative
                        && matches!(e.kind(), ValidationErrorKind::Type { .. })
                })
            })
            .map(Vec::as_slice)
    }

    /// What the value is, as an argument: a TIN or an NPI is an identifier
    /// (masking hides it in the message, whatever it looks like); other
    /// values by their member.
    pub fn value_kind(&self) -> ArgumentKind {
        if self.pointer.ends_with("/taxpayerIdentificationNumber") {
            ArgumentKind::Tin
        } else if self.pointer.ends_with("/nationalProviderIdentifier") {
            ArgumentKind::Npi
        } else {
            match self.member() {
                "performanceStart" | "performanceEnd" => ArgumentKind::Date,
                "measureId" => ArgumentKind::Measure,
                "performanceYear" => ArgumentKind::Year,
                _ => ArgumentKind::Value,
            }
        }
    }

    /// The value as a message shows it: a string quoted, anything else by
    /// its type.
    pub fn shown(&self) -> Message {
        let instance = self.instance();
        match instance.as_str() {
            Some(text) => Message::new().quoted(self.value_kind(), text),
            None => Message::new().plain(ArgumentKind::Value, type_phrase(instance)),
        }
    }

    /// A finding of `rule` about this value. A TIN or an NPI is recorded
    /// as an identifier argument even where the message does not quote it
    /// (a TIN written as a number), so that the finding's data names it
    /// masked; an empty value is no argument.
    pub fn finding(
        &self,
        rule: &'static RuleMeta,
        span: Option<Span>,
        pointer: String,
        message: Message,
    ) -> Diagnostic {
        let mut finding = Diagnostic::new(rule, span, pointer, message);
        finding.arguments.retain(|a| !a.value.is_empty());
        let kind = self.value_kind();
        if kind.is_identifier() && !finding.arguments.iter().any(|a| a.kind == kind) {
            let instance = self.instance();
            let value = instance
                .as_str()
                .map_or_else(|| instance.to_string(), str::to_owned);
            finding = finding.with_argument(kind, &value);
        }
        finding
    }
}

/// A field as messages name it (`` `performanceYear` ``, "the file"), the
/// name between the backquotes an argument.
pub fn field_message(field: &str) -> Message {
    match field.strip_prefix('`').and_then(|f| f.strip_suffix('`')) {
        Some(name) => Message::new()
            .text("`")
            .plain(ArgumentKind::Value, name)
            .text("`"),
        None => Message::from(field),
    }
}

/// `performanceYear`, `measurements[2]`, or `the file` for the root.
pub fn field_name(pointer: &str) -> String {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    match tokens.as_slice() {
        [] => "the file".to_owned(),
        [.., parent, last] if last.parse::<usize>().is_ok() => format!("`{parent}[{last}]`"),
        [.., last] => format!("`{}`", last.replace("~1", "/").replace("~0", "~")),
    }
}

/// How an object is named in messages: "the submission", "measurement set 1", …
pub fn object_phrase(pointer: &str) -> String {
    // Inside an API envelope, the submission is named as a bare one.
    let pointer = pointer
        .strip_prefix(envelope::ENVELOPE_POINTER)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .unwrap_or(pointer);
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let ordinal = |t: &str| t.parse::<usize>().map(|i| i + 1).unwrap_or(0);
    match tokens.as_slice() {
        [] => "the submission".to_owned(),
        ["submission"] => "the embedded submission".to_owned(),
        ["measurementSets", i] => format!("measurement set {}", ordinal(i)),
        [.., "measurements", i] => format!("measurement {}", ordinal(i)),
        [.., "measurements", i, "value"] => format!("the value of measurement {}", ordinal(i)),
        _ => format!("the object at {pointer}"),
    }
}

/// A schema type name with its article: "an integer", "a string".
pub fn article(type_name: &str) -> String {
    match type_name {
        "integer" => "an integer".to_owned(),
        "object" => "an object".to_owned(),
        "array" => "an array".to_owned(),
        "null" => "null".to_owned(),
        other => format!("a {other}"),
    }
}

/// The JSON type of a value, with its article.
pub fn type_phrase(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer".to_owned(),
        Value::Number(_) => "a number with a fraction".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
