#!/usr/bin/env python3
"""Rewrites the generated parts of README.md from the real binary.

Sections between `<!-- example:NAME:start -->` and `<!-- example:NAME:end -->`
get the output of the command listed in EXAMPLES; the rules table between
`<!-- rules:start -->` and `<!-- rules:end -->` gets `pilint rules --format
markdown`. tests/cli.rs and tests/readme_rules.rs fail when they drift. Run
from the repository root after `cargo build`:

    python3 tools/update_readme_examples.py
"""
import re
import subprocess

BIN = "target/debug/pilint"
BAD = "fixtures/invalid/tin-with-dash.json"
EXAMPLES = {
    "full": ["check", BAD],
    "json": ["check", "--format", "json", BAD],
    "concise": ["check", "--format", "concise", BAD, "fixtures/invalid/cehrt-id-lowercase.json"],
    "config": ["config"],
    "rollup": [
        "rollup",
        "--show-identifiers",
        "--participants",
        "fixtures/crossfile/aco-2025/participants.csv",
        "fixtures/crossfile/aco-2025",
    ],
}


def run(args):
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env).stdout


def replace(readme, start, end, body):
    pattern = re.compile(re.escape(start) + r"\n.*?" + re.escape(end), re.S)
    if not pattern.search(readme):
        return readme
    return pattern.sub(lambda _: f"{start}\n{body}{end}", readme)


def main():
    readme = open("README.md").read()
    for name, args in EXAMPLES.items():
        shown = " ".join(a for a in args)
        body = f"```console\n$ pilint {shown}\n{run(args)}```\n"
        readme = replace(readme, f"<!-- example:{name}:start -->", f"<!-- example:{name}:end -->", body)
    readme = replace(readme, "<!-- rules:start -->", "<!-- rules:end -->", run(["rules", "--format", "markdown"]))
    open("README.md", "w").write(readme)


if __name__ == "__main__":
    main()
