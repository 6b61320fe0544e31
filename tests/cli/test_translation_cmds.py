"""``competency-kit framework translations export|import|status`` as a translator runs them."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from ..app.test_translations import LABELS, TEXTS
from .test_framework_cmds import run


def test_export_fill_import_and_status(tmp_path: Path) -> None:
    workbook = tmp_path / "vi.xlsx"
    result = run("framework", "translations", "export", "--lang", "VI", "-o", workbook)
    assert result.returncode == 0, result.stderr
    assert (
        f"{workbook}: {TEXTS + LABELS} texts of sectt-core 1.1.0 to translate into vi"
        in result.stderr + result.stdout
    )

    book = load_workbook(workbook)
    ws = book["Translations"]
    for row in range(2, ws.max_row + 1):
        if (ws.cell(row, 1).value, ws.cell(row, 2).value) == ("CP1", "title"):
            ws.cell(row, 5).value = "Hiểu biết về vấn đề"
    book.save(workbook)

    output = tmp_path / "framework-vi.yaml"
    result = run("framework", "translations", "import", workbook, "-o", output)
    assert result.returncode == 0, result.stderr
    said = result.stderr + result.stdout
    assert f"{output}: vi merged — 1 new, 0 changed, 0 unchanged, {TEXTS - 1} left empty" in said

    result = run("framework", "translations", "status", "-f", output, "--format", "json")
    assert result.returncode == 0, result.stderr
    found = {s["language"]: s for s in json.loads(result.stdout)}
    assert found["vi"]["texts"] == {"missing": TEXTS - 1, "stale": 0, "done": 1}
    assert found["vi"]["status"] == "draft"

    result = run("framework", "translations", "status", "-f", output)
    assert "vi" in result.stdout and str(TEXTS - 1) in result.stdout


def test_a_broken_file_exits_2_with_its_place_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "vi.po"
    bad.write_text('msgid ""\nmsgstr ""\n\nmsgid "x"\nnonsense\n', encoding="utf-8")
    output = tmp_path / "out.yaml"
    result = run("framework", "translations", "import", bad, "-o", output)
    assert result.returncode == 2
    assert f"{bad}:5: error: this file is not a gettext PO file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_the_reference_language_is_refused_at_its_flag(tmp_path: Path) -> None:
    result = run("framework", "translations", "export", "--lang", "en", "-o", tmp_path / "x.po")
    assert result.returncode == 2
    assert result.stderr.startswith("--lang: error: 'en' is the framework's reference language")
