//! Where each rule's documentation is read online: one page per rule,
//! `docs/rules/CODE.md` in the repository (`Cargo.toml`'s `repository`),
//! generated from the rule's own documentation (`pilint rule CODE`).

/// The repository the pages live in.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The page of rule `code`, e.g.
/// `https://github.com/pilint/pilint/blob/main/docs/rules/S005.md`.
pub fn url(code: &str) -> String {
    format!("{REPOSITORY}/blob/main/docs/rules/{code}.md")
}

/// The page's path inside the repository, for tests and the generator.
pub fn page_path(code: &str) -> String {
    format!("docs/rules/{code}.md")
}

/// The page's text: the output of `pilint rule CODE`, its first line made
/// the page's title.
pub fn page(docs: &str) -> String {
    format!("# {docs}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_names_the_rule_page_in_the_repository() {
        assert_eq!(
            url("S005"),
            "https://github.com/pilint/pilint/blob/main/docs/rules/S005.md"
        );
    }
}
