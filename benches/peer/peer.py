#!/usr/bin/env python3
"""Speed peer for `streekpact score`: the plain Python script a researcher would write
for the same job (sections at Markdown headings, tokens, Dutch Snowball stems, a weighted
cue count per section and the score (P - O) / (P + O + 1)).

    peer.py [--jobs N] --lexicon lexicons/streekpact.tsv --out OUT.csv DIR...

Not a reimplementation of streekpact: no context rules (negation, hedges, emphasis,
other actors, past tense), no `w1 ... w2` gap cues, no RESOC attribution. See README.md.
Written to be fast in plain Python: one compiled regex per job, every distinct word form
analysed once (fold, stem and single-word cue lookup cached in a dict), phrases indexed
by the stem of their first word, files spread over processes with multiprocessing.
"""

import argparse
import csv
import os
import re
import sys
import unicodedata
from itertools import compress
from multiprocessing import Pool
from operator import itemgetter

import Stemmer

TOKEN_RE = re.compile(r"\w+(?:['’.]\w+)*")
HEADING_RE = re.compile(r"^#{1,6} .*$", re.MULTILINE)
HEADING_MARKS = "# \t"

# Element kinds of a cue word (docs/lexicon.md, "Cue syntax").
STEM, EXACT, PREFIX, SUFFIX, CONTAINS = range(5)


def fold(word):
    """Lowercase with diacritics removed (coördineren -> coordineren)."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
    )


class Lexicon:
    """The cue lexicon: single-word cues by kind and phrases indexed by first stem."""

    def __init__(self, path, stemmer):
        self.poles = {}  # category -> pole in [-1, 1]
        self.exact = {}  # folded form -> cue (for "word")
        self.stems = {}  # stem -> cue (for a plain word)
        self.globs = []  # (kind, text, cap, cue): word*, *word, *word*, capitalised words
        self.phrases = {}  # stem of first word -> [(capitalised, rest, cue)], longest first
        self.skipped = []  # cues this script cannot express
        header = None
        order = 0
        with open(path, encoding="utf-8-sig") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                sep = "\t" if "\t" in line else ","
                fields = [x.strip() for x in line.split(sep)]
                if header is None:
                    header = fields
                    continue
                if fields[0] == "@category":
                    self.poles[fields[1]] = float(fields[2])
                    continue
                text, category, weight = fields[0], fields[1], float(fields[2])
                words = text.split()
                if "..." in words:
                    self.skipped.append(text)
                    continue
                elements = [self._element(w, stemmer) for w in words]
                literal = sum(len(e[1]) for e in elements)
                plain = all(e[0] in (STEM, EXACT) for e in elements)
                # Overlaps: more words, then longer literal text, then plain before
                # glob, then earlier in the file (docs/lexicon.md, "Overlaps").
                rank = (len(elements), literal, plain, -order)
                # A cue adds weight x |pole| to the pole its category leans to.
                pole = self.poles[category]
                cue = (rank, text, weight * max(-pole, 0.0), weight * max(pole, 0.0))
                order += 1
                if len(elements) > 1:
                    kind, first, cap = elements[0]
                    if kind != STEM:
                        self.skipped.append(text)  # glob-first phrases: none by default
                        continue
                    self.phrases.setdefault(first, []).append((cap, elements[1:], cue))
                elif elements[0][0] == STEM and not elements[0][2]:
                    self._keep(self.stems, elements[0][1], cue)
                elif elements[0][0] == EXACT and not elements[0][2]:
                    self._keep(self.exact, elements[0][1], cue)
                else:
                    self.globs.append(elements[0] + (cue,))
        for candidates in self.phrases.values():
            candidates.sort(key=lambda p: p[2][0], reverse=True)

    @staticmethod
    def _element(word, stemmer):
        cap = word[:1].isupper()
        if len(word) > 2 and word[0] == '"' and word[-1] == '"':
            return (EXACT, fold(word[1:-1]), cap)
        w = fold(word)
        if w.startswith("*") and w.endswith("*") and len(w) > 2:
            return (CONTAINS, w[1:-1], cap)
        if w.endswith("*"):
            return (PREFIX, w[:-1], cap)
        if w.startswith("*"):
            return (SUFFIX, w[1:], cap)
        return (STEM, stemmer.stemWord(w), cap)

    @staticmethod
    def _keep(table, key, cue):
        if key not in table or cue[0] > table[key][0]:
            table[key] = cue

    def single(self, raw, folded, stem):
        """The best single-word cue for one word form, or None."""
        best = self.exact.get(folded)
        c = self.stems.get(stem)
        if c is not None and (best is None or c[0] > best[0]):
            best = c
        info = (raw, folded, stem)
        for kind, text, cap, cue in self.globs:
            if (best is None or cue[0] > best[0]) and element_matches((kind, text, cap), info):
                best = cue
        return best


def element_matches(element, info):
    """Does one cue word match one word form's (raw, folded, stem, ...)?"""
    kind, text, cap = element
    if kind == STEM and not cap:
        return info[2] == text
    if cap and not info[0][:1].isupper():
        return False
    if kind == STEM:
        return info[2] == text
    if kind == EXACT:
        return info[1] == text
    if kind == PREFIX:
        return info[1].startswith(text)
    if kind == SUFFIX:
        return info[1].endswith(text)
    return text in info[1]


