"""Moodle CSV: export checked by the rules of Moodle's importer, import of Moodle's own fixture."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from competency_kit.core.errors import InputError
from competency_kit.interop import ImportOptions, import_framework
from competency_kit.interop.moodle import (
    HEADER,
    moodle_csv,
    neutralise,
    read_moodle,
    restore,
)
from competency_kit.models.framework import Framework

from .conftest import LONG_TITLE, SMALL

TAXONOMY_TERMS = {
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def moodle_import_problems(text: str) -> list[str]:
    """What tool_lpimportcsv (framework_importer + csv_import_reader) would reject or drop."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    problems = []
    width = len(rows[0])
    if width != 14:
        problems.append(f"header has {width} fields")
    problems += [f"row {n} has {len(r)} fields" for n, r in enumerate(rows, 1) if len(r) != width]
    body = rows[1:]
    frameworks = [r for r in body if r[12].strip()]
    if len(frameworks) != 1:
        return [*problems, f"{len(frameworks)} framework rows"]
    fw = frameworks[0]
    if fw is not body[0]:
        problems.append("the framework row is not first")
    values = [v for v in fw[5].split(",") if v.strip()]
    config = json.loads(fw[6])
    if not values or "scaleid" not in config[0]:
        problems.append("scale values or scale id missing")
    entries = config[1:]
    if any(not 1 <= e["id"] <= len(values) for e in entries):
        problems.append("scale configuration names a value that does not exist")
    if sum(e["scaledefault"] for e in entries) != 1 or not any(e["proficient"] for e in entries):
        problems.append("scale configuration needs one default and a proficient value")
    terms = fw[13].split(",")
    if not set(terms) <= TAXONOMY_TERMS:
        problems.append(f"unknown taxonomy terms {terms}")
    seen: dict[str, int] = {}
    for row in body:
        idnumber, name = row[1], row[2]
        if not idnumber or not name:
            problems.append(f"row skipped: {row[:3]}")
        if len(idnumber) > 100 or len(name) > 100:
            problems.append(f"{idnumber}: longer than 100 characters")
        if row[4] not in ("0", "1", "2", "4"):
            problems.append(f"{idnumber}: description format {row[4]}")
        if row is not fw:
            if idnumber in seen:
                problems.append(f"duplicate {idnumber}")
            if row[0] and row[0] not in seen:
                problems.append(f"{idnumber}: parent {row[0]} not on an earlier row")
            if row[9] != "null":
                json.loads(row[9])
            seen[idnumber] = 1 + (seen[row[0]] if row[0] else 0)
        for cell in row:
            if cell.startswith(FORMULA_START):
                problems.append(f"{idnumber}: cell would run as a formula: {cell[:20]}")
    if max(seen.values(), default=0) > len(terms):
        problems.append("the tree is deeper than the taxonomy")
    return problems


def test_bundled_framework_export_passes_the_importer_rules(framework) -> None:
    text = moodle_csv(framework)
    assert moodle_import_problems(text) == []
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADER
    assert len(rows) == 2 + 9 + 30 + 193
    assert rows[1][1:3] == ["sectt-core", framework.title["en"]]
    assert rows[1][5] == "Foundation,Intermediate,Advanced"
    assert json.loads(rows[1][6]) == [
        {"scaleid": "1"},
        {"id": 1, "scaledefault": 1, "proficient": 1},
        {"id": 2, "scaledefault": 0, "proficient": 1},
        {"id": 3, "scaledefault": 0, "proficient": 1},
    ]
    assert rows[1][12:] == ["1", "domain,competency,indicator"]
    statement = next(r for r in rows if r[1] == "CP1.1-K1")
    assert statement[0] == "CP1.1" and statement[2].startswith("K: ")


def test_small_framework_export_passes_the_importer_rules(small) -> None:
    assert moodle_import_problems(moodle_csv(small)) == []


