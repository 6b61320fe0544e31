"""Thai, Khmer, Lao and Burmese: drawn with the packaged fonts, wrapped inside the page."""

from __future__ import annotations

import io

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from competency_kit.core.resources import templates_dir
from competency_kit.models.curriculum import Curriculum
from competency_kit.pdf.handouts import write_handouts
from competency_kit.pdf.scripts import ZERO_WIDTH_SPACE, add_break_opportunities

from .conftest import small_curriculum
from .pdf_layout import read_layout

TITLES = {
    "th": "การคุ้มครองเด็กในการท่องเที่ยว",
    "km": "ការការពារកុមារក្នុងវិស័យទេសចរណ៍",
    "lo": "ການປົກປ້ອງເດັກນ້ອຍໃນການທ່ອງທ່ຽວ",
    "my": "ခရီးသွားလုပ်ငန်းတွင်ကလေးကာကွယ်ရေး",
}
LONG_KHMER = (
    "ការការពារកុមារពីការកេងប្រវ័ញ្ចផ្លូវភេទក្នុងការធ្វើដំណើរនិងទេសចរណ៍គឺជាទំនួលខុសត្រូវរបស់"
    "មនុស្សគ្រប់គ្នានៅក្នុងឧស្សាហកម្មបដិសណ្ឋារកិច្ចនិងទេសចរណ៍ទាំងមូលដែលត្រូវតែយកចិត្តទុកដាក់"
)
FONT_OF = {
    "th": "Kit-Sans-Thai",
    "km": "Kit-Sans-Khmer",
    "lo": "Kit-Sans-Lao",
    "my": "Kit-Sans-Myanmar",
}


def script_curriculum() -> Curriculum:
    data = small_curriculum().model_dump(mode="json", exclude_none=True)
    modules = data["courses"][0]["modules"]
    template = modules[0]
    data["courses"] = [data["courses"][0]]
    data["courses"][0]["modules"] = [
        {**template, "id": f"M-{lang}", "title": title, "key_messages": [LONG_KHMER]}
        if lang == "km"
        else {**template, "id": f"M-{lang}", "title": title}
        for lang, title in TITLES.items()
    ]
    return Curriculum.model_validate(data)


@pytest.fixture(scope="module")
def handouts(framework, tmp_path_factory):
    out = tmp_path_factory.mktemp("scripts")
    batch = write_handouts(framework, script_curriculum(), out)
    return dict(zip(TITLES, batch.written, strict=True))


def embedded_fonts(path) -> dict[str, tuple[TTFont, set[int]]]:
    """Each embedded font's base name, with its program and the glyph ids the pages draw."""
    fonts: dict[str, tuple[TTFont, set[int]]] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            resources = page.Resources.get("/Font", {})
            used: dict[str, set[int]] = {name: set() for name, _ in resources.items()}
            current = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if operator == pikepdf.Operator("Tf"):
                    current = str(operands[0])
                elif operator in (pikepdf.Operator("Tj"), pikepdf.Operator("TJ")):
                    strings = operands[0] if operator == pikepdf.Operator("TJ") else operands
                    for item in strings:
                        if isinstance(item, pikepdf.String):
                            raw = bytes(item)
                            used[current].update(
                                int.from_bytes(raw[i : i + 2]) for i in range(0, len(raw), 2)
                            )
            for name, font in resources.items():
                descendant = font.DescendantFonts[0]
                program = descendant.FontDescriptor.FontFile2.read_bytes()
                base = str(font.BaseFont).split("+")[-1]
                parsed = TTFont(io.BytesIO(program))
                previous = fonts.get(base, (parsed, set()))[1]
                fonts[base] = (parsed, previous | used[name])
    return fonts


@pytest.mark.parametrize("lang", list(TITLES))
def test_titles_are_drawn_with_the_script_font(handouts, lang) -> None:
    fonts = embedded_fonts(handouts[lang])
    script = [f for base, f in fonts.items() if base.startswith(FONT_OF[lang])]
    assert script, f"{FONT_OF[lang]} is not embedded: {sorted(fonts)}"
    # Shaping turns some letters (a Khmer coeng, a Lao vowel) into combined glyphs, so the
    # subset's own cmap lists only some; the packaged program it was cut from has them all.
    packaged = templates_dir() / "fonts" / f"NotoSans{FONT_OF[lang].split('-')[-1]}-Bold.ttf"
    covered = set(TTFont(packaged).getBestCmap())
    missing = {hex(ord(c)) for c in TITLES[lang] if ord(c) not in covered}
    assert not missing
    assert all(0 not in used for _, used in fonts.values())  # no .notdef box anywhere


def test_latin_documents_do_not_embed_the_script_fonts(rendered_guide) -> None:
    names = embedded_fonts(rendered_guide.path)
    assert names and all(name.count("-") <= 2 for name in names), sorted(names)
    assert not [n for n in names if any(s in n for s in ("Thai", "Khmer", "Lao", "Myanmar"))]


def test_a_long_khmer_sentence_wraps_inside_the_page(handouts) -> None:
    pages = read_layout(handouts["km"])
    with pikepdf.open(handouts["km"]) as pdf:
        width = float(pdf.pages[0].MediaBox[2])
    khmer = [
        line
        for lines in pages
        for line in lines
        if any("\u1780" <= c <= "\u17ff" for w in line.words for c in w.text)
    ]
    assert len(khmer) >= 3  # the title and a sentence too long for one line
    assert all(line.x0 > 0 and line.x1 < width - 30 for line in khmer)


def test_break_opportunities_only_inside_those_scripts() -> None:
    assert add_break_opportunities("Front Office · 6 hours") == "Front Office · 6 hours"
    marked = add_break_opportunities(f"HOS101 {TITLES['km']} (6 h)")
    assert marked.startswith("HOS101 ") and marked.endswith(" (6 h)")
    assert marked.replace(ZERO_WIDTH_SPACE, "") == f"HOS101 {TITLES['km']} (6 h)"
    assert marked.count(ZERO_WIDTH_SPACE) >= 2
    assert all(
        ZERO_WIDTH_SPACE in add_break_opportunities(LONG_KHMER.replace("ការ", t[:4]))
        for t in TITLES.values()
    )
