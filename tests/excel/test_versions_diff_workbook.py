"""The framework diff as a workbook for a curriculum committee."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from competency_kit.analysis.diff import diff_frameworks
from competency_kit.documents.framework_io import load_framework
from competency_kit.excel.versions.diff_workbook import write_diff_workbook

from ..versions_example import write_versions


def test_summary_and_one_row_per_change(tmp_path: Path) -> None:
    old_path, new_path, _ = write_versions(tmp_path)
    old, new = load_framework(old_path), load_framework(new_path)
    diff = diff_frameworks(old, new)
    path = write_diff_workbook(diff, old, new, tmp_path / "diff.xlsx")
    wb = load_workbook(path)
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert summary["Suggested version step"] == "major"
    assert (summary["Statements before"], summary["Statements after"]) == (11, 14)
    assert (summary["Split"], summary["Merged"], summary["Added"]) == (1, 1, 10)
    ws = wb["Changes"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(diff.changes)
    split = next(r for r in rows if r[0] == "split")
    assert split[:3] == ("split", "statement", "CP1.2-S1")
    assert split[6] == "→ CP1.2-S3, CP1.2-S4"
    reworded = next(r for r in rows if r[0] == "reworded")
    assert reworded[7] == "fr"
    assert ws.freeze_panes == "A5" and ws.tables["Changes"].ref == f"A4:J{4 + len(rows)}"


def test_long_texts_get_rows_tall_enough_to_read_and_the_sheet_prints(tmp_path: Path) -> None:
    old_path, new_path, _ = write_versions(tmp_path)
    old, new = load_framework(old_path), load_framework(new_path)
    path = write_diff_workbook(diff_frameworks(old, new), old, new, tmp_path / "diff.xlsx")
    ws = load_workbook(path)["Changes"]
    heights = {
        ws.cell(row, 1).value: ws.row_dimensions[row].height for row in range(5, ws.max_row + 1)
    }
    assert heights["reworded"] == 30  # "Explains who counts as a child …" wraps onto two lines
    assert ws.row_dimensions[4].height == 30  # "Translations out of date"
    assert (ws.page_setup.orientation, ws.print_title_rows) == ("landscape", "$4:$4")
    assert ws.oddFooter.center.text == "&A — page &P of &N"
