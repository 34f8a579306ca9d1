"""axe-core in a real page: the WCAG 2.2 A and AA rules, zero violations expected."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_no_axe_violations(page, label: str) -> None:
    """Run axe-core with the WCAG 2.2 A/AA tags on the page; fail listing each violation and where."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # DevTools evaluation: the page's CSP does not apply
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))",
        AXE_TAGS,
    )
    assert violations == [], f"axe found problems on {label} ({page.url}): {violations}"
