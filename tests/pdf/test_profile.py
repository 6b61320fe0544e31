"""The local profile of reporting pathways."""

from __future__ import annotations

import pytest

from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir
from competency_kit.documents.profile_io import load_profile


def test_example_profile_lists_pathways_in_order() -> None:
    profile = load_profile(examples_dir() / "profile.yaml")
    kinds = [kind for kind, _ in profile.pathways()]
    assert kinds == ["national_hotline", "police", "focal_point", "other"]
    assert str(profile.reviewed) == "2025-01-15"


def test_misspelt_key_is_reported_with_its_line(tmp_path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(
        "country: X\nnational_hotline:\n  name: Helpline\n  phon: '116'\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_profile(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (4, "national_hotline.phon")
