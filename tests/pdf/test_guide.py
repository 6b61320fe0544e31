"""The guide PDF, checked by what a reader finds in it."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from pypdf.generic import NameObject

from competency_kit.core.resources import examples_dir
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.profile import Contact, LocalProfile
from competency_kit.pdf.guide import column_widths, render_guide_html, without_target
from competency_kit.pdf.templating import TemplateSet

from ..conftest import ROOT
from .conftest import EVIL_TITLE, EXAMPLE_LANGUAGES, SOURCE_DATE_EPOCH
from .pdf_layout import lonely_first_words, overlapping_words, read_layout


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


CONTENTS_LINE = re.compile(r"^(?!Page \d+ of )(?P<title>.+?) (?P<page>\d+)$")
"""A contents entry as extracted text: its title, then its page (the dotted leader is drawn,
not written); the page's footer is not one."""


def test_page_count_is_in_the_expected_range(rendered_guide) -> None:
    assert 12 <= len(rendered_guide.reader.pages) <= 60


def test_no_weasyprint_warning_was_logged(rendered_guide) -> None:
    assert [r.getMessage() for r in rendered_guide.weasyprint_logs] == []


def test_contents_page_numbers_match_where_sections_start(rendered_guide) -> None:
    pages = rendered_guide.pages_text()
    entries = [m for line in pages[1].splitlines() if (m := CONTENTS_LINE.match(line.strip()))]
    titles = [m["title"] for m in entries]
    assert "How to use this guide" in titles
    assert "Appendix: reporting pathways" in titles
    assert any(t.startswith("HOS102-M1") for t in titles)
    for entry in entries:
        page = int(entry["page"])
        heading = squash(entry["title"].replace(" · ", " "))
        assert heading[:25] in squash(pages[page - 1]), (heading, page)


def test_module_titles_and_statement_ids_are_in_the_text(rendered_guide, framework) -> None:
    text = " ".join(rendered_guide.pages_text())
    for title in ("Guest arrival and check-in", "Room checks and signs of risk", "Housekeeping"):
        assert title in text
    for statement in framework.competency("CP3.1").statements:
        assert statement.id in text
    assert "Role-play, observed" in text


def test_html_in_a_module_title_is_printed_as_text(rendered_guide) -> None:
    assert EVIL_TITLE in squash(" ".join(rendered_guide.pages_text()))


def test_bookmarks_follow_the_headings(rendered_guide) -> None:
    reader = rendered_guide.reader

    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    outline = titles(reader.outline)
    assert "Contents" in outline
    assert "Programme coverage" in outline
    assert "HOS101-M1 Guest arrival and check-in" in outline
    assert "Appendix: reporting pathways" in outline


def test_metadata_language_tags_and_creation_date(rendered_guide) -> None:
    reader = rendered_guide.reader
    info = reader.metadata
    assert info.title == "Diploma in Hospitality — Curriculum guide"
    assert info.author == "Test School"
    assert info["/CreationDate"].startswith("D:20231114221320")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert NameObject("/StructTreeRoot") in root


def test_fonts_are_the_packaged_ones_and_embedded(rendered_guide) -> None:
    fonts = {}
    for page in rendered_guide.reader.pages[:4]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    assert fonts and all("Kit-Sans" in name for name in fonts)  # the packaged family only
    assert all("/FontFile2" in d or "/FontFile3" in d for d in fonts.values())


def test_missing_profile_is_said_on_the_pathways_page(rendered_guide) -> None:
    last = rendered_guide.pages_text()[-1]
    assert "Local reporting pathways not yet filled in" in last
    assert "116" not in last


def test_profile_pathways_are_printed(framework, curriculum, report) -> None:
    profile = LocalProfile(national_hotline=Contact(name="Child Helpline", phone="116 111"))
    html = render_guide_html(framework, curriculum, report, TemplateSet(), profile=profile)
    assert "116 111" in html and "not yet filled in" not in html


