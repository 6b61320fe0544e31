"""The fast YAML reader returns exactly what ruamel.yaml's safe loader returns, and leaves
everything beyond plain data to it."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from competency_kit.core.resources import bundled_framework, examples_dir
from competency_kit.documents.yaml_fast import NotPlain, load_plain


def safe_load(text: str) -> object:
    return YAML(typ="safe").load(text)


# Plain scalars whose type the YAML 1.2 resolver decides: numbers, booleans, nulls, dates and
# near misses that must stay text.
TRICKY = [
    *("yes", "No", "on", "OFF", "y", "true", "True", "TRUE", "false", "tRue"),
    *("~", "null", "Null", "NULL", "nul", ""),
    *("0", "-0", "+1", "017", "0o17", "0x1F", "0b101", "1_000", "12:30", "1:20:03"),
    *("1.0", "1.", ".5", "-.5e3", "1e3", "6.02E+23", ".inf", "-.Inf", ".NaN", ".nan"),
    *("2026-01-02", "2026-1-2", "2026-01-02 10:00:00", "2026-01-02T10:00:00Z", "2026-13-45"),
    *("=", "<<x", "CP1.1-K1", "M*", "I", "a b", "'quoted'", '"double"', "\\x01"),
]

plain = st.sampled_from([t for t in TRICKY if t and not t.startswith(("'", '"'))])
quoted = st.sampled_from(TRICKY).map(lambda t: "'" + t.replace("'", "''") + "'")
scalars = st.one_of(plain, quoted, st.sampled_from(['"\\t tab"', '"line\\nbreak"', "''"]))


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """YAML text: a block mapping of scalars, flow lists, and nested mappings or lists."""
    lines = []
    indent = "  " * depth
    for index in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["scalar", "flow", "block-map", "block-seq"]))
        key = draw(st.one_of(st.just(f"key{index}"), plain.filter(lambda t: t not in ("", "="))))
        key = f"k{index}-{key}" if draw(st.booleans()) else f"{key}{index}"
        if kind == "scalar" or depth >= 3:
            lines.append(f"{indent}{key}: {draw(scalars)}")
        elif kind == "flow":
            items = draw(st.lists(scalars.filter(bool), max_size=4))
            lines.append(f"{indent}{key}: [{', '.join(items)}]")
        elif kind == "block-map":
            lines.append(f"{indent}{key}:")
            lines.append(draw(documents(depth + 1)))
        else:
            lines.append(f"{indent}{key}:")
            for item in draw(st.lists(scalars, min_size=1, max_size=3)):
                lines.append(f"{indent}  - {item}")
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_same_data_as_the_safe_loader(text: str) -> None:
    try:
        expected = repr(safe_load(text))  # repr: tells 1 from 1.0 and True, and nan from nan
    except (YAMLError, ValueError):  # ValueError: a date such as 2026-13-45
        with pytest.raises((YAMLError, ValueError, NotPlain)):
            load_plain(text)
        return
    assert repr(load_plain(text)) == expected, text


def test_same_data_for_the_bundled_files() -> None:
    files = [bundled_framework(), *sorted(examples_dir().glob("*.yaml"))]
    for path in files:
        text = Path(path).read_text(encoding="utf-8")
        assert load_plain(text) == safe_load(text), path


def test_dumped_data_reads_back_the_same() -> None:
    data = {
        "numbers": [0, -3, 1.5, float("inf")],
        "flags": [True, False, None],
        "text": ["yes", "0o17", "2026-01-02", "=x", "é ü", "multi\nline"],
        "nested": {"list": [{"a": 1}, [], {}], "empty": ""},
    }
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    assert load_plain(out.getvalue()) == data


def test_aliases_share_one_value() -> None:
    data = load_plain("base: &b {hours: 2}\ncopy: *b\nlist: [*b, *b]\n")
    assert data == {"base": {"hours": 2}, "copy": {"hours": 2}, "list": [{"hours": 2}] * 2}
    assert data["copy"] is data["base"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<<: {a: 1}\nb: 2\n", "merge"),
        ("a: 1\na: 2\n", "repeated"),
        ("? [1, 2]\n: pair\n", "list or a mapping"),
        ("&a [1, *a]\n", "contains itself"),
        ("a: !custom 3\n", "tag !custom"),
        ("a: !!set {x}\n", "set"),
        ("%YAML 1.2\n---\na: 1\n", "directive"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nesting"),
    ],
)
def test_beyond_plain_data_is_left_to_the_full_loader(text: str, reason: str) -> None:
    with pytest.raises(NotPlain, match=reason):
        load_plain(text)


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: b: c\n", "a: 1\n---\nb: 2\n", "\ta: 1\n"])
def test_syntax_errors_are_ruamels_own(text: str) -> None:
    with pytest.raises(YAMLError):
        load_plain(text)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_documents_are_none(text: str) -> None:
    assert load_plain(text) is None


def test_the_garbage_collector_is_left_as_it_was() -> None:
    assert gc.isenabled()
    load_plain("a: 1\n")
    with pytest.raises(YAMLError):
        load_plain("a: [1\n")
    assert gc.isenabled()
    gc.disable()
    try:
        load_plain("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
