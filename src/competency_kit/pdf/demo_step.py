"""The documents' part of ``competency-kit demo``: the guide and handouts of the sample diploma."""

from __future__ import annotations

from pathlib import Path

from ..models.framework import Framework

DEMO_CURRICULUM = "hospitality-diploma.yaml"
DEMO_PROFILE = "profile.yaml"


def documents_demo_step(framework: Framework, out: Path) -> list[Path]:
    """guide.pdf and handouts/ for the example diploma (skipped when examples are absent)."""
    from ..resources import examples_dir

    try:
        examples = examples_dir()
    except FileNotFoundError:
        return []
    example = examples / DEMO_CURRICULUM
    if not example.is_file():
        return []
    from ..analysis import analyse
    from ..curriculum_io import load_curriculum
    from .guide import write_guide
    from .handouts import write_handouts
    from .profile import load_profile

    curriculum = load_curriculum(example, framework)
    profile = load_profile(examples / DEMO_PROFILE) if (examples / DEMO_PROFILE).is_file() else None
    guide = write_guide(
        framework, curriculum, analyse(framework, curriculum), out / "guide.pdf", profile=profile
    )
    batch = write_handouts(framework, curriculum, out / "handouts", profile=profile)
    if batch.failed:
        raise RuntimeError(f"demo handouts failed: {batch.failed}")
    return [guide, *batch.written]
