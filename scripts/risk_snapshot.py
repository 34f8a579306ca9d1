"""Check that a change to the risk screen changes no result: snapshot before, compare after.

    .venv/bin/python scripts/risk_snapshot.py write /tmp/before.json     # on the old code
    .venv/bin/python scripts/risk_snapshot.py compare /tmp/before.json   # on the new code

For a change meant only to make the screen faster or tidier. It screens every labelled
message in data/risk/*.tsv, and variants of them (two joined into one message, one in
capitals, one without full stops or commas, run on into the next), and records every
hit: rule, description and matched words. ``compare`` prints the messages whose hits
differ and exits 1 if any do. (A change meant to catch more or fewer messages is
measured with bench/risk.py and the sealed set instead.)
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.domain.risk import screen  # noqa: E402


def messages() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "risk").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            texts += [row["text"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    variants = []
    for first, second in zip(texts[::2], texts[1::2], strict=False):
        variants += [f"{first}. {second}", first.upper(), f"{second.replace('.', '').replace(',', '')} {first}"]
    return texts + variants


def results(texts: list[str]) -> list[list[list[str]]]:
    return [[[hit.rule, hit.description, hit.matched] for hit in screen(text).hits] for text in texts]


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("write", "compare"):
        print(__doc__)
        return 2
    texts = messages()
    now = results(texts)
    path = Path(argv[2])
    if argv[1] == "write":
        path.write_text(json.dumps({"messages": texts, "hits": now}, ensure_ascii=False), encoding="utf-8")
        print(f"{len(texts):,} messages, {sum(map(bool, now)):,} flagged: written to {path}")
        return 0
    before = json.loads(path.read_text(encoding="utf-8"))
    if before["messages"] != texts:
        print("the labelled sets changed since the snapshot: write a new one on the old code")
        return 2
    differ = [(text, old, new) for text, old, new in zip(texts, before["hits"], now, strict=True) if old != new]
    for text, old, new in differ[:20]:
        print(f"{text[:100]!r}\n  before: {old}\n  after:  {new}")
    print(f"{len(texts):,} messages: {len(differ):,} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
