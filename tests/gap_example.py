"""The tiny framework and curriculum of tests/data/gap, whose gap figures are worked out by hand
in tests/analysis/test_engine.py; shared by the analysis, workbook and command tests."""

from __future__ import annotations

from pathlib import Path

from competency_kit.app.inputs import load_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

GAP_DATA = Path(__file__).parent / "data" / "gap"
FRAMEWORK = GAP_DATA / "framework.yaml"
CURRICULUM = GAP_DATA / "curriculum.yaml"


def tiny() -> tuple[Framework, Curriculum]:
    framework = load_framework(FRAMEWORK)
    return framework, load_curriculum(CURRICULUM, framework)
