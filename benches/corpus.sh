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
#   LARGE=0                   1: also time gen_corpus.py --large files
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
GEN="${GEN:-$repo/../shared/bench/gen_corpus.py}"
SCHEMA="${SCHEMA:-$repo/../shared/bench/pi-submission.schema.json}"
WORK="${WORK:-/tmp/pilint-bench}"
COUNTS="${COUNTS:-10000}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
LARGE="${LARGE:-0}"
JSONSCHEMA_CLI="${JSONSCHEMA_CLI:-jsonschema-cli}"
XMLLINT="${XMLLINT:-xmllint}"
AJV="${AJV:-ajv}"
CHECK_JSONSCHEMA="${CHECK_JSONSCHEMA:-check-jsonschema}"

for tool in hyperfine python3 /usr/bin/time; do
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
print(f"{'command':<28} {'median s':>9} {'x cat':>7}")
for r in results:
    print(f"{r['command']:<28} {r['median']:9.3f} {r['median'] / floor:7.2f}")
EOF
}

# Times pilint, cat and the peers over one corpus in one hyperfine run.
time_corpus() {
  local name="$1" dir="$2"
  local files="$dir/files"
  local -a cmds=(
    -n cat "find '$files' -type f -print0 | xargs -0 cat > /dev/null"
    -n pilint "'$pilint' check --format json '$files' > '$results/$name.pilint.json'"
    -n "pilint --threads 1" "'$pilint' check --threads 1 --format json '$files' > /dev/null"
  )
  if have "$JSONSCHEMA_CLI" && have "$XMLLINT"; then
    cmds+=(-n "jsonschema-cli + xmllint" "find '$files' -name '*.json' -print0 | xargs -0 '$JSONSCHEMA_CLI' validate '$SCHEMA' -i > /dev/null 2>&1; find '$files' -name '*.xml' -print0 | xargs -0 '$XMLLINT' --noout > /dev/null 2>&1")
  fi
  have "$JSONSCHEMA_CLI" && cmds+=(-n "jsonschema-cli (JSON only)" "find '$files' -name '*.json' -print0 | xargs -0 '$JSONSCHEMA_CLI' validate '$SCHEMA' -i > /dev/null 2>&1")
  have "$XMLLINT" && cmds+=(-n "xmllint (XML only)" "find '$files' -name '*.xml' -print0 | xargs -0 '$XMLLINT' --noout > /dev/null 2>&1")
  have "$AJV" && cmds+=(-n "ajv-cli (JSON only)" "cd '$dir' && '$AJV' validate --spec=draft2020 -c ajv-formats -s '$SCHEMA' -d 'files/**/*.json' > /dev/null 2>&1")
  have "$CHECK_JSONSCHEMA" && cmds+=(-n "check-jsonschema (JSON only)" "find '$files' -name '*.json' -print0 | xargs -0 '$CHECK_JSONSCHEMA' --schemafile '$SCHEMA' > /dev/null 2>&1")

  find "$files" -type f -print0 | xargs -0 cat > /dev/null # warm the page cache
  echo
  echo "## $name: $(find "$files" -type f | wc -l) files, $(du -sb "$files" | awk '{printf "%.0f MB", $1/1e6}')"
  hyperfine --style none --ignore-failure --runs "$RUNS" --warmup "$WARMUP" \
    --export-json "$results/$name.json" "${cmds[@]}" > /dev/null 2> "$results/$name.log"
  ratios "$results/$name.json"
  # pilint exits 1 when a file has errors: not a failure of the benchmark.
  { /usr/bin/time -f "pilint peak memory: %M KiB" "$pilint" check --format json "$files" 2>&1 > /dev/null || true; } | tail -1
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
hyperfine --style none --ignore-failure --runs 100 --warmup 5 -N \
  --export-json "$results/startup.json" -n pilint "$pilint check --format json $small" > /dev/null 2>&1
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"pilint median {r['median']*1000:.2f} ms\")" "$results/startup.json"

if [[ "$LARGE" == 1 ]]; then
  large="$(gen large 100 --large)/large"
  echo
  echo "## large files"
  for f in huge-measurements.json huge-pi-section.xml; do
    { /usr/bin/time -f "$f ($(du -m "$large/$f" | cut -f1) MB): %e s, peak %M KiB" \
      "$pilint" check --format json "$large/$f" 2>&1 > /dev/null || true; } | tail -1
  done
fi
