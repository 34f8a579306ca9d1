"""Bar charts as plain SVG geometry, drawn server-side: no JavaScript, nothing from a CDN.

The template turns this geometry into an ``<svg role="img">`` with a ``<title>``
and ``<desc>``; the figures are also in a table next to every chart, which is the
chart's text alternative. Values hidden for publishing ("<5") get no bar.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 230
BAR_AREA = 380
VALUE_GAP = 6
BAR_HEIGHT = 16
GROUP_GAP = 10
TOP = 8


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    series: int
    text: str
    text_x: int


@dataclass(frozen=True)
class Row:
    label: str
    y: int  # baseline for the label text


@dataclass(frozen=True)
class Chart:
    id: str
    width: int
    height: int
    rows: list[Row]
    bars: list[Bar]
    series: list[str]
    empty: bool


def bar_chart(chart_id: str, rows: list[tuple[str, list]], series: list[str]) -> Chart:
    """Horizontal bars, one group per row and one bar per series, scaled to the largest value."""
    numbers = [v for _, values in rows for v in values if isinstance(v, int)]
    top = max(numbers, default=0) or 1
    bars: list[Bar] = []
    labels: list[Row] = []
    group = len(series) * BAR_HEIGHT + GROUP_GAP
    for i, (label, values) in enumerate(rows):
        y0 = TOP + i * group
        labels.append(Row(label, y0 + (len(series) * BAR_HEIGHT) // 2 + 5))
        for s, value in enumerate(values):
            width = round(BAR_AREA * value / top) if isinstance(value, int) else 0
            y = y0 + s * BAR_HEIGHT
            bars.append(Bar(LABEL_WIDTH, y, width, BAR_HEIGHT - 2, s, str(value), LABEL_WIDTH + width + VALUE_GAP))
    height = TOP + len(rows) * group + 4
    return Chart(chart_id, LABEL_WIDTH + BAR_AREA + 60, height, labels, bars, series, empty=not rows)


def percent(value, total) -> str:
    """ "42%" of a total, or "" when either is hidden for publishing or the total is zero."""
    if not isinstance(value, int) or not isinstance(total, int) or total <= 0:
        return ""
    return f"{round(100 * value / total)}%"
