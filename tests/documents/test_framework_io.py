"""Loading frameworks: the bundled one passes strictly; every bad input gets a precise message."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from competency_kit.core.errors import InputError
from competency_kit.documents.framework_io import check_framework, load_framework

MINIMAL = """\
id: demo
title: Demo framework
version: "1.0"
levels:
  - {id: foundation, title: Foundation}
audiences:
  - {id: all-staff, title: All staff}
areas:
  - id: CP1
    title: Concepts
    competencies:
      - id: CP1.1
        title: Core terms
        audiences: [all-staff]
        level: foundation
        statements:
          - {id: CP1.1-K1, dimension: knowledge, text: Explains who is a child.}
          - {id: CP1.1-S1, dimension: skill, text: Uses current terminology.}
          - {id: CP1.1-A1, dimension: attitude, text: Treats every child as a rights holder.}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "framework.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p).splitlines()[0] for p in exc.value.problems]


def test_bundled_framework_passes_strict_and_meets_the_brief(framework) -> None:
    check = check_framework(strict=True)
    assert check.problems == []
    assert [a.id for a in framework.areas] == [f"CP{i}" for i in range(1, 10)]
    assert sum(1 for _ in framework.competencies()) >= 24
    assert len(framework.statement_ids()) >= 100
    assert len(framework.glossary) >= 20
    for _, competency in framework.competencies():
        dimensions = Counter(s.dimension for s in competency.statements)
        assert set(dimensions) == {"knowledge", "skill", "attitude"}, competency.id
        assert competency.audiences and competency.level


def test_bundled_framework_says_it_is_original_work(framework) -> None:
    description = framework.description["en"] if framework.description else ""
    assert "original" in description.lower()
    assert "ECPAT" in description


def test_bundled_statements_avoid_vague_verbs(framework) -> None:
    vague = [
        s.id
        for *_, s in framework.statements()
        if "understand" in s.text["en"].lower() or "aware of" in s.text["en"].lower()
    ]
    assert vague == []


def test_minimal_framework_loads(tmp_path: Path) -> None:
    fw = load_framework(write(tmp_path, MINIMAL), strict=True)
    assert fw.statement_ids() == ["CP1.1-K1", "CP1.1-S1", "CP1.1-A1"]
    assert fw.expand("CP1.1") == ["CP1.1-K1", "CP1.1-S1", "CP1.1-A1"]


def test_a_folder_means_its_framework_yaml(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL)
    assert load_framework(tmp_path).id == "demo"


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "  \n")
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert messages(exc) == [f"{path}: error: the file is empty"]


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert messages(exc) == [f"{path}: error: this is a binary file, not a framework file"]


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "id: d\ntitle: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert messages(exc) == [f"{path}:2: error: the file is not UTF-8 text (byte 0xe9)"]


def test_wrong_top_level_type(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: CP1\n- id: CP2\n")
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert messages(exc) == [
        f"{path}:1: error: the top level must be a mapping of keys (id, title, areas, ...), "
        "not a list"
    ]


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "id: demo\ntitle: [unclosed\nversion: 1\n")
    with pytest.raises(InputError) as exc:
        load_framework(path)
    (problem,) = exc.value.problems
    assert problem.line == 3 and problem.message.startswith("YAML syntax error:")
    assert "quote" in problem.fix


def test_duplicate_key(tmp_path: Path) -> None:
    path = write(tmp_path, "id: a\nid: b\n")
    with pytest.raises(InputError) as exc:
        load_framework(path)
    (problem,) = exc.value.problems
    assert (problem.line, problem.message.split(":")[0]) == (2, "duplicate key")


def test_duplicate_ids(tmp_path: Path) -> None:
    text = MINIMAL.replace("id: CP1.1-S1", "id: CP1.1-K1")
    path = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert messages(exc) == [
        f"{path}:18:14: error: areas[0].competencies[0].statements[1].id: "
        "duplicate code 'CP1.1-K1' (first used on line 17)"
    ]


def test_dangling_references_suggest_the_right_id(tmp_path: Path) -> None:
    text = MINIMAL.replace("level: foundation", "level: fundation").replace(
        "[all-staff]", "[all-staff, managers]"
    )
    path = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert messages(exc) == [
        f"{path}:15:9: error: areas[0].competencies[0].level: unknown level 'fundation'",
        f"{path}:14:32: error: areas[0].competencies[0].audiences[1]: unknown audience 'managers'",
    ]
    assert exc.value.problems[0].fix.startswith("did you mean 'foundation'?")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("dimension: skill", "dimension: skills")
        .replace("title: Core terms", "titel: Core terms")
        .replace("level: foundation", "level: expert")
    )
    with pytest.raises(InputError) as exc:
        load_framework(write(tmp_path, text))
    fields = sorted(p.field for p in exc.value.errors)
    assert fields == [
        "areas[0].competencies[0].level",
        "areas[0].competencies[0].statements[1].dimension",
        "areas[0].competencies[0].titel",
        "areas[0].competencies[0].title",
    ]
    misspelt = next(p for p in exc.value.problems if p.field.endswith("titel"))
    assert misspelt.fix.startswith("did you mean 'title'?")


def test_incomplete_competency_is_a_warning_unless_strict(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "          - {id: CP1.1-A1, dimension: attitude, text: Treats every child as a rights "
        "holder.}\n",
        "",
    )
    path = write(tmp_path, text)
    check = check_framework(path)
    assert check.framework is not None
    assert [str(p).splitlines()[0] for p in check.warnings] == [
        f"{path}:12:9: warning: areas[0].competencies[0]: competency CP1.1 has no attitude statement"
    ]
    with pytest.raises(InputError):
        load_framework(path, strict=True)


def test_translations_need_english(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("title: Concepts", "title: {fr: Concepts}"))
    with pytest.raises(InputError) as exc:
        load_framework(path)
    (problem,) = exc.value.problems
    assert problem.field == "areas[0].title"
    assert problem.message == "the English text is missing"
    assert problem.fix == "add an 'en:' entry (other languages are optional)"


def test_translations_are_kept_and_localized(tmp_path: Path) -> None:
    from competency_kit.models.base import localize

    path = write(tmp_path, MINIMAL.replace("title: Concepts", "title: {en: Concepts, fr: Notions}"))
    area = load_framework(path).areas[0]
    assert localize(area.title, "fr") == "Notions"
    assert localize(area.title, "pt-BR") == "Concepts"
    assert area.model_dump()["title"] == {"en": "Concepts", "fr": "Notions"}
