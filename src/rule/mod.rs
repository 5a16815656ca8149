//! What a rule is: its registry entry ([`RuleMeta`]), family, default
//! severity and CMS consequence. The types every other module shares, and
//! which depend on no other module of pilint.

pub mod consequence;
pub mod family;
pub mod meta;
pub mod severity;

pub use consequence::{Consequence, Consequences};
pub use family::{Family, Kind};
pub use meta::{Example, ExampleFormat, RuleMeta};
pub use severity::Severity;
