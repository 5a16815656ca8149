//! `pilint server` driven over stdio as an editor drives it: initialize,
//! open an invalid submission, hover, code lens, code actions, a
//! configuration change, an edit that fixes the file, cross-file findings
//! after a save, shutdown; every reply is checked.
//!
//! Waits have a generous limit only so that a broken server fails the test
//! instead of hanging it; nothing here measures time.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const LIMIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages received but not yet asked for, in arrival order.
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(args: &[&str], dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pilint"))
            .arg("server")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("pilint server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                let message: Value = serde_json::from_slice(&body).expect("JSON body");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            pending: Vec::new(),
            next_id: 0,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response's `result` (panics on an
    /// error response).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The first message (in arrival order) that `matches`.
    fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&matches) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if matches(&message) => return message,
                Ok(message) => self.pending.push(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what}; received meanwhile: {:#?}", self.pending)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output before {what}")
                }
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let message = self.wait_for(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"].clone()
    }

    fn initialize(&mut self, root: &Path, position_encodings: &[&str]) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{"uri": uri(root), "name": "ws"}],
                "capabilities": {
                    "general": {"positionEncodings": position_encodings},
                    "workspace": {
                        "workspaceEdit": {
                            "documentChanges": true,
                            "resourceOperations": ["create"]
                        },
                        "didChangeWatchedFiles": {"dynamicRegistration": true}
                    }
                }
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {
                "uri": uri(path), "languageId": "json", "version": 1, "text": text
            }}),
        );
    }

    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + LIMIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "pilint server exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "pilint server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

