#!/usr/bin/env python3
"""Build the deterministic data split and train the Dutch UDPipe 1 model.

Called by models/train-dutch.sh (which sets up the pinned ufal.udpipe venv);
see models/README.md. Everything here is deterministic: fixed file order, a
fixed every-10th-sentence early-stopping slice, and all training options
written out explicitly below.
"""
import argparse
import hashlib
import json
import os
import platform
import sys
import time

import ufal.udpipe as udpipe

# Training files, in this order (the order matters for the split and for training).
TRAIN_FILES = [
    "nl_lassysmall-ud-dev.conllu",
    "nl_lassysmall-ud-test.conllu",
    "nl_alpino-ud-dev.conllu",
]
# Never used for training or early stopping: only for the reported figures.
TEST_FILE = "nl_alpino-ud-test.conllu"

# Sentence i (0-based) of the concatenated training files goes to the
# early-stopping ("heldout") set when i % EARLY_STOP_EVERY == EARLY_STOP_EVERY - 1,
# i.e. every 10th sentence; it is removed from the training set.
EARLY_STOP_EVERY = 10

# UDPipe 1 training options, every documented one pinned explicitly
# (UDPipe 1.4 user manual, "Training UDPipe Models").  UDPipe 1 has no
# random-seed option: its trainers use internally fixed-seeded generators
# (checked empirically: two runs give byte-identical models, see README).
TOKENIZER_OPTIONS = {
    "tokenize_url": 1,
    "allow_spaces": 0,          # no form in these treebanks contains a space
    "dimension": 24,
    "segment_size": 50,
    "epochs": 40,
    "batch_size": 50,
    "learning_rate": 0.005,
    "learning_rate_final": 0.0,
    "dropout": 0.1,
    "early_stopping": 1,
}
# Two MorphoDiTa models, as in the official UDPipe UD models: model 1 tags
# UPOS/XPOS/FEATS, model 2 lemmatizes.
TAGGER_OPTIONS = {
    "models": 2,
    "iterations": 15,
    "early_stopping": 1,
    "dictionary_max_form_analyses": 0,
    "templates_1": "tagger",
    "guesser_suffix_rules_1": 8,
    "guesser_enrich_dictionary_1": 6,
    "guesser_prefixes_max_1": 0,
    "guesser_prefix_min_count_1": 10,
    "use_lemma_1": 0, "use_xpostag_1": 1, "use_feats_1": 1,
    "provide_lemma_1": 0, "provide_xpostag_1": 1, "provide_feats_1": 1,
    "templates_2": "lemmatizer",
    "guesser_suffix_rules_2": 6,
    "guesser_enrich_dictionary_2": 5,
    "guesser_prefixes_max_2": 4,
    "guesser_prefix_min_count_2": 10,
    "use_lemma_2": 1, "use_xpostag_2": 0, "use_feats_2": 0,
    "provide_lemma_2": 1, "provide_xpostag_2": 0, "provide_feats_2": 0,
}
PARSER_OPTIONS = {
    # About 12% of the training trees are non-projective: use the fully
    # non-projective swap system.
    "transition_system": "swap",
    "transition_oracle": "static_lazy",
    "structured_interval": 8,
    "single_root": 1,
    "use_gold_tags": 0,
    "embedding_upostag": 20,
    "embedding_feats": 20,
    "embedding_xpostag": 0,
    "embedding_form": 50,
    "embedding_lemma": 0,
    "embedding_deprel": 20,
    "embedding_form_mincount": 2,   # undocumented in the manual, parsed by 1.4.0.1 (default 2)
    "embedding_lemma_mincount": 2,  # idem
    "iterations": 10,
    "hidden_layer": 200,
    "batch_size": 10,
    "learning_rate": 0.02,
    "learning_rate_final": 0.001,
    "l2": 0.5,
    "early_stopping": 1,
}
# --quick: same pipeline, tiny number of iterations (smoke test only).
QUICK_OVERRIDES = ({"epochs": 1}, {"iterations": 1}, {"iterations": 1})


def options_string(options):
    return ";".join(f"{k}={v}" for k, v in options.items())


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_blocks(path):
    """Sentence blocks (comment + token lines) of a CoNLL-U file, in file order."""
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    return [b.strip("\n") for b in text.split("\n\n") if b.strip()]


