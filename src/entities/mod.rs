//! Who submitted what, across files: the entity a submission is filed
//! under ([`entity`]), the details of each file of a repeated entity that
//! the cross-file checks compare ([`facts`]), and those submissions grouped
//! by entity and year, with what CMS makes of each group ([`group`]).
//!
//! Plain data and what follows from it: nothing here reads a file, checks
//! one or names a rule. `crate::crossfile` gathers these facts from a run's
//! reports; the `X` rules (`crate::rules::crossfile`) judge them. Both
//! depend on this module, so neither depends on the other.

pub mod entity;
pub mod facts;
pub mod group;

pub use entity::EntityKey;
