//! What a run asks of every performance year at once, read from the
//! catalogs when pilint is built (`build.rs`), so that no catalog is parsed
//! for it: `--version` (each year's status and data source), a placeholder
//! CEHRT ID (any year's shapes) and the years a measure exists in. A run
//! over one year's files then parses that year's catalog alone, and a
//! one-file run's start-up no longer parses five (a third of its
//! instructions; BENCHMARKS.md).

/// One embedded catalog's year, status, source, CEHRT ID shapes and
/// measure ids, as its JSON file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearIndex {
    pub year: u16,
    /// CMS has not published final data for this year.
    pub provisional: bool,
    /// Where the year's measure data came from (`source` in the catalog).
    pub repository: &'static str,
    pub commit: &'static str,
    pub cehrt_id_patterns: &'static [&'static str],
    pub measure_ids: &'static [&'static str],
}

/// Every embedded catalog, oldest first (the order of `YEAR_FILES`).
pub static YEAR_INDEX: &[YearIndex] = include!(concat!(env!("OUT_DIR"), "/catalog_index.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    /// The index says what the catalogs say: built from the same files,
    /// it must agree with them field by field, year by year.
    #[test]
    fn the_index_agrees_with_every_catalog() {
        let years: Vec<u16> = YEAR_INDEX.iter().map(|y| y.year).collect();
        assert_eq!(years, super::super::supported_years());
        for entry in YEAR_INDEX {
            let catalog = super::super::year(i64::from(entry.year)).unwrap();
            assert_eq!(entry.provisional, catalog.provisional);
            assert_eq!(entry.repository, catalog.source.repository);
            assert_eq!(entry.commit, catalog.source.commit);
            assert_eq!(entry.cehrt_id_patterns, catalog.cehrt_id_patterns);
            let ids: Vec<&str> = catalog
                .measures
                .iter()
                .map(|m| m.measure_id.as_str())
                .collect();
            assert_eq!(entry.measure_ids, ids);
        }
    }
}
