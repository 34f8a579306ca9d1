"""Check that requirements.lock still matches the pins people edit, before `make install` uses it.

    python scripts/check_lock.py

requirements.txt and requirements-dev.txt are the lists people edit (every line pinned with ==);
requirements.lock (everything, with hashes) and requirements-uv.lock (uv itself, which installs the
rest) are written from them by `make lock`. A pin edited without running `make lock` would otherwise
be ignored silently: this names it and exits 1. Standard library only: it runs before anything is
installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\#]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path, seen: set[Path] | None = None) -> dict[str, str]:
    """Every ``name==version`` in a requirements file, following ``-r`` includes."""
    seen = seen if seen is not None else set()
    if path in seen:
        return {}
    seen.add(path)
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip(), seen))
        elif match := PIN.match(line):
            found[canonical(match[1])] = match[2]
    return found


def main() -> int:
    wanted = pins(ROOT / "requirements-dev.txt")
    locks = {name: pins(ROOT / name) for name in ("requirements.lock", "requirements-uv.lock")}
    problems = [
        f"{name}=={version} is not in requirements.lock (it has {locks['requirements.lock'].get(name, 'nothing')})"
        for name, version in sorted(wanted.items())
        if locks["requirements.lock"].get(name) != version
    ]
    if locks["requirements-uv.lock"].get("uv") != wanted.get("uv"):
        problems.append(f"requirements-uv.lock does not pin uv=={wanted.get('uv')}")
    for problem in problems:
        print(f"requirements: {problem}", file=sys.stderr)
    if problems:
        print("The lock files are out of date: run `make lock` and commit them.", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
