"""The guard in front of every workbook we read: hostile archives never reach the parser."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from competency_kit.core import limits
from competency_kit.core.errors import InputError
from competency_kit.excel.workbook_input import (
    check_archive,
    merged_ranges,
    open_workbook,
    read_workbook,
)

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData>'
    "</worksheet>"
)


def workbook_zip(path: Path, parts: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def message(exc: pytest.ExceptionInfo[InputError]) -> str:
    return exc.value.problems[0].message


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed: openpyxl then parses with it"


def test_the_sheet_reader_refuses_entities_even_past_our_check() -> None:
    import io

    from defusedxml import EntitiesForbidden
    from openpyxl.xml.functions import iterparse  # what openpyxl reads worksheets with

    with pytest.raises(EntitiesForbidden):
        list(iterparse(io.BytesIO(BOMB.encode())))


def test_a_dtd_is_refused_before_parsing(tmp_path: Path) -> None:
    path = workbook_zip(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": BOMB})
    with pytest.raises(InputError) as exc:
        check_archive(path)
    assert message(exc).startswith("the workbook part 'xl/worksheets/sheet1.xml' declares a DTD")


def test_a_decompression_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = workbook_zip(tmp_path / "zip.xlsx", {"xl/worksheets/sheet1.xml": b" " * 8_000_000})
    with pytest.raises(InputError) as exc:
        check_archive(path)
    assert "a decompression bomb" in message(exc)


def test_total_expansion_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "WORKBOOK_EXPANDED_BYTES", 1000)
    path = workbook_zip(tmp_path / "big.xlsx", {"xl/media/a.bin": bytes(range(256)) * 8})
    with pytest.raises(InputError) as exc:
        check_archive(path)
    assert message(exc).startswith("the workbook would expand to")


def test_too_many_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "WORKBOOK_PARTS", 3)
    path = workbook_zip(tmp_path / "parts.xlsx", {f"xl/p{i}.xml": "<x/>" for i in range(3)})
    with pytest.raises(InputError) as exc:
        check_archive(path)
    assert message(exc) == "the workbook holds 5 parts; at most 3 are read"


def test_not_a_zip_and_not_a_workbook(tmp_path: Path) -> None:
    text = tmp_path / "a.xlsx"
    text.write_text("id,title\n")
    with pytest.raises(InputError) as exc:
        open_workbook(text)
    assert message(exc) == "this file is not an Excel workbook (.xlsx)"
    other = tmp_path / "b.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError) as exc:
        open_workbook(other)
    assert message(exc) == "this is a zip archive without an Excel workbook in it"


def test_merged_ranges_are_read_in_read_only_mode(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "merged.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Mapping"
    workbook.active.merge_cells("C6:F8")
    workbook.save(path)
    opened = open_workbook(path)
    try:
        assert merged_ranges(opened, "Mapping") == ["C6:F8"]
    finally:
        opened.close()


def test_read_workbook_reads_then_closes_and_reports_a_damaged_sheet(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "book.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Mapping"
    workbook.save(path)
    opened: list = []

    def titles(book) -> list[str]:  # type: ignore[no-untyped-def]
        opened.append(book)
        return book.sheetnames

    assert read_workbook(path, "mapping workbook", titles) == ["Mapping"]
    assert opened[0]._archive.fp is None  # closed after reading

    def damaged(book) -> None:  # type: ignore[no-untyped-def]
        raise KeyError("xl/worksheets/sheet1.xml")

    with pytest.raises(InputError) as exc:
        read_workbook(path, "mapping workbook", damaged)
    assert [p.code for p in exc.value.problems] == ["workbook.damaged-sheet"]
