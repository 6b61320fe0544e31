"""The wheel carries the framework, templates and examples, and works outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (path,) = out.glob("competency_kit-*.whl")
    return path


def test_wheel_contains_bundled_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "competency_kit/_data/framework/framework.yaml" in names
    assert "competency_kit/_data/examples/hospitality-diploma.yaml" in names
    assert any(n.startswith("competency_kit/_data/templates/") for n in names)


@pytest.mark.slow
def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )
    cli = env_dir / "bin" / "competency-kit"
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": ""}
    validate = subprocess.run(
        [cli, "framework", "validate", "--strict"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0, validate.stderr
    assert str(ROOT) not in validate.stderr  # the installed copy was used, not the checkout
    demo = subprocess.run(
        [cli, "demo", "-o", "out"], cwd=work, env=env, capture_output=True, text=True, timeout=900
    )
    assert demo.returncode == 0, demo.stderr
    data = json.loads((work / "out" / "framework.json").read_text())
    assert len(data["areas"]) == 9
