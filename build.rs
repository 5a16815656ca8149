//! Embeds every performance year's data files, so adding a year is a data
//! file, not code:
//!
//! - `src/catalog/years/YYYY.json`: the measure catalog (→ `catalog_years.rs`);
//! - `src/score/tables/YYYY.json`: the scoring table (→ `score_tables.rs`).

use std::fmt::Write;
use std::path::Path;

fn main() {
    embed_years("src/catalog/years", "catalog_years.rs", "YEAR_FILES");
    embed_years("src/score/tables", "score_tables.rs", "TABLE_FILES");
}

/// Writes `OUT_DIR/out_name` with `pub static STATIC_NAME: &[(u16, &str)]`,
/// one `(year, include_str!(…))` per `YYYY.json` in `dir`, oldest first.
fn embed_years(dir: &str, out_name: &str, static_name: &str) {
    let dir = Path::new(dir);
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
