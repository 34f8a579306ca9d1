"""Build the Polish and Arabic catalogues from the source and everyone's translations/work/*.json.

1. Extract ``translations/messages.pot`` from the code and templates (pybabel extract, babel.cfg).
2. Create or update ``translations/{pl,ar}/LC_MESSAGES/messages.po`` (pybabel init / update).
3. Fill each msgstr from every ``translations/work/*.json`` file, format:
   ``{"English msgid": {"pl": "...", "ar": "..."}}``; for ngettext entries
   ``{"singular": {"plural": "...", "pl": [one, few, many], "ar": [zero, one, two, few, many, other]}}``.
4. Report every msgid that still has no translation, and every translation whose
   ``%(placeholders)s`` differ from the English. Exit 1 if any.

Run from the project root: ``.venv/bin/python scripts/merge_translations.py``.
Compile afterwards with ``make translations-compile`` (``make install`` does it too).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGUAGES = ("pl", "ar")
PYBABEL = str(Path(sys.executable).with_name("pybabel"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

EXTRACT = [
    PYBABEL,
    "extract",
    "-F",
    "babel.cfg",
    "-k",
    "_l",
    "-k",
    "lazy_gettext",
    "-k",
    "ngettext:1,2",
    "--no-location",
    "--sort-output",
    "--omit-header",
    "-o",
    str(POT),
    ".",
]


def extract() -> None:
    subprocess.run(EXTRACT, cwd=ROOT, check=True, capture_output=True)


def load_work() -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for path in sorted((TRANSLATIONS / "work").glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            for msgid, entry in json.load(fh).items():
                merged.setdefault(msgid, {}).update(entry)
    return merged


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def init_or_update(lang: str) -> Path:
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    if po.exists():
        cmd = [
            PYBABEL,
            "update",
            "-i",
            str(POT),
            "-d",
            str(TRANSLATIONS),
            "-l",
            lang,
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        ]
    else:
        cmd = [PYBABEL, "init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", lang]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return po


def fill(lang: str, po: Path, work: dict[str, dict]) -> list[str]:
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        entry = work.get(singular, {})
        given = entry.get(lang)
        if isinstance(message.id, tuple):
            forms = catalog.num_plurals
            if isinstance(given, list) and len(given) == forms and all(given):
                message.string = tuple(given)
            elif not (isinstance(message.string, tuple) and all(message.string)):
                problems.append(f"{lang}: no {forms} plural forms for {singular!r}")
                continue
            allowed = placeholders(message.id[1]) | placeholders(singular)
            needed = placeholders(message.id[1]) - {"num"}  # a "one" form may say "a year" rather than "1 year"
            for form in message.string:
                if placeholders(form) - allowed or needed - placeholders(form):
                    problems.append(f"{lang}: placeholders differ in {singular!r}: {form!r}")
        else:
            if isinstance(given, str) and given:
                message.string = given
            if not message.string:
                problems.append(f"{lang}: no translation for {singular!r}")
            elif placeholders(message.string) != placeholders(singular):
                problems.append(f"{lang}: placeholders differ in {singular!r}: {message.string!r}")
        message.flags.discard("fuzzy")
    with po.open("wb") as fh:
        write_po(fh, catalog, width=120, omit_header=False, sort_output=True)
    return problems


def main() -> int:
    extract()
    work = load_work()
    problems: list[str] = []
    for lang in LANGUAGES:
        problems += fill(lang, init_or_update(lang), work)
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s) in {', '.join(LANGUAGES)}" if problems else "Every message is translated.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
