"""Every problem code the source uses is documented in docs/problems.md, and nothing documented
there is stale: front ends and scripts key on these codes."""

from __future__ import annotations

import re

import pytest

from competency_kit.cli.hints import FLAGS, HINTS
from competency_kit.core.errors import InputError, Problem

from ..conftest import ROOT

CODE = re.compile(r"`([a-z]+\.[a-z0-9*-]+)`")


def documented() -> set[str]:
    text = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    return {
        code
        for line in text.splitlines()
        if line.startswith("| `")
        for code in CODE.findall(line.split("|")[1])
    }


def used() -> set[str]:
    codes = set()
    for path in (ROOT / "src" / "competency_kit").rglob("*.py"):
        codes |= set(re.findall(r'code="([a-z]+\.[a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    return codes


def test_every_code_in_the_source_is_documented_and_none_is_stale() -> None:
    assert used() - documented() == set()
    assert documented() - used() - {"schema.*"} == set()


def test_hints_and_flags_name_documented_codes() -> None:
    assert set(HINTS) | set(FLAGS) <= documented()


def test_a_problem_cannot_be_made_without_a_code() -> None:
    with pytest.raises(TypeError):
        Problem(file="f", message="m")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        InputError.single("f", "m", "fix")  # type: ignore[call-arg]
