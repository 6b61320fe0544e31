"""What every workbook the tool writes says about itself."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from competency_kit.documents.sniff import sniff
from competency_kit.excel.saving import describe, save_workbook
from competency_kit.excel.workbook_input import recorded_language


def test_the_workbooks_the_tool_writes_record_their_kind_and_language(tmp_path: Path) -> None:
    workbook = Workbook()
    describe(workbook, title="t", subject="s", language="fr", kind="mapping-workbook")
    workbook.active.title = "Correspondances"
    save_workbook(workbook, tmp_path / "m.xlsx")
    assert sniff(tmp_path / "m.xlsx") == "mapping-workbook"
    assert recorded_language(load_workbook(tmp_path / "m.xlsx", read_only=True)) == "fr"


def test_a_workbook_without_a_recorded_kind_records_no_language(tmp_path: Path) -> None:
    workbook = Workbook()
    describe(workbook, title="t", subject="s", language="fr")
    save_workbook(workbook, tmp_path / "plain.xlsx")
    assert sniff(tmp_path / "plain.xlsx") == "workbook"
    assert recorded_language(load_workbook(tmp_path / "plain.xlsx", read_only=True)) is None
