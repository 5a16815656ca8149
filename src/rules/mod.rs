//! Rules: the registry table and each family's rules.

pub mod crossfile;
pub mod examples;
pub mod file;
pub mod qrda;
pub mod registry;
pub mod schema;
pub mod semantic;
pub mod url;

pub use crate::rule::{Consequence, Consequences, Family, Kind};
