"""What WeasyPrint's tagged PDF needs that no CSS property can say: running headers and
footers marked as pagination artifacts, and line-break hyphens that are not part of the words.

WeasyPrint (70) tags the text of the page margin boxes as ordinary content and maps it in the
parent tree, but leaves it out of the structure tree (its code says the PDF 1.7 way, an
artifact, is not done yet). A screen reader's checker then finds marked content that belongs
to nothing (PDF/UA-1, Matterhorn 01-005 and 18-001). ``mark_pagination_artifacts`` is given to
WeasyPrint as its ``finisher``, which runs on the finished PDF objects before they are
written: each such sequence becomes ``/Artifact <</Type /Pagination>> BDC``, and the content
the tree does reach is numbered again without gaps.

Hyphenation draws a hyphen at the end of a broken line (the CSS ``hyphenate-character``,
U+2010 HYPHEN here). In the text a screen reader or copy-paste gets, that hyphen would split
the word ("coordinat‐" "ors"). PDF says a hyphen added at a line break is written as U+00AD
SOFT HYPHEN, which readers drop when they join the lines (ISO 32000-1, 14.8.2.2.3).
WeasyPrint cannot draw a soft hyphen (Pango shapes it as nothing), so ``soft_line_hyphens``
keeps the drawn U+2010 glyph and maps it to U+00AD in the fonts' ToUnicode tables. Typed
text uses U+002D (a different glyph) and is unchanged; a U+2010 typed into a text would read
as a soft hyphen too.

A passage in another language than the document's (a framework text without a translation,
curriculum content in the programme's language) carries that language as the /Lang of its
structure element, which is what a screen reader switches voice on (``passage_languages``).
The line-break marks of Thai, Khmer, Lao and Burmese leave the title and bookmarks
(``titles_without_break_marks``).
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Iterator
from typing import Any

import pydyf

from competency_kit.pdf.scripts import ZERO_WIDTH_SPACE

LOG = logging.getLogger("competency_kit.pdf")
FINISHER_VERSION = "2"
"""Part of every document's fingerprint: raise it whenever ``finish_pdf`` changes what it writes,
so that documents finished the old way are made again."""
_Ref = bytes
"""A pydyf reference, ``b"12 0 R"``."""
LINE_HYPHEN = "\u2010"
"""The hyphenate-character of the stylesheets (base.css)."""
SOFT_HYPHEN = "\u00ad"
_ZERO_WIDTH_SPACE_UTF8 = ZERO_WIDTH_SPACE.encode("utf-8")


def _to_unicode_target(char: str) -> bytes:
    """How WeasyPrint writes a character as the target of a ToUnicode entry: `` <2010>``."""
    return b" <" + char.encode("utf-16-be").hex().encode() + b">"


_LINE_HYPHEN_MAP = _to_unicode_target(LINE_HYPHEN)
_SOFT_HYPHEN_MAP = _to_unicode_target(SOFT_HYPHEN)


def finish_pdf(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher for every document the kit makes."""
    mark_pagination_artifacts(document, pdf)
    passage_languages(pdf)
    soft_line_hyphens(pdf)
    titles_without_break_marks(pdf)


def soft_line_hyphens(pdf: pydyf.PDF) -> None:
    """Map the line-break hyphen glyph to U+00AD in every font's ToUnicode table."""
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and b"/CMapName /Adobe-Identity-UCS def" in obj.stream:
            obj.stream[:] = [
                line[: -len(_LINE_HYPHEN_MAP)] + _SOFT_HYPHEN_MAP
                if isinstance(line, bytes) and line.endswith(_LINE_HYPHEN_MAP)
                else line
                for line in obj.stream
            ]


def titles_without_break_marks(pdf: pydyf.PDF) -> None:
    """Take the zero-width spaces that mark Thai, Khmer, Lao and Burmese line breaks out of
    the document title, its XMP copy and the bookmarks, which are read aloud as they are.

    The page text keeps them (they are drawn as nothing and left out of the extracted text)."""
    for obj in (pdf.info, *pdf.objects):
        if isinstance(obj, pydyf.Dictionary) and isinstance(obj.get("Title"), pydyf.String):
            obj["Title"] = pydyf.String(obj["Title"].string.replace(ZERO_WIDTH_SPACE, ""))
    metadata_ref = pdf.catalog.get("Metadata")
    if metadata_ref is not None:
        metadata = pdf.objects[_number(metadata_ref)]
        metadata.stream[:] = [
            part.replace(_ZERO_WIDTH_SPACE_UTF8, b"") if isinstance(part, bytes) else part
            for part in metadata.stream
        ]


def _number(reference: _Ref) -> int:
    return int(reference.split()[0])


