"""No import cycles between our modules, counting imports inside functions (a lazy import hides a cycle; it
does not remove it). A package's own ``__init__`` importing its submodules (the blueprint pattern) is not one."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "intake"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, node.module] if node.module else anchor)
            else:
                base = node.module or ""
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in known else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths)
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        graph[module] = {
            target
            for target in _imports(path.read_text(encoding="utf-8"), module, path.name == "__init__.py", known)
            if target in known
            and target != module
            and not (path.name == "__init__.py" and target.startswith(module + "."))
            and not (paths[target].name == "__init__.py" and module.startswith(target + "."))
        }
    return graph


def test_no_module_imports_one_that_imports_it_back():
    try:
        TopologicalSorter(_graph()).prepare()
    except CycleError as cycle:
        raise AssertionError("import cycle: " + " -> ".join(cycle.args[1])) from None


def test_the_cycle_finder_sees_imports_inside_functions_and_relative_imports():
    source = "from .b import thing\n\n\ndef later():\n    import intake.c\n"
    found = _imports(source, "intake.a", False, {"intake.b", "intake.c"})
    assert found == {"intake.b", "intake.c"}
