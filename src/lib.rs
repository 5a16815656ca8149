#![forbid(unsafe_code)]
//! pilint: a linter for MIPS Promoting Interoperability submission files.
//!
//! The library reads files into a [`model::Submission`], checks them and
//! returns [`lint::FileReport`]s; renderers turn reports into text. It never
//! prints: the binary decides what goes where, and the exit code.
//!
//! # The public API
//!
//! What the `pilint` binary, the language server and any other front end
//! use: [`engine`] (a run: discover, settings, per-file lint, cross-file,
//! roll-up; [`engine::check_source`] for one buffer), [`lint`] and
//! [`model`] (what a file holds), [`diagnostic`] (a finding), [`score`]
//! (the predicted score), [`crossfile`] (entities across files),
//! [`render`] (the output formats), [`rules`] (the registry and its docs),
//! [`settings`], [`config`], [`select`], [`discover`], [`baseline`],
//! [`project_root`], [`outputs_guard`], [`catalog`], [`source`] and
//! [`server`]. Everything else is `pub(crate)`, so the compiler reports
//! code the library no longer uses; `tests/module_boundaries.rs` holds the
//! list. Masking, for one, is policy the engine applies, not a library
//! call:
//!
//! ```compile_fail
//! let _ = pilint::mask::mask_value("123456789");
//! ```

pub mod baseline;
pub(crate) mod bounded;
pub mod catalog;
pub mod config;
pub mod crossfile;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub(crate) mod entities;
pub(crate) mod fast_hash;
pub mod lint;
pub(crate) mod mask;
pub mod model;
pub(crate) mod on_threads;
pub mod outputs_guard;
pub(crate) mod own_report;
pub(crate) mod pointer;
pub mod project_root;
pub(crate) mod read;
pub mod render;
pub(crate) mod rule;
pub mod rules;
pub mod score;
pub mod select;
pub mod server;
pub mod settings;
pub mod source;

/// The front ends' stages, which the stage-by-stage benchmarks
/// (`benches/pipeline.rs`) and the fuzz targets reach into: public with the
/// `internals` feature (no stability promise), crate-private otherwise, so
/// that the compiler still reports what the library no longer uses.
macro_rules! internal_modules {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    )*};
}

internal_modules!(json, json_syntax, qrda3_reader, xml);
