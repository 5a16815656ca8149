//! The language server's latency: from a `textDocument/didChange` to the
//! `textDocument/publishDiagnostics` for that version, for a typical
//! submission and for a 1 MB one (`cargo bench --bench server`).
//!
//! The server runs in process on an in-memory connection (lsp-server's
//! `Connection::memory`, the same loop `pilint server` runs on stdio), with
//! no debounce: what is timed is the server's own work per edit (the
//! message, the edit, the settings, the check through the library engine,
//! the conversion to LSP diagnostics and their publication), not the
//! 150 ms the editor is made to wait after the last keystroke. Two kinds
//! of edit: one character changed in place (typing), and the whole text
//! sent again (a client without incremental sync, or a paste).

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

use pilint::server::{ServerOptions, serve};

const TYPICAL: &str = include_str!("../fixtures/valid/group-2025.json");

/// The typical file with its measurements repeated until it holds at least
/// `bytes` (an export that repeated rows, as the corpus's huge file does;
/// each repeat is a finding, which is work too).
fn grown(bytes: usize) -> String {
    let marker = "\"measurements\": [";
    let start = TYPICAL.find(marker).expect("measurements") + marker.len();
    let end = start + TYPICAL[start..].find("\n      ]").expect("closes");
    let items: Vec<&str> = TYPICAL[start..end]
        .lines()
        .map(|l| l.trim().trim_end_matches(','))
        .filter(|l| !l.is_empty())
        .collect();
    let mut body = Vec::new();
    let mut size = TYPICAL.len();
    for item in items.iter().cycle() {
        if size >= bytes {
            break;
        }
        size += item.len() + 10;
        body.push(*item);
    }
    format!(
        "{}\n        {}{}",
        &TYPICAL[..start],
        body.join(",\n        "),
        &TYPICAL[end..]
    )
}

struct Session {
    client: Connection,
    uri: String,
    version: i32,
    /// Where the one-character edit goes (line, character) and the two
    /// characters it alternates between.
    toggle: (u32, u32),
}

impl Session {
    fn start(text: &str) -> Session {
        let (server, client) = Connection::memory();
        std::thread::spawn(move || {
            let options = ServerOptions {
                debounce: Duration::ZERO,
                ..ServerOptions::default()
            };
            let _ = serve(&server, options);
        });
        let initialize = Request::new(
            RequestId::from(1),
            "initialize".to_owned(),
            json!({"capabilities": {}}),
        );
        client.sender.send(initialize.into()).unwrap();
        loop {
            if let Message::Response(_) = client.receiver.recv().unwrap() {
                break;
            }
        }
        notify(&client, "initialized", json!({}));
        // A path that does not exist: no pilint.toml is looked up above it
        // but the root's, and nothing is read from disk.
        let uri = "file:///nonexistent-pilint-bench/group-2025.json".to_owned();
        notify(
            &client,
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
        // The first digit of the first numerator: changing it changes a
        // count, never the file's shape.
        let at = text.find("\"numerator\": ").expect("a numerator") + "\"numerator\": ".len();
        let line = text[..at].matches('\n').count() as u32;
        let character = (at - text[..at].rfind('\n').map_or(0, |i| i + 1)) as u32;
        let mut session = Session {
            client,
            uri,
            version: 1,
            toggle: (line, character),
        };
        session.wait_published();
        session
    }

    fn wait_published(&mut self) -> usize {
        loop {
            if let Message::Notification(n) = self.client.receiver.recv().unwrap()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["version"] == self.version
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }

    /// Replaces one digit (alternately 1 and 2) and waits for the result.
    fn change_one_character(&mut self) -> usize {
        self.version += 1;
        let (line, character) = self.toggle;
        let digit = if self.version % 2 == 0 { "1" } else { "2" };
        let range = json!({
            "start": {"line": line, "character": character},
            "end": {"line": line, "character": character + 1}
        });
        notify(
            &self.client,
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": [{"range": range, "text": digit}]
            }),
        );
        self.wait_published()
    }

    /// Sends the whole text again and waits for the result.
    fn change_whole_text(&mut self, text: &str) -> usize {
        self.version += 1;
        notify(
            &self.client,
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": [{"text": text}]
            }),
        );
        self.wait_published()
    }
}

fn notify(connection: &Connection, method: &str, params: Value) {
    connection
        .sender
        .send(Notification::new(method.to_owned(), params).into())
        .unwrap();
}

fn change_to_diagnostics(c: &mut Criterion) {
    let large = grown(1024 * 1024);
    let mut group = c.benchmark_group("server_change_to_diagnostics");
    group.sample_size(20);
    for (name, text) in [("typical", TYPICAL.to_owned()), ("1mb", large)] {
        let mut session = Session::start(&text);
        let findings = session.change_one_character();
        eprintln!(
            "{name}: {} bytes, {findings} diagnostics published per version",
            text.len()
        );
        group.bench_function(BenchmarkId::new("one_character", name), |b| {
            b.iter(|| session.change_one_character())
        });
        group.bench_function(BenchmarkId::new("whole_text", name), |b| {
            b.iter(|| session.change_whole_text(&text))
        });
    }
    group.finish();
}

/// A hover on a small document while a 50 MB document is being checked
/// again after every edit: the loop answers from the last analysis and
/// never waits for the check (at most one check per document runs; a
/// result for a replaced version is dropped).
fn hover_while_a_large_file_is_checked(c: &mut Criterion) {
    let session = Session::start(TYPICAL);
    let small = session.uri.clone();
    // On the first measure id: a hover with something to say.
    let id_at = TYPICAL.find("\"PI_").expect("a measure id") + 2;
    let hover_at = (
        TYPICAL[..id_at].matches('\n').count() as u32,
        (id_at - TYPICAL[..id_at].rfind('\n').map_or(0, |i| i + 1)) as u32,
    );
    let huge = grown(50 * 1024 * 1024);
    let big = "file:///nonexistent-pilint-bench/huge.json".to_owned();
    notify(
        &session.client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": big, "languageId": "json", "version": 1, "text": huge}}),
    );
    drop(huge);
    let at = session.toggle;
    let mut version = 1;
    let mut id = 100;
    let mut group = c.benchmark_group("server_hover_while_checking_50mb");
    group.sample_size(20);
    group.bench_function("hover", |b| {
        b.iter(|| {
            // Another edit of the large file (a check is due or running).
            version += 1;
            let range = json!({
                "start": {"line": at.0, "character": at.1},
                "end": {"line": at.0, "character": at.1 + 1}
            });
            notify(
                &session.client,
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": big, "version": version},
                    "contentChanges": [{"range": range, "text": if version % 2 == 0 { "1" } else { "2" }}]
                }),
            );
            id += 1;
            let request = Request::new(
                RequestId::from(id),
                "textDocument/hover".to_owned(),
                json!({"textDocument": {"uri": small}, "position": {"line": hover_at.0, "character": hover_at.1}}),
            );
            session.client.sender.send(request.into()).unwrap();
            loop {
                if let Message::Response(r) = session.client.receiver.recv().unwrap()
                    && r.id == RequestId::from(id)
                {
                    assert!(r.response_result.as_ref().is_ok_and(|v| !v.is_null()), "{r:?}");
                    return r;
                }
            }
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    change_to_diagnostics,
    hover_while_a_large_file_is_checked
);
criterion_main!(benches);
