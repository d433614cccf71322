#!/usr/bin/env bash
# The readers compared on pact-like prose (benches/support/prose.rs: illustrative text in
# which about 4% of the sentences state the RESOC's role, the rest is situering, figures
# and other actors), whole process under /usr/bin/time -v:
#   --reader words            the word-window reader (no parse)
#   --reader tree             the default: only sentences that can matter are parsed
#   --reader tree-everywhere  the same parser over every sentence
# at 1 and 2 threads; prints wall time, MB/s (input bytes / 10^6 / wall), peak RSS, the
# share of words parsed and words parsed per second per thread (from manifest.json
# counts.parse), then the targets of issue 17 with PASS/FAIL.
#
#   benches/readers.sh [FILES [KB [SEED]]]      default: 100 files × 100 KB (≈ 10 MB), seed 1
#
# Environment: CARGO_TARGET_DIR (default <repo>/target), KEEP=1 keeps the temp folder,
# SKIP_EVERYWHERE=1 leaves out the slow tree-everywhere runs.
set -euo pipefail
FILES="${1:-100}"
KB="${2:-100}"
SEED="${3:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/benches/support/gnu_time.sh"
need_gnu_time
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
(cd "$ROOT" && cargo build --release --locked --quiet && cargo build --release --locked --quiet --example gen_corpus)
BIN="$TARGET/release/streekpact"
WORK="$(mktemp -d)"
[[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$WORK"' EXIT
"$TARGET/release/examples/gen_corpus" --prose --files "$FILES" --kb "$KB" --seed "$SEED" --out "$WORK/prose" >/dev/null
BYTES=$(cat "$WORK"/prose/*.md | wc -c)
printf "corpus: %d files, %.2f MB of pact-like prose\n\n" "$FILES" "$(echo "$BYTES / 1000000" | bc -l)"
printf "%-16s %7s %8s %8s %9s %11s %16s\n" reader threads wall_s MB/s peak_MB words_parsed parsed_words/s/thr
declare -A MBS RSS
readers=(words tree)
[[ "${SKIP_EVERYWHERE:-0}" == 1 ]] || readers+=(tree-everywhere)
for reader in "${readers[@]}"; do
    for threads in 1 2; do
        out="$WORK/out-$reader-$threads"
        /usr/bin/time -v "$BIN" score "$WORK/prose" -o "$out" -q --threads "$threads" --reader "$reader" --replicates 200 2>"$WORK/time" >/dev/null
        wall=$(wall_seconds "$WORK/time"); kb=$(peak_kb "$WORK/time")
        read -r tokens parsed < <(python3 -c "import json,sys; c=json.load(open('$out/manifest.json'))['counts']; print(c['tokens'], c['parse']['words_parsed'])")
        mbs=$(echo "$BYTES / 1000000 / $wall" | bc -l)
        MBS[$reader-$threads]=$mbs; RSS[$reader-$threads]=$kb
        printf "%-16s %7d %8.2f %8.2f %9.1f %10.1f%% %16.0f\n" "$reader" "$threads" "$wall" "$mbs" "$(echo "$kb/1024" | bc -l)" \
            "$(echo "100 * $parsed / $tokens" | bc -l)" "$(echo "$parsed / $wall / $threads" | bc -l)"
    done
done
echo
check() { if [[ $(echo "$2" | bc -l) == 1 ]]; then echo "PASS  $1"; else echo "FAIL  $1"; fi; }
if [[ -n "${MBS[tree-everywhere-1]:-}" ]]; then
    check "tree ≥ 20× faster than tree-everywhere (1 thread): $(printf %.1f "$(echo "${MBS[tree-1]} / ${MBS[tree-everywhere-1]}" | bc -l)")×" "${MBS[tree-1]} >= 20 * ${MBS[tree-everywhere-1]}"
fi
check "tree at 2 threads ≥ 1.8× 1 thread: $(printf %.2f "$(echo "${MBS[tree-2]} / ${MBS[tree-1]}" | bc -l)")×" "${MBS[tree-2]} >= 1.8 * ${MBS[tree-1]}"
check "tree peak RSS ≤ 200 MB: $(printf %.0f "$(echo "${RSS[tree-2]} / 1024" | bc -l)") MB" "${RSS[tree-2]} <= 200 * 1024"
