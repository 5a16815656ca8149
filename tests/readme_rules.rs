//! The README's rules table is exactly what `pilint rules --format markdown`
//! prints, so it never drifts from the registry.

#[test]
fn readme_rules_table_matches_the_registry() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start_marker = "<!-- rules:start -->\n";
    let start = readme.find(start_marker).expect("rules:start marker") + start_marker.len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    assert_eq!(
        &readme[start..end],
        pilint::rules::registry::markdown_table(),
        "regenerate with: cargo run -q -- rules --format markdown"
    );
}
