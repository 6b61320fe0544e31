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
    (problem,) = exc.value.problems
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
