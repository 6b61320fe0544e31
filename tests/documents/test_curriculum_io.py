"""Loading curricula from YAML and JSON: cross-references resolved, every problem placed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from competency_kit.app.inputs import load_curriculum
from competency_kit.core.errors import InputError

CURRICULUM = """\
programme: {id: DIP, title: Diploma in Hospitality}
courses:
  - id: HOS101
    title: Front Office
    modules:
      - id: HOS101-M1
        title: Check-in
        hours: 6
        maps:
          - {to: CP1.1-K1, depth: I}
          - {to: CP1.2, depth: R, assessed: true, evidence: Role-play}
      - id: HOS101-M2
        title: Night audit
        hours: 4
"""


def write(tmp_path: Path, text: str, name: str = "curriculum.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_and_keeps_teaching_order(tmp_path: Path, framework) -> None:
    cur = load_curriculum(write(tmp_path, CURRICULUM), framework)
    assert [m.id for _, m in cur.modules()] == ["HOS101-M1", "HOS101-M2"]
    first = cur.module("HOS101-M1")
    assert first is not None and first.hours == 6
    assert [(m.to, m.depth, m.assessed, m.evidence) for m in first.maps] == [
        ("CP1.1-K1", "I", False, None),
        ("CP1.2", "R", True, "Role-play"),
    ]


def test_json_is_accepted_with_line_numbers(tmp_path: Path, framework) -> None:
    data = {
        "programme": {"id": "P", "title": "T"},
        "courses": [
            {
                "id": "C1",
                "title": "C",
                "modules": [{"id": "M1", "title": "M", "maps": [{"to": "CP9.9-K9", "depth": "I"}]}],
            }
        ],
    }
    path = write(tmp_path, json.dumps(data, indent=2), "curriculum.json")
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    (problem,) = exc.value.errors
    assert (problem.line, problem.field) == (16, "courses[0].modules[0].maps[0].to")
    assert problem.message == "'CP9.9-K9' is not a statement or competency of the framework"


def test_json_syntax_error(tmp_path: Path, framework) -> None:
    path = write(tmp_path, '{"programme": {"id": "P",}\n', "curriculum.json")
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    assert [str(p).splitlines()[0] for p in exc.value.problems] == [
        f"{path}:1:26: error: JSON syntax error: Expecting property name enclosed in double quotes"
    ]


def test_unknown_target_suggests_the_closest_id(tmp_path: Path, framework) -> None:
    path = write(tmp_path, CURRICULUM.replace("CP1.1-K1", "CP1.1-K01"))
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    (problem,) = exc.value.problems
    assert str(problem) == (
        f"{path}:10:14: error: courses[0].modules[0].maps[0].to: 'CP1.1-K01' is not a statement "
        "or competency of the framework\n"
        "    fix: did you mean 'CP1.1-K1'? use the id of a statement or competency of the "
        "framework"
    )
    assert problem.code == "curriculum.unknown-target"


def test_all_problems_at_once(tmp_path: Path, framework) -> None:
    text = (
        CURRICULUM.replace("id: HOS101-M2", "id: HOS101-M1")
        .replace("hours: 4", "hours: -4")
        .replace("depth: R", "depth: X")
    )
    path = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    found = sorted((p.line, p.field, p.message) for p in exc.value.problems)
    assert found == [
        (11, "courses[0].modules[0].maps[1].depth", "'depth' must be one of I, R or M"),
        (12, "courses[0].modules[1].id", "duplicate id 'HOS101-M1' (already used by a module)"),
        (14, "courses[0].modules[1].hours", "'hours' must be zero or more"),
    ]


def test_same_target_twice_in_a_module(tmp_path: Path, framework) -> None:
    path = write(tmp_path, CURRICULUM.replace("to: CP1.2,", "to: CP1.1-K1,"))
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    assert [p.message for p in exc.value.problems] == ["the module maps to 'CP1.1-K1' twice"]


def test_wrong_top_level(tmp_path: Path, framework) -> None:
    with pytest.raises(InputError) as exc:
        load_curriculum(write(tmp_path, "just some text\n"), framework)
    assert exc.value.problems[0].message == (
        "the top level must be a mapping with 'programme:' and 'courses:'"
    )


def test_unknown_programme_level(tmp_path: Path, framework) -> None:
    text = CURRICULUM.replace(
        "title: Diploma in Hospitality}",
        "title: Diploma, level: expert, audiences: [front-line, cooks]}",
    )
    with pytest.raises(InputError) as exc:
        load_curriculum(write(tmp_path, text), framework)
    assert [p.message for p in exc.value.problems] == [
        "unknown level 'expert'",
        "unknown audience 'cooks'",
    ]


def test_each_id_gets_advice_about_that_kind_of_id(tmp_path: Path, framework) -> None:
    path = write(
        tmp_path,
        "programme: {id: DIP HOSP, title: T}\ncourses:\n  - id: HOS 101\n    title: C\n",
    )
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    assert [str(p) for p in exc.value.problems] == [
        f"{path}:1:13: error: programme.id: 'id' is not a well-formed code: it has a space "
        "(got 'DIP HOSP')\n    fix: a programme id is written with letters, digits, '.', '-' "
        "or '_', starting with a letter or digit, e.g. DIP-HOSP",
        f"{path}:3:5: error: courses[0].id: 'id' is not a well-formed code: it has a space "
        "(got 'HOS 101')\n    fix: a course id is written with letters, digits, '.', '-' or "
        "'_', starting with a letter or digit, e.g. HOS101",
    ]


@pytest.mark.parametrize(
    ("written", "read"), [("FR", "fr"), ("pt_br", "pt-BR"), ("en-gb", "en-GB"), ("km", "km")]
)
def test_language_codes_are_read_in_any_case(tmp_path: Path, framework, written, read) -> None:
    path = write(tmp_path, f"programme: {{id: P, title: T, language: {written}}}\n")
    notes: list = []
    assert load_curriculum(path, framework, notes).programme.language == read
    assert notes == []


def test_a_language_name_is_read_as_its_code_with_a_note(tmp_path: Path, framework) -> None:
    path = write(tmp_path, "programme: {id: P, title: T, language: Français}\n")
    notes: list = []
    assert load_curriculum(path, framework, notes).programme.language == "fr"
    assert [str(n) for n in notes] == [
        f"{path}:1:30: warning: programme.language: the language 'Français' is read as its "
        "code 'fr'\n    fix: write the code 'fr' to say the same without this note"
    ]


def test_anything_else_as_language_is_refused_with_the_list(tmp_path: Path, framework) -> None:
    path = write(tmp_path, "programme: {id: P, title: T, language: Klingon}\n")
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    (problem,) = exc.value.problems
    assert (problem.code, problem.message, problem.fix) == (
        "curriculum.unknown-language",
        "'Klingon' is not a language code or the name of a language",
        "write a code such as en, fr, es, pt, th, km, lo, my, vi, id, ms, tl (a region may "
        "follow: pt-BR), or the language's name in English, French, Spanish or Portuguese",
    )


def test_a_module_with_marks_but_no_hours_is_a_warning(tmp_path: Path, framework) -> None:
    target = framework.statement_ids()[0]
    path = write(
        tmp_path,
        "programme: {id: P, title: T}\ncourses:\n  - id: C1\n    title: C\n    modules:\n"
        f"      - {{id: M1, title: A, hours: 2, maps: [{{to: {target}, depth: I}}]}}\n"
        f"      - {{id: M2, title: B, maps: [{{to: {target}, depth: R}}]}}\n",
    )
    notes: list = []
    load_curriculum(path, framework, notes)
    assert [str(n) for n in notes] == [
        f"{path}:7:9: warning: courses[0].modules[1].hours: module 'M2' has coverage marks "
        "but no hours, so it counts as 0 hours\n"
        "    fix: write the module's hours (0 when it really has none)"
    ]


def test_a_review_file_given_as_a_curriculum_is_named(tmp_path: Path, framework) -> None:
    path = write(tmp_path, "source: gap.xlsx\ndecisions:\n  - {finding: a:b, status: Open}\n")
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    (problem,) = exc.value.problems
    assert (problem.code, problem.message) == (
        "file.is-review",
        "this is a review file (reviewer decisions read from a gap workbook), not a curriculum",
    )


def test_audiences_that_are_not_a_list_are_an_input_problem(tmp_path: Path, framework) -> None:
    path = write(tmp_path, "courses: null\nprogramme: {audiences: 1, id: P, title: T}\n")
    with pytest.raises(InputError) as exc:
        load_curriculum(path, framework)
    assert sorted(p.message for p in exc.value.problems) == [
        "'audiences' must be a list",
        "'courses' must be a list",
    ]


def test_a_mapping_to_a_retired_item_is_a_warning_naming_its_successors(tmp_path: Path) -> None:
    from competency_kit.documents.framework_io import load_framework

    from ..versions_example import write_versions

    _, new, curriculum = write_versions(tmp_path)
    warnings: list = []
    load_curriculum(curriculum, load_framework(new), warnings)
    found = {(w.value, w.line, w.severity, w.code) for w in warnings}
    assert found == {
        ("CP1.2-S1", 11, "warning", "curriculum.retired-target"),
        ("CP1.2-A1", 12, "warning", "curriculum.retired-target"),
        ("CP2.1-K1", 17, "warning", "curriculum.retired-target"),
        ("CP2.1-K2", 18, "warning", "curriculum.retired-target"),
    }
    fixes = {w.value: w.fix for w in warnings}
    assert "CP1.2-S3, CP1.2-S4" in fixes["CP1.2-S1"]
    assert "nothing replaces it" in fixes["CP1.2-A1"]


@pytest.mark.parametrize("value", ["1", '"front-line"'])
def test_programme_audiences_that_are_not_a_list_are_one_schema_error(
    tmp_path: Path, framework, value: str
) -> None:
    text = CURRICULUM.replace(
        "title: Diploma in Hospitality}", f"title: Diploma, audiences: {value}}}"
    )
    with pytest.raises(InputError) as exc:
        load_curriculum(write(tmp_path, text), framework)
    assert [p.field for p in exc.value.problems] == ["programme.audiences"]
