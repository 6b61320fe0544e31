"""Lint, format and type checks run with the suite, so the one test command covers them."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


def tool(name: str) -> str:
    found = shutil.which(name, path=str(ROOT / ".venv" / "bin")) or shutil.which(name)
    if found is None:
        found = str(__import__("pathlib").Path(sys.executable).parent / name)
    return found


@pytest.mark.parametrize(
    "args",
    [
        ["check", "src", "tests", "bench"],
        ["format", "--check", "src", "tests", "bench"],
    ],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff(args: list[str]) -> None:
    result = subprocess.run([tool("ruff"), *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
