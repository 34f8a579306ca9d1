"""The code keeps the shape docs/architecture.md describes, checked from the source itself (ast).

- Only ``intake/data/`` and ``intake/models/`` build or run SQL statements.
- Domain and data functions never commit: the edge does (a route, a command, one worker iteration).
- No module over 450 lines (pure data tables aside) and no function over 60 lines.

``LEGACY_LONG_FUNCTIONS`` names functions written before these rules; it only ever shrinks, and a function leaves
it when it passes (a test fails if a listed one already passes, so the list stays honest).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTAKE = ROOT / "intake"
SQL_BUILDERS = {"select", "insert", "update", "delete", "text"}
SQL_RUNNERS = {"execute", "scalar", "scalars", "exec_driver_sql"}
MAX_MODULE, MAX_FUNCTION = 450, 60

LEGACY_LONG_FUNCTIONS: set[str] = set()


def _python_files() -> list[Path]:
    return sorted(INTAKE.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _called_name(node: ast.Call) -> tuple[str, bool]:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr, True
    if isinstance(func, ast.Name):
        return func.id, False
    return "", False


def _sql_sites(path: Path) -> list[int]:
    sites = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call):
            name, is_attribute = _called_name(node)
            if (name in SQL_BUILDERS and not is_attribute) or (name in SQL_RUNNERS and is_attribute):
                sites.append(node.lineno)
    return sites


def _commit_sites(path: Path) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call) and _called_name(node) == ("commit", True)
    ]


def _is_data_table(tree: ast.Module, lines: int) -> bool:
    assignments = sum(isinstance(n, ast.Assign | ast.AnnAssign) for n in tree.body)
    return assignments > 0.5 * len(tree.body) and lines > 200


def _sql_offenders() -> dict[str, list[int]]:
    return {
        _relative(p): sites
        for p in _python_files()
        if not _relative(p).startswith(("intake/data/", "intake/models/"))
        and _relative(p) != "intake/cli/__init__.py"
        and (sites := _sql_sites(p))
    }


def _commit_offenders() -> dict[str, list[int]]:
    return {
        _relative(p): sites
        for p in _python_files()
        if _relative(p).startswith(("intake/domain/", "intake/data/")) and (sites := _commit_sites(p))
    }


def _big_modules() -> set[str]:
    big = set()
    for p in _python_files():
        source = p.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_MODULE and not _is_data_table(ast.parse(source), lines):
            big.add(_relative(p))
    return big


def _long_functions() -> set[str]:
    long = set()
    for p in _python_files():
        for node in ast.walk(_tree(p)):
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and node.end_lineno - node.lineno + 1 > MAX_FUNCTION:
                long.add(f"{_relative(p)}:{node.name}")
    return long


def test_only_the_data_layer_and_models_build_or_run_sql_statements():
    offenders = _sql_offenders()
    assert not offenders, f"SQL outside intake/data/: move it into a named function there: {offenders}"


def test_domain_and_data_functions_never_commit():
    offenders = _commit_offenders()
    assert not offenders, f"commit at the edge (a route, a command, one worker iteration), not here: {offenders}"


def test_no_module_is_over_450_lines_except_data_tables():
    big = _big_modules()
    assert not big, f"split these modules by job: {sorted(big)}"


def test_no_function_is_over_60_lines():
    new = _long_functions() - LEGACY_LONG_FUNCTIONS
    assert not new, f"split these functions: {sorted(new)}"


def test_the_legacy_list_names_only_functions_that_are_still_too_long():
    fixed = sorted(LEGACY_LONG_FUNCTIONS - _long_functions())
    assert not fixed, f"these now pass: take them off the legacy list in tests/test_architecture.py: {fixed}"