fn at(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": at(start.0, start.1), "end": at(end.0, end.1)})
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn an_editor_session_from_open_to_shutdown() {
    let (_dir, root) = workspace();
    let file = root.join("a.json");
    let text = fixture("invalid/cehrt-id-lowercase.json");
    std::fs::write(&file, &text).unwrap();
    let mut client = Client::start(&[], &root);

    // The handshake: UTF-16 (nothing else offered), incremental sync, and
    // every feature advertised.
    let init = client.initialize(&root, &[]);
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["codeLensProvider"]["resolveProvider"], false);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(
        capabilities["executeCommandProvider"]["commands"],
        json!(["pilint.scoreBreakdown"])
    );
    assert_eq!(init["serverInfo"]["name"], "pilint");

    // The client can watch files: the server asks it to watch pilint.toml.
    let register = client.wait_for("a watcher registration", |m| {
        m["method"] == "client/registerCapability"
    });
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"],
        json!([{"globPattern": "**/pilint.toml"}, {"globPattern": "**/.pilint.toml"}])
    );
    client.send(json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));

    // didOpen: the lower-case CEHRT ID, exactly where it is written.
    client.open(&file, &text);
    let published = client.diagnostics(&uri(&file));
    assert_eq!(published["version"], 1);
    assert_eq!(codes(&published), ["C003"], "{published:#}");
    let c003 = &published["diagnostics"][0];
    assert_eq!(c003["range"], range((12, 17), (12, 34)));
    assert_eq!(c003["severity"], 2);
    assert_eq!(c003["source"], "pilint");
    assert_eq!(
        c003["codeDescription"]["href"],
        "https://github.com/pilint/pilint/blob/main/docs/rules/C003.md"
    );
    assert_eq!(c003["data"]["consequence"], "none");
    assert_eq!(c003["data"]["rule"], "cehrt-id-lowercase");
    assert_eq!(c003["data"]["pointer"], "/measurementSets/0/cehrtId");
    assert!(
        c003["message"]
            .as_str()
            .unwrap()
            .starts_with("the CEHRT ID `2025c0000012345` has lower-case letters"),
        "{c003:#}"
    );

    // Hover on a measure id: CMS's measure data for 2025.
    let doc = json!({"uri": uri(&file)});
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(18, 25)}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(shown.contains("**PI_EP_1** — e-Prescribing"), "{shown}");
    assert!(shown.contains("Performance year 2025"), "{shown}");
    assert!(
        shown.contains("Objective: electronicPrescribing"),
        "{shown}"
    );
    assert!(shown.contains("Maximum points: 10"), "{shown}");
    assert!(shown.contains("Exclusions: PI_LVPP_1"), "{shown}");
    assert_eq!(hover["range"], range((18, 23), (18, 32)));

    // Hover on the finding: the rule's documentation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(12, 20)}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.starts_with("C003 cehrt-id-lowercase (warning"),
        "{shown}"
    );
    assert!(shown.contains("## Why it matters"), "{shown}");

    // Hover on the PI set's head: its score, point by point.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(6, 4)}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("```text\n"), "{shown}");
    assert!(shown.contains("predicted PI score 94/100"), "{shown}");
    assert!(shown.contains("Total: "), "{shown}");

    // Nothing to say on a brace.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(0, 0)}),
    );
    assert_eq!(nothing, Value::Null);

    // The score in place, at the PI set, and its breakdown.
    let lenses = client.request("textDocument/codeLens", json!({"textDocument": doc}));
    assert_eq!(lenses.as_array().unwrap().len(), 1, "{lenses:#}");
    assert_eq!(lenses[0]["range"]["start"], at(6, 4));
    assert_eq!(lenses[0]["command"]["title"], "predicted PI score 94/100");
    assert_eq!(lenses[0]["command"]["command"], "pilint.scoreBreakdown");
    let breakdown = client.request(
        "workspace/executeCommand",
        json!({"command": "pilint.scoreBreakdown", "arguments": lenses[0]["command"]["arguments"]}),
    );
    let breakdown = breakdown.as_str().unwrap();
    assert!(
        breakdown.contains("predicted PI score 94/100"),
        "{breakdown}"
    );
    assert!(breakdown.contains("PI_EP_1"), "{breakdown}");
    assert!(breakdown.contains("Total: "), "{breakdown}");
    let message = client.wait_for("the breakdown as a message", |m| {
        m["method"] == "window/showMessage"
    });
    assert_eq!(message["params"]["message"], breakdown);
    let unknown = client.request_raw(
        "workspace/executeCommand",
        json!({"command": "pilint.nope", "arguments": []}),
    );
    assert_eq!(unknown["error"]["code"], -32602);

    // Code actions at the finding: the upper-case fix, and a suppression
    // in a new pilint.toml (none exists yet).
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": doc,
            "range": range((12, 20), (12, 20)),
            "context": {"diagnostics": [c003]}
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:#?}");
    let fix = &actions[0];
    assert_eq!(fix["title"], "Write the CEHRT ID in upper case (C003)");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let change = &fix["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"],
        json!({"uri": uri(&file), "version": 1})
    );
    assert_eq!(change["edits"][0]["range"], range((12, 17), (12, 34)));
    assert_eq!(change["edits"][0]["newText"], "\"2025C0000012345\"");
    let suppress = &actions[1];
    assert_eq!(suppress["title"], "Suppress C003 here in pilint.toml");
    let config_uri = uri(&root.join("pilint.toml"));
    let operations = &suppress["edit"]["documentChanges"];
    assert_eq!(operations[0]["kind"], "create");
    assert_eq!(operations[0]["uri"], config_uri);
    assert_eq!(
        operations[1]["edits"][0]["newText"],
        "[[suppress]]\ncode = \"C003\"\npath = \"a.json\"\npointer = \"/measurementSets/0/cehrtId\"\n"
    );
    assert!(
        !root.join("pilint.toml").exists(),
        "pilint never writes files itself"
    );

    // The nearest pilint.toml is read again when it changes.
    std::fs::write(root.join("pilint.toml"), "ignore = [\"C003\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    );
    let published = client.diagnostics(&uri(&file));
    assert_eq!(codes(&published), Vec::<String>::new());
    std::fs::write(root.join("pilint.toml"), "# project settings\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let published = client.diagnostics(&uri(&file));
    assert_eq!(codes(&published), ["C003"]);

    // With a pilint.toml, the suppression is appended to it.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": doc,
            "range": range((12, 17), (12, 34)),
            "context": {"diagnostics": []}
        }),
    );
    let edit = &actions[1]["edit"]["documentChanges"][0];
    assert_eq!(
        edit["textDocument"],
        json!({"uri": config_uri, "version": null})
    );
    assert_eq!(edit["edits"][0]["range"], range((1, 0), (1, 0)));
    assert!(
        edit["edits"][0]["newText"]
            .as_str()
            .unwrap()
            .starts_with("\n[[suppress]]\ncode = \"C003\"\n")
    );

    // The edit that fixes the file: the finding is gone, the score stays.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&file), "version": 2},
            "contentChanges": [{"range": range((12, 22), (12, 23)), "text": "C"}]
        }),
    );
    let published = client.diagnostics(&uri(&file));
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), Vec::<String>::new(), "{published:#}");
    let lenses = client.request("textDocument/codeLens", json!({"textDocument": doc}));
    assert_eq!(lenses[0]["command"]["title"], "predicted PI score 94/100");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": doc, "range": range((12, 17), (12, 34)), "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, json!([]));

    // Cross-file: after a save, the workspace's files are compared and
    // each finding is published on every file it concerns.
    let cross = root.join("cross");
    std::fs::create_dir(&cross).unwrap();
    for name in ["individual-ehr.xml", "individual-registry.json"] {
        std::fs::write(
            cross.join(name),
            fixture(&format!("crossfile/conflicting-2023/{name}")),
        )
        .unwrap();
    }
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let registry = uri(&cross.join("individual-registry.json"));
    let ehr = uri(&cross.join("individual-ehr.xml"));
    let published = client.diagnostics(&registry);
    let found = codes(&published);
    assert!(found.contains(&"X002".to_owned()), "{published:#}");
    let x002 = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "X002" && d["message"].as_str().unwrap().starts_with("PI_EP_1"))
        .unwrap();
    assert_eq!(x002["range"]["start"], at(18, 43));
    assert_eq!(x002["relatedInformation"][0]["location"]["uri"], ehr);
    assert_eq!(x002["source"], "pilint");
    let published = client.diagnostics(&ehr);
    let found = codes(&published);
    assert!(found.contains(&"X001".to_owned()), "{published:#}");
    assert!(found.contains(&"X002".to_owned()), "{published:#}");

    // Resolved (one of the two files is gone): cleared on the next save.
    std::fs::remove_file(cross.join("individual-ehr.xml")).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let first = client.diagnostics(&registry);
    assert_eq!(codes(&first), Vec::<String>::new(), "{first:#}");
    let second = client.diagnostics(&ehr);
    assert_eq!(codes(&second), Vec::<String>::new());

    // Closing drops the document and clears its findings.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    // (Each save checked the document again: those come first.)
    let closed = client.wait_for("diagnostics cleared on close", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri(&file)
            && m["params"]["version"].is_null()
    });
    assert_eq!(codes(&closed["params"]), Vec::<String>::new());
    let lenses = client.request("textDocument/codeLens", json!({"textDocument": doc}));
    assert_eq!(lenses, json!([]));

    client.shutdown();
}

