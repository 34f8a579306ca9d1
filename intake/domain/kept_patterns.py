"""Large regular expressions, compiled once and kept between runs, as Python keeps bytecode.

The risk screen's patterns are big (the phrase pattern alone is about 150 KB of regex) and
``re.compile`` parses and compiles them in pure Python: about 0.8 s at every start, which
was most of the time ``flask check-risk`` took over 10,000 messages. The compiled program
never changes between runs of the same patterns on the same interpreter, so ``compile_kept``
stores it in ``__pycache__`` beside this module (or under ``sys.pycache_prefix``), keyed by
a hash of the pattern and by the interpreter, and next time hands it straight to the regex
engine. The file repeats the whole hash, so a file renamed or copied from elsewhere is not
used for the wrong pattern, and ``_sre`` checks a program before it runs it, so a damaged
one is refused, not run.

This leans on the private halves of ``re.compile`` (``re._parser``, ``re._compiler`` and
``_sre.compile``), which have kept their shape since Python 3.11. Anything unexpected (a
newer interpreter that changed them, an unreadable, damaged or unwritable file) falls back
to plain ``re.compile``: slower to start, never different in what it matches. The tests
check that a kept pattern matches exactly as a freshly compiled one does.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Sequence
from pathlib import Path

__all__ = ["compile_all_kept", "compile_kept", "kept_path"]

_FORMAT = "4"  # bump when what is stored changes
_CODE_TYPE = "I"  # _sre's code words are unsigned 32-bit (SRE_CODE)


def kept_path(name: str, patterns: Sequence[str], folder: Path | None = None) -> Path:
    """Where the compiled ``patterns`` are kept (in ``folder``, by default this package's ``__pycache__``).

    Unlike bytecode, this is kept even under ``PYTHONDONTWRITEBYTECODE`` (which some machines set
    for everything): it is this program's own cache, and without it every start costs most of a second.
    """
    folder = folder or Path(importlib.util.cache_from_source(__file__)).parent
    return folder / f"{name}.{sys.implementation.cache_tag}.{_key(patterns)[:24]}.re"


def _key(patterns: Sequence[str]) -> str:
    import _sre

    return hashlib.sha256(json.dumps([_FORMAT, sys.version, _sre.MAGIC, *patterns]).encode()).hexdigest()


def compile_kept(name: str, pattern: str, folder: Path | None = None) -> re.Pattern[str]:
    """``re.compile(pattern)``, loading the compiled program from the last run when there is one.

    ``name`` names the file (one per pattern, so older versions of it can be cleared away).
    """
    return compile_all_kept(name, [pattern], folder)[0]


def compile_all_kept(name: str, patterns: Sequence[str], folder: Path | None = None) -> list[re.Pattern[str]]:
    """``compile_kept`` for several patterns kept in one file (many small ones cost little each, but add up)."""
    try:
        path = kept_path(name, patterns, folder)
        loaded = _load(path, patterns)
        if loaded is not None:
            return loaded
        compiled, programs = zip(*map(_compile, patterns), strict=True) if patterns else ((), ())
    except Exception:  # noqa: BLE001 - re's private API changed: behave exactly as re.compile, only slower
        return [re.compile(pattern) for pattern in patterns]
    _store(path, (_key(patterns), list(programs)))
    return list(compiled)


def _load(path: Path, patterns: Sequence[str]) -> list[re.Pattern[str]] | None:
    import _sre

    try:
        key, programs = marshal.loads(path.read_bytes())
        if key != _key(patterns):  # a file renamed, or copied from elsewhere: not these patterns' programs
            return None
        return [
            _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups, groupindex, indexgroup)
            for pattern, (flags, code, groups, groupindex, indexgroup) in zip(patterns, programs, strict=True)
        ]
    except (OSError, EOFError, ValueError, TypeError, RuntimeError):  # missing, damaged or refused by _sre
        return None


def _compile(pattern: str) -> tuple[re.Pattern[str], tuple]:
    """What ``re._compiler.compile`` does, keeping the program it hands to ``_sre``."""
    import _sre
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, 0)
    code = _compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group_name, index in groupindex.items():
        indexgroup[index] = group_name
    compiled = _sre.compile(pattern, parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    # The program as machine words, which load at C speed (a list of 300,000 ints through marshal does not).
    program = (
        parsed.state.flags,
        array(_CODE_TYPE, code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    return compiled, program


def _store(path: Path, program: tuple) -> None:
    """Write atomically (concurrent first runs each write a whole file) and clear older versions."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as f:
                marshal.dump(program, f)
            os.chmod(temporary, 0o644)  # readable by whoever else runs this install, as .pyc files are
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        stem = path.name.rsplit(".", 2)[0]  # "<name>.<cache tag>"
        for old in path.parent.glob(f"{stem}.*.re"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only install: compile at every start, as before
        return
