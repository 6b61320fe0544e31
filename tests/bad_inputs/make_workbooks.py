"""Rebuild the bad workbooks of the corpus: python tests/bad_inputs/make_workbooks.py

Each starts from a real pre-filled mapping workbook and breaks one thing, as a user, a careless
program or an attacker might.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.documents.framework_io import load_framework
from competency_kit.excel.gap.workbook import write_gap_workbook
from competency_kit.excel.mapping.workbook import write_mapping_workbook

OUT = Path(__file__).parent / "workbook"
CURRICULA = Path(__file__).parent / "curriculum"
BOMB_DTD = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)


def base_workbook(path: Path) -> None:
    framework = load_framework()
    curriculum = load_curriculum(examples_dir() / "tour-guide-certificate.yaml", framework)
    write_mapping_workbook(framework, path, curriculum)


def gap_workbook(path: Path) -> None:
    framework = load_framework()
    curriculum = load_curriculum(examples_dir() / "tour-guide-certificate.yaml", framework)
    write_gap_workbook(analyse(framework, curriculum), framework, curriculum, path)


def set_cell(sheet: str, ref: str, value: object):
    return lambda wb: setattr(wb[sheet][ref], "value", value)


def edited(base: Path, name: str, edit) -> None:
    workbook = openpyxl.load_workbook(base)
    edit(workbook)
    workbook.save(OUT / name)


def replace_part(base: Path, name: str, part: str, data: bytes) -> None:
    with (
        zipfile.ZipFile(base) as source,
        zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == part else source.read(info))


def sheet_part(base: Path, title: str) -> str:
    workbook = openpyxl.load_workbook(base)
    index = workbook.sheetnames.index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.xlsx"
        base_workbook(base)
        (OUT / "not-a-zip.xlsx").write_text("Module id,Title\nM1,Check-in\n")
        with zipfile.ZipFile(OUT / "zip-without-workbook.xlsx", "w") as archive:
            archive.writestr("notes.txt", "a zip file, but no workbook inside")
        data = base.read_bytes()
        (OUT / "truncated.xlsx").write_bytes(data[: len(data) * 3 // 5])
        edited(base, "missing-mapping-sheet.xlsx", lambda wb: wb.remove(wb["Mapping"]))
        edited(
            base,
            "renamed-statement-header.xlsx",
            lambda wb: setattr(wb["Mapping"]["D4"], "value", "CP1.1-K1 (edited)"),
        )
        edited(base, "deleted-statement-column.xlsx", lambda wb: wb["Mapping"].delete_cols(4))
        edited(base, "merged-cells-over-matrix.xlsx", lambda wb: wb["Mapping"].merge_cells("C6:F8"))
        edited(
            base,
            "formula-in-mapping-cell.xlsx",
            lambda wb: setattr(wb["Mapping"]["D6"], "value", '=IF(1,"M","I")'),
        )
        edited(base, "unknown-mark.xlsx", lambda wb: setattr(wb["Mapping"]["D6"], "value", "X"))
        edited(
            base,
            "duplicate-module-id.xlsx",
            lambda wb: setattr(wb["Modules"]["B5"], "value", wb["Modules"]["B4"].value),
        )
        edited(
            base,
            "other-framework-version.xlsx",
            lambda wb: setattr(wb["_meta"]["B4"], "value", "0.9.0"),
        )
        edited(base, "mapping-is-a-chart-sheet.xlsx", _chart_sheet)
        replace_part(
            base, "entity-expansion-bomb.xlsx", sheet_part(base, "Mapping"), BOMB_DTD.encode()
        )
        instructions = sheet_part(base, "Instructions")
        with zipfile.ZipFile(base) as archive:
            original = archive.read(instructions)
        padded = original.replace(b"</worksheet>", b" " * (64 * 1024 * 1024) + b"</worksheet>")
        replace_part(base, "decompression-bomb.xlsx", instructions, padded)
        review_corpus(Path(folder) / "gap.xlsx")
        damaged_structure(base)
        wrong_files(base, Path(folder) / "gap.xlsx", Path(folder))
    print(f"wrote {len(list(OUT.iterdir()))} workbooks into {OUT}")


def review_corpus(gap: Path) -> None:
    """Gap workbooks as reviewers might return them, for 'competency-kit review'."""
    gap_workbook(gap)
    edited(gap, "review-unknown-status.xlsx", set_cell("Findings", "F2", "Done"))
    edited(gap, "review-bad-due-date.xlsx", set_cell("Findings", "I3", "next week"))
    edited(gap, "review-findings-sheet-deleted.xlsx", lambda wb: wb.remove(wb["Findings"]))
    edited(gap, "review-headings-renamed.xlsx", set_cell("Findings", "F1", "State"))


def damaged_structure(base: Path) -> None:
    """A heading row deleted, a course row deleted: each one message, naming it."""
    edited(base, "deleted-heading-row.xlsx", lambda wb: wb["Mapping"].delete_rows(4))
    edited(base, "missing-course.xlsx", lambda wb: wb["Courses"].delete_rows(4))


def wrong_files(base: Path, gap: Path, folder: Path) -> None:
    """Files people give in the wrong place: other formats, renamed files, the other
    workbook, a review file where a curriculum belongs."""
    for fmt, name in (("ods", "libreoffice.ods"), ("xls", "old-excel.xls")):
        subprocess.run(
            ["libreoffice", "--headless", "--convert-to", fmt, "--outdir", str(folder), str(base)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(folder / f"base.{fmt}", OUT / name)
    office_zip(OUT / "word-renamed.xlsx", "word/document.xml")
    office_zip(OUT / "powerpoint-renamed.xlsx", "ppt/presentation.xml")
    shutil.copy(gap, OUT / "gap-workbook-given-to-import.xlsx")
    CURRICULA.joinpath("table.csv").write_text(
        "Course id,Module id,Title,Hours\nHOS101,HOS101-M1,Check-in,6\n", encoding="utf-8"
    )
    CURRICULA.joinpath("review-given-to-gap.yaml").write_text(
        "# Reviewer decisions read from a gap workbook.\nsource: gap.xlsx\ndecisions:\n"
        "  - finding: uncovered-statement:CP1.1-K1\n    status: Action planned\n",
        encoding="utf-8",
    )


def office_zip(path: Path, main_part: str) -> None:
    """A Word document or a presentation, as Office saves one, renamed .xlsx."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document/>')


def _chart_sheet(workbook: openpyxl.Workbook) -> None:
    index = workbook.sheetnames.index("Mapping")
    workbook.remove(workbook["Mapping"])
    workbook.create_chartsheet("Mapping", index)


if __name__ == "__main__":
    shutil.rmtree(OUT, ignore_errors=True)
    main()
