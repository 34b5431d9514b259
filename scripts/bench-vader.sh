#!/usr/bin/env bash
# Throughput of `dojo score --jsonl` against Python's vaderSentiment on the
# same answers: builds N input lines from tests/data/eval/dev.jsonl (default
# 100,000), times both on one input file, prints answers/second for each and
# the ratio, and fails if dojo is less than 20x faster.
#
# Usage: scripts/bench-vader.sh [LINES]
# Needs: python3 with vaderSentiment (pip install vaderSentiment).
set -euo pipefail
export LC_NUMERIC=C # EPOCHREALTIME and Python both write 1.5, not 1,5
cd "$(dirname "$0")/.."

LINES="${1:-100000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 -c 'import vaderSentiment' 2>/dev/null || {
    echo "vaderSentiment is missing: pip install vaderSentiment" >&2
    exit 2
}

cargo build --release --quiet --bin dojo
DOJO=target/release/dojo

python3 - "$LINES" "$WORK/input.jsonl" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
rows = [json.loads(l) for l in open("tests/data/eval/dev.jsonl", encoding="utf-8") if l.strip()]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        r = rows[i % len(rows)]
        f.write(json.dumps({"answer": r["answer"], "objection": r["objection"], "lang": r["lang"]},
                           ensure_ascii=False) + "\n")
PY

# Timed with the results sent to /dev/null, as VADER's stay in memory: on
# two cores, writing 100 MB of scorecards to disk or counting them through a
# pipe would time the disk or steal a core. A second, untimed run checks that
# every line got its result.
# Bash's own clock: timing with `python3 -c 'time...'` counted a Python
# start-up (about 40 ms) against dojo. A dojo run lasts half a second, which
# on a shared machine varies by a fifth from run to run: the median of five
# runs is reported (VADER's single run lasts seconds and varies little).
runs=()
for _ in 1 2 3 4 5; do
    start=$EPOCHREALTIME
    "$DOJO" score --jsonl < "$WORK/input.jsonl" > /dev/null
    end=$EPOCHREALTIME
    runs+=("$end - $start")
done
dojo_s=$(python3 -c "import statistics; print(statistics.median([${runs[*]/%/,}]))")
dojo_best=$(python3 -c "print(min([${runs[*]/%/,}]))")
out_lines=$("$DOJO" score --jsonl < "$WORK/input.jsonl" | wc -l)
[ "$out_lines" -eq "$LINES" ] || { echo "dojo wrote $out_lines lines for $LINES" >&2; exit 1; }

vader_s=$(python3 - "$WORK/input.jsonl" <<'PY'
import json, sys, time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
start = time.perf_counter()
out = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        answer = json.loads(line)["answer"]
        out.append(json.dumps(analyzer.polarity_scores(answer)))
sys.stdout.write(f"{time.perf_counter() - start}\n")
PY
)

python3 - "$LINES" "$dojo_s" "$vader_s" "$dojo_best" <<'PY'
import sys
n, dojo, vader, best = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
ratio = (n / dojo) / (n / vader)
print(f"answers:             {n}")
print(f"dojo score --jsonl:  {n / dojo:12,.0f} answers/s  ({dojo:.2f} s, median of 5, process start included)")
# The spread of the five runs says how far a shared machine moved the
# median; the verdict stays on the median.
print(f"  fastest of the 5:  {n / best:12,.0f} answers/s  ({best:.2f} s, {vader / best:.1f}x)")
print(f"vaderSentiment:      {n / vader:12,.0f} answers/s  ({vader:.2f} s, JSON parse + polarity_scores)")
print(f"ratio:               {ratio:.1f}x")
sys.exit(0 if ratio >= 20 else 1)
PY
