//! CSV cells a spreadsheet cannot run as formulas.
//!
//! Excel, LibreOffice and Google Sheets run a cell that starts with `=`,
//! `+`, `-` or `@` as a formula (`=HYPERLINK("https://…","click")`, or
//! worse), and a leading tab or carriage return hides such a start from a
//! naive check. A roll-up cell can carry text from a checked file (a TIN
//! or NPI as written in it, a note), so following the OWASP guidance on CSV
//! injection, such a cell is written with a leading `'`, which the
//! spreadsheet shows as text and hides. A plain number (`-1.5`) is left as
//! it is: it is not a formula, and a prefix would turn it into text.
//!
//! Every CSV pilint writes passes its cells through [`cell`].

use std::borrow::Cow;

/// `value`, made safe to open in a spreadsheet.
pub fn cell(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_plain_number(value) => {
            Cow::Owned(format!("'{value}"))
        }
        _ => Cow::Borrowed(value),
    }
}

/// `-12`, `+3.5`, `-0.25`: a sign, digits, at most one point.
fn is_plain_number(value: &str) -> bool {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    let mut points = 0;
    !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| {
            points += usize::from(b == b'.');
            b.is_ascii_digit() || (b == b'.' && points == 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for hostile in [
            "=HYPERLINK(\"https://x\",\"y\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "-",
            "=",
        ] {
            assert_eq!(cell(hostile), format!("'{hostile}"), "{hostile:?}");
        }
    }

    #[test]
    fn ordinary_values_and_numbers_are_kept() {
        for kept in [
            "",
            "123456789",
            "required",
            "-1.5",
            "+3",
            "0.25",
            "a=b",
            " =x",
        ] {
            assert_eq!(cell(kept), kept);
        }
        assert_eq!(cell("-1.2.3"), "'-1.2.3");
        assert_eq!(cell("-."), "'-.");
    }
}
