"""Text from other systems, made fit for a framework file, the same way for CASE and Moodle.

- ``unfit_characters``: control characters, lone surrogates and non-characters, which a YAML file
  cannot hold (or our loader refuses), are taken out; the importer reports each.
- ``html_paragraphs``: HTML (Moodle descriptions, HTML left in CASE text) becomes plain paragraphs;
  images keep their description and address, super- and subscripts stay readable.
- ``ascii_letters`` / ``slug``: ids made from names keep their letters (débutant → debutant).
- ``compact``: empty values are left out, in what we read and what we write.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from competency_kit.models.framework import SLUG_PATTERN

_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")
_SLUG = re.compile(SLUG_PATTERN)


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without empty fields: CASE consumers treat "" and [] as data, not as absent,
    and a framework file reads better without them."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != [] and v != {}}


def fit_text(text: str) -> tuple[str, list[str]]:
    """``text`` with line breaks made ``\\n`` and characters a framework file cannot hold taken
    out, and the names of those taken out (``U+0098``)."""
    text = _LINE_BREAKS.sub("\n", text)
    removed = [f"U+{ord(c):04X}" for c in _UNFIT.findall(text)]
    return (_UNFIT.sub("", text), removed) if removed else (text, [])


# ---------------------------------------------------------------- HTML

_HTML_TAG = re.compile(
    r"(?i)</?(?:p|br|div|span|b|i|u|em|strong|sup|sub|img|a|ul|ol|li|h[1-6]|table|tr|td|th|"
    r"font|pre|code|blockquote|hr)\b[^<>]*>"
)
_BLOCK = re.compile(r"(?i)</?(?:p|div|li|ul|ol|h\d|table|tr|blockquote|pre|hr)(?:\s[^>]*)?/?>")
_ANY_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)
_IMG = re.compile(r"(?i)<img\b([^<>]*)>")
_ATTR = re.compile(r"""(?i)\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SCRIPT = re.compile(r"(?i)<(sup|sub)\b[^<>]*>(.*?)</\1\s*>", re.DOTALL)
_SUPERSCRIPTS = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds HTML markup (a known tag), rather than text that uses ``<``."""
    return bool(_HTML_TAG.search(text))


def html_paragraphs(markup: str) -> list[str]:
    """Plain-text paragraphs of an HTML text: blocks become paragraphs, ``<br>`` a line break,
    an image ``[image: its description (its address)]``, ``x<sup>2</sup>`` ``x²``."""
    text = _IMG.sub(_image, markup)
    text = _SCRIPT.sub(_script, text)
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    paragraphs = []
    for part in _BLOCK.split(text):
        plain = html.unescape(_ANY_TAG.sub("", part))
        lines = [" ".join(line.split()) for line in plain.split("\n")]
        cleaned = "\n".join(line for line in lines if line)
        if cleaned:
            paragraphs.append(cleaned)
    return paragraphs


def _image(match: re.Match[str]) -> str:
    found = {
        m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in _ATTR.finditer(match[1])
    }
    alt, src = found.get("alt", "").strip(), found.get("src", "").strip()
    if alt and src:
        return f"[image: {alt} ({src})]"
    return f"[image: {alt or src}]" if alt or src else ""


def _script(match: re.Match[str]) -> str:
    inner = html.unescape(_ANY_TAG.sub("", match[2])).strip()
    table = _SUPERSCRIPTS if match[1].lower() == "sup" else _SUBSCRIPTS
    converted = inner.translate(table)
    if all(c != o or c.isspace() for c, o in zip(converted, inner, strict=True)):
        return converted
    return ("^" if match[1].lower() == "sup" else "_") + f"({inner})"


# ---------------------------------------------------------------- ids from names

_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"}
)  # fmt: skip


def ascii_letters(text: str) -> str:
    """``text`` with accented Latin letters as their base letters (débutant → debutant,
    Kỹ năng → Ky nang); letters of other scripts are left as they are."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """``text`` as a level or framework id (lower case, hyphens), or "" when it has no Latin
    letters or digits to make one from."""
    found = re.sub(r"[^a-z0-9]+", "-", ascii_letters(text).lower()).strip("-")[:63].strip("-")
    return found if _SLUG.match(found) else ""


def code_from(text: str) -> str:
    """``text`` as an item code (letters, digits, ``.``, ``-``, ``_``), or "" when nothing is left."""
    found = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_letters(text)).strip("-._")
    return found[:100]
