//! serde_json's pretty printing of a value nested inside a document the
//! renderer writes itself: every line after the first starts with a
//! fixed indent, then two spaces per level, exactly as
//! `serde_json::to_string_pretty` followed by indenting each of its lines.
//!
//! The JSON formats indent every file's object and every finding this
//! way, on the thread that writes the output. Serializing to a string and
//! copying it again, line by line, with the indent, was two passes and a
//! buffer for each; this writes the indent where the pretty printer
//! breaks the line, in one pass.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// The pretty printer's layout (`serde_json::ser::PrettyFormatter` with
/// its default two-space indent), each line break followed by `base`.
struct NestedPretty {
    base: &'static [u8],
    level: usize,
    has_value: bool,
}

impl NestedPretty {
    fn new(base: &'static [u8]) -> Self {
        NestedPretty {
            base,
            level: 0,
            has_value: false,
        }
    }

    fn line_break<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"\n")?;
        writer.write_all(self.base)?;
        for _ in 0..self.level {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own unless the container is empty.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line_break(writer)?;
        }
        writer.write_all(bracket)
    }

    /// Before an item or a key: a comma after the first, then a new line.
    fn next_entry<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.line_break(writer)
    }
}

impl Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_entry(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_entry(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Appends `value` pretty-printed to `buffer`, each line after the first
/// starting with `base`. The first line is not indented: the caller
/// writes what comes before it (`base` itself, or a key).
pub(crate) fn append<T: Serialize + ?Sized>(
    buffer: &mut Vec<u8>,
    value: &T,
    base: &'static [u8],
) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(buffer, NestedPretty::new(base));
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// Writes `value` pretty-printed to `out`, each line after the first
/// starting with `base`, through a buffer of `capacity` bytes (the
/// serializer writes a few bytes at a time); a large value is never
/// held whole.
pub(crate) fn write<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
    base: &'static [u8],
    capacity: usize,
) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(capacity, out);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut buffered, NestedPretty::new(base));
    value.serialize(&mut serializer).map_err(io::Error::other)?;
    buffered.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What it replaces: the pretty text with `base` before every line
    /// but the first.
    fn indented_after_first(value: &serde_json::Value, base: &str) -> String {
        let pretty = serde_json::to_string_pretty(value).unwrap();
        pretty
            .lines()
            .collect::<Vec<_>>()
            .join(&format!("\n{base}"))
    }

    #[test]
    fn same_bytes_as_pretty_printing_then_indenting() {
        let values = [
            json!(null),
            json!(1.5),
            json!("line\nbreak \"quoted\""),
            json!([]),
            json!({}),
            json!([[], {}, [1, [2, {"a": []}]]]),
            json!({"a": {"b": [1, 2, {"c": {}}]}, "d": [], "e": "x"}),
            json!([{"code": "E001", "related": [{"path": "a", "line": 1}], "arguments": []}]),
        ];
        for value in &values {
            for base in ["", "    "] {
                let base_bytes: &'static [u8] = if base.is_empty() { b"" } else { b"    " };
                let mut appended = Vec::new();
                append(&mut appended, value, base_bytes).unwrap();
                assert_eq!(
                    String::from_utf8(appended).unwrap(),
                    indented_after_first(value, base),
                    "{value}"
                );
                let mut written = Vec::new();
                write(&mut written, value, base_bytes, 8).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    indented_after_first(value, base),
                    "{value}"
                );
            }
        }
    }

    /// With no base, it is serde_json's own pretty printing.
    #[test]
    fn without_a_base_it_is_serde_json_s_pretty_printing() {
        let value = json!({"files": [{"path": "a.json", "diagnostics": [{"line": 3}]}], "n": []});
        let mut appended = Vec::new();
        append(&mut appended, &value, b"").unwrap();
        assert_eq!(
            String::from_utf8(appended).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
