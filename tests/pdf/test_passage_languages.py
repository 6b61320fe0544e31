"""Passages in another language than the document's, as a screen reader finds them in the PDF:
their own /Lang on the structure element; no line-break marks in what is read aloud."""

from __future__ import annotations

import subprocess

import pikepdf
import pytest

from competency_kit.models.framework import Framework
from competency_kit.pdf.guide import write_guide
from competency_kit.pdf.scripts import ZERO_WIDTH_SPACE
from competency_kit.pdf.tagging import mark_passage_languages, passage_languages

from .conftest import small_curriculum
from .pdf_structure import PdfStructure, read_structure
from .test_scripts import TITLES

UNTRANSLATED = "CP1.1-K1"
TRANSLATED = "CP1.1-K2"


def _statement(data: dict, statement_id: str) -> dict:
    return next(
        s
        for area in data["areas"]
        for competency in area["competencies"]
        for s in competency["statements"]
        if s["id"] == statement_id
    )


@pytest.fixture(scope="module")
def french_guide(framework, tmp_path_factory) -> tuple[PdfStructure, dict, pikepdf.Pdf]:
    data = framework.model_dump(mode="json")
    del _statement(data, UNTRANSLATED)["text"]["fr"]
    path = tmp_path_factory.mktemp("fr") / "guide.pdf"
    write_guide(Framework.model_validate(data), small_curriculum(), None, path, "fr")
    with pikepdf.open(path) as pdf:
        document_lang = str(pdf.Root.Lang)
    return read_structure(path), data, document_lang


def _flat(text: str) -> str:
    """Text as the structure gives it: lines joined, hyphens at line breaks dropped."""
    return " ".join(text.replace("\u00ad ", "").replace("\u00ad", "").split())


def test_an_untranslated_statement_is_marked_english_in_a_french_guide(french_guide) -> None:
    structure, data, document_lang = french_guide
    assert document_lang == "fr"
    english = _statement(data, UNTRANSLATED)["text"]["en"]
    marked = [_flat(text) for lang, text in structure.languages() if lang == "en"]
    assert any(english in text for text in marked), marked[:10]


def test_the_rest_of_the_french_guide_is_read_in_french(french_guide) -> None:
    structure, data, _ = french_guide
    french = _statement(data, TRANSLATED)["text"]["fr"]
    languages = structure.text_languages("fr")
    start = french.split()[:3]
    read_as = {lang for text, lang in languages.items() if text.split()[:3] == start}
    assert read_as == {"fr"}
    headings = {title.strip() for level, title in structure.headings() if level == 1}
    assert {"Comment utiliser ce guide", "Cours et modules"} <= headings
    assert languages["Comment utiliser ce guide"] == languages["Cours et modules"] == "fr"
    # the programme's title is in the programme's language, English here
    assert languages["Diploma in Hospitality"] == "en"


def test_passages_set_a_language_only_where_it_changes() -> None:
    import pydyf

    pdf = pydyf.PDF()
    pdf.catalog["Lang"] = pydyf.String("fr")
    inner = pydyf.Dictionary({"Type": "/StructElem", "S": "/Span", "Lang": pydyf.String("fr")})
    pdf.add_object(inner)
    outer = pydyf.Dictionary(
        {"Type": "/StructElem", "S": "/P", "Lang": pydyf.String("en"), "K": pydyf.Array()}
    )
    pdf.add_object(outer)
    again = pydyf.Dictionary({"Type": "/StructElem", "S": "/Span", "Lang": pydyf.String("EN")})
    pdf.add_object(again)
    outer["K"].extend([inner.reference, again.reference])
    document = pydyf.Dictionary({"Type": "/StructElem", "S": "/Document", "K": pydyf.Array()})
    pdf.add_object(document)
    document["K"].append(outer.reference)
    root = pydyf.Dictionary({"Type": "/StructTreeRoot", "K": pydyf.Array([document.reference])})
    pdf.add_object(root)
    pdf.catalog["StructTreeRoot"] = root.reference
    passage_languages(pdf)
    assert outer["Lang"].string == "en"
    assert inner["Lang"].string == "fr"  # back to French inside the English passage
    assert "Lang" not in again


def test_the_tree_builder_is_wrapped_once() -> None:
    import weasyprint.pdf.tags as tags

    assert mark_passage_languages()
    wrapped = tags._build_box_tree
    assert mark_passage_languages()
    assert tags._build_box_tree is wrapped


@pytest.fixture(scope="module")
def khmer_handout(framework, tmp_path_factory):
    from competency_kit.pdf.handouts import write_handouts

    from .test_scripts import script_curriculum

    out = tmp_path_factory.mktemp("km")
    batch = write_handouts(framework, script_curriculum(), out)
    return dict(zip(TITLES, batch.written, strict=True))["km"]


def test_khmer_text_title_and_bookmarks_hold_no_line_break_marks(khmer_handout) -> None:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(khmer_handout), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "ការពារ" in text and ZERO_WIDTH_SPACE not in text
    with pikepdf.open(khmer_handout) as pdf:
        title = str(pdf.docinfo.Title)
        assert title.startswith("M-km ការការពារកុមារ")
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "ការការពារកុមារ" in xmp and ZERO_WIDTH_SPACE not in xmp
        with pdf.open_outline() as outline:
            first = outline.root[0].title
    assert first == f"M-km {TITLES['km']}"
