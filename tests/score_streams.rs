//! `pilint score` streams: each file's block is written as its report
//! arrives, so memory follows a batch of files, not the run
//! (BENCHMARKS.md measures it at two sizes). Proven without timing: the
//! last input is standard input, held open; the blocks of the files before
//! it must reach the reader while pilint still waits for it. A score that
//! held every report until the end would write nothing until standard
//! input closed.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const VALID: &str = "fixtures/valid/group-2025.json";

/// More files than two batches of the engine (128 each): the checker runs
/// at most one batch ahead, so the first batches are rendered before the
/// batch holding standard input is read.
const FILES: usize = 300;

fn score_while_stdin_is_open(format: &str) {
    let dir = tempfile::tempdir().unwrap();
    let valid = std::fs::read_to_string(VALID).unwrap();
    for i in 0..FILES {
        // One entity each, so that no cross-file check reads them again.
        let text = valid.replace("000123456", &format!("{:09}", 100_000_000 + i));
        std::fs::write(dir.path().join(format!("f{i:03}.json")), text).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_pilint"))
        .current_dir(dir.path())
        // Sorted after every `fNNN.json`: standard input is the last input.
        .args([
            "score",
            "--isolated",
            "--format",
            format,
            "--stdin-filename",
            "zz.json",
            ".",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (chunks, received) = mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buffer = vec![0; 1 << 16];
        loop {
            match stdout.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if chunks.send(buffer[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    // Generous: the failure case waits this long, the passing one a
    // fraction of a second.
    let first = received.recv_timeout(Duration::from_secs(120));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(valid.as_bytes()).unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let first = first.unwrap_or_else(|_| {
        panic!("pilint score --format {format} wrote nothing while standard input was open")
    });
    let mut whole = first;
    whole.extend(received.try_iter().flatten());
    let whole = String::from_utf8(whole).unwrap();
    assert_eq!(status.code(), Some(0), "{whole}");
    // Every file is there, standard input last.
    assert!(whole.contains("f000.json"), "{whole}");
    assert!(
        whole.find("f299.json").unwrap() < whole.find("zz.json").unwrap(),
        "{whole}"
    );
}

#[test]
fn the_score_table_is_written_as_files_are_checked() {
    score_while_stdin_is_open("full");
}

#[test]
fn the_score_json_is_written_as_files_are_checked() {
    score_while_stdin_is_open("json");
}
