"""Handout file names: safe from traversal, device names and collisions."""

from __future__ import annotations

import pytest

from competency_kit.pdf.filenames import safe_stem, unique_file_names


@pytest.mark.parametrize(
    ("identifier", "stem"),
    [
        ("HOS101-M1", "HOS101-M1"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "module"),
        ("a/b\\c:d", "a-b-c-d"),
        (".hidden", "hidden"),
        ("name. ", "name"),
        ("CON", "CON-module"),
        ("com1.M2", "com1.M2-module"),
        ("LPT9", "LPT9-module"),
        ("Módulo ñ 1", "Modulo-n-1"),
        ("", "module"),
        ("x" * 300, "x" * 80),
    ],
)
def test_safe_stem(identifier: str, stem: str) -> None:
    assert safe_stem(identifier) == stem


def test_collisions_get_numbers_also_when_only_case_differs() -> None:
    assert unique_file_names(["M1", "m1", "M1?", "M1-2"], ".pdf") == [
        "M1.pdf",
        "m1-2.pdf",
        "M1-3.pdf",
        "M1-2-2.pdf",
    ]
