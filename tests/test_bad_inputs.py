"""Every bad input in the corpus ends with exit code 2 and a message naming the file and place.

Each case runs the real command in a separate process, with a time limit and a memory cap, so a
hang or a runaway allocation fails the test instead of the machine.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = YAML(typ="safe").load(CORPUS / "cases.yaml")
TIME_LIMIT_S = 60
MEMORY_LIMIT = 2 * 1024**3


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_case(command: str, file: str, out: Path) -> subprocess.CompletedProcess[str]:
    args = [part.replace("{file}", file).replace("{out}", str(out)) for part in command.split()]
    return subprocess.run(
        [sys.executable, "-m", "competency_kit", *args],
        cwd=CORPUS,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        preexec_fn=limited,
    )


def test_corpus_is_large_and_every_file_has_a_case() -> None:
    files = {
        str(p.relative_to(CORPUS))
        for p in CORPUS.rglob("*")
        if p.is_file() and p.name != "cases.yaml" and p.suffix != ".py"
    }
    assert len(files) >= 40
    assert files == {case["file"] for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input(case: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = run_case(case["command"], case["file"], out)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    expected = f"{case['place']}: error: "
    assert any(line.startswith(expected) and case["message"] in line for line in errors), (
        result.stderr
    )
    assert not out.exists(), "a failed command must not leave an output file"
    assert list(tmp_path.iterdir()) == []
