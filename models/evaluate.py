#!/usr/bin/env python3
"""Evaluate a UDPipe 1 model on a held-out CoNLL-U file and write EVALUATION.md.

Figures:
  * gold tokenization: the test words (forms only; every other column blanked,
    empty nodes dropped) are tagged and parsed by the model, and UPOS, XPOS,
    FEATS, lemma, UAS and LAS are computed exactly here, word by word
    (LAS = head and full deprel, subtypes included, e.g. compound:prt);
  * UDPipe's own Evaluator, from gold tokenization and from raw text
    (the model's tokenizer + sentence splitter; CoNLL 2017 aligned F1).
Plus an example sentence parsed from "horizontal" (pre-tokenized) and raw input.
"""
import argparse
import json
import re
import sys

import ufal.udpipe as udpipe

EXAMPLE = "Het RESOC brengt de sociale partners samen en neemt de trekkersrol op."


def parse_conllu(text):
    """List of sentences; a sentence is a list of word rows (10 columns), no MWT/empty nodes."""
    sentences, cur = [], []
    for line in text.split("\n"):
        if not line.strip():
            if cur:
                sentences.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0].isdigit():
            cur.append(cols)
    if cur:
        sentences.append(cur)
    return sentences


def forms_only(text):
    """CoNLL-U with only ID, FORM and MISC kept (empty nodes and enhanced deps dropped)."""
    out = []
    for line in text.split("\n"):
        if not line.strip() or line.startswith("#"):
            out.append(line)
            continue
        cols = line.split("\t")
        if not cols[0].isdigit():
            continue
        out.append("\t".join([cols[0], cols[1], "_", "_", "_", "_", "_", "_", "_", cols[9]]))
    return "\n".join(out)


def run_pipeline(model, input_format, text, tokenizer=udpipe.Pipeline.DEFAULT):
    pipeline = udpipe.Pipeline(model, input_format, udpipe.Pipeline.DEFAULT, udpipe.Pipeline.DEFAULT, "conllu")
    err = udpipe.ProcessingError()
    out = pipeline.process(text, err)
    if err.occurred():
        sys.exit(f"pipeline failed: {err.message}")
    return out


def exact_scores(gold, system):
    assert len(gold) == len(system), "sentence count differs"
    n = 0
    hits = dict(UPOS=0, XPOS=0, FEATS=0, Lemma=0, UAS=0, LAS=0, LAS_universal=0)
    # separable-particle verbs (gold lemma like samen_brengen) and compound:prt arcs
    prt_verbs = prt_verbs_ok = prt_arcs = prt_arcs_ok = 0
    prt_predicted = {}
    for gs, ss in zip(gold, system):
        assert [w[1] for w in gs] == [w[1] for w in ss], "tokenization differs"
        for g, s in zip(gs, ss):
            n += 1
            hits["UPOS"] += g[3] == s[3]
            hits["XPOS"] += g[4] == s[4]
            hits["FEATS"] += g[5] == s[5]
            hits["Lemma"] += g[2] == s[2]
            hits["UAS"] += g[6] == s[6]
            hits["LAS"] += g[6] == s[6] and g[7] == s[7]
            hits["LAS_universal"] += g[6] == s[6] and g[7].split(":")[0] == s[7].split(":")[0]
            if g[3] == "VERB" and "_" in g[2]:
                prt_verbs += 1
                prt_verbs_ok += g[2] == s[2]
            if g[7] == "compound:prt":
                prt_arcs += 1
                prt_arcs_ok += g[6] == s[6] and g[7] == s[7]
                prt_predicted[s[7]] = prt_predicted.get(s[7], 0) + 1
    scores = {k: 100.0 * v / n for k, v in hits.items()}
    extra = dict(words=n, sentences=len(gold), prt_verbs=prt_verbs, prt_verbs_ok=prt_verbs_ok,
                 prt_arcs=prt_arcs, prt_arcs_ok=prt_arcs_ok,
                 prt_predicted=sorted(prt_predicted.items(), key=lambda kv: (-kv[1], kv[0])))
    return scores, extra


