//! Embeds every performance year's catalog (src/catalog/years/YYYY.json), so
//! adding a year is a data file, not code.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("src/catalog/years");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut years: Vec<(u16, String)> = std::fs::read_dir(dir)
        .expect("src/catalog/years exists")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let year: u16 = path.file_stem()?.to_str()?.parse().ok()?;
            (path.extension()? == "json")
                .then_some((year, path.canonicalize().ok()?.display().to_string()))
        })
        .collect();
    years.sort();
    let mut code = String::from(
        "/// (performance year, catalog JSON), oldest first.\npub static YEAR_FILES: &[(u16, &str)] = &[\n",
    );
    for (year, path) in &years {
        println!("cargo:rerun-if-changed={path}");
        writeln!(code, "    ({year}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog_years.rs");
    std::fs::write(out, code).unwrap();
}
