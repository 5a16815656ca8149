#!/usr/bin/env bash
# The corpus benchmark: pilint against the `cat` I/O floor and the peer
# tools, on corpora made by ../shared/bench/gen_corpus.py, timed in ONE
# hyperfine run per corpus so every ratio compares like with like.
#
#   benches/corpus.sh                  # 10k files, with and without malformed files
#   COUNTS="1000 10000 100000" benches/corpus.sh
#   LARGE=1 benches/corpus.sh          # also the 50 MB JSON and XML files
#
# Needs: hyperfine, GNU time (/usr/bin/time), python3; the peers are timed
# when they are on PATH (or named by JSONSCHEMA_CLI, XMLLINT, AJV,
# CHECK_JSONSCHEMA): jsonschema-cli 0.60.2 (`cargo install jsonschema-cli
# --version 0.60.2 --locked`), xmllint (Debian `libxml2-utils`), ajv-cli 5,
# check-jsonschema. See BENCHMARKS.md for the figures and how to read them.
#
# Environment (all optional):
#   GEN=../shared/bench/gen_corpus.py   the corpus generator
#   SCHEMA=../shared/bench/pi-submission.schema.json   the peers' schema
#   WORK=/tmp/pilint-bench    where corpora and results go (kept between runs)
#   COUNTS="10000"            corpus sizes (files)
#   RUNS=10 WARMUP=2          hyperfine runs per command
#   LARGE=0                   1: also time gen_corpus.py --large files and
#                             the million-measurement files of issue 16
#   BEFORE=                   another pilint binary (e.g. main's), timed in
#                             the same runs, so each figure is paired
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
GEN="${GEN:-$repo/../shared/bench/gen_corpus.py}"
SCHEMA="${SCHEMA:-$repo/../shared/bench/pi-submission.schema.json}"
WORK="${WORK:-/tmp/pilint-bench}"
COUNTS="${COUNTS:-10000}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
LARGE="${LARGE:-0}"
BEFORE="${BEFORE:-}"
JSONSCHEMA_CLI="${JSONSCHEMA_CLI:-jsonschema-cli}"
XMLLINT="${XMLLINT:-xmllint}"
AJV="${AJV:-ajv}"
CHECK_JSONSCHEMA="${CHECK_JSONSCHEMA:-check-jsonschema}"

for tool in hyperfine python3 /usr/bin/time taskset; do
  command -v "$tool" > /dev/null || { echo "corpus.sh: $tool is required" >&2; exit 2; }
done
[[ -f "$GEN" ]] || { echo "corpus.sh: no generator at $GEN (set GEN)" >&2; exit 2; }
have() { command -v "$1" > /dev/null 2>&1; }

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
pilint="$repo/target/release/pilint"
mkdir -p "$WORK"
results="$WORK/results"
mkdir -p "$results"

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "# pilint $("$pilint" --version | awk '{print $2}') ($(git -C "$repo" rev-parse --short HEAD)), $(hyperfine --version)"
have "$JSONSCHEMA_CLI" && echo "# $("$JSONSCHEMA_CLI" --version 2>&1 | head -1)"
have "$XMLLINT" && echo "# xmllint $("$XMLLINT" --version 2>&1 | head -1 | awk '{print $NF}')"

# A corpus: `gen NAME COUNT [gen_corpus.py options]`, made once and kept.
gen() {
  local dir="$WORK/$1"
  [[ -f "$dir/summary.json" ]] || python3 "$GEN" --out "$dir" --count "$2" --jobs 2 --force "${@:3}" > /dev/null
  echo "$dir"
}

# Ratios of each command's median to the `cat` floor's, from hyperfine's JSON.
ratios() {
  python3 - "$1" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
by = {r["command"]: r for r in results}
floor = by["cat"]["median"]
print(f"{'command':<34} {'median s':>9} {'user s':>7} {'x cat':>7}")
for r in results:
    print(f"{r['command']:<34} {r['median']:9.3f} {r['user']:7.3f} {r['median'] / floor:7.2f}")
EOF
}

# Peak memory (KiB) of a pilint run, as GNU time reports it; pilint exits 1
# when a file has errors, which is not a failure of the benchmark.
peak() {
  { /usr/bin/time -f "%M" "$@" 2>&1 > /dev/null || true; } | tail -1
}

