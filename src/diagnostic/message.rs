//! A finding's message and the typed values it quotes.
//!
//! A rule builds its message from literal words and arguments: each
//! argument is a value of the file (a TIN, a measure id, a year, a date, a
//! count) with what it is. The message's text is what every format shows;
//! the arguments travel with the finding as data (`--format json`'s
//! `arguments`), and masking finds the identifiers a finding quotes there,
//! never by what a value looks like.

use std::fmt::Display;

use serde::Serialize;

/// What an argument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArgumentKind {
    /// A Taxpayer Identification Number: masked unless identifiers are shown.
    Tin,
    /// A National Provider Identifier: masked unless identifiers are shown.
    Npi,
    /// A measure id, as the file spells it.
    Measure,
    /// A performance year.
    Year,
    /// A date, as the file writes it.
    Date,
    /// A number: a numerator, a denominator, days, submissions.
    Count,
    /// Any other value of the file (a CEHRT ID, a program name, a method).
    Value,
}

impl ArgumentKind {
    /// TINs and NPIs: what masking hides.
    pub fn is_identifier(self) -> bool {
        matches!(self, ArgumentKind::Tin | ArgumentKind::Npi)
    }
}

/// One value a message quotes, exactly as the message shows it (a long
/// value cut short like the message cuts it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Argument {
    pub kind: ArgumentKind,
    pub value: String,
}

/// A message being built: its text and the arguments it quotes, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub arguments: Vec<Argument>,
}

impl Message {
    pub fn new() -> Message {
        Message::default()
    }

    /// Literal words.
    pub fn text(mut self, words: &str) -> Message {
        self.text.push_str(words);
        self
    }

    /// A value of the file in backquotes, cut short as [`quote_short`]
    /// cuts it (a message never carries a whole document).
    pub fn quoted(mut self, kind: ArgumentKind, value: &str) -> Message {
        let quoted = quote_short(value);
        self.text.push_str(&quoted);
        self.arguments.push(Argument {
            kind,
            value: quoted[1..quoted.len() - 1].to_owned(),
        });
        self
    }

    /// A value written as it is (a year, a count, a date).
    pub fn plain(mut self, kind: ArgumentKind, value: impl Display) -> Message {
        let shown = value.to_string();
        self.text.push_str(&shown);
        self.arguments.push(Argument { kind, value: shown });
        self
    }
}

impl Message {
    /// This message followed by `more`, with both one's arguments.
    pub fn then(mut self, more: Message) -> Message {
        self.text.push_str(&more.text);
        self.arguments.extend(more.arguments);
        self
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message {
            text,
            arguments: Vec::new(),
        }
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::from(text.to_owned())
    }
}

/// Quotes a value for a message, cut short so a message never carries a
/// whole document (and never much of a clinician's data).
pub fn quote_short(value: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::from("`");
    let mut chars = value.chars();
    out.extend(
        chars
            .by_ref()
            .take(MAX)
            .map(|c| if c.is_control() { ' ' } else { c }),
    );
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('`');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_short_cuts_long_values() {
        assert_eq!(quote_short("abc"), "`abc`");
        let long = "x".repeat(100);
        assert_eq!(quote_short(&long).chars().count(), 43);
    }

    #[test]
    fn a_message_records_what_it_quotes_as_it_shows_it() {
        let long = "9".repeat(50);
        let message = Message::new()
            .text("the TIN ")
            .quoted(ArgumentKind::Tin, &long)
            .text(" in ")
            .plain(ArgumentKind::Year, 2025);
        assert_eq!(
            message.text,
            format!("the TIN `{}…` in 2025", "9".repeat(40))
        );
        assert_eq!(
            message.arguments,
            [
                Argument {
                    kind: ArgumentKind::Tin,
                    value: format!("{}…", "9".repeat(40)),
                },
                Argument {
                    kind: ArgumentKind::Year,
                    value: "2025".to_owned(),
                },
            ]
        );
    }
}
