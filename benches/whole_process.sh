#!/usr/bin/env bash
# Whole-process throughput and memory of `streekpact score` on a generated corpus of
# illustrative pacts (benches/support/gen.rs; not real streekpacten).
#
#   benches/whole_process.sh [FILES [KB [SEED]]]      default: 200 files × 100 KB, seed 1
#
# Builds the release binary and the gen_corpus example, writes the corpus to a temp
# folder, runs `streekpact score DIR -o OUT` with --threads 1 and --threads 2 under
# /usr/bin/time -v, and prints MB/s (input bytes / wall time) and peak RSS for each,
# plus the ratio 2 threads / 1 thread. Runs from any directory.
# Environment: CARGO_TARGET_DIR (default: <repo>/target), KEEP=1 keeps the temp folder,
# RUNS=N takes the fastest of N runs per thread count (default 1).
set -euo pipefail

FILES="${1:-200}"
KB="${2:-100}"
SEED="${3:-1}"
RUNS="${RUNS:-1}"
for n in "$FILES" "$KB" "$SEED" "$RUNS"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "usage: $0 [FILES [KB [SEED]]] (whole numbers)" >&2; exit 2; }
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TARGET_DIR="$TARGET"

if [[ ! -x /usr/bin/time ]]; then
    echo "== /usr/bin/time missing: installing GNU time" >&2
    if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get install -y time >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y time >/dev/null; }
fi

echo "== building (release) in $TARGET" >&2
(cd "$ROOT" && cargo build --release --quiet --bin streekpact --example gen_corpus)
BIN="$TARGET/release/streekpact"
GEN="$TARGET/release/examples/gen_corpus"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/streekpact-whole.XXXXXX")"
cleanup() { if [[ "${KEEP:-0}" == 1 ]]; then echo "== kept $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

echo "== generating $FILES files × $KB KB (seed $SEED)" >&2
"$GEN" --files "$FILES" --kb "$KB" --seed "$SEED" --out "$WORK/pacts" >&2
BYTES=$(find "$WORK/pacts" -type f -name '*.md' -printf '%s\n' | awk '{s += $1} END {print s + 0}')

# Wall seconds of GNU time's "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23".
wall_seconds() {
    awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        print s
    }' "$1"
}
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
# CPU seconds (user + system) and GNU time's "Percent of CPU this job got".
cpu_seconds() { awk -F': ' '/User time|System time/ {s += $2} END {print s + 0}' "$1"; }
cpu_percent() { awk -F': ' '/Percent of CPU/ {sub("%", "", $2); print $2}' "$1"; }

LOAD="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
declare -A WALL RSS CPU PCT
for threads in 1 2; do
    best=""
    best_rss=""
    for ((r = 1; r <= RUNS; r++)); do
        log="$WORK/time-$threads-$r.txt"
        out="$WORK/out-$threads"
        status=0
        /usr/bin/time -v -o "$log" "$BIN" score "$WORK/pacts" -o "$out" --threads "$threads" \
            >"$WORK/stdout-$threads.txt" 2>"$WORK/stderr-$threads.txt" || status=$?
        if [[ $status -ne 0 ]]; then
            echo "streekpact score --threads $threads failed (exit $status):" >&2
            tail -n 20 "$WORK/stderr-$threads.txt" >&2
            exit 1
        fi
        w=$(wall_seconds "$log")
        k=$(peak_kb "$log")
        if [[ -z "$best" ]] || awk -v a="$w" -v b="$best" 'BEGIN {exit !(a < b)}'; then
            best="$w"
            CPU[$threads]=$(cpu_seconds "$log")
            PCT[$threads]=$(cpu_percent "$log")
        fi
        if [[ -z "$best_rss" ]] || ((k > best_rss)); then best_rss="$k"; fi
    done
    WALL[$threads]="$best"
    RSS[$threads]="$best_rss"
done

# Same results whatever the thread count (the manifest records the thread count, so
# only the CSVs are compared).
for f in resocs.csv sections.csv matches.csv; do
    if ! cmp -s "$WORK/out-1/$f" "$WORK/out-2/$f"; then
        echo "warning: $f differs between --threads 1 and --threads 2" >&2
    fi
done

echo
printf 'corpus: %s files x %s KB = %s bytes (%.2f MB), seed %s; %s core(s); best of %s run(s)\n' \
    "$FILES" "$KB" "$BYTES" "$(awk -v b="$BYTES" 'BEGIN {print b / 1e6}')" "$SEED" "$(nproc)" "$RUNS"
printf '%-8s %8s %8s %12s %8s %6s\n' threads wall_s MB/s peak_RSS_MB cpu_s cpu%
for threads in 1 2; do
    awk -v t="$threads" -v w="${WALL[$threads]}" -v b="$BYTES" -v k="${RSS[$threads]}" \
        -v c="${CPU[$threads]}" -v p="${PCT[$threads]}" \
        'BEGIN {printf "%-8s %8.2f %8.2f %12.1f %8.2f %6s\n", t, w, (w > 0 ? b / 1e6 / w : 0), k / 1024, c, p}'
done
echo "load average before the runs: $LOAD (other processes on the machine skew wall times)"
awk -v w1="${WALL[1]}" -v w2="${WALL[2]}" -v k1="${RSS[1]}" -v k2="${RSS[2]}" \
    'BEGIN {printf "ratio 2 threads / 1 thread: throughput %.2fx, peak RSS %.2fx\n", (w2 > 0 ? w1 / w2 : 0), (k1 > 0 ? k2 / k1 : 0)}'
