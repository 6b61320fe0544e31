"""What a screen reader finds in a tagged PDF: the structure tree walked with pikepdf, and the
marked content of every page decoded to text, so tests can check PDF/UA-1 (Matterhorn
protocol) checkpoints without veraPDF.

- Figures (13-004): every /Figure element has /Alt; decorative drawing is an artifact.
- Headings (14-002, 14-003): the first is H1 and no level is skipped.
- Marked content (01-005, 18-001): every MCID on a page is reached from the structure tree,
  and text is either reached or an artifact, never outside both.
- Tables (15-xxx): every /Table has at least one /TH.
- Links: the text and order of /Link elements (the contents page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

HEADING = re.compile(r"^/H([1-6])$")


@dataclass
class Element:
    """One structure element, with the text of the marked content it reaches, in order."""

    tag: str
    alt: str | None
    depth: int
    kids: list[Element] = field(default_factory=list)
    mcids: list[tuple[tuple[int, int], int]] = field(default_factory=list)
    """(page object id, MCID) of the marked content directly under this element."""
    annotations: int = 0
    """Annotations (a link's target area) this element holds."""
    lang: str | None = None
    """The element's own /Lang, when it sets one."""


@dataclass
class PdfStructure:
    elements: list[Element]
    """Every element of the tree, in reading (pre-)order."""
    content: dict[tuple[tuple[int, int], int], str]
    """The text of every marked-content sequence with an MCID, by (page, MCID)."""
    artifact_text: list[str]
    """Text drawn inside /Artifact sequences, one string per sequence."""
    untagged_text: list[str]
    """Text drawn outside any marked content: neither tagged nor an artifact."""
    page_of: dict[tuple[int, int], int]
    """Page object id → page number (1-based)."""
    parent_tree: dict[tuple[tuple[int, int], int], tuple[int, int] | None]
    """(page, MCID) → the object id of the element the parent tree names for it."""
    element_ids: dict[int, tuple[int, int]] = field(default_factory=dict)
    """id(Element) → its object id."""

    def text(self, element: Element) -> str:
        """All the text under ``element``, in reading order; a line break counts as a space
        (WeasyPrint draws no space at the end of a line)."""
        parts = (self.content.get(key, "") for key in _mcids_under(element))
        return " ".join(" ".join(parts).split())

    def languages(self) -> list[tuple[str, str]]:
        """(language, text) of every element that sets its own /Lang: the passages in another
        language than the text around them."""
        return [(e.lang, self.text(e)) for e in self.elements if e.lang is not None]

    def text_languages(self, document_lang: str) -> dict[str, str]:
        """The language a screen reader reads each marked-content sequence in, by its text
        (the nearest /Lang above it, else ``document_lang``)."""
        found: dict[str, str] = {}

        def visit(element: Element, inherited: str) -> None:
            lang = element.lang or inherited
            for key in element.mcids:
                found.setdefault(self.content.get(key, ""), lang)
            for kid in element.kids:
                visit(kid, lang)

        for element in self.elements:
            if element.depth == 0:
                visit(element, document_lang)
        return found

    def figures_without_alt(self) -> list[Element]:
        return [e for e in self.elements if e.tag == "/Figure" and not e.alt]

    def headings(self) -> list[tuple[int, str]]:
        return [
            (int(m[1]), self.text(e))
            for e in self.elements
            if (m := HEADING.match(e.tag)) is not None
        ]

    def heading_skips(self) -> list[str]:
        """Headings whose level is more than one below the heading before (or a first heading
        that is not H1), as "H2 → H4 'title'"."""
        skips = []
        previous = 0
        for level, title in self.headings():
            if level > previous + 1:
                skips.append(f"H{previous} → H{level} {title.strip()[:40]!r}")
            previous = level
        return skips

    def unreached_mcids(self) -> list[tuple[int, int, str]]:
        """(page number, MCID, text) of marked content the structure tree does not reach."""
        reached = {key for e in self.elements for key in e.mcids}
        return [
            (self.page_of[page], mcid, text)
            for (page, mcid), text in self.content.items()
            if (page, mcid) not in reached
        ]

    def parent_tree_mismatches(self) -> list[tuple[int, int]]:
        """(page number, MCID) whose parent-tree entry is not the element that holds it."""
        holder = {key: self.element_ids.get(id(e)) for e in self.elements for key in e.mcids}
        return sorted(
            (self.page_of[page], mcid)
            for (page, mcid) in self.content
            if (page, mcid) in holder and self.parent_tree.get((page, mcid)) != holder[(page, mcid)]
        )

    def tables(self) -> list[Element]:
        return [e for e in self.elements if e.tag == "/Table"]

    def tables_without_th(self) -> list[Element]:
        return [t for t in self.tables() if not any(k.tag == "/TH" for k in _walk(t))]

    def links(self) -> list[Element]:
        return [e for e in self.elements if e.tag == "/Link"]

    def links_on_page(self, number: int) -> list[Element]:
        """The links whose text starts on page ``number``, in reading order."""
        return [
            link
            for link in self.links()
            if (first := next(_mcids_under(link), None)) and self.page_of[first[0]] == number
        ]

    def page_text(self, number: int) -> str:
        """The tagged (not artifact) text of page ``number``."""
        return " ".join(
            text for (page, _), text in self.content.items() if self.page_of[page] == number
        )

    def nested_links(self) -> list[Element]:
        return [
            k for link in self.links() for k in _walk(link) if k is not link and k.tag == "/Link"
        ]


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for kid in element.kids:
        yield from _walk(kid)


def _mcids_under(element: Element) -> Iterator[tuple[tuple[int, int], int]]:
    for e in _walk(element):
        yield from e.mcids


def read_structure(path: str | Path) -> PdfStructure:
    with pikepdf.open(path) as pdf:
        page_of = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
        content: dict[tuple[tuple[int, int], int], str] = {}
        artifacts: list[str] = []
        untagged: list[str] = []
        for page in pdf.pages:
            _read_content(page, page.obj.objgen, content, artifacts, untagged)
        elements: list[Element] = []
        ids: dict[int, tuple[int, int]] = {}
        parents: dict[tuple[tuple[int, int], int], tuple[int, int] | None] = {}
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            for kid in _as_list(root.get("/K")):
                _read_element(kid, None, 0, elements, ids)
            parents = _parent_tree(pdf, root)
    assert len(set(ids.values())) == len(ids), "a structure element is reached twice"
    return PdfStructure(elements, content, artifacts, untagged, page_of, parents, ids)


def _parent_tree(
    pdf: pikepdf.Pdf, root: pikepdf.Dictionary
) -> dict[tuple[tuple[int, int], int], tuple[int, int] | None]:
    """The parent tree's entries for page content (a flat number tree, as WeasyPrint writes)."""
    nums = list(root.ParentTree.get("/Nums", []))
    by_key = {int(k): v for k, v in zip(nums[::2], nums[1::2], strict=True)}
    found = {}
    for page in pdf.pages:
        if "/StructParents" not in page.obj:
            continue
        entry = by_key.get(int(page.obj.StructParents))
        for mcid, element in enumerate(_as_list(entry)):
            found[(page.obj.objgen, mcid)] = element.objgen if element.is_indirect else None
    return found


def _as_list(value: object) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _read_element(
    obj: pikepdf.Object,
    page: tuple[int, int] | None,
    depth: int,
    out: list[Element],
    ids: dict[int, tuple[int, int]],
) -> Element | None:
    if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") == "/MCR":
        return None
    if "/Pg" in obj:
        page = obj.Pg.objgen
    alt = obj.get("/Alt")
    element = Element(str(obj.get("/S")), str(alt) if alt is not None else None, depth)
    if "/Lang" in obj:
        element.lang = str(obj.Lang)
    out.append(element)
    if obj.is_indirect:
        ids[id(element)] = obj.objgen
    for kid in _as_list(obj.get("/K")):
        if isinstance(kid, int):
            assert page is not None, "an MCID without a page"
            element.mcids.append((page, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            element.annotations += 1
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            element.mcids.append((kid.Pg.objgen if "/Pg" in kid else page, int(kid.MCID)))
        else:
            child = _read_element(kid, page, depth + 1, out, ids)
            if child is not None:
                element.kids.append(child)
    return element


def _read_content(
    page: pikepdf.Page,
    page_id: tuple[int, int],
    content: dict[tuple[tuple[int, int], int], str],
    artifacts: list[str],
    untagged: list[str],
) -> None:
    """Decode the page's text, sequence by marked-content sequence."""
    fonts = page.Resources.get("/Font", pikepdf.Dictionary())
    maps = {str(name): _to_unicode(font) for name, font in fonts.items()}
    stack: list[tuple[str, int | None]] = []
    texts: list[list[str]] = []
    current: dict[str, str] = {}
    outside: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            mcid = None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                mcid = int(operands[1]["/MCID"]) if "/MCID" in operands[1] else None
            stack.append((tag, mcid))
            texts.append([])
        elif op == "EMC":
            tag, mcid = stack.pop()
            text = "".join(texts.pop())
            if tag == "/Artifact":
                artifacts.append(text)
            elif mcid is not None:
                content[(page_id, mcid)] = text
            elif texts:
                texts[-1].append(text)
        elif op == "Tf":
            current = maps.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"'):
            shown = _decode(operands[-1], current)
            if not stack:
                outside.append(shown)
            elif any(tag == "/Artifact" for tag, _ in stack):
                # Text inside an artifact belongs to the artifact, whatever is nested in it.
                index = max(i for i, (tag, _) in enumerate(stack) if tag == "/Artifact")
                texts[index].append(shown)
            else:
                texts[-1].append(shown)
    assert not stack, f"unbalanced marked content on page {page_id}"
    untagged.extend(t for t in outside if t.strip())


def _decode(operand: pikepdf.Object, cmap: dict[int, str]) -> str:
    parts = operand if isinstance(operand, pikepdf.Array) else [operand]
    out = []
    for part in parts:
        if isinstance(part, pikepdf.String):
            data = bytes(part)
            for i in range(0, len(data) - 1, 2):
                out.append(cmap.get(int.from_bytes(data[i : i + 2], "big"), ""))
    return "".join(out)


def _to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """Glyph code → text, from the font's ToUnicode CMap (two-byte codes, as WeasyPrint writes)."""
    if "/ToUnicode" not in font:
        return {}
    data = font.ToUnicode.read_bytes().decode("latin-1")
    cmap: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            cmap[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                cmap[code] = chr(start + offset)
    return cmap
