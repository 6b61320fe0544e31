"""``competency-kit template``, ``import`` and ``validate``: the educator's path end to end."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from competency_kit.app.inputs import load_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.excel.mapping import layout as L

CLI = [sys.executable, "-m", "competency_kit"]
DIPLOMA = examples_dir() / "hospitality-diploma.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def run_at_fixed_time(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, env=env, timeout=120)


def test_template_import_validate_round_trip(tmp_path: Path, framework) -> None:
    workbook, yaml_out = tmp_path / "mapping.xlsx", tmp_path / "curriculum.yaml"
    made = run("template", "-o", workbook, "--curriculum", DIPLOMA)
    assert made.returncode == 0, made.stderr
    assert made.stderr == (
        f"wrote {workbook} (pre-filled from {DIPLOMA}; framework "
        f"{framework.id} version {framework.version})\n"
    )
    imported = run("import", workbook, "-o", yaml_out)
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == f"wrote {yaml_out}: 9 courses, 27 modules, 103 mappings\n"
    text = yaml_out.read_text(encoding="utf-8")
    head = "# yaml-language-server: $schema=curriculum.schema.json\n# Made by competency-kit from "
    assert text.startswith(f"{head}mapping.xlsx · fingerprint ")
    assert text.split("\n")[2] == "programme:"
    assert "  - id: HOS101\n" in text and "{" not in text  # block style throughout
    assert load_curriculum(yaml_out, framework) == load_curriculum(DIPLOMA, framework)
    checked = run("validate", workbook)
    assert checked.returncode == 0
    assert checked.stderr == (
        f"{workbook}: valid — 9 courses, 27 modules, 103 mappings; "
        f"reaches 104 of 193 statements of {framework.id} "
        f"{framework.version}\n"
    )


def test_import_writes_json_when_asked(tmp_path: Path, framework) -> None:
    workbook = tmp_path / "mapping.xlsx"
    assert run("template", "-o", workbook, "-c", DIPLOMA).returncode == 0
    result = run("import", workbook, "-o", tmp_path / "curriculum.json")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "curriculum.json").read_text(encoding="utf-8"))
    assert data["programme"]["id"] == "DIP-HOSP" and len(data["courses"]) == 9


def test_blank_template_then_errors_name_the_cells(tmp_path: Path) -> None:
    workbook = tmp_path / "mapping.xlsx"
    assert run("template", "-o", workbook).returncode == 0
    book = openpyxl.load_workbook(workbook)
    book[L.MAPPING]["A6"], book[L.MAPPING]["C6"] = "X-1", "Q"
    book.save(workbook)
    result = run("validate", workbook)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        f"{workbook}!Mapping!C6: error: 'Q' is not a coverage mark for CP1.1\n"
        "    fix: use I, R or M, with * when the module assesses it (e.g. M*); leave the "
        "cell empty when the module does not cover it"
    ) in result.stderr
    assert (
        f"{workbook}!Mapping!A6: error: module 'X-1' is not on the Modules sheet" in result.stderr
    )
    assert f"{workbook}!Programme!B4: error: 'id' is empty; it is required" in result.stderr
    assert result.stderr.endswith("4 errors, 0 warnings\n")


def test_validate_yaml_with_errors_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text(
        DIPLOMA.read_text(encoding="utf-8").replace("CP5.3-K1", "CP5.3-K9"), encoding="utf-8"
    )
    result = run("validate", bad)
    assert result.returncode == 2
    assert "'CP5.3-K9' is not a statement or competency of the framework" in result.stderr


def test_import_refuses_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "mapping.xlsx"
    fake.write_text("programme: {}\n")
    result = run("import", fake, "-o", tmp_path / "c.yaml")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{fake}: error: this file is not an Excel workbook (.xlsx)")
    assert not (tmp_path / "c.yaml").exists()


def test_template_uses_the_given_framework(tmp_path: Path) -> None:
    from ..documents.test_framework_io import MINIMAL

    framework_file = tmp_path / "fw.yaml"
    framework_file.write_text(MINIMAL, encoding="utf-8")
    workbook = tmp_path / "mapping.xlsx"
    assert run("template", "-o", workbook, "--framework", framework_file).returncode == 0
    ids = [c.value for c in openpyxl.load_workbook(workbook)[L.MAPPING][L.MAP_ID_ROW]][2:]
    assert ids == ["CP1.1", "CP1.1-K1", "CP1.1-S1", "CP1.1-A1"]
    mismatch = run("import", workbook, "-o", tmp_path / "c.yaml")
    assert mismatch.returncode == 2
    assert "this workbook was made for the framework 'demo' version 1.0" in mismatch.stderr


def test_template_and_import_never_write_over_the_framework(tmp_path: Path) -> None:
    from competency_kit.core.resources import bundled_framework

    folder = tmp_path / "fw"
    folder.mkdir()
    framework = folder / "framework.yaml"
    framework.write_bytes(bundled_framework().read_bytes())
    before = framework.read_bytes()
    template = run("template", "-o", framework, "-f", folder)
    assert template.returncode == 2
    assert "the mapping workbook is written as a .xlsx file" in template.stderr
    from competency_kit.core.errors import InputError
    from competency_kit.documents.framework_io import load_framework, resolve_framework_path
    from competency_kit.excel.mapping.workbook import write_mapping_workbook

    with pytest.raises(InputError) as exc:  # the library refuses whatever the name
        write_mapping_workbook(
            load_framework(folder), framework, inputs=(resolve_framework_path(folder),)
        )
    assert exc.value.problems[0].message == "the output would overwrite the command's own input"
    workbook = tmp_path / "mapping.xlsx"
    example = examples_dir() / "hospitality-diploma.yaml"
    assert run("template", "-o", workbook, "-c", example, "-f", framework).returncode == 0
    imported = run("import", workbook, "-o", framework, "-f", framework)
    assert imported.returncode == 2
    assert "the output would overwrite the command's own input" in imported.stderr
    assert framework.read_bytes() == before


def test_template_over_a_filled_workbook_is_refused_with_what_it_holds(tmp_path: Path) -> None:
    filled = tmp_path / "filled.xlsx"
    assert run("template", "-o", filled, "-c", DIPLOMA).returncode == 0
    book = openpyxl.load_workbook(filled)
    book[L.MAPPING]["E7"] = "M"
    book.save(filled)
    before = filled.read_bytes()
    refused = run("template", "-o", filled)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"{filled}: error: this mapping workbook holds 27 modules and 104 marks that someone "
        "typed in; replacing it would lose them\n"
        "    fix: keep it: choose another output name, or move the file somewhere else first; "
        "its curriculum can be read out of it and pre-fill a new workbook\n"
        f"    how: 'competency-kit import {filled} -o curriculum.yaml' saves its curriculum, "
        "and 'competency-kit template -o new.xlsx --curriculum curriculum.yaml' pre-fills a new "
        "workbook from it; or add --force to replace it anyway\n"
        "1 error, 0 warnings\n"
    )
    assert filled.read_bytes() == before
    assert run("template", "-o", filled, "--force").returncode == 0


def test_a_gap_workbook_given_to_import_is_named(tmp_path: Path) -> None:
    gap = tmp_path / "gap.xlsx"
    assert run("gap", DIPLOMA, "-o", gap).returncode == 0
    result = run("import", gap, "-o", tmp_path / "c.yaml")
    assert result.returncode == 2
    assert result.stderr == (
        f"{gap}: error: this is a gap-analysis workbook (findings and reviewer decisions), not "
        "a mapping workbook\n"
        "    fix: give the file asked for; a gap-analysis workbook is made from a curriculum\n"
        f"    how: read its decisions with 'competency-kit review {gap} -o review.yaml'; "
        "'competency-kit import' reads mapping workbooks\n"
        "1 error, 0 warnings\n"
    )


def test_warnings_of_a_valid_workbook_are_shown_once(tmp_path: Path) -> None:
    workbook = tmp_path / "mapping.xlsx"
    assert run("template", "-o", workbook, "-c", DIPLOMA).returncode == 0
    book = openpyxl.load_workbook(workbook)
    book[L.PROGRAMME]["B7"] = "English"
    book[L.MODULES]["D5"] = None
    book.save(workbook)
    result = run("validate", workbook)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        f"{workbook}!Programme!B7: warning: the language 'English' is read as its code 'en'\n"
        "    fix: write the code 'en' to say the same without this note\n"
        f"{workbook}!Modules!D5: warning: module 'HOS101-M2' has coverage marks but no hours, "
        "so it counts as 0 hours\n"
        "    fix: write the module's hours (0 when it really has none)\n"
        f"{workbook}: valid — 9 courses"
    )


def test_past_thirty_of_a_kind_the_rest_are_counted(tmp_path: Path) -> None:
    workbook = tmp_path / "mapping.xlsx"
    assert run("template", "-o", workbook, "-c", DIPLOMA).returncode == 0
    book = openpyxl.load_workbook(workbook)
    for row in range(6, 6 + 27):
        book[L.MAPPING].cell(row, 3).value = "X"
        book[L.MAPPING].cell(row, 4).value = "X"
    book.save(workbook)
    result = run("validate", workbook)
    assert result.returncode == 2
    assert result.stderr.count(": error: ") == 30
    assert result.stderr.endswith(
        "... and 24 more like this (workbook.unknown-mark); add --all-problems to the command "
        "to list them all\n54 errors, 0 warnings\n"
    )
    # Problems in sheet order, then by row and column as numbers.
    first = [line.split(": error:")[0] for line in result.stderr.splitlines() if ": error:" in line]
    assert first[:3] == [
        f"{workbook}!Mapping!C6",
        f"{workbook}!Mapping!D6",
        f"{workbook}!Mapping!C7",
    ]
    every = run("validate", workbook, "--all-problems")
    assert every.stderr.count(": error: ") == 54
    assert "more like this" not in every.stderr


@pytest.mark.parametrize("lang", ["FR", "fr-FR", "fr_CA"])
def test_template_in_french_imports_and_validates(tmp_path: Path, framework, lang: str) -> None:
    workbook, yaml_out = tmp_path / "mapping.xlsx", tmp_path / "curriculum.yaml"
    made = run("template", "-o", workbook, "-c", DIPLOMA, "--lang", lang)
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(workbook, read_only=True)
    assert book.sheetnames[:5] == [
        "Mode d’emploi",
        "Programme",
        "Cours",
        "Modules",
        "Correspondances",
    ]
    book.close()
    imported = run("import", workbook, "-o", yaml_out)
    assert imported.returncode == 0, imported.stderr
    assert load_curriculum(yaml_out, framework) == load_curriculum(DIPLOMA, framework)
    assert run("validate", workbook).returncode == 0


def test_template_in_an_unknown_language_lists_the_languages(tmp_path: Path) -> None:
    result = run("template", "-o", tmp_path / "mapping.xlsx", "--lang", "xx")
    assert result.returncode == 2
    assert "'xx' is not one of the available languages (en, es, fr, pt)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "mapping.xlsx").exists()


def test_english_template_is_unchanged_by_the_languages(tmp_path: Path) -> None:
    """The English workbook, blank and pre-filled, is byte for byte what --lang en writes,
    and changes only when the workbook is changed on purpose (its digest with it)."""
    digests = []
    for name, extra in (("blank", []), ("filled", ["-c", DIPLOMA])):
        for lang in ([], ["--lang", "en"]):
            path = tmp_path / f"{name}{len(lang)}.xlsx"
            assert run_at_fixed_time("template", "-o", path, *extra, *lang).returncode == 0
            digests.append(hashlib.md5(path.read_bytes()).hexdigest())
    assert digests == [ENGLISH_BLANK, ENGLISH_BLANK, ENGLISH_FILLED, ENGLISH_FILLED]


ENGLISH_BLANK = "3d1f193d163ddd0a0c4beeedf23c9f20"
ENGLISH_FILLED = "e43e625591320cc1de33896f2c270bc3"
"""MD5 of the English workbooks (SOURCE_DATE_EPOCH=1767225600): as before --lang existed, but
for the matrix's page breaks at competencies, its title wrapped within columns A:B, and the
instructions naming LibreOffice's menu, the web app and where the framework version is."""