def test_labels_follow_the_language_and_texts_fall_back_to_english(
    framework, curriculum, report
) -> None:
    html = render_guide_html(framework, curriculum, report, TemplateSet(), "fr")
    assert '<html lang="fr">' in html
    assert "Comment utiliser ce guide" in html and "Annexe\u202f: circuits de signalement" in html
    area = framework.areas[0]
    assert str(escape(area.title["fr"])) in html
    statement = framework.areas[0].competencies[0].statements[0]
    assert str(escape(statement.text.get("fr", statement.text["en"]))) in html


def test_html_preview_carries_its_styles_and_escapes_user_text(
    framework, curriculum, report
) -> None:
    html = render_guide_html(framework, curriculum, report, TemplateSet(), inline_styles=True)
    assert "@font-face" in html and "file://" in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;" in html


def test_regional_english_prints_the_finding_sentences(framework, curriculum, report) -> None:
    finding = report.findings[0]
    # The sentence follows its id badge, without repeating the id it starts with.
    assert finding.message.startswith(f"{finding.target} ")
    sentence = finding.message.removeprefix(finding.target).lstrip()
    badge = f'<span class="code">{finding.target}</span> '
    for lang in ("en", "en-GB"):
        html = render_guide_html(framework, curriculum, report, TemplateSet(), lang)
        assert badge + str(escape(sentence)) in html, lang


def test_finding_sentences_drop_the_id_their_badge_shows() -> None:
    assert (
        without_target("CP1.1-K1 is taught in HOS101-M2 but never assessed", "CP1.1-K1")
        == "is taught in HOS101-M2 but never assessed"
    )
    assert (
        without_target("Area CP8 (“Safe workplaces”) covers 5 of 15 statements (33%)", "CP8")
        == "“Safe workplaces” covers 5 of 15 statements (33%)"
    )
    assert (
        without_target("Module M1 (“Lost property”, course C1) maps to no statement", "M1")
        == "“Lost property”, course C1, maps to no statement"
    )
    assert (
        without_target("Competency CP2.3 is taught, but not its skill (CP2.3-S1)", "CP2.3")
        == "is taught, but not its skill (CP2.3-S1)"
    )
    # Another id that only starts like the target, or a sentence that is only the id, stays.
    assert without_target("CP2.3-K1 is not taught", "CP2.3") == "CP2.3-K1 is not taught"
    assert without_target("CP2.3", "CP2.3") == "CP2.3"


def test_no_finding_shows_its_id_twice(rendered_guide, report) -> None:
    text = squash(" ".join(rendered_guide.pages_text()))
    for finding in report.findings:
        assert f"{finding.target} {finding.target}" not in text, finding.id
    finding = next(f for f in report.findings if f.rule == "uncovered-statement")
    sentence = finding.message.removeprefix(finding.target).strip()
    assert f"{finding.target} {sentence[:40]}" in text
    assert finding.message.startswith(finding.target)  # the report itself keeps the sentence


def test_how_to_use_names_the_sections_and_their_pages(rendered_guide) -> None:
    pages = rendered_guide.pages_text()
    contents = {
        m["title"]: int(m["page"])
        for line in pages[1].splitlines()
        if (m := CONTENTS_LINE.match(line.strip()))
    }
    how_to_use = squash(pages[contents["How to use this guide"] - 1])
    assert "in the middle of the guide" not in how_to_use
    for title in ("Programme coverage", "Gaps and recommended actions"):
        assert f"{title} (page {contents[title]})" in how_to_use
        assert title in pages[contents[title] - 1]


def test_area_labels_in_the_coverage_chart_are_whole(rendered_guide, framework) -> None:
    coverage = next(p for p in rendered_guide.pages_text() if "COVERAGE BY AREA" in p)
    for area in framework.areas:
        assert squash(f"{area.id} {area.title['en']}") in squash(coverage)
    assert "…" not in coverage


@pytest.fixture(scope="module")
def example_guide(framework, example_documents) -> tuple[Curriculum, list[str]]:
    """The example diploma's guide, page by page: long enough for module tables to break."""
    from pypdf import PdfReader

    from competency_kit.app.inputs import load_curriculum

    diploma = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    path = example_documents("en").guide
    return diploma, [page.extract_text() for page in PdfReader(path).pages]


STATEMENT_ROW = re.compile(r"^CP\d+\.\d+-[KSA]\d+ ", re.MULTILINE)


