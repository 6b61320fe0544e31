"""Shared fixtures: the bundled framework, the examples, and a place for outputs."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled templates, hyphenation patterns and checked frameworks go to a folder of the test session's own,
    never the user's cache (commands run by the tests inherit it)."""
    from competency_kit.core.cache import CACHE_ENV

    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before
