"""The same inputs give byte-identical outputs (with SOURCE_DATE_EPOCH set), so reviewers can
compare versions of a workbook, a report or a document."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from competency_kit.core.resources import examples_dir

CURRICULUM = str(examples_dir() / "tour-guide-certificate.yaml")
COMMANDS = {
    "gap workbook and JSON": ["gap", CURRICULUM, "-o", "out.xlsx", "--json", "out.json"],
    "mapping workbook": ["template", "-o", "out.xlsx", "--curriculum", CURRICULUM],
    "curriculum guide PDF": ["guide", CURRICULUM, "-o", "out.pdf"],
    "handouts": ["handouts", CURRICULUM, "-o", "out"],
    "CASE 1.1 package": ["framework", "export", "--format", "case", "-o", "out.json"],
    "Moodle CSV": ["framework", "export", "--format", "moodle", "-o", "out.csv"],
    "framework show JSON": ["framework", "show", "--format", "json"],
}


def outputs(folder: Path, args: list[str]) -> dict[str, bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run(
        [sys.executable, "-m", "competency_kit", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    files = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return {"stdout": result.stdout, **files}


@pytest.mark.parametrize("args", list(COMMANDS.values()), ids=list(COMMANDS))
def test_two_runs_give_the_same_bytes(args: list[str], tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    one = outputs(first, args)
    time.sleep(1.1)  # a clock read anywhere would now give another second
    two = outputs(second, args)
    assert sorted(one) == sorted(two)
    assert len(one) > 1 or args[:2] == ["framework", "show"]
    for name in one:
        assert one[name] == two[name], f"{name} differs between runs"
