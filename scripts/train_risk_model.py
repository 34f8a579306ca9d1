"""Train the risk screen's statistical second opinion (intake/domain/risk_model.py).

    .venv/bin/python scripts/train_risk_model.py            # cross-validate, write the weights
    .venv/bin/python scripts/train_risk_model.py --check    # exit 1 if the shipped file differs
    .venv/bin/python scripts/train_risk_model.py --search   # also compare a few settings (slow)

Trains ONLY on the labelled sets named in ``SOURCES`` (never on risk_eval3_independent.tsv,
which is kept unseen as the honest measure). Multinomial Naive Bayes over the features of
``risk_model.word_features`` plus word pairs, with Laplace-style smoothing ``ALPHA``;
features seen in at least two messages are ranked by |log-odds| x log(1 + messages) and
the top ``KEEP`` kept. Stratified ``FOLDS``-fold cross-validation (fixed seed): each fold
trains and prunes on the other folds and scores the held-out one. The threshold is the
lowest score at which the pooled held-out false alarms stay at or under ``MAX_FALSE_ALARMS``.
The final weights are trained on everything and written with sorted keys and fixed
rounding, so running this twice writes the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RISK_MODEL_BOOTSTRAP", "1")  # allow the very first run, before a weights file exists

from intake.domain.risk import normalise, screen  # noqa: E402
from intake.domain.risk_model import NGRAM_MAX, NGRAM_MIN, WEIGHTS_PATH, score_with, word_features  # noqa: E402

DATA = ROOT / "tests" / "domain"
SOURCES = ("risk_corpus.tsv", "risk_holdout.tsv", "risk_eval.tsv", "risk_eval2.tsv", "risk_training_extra.tsv")
ALPHA = 0.5
KEEP = 8000
WINDOW = 25
FOLDS = 5
SEED = 20240611
MAX_FALSE_ALARMS = 0.08


def load() -> list[tuple[bool, str, str, str]]:
    """(is_risk, lang, normalised text, source) for every row of every source, in file order."""
    rows = []
    for name in SOURCES:
        with (DATA / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                rows.append((row["label"] == "RISK", row["lang"], normalise(row["text"]), name))
    return rows


def features(normalised: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    previous = "."
    for token in normalised.split():
        if token != ".":
            counts.update(word_features(token))
            if previous != ".":
                counts[f"{previous} {token}"] += 1
        previous = token
    return counts


def train(docs: list[tuple[bool, Counter[str]]], alpha: float, keep: int) -> tuple[dict[str, float], float]:
    counts = {True: Counter(), False: Counter()}
    doc_freq: Counter[str] = Counter()
    for is_risk, feats in docs:
        counts[is_risk].update(feats)
        doc_freq.update(feats.keys())
    vocabulary = len(doc_freq)
    totals = {label: sum(c.values()) + alpha * vocabulary for label, c in counts.items()}
    ranked = []
    for feature in sorted(doc_freq):
        if doc_freq[feature] < 2:
            continue
        weight = math.log((counts[True][feature] + alpha) / totals[True]) - math.log(
            (counts[False][feature] + alpha) / totals[False]
        )
        ranked.append((-abs(weight) * math.log1p(doc_freq[feature]), feature, weight))
    ranked.sort()
    weights = {feature: weight for _, feature, weight in ranked[:keep]}
    risky = sum(is_risk for is_risk, _ in docs)
    return weights, math.log(risky / (len(docs) - risky))


def folds(rows: list[tuple[bool, str, str, str]], k: int) -> list[int]:
    """Fold number per row, stratified by label and language, with a fixed seed."""
    fold_of = [0] * len(rows)
    rng = random.Random(SEED)
    groups: dict[tuple[bool, str], list[int]] = {}
    for index, (is_risk, lang, _, _) in enumerate(rows):
        groups.setdefault((is_risk, lang), []).append(index)
    offset = 0
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        for position, index in enumerate(members):
            fold_of[index] = (position + offset) % k
        offset += len(members)
    return fold_of


def rates(flags: list[bool], labels: list[bool]) -> tuple[float, float, int, int, int, int]:
    risky = [f for f, label in zip(flags, labels, strict=True) if label]
    ordinary = [f for f, label in zip(flags, labels, strict=True) if not label]
    return (sum(risky) / len(risky), sum(ordinary) / len(ordinary), sum(risky), len(risky), sum(ordinary), len(ordinary))


def cross_validate(rows, docs, alpha: float, keep: int, window: int, verbose: bool) -> dict:
    fold_of = folds(rows, FOLDS)
    oof = [0.0] * len(rows)
    for fold in range(FOLDS):
        weights, bias = train([d for d, f in zip(docs, fold_of, strict=True) if f != fold], alpha, keep)
        for index, (_, _, text, _) in enumerate(rows):
            if fold_of[index] == fold:
                oof[index] = score_with(text, weights, bias, window)
    labels = [is_risk for is_risk, *_ in rows]
    ordinary = sorted((s for s, label in zip(oof, labels, strict=True) if not label), reverse=True)
    allowed = math.floor(MAX_FALSE_ALARMS * len(ordinary))
    threshold = math.floor(ordinary[allowed] * 100) / 100 + 0.01  # strictly above the (allowed+1)-th highest
    flags = [s >= threshold for s in oof]
    result = {"threshold": round(threshold, 2), "folds": [], "languages": {}}
    for fold in range(FOLDS):
        idx = [i for i in range(len(rows)) if fold_of[i] == fold]
        recall, false_alarms, *_ = rates([flags[i] for i in idx], [labels[i] for i in idx])
        result["folds"].append({"recall": round(recall, 3), "false_alarms": round(false_alarms, 3)})
    recall, false_alarms, caught, risky, alarms, ok = rates(flags, labels)
    result["model"] = {"recall": round(recall, 3), "false_alarms": round(false_alarms, 3),
                       "caught": f"{caught}/{risky}", "alarms": f"{alarms}/{ok}"}
    for lang in ("en", "pl", "ar"):
        idx = [i for i, row in enumerate(rows) if row[1] == lang]
        recall, false_alarms, *_ = rates([flags[i] for i in idx], [labels[i] for i in idx])
        result["languages"][lang] = {"recall": round(recall, 3), "false_alarms": round(false_alarms, 3)}
    if verbose:
        for fold, figures in enumerate(result["folds"]):
            print(f"  fold {fold + 1}: recall {figures['recall']:.3f}  false alarms {figures['false_alarms']:.3f}")
        m = result["model"]
        print(f"  model alone, pooled held-out: recall {m['recall']:.3f} ({m['caught']}), "
              f"false alarms {m['false_alarms']:.3f} ({m['alarms']}) at threshold {result['threshold']}")
        for lang, figures in result["languages"].items():
            print(f"    {lang}: recall {figures['recall']:.3f}  false alarms {figures['false_alarms']:.3f}")
    result["oof"] = flags
    return result


def build(verbose: bool = False, search: bool = False) -> str:
    rows = load()
    docs = [(is_risk, features(text)) for is_risk, _, text, _ in rows]
    if verbose:
        print(f"{len(rows)} labelled messages from {', '.join(SOURCES)}")
    if search:
        for alpha in (0.25, 0.5, 1.0):
            for keep in (3000, 8000, 15000):
                for window in (15, 25, 40):
                    cv = cross_validate(rows, docs, alpha, keep, window, verbose=False)
                    print(f"  alpha {alpha} keep {keep} window {window}: recall {cv['model']['recall']:.3f} "
                          f"false alarms {cv['model']['false_alarms']:.3f}")
    if verbose:
        print(f"{FOLDS}-fold cross-validation, alpha {ALPHA}, keep {KEEP}, window {WINDOW}:")
    cv = cross_validate(rows, docs, ALPHA, KEEP, WINDOW, verbose)
    # With the rules: rules hits (tuned on these same sets, so optimistic) or the held-out model score.
    rule_flags = [any(hit.rule != "concern" for hit in screen(text).hits) for _, _, text, _ in rows]
    labels = [is_risk for is_risk, *_ in rows]
    combined = [r or m for r, m in zip(rule_flags, cv.pop("oof"), strict=True)]
    for name, flags in (("rules", rule_flags), ("rules_or_model", combined)):
        recall, false_alarms, *_ = rates(flags, labels)
        cv[name] = {"recall": round(recall, 3), "false_alarms": round(false_alarms, 3)}
    if verbose:
        print(f"  rules alone (tuned on these sets): recall {cv['rules']['recall']:.3f} "
              f"false alarms {cv['rules']['false_alarms']:.3f}")
        print(f"  rules or held-out model: recall {cv['rules_or_model']['recall']:.3f} "
              f"false alarms {cv['rules_or_model']['false_alarms']:.3f}")
    weights, bias = train(docs, ALPHA, KEEP)
    data = {
        "schema": 1,
        "ngram_range": [NGRAM_MIN, NGRAM_MAX],
        "alpha": ALPHA,
        "keep": KEEP,
        "window": WINDOW,
        "bias": round(bias, 4),
        "threshold": cv["threshold"],
        "cross_validation": cv,
        "trained_on": {name: sum(row[3] == name for row in rows) for name in SOURCES},
        "weights": {feature: round(weight, 3) for feature, weight in weights.items() if round(weight, 3) != 0},
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the shipped weights differ")
    parser.add_argument("--search", action="store_true", help="also cross-validate a small grid of settings")
    args = parser.parse_args()
    text = build(verbose=True, search=args.search)
    if args.check:
        same = WEIGHTS_PATH.exists() and WEIGHTS_PATH.read_text(encoding="utf-8") == text
        print("weights file is up to date" if same else "weights file differs from a fresh training run")
        sys.exit(0 if same else 1)
    WEIGHTS_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {WEIGHTS_PATH.relative_to(ROOT)} ({WEIGHTS_PATH.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
