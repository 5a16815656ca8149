//! Reading a JSON file: strict RFC 8259 syntax, where every value is
//! (spans and JSON Pointers), and which of the shapes pilint reads the
//! document has (a bare submission, a `POST /measurement-sets` body, an
//! API envelope; the level each documented key belongs to).
//!
//! This layer names no rule: what it finds wrong (a byte that is not
//! UTF-8, a byte-order mark, a syntax error, a repeated key) it returns as
//! a typed [`Problem`] with its span, and the `F` rules decide what finding
//! each one is (`rules::file`). The QPP JSON front end (`crate::json`)
//! runs it, then the schema and the decoder.

pub mod envelope;
pub mod key_levels;
pub mod parse;
mod problem;
pub mod span_index;
#[cfg(test)]
mod span_index_props;
pub mod value;

pub use problem::Problem;
