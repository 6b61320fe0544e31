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
"""

from __future__ import annotations

from typing import Any

import pydyf

FINISHER_VERSION = "1"
"""Part of every document's fingerprint: raise it whenever ``finish_pdf`` changes what it writes,
so that documents finished the old way are made again."""
_Ref = bytes
"""A pydyf reference, ``b"12 0 R"``."""
LINE_HYPHEN = "\u2010"
"""The hyphenate-character of the stylesheets (base.css)."""
SOFT_HYPHEN = "\u00ad"


def _to_unicode_target(char: str) -> bytes:
    """How WeasyPrint writes a character as the target of a ToUnicode entry: `` <2010>``."""
    return b" <" + char.encode("utf-16-be").hex().encode() + b">"


_LINE_HYPHEN_MAP = _to_unicode_target(LINE_HYPHEN)
_SOFT_HYPHEN_MAP = _to_unicode_target(SOFT_HYPHEN)


def finish_pdf(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher for every document the kit makes."""
    mark_pagination_artifacts(document, pdf)
    soft_line_hyphens(pdf)


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
