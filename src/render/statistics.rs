//! `--statistics`: how many findings each rule made, instead of the
//! findings themselves; text, or JSON when the standard output format is
//! `json`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::render::{Origin, Renderer, Summary};

#[derive(Serialize)]
struct Count {
    code: &'static str,
    name: &'static str,
    count: usize,
}

pub struct Statistics {
    json: bool,
    counts: BTreeMap<&'static str, Count>,
}

impl Statistics {
    pub fn new(json: bool) -> Self {
        Statistics {
            json,
            counts: BTreeMap::new(),
        }
    }
}

impl Statistics {
    fn count(&mut self, code: &'static str, name: &'static str) {
        self.counts
            .entry(code)
            .or_insert(Count {
                code,
                name,
                count: 0,
            })
            .count += 1;
    }
}

impl Renderer for Statistics {
    /// Cross-file findings count per rule like any other.
    fn finding(
        &mut self,
        _origin: Origin<'_>,
        finding: &Diagnostic,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.count(finding.code, finding.name);
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let mut counts: Vec<&Count> = self.counts.values().collect();
        // Most frequent first; the code breaks ties, so output is stable.
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        if self.json {
            serde_json::to_writer_pretty(&mut *out, &counts).map_err(io::Error::other)?;
            return writeln!(out);
        }
        let width = counts
            .iter()
            .map(|c| c.count.to_string().len())
            .max()
            .unwrap_or(1);
        for c in counts {
            writeln!(out, "{:>width$}  {}  {}", c.count, c.code, c.name)?;
        }
        Ok(())
    }
}
