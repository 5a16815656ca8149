//! Reading a QRDA Category III document: one safe streaming pass that keeps
//! the template nodes and the values they read (`reader`, `plain_events`,
//! `templates`, `paths`, `skip`), and the facts derived from them that both the checks
//! and the model need (`facts`, `dates`, `years`).
//!
//! This layer only reads. Where the read itself fails (malformed XML, a
//! DOCTYPE, a limit exceeded, another root element) it returns a typed
//! [`Stop`] with its span, never a finding: the `Q` rules
//! (`src/rules/qrda/`) decide and word the findings, and the front end
//! (`src/xml/`) runs them. It names neither (`tests/module_boundaries.rs`).

pub mod dates;
pub mod facts;
pub mod paths;
mod plain_events;
pub mod reader;
pub mod skip;
pub mod templates;
pub mod years;

pub use reader::{AttrValue, Doc, Element, Hit, Limits, Malformed, NodeId, Stop, read};
