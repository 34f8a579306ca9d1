"""The statistical model's weights file, read once: the model scores with it, normalisation spells with its words.

``model_weights.json`` is written by ``scripts/train_risk_model.py``. Besides the weights it holds the score of
every word in the training messages (``word_scores``): those words are also the vocabulary that letters
spaced out to hide a word ("k i l l m y s e l f") are put back together with (``spelling.py``).
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["NGRAM_MAX", "NGRAM_MIN", "SCHEMA", "WEIGHTS_PATH", "Weights", "load"]

WEIGHTS_PATH = Path(__file__).with_name("model_weights.json")
NGRAM_MIN, NGRAM_MAX = 2, 5
SCHEMA = 3  # 3: word_scores


@dataclass(frozen=True)
class Weights:
    weights: dict[str, float]
    bias: float
    thresholds: dict[str, float]
    window: int
    word_scores: dict[str, float]
    info: dict


_NONE = Weights({}, 0.0, {"latin": math.inf, "arabic": math.inf}, 1, {}, {"bootstrap": True})


@cache
def load() -> Weights:
    """The shipped weights (or, only for the trainer writing its first file, a model that never fires)."""
    bootstrap = os.environ.get("RISK_MODEL_BOOTSTRAP") == "1"
    if bootstrap and not WEIGHTS_PATH.exists():
        return _NONE
    with WEIGHTS_PATH.open(encoding="utf-8") as f:
        data = json.load(f)
    if data.get("schema") != SCHEMA or data["ngram_range"] != [NGRAM_MIN, NGRAM_MAX]:
        if bootstrap:  # the trainer is rewriting an older file
            return _NONE
        raise ValueError(f"{WEIGHTS_PATH.name}: unexpected schema; re-run scripts/train_risk_model.py")
    return Weights(
        weights=data["weights"],
        bias=float(data["bias"]),
        thresholds={script: float(value) for script, value in data["thresholds"].items()},
        window=int(data["window"]),
        word_scores=data["word_scores"],
        info={key: value for key, value in data.items() if key not in ("weights", "word_scores")},
    )
