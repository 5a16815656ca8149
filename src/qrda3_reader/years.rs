//! Which implementation guide (ClinicalDocument templateId extension)
//! belongs to which performance year, as data (`ig_versions.json`).
//!
//! CMS's converter accepts exactly one extension at a time, so a file for a
//! year it has not caught up with is rejected whole. pilint instead reads
//! every year it knows, reports a mismatch, and keeps checking.

use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Table {
    versions: Vec<IgVersion>,
}

/// One CMS QRDA III IG version.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IgVersion {
    pub extension: String,
    pub years: Vec<i64>,
    /// The guide's version number, when recorded (`1.0`, `1.1`).
    #[serde(default)]
    pub version: Option<String>,
    /// The extension of the later version of the same year's guide that
    /// replaced this one; CMS accepts only that one.
    #[serde(default)]
    pub superseded_by: Option<String>,
}

static TABLE: LazyLock<Vec<IgVersion>> = LazyLock::new(|| {
    // The file is part of the source and a unit test parses it, so a
    // failure here is a build defect; an empty table keeps pilint running.
    serde_json::from_str::<Table>(include_str!("ig_versions.json"))
        .map(|t| t.versions)
        .unwrap_or_default()
});

/// The extension CMS expects for `year` (never a superseded one), when
/// pilint knows it.
pub fn extension_for(year: i64) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|v| v.years.contains(&year) && v.superseded_by.is_none())
        .map(|v| v.extension.as_str())
}

/// The record of `extension`, when pilint knows it.
pub fn version_of(extension: &str) -> Option<&'static IgVersion> {
    TABLE.iter().find(|v| v.extension == extension)
}

/// The years an extension belongs to (empty when unknown).
pub fn years_of(extension: &str) -> &'static [i64] {
    TABLE
        .iter()
        .find(|v| v.extension == extension)
        .map_or(&[], |v| v.years.as_slice())
}

/// The newest extension pilint knows, and its last year.
pub fn latest() -> Option<(&'static str, i64)> {
    TABLE
        .iter()
        .filter(|v| v.superseded_by.is_none())
        .filter_map(|v| Some((v.extension.as_str(), *v.years.iter().max()?)))
        .max_by_key(|(_, year)| *year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_maps_years() {
        assert!(TABLE.len() >= 9);
        assert_eq!(extension_for(2023), Some("2022-12-01"));
        assert_eq!(extension_for(2024), Some("2022-12-01"));
        assert_eq!(extension_for(2025), Some("2024-12-01"));
        assert_eq!(years_of("2017-07-01"), &[2017, 2018]);
        // The newest guide is the table's last year, whichever that is, and
        // no year after it has an extension yet.
        let (extension, year) = latest().unwrap();
        let newest = TABLE.iter().flat_map(|v| v.years.iter().copied()).max();
        assert_eq!(Some(year), newest);
        assert_eq!(extension_for(year), Some(extension));
        assert_eq!(extension_for(year + 1), None);
        // A superseded guide is never the one expected.
        assert_eq!(years_of("2024-07-01"), &[2025]);
        assert_eq!(
            version_of("2024-07-01").and_then(|v| v.superseded_by.as_deref()),
            Some("2024-12-01")
        );
    }
}
