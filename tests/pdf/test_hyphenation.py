"""Hyphenation patterns kept in the cache folder: read back, they hyphenate exactly as a fresh
parse does, and anything that does not match its pattern file is parsed again."""

from __future__ import annotations

import json
from pathlib import Path

import pyphen
import pytest

from competency_kit.core.cache import CACHE_ENV
from competency_kit.pdf.hyphenation import (
    PatternsOnDisk,
    read_patterns,
    save_patterns,
    use_pattern_cache,
)

WORDS = {
    "en_GB": ["safeguarding", "accommodation", "responsibilities", "international", "hotel"],
    "fr": ["établissement", "responsabilités", "hébergement", "professionnels", "enfant"],
    "es": ["establecimiento", "responsabilidades", "alojamiento", "profesionales", "niño"],
}


def pattern_file(lang: str) -> Path:
    return Path(str(pyphen.LANGUAGES[pyphen.language_fallback(lang)]))


@pytest.fixture
def fresh_pyphen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that has parsed no patterns yet."""
    monkeypatch.setattr(pyphen, "hdcache", {})


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_patterns_read_back_hyphenate_as_a_fresh_parse_does(tmp_path: Path, lang: str) -> None:
    path = pattern_file(lang)
    parsed = pyphen.HyphDict(path)
    save_patterns(tmp_path, path, parsed)
    cached = read_patterns(tmp_path, path)
    assert cached is not None
    assert cached.patterns == parsed.patterns
    for word in WORDS[lang]:
        assert cached.positions(word) == parsed.positions(word)


def test_pyphen_parses_once_then_reads_the_cache_in_the_next_process(
    tmp_path: Path, fresh_pyphen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert use_pattern_cache()
    first = pyphen.Pyphen(lang="en_GB").inserted("safeguarding responsibilities")
    assert list(tmp_path.rglob("hyph_en_GB-*.json"))

    # The next process: nothing parsed yet, and parsing is not allowed.
    monkeypatch.setattr(pyphen, "hdcache", {})
    assert use_pattern_cache()

    def no_parse(self: pyphen.HyphDict, path: Path) -> None:
        raise AssertionError(f"{path} was parsed although the cache holds it")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parse)
    assert pyphen.Pyphen(lang="en_GB").inserted("safeguarding responsibilities") == first
    assert "-" in first


def test_patterns_saved_for_another_pattern_file_are_not_used(tmp_path: Path) -> None:
    path = pattern_file("fr")
    save_patterns(tmp_path, path, pyphen.HyphDict(path))
    (entry,) = tmp_path.glob("hyph_fr-*.json")
    record = json.loads(entry.read_text(encoding="utf-8"))
    record["stamp"][2] += 1  # the file's size: another pattern file, or another pyphen
    entry.write_text(json.dumps(record), encoding="utf-8")
    assert read_patterns(tmp_path, path) is None


@pytest.mark.parametrize("damage", ["", "{not json", '{"stamp": 1}', '{"stamp": [], "p": 2}'])
def test_a_damaged_cache_file_means_a_parse_not_an_error(
    tmp_path: Path, fresh_pyphen: None, damage: str
) -> None:
    path = pattern_file("es")
    save_patterns(tmp_path, path, pyphen.HyphDict(path))
    (entry,) = tmp_path.glob("hyph_es-*.json")
    entry.write_text(damage, encoding="utf-8")
    assert read_patterns(tmp_path, path) is None
    pyphen.hdcache = PatternsOnDisk(tmp_path, {})
    assert pyphen.Pyphen(lang="es").inserted("establecimiento") == "es-ta-ble-ci-mien-to"
    assert read_patterns(tmp_path, path) is not None  # the fresh parse replaced it


def test_non_standard_hyphenation_data_is_not_cached(tmp_path: Path) -> None:
    path = pattern_file("fr")
    parsed = pyphen.HyphDict(path)
    tag, (start, values) = next(iter(parsed.patterns.items()))
    parsed.patterns[tag] = (start, (pyphen.DataInt(values[0], ("ff=f", 1, 1)), *values[1:]))
    save_patterns(tmp_path, path, parsed)
    assert not list(tmp_path.iterdir())


def test_with_the_cache_off_pyphen_is_left_as_it_is(
    monkeypatch: pytest.MonkeyPatch, fresh_pyphen: None
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert not use_pattern_cache()
    assert type(pyphen.hdcache) is dict


def test_the_pdf_engine_hands_pyphen_the_cache(fresh_pyphen: None) -> None:
    from competency_kit.pdf.engine import PdfEngine
    from competency_kit.pdf.handouts import HANDOUT_STYLESHEETS
    from competency_kit.pdf.templating import TemplateSet

    PdfEngine(TemplateSet(), HANDOUT_STYLESHEETS)
    assert isinstance(pyphen.hdcache, PatternsOnDisk)
