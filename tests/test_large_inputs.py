"""Inputs far larger than any real file are refused quickly, within bounded memory."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

MEMORY_LIMIT = 2 * 1024**3


def run_cli(*args: str | Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "competency_kit", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limited,
    )
    return result, time.perf_counter() - start


def test_huge_yaml_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    with path.open("w") as handle:
        handle.write("id: big\ntitle: Big\nversion: '1'\nglossary:\n")
        line = "  - {term: padding, definition: " + "x" * 200 + "}\n"
        handle.write(line * (21 * 1024 * 1024 // len(line)))
    result, seconds = run_cli("framework", "validate", path, cwd=tmp_path)
    assert result.returncode == 2
    assert "MiB; a framework file may be at most 20 MiB" in result.stderr
    assert seconds < 30


@pytest.mark.parametrize("count", [100_000])
def test_case_package_with_100000_items_is_refused(tmp_path: Path, count: int) -> None:
    items = [
        {
            "identifier": f"00000000-0000-4000-8000-{i:012d}",
            "fullStatement": "s",
            "humanCodingScheme": f"S{i}",
        }
        for i in range(count)
    ]
    package = {"CFDocument": {"identifier": "d", "title": "Big"}, "CFItems": items}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(package, separators=(",", ":")))
    assert path.stat().st_size < 20 * 1024 * 1024  # refused for its item count, not its size
    result, seconds = run_cli(
        "framework", "import", path, "-o", tmp_path / "out.yaml", cwd=tmp_path
    )
    assert result.returncode == 2, result.stderr
    assert "the file holds 100,000 items; an import takes at most 20,000" in result.stderr
    assert not (tmp_path / "out.yaml").exists()
    assert seconds < 60


def test_workbook_with_a_million_rows_stops_at_the_row_limit(tmp_path: Path) -> None:
    import zipfile

    import openpyxl

    from competency_kit.documents.framework_io import load_framework
    from competency_kit.excel.mapping.workbook import write_mapping_workbook

    base = tmp_path / "base.xlsx"
    write_mapping_workbook(load_framework(), base)
    index = openpyxl.load_workbook(base, read_only=True).sheetnames.index("Modules") + 1
    part = f"xl/worksheets/sheet{index}.xml"
    from competency_kit.excel.mapping import layout as L

    heading = "".join(
        f'<c r="{chr(65 + i)}3" t="inlineStr"><is><t>{label}</t></is></c>'
        for i, (_, label, _) in enumerate(L.MODULE_COLUMNS)
    )
    rows = f'<row r="3">{heading}</row>' + "".join(
        f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>M{r}</t></is></c></row>'
        for r in range(4, 1_000_004)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    big = tmp_path / "million.xlsx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, sheet if info.filename == part else source.read(info))
    result, seconds = run_cli("import", big, "-o", tmp_path / "out.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "the Modules sheet has more than 5000 rows" in result.stderr
    assert not (tmp_path / "out.yaml").exists()
    assert seconds < 60
