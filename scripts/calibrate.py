#!/usr/bin/env python3
"""Fits data/scoring/calibration.toml from labelled answers.

The rubric's cues and gates give each answer a level, a score and a sum per
dimension; a ridge regression on those plus the presence of common words
predicts the coach's label, and cut points on the prediction give the level.
Words count only if answers to at least MIN_OBJECTIONS different objections
use them: the layer should learn tone ("sure", "oh", "maybe"), not topics.
A word also counts apart, written "^word", as the first word of a sentence:
"So your team can't learn six buttons?" opens a retort with "so".

Usage: python3 scripts/calibrate.py [LABELLED.jsonl] [OUT.toml]
  defaults: data/scoring/labelled.jsonl, data/scoring/calibration.toml
Needs: python3 with numpy; builds and runs target/release/dojo.
Lines need "answer", "objection", "lang" (en|fr) and "label" (1-5). Keep the
files `dojo eval` judges by (../shared/eval/dev.jsonl) out of the labelled
set, or their figures stop meaning anything.
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

import numpy as np

MIN_OBJECTIONS = 6    # a word must occur under this many objections
ALPHA = 15.0          # ridge penalty: larger keeps weights small
MAX_WORDS = 2048      # per language, as the scorer allows
SHOW_AT = 0.1         # words at least this heavy are listed on the card
FLOOR = 0.05          # least weight of the rubric score and of each dimension
MARGIN = 0.2          # how far past a cut the rubric's level gives way
MAX_STEP = 2          # most levels the words may move the rubric's level
DIMENSIONS = ["acknowledgment", "concession", "exploration", "reframe",
              "relevance", "respect", "dismissal", "defensiveness"]


# Letters the scorer folds by hand, as NFKD leaves them whole
# (src/scoring/normalize.rs, `fold`): "cœur" is the scorer's "coeur".
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def words(text):
    """The answer's words as the scorer's tokens: lowercase, accents folded,
    apostrophes and punctuation splitting words."""
    text = unicodedata.normalize("NFKD", text.lower().translate(LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", text)


# What ends a sentence for the scorer (src/scoring/normalize.rs, `classify`):
# not the point of a decimal number like 4.8.
SENTENCE_END = re.compile(r"[!?;\u2026\u00a1\u00bf\u3002\uff01\uff1f]|(?<!\d)\.|\.(?!\d)")


def features(text):
    """The words an answer uses, each once, and "^word" for each word that
    opens one of its sentences."""
    out = set(words(text))
    for sentence in SENTENCE_END.split(text):
        first = words(sentence)[:1]
        out.update("^" + w for w in first)
    return out


# A calibration that changes nothing: the rubric's verdicts are read with it,
# so a broken or stale data/scoring/calibration.toml cannot get in the way.
NEUTRAL = """intercept = 0.0
rubric_score = 0.0
rubric_level = [1.0, 2.0, 3.0, 4.0, 5.0]
cuts = [1.5, 2.5, 3.5, 4.5]
margin = 0.0
show_at = 1.0
[dimensions]
[words]
"""


def rubric_verdicts(rows):
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "dojo"], check=True)
    lines = "".join(json.dumps({"answer": r["answer"], "objection": r["objection"],
                                "lang": r["lang"]}) + "\n" for r in rows)
    with tempfile.TemporaryDirectory() as data:
        os.mkdir(os.path.join(data, "scoring"))
        with open(os.path.join(data, "scoring", "calibration.toml"), "w") as f:
            f.write(NEUTRAL)
        out = subprocess.run(["target/release/dojo", "--data", data, "score", "--jsonl"],
                             input=lines.encode(), capture_output=True, check=True)
    return [json.loads(o) for o in out.stdout.decode().splitlines()]


def base_features(card):
    level = card["calibration"]["rubric_level"]
    sums = {s["dimension"]: s["value"] for s in card["subscores"]}
    return ([card["calibration"]["rubric_score"] / 100]
            + [1.0 if level == n else 0.0 for n in range(1, 6)]
            + [sums.get(d, 0.0) for d in DIMENSIONS])


def ridge(x, y, alpha):
    """Closed-form ridge with an unpenalised intercept."""
    mx, my = x.mean(axis=0), y.mean()
    xc = x - mx
    w = np.linalg.solve(xc.T @ xc + alpha * np.eye(x.shape[1]), xc.T @ (y - my))
    return my - mx @ w, w


def ridge_keeping_signs(x, y, alpha, signed):
    """Ridge where the columns in `signed` keep at least FLOOR: the
    calibration may weigh a rubric dimension more or less, never drop its
    credit or turn it into a penalty. A column that comes out below is
    fixed at FLOOR and the rest refitted, until none does."""
    fixed = set()
    while True:
        keep = [j for j in range(x.shape[1]) if j not in fixed]
        held = sorted(fixed)
        intercept, wk = ridge(x[:, keep], y - x[:, held] @ np.full(len(held), FLOOR), alpha)
        w = np.full(x.shape[1], FLOOR)
        w[keep] = wk
        below = [j for j in signed if w[j] < FLOOR]
        if not below:
            return intercept, w
        fixed.update(below)


def best_cuts(pred, labels):
    """Cut points maximising exact agreement, by coordinate search."""
    cuts = [1.5, 2.5, 3.5, 4.5]
    exact = lambda c: np.mean(1 + np.searchsorted(c, pred, side="right") == labels)
    for _ in range(3):
        for j in range(4):
            lo = cuts[j - 1] + 0.05 if j else 1.0
            hi = cuts[j + 1] - 0.05 if j < 3 else 5.0
            grid = np.arange(lo, hi + 1e-9, 0.05)
            cuts[j] = float(max(grid, key=lambda c: exact(cuts[:j] + [c] + cuts[j + 1:])))
    return cuts, exact(cuts)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "data/scoring/labelled.jsonl"
    dst = sys.argv[2] if len(sys.argv) > 2 else "data/scoring/calibration.toml"
    rows = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
    cards = rubric_verdicts(rows)
    spread = collections.defaultdict(set)
    for r in rows:
        for w in features(r["answer"]):
            spread[(r["lang"], w)].add(r["objection"])
    vocab = sorted(k for k, objections in spread.items() if len(objections) >= MIN_OBJECTIONS)
    for lang in ("en", "fr"):
        count = sum(1 for l, _ in vocab if l == lang)
        if count > MAX_WORDS:
            sys.exit(f"{count} {lang} words: raise MIN_OBJECTIONS to keep {MAX_WORDS} at most")
    index = {k: i for i, k in enumerate(vocab)}
    x = np.zeros((len(rows), 14 + len(vocab)))
    for i, (r, card) in enumerate(zip(rows, cards)):
        x[i, :14] = base_features(card)
        for w in features(r["answer"]):
            if (r["lang"], w) in index:
                x[i, 14 + index[(r["lang"], w)]] = 1.0
    y = np.array([r["label"] for r in rows], dtype=float)
    # The rubric score and the dimension sums (columns 0 and 6-13) keep
    # their sign: dismissal and defensiveness sums are negative already.
    intercept, w = ridge_keeping_signs(x, y, ALPHA, [0] + list(range(6, 14)))
    cuts, exact = best_cuts(x @ w + intercept, y)
    write(dst, src, len(rows), intercept, w, vocab, cuts)
    rubric_exact = np.mean([c["calibration"]["rubric_level"] for c in cards] == y)
    print(f"{len(rows)} answers, {len(vocab)} words; exact agreement on them "
          f"{rubric_exact:.3f} (rubric) -> {exact:.3f} (calibrated) ; wrote {dst}")


def write(dst, src, n, intercept, w, vocab, cuts):
    num = lambda v: f"{v:.4f}"
    out = [
        "# The calibration layer: turns the rubric's verdict into the final level.",
        f"# Fitted by scripts/calibrate.py on {n} labelled answers ({src});",
        "# rerun it after adding labelled answers rather than editing by hand.",
        "#",
        "# prediction = intercept + rubric_score * score/100 + rubric_level[level]",
        "#              + sum of dimension weight * dimension sum",
        "#              + the weight of each listed word the answer uses (once)",
        "# The level is where the prediction falls among `cuts`, at most",
        "# `max_step` levels from the rubric's, only the way the words shown",
        "# on the card push (weights of `show_at` or more), and level 1 only",
        "# with a dismissal cue; the score is the prediction's place inside",
        "# that level's band.",
        f"intercept = {num(intercept)}",
        f"rubric_score = {num(w[0])}",
        "rubric_level = [" + ", ".join(num(v) for v in w[1:6]) + "]",
        "cuts = [" + ", ".join(f"{c:.2f}" for c in cuts) + "]",
        "# The rubric's level stands unless the prediction lies this far past",
        "# one of its cuts: the words move a verdict only on clear evidence.",
        f"margin = {MARGIN}",
        "# Most levels the words may move the rubric's level, each step past",
        "# its own cut by the margin.",
        f"max_step = {MAX_STEP}",
        "# Words at least this heavy (either sign) are shown on the scorecard.",
        f"show_at = {SHOW_AT}",
        "",
        "[dimensions]",
    ]
    out += [f"{d} = {num(v)}" for d, v in zip(DIMENSIONS, w[6:14])]
    for lang in ("en", "fr"):
        out += ["", f"[words.{lang}]"]
        out += [f"\"{word}\" = {num(v)}" for (l, word), v in zip(vocab, w[14:]) if l == lang]
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
