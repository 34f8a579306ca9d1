"""Benchmark: the safeguarding risk screen (intake.domain.risk).

    .venv/bin/python bench/risk.py
    .venv/bin/python bench/risk.py --runs 5000

Prints:

- median and p99 time to screen a 1,000-character message (an ordinary rambling
  complaint, one that ends in a disclosure, and ordinary messages in Arabic and in
  Polish run together), over at least 1,000 runs each (goal: under 1 ms);
- the time for 10,000 messages through ``check_lines`` in one process (median of 5 runs),
  and through the real command ``flask --app wsgi check-risk`` in a fresh process,
  start-up included (median of 3; goal: under 2 s), both as it runs by default (long input
  shared between one process per CPU) and with ``--jobs 1``. Two sets of 10,000: the short
  messages of risk_corpus and risk_holdout, and every labelled message (longer, a third
  in Polish or Arabic);
- the ratio against a baseline of ``str.lower()`` plus one ``in`` check for a
  single word over the same inputs (ratio = ours / baseline);
- the time to import the screen (goal <= 0.5 s), in a fresh interpreter, after the
  ``intake`` package itself is imported, and what the first message in Arabic script adds
  (its patterns are compiled on first use: ``intake/domain/risk/compiling.py``), with each
  module's share from ``-X importtime``;
- recall and false-alarm rate on the four labelled sets, all of which have now been
  tuned against (risk_eval2.tsv first scored 0.40 / 0.017 before the concept layer).
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.domain.risk import check_lines, screen  # noqa: E402
from intake.domain.risk import model as risk_model  # noqa: E402

DATA = ROOT / "data" / "risk"

ORDINARY = (
    "hi so basically i want to complain because my social worker keeps changing and the new one never turns up, "
    "the last meeting was cancelled and nobody told me, my allowance was wrong again and i had no school shoes for "
    "two weeks so i had to wear trainers and got a detention which isnt fair. the wifi at the home never works and "
    "staff say its not their job. i asked about my pathway plan and my leaving care grant and nobody knows anything. "
    "im sick of moving placements, this is my 5th this year and i miss my little brother who is in a different "
    "placement and i only see him once a month. the food is rubbish, always pasta, and the heating is broken so my "
    "room is freezing. i hate my new school and the taxi is late every morning so i miss registration. my ps5 got "
    "broken in the move and nobody paid for it. "
)
DISCLOSURE = "honestly the older lads at the home keep beating me up and im scared to go back there tonight. pls help"


def thousand(text: str) -> str:
    return (text * (1000 // len(text) + 1))[:1000]


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def p99(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * 0.99))]


def load(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def scores(rows: list[dict[str, str]]) -> str:
    risky = [r for r in rows if r["label"] == "RISK"]
    ordinary = [r for r in rows if r["label"] == "OK"]
    caught = sum(screen(r["text"]).is_risk for r in risky)
    alarms = sum(screen(r["text"]).is_risk for r in ordinary)
    return (
        f"recall {caught / len(risky):.3f} ({caught}/{len(risky)}), "
        f"false-alarm rate {alarms / len(ordinary):.3f} ({alarms}/{len(ordinary)})"
    )


def command_timings(messages: list[str], extra: tuple[str, ...] = (), runs: int = 3) -> float:
    """Median wall time of the CLI as an operator runs it: a fresh process screening ``messages`` from stdin."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "APP_ENV": "development",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "PYTHONPATH": str(ROOT),
        }
        flask = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi", "check-risk", *extra]
        stdin = "".join(f"{message}\n" for message in messages)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(flask, input=stdin, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - start)
            assert done.stdout.count("\n") == len(messages)
        return statistics.median(times)


