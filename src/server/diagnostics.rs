//! pilint's findings as LSP diagnostics: the range in the negotiated
//! encoding, severity, code, the rule's page (`codeDescription.href`),
//! `source: "pilint"`, related locations, and the CMS consequence (in
//! `data`, and at the end of the message, where every editor shows it).

use std::str::FromStr;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use serde_json::json;

use super::position::Positions;
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::Consequence;

/// The `source` of every diagnostic pilint publishes.
pub const SOURCE: &str = "pilint";

/// The `code` of the diagnostic for a configuration file that cannot be
/// used (no rule: the run itself cannot go ahead).
pub const CONFIG_CODE: &str = "config";

/// A file finding, its spans converted with `positions` (of the text the
/// finding was made from).
pub fn of_file(
    finding: &Diagnostic,
    positions: &Positions<'_>,
    uri: &Uri,
) -> lsp_types::Diagnostic {
    let range = finding
        .span()
        .map_or_else(Range::default, |span| positions.range(span));
    let related = finding
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), positions.range(r.span()?)),
                message: r.message.clone(),
            })
        })
        .collect();
    let mut diagnostic = lsp_diagnostic(finding, &finding.message, range);
    diagnostic.related_information = Some(related).filter(|r: &Vec<_>| !r.is_empty());
    diagnostic
}

/// The LSP diagnostic of `finding` at `range`, saying `text` (its message,
/// or a message pointing back from a related file); related information
/// is the caller's, which knows where the labels' files are.
pub fn lsp_diagnostic(finding: &Diagnostic, text: &str, range: Range) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_owned())),
        code_description: Uri::from_str(&crate::rules::url::url(finding.code))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: message(text, finding.consequence, &finding.help),
        related_information: None,
        tags: None,
        data: Some(json!({
            "rule": finding.name,
            "consequence": finding.consequence.as_str(),
            "effect": finding.consequence.effect(),
            "pointer": finding.pointer(),
            "note": finding.note,
            "help": finding.help,
        })),
    }
}

/// The message, with what CMS does ("(CMS refuses this file)") where it
/// does anything, and what to do on the next line.
pub fn message(text: &str, consequence: Consequence, help: &str) -> String {
    let mut out = text.to_owned();
    if consequence != Consequence::None {
        out.push_str(&format!(" ({})", consequence.effect()));
    }
    if !help.is_empty() {
        out.push_str("\nhelp: ");
        out.push_str(help);
    }
    out
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A configuration file that cannot be used: said once on the document
/// (which `pilint check` would refuse to check), pointing at the place in
/// the configuration file.
pub fn of_config_error(error: &ConfigError) -> lsp_types::Diagnostic {
    let at = Position::new(
        u32::try_from(error.line.saturating_sub(1)).unwrap_or(0),
        u32::try_from(error.column.saturating_sub(1)).unwrap_or(0),
    );
    let related = super::uri::from_path(std::path::Path::new(&error.path)).map(|uri| {
        vec![DiagnosticRelatedInformation {
            location: Location::new(uri, Range::new(at, at)),
            message: error.reason.clone(),
        }]
    });
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(CONFIG_CODE.to_owned())),
        source: Some(SOURCE.to_owned()),
        message: format!("invalid configuration {error}; this file was not checked"),
        related_information: related,
        ..lsp_types::Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::file::BYTE_ORDER_MARK;
    use crate::source::{SourceFile, Span};

    #[test]
    fn a_finding_carries_its_rule_page_and_consequence() {
        let source = SourceFile::from_text("a.json", "\u{feff}{}");
        let positions = Positions::new(&source, super::super::position::Encoding::Utf16);
        let uri = Uri::from_str("file:///a.json").unwrap();
        let finding = Diagnostic::new(&BYTE_ORDER_MARK, Some(Span::new(0, 3)), "", "a BOM")
            .with_consequence(Consequence::Rejected);
        let lsp = of_file(&finding, &positions, &uri);
        assert_eq!(
            lsp.range,
            Range::new(Position::new(0, 0), Position::new(0, 1))
        );
        assert_eq!(lsp.code, Some(NumberOrString::String("F003".into())));
        assert_eq!(
            lsp.code_description.unwrap().href.as_str(),
            "https://github.com/pilint/pilint/blob/main/docs/rules/F003.md"
        );
        assert_eq!(lsp.source.as_deref(), Some("pilint"));
        assert!(
            lsp.message
                .starts_with("a BOM (CMS refuses this file)\nhelp: ")
        );
        assert_eq!(lsp.data.unwrap()["consequence"], "rejected");
    }
}
