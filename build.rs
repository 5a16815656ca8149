//! Embeds every performance year's data files, so adding a year is a data
//! file, not code:
//!
//! - `src/catalog/years/YYYY.json`: the measure catalog (→ `catalog_years.rs`);
//! - `src/score/tables/YYYY.json`: the scoring table (→ `score_tables.rs`);
//! - and, from each catalog, what a run asks of every year at once (→
//!   `catalog_index.rs`, see `src/catalog/index.rs`).

use std::fmt::Write;
use std::path::Path;

fn main() {
    embed_years("src/catalog/years", "catalog_years.rs", "YEAR_FILES");
    embed_years("src/score/tables", "score_tables.rs", "TABLE_FILES");
    index_catalogs("src/catalog/years", "catalog_index.rs");
}

/// The `YYYY.json` files of `dir`, oldest first, as (year, absolute path).
fn year_files(dir: &Path) -> Vec<(u16, String)> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut years: Vec<(u16, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{} exists: {err}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let year: u16 = path.file_stem()?.to_str()?.parse().ok()?;
            (path.extension()? == "json")
                .then_some((year, path.canonicalize().ok()?.display().to_string()))
        })
        .collect();
    years.sort();
    years
}

/// Writes `OUT_DIR/out_name` with `static YEAR_INDEX: &[YearIndex]`: per
/// catalog, its year, whether it is provisional, its data source, its
/// CEHRT ID shapes and its measure ids. `--version` and the rules that ask
/// about every year (a placeholder CEHRT ID, the years a measure exists in)
/// read these instead of parsing every year's catalog at start-up, which
/// was a third of a one-file run. A test holds the index to the catalogs.
fn index_catalogs(dir: &str, out_name: &str) {
    let str_of = |v: &serde_json::Value, what: &str, path: &str| -> String {
        v.as_str()
            .unwrap_or_else(|| panic!("{path}: {what} is a string"))
            .to_owned()
    };
    let mut code = String::from("&[\n");
    for (year, path) in year_files(Path::new(dir)) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
        let catalog: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|err| panic!("{path}: {err}"));
        let strings = |key: &str| -> Vec<String> {
            catalog[key]
                .as_array()
                .unwrap_or_else(|| panic!("{path}: {key} is an array"))
                .iter()
                .map(|v| str_of(v, key, &path))
                .collect()
        };
        let measure_ids: Vec<String> = catalog["measures"]
            .as_array()
            .unwrap_or_else(|| panic!("{path}: measures is an array"))
            .iter()
            .map(|m| str_of(&m["measureId"], "measureId", &path))
            .collect();
        writeln!(
            code,
            "    YearIndex {{ year: {year}, provisional: {provisional}, repository: {repository:?}, \
             commit: {commit:?}, cehrt_id_patterns: &{patterns:?}, measure_ids: &{measure_ids:?} }},",
            provisional = catalog["provisional"]
                .as_bool()
                .unwrap_or_else(|| panic!("{path}: provisional is a boolean")),
            repository = str_of(&catalog["source"]["repository"], "source.repository", &path),
            commit = str_of(&catalog["source"]["commit"], "source.commit", &path),
            patterns = strings("cehrtIdPatterns"),
        )
        .unwrap();
    }
    code.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join(out_name);
    std::fs::write(out, code).unwrap();
}

/// Writes `OUT_DIR/out_name` with `pub static STATIC_NAME: &[(u16, &str)]`,
/// one `(year, include_str!(…))` per `YYYY.json` in `dir`, oldest first.
fn embed_years(dir: &str, out_name: &str, static_name: &str) {
    let years = year_files(Path::new(dir));
    let mut code = format!(
        "/// (performance year, JSON text), oldest first.\npub static {static_name}: &[(u16, &str)] = &[\n",
    );
    for (year, path) in &years {
        println!("cargo:rerun-if-changed={path}");
        writeln!(code, "    ({year}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join(out_name);
    std::fs::write(out, code).unwrap();
}
