"""``run_gap``: JSON curricula take the fast path with the same result, and keep placed errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from competency_kit.analysis import analyse
from competency_kit.demo import load_example
from competency_kit.errors import InputError
from competency_kit.gap_pipeline import gap_json, run_gap

from .gap_example import FRAMEWORK, tiny


def test_json_curriculum_gives_the_same_report(tmp_path: Path) -> None:
    framework, curriculum = tiny()
    source = tmp_path / "curriculum.json"
    source.write_text(json.dumps(curriculum.model_dump(mode="json"), indent=1), encoding="utf-8")
    run = run_gap(
        source, tmp_path / "gap.xlsx", json_path=tmp_path / "gap.json", framework_path=FRAMEWORK
    )
    assert run.report == analyse(framework, curriculum)
    assert (tmp_path / "gap.json").read_text(encoding="utf-8") == gap_json(run.report)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '{"programme": {"id": "P", "title": "T"},\n "courses": [{"id": "C", "title": "C",\n'
            ' "modules": [{"id": "M", "title": "M", "maps": [{"to": "NOPE", "depth": "I"}]}]}]}',
            3,
            "'NOPE' is not a statement or competency of the framework",
        ),
        (
            '{"programme": {"id": "P", "title": "T"},\n "programme": {"id": "Q", "title": "T"}}',
            2,
            'duplicate key: found duplicate key "programme" with value "{}" (original value: "{}")',
        ),
    ],
)
def test_json_problems_keep_their_lines(tmp_path: Path, text: str, line: int, message: str) -> None:
    source = tmp_path / "curriculum.json"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        run_gap(source, tmp_path / "gap.xlsx", framework_path=FRAMEWORK)
    problem = caught.value.problems[0]
    assert problem.line == line
    assert problem.message.startswith(message.split(" with value")[0])
    assert not (tmp_path / "gap.xlsx").exists()


def test_demo_step_finds_the_planted_gaps(framework, tmp_path: Path) -> None:
    from competency_kit.gap_pipeline import gap_demo_step

    written = gap_demo_step(framework, load_example(framework), tmp_path)
    assert [p.name for p in written] == ["gap.xlsx", "gap.json"]
    report = json.loads((tmp_path / "gap.json").read_text(encoding="utf-8"))
    ids = {f["id"] for f in report["findings"]}
    # The gaps examples/README.md says were planted in the hospitality diploma.
    assert {
        "area-coverage:CP9",
        "missing-dimension:CP5.1:attitude",
        "not-reinforced:CP2.3-K1",
        "not-reinforced:CP2.3-K2",
        "mastered-unassessed:CP6.3-S1",
        "never-assessed:CP6.3-S1",
        "unmapped-module:HOS103-M3",
        "progression-order:CP6.3-K1",
    } <= ids
    assert {
        f"uncovered-statement:{s['id']}" for s in report["statements"] if s["area"] == "CP9"
    } <= ids
