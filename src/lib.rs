#![forbid(unsafe_code)]
//! pilint: a linter for MIPS Promoting Interoperability submission files.
//!
//! The library reads files into a [`model::Submission`], checks them and
//! returns [`lint::FileReport`]s; renderers turn reports into text. It never
//! prints: the binary decides what goes where, and the exit code.

pub mod baseline;
pub mod bounded;
pub mod catalog;
pub mod config;
pub mod crossfile;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod json;
pub mod json_syntax;
pub mod lint;
pub mod mask;
pub mod model;
pub mod outputs_guard;
pub mod own_report;
pub mod pointer;
pub mod project_root;
pub mod read;
pub mod render;
pub mod rule;
pub mod rules;
pub mod score;
pub mod select;
pub mod server;
pub mod settings;
pub mod source;
pub mod xml;