#[test]
fn utf8_positions_when_offered_and_exact_columns_after_non_ascii_text() {
    let (_dir, root) = workspace();
    // The set's programName moves to the CEHRT ID's line, with text
    // outside ASCII (and outside the Basic Multilingual Plane).
    let text = fixture("invalid/cehrt-id-lowercase.json")
        .replace("      \"programName\": \"mips\",\n", "")
        .replace(
            "      \"cehrtId\": \"2025c0000012345\",",
            "      \"programName\": \"m\u{e9}ps\u{1d11e}\", \"cehrtId\": \"2025c0000012345\",",
        );
    let prefix = "      \"programName\": \"m\u{e9}ps\u{1d11e}\", \"cehrtId\": ";
    for (offered, expected, column) in [
        (vec!["utf-8", "utf-16"], "utf-8", prefix.len()),
        (vec![], "utf-16", prefix.encode_utf16().count()),
    ] {
        let mut client = Client::start(&[], &root);
        let init = client.initialize(&root, &offered);
        assert_eq!(init["capabilities"]["positionEncoding"], expected);
        let file = root.join("b.json");
        client.open(&file, &text);
        let published = client.diagnostics(&uri(&file));
        let c003 = published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "C003")
            .unwrap_or_else(|| panic!("{published:#}"))
            .clone();
        let column = column as u32;
        assert_eq!(c003["range"], range((11, column), (11, column + 17)));
        // An edit in the same units lands where the client meant it.
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(&file), "version": 2},
                "contentChanges": [{"range": range((11, column + 5), (11, column + 6)), "text": "C"}]
            }),
        );
        let published = client.diagnostics(&uri(&file));
        let mut left = codes(&published);
        left.sort();
        left.dedup();
        assert!(!left.contains(&"C003".to_owned()), "{published:#}");
        assert!(!left.iter().any(|c| c.starts_with('F')), "{published:#}");
        assert!(
            !left.is_empty(),
            "the programName finding stays: {published:#}"
        );
        client.shutdown();
    }
}

#[test]
fn a_byte_order_mark_is_removed_by_a_code_action() {
    let (_dir, root) = workspace();
    let text = fixture("invalid/byte-order-mark.json");
    assert!(text.starts_with('\u{feff}'));
    let file = root.join("bom.json");
    for (offered, end) in [(vec!["utf-8"], 3), (vec!["utf-16"], 1)] {
        let mut client = Client::start(&["--isolated"], &root);
        client.initialize(&root, &offered);
        client.open(&file, &text);
        let published = client.diagnostics(&uri(&file));
        assert_eq!(codes(&published), ["F003"]);
        let f003 = &published["diagnostics"][0];
        assert_eq!(f003["data"]["consequence"], "rejected");
        assert!(
            f003["message"]
                .as_str()
                .unwrap()
                .contains("(CMS refuses this file)"),
            "{f003:#}"
        );
        let lenses = client.request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri(&file)}}),
        );
        let title = lenses[0]["command"]["title"].as_str().unwrap();
        assert!(title.starts_with("no score: "), "{title}");
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&file)}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": []}}),
        );
        // `--isolated`: no configuration to add a suppression to.
        assert_eq!(actions.as_array().unwrap().len(), 1, "{actions:#}");
        assert_eq!(actions[0]["title"], "Remove the byte-order mark (F003)");
        let edit = &actions[0]["edit"]["documentChanges"][0]["edits"][0];
        assert_eq!(edit["range"], range((0, 0), (0, end)));
        assert_eq!(edit["newText"], "");
        client.shutdown();
    }
}

