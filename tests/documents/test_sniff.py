"""Naming what a file is, by its content, whatever its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from competency_kit.core.errors import InputError
from competency_kit.documents.sniff import (
    KIND_PROPERTY,
    LANGUAGE_PROPERTY,
    data_kind,
    looks_like_csv,
    sniff,
    wrong_file,
)


def zipped(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


WORKBOOK_XML = "<workbook><sheets>{}</sheets></workbook>"


def sheets(*names: str) -> str:
    return WORKBOOK_XML.format("".join(f'<sheet name="{n}" sheetId="1"/>' for n in names))


@pytest.mark.parametrize(
    ("parts", "kind"),
    [
        ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}, "ods"),
        ({"mimetype": "application/vnd.oasis.opendocument.text"}, "odt"),
        ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}, "word"),
        ({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}, "powerpoint"),
        ({"xl/workbook.xml": sheets("Programme", "Mapping", "_meta")}, "mapping-workbook"),
        ({"xl/workbook.xml": sheets("Summary", "Findings", "Coverage")}, "gap-workbook"),
        ({"xl/workbook.xml": sheets("Budget &amp; plan")}, "workbook"),
        ({"notes.txt": "hello"}, None),
    ],
)
def test_zip_files_by_their_parts(tmp_path: Path, parts: dict[str, str], kind: str) -> None:
    assert sniff(zipped(tmp_path / "file.xlsx", parts)) == kind


def test_other_formats_by_their_first_bytes(tmp_path: Path) -> None:
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    pdf = tmp_path / "guide.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\n")
    text = tmp_path / "c.yaml"
    text.write_text("programme: {}\n")
    assert [sniff(xls), sniff(pdf), sniff(text), sniff(tmp_path / "missing")] == [
        "xls",
        "pdf",
        None,
        None,
    ]


def test_documents_by_their_top_level_keys() -> None:
    assert data_kind({"programme": {}, "courses": []}) == "curriculum"
    assert data_kind({"source": "gap.xlsx", "decisions": []}) == "review"
    assert data_kind({"id": "f", "areas": []}) == "framework"
    assert data_kind({"rules": {}}) == "policy"
    assert data_kind({"country": "TH", "police": {}}) == "profile"
    assert data_kind({"CFDocument": {}}) == "case"
    report = {"framework": {}, "programme": {}, "rules": {}, "statements": [], "findings": []}
    assert data_kind(report) == "gap-report"
    assert data_kind({"name": "x"}) is None
    assert data_kind(["a"]) is None


def test_csv_is_told_from_yaml() -> None:
    assert looks_like_csv("Module id,Title\nM1,Check-in\n")
    assert looks_like_csv("a;b;c\n1;2;3\n")
    assert not looks_like_csv("programme:\n  id: P, Q\n")
    assert not looks_like_csv("- a, b\n- c, d\n")
    assert not looks_like_csv("just one line, with a comma\n")


def test_messages_say_what_the_file_is() -> None:
    def message(kind: str, what: str, name: str = "f.xlsx") -> str:
        error: InputError = wrong_file(name, kind, what)
        (problem,) = error.problems
        return f"{problem.code}: {problem.message} | {problem.fix}"

    assert message("ods", "mapping workbook", "f.ods") == (
        "file.is-ods: this is a LibreOffice spreadsheet (.ods); it cannot be read as a mapping "
        "workbook | in LibreOffice choose File → Save As, file type 'Excel 2007-365 (.xlsx)', "
        "and give that file"
    )
    assert message("word", "mapping workbook") == (
        "file.is-word: this is a Word document, though its name ends in .xlsx; it cannot be "
        "read as a mapping workbook | give the file itself, not a copy in a document"
    )
    assert message("gap-workbook", "mapping workbook") == (
        "file.is-gap-workbook: this is a gap-analysis workbook (findings and reviewer "
        "decisions), not a mapping workbook | give the file asked for; a gap-analysis workbook "
        "is made from a curriculum"
    )
    assert message("framework", "curriculum", "f.yaml") == (
        "file.is-framework: this is a competency framework (areas, competencies and "
        "statements), not a curriculum | give the file asked for; a framework is what curricula "
        "are mapped to"
    )


def custom_xml(**properties: str) -> str:
    entries = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
        f"<vt:lpwstr>{value}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return f'<Properties xmlns="urn:p" xmlns:vt="urn:vt">{entries}</Properties>'


def test_a_workbook_is_known_by_the_kind_it_records_whatever_its_sheets_are_called(
    tmp_path: Path,
) -> None:
    french = {
        "xl/workbook.xml": sheets("Synthèse", "Constats", "Couverture"),
        "docProps/custom.xml": custom_xml(
            **{KIND_PROPERTY: "gap-workbook", LANGUAGE_PROPERTY: "fr"}
        ),
    }
    assert sniff(zipped(tmp_path / "constats.xlsx", french)) == "gap-workbook"
    unknown = {**french, "docProps/custom.xml": custom_xml(**{KIND_PROPERTY: "budget"})}
    assert sniff(zipped(tmp_path / "other.xlsx", unknown)) == "workbook"
