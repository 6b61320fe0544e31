"""Small inline SVG charts for the guide: coverage bars and a compact statement heatmap.

Drawn by hand so the guide needs no plotting stack; every label is escaped, every number is
clamped, and the output is plain SVG that WeasyPrint and browsers both draw.

Each chart's ``<title>`` is its alternative text in the tagged PDF (WeasyPrint reads it into
the Figure's /Alt): it says what the chart shows, values included, so a screen reader user
gets the same facts as a sighted one.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

ACCENT = "#0e5a66"
TRACK = "#e4e9ec"
INK = "#1d2630"
MUTED = "#5b6770"
DEPTH_COLOURS = {None: "#e4e9ec", "I": "#b9dbe0", "R": "#5aa3ae", "M": "#0e5a66"}
"""Not covered, introduced, reinforced, mastered: one hue, deeper with depth."""
FONT = "Kit Sans, Kit Sans Thai, Kit Sans Khmer, Kit Sans Lao, Kit Sans Myanmar, sans-serif"
"""The packaged family declared in fonts.css, so charts never fall back to system fonts."""


@dataclass(frozen=True)
class Bar:
    label: str
    ratio: float
    detail: str = ""
    """Shown after the percentage, e.g. ``12/15``."""
    spoken: str = ""
    """The detail as words for the alternative text, e.g. ``12 of 15``."""


@dataclass(frozen=True)
class Cell:
    id: str
    depth: str | None
    assessed: bool


@dataclass(frozen=True)
class HeatRow:
    label: str
    cells: list[Cell]


def _clamp(ratio: float) -> float:
    return 0.0 if ratio != ratio else min(max(ratio, 0.0), 1.0)  # NaN counts as 0


def _svg(width: float, height: float, alt: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
        f'font-family="{FONT}"><title>{escape(alt)}</title>{"".join(body)}</svg>'
    )


def bar_chart(
    bars: list[Bar],
    title: str,
    *,
    width: float = 620,
    label_width: float = 270,
    row_height: float = 22,
    max_lines: int = 3,
) -> Markup:
    """Horizontal bars, one per row, with the percentage (and detail) at the end of the track.

    A label too long for its column wraps onto further lines (up to ``max_lines``) and its row
    grows to hold them; only a label longer still is shortened."""
    value_width = 90
    track = width - label_width - value_width
    per_line = max(int((label_width - LABEL_GAP) / CHAR_WIDTH), 8)
    body = []
    y = 0.0
    for bar in bars:
        ratio = _clamp(bar.ratio)
        lines = wrap_label(bar.label, per_line, max_lines)
        baseline = y + row_height * 0.62
        label = "".join(
            f'<tspan x="0" y="{baseline + n * LINE_HEIGHT:g}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        body.append(
            f'<text font-size="10.5" fill="{INK}">{label}</text>'
            f'<rect x="{label_width:g}" y="{y + 5:g}" width="{track:g}" '
            f'height="{row_height - 10:g}" rx="2" fill="{TRACK}"/>'
            f'<rect x="{label_width:g}" y="{y + 5:g}" width="{track * ratio:.1f}" '
            f'height="{row_height - 10:g}" rx="2" fill="{ACCENT}"/>'
            f'<text x="{label_width + track + 8:g}" y="{baseline:g}" '
            f'font-size="10.5" fill="{INK}" font-weight="bold">{round(ratio * 100)}%'
            f'<tspan font-weight="normal" fill="{MUTED}"> {escape(bar.detail)}</tspan></text>'
        )
        y += row_height + (len(lines) - 1) * LINE_HEIGHT
    return _svg(width, max(y, row_height), bars_alt(bars, title), body)


def bars_alt(bars: list[Bar], title: str) -> str:
    """ "Coverage by area: CP1 Rights 100% (16 of 16); CP2 Settings 50% (3 of 6)"."""
    values = [
        f"{bar.label} {round(_clamp(bar.ratio) * 100)}%"
        + (f" ({bar.spoken or bar.detail})" if bar.spoken or bar.detail else "")
        for bar in bars
    ]
    return f"{title}: {'; '.join(' '.join(v.split()) for v in values)}" if values else title


CHAR_WIDTH = 5.5
"""A generous average width of one character of the 10.5-unit label font."""
LABEL_GAP = 12
"""Space kept between the longest label line and its bar."""
LINE_HEIGHT = 12.5
"""Distance between the lines of a wrapped label."""


def wrap_label(text: str, per_line: int, max_lines: int) -> list[str]:
    """``text`` in lines of at most ``per_line`` characters, broken between words; the last of
    ``max_lines`` lines is shortened when the text needs more. A single word longer than a
    line is shortened too."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _shorten(" ".join(lines[max_lines - 1 :]), per_line)]
    return [_shorten(line, per_line) for line in lines] or [""]


