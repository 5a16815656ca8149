//! Reading one input into memory, within a size limit.
//!
//! The limit is checked against the file's metadata before reading, and
//! again while reading (a file can grow, stdin has no size), so a huge
//! input never gets into memory. A file must be regular and yield exactly
//! the bytes its metadata declares ([`crate::bounded`]): a procfs file
//! (`/proc/self/environ` declares 0 bytes, then yields the environment) or
//! a FIFO swapped in after discovery is refused, so its content is never
//! checked, never quoted, never shown in a frame.

use std::io::Read;

use crate::bounded::{BoundedError, open_regular, read_declared};
use crate::discover::Input;

/// Default `--max-file-size`: far above any real submission (they are
/// kilobytes; the largest QRDA III files CMS publishes are a few megabytes),
/// below what would strain a CI runner.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 128 * 1024 * 1024;

/// The largest `--max-file-size`: byte offsets are stored as `u32`
/// ([`crate::source::Span`]), so no file past 4 GiB is read.
pub const LARGEST_MAX_FILE_SIZE: u64 = crate::source::MAX_SPAN_OFFSET;

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// The input holds more than the limit; `size` is what was known of it.
    TooLarge {
        size: u64,
        limit: u64,
    },
}

/// Reads `input` whole, refusing more than `limit` bytes.
pub fn read_input(input: &Input, limit: u64) -> Result<Vec<u8>, ReadError> {
    match input {
        Input::File { .. } => {
            let path = input.path().unwrap_or(std::path::Path::new(""));
            let (file, size) = open_regular(path, limit).map_err(refused)?;
            read_declared(file, size).map_err(refused)
        }
        Input::Stdin { .. } => read_limited(std::io::stdin().lock(), limit, 0),
    }
}

fn read_limited(reader: impl Read, limit: u64, size_hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadError::TooLarge { size: read, limit });
    }
    Ok(bytes)
}

/// A refused file is unreadable (exit 2, the run did not check it), except
/// an oversized one, which stays a finding of its own.
fn refused(err: BoundedError) -> ReadError {
    match err {
        BoundedError::Io(err) => ReadError::Io(err),
        BoundedError::TooLarge { size, limit } => ReadError::TooLarge { size, limit },
        other => ReadError::Io(std::io::Error::other(other.to_string())),
    }
}
