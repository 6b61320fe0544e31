"""Properties of loading: any valid framework or curriculum survives dump → load unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency_kit.app.inputs import load_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.yaml_out import to_yaml

from .strategies import curricula, frameworks

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reload_framework(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "framework.yaml"
        path.write_text(text, encoding="utf-8")
        return load_framework(path)


@SETTINGS
@given(frameworks())
def test_framework_dump_load_is_identity(framework) -> None:
    assert reload_framework(to_yaml(framework, "framework.schema.json")) == framework


@SETTINGS
@given(st.data())
def test_curriculum_dump_load_is_identity(data) -> None:
    framework = data.draw(frameworks())
    curriculum = data.draw(curricula(framework))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "curriculum.yaml"
        path.write_text(to_yaml(curriculum, "curriculum.schema.json"), encoding="utf-8")
        assert load_curriculum(path, framework) == curriculum