class Forms(dict):
    """Word form -> (raw, folded, stem, single-word cue, phrases starting here, hit).

    Every distinct form is folded, stemmed and looked up in the lexicon once."""

    def __init__(self, lexicon, stemmer):
        super().__init__()
        self.lexicon = lexicon
        self.stemmer = stemmer

    def __missing__(self, raw):
        folded = fold(raw)
        stem = self.stemmer.stemWord(folded)
        single = self.lexicon.single(raw, folded, stem)
        phrases = self.lexicon.phrases.get(stem, ())
        info = (raw, folded, stem, single, phrases, single is not None or bool(phrases))
        self[raw] = info
        return info


# Per-process state, set by init() (in each worker with --jobs N).
LEXICON = None
FORMS = None
IS_HIT = itemgetter(5)


def init(lexicon_path):
    global LEXICON, FORMS
    stemmer = Stemmer.Stemmer("dutch")
    LEXICON = Lexicon(lexicon_path, stemmer)
    FORMS = Forms(LEXICON, stemmer)


def score_section(text):
    """(tokens, overleg, project) of one section: leftmost-longest cue matches, each
    word in at most one match."""
    infos = list(map(FORMS.__getitem__, TOKEN_RE.findall(text)))
    n = len(infos)
    overleg = project = 0.0
    free = 0  # first word not covered by an earlier match
    for i in compress(range(n), map(IS_HIT, infos)):
        if i < free:
            continue
        info = infos[i]
        best, length = info[3], 1
        for capitalised, rest, cue in info[4]:  # phrases starting here, longest first
            m = len(rest)
            if i + m >= n or (capitalised and not info[0][:1].isupper()):
                continue
            j = i
            for element in rest:
                j += 1
                if not element_matches(element, infos[j]):
                    break
            else:
                best, length = cue, m + 1
                break
        if best is not None:
            free = i + length
            overleg += best[2]
            project += best[3]
    return n, overleg, project


def process_file(path):
    """CSV rows of one file: file, section, heading, tokens, overleg, project, score."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    bounds = [(m.start(), m.group().strip(HEADING_MARKS)) for m in HEADING_RE.finditer(text)]
    sections = []
    if not bounds or (bounds[0][0] > 0 and text[: bounds[0][0]].strip()):
        sections.append((0, ""))
    sections.extend(bounds)
    rows = []
    for k, (start, heading) in enumerate(sections):
        end = sections[k + 1][0] if k + 1 < len(sections) else len(text)
        tokens, o, p = score_section(text[start:end])
        score = f"{(p - o) / (p + o + 1):.4f}" if o or p else ""
        rows.append((path, k + 1, heading, tokens, f"{o:.2f}", f"{p:.2f}", score))
    return rows


def inputs(dirs):
    files = []
    for d in dirs:
        if os.path.isfile(d):
            files.append(d)
            continue
        for root, subdirs, names in os.walk(d):
            subdirs.sort()
            files.extend(
                os.path.join(root, n) for n in sorted(names) if n.endswith((".md", ".txt"))
            )
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--lexicon", required=True, help="cue lexicon TSV")
    ap.add_argument("--out", required=True, help="output CSV")
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    args = ap.parse_args()

    files = inputs(args.dirs)
    init(args.lexicon)  # in this process too: it reports skipped cues and runs --jobs 1
    if LEXICON.skipped:
        print(f"peer: {len(LEXICON.skipped)} cue(s) not expressible here, skipped", file=sys.stderr)
    with open(args.out, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["file", "section", "heading", "tokens", "overleg", "project", "score"])
        if args.jobs <= 1:
            for path in files:
                w.writerows(process_file(path))
        else:
            with Pool(args.jobs, initializer=init, initargs=(args.lexicon,)) as pool:
                for rows in pool.imap(process_file, files, chunksize=1):
                    w.writerows(rows)


if __name__ == "__main__":
    main()
