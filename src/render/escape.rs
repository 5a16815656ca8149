//! Text from a file or a file name, made safe for a terminal and for
//! line-oriented readers.
//!
//! A checked file, or its name, can hold ESC (a terminal runs what follows
//! as a command: colours, titles, cursor moves that hide lines), BEL, a
//! carriage return that overwrites the start of the line, a newline that
//! forges a line of output (`x.json:1:1: error[...] ...` as a *file name*),
//! or a Unicode bidirectional override that shows text in another order
//! than it is (the "Trojan Source" trick). Every such character is shown as
//! a Rust-style escape, the way ripgrep and ruff show them: `\n`, `\r`,
//! `\t`, `\0`, `\u{1b}`, `\u{202e}`. Ordinary text, including any
//! non-ASCII letter, is shown as it is.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is: a C0 or C1 control
/// character, DEL, or a bidirectional embedding, override or isolate.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Appends the escape of an unsafe character (or the character itself).
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        c if is_unsafe(c) => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// `text` with every unsafe character escaped; borrowed when there is none
/// (the usual case costs one scan, no copy).
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_keeping(text, |_| false)
}

/// [`escape`], but characters for which `keep` holds are left as they are
/// (a message's own line breaks, a tab that a frame expands).
pub fn escape_keeping(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) && !keep(c);
    let Some(first) = text.find(needs) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if needs(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(escape("a\nb"), "a\\nb");
        assert_eq!(escape("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(escape("x\r\t\0"), "x\\r\\t\\0");
        assert_eq!(escape("\u{85}\u{9b}\u{7f}"), "\\u{85}\\u{9b}\\u{7f}");
        assert_eq!(escape("a\u{202e}b\u{2066}"), "a\\u{202e}b\\u{2066}");
        assert!(matches!(escape("Peña é 𝄞 \u{a0}"), Cow::Borrowed(_)));
        assert_eq!(escape_keeping("a\n\u{1b}", |c| c == '\n'), "a\n\\u{1b}");
    }
}