def ten_thousand(messages: list[str]) -> list[str]:
    return (messages * (10_000 // len(messages) + 1))[:10_000]


def ordinary_in(lang: str, name: str) -> str:
    """1,000 characters of ordinary (not risk) messages written in one language, run together."""
    return " ".join(row["text"] for row in load(name) if row["lang"] == lang and row["label"] == "OK")[:1000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=2000, help="runs per 1,000-character timing (>= 1000)")
    args = parser.parse_args()
    runs = max(1000, args.runs)

    print(f"1,000-character message, {runs} runs each (goal: median < 1 ms)")
    cases = [
        ("ordinary complaint", thousand(ORDINARY)),
        ("ends in a disclosure", thousand(ORDINARY)[: -len(DISCLOSURE)] + DISCLOSURE),
        # Arabic takes the slower path (normalising non-ASCII text, the whole pattern); Polish, diacritics and all.
        ("ordinary, Arabic", ordinary_in("ar", "risk_training_blind2_ar.tsv")),
        ("ordinary, Polish", ordinary_in("pl", "risk_training_blind2_pl.tsv")),
    ]
    for label, text in cases:
        assert len(text) == 1000
        ours = timings(lambda text=text: screen(text), runs)
        base = timings(lambda text=text: "hits" in text.lower(), runs)
        print(
            f"  {label:22s} median {statistics.median(ours) * 1e3:.3f} ms   p99 {p99(ours) * 1e3:.3f} ms   "
            f"baseline median {statistics.median(base) * 1e6:.2f} us   ratio {statistics.median(ours) / statistics.median(base):,.0f}x"
            f"   flagged={screen(text).is_risk}"
        )

    import_probe = (
        "import time, intake; start = time.perf_counter(); from intake.domain import risk; "
        "middle = time.perf_counter(); risk.screen('امي بتضربني'); print(middle - start, time.perf_counter() - middle)"
    )
    starts = [
        tuple(
            map(
                float,
                subprocess.run(
                    [sys.executable, "-c", import_probe], cwd=ROOT, capture_output=True, text=True, check=True
                ).stdout.split(),
            )
        )
        for _ in range(3)
    ]
    print(
        "Import of intake.domain.risk, median of 3 fresh interpreters (goal: <= 0.5 s): "
        f"{statistics.median(s[0] for s in starts):.3f} s; the first message in Arabic script then compiles the "
        f"Arabic patterns: {statistics.median(s[1] for s in starts):.3f} s"
    )
    importtime = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import intake.domain.risk"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    for line in importtime.splitlines():
        module = line.rsplit("|", 1)[-1].strip()
        if module.startswith("intake.domain.risk."):
            print(f"  of which {module}: {int(line.split('|')[1]) / 1e6:.3f} s (one run, -X importtime)")

    corpus = load("risk_corpus.tsv")
    holdout = load("risk_holdout.tsv")
    every = [row["text"] for path in sorted(DATA.glob("*.tsv")) for row in load(path.name)]
    sets = [
        (
            "short messages (risk_corpus + risk_holdout, 38 characters on average)",
            ten_thousand([r["text"] for r in corpus + holdout]),
        ),
        (
            f"every labelled message ({len(every):,}, then again from the start; 76 characters on average, a third in Polish or "
            "Arabic)",
            ten_thousand(every),
        ),
    ]
    print(
        f"10,000 messages (goal: < 2 s through the command); start-up alone (empty input): {command_timings([]):.3f} s"
    )
    for label, messages in sets:
        ours_runs, base_runs = [], []
        for _ in range(5):
            start = time.perf_counter()
            for _line in check_lines(messages):
                pass
            ours_runs.append(time.perf_counter() - start)
            start = time.perf_counter()
            for line in messages:
                _ = "hits" in line.lower()
            base_runs.append(time.perf_counter() - start)
        ours, base = statistics.median(ours_runs), statistics.median(base_runs)
        print(f"  {label}")
        print(
            f"    check_lines in one process, median of 5: {ours:.3f} s ({ours / 10_000 * 1e6:.0f} us per message)   "
            f"baseline {base * 1e3:.2f} ms   ratio {ours / base:,.0f}x"
        )
        print(
            f"    `flask --app wsgi check-risk`, start-up included, median of 3: {command_timings(messages):.3f} s; "
            f"with --jobs 1: {command_timings(messages, ('--jobs', '1')):.3f} s"
        )

    print("Accuracy")
    print(f"  corpus  ({len(corpus)} messages, tuned on):     {scores(corpus)}")
    print(f"  holdout ({len(holdout)} messages, folded into tuning): {scores(holdout)}")
    for name, note in [
        ("risk_eval.tsv", "first score 0.694 / 0.032, then tuned against"),
        ("risk_eval2.tsv", "first score 0.40 / 0.017, then tuned against"),
    ]:
        rows = load(name)
        print(f"  {name} ({len(rows)} messages, {note}): {scores(rows)}")
    cv = risk_model.MODEL_INFO["cross_validation"]
    print(
        f"Statistical model (rule ``concern``), {len(cv['folds'])}-fold cross-validated on its training sets, "
        f"threshold {risk_model.THRESHOLD}"
    )
    print(
        f"  model alone: recall {cv['model']['recall']:.3f} ({cv['model']['caught']}), "
        f"false alarms {cv['model']['false_alarms']:.3f} ({cv['model']['alarms']})"
    )
    print(
        f"  rules (tuned on these sets) or held-out model: recall {cv['rules_or_model']['recall']:.3f}, "
        f"false alarms {cv['rules_or_model']['false_alarms']:.3f}"
    )


if __name__ == "__main__":
    main()
