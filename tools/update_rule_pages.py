#!/usr/bin/env python3
"""Writes docs/rules/: one page per rule, CODE.md, and the index README.md.

A page is the output of `pilint rule CODE` with its first line made the
title, so the page, the command and the SARIF help say the same thing; the
URL of each page is what `--format json` (`url`), `pilint rules --format
json`, SARIF (`helpUri`) and the `full` format's rule line point at.
tests/rule_pages.rs fails when a page drifts, is missing, or names no rule.
Run from the repository root after `cargo build`:

    python3 tools/update_rule_pages.py
"""
import json
import os
import subprocess

BIN = "target/debug/pilint"
DIR = "docs/rules"


def run(args):
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, check=True).stdout


def main():
    rules = json.loads(run(["rules", "--format", "json"]))
    os.makedirs(DIR, exist_ok=True)
    wanted = {f"{rule['code']}.md" for rule in rules} | {"README.md"}
    for name in os.listdir(DIR):
        if name not in wanted:
            os.remove(os.path.join(DIR, name))
    for rule in rules:
        with open(os.path.join(DIR, f"{rule['code']}.md"), "w", encoding="utf-8") as page:
            page.write("# " + run(["rule", rule["code"]]))
    with open(os.path.join(DIR, "README.md"), "w", encoding="utf-8") as index:
        index.write(index_text(rules))


def index_text(rules):
    lines = [
        "# pilint rules",
        "",
        "One page per rule, generated from `pilint rule CODE` by `tools/update_rule_pages.py`.",
        "",
        "| Code | Name | Severity | Summary |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        summary = rule["summary"].replace("|", "\\|")
        lines.append(
            f"| [{rule['code']}]({rule['code']}.md) | {rule['name']} | {rule['severity']} | {summary} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
