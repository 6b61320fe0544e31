"""Every problem code the source uses is documented in docs/problems.md, and nothing documented
there is stale: front ends and scripts key on these codes."""

from __future__ import annotations

import re

import pytest

from competency_kit.app.guard import _described
from competency_kit.cli.hints import FLAGS, HINTS
from competency_kit.core.errors import InputError, Problem
from competency_kit.documents.sniff import KINDS, MARKERS

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


def families() -> set[str]:
    """Prefixes of codes made from a kind, such as ``output.holds-{kind}``."""
    prefixes = set()
    for path in (ROOT / "src" / "competency_kit").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        prefixes |= set(re.findall(r'f"([a-z]+\.[a-z0-9-]+-)\{', text))
    return prefixes


def test_every_code_in_the_source_is_documented_and_none_is_stale() -> None:
    assert used() - documented() == set()
    made = {code for code in documented() if code.startswith(tuple(families()))}
    assert documented() - used() - made - {"schema.*"} == set()


def test_every_family_of_codes_is_documented_member_by_member() -> None:
    assert families() == {"file.is-", "output.holds-"}
    assert {kind.code for kind in KINDS.values()} <= documented()
    guarded = {f"output.holds-{kind}" for kind in MARKERS if _described(kind, {}) is not None}
    assert guarded and guarded <= documented()


def test_hints_and_flags_name_documented_codes() -> None:
    assert set(HINTS) | set(FLAGS) <= documented()


def test_a_problem_cannot_be_made_without_a_code() -> None:
    with pytest.raises(TypeError):
        Problem(file="f", message="m")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        InputError.single("f", "m", "fix")  # type: ignore[call-arg]
