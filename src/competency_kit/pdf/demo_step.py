"""The documents' part of ``competency-kit demo``: the guide and handouts of the sample diploma."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..models.framework import Framework

if TYPE_CHECKING:
    from ..demo import DemoExample


def documents_demo_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """guide.pdf and handouts/ for the example diploma."""
    if example is None:
        return []
    from .guide import write_guide
    from .handouts import write_handouts

    curriculum, profile = example.curriculum, example.profile
    guide = write_guide(framework, curriculum, example.report, out / "guide.pdf", profile=profile)
    batch = write_handouts(framework, curriculum, out / "handouts", profile=profile)
    if batch.failed:
        raise RuntimeError(f"demo handouts failed: {batch.failed}")
    return [guide, *batch.written]
