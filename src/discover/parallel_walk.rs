//! Walking one directory tree on several threads, with exactly the result
//! of the one-thread walk: the same inputs and errors in the same order.
//!
//! The walk is mostly system calls (open, `getdents`, `fstat`, close per
//! directory), and on the main thread before any file is read it was the
//! largest part of the start of a run over thousands of directories. Here
//! the tree is cut into subtrees, in walk order, and the subtrees are
//! walked at once; walkdir still does every walk, so hidden and skipped
//! entries, errors and sorting are its own.
//!
//! Only without `--follow-links`: a followed link can lead back to an
//! ancestor, and a walk started below that ancestor would not know it.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{DiscoverError, Input, walk_from};

/// Enough subtrees per thread that one deep subtree does not leave the
/// other threads idle at the end.
const SUBTREES_PER_THREAD: usize = 8;

/// How many levels are listed to find subtrees (a corpus under one
/// `files/` directory is cut one level further down).
const MAX_SPLIT_DEPTH: usize = 3;

/// A stretch of the walk, in walk order.
enum Part {
    /// Found while listing: a file, or an error.
    Found(Result<Input, DiscoverError>),
    /// A directory whose whole subtree is still to walk.
    Subtree(PathBuf),
}

/// What one walk found, in walk order.
pub(super) type Found = Vec<Result<Input, DiscoverError>>;

/// Walks the tree under `root` (a directory) on up to `threads` threads.
pub(super) fn walk(root: &Path, threads: usize) -> Found {
    let mut parts = vec![Part::Subtree(root.to_path_buf())];
    for _ in 0..MAX_SPLIT_DEPTH {
        let subtrees = parts
            .iter()
            .filter(|p| matches!(p, Part::Subtree(_)))
            .count();
        if subtrees == 0 || subtrees >= threads * SUBTREES_PER_THREAD {
            break;
        }
        parts = parts
            .into_iter()
            .flat_map(|part| match part {
                Part::Subtree(dir) => split(&dir),
                found => vec![found],
            })
            .collect();
    }
    let subtrees: Vec<&Path> = parts
        .iter()
        .filter_map(|part| match part {
            Part::Subtree(dir) => Some(dir.as_path()),
            Part::Found(_) => None,
        })
        .collect();
    let walked = walk_all(&subtrees, threads);
    let mut walked = walked.into_iter();
    let mut found = Vec::new();
    for part in parts {
        match part {
            Part::Found(item) => found.push(item),
            Part::Subtree(_) => found.extend(walked.next().into_iter().flatten()),
        }
    }
    found
}

/// The first level of `dir`, in walk order: its files (and errors) as
/// found, its directories as subtrees to walk.
fn split(dir: &Path) -> Vec<Part> {
    let mut parts = Vec::new();
    let listing = WalkDir::new(dir)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !super::is_skipped(entry));
    for entry in listing {
        match entry {
            // The directory itself, which is no input.
            Ok(entry) if entry.depth() == 0 => {}
            Ok(entry) if entry.file_type().is_dir() => {
                parts.push(Part::Subtree(entry.into_path()));
            }
            entry => {
                let mut found = Vec::new();
                super::take_entry(entry, dir, &mut found);
                parts.extend(found.into_iter().map(Part::Found));
            }
        }
    }
    parts
}

/// Walks each of `subtrees` whole, on up to `threads` threads; the results
/// in the order of `subtrees`. A walk that panicked would leave files out:
/// the run fails as the one-thread walk would.
fn walk_all(subtrees: &[&Path], threads: usize) -> Vec<Found> {
    crate::on_threads::map_in_order(subtrees, threads, |dir| {
        let mut found = Vec::new();
        walk_from(dir, false, &mut found);
        found
    })
}