def test_user_text_cannot_run_as_a_formula_and_html_is_escaped(small) -> None:
    rows = {r[1]: r for r in csv.reader(io.StringIO(moodle_csv(small)))}
    assert rows["A1"][2] == '\'=HYPERLINK("http://evil")'
    assert rows["A1.2"][2] == "''=Quoted title"
    assert rows["A1.1-A1"][2] == "A: @Cares <deeply>."
    assert rows["A1.1-A1"][3] == ""
    assert rows["A1.1-S1"][3] == "<p>Line one<br>line two</p>"
    assert rows["demo-fw"][3] == (
        "<p>A framework for tests.</p><p>Second paragraph &amp; &lt;markup&gt;.</p>"
        "<p>Version: 2025.03<br>Publisher: Demo School<br>Licence: CC-BY-4.0<br>Language: en<br>"
        "Levels: foundation, advanced</p>"
    )
    assert len(rows["A1.1"][2]) == 100 and rows["A1.1"][2].endswith("…")
    assert rows["A1.1"][3] == f"<p>{LONG_TITLE.strip()}</p><p>Why it matters.</p>"


@given(st.text(alphabet="'=+-@\t\rab", max_size=8))
def test_neutralising_is_undone_exactly(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_START)
    assert restore(cell) == text


def test_moodle_round_trip_keeps_ids_texts_dimensions_levels_and_order(small, framework) -> None:
    for fw in (small, framework):
        back = read_moodle(moodle_csv(fw), "framework-moodle.csv").framework
        assert [
            (
                a.id,
                a.title["en"],
                [
                    (
                        c.id,
                        c.title["en"],
                        [(s.id, s.dimension, s.text["en"], s.note) for s in c.statements],
                    )
                    for c in a.competencies
                ],
            )
            for a in back.areas
        ] == [
            (
                a.id,
                a.title["en"],
                [
                    (
                        c.id,
                        c.title["en"],
                        [(s.id, s.dimension, s.text["en"], s.note) for s in c.statements],
                    )
                    for c in a.competencies
                ],
            )
            for a in fw.areas
        ]
        assert [lv.title["en"] for lv in back.levels] == [lv.title["en"] for lv in fw.levels]
        assert back.id == fw.id


def test_level_titles_with_commas_are_refused(small) -> None:
    data = SMALL | {"levels": [{"id": "basic", "title": "Basic, first steps"}]}
    data["areas"] = [{"id": "A1", "title": "Area"}]
    with pytest.raises(InputError) as caught:
        moodle_csv(Framework.model_validate(data))
    assert caught.value.problems[0].message == (
        "a level title used as a Moodle scale value may not contain a comma"
    )


def test_moodle_fixture_all_64_competencies_arrive(interop_dir: Path) -> None:
    path = interop_dir / "moodle_lpimportcsv_example.csv"
    result = import_framework(path, default_dimension="knowledge")
    fw = result.framework
    counts = result.report.counts
    assert counts == {"areas": 2, "competencies": 8, "statements": 54, "levels": 2}
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    expected = {r[1] for r in rows[2:]}
    arrived = {a.id for a in fw.areas} | {c.id for _, c in fw.competencies()}
    arrived |= set(fw.statement_ids())
    assert len(expected) == 64 and arrived == expected
    assert fw.id == "OECD-CORE" and fw.title == {"en": "OECD"}
    assert [lv.title["en"] for lv in fw.levels] == ["Not yet competent", "Competent"]
    delivery = fw.competency("delivery")
    assert delivery is not None
    third, fourth = delivery.statements[:2]
    assert (third.id, third.text["en"]) == ("analytical-thinking", "Analytical Thinking")
    assert fourth.id == "DR-AT1" and fourth.note is not None
    assert fourth.note.endswith("\n\nPath in the source framework: analytical-thinking")
    # spreadsheet rows, not lines of the file: descriptions there hold line breaks
    assert result.report.not_mapped[0] == (
        "cross-references to related competencies — 40: row 4 (level-1), row 28 (DR-AT1), "
        "row 29 (DR-AT-2) and 37 more"
    )
    assert result.report.adjusted == [
        "Moodle files carry no framework version; version '1' was set",
        "Moodle files do not say their language; the texts were taken as 'en'",
    ]


