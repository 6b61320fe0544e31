"""The hand-drawn SVG charts: proportions, clamping, escaping, valid XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from competency_kit.pdf.svg_charts import (
    DEPTH_COLOURS,
    Bar,
    Cell,
    HeatRow,
    bar_chart,
    heatmap,
    legend,
    wrap_label,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def test_bar_lengths_are_proportional_and_clamped() -> None:
    root = parse(
        bar_chart(
            [Bar("A", 0.5), Bar("B", 1.7), Bar("C", -1), Bar("D", float("nan"))],
            "Coverage",
            width=400,
            label_width=100,
        )
    )
    track = 400 - 100 - 90
    fills = [float(r.get("width")) for r in root.iter(f"{SVG}rect")][1::2]
    assert fills == [track * 0.5, track, 0, 0]
    texts = "".join(root.itertext())
    assert "50%" in texts and "100%" in texts and "0%" in texts


def test_labels_are_escaped_and_the_chart_is_titled() -> None:
    markup = bar_chart([Bar("<b>&</b>", 0.25, "1/4")], "By <area>")
    root = parse(markup)
    assert root.find(f"{SVG}title").text.startswith("By <area>: ")
    assert "<b>&</b>" in "".join(root.itertext())
    assert "<b>" not in str(markup)


def test_heatmap_has_one_square_per_statement_coloured_by_depth() -> None:
    rows = [
        HeatRow("CP1.1", [Cell("K1", "M", True), Cell("S1", None, False)]),
        HeatRow("CP1.2", [Cell("K1", "I", False)]),
    ]
    root = parse(heatmap(rows, "All statements", columns=1))
    squares = list(root.iter(f"{SVG}rect"))
    assert [s.get("fill") for s in squares] == [
        DEPTH_COLOURS["M"],
        DEPTH_COLOURS[None],
        DEPTH_COLOURS["I"],
    ]
    assert [s.find(f"{SVG}title").text for s in squares] == ["K1", "S1", "K1"]
    assert len(list(root.iter(f"{SVG}circle"))) == 1


def test_heatmap_splits_rows_into_columns() -> None:
    rows = [HeatRow(f"C{i}", [Cell("x", "R", False)]) for i in range(6)]
    root = parse(heatmap(rows, "t", columns=2, width=600, cell=10, gap=2))
    xs = sorted({float(r.get("x")) for r in root.iter(f"{SVG}rect")})
    assert len(xs) == 2 and xs[1] - xs[0] == 300
    assert float(root.get("height")) == 3 * 12


def test_empty_inputs_still_give_valid_svg() -> None:
    assert parse(bar_chart([], "none")).get("height") == "22"
    assert parse(heatmap([], "none")).tag == f"{SVG}svg"


def test_a_long_label_wraps_onto_more_lines_instead_of_being_cut() -> None:
    label = "CP5 Reconnaître les risques et les signes d'alerte selon le poste"
    root = parse(bar_chart([Bar(label, 0.5), Bar("CP6 Short", 1)], "t", label_width=200))
    first = root.find(f"{SVG}text")
    lines = [span.text for span in first.iter(f"{SVG}tspan")]
    assert len(lines) > 1 and " ".join(lines) == label
    ys = [float(span.get("y")) for span in first.iter(f"{SVG}tspan")]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    # The rows below and the chart itself make room for the extra lines.
    bars = list(root.iter(f"{SVG}rect"))
    assert float(bars[2].get("y")) - float(bars[0].get("y")) > 22
    assert float(root.get("height")) > 2 * 22


def test_only_a_label_longer_than_its_lines_is_shortened() -> None:
    assert wrap_label("one two three", 40, 2) == ["one two three"]
    assert wrap_label("aaaa bbbb cccc dddd", 9, 2) == ["aaaa bbbb", "cccc dddd"]
    assert wrap_label("aaaa bbbb cccc dddd eeee", 9, 2) == ["aaaa bbbb", "cccc ddd…"]


def test_the_alternative_text_carries_every_value() -> None:
    bars = [Bar("CP1  Rights", 1.0, "16/16", "16 of 16"), Bar("CP2 Misuse", 0.8, "12/15")]
    alt = parse(bar_chart(bars, "Coverage by area")).find(f"{SVG}title").text
    assert alt == "Coverage by area: CP1 Rights 100% (16 of 16); CP2 Misuse 80% (12/15)"
    rows = [HeatRow("CP1.1", [Cell("CP1.1-K1", "M", True), Cell("CP1.1-S1", None, False)])]
    labels = {None: "not covered", "M": "mastered"}
    alt = parse(heatmap(rows, "All", labels=labels, assessed_label="assessed"))
    assert alt.find(f"{SVG}title").text == (
        "All: CP1.1: CP1.1-K1 mastered (assessed), CP1.1-S1 not covered"
    )


def test_the_legend_names_every_entry() -> None:
    labels = {None: "non couvert", "I": "introduit", "R": "renforcé", "M": "maîtrisé"}
    markup = legend(labels, "évalué", title="Légende", squares="couleur du carré", dot="point")
    assert parse(markup).find(f"{SVG}title").text == (
        "Légende: non couvert, introduit, renforcé, maîtrisé (couleur du carré); évalué (point)"
    )
