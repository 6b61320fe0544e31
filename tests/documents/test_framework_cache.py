"""Frameworks kept in the cache folder: read back only for the very file, and equal to a
fresh parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit.core.cache import CACHE_ENV
from competency_kit.core.errors import InputError
from competency_kit.core.resources import bundled_framework
from competency_kit.documents import framework_cache, framework_io
from competency_kit.documents.framework_io import check_framework, load_framework
from tests.documents.test_framework_io import MINIMAL


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty cache folder, and no framework remembered by this process."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(framework_io, "_loaded", {})
    return tmp_path / "cache"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/frameworks/*.json"))


def load_anew(path: Path | None = None, *, strict: bool = False):
    """Load as a new command would: nothing remembered in the process, only the cache folder."""
    framework_io._loaded.clear()
    return load_framework(path, strict=strict)


def without_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the framework file was parsed again")

    monkeypatch.setattr(framework_io, "check_framework", refuse)


def test_the_bundled_framework_read_back_equals_a_fresh_parse(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = check_framework(bundled_framework()).framework
    assert load_anew() == fresh
    assert len(entries(cache)) == 1
    without_parsing(monkeypatch)
    kept = load_anew()
    assert kept == fresh
    assert kept.title["fr"] == fresh.title["fr"] != fresh.title["en"]


def test_an_edited_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_anew(path).title["en"] == "Demo framework"
    path.write_text(MINIMAL.replace("Demo framework", "Edited framework"), encoding="utf-8")
    assert load_anew(path).title["en"] == "Edited framework"
    assert len(entries(cache)) == 2


def test_a_framework_with_errors_is_never_kept(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(MINIMAL.replace("level: foundation", "level: fundation"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError) as raised:
            load_anew(path)
        assert "fundation" in str(raised.value)
    assert entries(cache) == []


def test_strict_and_lenient_checks_are_kept_apart(cache: Path, tmp_path: Path) -> None:
    incomplete = MINIMAL.replace(
        "          - {id: CP1.1-A1, dimension: attitude, text: Treats every child as a rights "
        "holder.}\n",
        "",
    )
    path = tmp_path / "framework.yaml"
    path.write_text(incomplete, encoding="utf-8")
    assert load_anew(path).statement_ids() == ["CP1.1-K1", "CP1.1-S1"]
    with pytest.raises(InputError):
        load_anew(path, strict=True)


def test_a_damaged_entry_is_parsed_again_and_replaced(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    load_anew(path)
    [entry] = entries(cache)
    entry.write_bytes(entry.read_bytes()[:100])
    assert load_anew(path).statement_ids() == ["CP1.1-K1", "CP1.1-S1", "CP1.1-A1"]
    assert load_anew(path) == check_framework(path).framework
    assert len(entry.read_bytes()) > 100


def test_only_the_most_recently_used_are_kept(cache: Path, tmp_path: Path) -> None:
    for n in range(framework_cache.KEPT + 3):
        path = tmp_path / f"framework-{n}.yaml"
        path.write_text(MINIMAL.replace("Demo framework", f"Framework {n}"), encoding="utf-8")
        load_anew(path)
    assert len(entries(cache)) == framework_cache.KEPT


def test_with_the_cache_off_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setattr(framework_io, "_loaded", {})
    path = tmp_path / "framework.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_anew(path).statement_ids() == ["CP1.1-K1", "CP1.1-S1", "CP1.1-A1"]
    assert list(tmp_path.rglob("*.json")) == []
