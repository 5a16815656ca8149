//! The `F` family: the file itself.
//!
//! These findings come from the front ends (reading and parsing), not from
//! checks over the model. One file per rule holds its [`RuleMeta`] (docs and
//! examples), the message builder the front end calls, and its tests; the
//! code that raises each one is named in its `what`. `RULES` registers them
//! (`registry::tests` fails on a rule file that is not registered).

use crate::rules::registry::RuleMeta;

const VALID_MINIMAL: &str = crate::valid_2025!();

pub mod byte_order_mark;
pub mod duplicate_key;
pub mod file_too_large;
pub mod internal_error;
pub mod invalid_json;
pub mod invalid_utf8;
pub mod not_qrda3_document;
pub mod unreadable_file;

pub use byte_order_mark::META as BYTE_ORDER_MARK;
pub use duplicate_key::META as DUPLICATE_KEY;
pub use file_too_large::META as FILE_TOO_LARGE;
pub use internal_error::META as INTERNAL_ERROR;
pub use invalid_json::META as INVALID_JSON;
pub use invalid_utf8::META as INVALID_UTF8;
pub use not_qrda3_document::META as NOT_QRDA3_DOCUMENT;
pub use unreadable_file::META as UNREADABLE_FILE;

/// Every rule of the family, in code order.
pub static RULES: &[&RuleMeta] = &[
    &INVALID_JSON,
    &INVALID_UTF8,
    &BYTE_ORDER_MARK,
    &DUPLICATE_KEY,
    &NOT_QRDA3_DOCUMENT,
    &UNREADABLE_FILE,
    &INTERNAL_ERROR,
    &FILE_TOO_LARGE,
];