def evaluator(model, tokenizer, text):
    ev = udpipe.Evaluator(model, tokenizer, udpipe.Pipeline.DEFAULT, udpipe.Pipeline.DEFAULT)
    err = udpipe.ProcessingError()
    out = ev.evaluate(text, err)
    if err.occurred():
        sys.exit(f"evaluator failed: {err.message}")
    return out.strip()


def grab(pattern, text):
    m = re.search(pattern, text)
    return m.group(1) if m else "?"


def example_rows(conllu):
    rows = []
    for line in conllu.split("\n"):
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            rows.append(cols)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--info", help="training.json written by train.py")
    ap.add_argument("--output", required=True)
    args = ap.parse_args()

    model = udpipe.Model.load(args.model)
    if not model:
        sys.exit(f"cannot load {args.model}")
    with open(args.test, encoding="utf-8") as f:
        test_text = f.read()

    gold = parse_conllu(test_text)
    system = parse_conllu(run_pipeline(model, "conllu", forms_only(test_text)))
    scores, extra = exact_scores(gold, system)

    ev_gold = evaluator(model, udpipe.Pipeline.NONE, test_text)
    ev_raw = evaluator(model, udpipe.Pipeline.DEFAULT, test_text)
    pct = r"([0-9.]+)%"
    raw = {
        "Tokens F1": grab(r"Tokenizer words .*?f1: " + pct, ev_raw),
        "Sentences F1": grab(r"Tokenizer sentences .*?f1: " + pct, ev_raw),
        "UPOS": grab(r"upostag: " + pct, ev_raw),
        "XPOS": grab(r"xpostag: " + pct, ev_raw),
        "FEATS": grab(r"feats: " + pct, ev_raw),
        "Lemma": grab(r"lemmas: " + pct, ev_raw),
        "UAS": grab(r"UAS: " + pct, ev_raw),
        "LAS": grab(r"LAS: " + pct, ev_raw),
    }
    evg = {
        "UPOS": grab(r"upostag: " + pct, ev_gold),
        "XPOS": grab(r"xpostag: " + pct, ev_gold),
        "FEATS": grab(r"feats: " + pct, ev_gold),
        "Lemma": grab(r"lemmas: " + pct, ev_gold),
        "UAS": grab(r"UAS: " + pct, ev_gold),
        "LAS": grab(r"LAS: " + pct, ev_gold),
    }

    # horizontal input must already be tokenized: split off the final full stop
    horizontal_line = " ".join(EXAMPLE[:-1].split() + ["."])
    horizontal = run_pipeline(model, "horizontal", horizontal_line + "\n")
    tokenized = run_pipeline(model, "tokenize", EXAMPLE + "\n")

    def verdict(conllu):
        rows = example_rows(conllu)
        brengt = next((r for r in rows if r[1] == "brengt"), None)
        samen = next((r for r in rows if r[1] == "samen"), None)
        neemt = next((r for r in rows if r[1] == "neemt"), None)
        op = next((r for r in rows if r[1] == "op"), None)
        return (
            f"lemma of *brengt* = `{brengt[2] if brengt else '?'}` "
            f"({'is' if brengt and brengt[2] == 'samen_brengen' else 'is NOT'} `samen_brengen`); "
            f"*samen* → head {samen[6] if samen else '?'} "
            f"({'brengt' if samen and brengt and samen[6] == brengt[0] else 'not brengt'}), deprel `{samen[7] if samen else '?'}` "
            f"({'is' if samen and samen[7] == 'compound:prt' else 'is NOT'} `compound:prt`); "
            f"lemma of *neemt* = `{neemt[2] if neemt else '?'}`; "
            f"*op* → deprel `{op[7] if op else '?'}`"
        )

    info = {}
    if args.info:
        with open(args.info, encoding="utf-8") as f:
            info = json.load(f)

    L = []
    L.append("# Evaluation of the Dutch UDPipe model\n")
    L.append(f"Model: `{args.model.split('/')[-1]}`"
             + (f", {info['model_bytes']:,} bytes, sha256 `{info['model_sha256']}`" if info else "")
             + (" (QUICK smoke-test run)" if info.get("quick") else "") + ".\n")
    L.append("Held-out data: `nl_alpino-ud-test.conllu` (UD_Dutch-Alpino test, "
             f"{extra['sentences']} sentences, {extra['words']} words), never seen in training or early stopping. "
             "Generated by `models/evaluate.py` (run by `models/train-dutch.sh`).\n")
    L.append("## Gold tokenization (exact word-level accuracy, computed by evaluate.py)\n")
    L.append("| UPOS | XPOS | FEATS | Lemma | UAS | LAS |")
    L.append("|---|---|---|---|---|---|")
    L.append("| " + " | ".join(f"{scores[k]:.2f}%" for k in ("UPOS", "XPOS", "FEATS", "Lemma", "UAS", "LAS")) + " |\n")
    L.append("LAS counts the full deprel including subtypes (`obl:arg`, `compound:prt`, ...); "
             f"ignoring subtypes, as UDPipe's Evaluator below does (CoNLL 2017 convention), it is {scores['LAS_universal']:.2f}%. "
             f"Separable-particle verbs (gold UPOS VERB with a lemma like `op_nemen`): "
             f"{extra['prt_verbs_ok']}/{extra['prt_verbs']} lemmas right; "
             f"`compound:prt` arcs: {extra['prt_arcs_ok']}/{extra['prt_arcs']} found with the right head and label "
             "(deprels predicted for the gold `compound:prt` words: "
             + ", ".join(f"`{d}` {c}" for d, c in extra["prt_predicted"]) + ").\n")
    L.append("## UDPipe Evaluator\n")
    L.append("| input | Tokens F1 | Sentences F1 | UPOS | XPOS | FEATS | Lemma | UAS | LAS |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    L.append("| gold tokenization | – | – | " + " | ".join(f"{evg[k]}%" for k in ("UPOS", "XPOS", "FEATS", "Lemma", "UAS", "LAS")) + " |")
    L.append("| raw text (model's tokenizer) | " + " | ".join(f"{raw[k]}%" for k in raw) + " |\n")
    L.append("From raw text the figures are CoNLL 2017 F1 scores over aligned words; the raw text is "
             "rebuilt by UDPipe from the gold forms and `SpaceAfter=No`, as one document without "
             "paragraph breaks, so the sentence splitter has to find every boundary.\n")
    L.append("```\n" + ev_gold + "\n\n" + ev_raw + "\n```\n")
    L.append("## Example sentence\n")
    L.append(f"`{EXAMPLE}`\n")
    L.append("### Pre-tokenized input (`horizontal`: one sentence a line, tokens separated by spaces)\n")
    L.append(f"Input line: `{horizontal_line}`\n")
    L.append("```\n" + horizontal.strip() + "\n```\n")
    L.append("Result: " + verdict(horizontal) + ".\n")
    L.append("### Raw input (`tokenize`: the model's own tokenizer)\n")
    L.append("```\n" + tokenized.strip() + "\n```\n")
    L.append("Result: " + verdict(tokenized) + ".\n")
    if info:
        L.append("## Training run\n")
        L.append(f"- package: `{info['udpipe_python_package']}`, Python {info['python']}")
        L.append(f"- train: {info['train_sentences']} sentences / {info['train_words']} words; "
                 f"early stopping: {info['early_stopping_sentences']} sentences / {info['early_stopping_words']} words "
                 f"({info['early_stopping_slice']})")
        L.append(f"- training time: {info['training_seconds']:.0f} s on one core")
        L.append(f"- tokenizer: `{info['tokenizer_options']}`")
        L.append(f"- tagger: `{info['tagger_options']}`")
        L.append(f"- parser: `{info['parser_options']}`\n")
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(L))
    print(f"gold tokenization: " + ", ".join(f"{k} {v:.2f}%" for k, v in scores.items()))
    print(f"raw text: " + ", ".join(f"{k} {v}%" for k, v in raw.items()))
    print("horizontal: " + verdict(horizontal))
    print("tokenize: " + verdict(tokenized))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
