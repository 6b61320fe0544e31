"""The demo reads the example once and every step works from it; without the examples installed
it still writes what needs no example."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit import demo


def test_example_is_read_and_analysed_once(framework) -> None:
    example = demo.load_example(framework)
    assert example is not None
    assert example.curriculum.programme.id == "DIP-HOSP"
    assert example.report.programme.id == "DIP-HOSP"
    assert example.profile is not None


def test_without_the_examples_only_framework_outputs_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        raise FileNotFoundError("examples")

    monkeypatch.setattr(demo, "examples_dir", missing)
    written = demo.run_demo(tmp_path)
    assert sorted(p.name for p in written) == [
        "framework-case-1.0.json",
        "framework-case.json",
        "framework-moodle.csv",
        "framework-summary.txt",
        "framework.json",
        "mapping-blank.xlsx",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
