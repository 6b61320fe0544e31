"""Shared fixtures: the bundled framework, the examples, and a place for outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def framework():
    from competency_kit.documents.framework_io import load_framework

    return load_framework()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests needing it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout (CI always has it)")
    return SHARED
