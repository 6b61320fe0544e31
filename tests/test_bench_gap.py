"""The gap benchmark's baseline writes the same workbook competency-kit writes, so its ratios
compare like with like (the benchmark itself is timed by hand, not here)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.excel.gap.workbook import write_gap_workbook

from .conftest import ROOT


def bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return bench_module("bench_gap")


def extract(bench: ModuleType, workbook: Path) -> dict:
    """As the benchmark hands it to the bare writer: through a JSON file."""
    return json.loads(json.dumps(bench.workbook_contents(workbook)))


@pytest.mark.parametrize("source", ["example", "generated"])
def test_the_bare_writer_writes_the_same_workbook(
    bench: ModuleType, framework, tmp_path: Path, source: str
) -> None:
    if source == "example":
        curriculum = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    else:
        curriculum = bench.generate(framework, 40)
    ours, bare = tmp_path / "gap.xlsx", tmp_path / "bare.xlsx"
    write_gap_workbook(analyse(framework, curriculum), framework, curriculum, ours)
    contents = extract(bench, ours)
    bench.load_bare_writer().bare_write(contents, str(bare))
    bench.check_same_output(ours, bare)  # exits the benchmark when they differ
    sheets = [sheet["name"] for sheet in contents["sheets"]]
    assert sheets == ["Summary", "Findings", "Coverage", "Framework", "Modules"]
    assert bench.workbook_features(bare)["Summary"]["charts"] == 2


def test_a_different_workbook_is_caught(bench: ModuleType, framework, tmp_path: Path) -> None:
    curriculum = bench.generate(framework, 20)
    ours = tmp_path / "gap.xlsx"
    write_gap_workbook(analyse(framework, curriculum), framework, curriculum, ours)
    contents = extract(bench, ours)
    writer = bench.load_bare_writer()
    matrix_only = tmp_path / "matrix.xlsx"
    writer.bare_write(contents, str(matrix_only), only="Coverage")
    with pytest.raises(SystemExit):
        bench.check_same_output(ours, matrix_only)
    contents["styles"][0].setdefault("font", {})["italic"] = True
    restyled = tmp_path / "restyled.xlsx"
    writer.bare_write(contents, str(restyled))
    with pytest.raises(SystemExit):
        bench.check_same_output(ours, restyled)
