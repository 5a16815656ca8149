//! Hash maps for the per-file paths.
//!
//! std's default hasher (SipHash) is built to resist keys chosen to collide
//! in long-lived tables. pilint's per-file maps live for one file and hold a
//! few dozen ids, keys and spans, and SipHash with its table growth was about
//! a tenth of a corpus run's instructions (callgrind, BENCHMARKS.md). foldhash
//! is several times cheaper; its `RandomState` is still seeded per process,
//! so a crafted file cannot choose colliding keys ahead of time.

use std::collections::{HashMap, HashSet};

/// A `HashMap` with foldhash's per-process seeded hasher.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash's per-process seeded hasher.
pub type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;
