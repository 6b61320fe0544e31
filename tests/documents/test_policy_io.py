"""Reading policy files: defaults, both key spellings, and every problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit.core.errors import InputError
from competency_kit.documents.policy_io import load_policy

from ..conftest import ROOT
from ..gap_example import tiny


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_read_and_defaults_kept(tmp_path: Path) -> None:
    policy = load_policy(
        write(
            tmp_path,
            ("rules:\n  area-coverage: {threshold: 0.8}\n  never_assessed: {enabled: false}\n"),
        )
    )
    assert policy.rules.area_coverage.threshold == 0.8
    assert policy.rules.never_assessed.enabled is False
    assert policy.rules.minimum_hours.min_hours == 2
    assert policy.rules.required_depth.levels == {
        "foundation": "I",
        "intermediate": "R",
        "advanced": "M",
    }


def test_every_problem_with_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (
            "rules:\n"
            "  area-coverage:\n"
            "    threshold: 1.5\n"
            "  never-assessed:\n"
            "    severity: critical\n"
            "  minimum-hours:\n"
            "    min_hour: 3\n"
        ),
    )
    with pytest.raises(InputError) as caught:
        load_policy(path)
    found = {(p.line, p.field, p.message) for p in caught.value.problems}
    assert (
        3,
        "rules.area-coverage.threshold",
        "'threshold' must be at most 1",
    ) in found
    assert (
        5,
        "rules.never-assessed.severity",
        "'severity' must be one of high, medium or low",
    ) in found
    assert (7, "rules.minimum-hours.min_hour", "unknown field 'min_hour'") in found
    assert len(caught.value.problems) == 3


def test_unknown_rule_suggests_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_policy(write(tmp_path, "rules:\n  uncoverd-statement: {enabled: false}\n"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (2, "unknown field 'uncoverd-statement'")


def test_level_names_checked_against_the_framework(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (
            "rules:\n"
            "  required-depth:\n"
            "    levels: {foundation: I, expert: M}\n"
            "    audiences:\n"
            "      managers: R\n"
        ),
    )
    with pytest.raises(InputError) as caught:
        load_policy(path, tiny()[0])
    assert [(p.line, p.message, p.fix) for p in caught.value.problems] == [
        (
            3,
            "the framework has no level 'expert'",
            "use one of: foundation, intermediate, advanced",
        ),
        (5, "the framework has no audience 'managers'", "use one of: all-staff, supervisors"),
    ]


def test_the_commented_example_is_the_defaults() -> None:
    from competency_kit.analysis import Policy

    example = load_policy(ROOT / "examples" / "policy.yaml")
    assert example == Policy()


@pytest.mark.parametrize(
    ("text", "message", "fix"),
    [
        (
            "rules:\n  uncovered-statement:\n    severty: low\n",
            "unknown field 'severty'",
            "did you mean 'severity'? remove it or correct the spelling; "
            "allowed here: enabled, severity",
        ),
        (
            "rules:\n  uncoverd-statement:\n    enabled: false\n",
            "unknown field 'uncoverd-statement'",
            "did you mean 'uncovered-statement'? ",
        ),
        (
            "rules:\n  area-coverage:\n    threshold: 50\n",
            "'threshold' must be at most 1",
            "write a number that is at most 1",
        ),
    ],
)
def test_mistakes_are_explained_in_the_spelling_of_the_file(
    tmp_path: Path, text: str, message: str, fix: str
) -> None:
    with pytest.raises(InputError) as exc:
        load_policy(write(tmp_path, text))
    problem = exc.value.problems[0]
    assert problem.message == message
    assert problem.fix.startswith(fix)
