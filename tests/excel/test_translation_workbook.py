"""The translation workbook as a translator opens it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from competency_kit.app.translations import TranslationExportRequest, export_translations
from competency_kit.excel.translations import COLUMNS


def test_only_the_translation_column_is_open(tmp_path: Path, framework) -> None:
    path = tmp_path / "fr.xlsx"
    export_translations(TranslationExportRequest("fr", path))
    book = load_workbook(path)
    assert book.sheetnames == ["Translations", "How to", "_meta"]
    assert book["_meta"].sheet_state == "hidden"
    ws = book["Translations"]
    assert tuple(c.value for c in ws[1]) == COLUMNS
    assert ws.protection.sheet is True
    assert ws.protection.autoFilter is False  # filtering by status stays allowed
    unlocked = {
        c.column_letter
        for row in ws.iter_rows(min_row=2, max_row=50)
        for c in row
        if not c.protection.locked
    }
    assert unlocked == {"E"}
    first = ws[2]
    assert [c.value for c in first] == [
        "sectt-core",
        "title",
        framework.title["en"],
        framework.title["fr"],
        None,
        "done",
    ]
    assert first[2].alignment.wrap_text and first[4].alignment.wrap_text
    assert ws.row_dimensions[3].height > 15  # the long description is shown whole
    assert ws.freeze_panes == "C2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert list(ws.tables) == ["Translations"]
    labels = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "label"]
    assert ("common.page", "label", "Page", "Page", None, "done") in labels
    assert book.properties.language == "en"
