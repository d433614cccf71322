#!/usr/bin/env bash
# How the cost of `streekpact score` grows with corpus size, file count (file size), and
# lexicon size: three points each, on generated illustrative pacts (benches/support/gen.rs;
# not real streekpacten) and synthetic lexicon layers.
#
#   benches/scaling.sh [THREADS]        default: 2 threads
#
# Series (all outputs written, `-q`, under /usr/bin/time -v; MB = 10^6 bytes of input):
#   corpus size   500, 2000, 5000 files × 100 KB          (≈ 50, 200, 500 MB)
#   file count    5000 × 10 KB, 500 × 100 KB, 50 × 1000 KB (≈ 50 MB each: many small files
#                 to few large ones), and 1 × 200,000 KB (one 200 MB file)
#   lexicon size  the built-in lexicon alone (166 cues), and with a synthetic layer of 1,000
#                 and of 10,000 extra cues (words, prefixes, suffixes, infixes and phrases of
#                 made-up words, seeded) on the 500 × 100 KB corpus
# Prints per run: wall seconds, MB/s, CPU seconds, CPU%, peak RSS, and the ratio of time
# per MB to the series' first point (1.00 = linear in input size).
#
# Runs from any directory. Environment: CARGO_TARGET_DIR (default: <repo>/target),
# KEEP=1 keeps the temp folder. Needs about 1.2 GB of temporary disk space.
set -euo pipefail

THREADS="${1:-2}"
[[ "$THREADS" =~ ^[0-9]+$ ]] || { echo "usage: $0 [THREADS]" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TARGET_DIR="$TARGET"

# shellcheck source=support/gnu_time.sh
source "$ROOT/benches/support/gnu_time.sh"
need_gnu_time

echo "== building (release) in $TARGET" >&2
(cd "$ROOT" && cargo build --release --quiet --bin streekpact --example gen_corpus)
BIN="$TARGET/release/streekpact"
GEN="$TARGET/release/examples/gen_corpus"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/streekpact-scaling.XXXXXX")"
cleanup() { if [[ "${KEEP:-0}" == 1 ]]; then echo "== kept $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

corpus() { # NAME FILES KB
    if [[ ! -d "$WORK/$1" ]]; then
        echo "== generating $2 files × $3 KB" >&2
        "$GEN" --files "$2" --kb "$3" --seed 1 --out "$WORK/$1" >/dev/null
    fi
}

# A synthetic lexicon layer of N cues made of seeded made-up words (they match little, as
# most entries of a large dictionary do on any one text, but every one is compiled and
# looked up). The categories are the built-in ones.
lexicon() { # N
    python3 - "$1" "$WORK/lexicon-$1.tsv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(n)
def word():
    syl = ["ver", "ont", "be", "ge", "lan", "dor", "mel", "sta", "rik", "pon", "zel", "gra", "tuv", "wes", "kap"]
    return "".join(rng.choice(syl) for _ in range(rng.randint(2, 4)))
seen = set()
with open(path, "w") as f:
    f.write("cue\tcategory\tweight\tnote\n")
    while len(seen) < n:
        kind = rng.random()
        w = word()
        if kind < 0.55:
            cue = w
        elif kind < 0.75:
            cue = w + "*"
        elif kind < 0.90:
            cue = "*" + w
        elif kind < 0.93:
            cue = "*" + w + "*"
        else:
            cue = w + " " + word()
        if cue in seen:
            continue
        seen.add(cue)
        cat = rng.choice(["overleg", "project", "partner", "sturing"])
        f.write(f"{cue}\t{cat}\t1\tsynthetic\n")
PY
}

printf '%-34s %8s %8s %8s %6s %9s %7s\n' run wall_s MB/s cpu_s cpu% RSS_MB s/MB×
measure() { # LABEL BASE_S_PER_MB_VAR DIR [extra args...]
    local label="$1" basevar="$2" dir="$3"
    shift 3
    local log="$WORK/time.txt"
    local bytes
    bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
    /usr/bin/time -v -o "$log" "$BIN" score "$dir" -o "$WORK/out" --threads "$THREADS" -q "$@" \
        >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt" >&2; exit 1; }
    local wall cpu pct rss
    wall=$(wall_seconds "$log")
    cpu=$(cpu_seconds "$log")
    pct=$(cpu_percent "$log")
    rss=$(peak_kb "$log")
    local per_mb
    per_mb=$(awk -v w="$wall" -v b="$bytes" 'BEGIN {print w / (b / 1e6)}')
    if [[ -z "${!basevar:-}" ]]; then printf -v "$basevar" '%s' "$per_mb"; fi
    awk -v l="$label" -v w="$wall" -v b="$bytes" -v c="$cpu" -v p="$pct" -v r="$rss" -v m="$per_mb" -v base="${!basevar}" \
        'BEGIN {printf "%-34s %8.2f %8.2f %8.2f %6s %9.1f %7.2f\n", l, w, b / 1e6 / w, c, p, r / 1024, m / base}'
    rm -rf "$WORK/out"
}

echo "== corpus size" >&2
corpus c500 500 100
corpus c2000 2000 100
corpus c5000 5000 100
SIZE=""
measure "corpus 500 × 100 KB" SIZE "$WORK/c500"
measure "corpus 2000 × 100 KB" SIZE "$WORK/c2000"
measure "corpus 5000 × 100 KB" SIZE "$WORK/c5000"
rm -rf "$WORK/c2000" "$WORK/c5000"

echo "== file count" >&2
corpus f5000 5000 10
corpus f50 50 1000
corpus f1 1 200000
COUNT=""
measure "files 5000 × 10 KB" COUNT "$WORK/f5000"
measure "files 500 × 100 KB" COUNT "$WORK/c500"
measure "files 50 × 1000 KB" COUNT "$WORK/f50"
measure "files 1 × 200,000 KB" COUNT "$WORK/f1"
rm -rf "$WORK/f5000" "$WORK/f50" "$WORK/f1"

echo "== lexicon size" >&2
lexicon 1000
lexicon 10000
LEX=""
measure "lexicon 166 cues (built-in)" LEX "$WORK/c500"
measure "lexicon 166 + 1,000 cues" LEX "$WORK/c500" --lexicon builtin --lexicon "$WORK/lexicon-1000.tsv"
measure "lexicon 166 + 10,000 cues" LEX "$WORK/c500" --lexicon builtin --lexicon "$WORK/lexicon-10000.tsv"

echo "threads: $THREADS; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
