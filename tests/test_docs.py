"""The documents stay true to the code: every path docs/architecture.md names exists, and the README links to it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"
README = ROOT / "README.md"

# A path in backticks: `intake/...`, `tests/...`, `templates/...` and the other top-level folders, up to the closing
# backtick. Placeholders (`intake/data/<aggregate>.py`) and globs are not paths to check.
NAMED_PATH = re.compile(r"`((?:intake|tests|templates|migrations|translations|data|bench|scripts|docs)/[^`\s]*)`")


def named_paths(text: str) -> list[str]:
    return [p for p in NAMED_PATH.findall(text) if not any(c in p for c in "<>*")]


def test_the_architecture_document_names_intake_paths_and_every_one_exists():
    paths = named_paths(ARCHITECTURE.read_text(encoding="utf-8"))
    assert sum(p.startswith("intake/") for p in paths) >= 40
    missing = sorted({p for p in paths if not (ROOT / p).exists()})
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


def test_the_architecture_document_describes_every_package_under_intake():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    packages = sorted(
        p.parent.relative_to(ROOT).as_posix() + "/" for p in (ROOT / "intake").rglob("__init__.py") if p.parent != ROOT
    )
    undescribed = [p for p in packages if p != "intake/" and f"`{p}`" not in text]
    assert not undescribed, f"add a line for these packages to docs/architecture.md: {undescribed}"


def test_the_architecture_document_has_one_diagram_and_a_plain_text_fallback():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert text.count("```mermaid") == 1
    assert "Without Mermaid:" in text


def test_the_readme_links_the_architecture_document_and_nothing_outside_the_repository():
    text = README.read_text(encoding="utf-8")
    assert "(docs/architecture.md)" in text
    assert "../shared" not in text


def test_the_path_finder_skips_placeholders_and_keeps_real_paths():
    text = "see `intake/data/<aggregate>.py`, `intake/transaction.py` and `tests/test_*.py`, not `intake.cli`"
    assert named_paths(text) == ["intake/transaction.py"]
