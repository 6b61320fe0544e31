"""A school's framework written only in Vietnamese (no English at all) goes through every task."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from competency_kit.app.documents import (
    DocumentOptions,
    GuideRequest,
    HandoutsRequest,
    make_guide,
    make_handouts,
)
from competency_kit.app.frameworks import ExportRequest, export_framework_file, validate_framework
from competency_kit.app.gap import GapRequest, run_gap
from competency_kit.app.mapping import (
    TemplateRequest,
    ValidateRequest,
    make_template,
    validate_curriculum,
)

VI = Path(__file__).parents[1] / "data" / "vi"
FRAMEWORK = VI / "framework.yaml"
CURRICULUM = VI / "curriculum.yaml"
STATEMENT = "Mô tả các dấu hiệu cho thấy trẻ em có thể bị bóc lột."


def test_loads_and_validates() -> None:
    check = validate_framework(FRAMEWORK)
    assert [p for p in check.problems if p.severity == "error"] == []
    result = validate_curriculum(ValidateRequest(CURRICULUM, framework=FRAMEWORK))
    assert result.framework.reference_language == "vi"
    assert result.reached == 3


def test_guide_marks_every_framework_text_as_vietnamese(tmp_path: Path) -> None:
    out = tmp_path / "guide.html"
    make_guide(GuideRequest(CURRICULUM, out, DocumentOptions(framework=FRAMEWORK), html=True))
    html = out.read_text(encoding="utf-8")
    assert f'<td lang="vi">{STATEMENT}</td>' in html
    assert '<html lang="en"' in html
    assert "V1.1-K1" in html and "English" not in html


def test_guide_and_handouts_render_in_vietnamese(tmp_path: Path) -> None:
    guide = tmp_path / "guide.pdf"
    make_guide(GuideRequest(CURRICULUM, guide, DocumentOptions(framework=FRAMEWORK)))
    text = " ".join(page.extract_text() for page in PdfReader(guide).pages)
    assert "Nhận biết các dấu hiệu bóc lột" in text
    result = make_handouts(
        HandoutsRequest(CURRICULUM, tmp_path / "handouts", DocumentOptions(framework=FRAMEWORK))
    )
    assert [p.name for p in result.written] == ["LT101-M1.pdf", "LT101-M2.pdf"]
    first = PdfReader(result.written[0]).pages[0].extract_text()
    assert "Báo cáo lo ngại cho đầu mối ngay lập tức." in first
    assert "Luôn đặt lợi ích của trẻ em lên hàng đầu." in first


def test_gap_and_mapping_workbooks(tmp_path: Path) -> None:
    gap = run_gap(GapRequest(CURRICULUM, tmp_path / "gap.xlsx", framework=FRAMEWORK))
    uncovered = next(f for f in gap.report.findings if f.id == "uncovered-statement:V1.1-A1")
    assert "Coi trọng mọi lo ngại về an toàn của trẻ em." in uncovered.message
    book = openpyxl.load_workbook(tmp_path / "gap.xlsx")
    cells = {c for ws in book.worksheets for row in ws.values for c in row if isinstance(c, str)}
    assert STATEMENT in cells and uncovered.message in cells
    make_template(TemplateRequest(tmp_path / "mapping.xlsx", framework=FRAMEWORK))
    wb = openpyxl.load_workbook(tmp_path / "mapping.xlsx")
    texts = {c for ws in wb.worksheets for row in ws.values for c in row if isinstance(c, str)}
    assert STATEMENT in texts


@pytest.mark.parametrize("fmt", ["case", "moodle"])
def test_exports_declare_vietnamese(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("fw.json" if fmt == "case" else "fw.csv")
    export_framework_file(ExportRequest(out, fmt, framework=FRAMEWORK))
    if fmt == "case":
        package = json.loads(out.read_text(encoding="utf-8"))
        assert package["CFDocument"]["language"] == "vi"
        items = {i["humanCodingScheme"]: i for i in package["CFItems"]}
        assert items["V1.1-K1"]["fullStatement"] == STATEMENT
        assert items["V1.1-K1"]["language"] == "vi"
    else:
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        assert any(STATEMENT in " ".join(v or "" for v in row.values()) for row in rows)