def test_module_tables_never_leave_one_statement_alone_and_say_whose_they_are(
    example_guide,
) -> None:
    diploma, pages = example_guide
    contents = {
        m["title"]: int(m["page"])
        for line in pages[1].splitlines()
        if (m := CONTENTS_LINE.match(line.strip()))
    }
    first, end = contents["Courses and modules"], contents["Gaps and recommended actions"]
    ids = [module.id for _, module in diploma.modules()]
    heading = re.compile(rf"^({'|'.join(map(re.escape, ids))})\s", re.MULTILINE)
    current, rows_before, continued = None, 0, 0
    for number in range(first, end):
        text = pages[number - 1]
        body, header = text.rsplit("Diploma in Hospitality Management", 1)
        parts = heading.split(body)  # [before the first heading, id, its text, id, its text...]
        if current is not None and body.startswith("STATEMENT DEPTH ASSESSED"):
            # A table continued from the page before: the running header names its module,
            # and neither page holds a single statement of it.
            continued += 1
            assert f"· {current}" in header, number
            assert len(STATEMENT_ROW.findall(parts[0])) >= 2, number
            assert rows_before >= 2, number
        for module_id, section in zip(parts[1::2], parts[2::2], strict=True):
            current = module_id
            # The statements' heading and first rows are on the page of the module's title.
            assert "COMPETENCY STATEMENTS COVERED" in section, module_id
        rows_before = len(STATEMENT_ROW.findall(parts[-1]))
    assert continued >= 3  # the check above did run on continued tables


@pytest.mark.parametrize("lang", EXAMPLE_LANGUAGES)
def test_no_two_words_overprint_and_no_statement_starts_with_a_lonely_word(
    example_documents, lang
) -> None:
    pages = read_layout(example_documents(lang).guide)
    assert overlapping_words(pages) == []
    assert lonely_first_words(pages) == []


def test_narrow_columns_are_as_wide_as_their_labels_in_the_language() -> None:
    templates = TemplateSet()
    english = column_widths(templates, templates.catalogue("en"))
    for lang in ("fr", "es", "pt"):
        widths = column_widths(templates, templates.catalogue(lang))
        assert widths["depth"] > english["depth"] + 5, lang  # "PROFUNDIDADE" is long
        assert all(widths[k] >= english[k] - 0.5 for k in english), lang


def test_a_current_guide_is_left_as_it_is_until_it_changes(tmp_path, monkeypatch) -> None:
    from competency_kit.analysis import analyse
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.documents.framework_io import load_framework
    from competency_kit.pdf.guide import guide_fingerprint, write_guide

    small = ROOT / "tests" / "data" / "small"
    framework = load_framework(small / "framework.yaml")
    curriculum = load_curriculum(small / "curriculum.yaml", framework)
    report = analyse(framework, curriculum)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    (tmp_path / "alone").mkdir()
    alone = write_guide(framework, curriculum, report, tmp_path / "alone" / "guide.pdf")
    path = tmp_path / "guide.pdf"
    first = write_guide(framework, curriculum, report, path)
    assert first.rendered
    assert path.read_bytes() == alone.path.read_bytes()  # as a run without manifest
    assert first.fingerprint == guide_fingerprint(framework, curriculum, report)
    again = write_guide(framework, curriculum, report, path)
    assert not again.rendered and again.fingerprint == first.fingerprint
    path.write_bytes(path.read_bytes() + b"\n% edited")
    edited = write_guide(framework, curriculum, report, path)
    assert edited.rendered and path.read_bytes() == alone.path.read_bytes()
    assert write_guide(framework, curriculum, report, path, force=True).rendered
    assert guide_fingerprint(framework, curriculum, report, lang="fr") != first.fingerprint


