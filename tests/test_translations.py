"""The catalogue is up to date and complete: every message has Polish and Arabic, placeholders kept."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
sys.path.insert(0, str(ROOT / "scripts"))
from merge_translations import EXTRACT  # noqa: E402


def _messages(path: Path) -> set:
    with path.open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


def test_the_committed_messages_pot_matches_a_fresh_extraction(tmp_path):
    fresh = tmp_path / "messages.pot"
    command = [str(fresh) if part == str(POT) else part for part in EXTRACT]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    assert POT.exists(), "translations/messages.pot is missing: run `make translations-extract`"
    committed, extracted = _messages(POT), _messages(fresh)
    missing, stale = sorted(map(str, extracted - committed)), sorted(map(str, committed - extracted))
    assert not missing and not stale, (
        f"messages.pot is out of date; run `make translations-extract`.\n"
        f"Not in messages.pot ({len(missing)}): {missing[:40]}\nNo longer used ({len(stale)}): {stale[:40]}"
    )


@pytest.mark.parametrize("lang", ["pl", "ar"])
def test_every_message_has_a_translation_with_the_same_placeholders(lang):
    po = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    assert po.exists(), f"{po} is missing: run `.venv/bin/python scripts/merge_translations.py`"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    with POT.open("rb") as fh:
        wanted = {m.id for m in read_po(fh) if m.id}
    problems = [
        f"not in the {lang} catalogue: {msgid!r}" for msgid in sorted(map(str, wanted - {m.id for m in catalog}))
    ]
    for m in catalog:
        if not m.id or m.id not in wanted:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if not all(strings) or "fuzzy" in m.flags:
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        needed = set(PLACEHOLDER.findall(ids[-1])) - ({"num"} if len(ids) > 1 else set())
        allowed = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        for s in strings:
            found = set(PLACEHOLDER.findall(s))
            if needed - found or found - allowed:
                problems.append(f"placeholders differ: {ids[0]!r} -> {s!r}")
    assert not problems, f"{len(problems)} problem(s) in {lang}:\n" + "\n".join(problems[:200])