def heatmap(
    rows: list[HeatRow],
    title: str,
    *,
    labels: dict[str | None, str] | None = None,
    assessed_label: str = "assessed",
    label_width: float = 56,
    cell: float = 11,
    gap: float = 2,
    columns: int = 2,
    width: float = 620,
) -> Markup:
    """One square per statement, coloured by its highest depth, a dot when assessed; rows are
    laid out in ``columns`` side by side to stay compact. ``labels`` name the depths (and
    None, not covered) in the alternative text."""
    per_column = -(-len(rows) // columns) if rows else 0
    column_width = width / columns
    body = []
    for index, row in enumerate(rows):
        x0 = (index // per_column) * column_width if per_column else 0
        y = (index % per_column) * (cell + gap)
        body.append(
            f'<text x="{x0:g}" y="{y + cell - 2:g}" font-size="8.5" fill="{MUTED}">'
            f"{escape(_shorten(row.label, 10))}</text>"
        )
        for position, item in enumerate(
            row.cells[: int((column_width - label_width) // (cell + gap))]
        ):
            x = x0 + label_width + position * (cell + gap)
            colour = DEPTH_COLOURS.get(item.depth, DEPTH_COLOURS[None])
            body.append(
                f'<rect x="{x:g}" y="{y:g}" width="{cell:g}" height="{cell:g}" rx="1.5" '
                f'fill="{colour}"><title>{escape(item.id)}</title></rect>'
            )
            if item.assessed:
                dot = "#ffffff" if item.depth in ("R", "M") else INK
                body.append(
                    f'<circle cx="{x + cell / 2:g}" cy="{y + cell / 2:g}" r="{cell / 6:g}" '
                    f'fill="{dot}"/>'
                )
    height = max(per_column, 1) * (cell + gap)
    return _svg(width, height, heatmap_alt(rows, title, labels or {}, assessed_label), body)


def heatmap_alt(
    rows: list[HeatRow], title: str, labels: dict[str | None, str], assessed_label: str
) -> str:
    """ "Every statement: CP1.1: CP1.1-K1 mastered (assessed), CP1.1-S1 not covered; …"."""

    def spoken(item: Cell) -> str:
        depth = labels.get(item.depth, item.depth or "–")
        return f"{item.id} {depth}" + (f" ({assessed_label})" if item.assessed else "")

    parts = [f"{row.label}: {', '.join(spoken(c) for c in row.cells)}" for row in rows]
    return f"{title}: {'; '.join(parts)}" if parts else title


def legend(
    labels: dict[str | None, str],
    assessed_label: str,
    *,
    title: str = "Key",
    squares: str = "colour of the square",
    dot: str = "dot",
    width: float = 620,
) -> Markup:
    """The heatmap's key: a swatch per depth and the assessed dot. Its alternative text names
    every entry: "Key: not covered, introduced, reinforced, mastered (colour of the square);
    assessed (dot)"."""
    body = []
    x = 0.0
    for depth, label in labels.items():
        body.append(
            f'<rect x="{x:g}" y="2" width="11" height="11" rx="1.5" '
            f'fill="{DEPTH_COLOURS.get(depth, DEPTH_COLOURS[None])}"/>'
            f'<text x="{x + 16:g}" y="11.5" font-size="9" fill="{INK}">{escape(label)}</text>'
        )
        x += 24 + 5.6 * len(label)
    body.append(
        f'<circle cx="{x + 5.5:g}" cy="7.5" r="1.9" fill="{INK}"/>'
        f'<text x="{x + 16:g}" y="11.5" font-size="9" fill="{INK}">{escape(assessed_label)}</text>'
    )
    alt = f"{title}: {', '.join(labels.values())} ({squares}); {assessed_label} ({dot})"
    return _svg(width, 16, alt, body)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