def test_moodle_fixture_without_default_dimension(interop_dir: Path) -> None:
    with pytest.raises(InputError) as caught:
        import_framework(interop_dir / "moodle_lpimportcsv_example.csv")
    assert caught.value.problems[0].message == (
        "54 statements have no knowledge, skill or attitude type; the types in the file: "
        "'competency' (54)"
    )


def csv_text(*rows: list[str], header: list[str] = HEADER, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([header, *rows])
    return buffer.getvalue()


FRAMEWORK_ROW = [
    "",
    "FW",
    "Framework",
    "",
    "1",
    "Low,High",
    '[{"scaleid":"1"},{"id":1,"scaledefault":1,"proficient":0},'
    '{"id":2,"scaledefault":0,"proficient":1}]',
    "",
    "",
    "",
    "",
    "",
    "1",
    "domain",
]


# The header as older Moodle versions write it (Moodle's own test fixture has it).
OLDER_MOODLE_HEADER = [
    "Parent id number",
    "Id number",
    "Shortname",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross referenced competency id numbers",
    "Exported id (optional)",
    "Is framework",
    "Taxonomy",
]


def row(parent: str, idnumber: str, name: str) -> list[str]:
    return [parent, idnumber, name, "", "1", "", "", "", "", "", "", "", "", ""]


def test_older_header_and_semicolons_are_read() -> None:
    text = csv_text(
        FRAMEWORK_ROW,
        row("", "A", "Area"),
        row("A", "B", "Comp"),
        row("B", "C", "S: Does"),
        header=OLDER_MOODLE_HEADER,
        delimiter=";",
    )
    result = read_moodle(text, "old.csv")
    statement = result.framework.areas[0].competencies[0].statements[0]
    assert (statement.id, statement.dimension, statement.text["en"]) == ("C", "skill", "Does")
    assert [lv.id for lv in result.framework.levels] == ["low", "high"]
    assert all("header" not in line for line in result.report.adjusted)


@pytest.mark.parametrize(
    ("rows", "cell", "message"),
    [
        (
            [row("", "A", "Area"), row("", "A", "Again")],
            "B5",
            "the ID number is already used on row 4",
        ),
        (
            [row("", "A", "Area"), row("Z", "B", "Comp")],
            "A5",
            "no row has this ID number, so this competency has no parent",
        ),
        (
            [row("B", "A", "Area"), row("A", "B", "Comp")],
            "A4",
            "these competencies are each other's parents: A → B → A",
        ),
    ],
)
def test_broken_files_are_refused_with_the_spreadsheet_cell(rows, cell, message) -> None:
    # a description with line breaks before: file lines and spreadsheet rows differ
    first = row("", "X", "Multi-line")
    first[3] = "<p>one</p>\n\n<p>two</p>"
    with pytest.raises(InputError) as caught:
        read_moodle(csv_text(FRAMEWORK_ROW, first, *rows), "bad.csv")
    (problem,) = caught.value.problems
    assert (problem.location, problem.message) == (f"bad.csv!{cell}", message)


def test_a_row_of_the_wrong_width_names_its_spreadsheet_row_and_line() -> None:
    first = row("", "X", "Multi-line")
    first[3] = "<p>one</p>\n<p>two</p>"
    with pytest.raises(InputError) as caught:
        read_moodle(csv_text(FRAMEWORK_ROW, first, row("", "A", "Area")[:13]), "bad.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (
        5,
        "spreadsheet row 4 has 13 fields; every row needs 14, like the header",
    )


def test_exactly_one_framework_row_is_required() -> None:
    with pytest.raises(InputError) as caught:
        read_moodle(csv_text(FRAMEWORK_ROW, FRAMEWORK_ROW), "two.csv")
    assert caught.value.problems[0].message == (
        "a Moodle framework file has exactly one framework row (Is framework = 1); this one has 2"
    )


def test_a_file_that_is_not_moodle_csv() -> None:
    with pytest.raises(InputError) as caught:
        read_moodle("id,title\nA,B\n", "other.csv")
    assert caught.value.problems[0].message == (
        "this is not a Moodle competency framework file: its header has 2 columns, Moodle's has 14"
    )


def test_scale_values_become_levels_with_usable_unique_ids() -> None:
    framework_row = [*FRAMEWORK_ROW]
    framework_row[5] = "Not yet, Met,Met,???,"
    result = read_moodle(csv_text(framework_row, row("", "A", "Area")), "scale.csv")
    levels = [(lv.id, lv.title["en"]) for lv in result.framework.levels]
    assert levels == [
        ("not-yet", "Not yet"),
        ("met", "Met"),
        ("level-3", "Met"),
        ("level-4", "???"),
    ]


def test_other_header_wording_is_read_by_position_and_reported() -> None:
    header = [f"Column {n}" for n in range(1, 15)]
    result = read_moodle(csv_text(FRAMEWORK_ROW, row("", "A", "Area"), header=header), "x.csv")
    assert [a.id for a in result.framework.areas] == ["A"]
    assert result.report.adjusted[0] == (
        "the header wording is not Moodle's; the columns were read by position, as Moodle does"
    )


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_an_oversized_header_field_is_an_input_error(delimiter: str) -> None:
    # The delimiter is guessed from the header line: that first read must fail just as clearly.
    header = ["x" * 200_000, *HEADER[1:]]
    text = csv_text(FRAMEWORK_ROW, header=header, delimiter=delimiter)
    with pytest.raises(InputError) as caught:
        read_moodle(text, "huge.csv")
    (problem,) = caught.value.problems
    assert problem.message.startswith("the CSV cannot be read: field larger than field limit")
    assert (problem.file, problem.line) == ("huge.csv", 1)


def test_an_oversized_header_field_exits_2_from_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text(csv_text(FRAMEWORK_ROW, header=["x" * 200_000, *HEADER[1:]]), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "competency_kit", "framework", "import", str(path), "-o", "o.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert f"{path}:1: error: the CSV cannot be read: field larger" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "o.yaml").exists()


def test_an_oversized_cell_is_an_input_error() -> None:
    text = csv_text(FRAMEWORK_ROW, row("", "A", "x" * 200_000))
    with pytest.raises(InputError) as caught:
        read_moodle(text, "huge.csv")
    assert caught.value.problems[0].message.startswith("the CSV cannot be read: field larger")
    assert caught.value.problems[0].line == 3


def test_a_very_deep_chain_is_refused_not_a_crash() -> None:
    chain = [row("", "N0", "Top")] + [
        row(f"N{i - 1}", f"N{i}", f"Item {i}") for i in range(1, 2000)
    ]
    with pytest.raises(InputError) as caught:
        read_moodle(csv_text(FRAMEWORK_ROW, *chain), "deep.csv", ImportOptions("skill"))
    assert caught.value.problems[0].message == "the framework is nested more than 100 levels deep"


def test_versions_keep_the_id_numbers_of_unchanged_items_and_leave_retired_ones_out(
    tmp_path,
) -> None:
    """Moodle's migration tool matches competencies of two frameworks by ID number."""
    from competency_kit.documents.framework_io import load_framework

    from ..versions_example import write_versions

    old_path, new_path, _ = write_versions(tmp_path)
    old, new = load_framework(old_path), load_framework(new_path)
    old_ids = {row[1] for row in csv.reader(io.StringIO(moodle_csv(old)))}
    new_ids = {row[1] for row in csv.reader(io.StringIO(moodle_csv(new)))}
    assert not new_ids & new.retired_ids()
    kept = set(old.statement_ids()) - new.retired_ids()
    assert kept <= new_ids and kept <= old_ids