# Times pilint against the `cat` floor over one corpus, in one hyperfine
# run without a shell (`-N`, as issue 20 measures it: what CI pays to read
# the files), then the peers (which need a shell) in another.
time_corpus() {
  local name="$1" dir="$2"
  local -a cmds=(
    -n cat "find files -type f -exec cat {} +"
    -n pilint "$pilint check --format json files"
    -n "pilint, one core" "taskset -c 0 $pilint check --format json files"
  )
  if [[ -n "$BEFORE" ]]; then
    cmds+=(
      -n before "$BEFORE check --format json files"
      -n "before, one core" "taskset -c 0 $BEFORE check --format json files"
    )
  fi
  (cd "$dir" && find files -type f -exec cat {} + > /dev/null) # warm the page cache
  echo
  echo "## $name: $(find "$dir/files" -type f | wc -l) files, $(du -sb "$dir/files" | awk '{printf "%.0f MB", $1/1e6}')"
  (cd "$dir" && hyperfine -N --style none --ignore-failure --runs "$RUNS" --warmup "$WARMUP" \
    --export-json "$results/$name.json" "${cmds[@]}" > /dev/null 2> "$results/$name.log")
  ratios "$results/$name.json"
  echo "pilint peak memory: $(peak "$pilint" check --format json "$dir/files") KiB"
  if [[ -n "$BEFORE" ]]; then
    echo "before peak memory: $(peak "$BEFORE" check --format json "$dir/files") KiB"
  fi

  local files="$dir/files"
  local -a peers=(-n cat "find '$files' -type f -exec cat {} + > /dev/null")
  if have "$JSONSCHEMA_CLI" && have "$XMLLINT"; then
    peers+=(-n "jsonschema-cli + xmllint" "find '$files' -name '*.json' -print0 | xargs -0 '$JSONSCHEMA_CLI' validate '$SCHEMA' -i > /dev/null 2>&1; find '$files' -name '*.xml' -print0 | xargs -0 '$XMLLINT' --noout > /dev/null 2>&1")
  fi
  have "$JSONSCHEMA_CLI" && peers+=(-n "jsonschema-cli (JSON only)" "find '$files' -name '*.json' -print0 | xargs -0 '$JSONSCHEMA_CLI' validate '$SCHEMA' -i > /dev/null 2>&1")
  have "$XMLLINT" && peers+=(-n "xmllint (XML only)" "find '$files' -name '*.xml' -print0 | xargs -0 '$XMLLINT' --noout > /dev/null 2>&1")
  have "$AJV" && peers+=(-n "ajv-cli (JSON only)" "cd '$dir' && '$AJV' validate --spec=draft2020 -c ajv-formats -s '$SCHEMA' -d 'files/**/*.json' > /dev/null 2>&1")
  have "$CHECK_JSONSCHEMA" && peers+=(-n "check-jsonschema (JSON only)" "find '$files' -name '*.json' -print0 | xargs -0 '$CHECK_JSONSCHEMA' --schemafile '$SCHEMA' > /dev/null 2>&1")
  if (( ${#peers[@]} > 2 )); then
    peers+=(-n pilint "'$pilint' check --format json '$files' > /dev/null")
    echo "### peers (shell)"
    hyperfine --style none --ignore-failure --runs "$RUNS" --warmup "$WARMUP" \
      --export-json "$results/$name.peers.json" "${peers[@]}" > /dev/null 2> "$results/$name.peers.log"
    ratios "$results/$name.peers.json"
  fi
}

for count in $COUNTS; do
  # The peers stop at the first file they cannot parse, so the comparison
  # corpus leaves malformed files out; then again with them, pilint alone
  # being timed on every file either way.
  clean=$(gen "clean-$count" "$count" --defects attestation_false,numerator_zero,numerator_gt_denominator,short_period,bad_cehrt_id,missing_engagement,unknown_measure_id,duplicate_measure,wrong_type,missing_field)
  time_corpus "clean-$count" "$clean"
  time_corpus "default-$count" "$(gen "default-$count" "$count")"
done

# Start-up: one small file, start to exit.
small="$(find "$WORK/clean-${COUNTS%% *}/files" -name '*.json' | sort | sed -n 1p)"
echo
echo "## start-up: one $(wc -c < "$small")-byte JSON file"
startup=(-n pilint "$pilint check --format json $small")
[[ -n "$BEFORE" ]] && startup+=(-n before "$BEFORE check --format json $small")
hyperfine --style none --ignore-failure --runs 300 --warmup 20 -N \
  --export-json "$results/startup.json" "${startup[@]}" > /dev/null 2>&1
python3 - "$results/startup.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}: median {r['median'] * 1000:.2f} ms, mean {r['mean'] * 1000:.2f} ms")
EOF

if [[ "$LARGE" == 1 ]]; then
  large="$(gen large 100 --large)/large"
  # Issue 16: a million measurements, with a finding on every one (a
  # string where a boolean belongs) and with none (an IA set).
  million="$WORK/million"
  mkdir -p "$million"
  [[ -f "$million/clean.json" ]] || python3 - "$million" <<'EOF'
import sys
out = sys.argv[1]
def write(name, category, item, extra=""):
    head = ('{"entityType": "individual", "taxpayerIdentificationNumber": "276573680", '
            '"nationalProviderIdentifier": "2574384287", "performanceYear": 2025, '
            '"measurementSets": [{"category": "%s", "submissionMethod": "electronicHealthRecord", '
            '"programName": "mips", "performanceStart": "2025-01-01", "performanceEnd": "2025-12-31", '
            '%s"measurements": [' % (category, extra))
    with open(f"{out}/{name}", "w") as f:
        f.write(head + ",".join([item] * 1_000_000) + "\n]}]}\n")
write("findings.json", "pi", '\n {"measureId": "PI_EP_1", "value": "yes"}', '"cehrtId": "0015CUFY0NRYVG4", ')
write("clean.json", "ia", '\n {"measureId": "IA_EPA_1", "value": true}')
EOF
  echo
  echo "## large files: peak KiB (pilint, then BEFORE)"
  for f in "$large/huge-measurements.json" "$large/huge-pi-section.xml" "$million/findings.json" "$million/clean.json"; do
    line="$(basename "$f") ($(du -m "$f" | cut -f1) MB): $(peak "$pilint" check --format json "$f") KiB"
    [[ -n "$BEFORE" ]] && line+=", before $(peak "$BEFORE" check --format json "$f") KiB"
    echo "$line"
  done
fi
