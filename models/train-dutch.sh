#!/usr/bin/env bash
# Train the Dutch UDPipe 1 model models/nl-streekpact.udpipe and evaluate it.
#
# Usage: models/train-dutch.sh [TREEBANK_DIR]
#   TREEBANK_DIR     folder with the UD Dutch CoNLL-U files
#                    (default: ../shared/treebanks relative to the repository root)
# Environment:
#   UDPIPE_VENV      Python venv to create/use   (default /tmp/streekpact-udpipe-venv)
#   UDPIPE_WORK      scratch folder for the split (default /tmp/streekpact-udpipe-work)
#   UDPIPE_QUICK=1   smoke test: 1 epoch/iteration per component, model and
#                    report go to UDPIPE_WORK instead of models/
#
# Training uses one core; run it with `nice -n 19` on a shared machine.
set -euo pipefail

UDPIPE_PIP_SPEC="ufal.udpipe==1.4.0.1"

MODELS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$MODELS_DIR/.." && pwd)"
TREEBANKS="${1:-$REPO_ROOT/../shared/treebanks}"
TREEBANKS="$(cd "$TREEBANKS" && pwd)"
VENV="${UDPIPE_VENV:-/tmp/streekpact-udpipe-venv}"
WORK="${UDPIPE_WORK:-/tmp/streekpact-udpipe-work}"

for f in nl_lassysmall-ud-dev.conllu nl_lassysmall-ud-test.conllu nl_alpino-ud-dev.conllu nl_alpino-ud-test.conllu; do
  [[ -f "$TREEBANKS/$f" ]] || { echo "missing $TREEBANKS/$f" >&2; exit 1; }
done

# (a) venv with the pinned ufal.udpipe (a binary wheel: no compiler needed)
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$UDPIPE_PIP_SPEC"
export UDPIPE_PIP_SPEC

mkdir -p "$WORK"
if [[ "${UDPIPE_QUICK:-0}" == 1 ]]; then
  MODEL="$WORK/nl-streekpact-quick.udpipe"
  INFO="$WORK/training-quick.json"
  REPORT="$WORK/EVALUATION-quick.md"
  QUICK=(--quick)
else
  MODEL="$MODELS_DIR/nl-streekpact.udpipe"
  INFO="$MODELS_DIR/training.json"
  REPORT="$MODELS_DIR/EVALUATION.md"
  QUICK=()
fi

# (c) split + (d) train + (e) write the model; the trainer's progress goes to the log
echo "training (trainer progress goes to $WORK/train.log)"
if ! "$VENV/bin/python" "$MODELS_DIR/train.py" --treebanks "$TREEBANKS" --work "$WORK" \
    --output "$MODEL" --info "$INFO" "${QUICK[@]}" 2>"$WORK/train.log"; then
  tail -n 20 "$WORK/train.log" >&2
  exit 1
fi

# (f) evaluation on the held-out nl_alpino-ud-test.conllu
"$VENV/bin/python" "$MODELS_DIR/evaluate.py" --model "$MODEL" \
  --test "$TREEBANKS/nl_alpino-ud-test.conllu" --info "$INFO" --output "$REPORT"
echo "model: $MODEL ($(stat -c %s "$MODEL") bytes); report: $REPORT"