def load_sentences(path):
    fmt = udpipe.InputFormat.newConlluInputFormat()
    with open(path, encoding="utf-8") as f:
        fmt.setText(f.read())
    sentences, err = udpipe.Sentences(), udpipe.ProcessingError()
    sentence = udpipe.Sentence()
    while fmt.nextSentence(sentence, err):
        sentences.append(sentence)
        sentence = udpipe.Sentence()
    if err.occurred():
        sys.exit(f"cannot read {path}: {err.message}")
    return sentences


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--treebanks", required=True)
    ap.add_argument("--work", required=True, help="scratch folder for the split files")
    ap.add_argument("--output", required=True, help="model file to write")
    ap.add_argument("--info", help="JSON file with options, split, hashes and timing")
    ap.add_argument("--quick", action="store_true", help="smoke test: 1 epoch/iteration each")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    train_blocks, early_blocks = [], []
    i = 0
    for name in TRAIN_FILES:
        for block in read_blocks(os.path.join(args.treebanks, name)):
            (early_blocks if i % EARLY_STOP_EVERY == EARLY_STOP_EVERY - 1 else train_blocks).append(block)
            i += 1
    train_path = os.path.join(args.work, "train.conllu")
    early_path = os.path.join(args.work, "earlystop.conllu")
    for path, blocks in ((train_path, train_blocks), (early_path, early_blocks)):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n\n".join(blocks) + "\n\n")

    def words(blocks):
        return sum(1 for b in blocks for line in b.split("\n")
                   if line and not line.startswith("#") and line.split("\t", 1)[0].isdigit())

    print(f"train: {len(train_blocks)} sentences, {words(train_blocks)} words -> {train_path}")
    print(f"early stopping: {len(early_blocks)} sentences, {words(early_blocks)} words -> {early_path}")

    tok, tag, par = dict(TOKENIZER_OPTIONS), dict(TAGGER_OPTIONS), dict(PARSER_OPTIONS)
    if args.quick:
        for opts, over in zip((tok, tag, par), QUICK_OVERRIDES):
            opts.update(over)
    tok_s, tag_s, par_s = options_string(tok), options_string(tag), options_string(par)
    print(f"tokenizer options: {tok_s}\ntagger options: {tag_s}\nparser options: {par_s}", flush=True)

    train, early = load_sentences(train_path), load_sentences(early_path)
    err = udpipe.ProcessingError()
    start = time.time()
    model = udpipe.Trainer.train("morphodita_parsito", train, early, tok_s, tag_s, par_s, err)
    seconds = time.time() - start
    if err.occurred() or not model:
        sys.exit(f"training failed: {err.message}")
    with open(args.output, "wb") as f:
        f.write(model)
    print(f"wrote {args.output}: {len(model)} bytes, sha256 {sha256(args.output)}, "
          f"trained in {seconds:.0f} s")

    if args.info:
        info = {
            "udpipe_python_package": os.environ.get("UDPIPE_PIP_SPEC", "ufal.udpipe"),
            "python": platform.python_version(),
            "method": "morphodita_parsito",
            "tokenizer_options": tok_s,
            "tagger_options": tag_s,
            "parser_options": par_s,
            "quick": args.quick,
            "inputs_sha256": {n: sha256(os.path.join(args.treebanks, n)) for n in TRAIN_FILES + [TEST_FILE]},
            "train_files_in_order": TRAIN_FILES,
            "early_stopping_slice": f"every {EARLY_STOP_EVERY}th sentence (0-based index i with "
                                    f"i % {EARLY_STOP_EVERY} == {EARLY_STOP_EVERY - 1}) of the concatenation, removed from train",
            "train_sentences": len(train_blocks), "train_words": words(train_blocks),
            "early_stopping_sentences": len(early_blocks), "early_stopping_words": words(early_blocks),
            "training_seconds": round(seconds, 1),
            "model_bytes": len(model),
            "model_sha256": sha256(args.output),
        }
        with open(args.info, "w", encoding="utf-8") as f:
            json.dump(info, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