def mark_pagination_artifacts(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: marked content outside the structure tree becomes an artifact.

    ``document`` is WeasyPrint's; only the PDF objects are read and changed."""
    root_ref = pdf.catalog.get("StructTreeRoot")
    if root_ref is None:
        return  # an untagged PDF has nothing to mark
    root = pdf.objects[_number(root_ref)]
    reached = _reached_elements(pdf, root)
    nums = pdf.objects[_number(root["ParentTree"])]["Nums"]
    # pydyf lists the pages as "number 0 R" triplets.
    pages = [pdf.objects[number] for number in pdf.pages["Kids"][::3]]
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        if isinstance(value, pydyf.Array) and key < len(pages):
            stream = pdf.objects[_number(pages[key]["Contents"])]
            _mark_page(pdf, stream, value, reached)


def _reached_elements(pdf: pydyf.PDF, root: pydyf.Dictionary) -> set[int]:
    """Object numbers of every structure element the tree reaches from its root."""
    reached: set[int] = set()
    todo = [_number(ref) for ref in root["K"]]
    while todo:
        number = todo.pop()
        if number in reached:
            continue
        reached.add(number)
        element = pdf.objects[number]
        todo.extend(_number(kid) for kid in element.get("K", ()) if isinstance(kid, bytes))
    return reached


def _mark_page(
    pdf: pydyf.PDF, stream: pydyf.Stream, parents: pydyf.Array, reached: set[int]
) -> None:
    """Turn the page's unreached sequences into artifacts and renumber the others 0, 1, 2…"""
    kept = [mcid for mcid, ref in enumerate(parents) if _number(ref) in reached]
    if len(kept) == len(parents):
        return
    renumbered = {old: new for new, old in enumerate(kept)}
    items = stream.stream
    for index, item in enumerate(items):
        if isinstance(item, pydyf.Dictionary) and "MCID" in item and index > 0:
            mcid = item["MCID"]
            if mcid in renumbered:
                item["MCID"] = renumbered[mcid]
            else:
                items[index - 1] = "/Artifact"
                items[index] = pydyf.Dictionary({"Type": "/Pagination"})
    for ref in {parents[old] for old in kept}:
        element = pdf.objects[_number(ref)]
        element["K"] = pydyf.Array(
            renumbered.get(kid, kid) if isinstance(kid, int) else kid for kid in element["K"]
        )
    parents[:] = [parents[old] for old in kept]


# Passage languages ------------------------------------------------------------------------
#
# A screen reader takes a passage's language from the /Lang of its structure element, not from
# the HTML. WeasyPrint writes only the document's /Lang, and forgets which box made which
# element once the tree is built, so the pairing is read while it builds the tree: its tree
# builder is wrapped to copy an HTML element's ``lang`` onto the structure element made for it.
# ``passage_languages`` (in the finisher) then keeps a /Lang only where it changes the language.

_BUILDER_PARAMETERS = ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags")
PASSAGE_LANGUAGES_WARNING = (
    "this WeasyPrint builds its structure tree differently from the versions the kit knows: "
    "passages in another language than the document's are not marked as such in the PDF "
    "(screen readers read them in the document's language)"
)


def mark_passage_languages() -> bool:
    """Wrap WeasyPrint's structure-tree builder so elements keep their HTML ``lang``; once per
    process. False (with a warning) when the builder is not the one this was written for."""
    tags_module = importlib.import_module("weasyprint.pdf.tags")
    builder = getattr(tags_module, "_build_box_tree", None)
    if getattr(builder, "keeps_passage_languages", False):
        return True
    if builder is None or tuple(inspect.signature(builder).parameters) != _BUILDER_PARAMETERS:
        LOG.warning(PASSAGE_LANGUAGES_WARNING)
        return False

    def build_keeping_languages(box: Any, *args: Any) -> Iterator[pydyf.Dictionary]:
        lang = _declared_language(box)
        for element in builder(box, *args):
            if lang and isinstance(element, pydyf.Dictionary) and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    build_keeping_languages.keeps_passage_languages = True  # type: ignore[attr-defined]
    tags_module._build_box_tree = build_keeping_languages  # type: ignore[attr-defined]
    return True


def _declared_language(box: Any) -> str | None:
    """The ``lang`` attribute of the HTML element behind ``box``; none for the root elements,
    whose language is the document's /Lang."""
    element = getattr(getattr(box, "_box", box), "element", None)
    if element is None or getattr(element, "tag", None) in ("html", "body"):
        return None
    lang = element.get("lang") if hasattr(element, "get") else None
    return lang or None


def passage_languages(pdf: pydyf.PDF) -> None:
    """Keep a structure element's /Lang only where it differs from the language it is in."""
    root_ref = pdf.catalog.get("StructTreeRoot")
    if root_ref is None:
        return
    document_lang = _string(pdf.catalog.get("Lang"))
    root = pdf.objects[_number(root_ref)]
    todo = [(_number(ref), document_lang) for ref in root["K"]]
    while todo:
        number, inherited = todo.pop()
        element = pdf.objects[number]
        own = _string(element.get("Lang"))
        if own is not None and _same_language(own, inherited):
            del element["Lang"]
        current = own or inherited
        todo.extend(
            (_number(kid), current) for kid in element.get("K", ()) if isinstance(kid, bytes)
        )


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = value.string if isinstance(value, pydyf.String) else str(value)
    return text or None


def _same_language(one: str, other: str | None) -> bool:
    return other is not None and one.casefold() == other.casefold()
