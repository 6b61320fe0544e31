"""Language codes as people type them: ``FR``, ``fr-FR``, ``fr_CA``, or a language's name.

One place for every front end and reader:

- :func:`canonical` writes a code the way documents carry it (``fr``, ``fr-CA``), or None
  when the text is not shaped like a code;
- :func:`normalise` also checks that the language is one of those ``available`` (the label
  catalogues, a framework's translations) and otherwise raises a problem that lists them;
- :func:`code_for_name` turns ``English``, ``Français``, ``Inglés`` … into ``en``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from competency_kit.core.errors import InputError

_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?$")

NAMES: dict[str, tuple[str, ...]] = {
    "en": ("English", "Anglais", "Inglés", "Inglês"),
    "fr": ("French", "Français", "Francés", "Francês"),
    "es": ("Spanish", "Espagnol", "Español", "Castellano", "Espanhol"),
    "pt": ("Portuguese", "Portugais", "Portugués", "Português"),
    "th": ("Thai", "Thaï", "Tailandés", "Tailandês", "ไทย", "ภาษาไทย"),
    "km": ("Khmer", "Jemer", "Camboyano", "Cambodgien", "ខ្មែរ", "ភាសាខ្មែរ"),
    "lo": ("Lao", "Laotian", "Laotien", "Laosiano", "ລາວ", "ພາສາລາວ"),
    "my": ("Burmese", "Myanmar", "Birman", "Birmano", "Birmanês", "မြန်မာ", "မြန်မာဘာသာ"),
    "vi": ("Vietnamese", "Vietnamien", "Vietnamita", "Tiếng Việt"),
    "id": ("Indonesian", "Indonésien", "Indonesio", "Indonésio", "Bahasa Indonesia"),
    "ms": ("Malay", "Malais", "Malayo", "Malaio", "Bahasa Melayu"),
    "tl": ("Filipino", "Tagalog"),
}
"""Names of the languages our fonts cover, in English, French, Spanish and Portuguese (and
in the language itself). Only these become codes; anything else must be a code."""


def folded(text: str) -> str:
    """``text`` compared loosely: lower case, no accents, single spaces (``Inglês`` ≈ ``ingles``,
    ``Résolu`` ≈ ``resolu``)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


_BY_NAME = {folded(name): code for code, names in NAMES.items() for name in names}


def canonical(text: str) -> str | None:
    """``FR`` → ``fr``, ``fr_ca`` → ``fr-CA``, ``pt-BR`` → ``pt-BR``; None when ``text`` is
    not shaped like a language code (a name, a sentence, an empty cell)."""
    found = _CODE.match(text.strip())
    if not found:
        return None
    language, region = found.groups()
    return f"{language.lower()}-{region.upper()}" if region else language.lower()


def code_for_name(text: str) -> str | None:
    """The code of a language written by its name (``English``, ``Français``), or None."""
    return _BY_NAME.get(folded(text))


def base(code: str) -> str:
    """``fr-CA`` → ``fr``."""
    return code.split("-", 1)[0]


def normalise(code: str, available: Iterable[str], *, place: str = "language") -> str:
    """``code`` written canonically, when its language is one of ``available``.

    ``fr-FR`` is kept as it is (documents say they are in French of France) and counts as
    ``fr``; a name (``French``) is taken as its code. Otherwise raises InputError with the
    code ``lang.unknown`` listing the available languages; ``place`` names where the value
    was given (a front end shows its own control there).
    """
    offered = sorted({base(c) for c in available})
    found = canonical(code) or code_for_name(code)
    if found is not None and base(found) in offered:
        return found
    raise InputError.single(
        place,
        f"'{code}' is not one of the available languages ({', '.join(offered)})",
        f"use one of: {', '.join(offered)} (a region such as fr-CA may follow the code)",
        value=code,
        code="lang.unknown",
    )