#[test]
fn a_byte_order_mark_the_editor_hides_is_still_reported() {
    // Editors keep the mark out of the buffer and write it back on save:
    // the text sent has none, the file CMS receives has one.
    let (_dir, root) = workspace();
    let text = fixture("invalid/byte-order-mark.json");
    let file = root.join("bom.json");
    std::fs::write(&file, &text).unwrap();
    let mut client = Client::start(&["--isolated"], &root);
    client.initialize(&root, &[]);
    client.open(&file, text.trim_start_matches('\u{feff}'));
    let published = client.diagnostics(&uri(&file));
    assert_eq!(codes(&published), ["F003"], "{published:#}");
    let f003 = &published["diagnostics"][0];
    assert_eq!(f003["range"], range((0, 0), (0, 0)));
    assert!(
        f003["message"]
            .as_str()
            .unwrap()
            .contains("which the editor hides"),
        "{f003:#}"
    );
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    assert_eq!(
        lenses[0]["command"]["title"],
        "no score: CMS refuses a file that starts with a byte-order mark (F003)"
    );
    client.shutdown();
}

#[test]
fn a_zero_score_lens_names_its_reason_and_the_breakdown_every_gate() {
    let (_dir, root) = workspace();
    let mut client = Client::start(&["--isolated"], &root);
    client.initialize(&root, &[]);
    let file = root.join("zero.json");
    client.open(&file, &fixture("invalid/attestation-not-yes.json"));
    let published = client.diagnostics(&uri(&file));
    assert!(
        codes(&published).contains(&"A002".to_owned()),
        "{published:#}"
    );
    let a002 = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "A002")
        .unwrap();
    assert_eq!(a002["data"]["consequence"], "zero");
    assert!(
        a002["message"]
            .as_str()
            .unwrap()
            .contains("(CMS accepts this file and scores the PI category 0)"),
        "{a002:#}"
    );
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let title = lenses[0]["command"]["title"].as_str().unwrap();
    assert!(
        title.starts_with("predicted PI score 0/100: PI_INFBLO_1"),
        "{title}"
    );
    let breakdown = client.request(
        "workspace/executeCommand",
        json!({"command": "pilint.scoreBreakdown", "arguments": [uri(&file)]}),
    );
    let breakdown = breakdown.as_str().unwrap();
    assert!(
        breakdown.contains("G3 ATTESTATION_NOT_YES at 16:48"),
        "{breakdown}"
    );
    client.shutdown();
}

#[test]
fn a_document_over_the_size_limit_is_reported_not_checked() {
    let (_dir, root) = workspace();
    let mut client = Client::start(&["--max-file-size", "100", "--isolated"], &root);
    client.initialize(&root, &[]);
    let file = root.join("big.json");
    client.open(&file, &fixture("invalid/cehrt-id-lowercase.json"));
    let published = client.diagnostics(&uri(&file));
    assert_eq!(codes(&published), ["F008"], "{published:#}");
    assert_eq!(published["diagnostics"][0]["range"], range((0, 0), (0, 0)));
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    assert_eq!(lenses, json!([]));
    client.shutdown();
}

#[test]
fn an_invalid_configuration_is_shown_on_the_document() {
    let (_dir, root) = workspace();
    std::fs::write(root.join("pilint.toml"), "select = [\"nope\"]\n").unwrap();
    let mut client = Client::start(&[], &root);
    client.initialize(&root, &[]);
    let file = root.join("a.json");
    client.open(&file, &fixture("invalid/cehrt-id-lowercase.json"));
    let published = client.diagnostics(&uri(&file));
    assert_eq!(codes(&published), ["config"], "{published:#}");
    let diagnostic = &published["diagnostics"][0];
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("not a rule code"),
        "{diagnostic:#}"
    );
    assert_eq!(
        diagnostic["relatedInformation"][0]["location"]["uri"],
        uri(&root.join("pilint.toml"))
    );
    client.shutdown();
}

#[test]
fn exit_without_shutdown_is_an_error() {
    let (_dir, root) = workspace();
    let mut client = Client::start(&[], &root);
    client.initialize(&root, &[]);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}