def test_a_right_to_left_course_title_keeps_its_place_before_the_hours(framework, tmp_path) -> None:
    """Not isolated, the bidi algorithm would print "6 · عمليات المكتب hours"."""
    from competency_kit.analysis import analyse
    from competency_kit.pdf.guide import write_guide

    from .conftest import small_curriculum

    curriculum = small_curriculum()
    curriculum.courses[0].title = "عمليات المكتب"
    path = write_guide(framework, curriculum, analyse(framework, curriculum), tmp_path / "g.pdf")
    lines = [
        [w.text for w in sorted(line.words, key=lambda w: w.x0)]
        for page in read_layout(path.path)
        for line in page
        if any(w.text == "hours" for w in line.words)
    ]
    meta = [words for words in lines if not words[0].isascii()]
    assert [words[-3:] for words in meta] == [["·", "6", "hours"], ["·", "4", "hours"]], lines
    assert all(len(words) == 5 and not words[1].isascii() for words in meta), meta


def test_a_current_guide_is_known_by_its_sources_without_making_its_html(
    tmp_path, monkeypatch
) -> None:
    from pypdf import PdfReader

    from competency_kit.analysis import analyse
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.documents.framework_io import load_framework
    from competency_kit.pdf import guide

    small = ROOT / "tests" / "data" / "small"
    framework = load_framework(small / "framework.yaml")
    curriculum = load_curriculum(small / "curriculum.yaml", framework)
    user = tmp_path / "templates"
    user.mkdir()
    path = tmp_path / "guide.pdf"

    def write(**kwargs):
        return guide.write_guide(
            framework, curriculum, analyse(framework, curriculum), path, templates=user, **kwargs
        )

    first = write()
    made: list[str] = []
    render = guide.render_guide_html
    monkeypatch.setattr(
        guide, "render_guide_html", lambda *a, **k: made.append("html") or render(*a, **k)
    )
    again = write()
    assert (again.rendered, again.fingerprint, made) == (False, first.fingerprint, [])
    # A new template no document uses changes the sources but not the HTML: the guide is
    # still current, and its new sources are remembered.
    (user / "unused.html").write_text("<p>a template no document uses</p>", encoding="utf-8")
    assert not write().rendered and made == ["html"]
    assert not write().rendered and made == ["html"]
    curriculum.programme.title = "Renamed programme"
    renamed = write()
    assert renamed.rendered and renamed.fingerprint != first.fingerprint
    assert "Renamed programme" in " ".join(PdfReader(path).pages[0].extract_text().split())


def test_contents_a_little_too_long_carry_their_last_entries_over() -> None:
    """A contents list one entry too long for its page takes its last four entries to the next
    page together, not one alone; a course heading stays with its first module."""
    from weasyprint import CSS, HTML

    folder = TemplateSet.shared().builtin_dir
    sheets = [CSS(filename=str(folder / name)) for name in ("base.css", "guide.css")]

    def entries_per_page(modules: int) -> list[list[str]]:
        items = ['<li class="toc-2"><a><span class="toc-title">Course</span></a></li>']
        items += [
            f'<li class="toc-3"><a><span class="toc-title">M{i}</span></a></li>'
            for i in range(modules)
        ]
        items += [
            f'<li class="toc-1"><a><span class="toc-title">End{i}</span></a></li>' for i in range(3)
        ]
        html = f'<nav class="contents"><ol>{"".join(items)}</ol></nav>'
        document = HTML(string=html, base_url=str(folder) + "/").render(stylesheets=sheets)
        return [_texts_of(page._page_box) for page in document.pages]

    fits = 10  # then the longest list that fits one page: tens first, then ones
    while len(entries_per_page(fits + 10)) == 1:
        fits += 10
    while len(entries_per_page(fits + 1)) == 1:
        fits += 1
    pages = entries_per_page(fits + 1)
    assert len(pages) == 2 and len(pages[1]) >= 4, pages[1]
    assert pages[1][-3:] == ["End0", "End1", "End2"]
    assert pages[0][0] == "Course" and pages[0][1] == "M0"


def _texts_of(box) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts of a page's contents entries, in order."""
    texts = []
    for child in getattr(box, "children", []):
        if getattr(child, "element_tag", None) == "li":
            texts.append("".join(_all_text(child)))
        else:
            texts.extend(_texts_of(child))
    return texts


def _all_text(box) -> list[str]:  # type: ignore[no-untyped-def]
    if hasattr(box, "text"):
        return [box.text]
    return [t for child in getattr(box, "children", []) for t in _all_text(child)]
