//! Hostile QRDA III inputs: each gives one clear finding, nothing declared
//! in a DTD is expanded or fetched, and nothing of another file reaches
//! the output.

use assert_cmd::Command;
use pilint::lint::{LintOptions, lint_source};
use pilint::source::SourceFile;

fn codes(name: &str, text: &str) -> Vec<&'static str> {
    let report = lint_source(SourceFile::from_text(name, text), &LintOptions::default());
    report.diagnostics.iter().map(|d| d.code).collect()
}

const ROOT: &str = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">";

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    doc.push_str(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for i in 2..=9 {
        let prev = format!("&lol{};", i - 1);
        doc.push_str(&format!(" <!ENTITY lol{i} \"{}\">\n", prev.repeat(10)));
    }
    doc.push_str("]>\n");
    doc.push_str(ROOT);
    doc.push_str("<title>&lol9;</title></ClinicalDocument>\n");
    let report = lint_source(
        SourceFile::from_text("lol.xml", doc.as_str()),
        &LintOptions::default(),
    );
    let found: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, ["Q002"]);
    assert!(report.submission.is_none());
    // The finding points at the DOCTYPE on line 2 and says nothing expanded.
    let span = report.diagnostics[0].span().expect("span");
    assert_eq!(report.source.line_col(span.start()).line, 2);
    assert!(!report.diagnostics[0].message.contains("lollol"));
}

#[test]
fn external_entity_to_a_local_file_is_never_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let secret_path = dir.path().join("secret.txt");
    let secret = "TOP-SECRET-4242-do-not-leak";
    std::fs::write(&secret_path, secret).expect("write secret");
    let url = format!("file://{}", secret_path.display());
    let doc = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM \"{url}\">]>\n{ROOT}\n  <title>&xxe;</title>\n</ClinicalDocument>\n"
    );
    let external_dtd = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE ClinicalDocument SYSTEM \"{url}\">\n{ROOT}</ClinicalDocument>\n"
    );
    for (name, text) in [("xxe.xml", &doc), ("dtd.xml", &external_dtd)] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write doc");
        for format in ["full", "json"] {
            let output = Command::cargo_bin("pilint")
                .expect("binary")
                .args(["check", "--format", format])
                .arg(&path)
                .output()
                .expect("run");
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(output.status.code(), Some(1), "{name} {format}: {all}");
            assert!(all.contains("Q002"), "{name} {format}: {all}");
            assert!(
                !all.contains(secret),
                "{name} {format} leaked the file: {all}"
            );
        }
    }
}

#[test]
fn an_undeclared_entity_is_an_error_not_a_lookup() {
    let doc = format!("<?xml version=\"1.0\"?>\n{ROOT}<title>&xxe;</title></ClinicalDocument>\n");
    assert_eq!(codes("undeclared.xml", &doc), ["Q001"]);
}

#[test]
fn deep_nesting_is_bounded() {
    let depth = 100_000;
    let mut doc = String::with_capacity(depth * 8);
    doc.push_str(ROOT);
    doc.push_str(&"<a>".repeat(depth));
    doc.push_str(&"</a>".repeat(depth));
    doc.push_str("</ClinicalDocument>");
    let report = lint_source(
        SourceFile::from_text("deep.xml", doc.as_str()),
        &LintOptions::default(),
    );
    assert_eq!(report.diagnostics.len(), 1);
    let finding = &report.diagnostics[0];
    assert_eq!(finding.code, "Q003");
    assert!(finding.message.contains("257 deep"), "{}", finding.message);
    // The finding is at the 257th start tag: the root plus 255 `<a>`s before it.
    let span = finding.span().expect("span");
    assert_eq!(span.start(), ROOT.len() + 255 * 3);
    // The same without the closing tags (a deep and truncated file).
    let open_only = format!("{ROOT}{}", "<a>".repeat(depth));
    assert_eq!(codes("deep-open.xml", &open_only), ["Q003"]);
}

#[test]
fn a_truncated_document_names_the_open_element() {
    let text = std::fs::read_to_string("fixtures/valid/qrda3/group-2025.xml").expect("fixture");
    // Cut between elements, and inside an attribute value.
    let between = &text[..text.find("<component>").expect("component") + "<component>".len()];
    let report = lint_source(
        SourceFile::from_text("cut.xml", between),
        &LintOptions::default(),
    );
    assert_eq!(report.diagnostics.len(), 1);
    let finding = &report.diagnostics[0];
    assert_eq!(finding.code, "Q001");
    assert!(
        finding.message.contains("<component>"),
        "{}",
        finding.message
    );
    assert!(finding.message.contains("truncated"), "{}", finding.message);
    assert_eq!(finding.related.len(), 1, "the unclosed element is labelled");
    let inside = &text[..text.find("extension=\"PI_EP_1").expect("id") + 15];
    assert_eq!(codes("cut2.xml", inside), ["Q001"]);
    assert_eq!(codes("empty.xml", ""), ["Q001"]);
    assert_eq!(codes("prolog.xml", "<?xml version=\"1.0\"?>\n"), ["Q001"]);
}

#[test]
fn non_qrda_xml_gets_one_finding() {
    assert_eq!(
        codes(
            "page.xml",
            "<?xml version=\"1.0\"?>\n<html><body><p>hi</p></body></html>\n"
        ),
        ["F005"]
    );
    // Named without an extension, content decides.
    assert_eq!(codes("noext", "<?xml version=\"1.0\"?>\n<feed/>"), ["F005"]);
    assert_eq!(
        codes(
            "ccda.xml",
            "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><templateId root=\"2.16.840.1.113883.10.20.22.1.2\"/></ClinicalDocument>"
        ),
        ["F005"]
    );
}

#[test]
fn malformed_markup_is_reported_once() {
    for (name, text) in [
        ("mismatch.xml", format!("{ROOT}<a></b></ClinicalDocument>")),
        (
            "dup-attr.xml",
            format!("{ROOT}<a x=\"1\" x=\"2\"/></ClinicalDocument>"),
        ),
        (
            "two-roots.xml",
            format!("{ROOT}</ClinicalDocument><ClinicalDocument/>"),
        ),
        ("prefix.xml", format!("{ROOT}<v:a/></ClinicalDocument>")),
        (
            "text-after.xml",
            format!("{ROOT}</ClinicalDocument>trailing"),
        ),
    ] {
        assert_eq!(codes(name, &text), ["Q001"], "{name}");
    }
}

#[test]
fn no_cut_or_corruption_of_a_valid_document_breaks_pilint() {
    let text = std::fs::read_to_string("fixtures/valid/qrda3/group-2025.xml").expect("fixture");
    let bytes = text.as_bytes();
    let mut inputs: Vec<Vec<u8>> = (0..bytes.len())
        .step_by(53)
        .map(|n| bytes[..n].to_vec())
        .collect();
    for (i, replacement) in (0..bytes.len())
        .step_by(89)
        .zip([b'<', b'>', b'"', b'&', 0xff, b'/', b'x'].iter().cycle())
    {
        let mut corrupted = bytes.to_vec();
        corrupted[i] = *replacement;
        inputs.push(corrupted);
    }
    for input in inputs {
        let report = lint_source(
            SourceFile::from_bytes("cut.xml", input),
            &LintOptions::default(),
        );
        assert!(!report.failed, "internal error: {:?}", report.diagnostics);
        assert!(report.diagnostics.iter().all(|d| d.code != "F007"));
    }
}
