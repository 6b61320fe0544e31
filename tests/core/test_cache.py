"""The cache folder: where it is, when it is off, and that it is never an error."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from competency_kit._version import __version__
from competency_kit.core.cache import CACHE_ENV, CACHE_FORMAT, cache_dir


@pytest.mark.parametrize("setting", ["off", "OFF", "0", "no", ""])
def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv(CACHE_ENV, setting)
    assert cache_dir("templates") is None


def test_each_release_and_kind_has_a_folder_of_its_own_readable_by_its_owner_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    folder = cache_dir("hyphenation")
    assert folder == tmp_path / "cache" / f"{__version__}-{CACHE_FORMAT}" / "hyphenation"
    assert folder.is_dir()
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0


def test_a_folder_that_cannot_be_made_turns_the_cache_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    assert cache_dir("templates") is None


def test_without_the_setting_the_platform_user_cache_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    folder = cache_dir("templates")
    assert folder is not None
    assert folder.is_relative_to(tmp_path)
    assert "competency-kit" in folder.parts
