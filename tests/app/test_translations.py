"""A translator's workflow: export the texts, fill them in, import them into a new framework,
and see per language what is done, missing and stale."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from openpyxl import load_workbook

from competency_kit.app.translations import (
    TranslationExportRequest,
    TranslationImportRequest,
    export_translations,
    import_translations,
    translation_status,
)
from competency_kit.core.errors import InputError
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.framework_yaml import write_framework_yaml
from competency_kit.documents.translation_texts import (
    catalogue_path,
    fingerprint,
    framework_texts,
    read_labels,
)
from competency_kit.pdf.templating import TemplateSet

STATEMENT = "CP1.1-K1"


def counts() -> tuple[int, int, int]:
    """How many framework texts and document labels there are, and how many crosswalk
    references (their official titles are not translated in the bundled drafts)."""
    framework = load_framework()
    texts = len(list(framework_texts(framework)))
    labels = len(read_labels(catalogue_path("en")))
    references = sum(len(c.references) for _, c in framework.competencies())
    return texts, labels, references


TEXTS, LABELS, REFERENCES = counts()


def export(tmp_path: Path, lang: str, name: str, framework: Path | None = None) -> Path:
    path = tmp_path / name
    export_translations(TranslationExportRequest(lang, path, framework))
    return path


def rows_of(path: Path) -> dict[tuple[str, str], int]:
    ws = load_workbook(path)["Translations"]
    return {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(2, ws.max_row + 1)}


def fill(path: Path, translations: dict[tuple[str, str], str]) -> None:
    workbook = load_workbook(path)
    ws = workbook["Translations"]
    for key, row in rows_of(path).items():
        if key in translations:
            ws.cell(row, 5).value = translations[key]
    workbook.save(path)


def statement(framework, statement_id: str):
    return next(s for _, _, s in framework.statements() if s.id == statement_id)


def test_workbook_round_trip_into_a_new_language(tmp_path: Path) -> None:
    workbook = export(tmp_path, "vi", "vi.xlsx")
    fill(
        workbook,
        {
            (STATEMENT, "text"): "Giải thích khái niệm bóc lột tình dục trẻ em",
            ("CP1", "title"): "Hiểu biết về vấn đề",
            ("common.page", "label"): "Trang",
        },
    )
    output = tmp_path / "framework-vi.yaml"
    result = import_translations(TranslationImportRequest(workbook, output))

    assert (result.texts.new, result.texts.changed, result.texts.unchanged) == (2, 0, 0)
    assert result.texts.skipped_empty == TEXTS - 2
    assert (result.labels.new, result.labels.merged) == (1, 1)
    again = load_framework(output)
    assert again.languages == ["en", "fr", "es", "pt", "vi"]
    assert statement(again, STATEMENT).text["vi"] == "Giải thích khái niệm bóc lột tình dục trẻ em"
    assert again.areas[0].title["vi"] == "Hiểu biết về vấn đề"
    assert again.translations["vi"].status == "draft"
    english = statement(again, STATEMENT).text["en"]
    assert again.translations["vi"].sources == {
        "CP1 title": fingerprint(again.areas[0].title["en"]),
        f"{STATEMENT} text": fingerprint(english),
    }
    # the framework's own translations are all kept
    assert (
        statement(again, STATEMENT).text["fr"] == statement(load_framework(), STATEMENT).text["fr"]
    )
    # the translation state follows the texts, at the end of the file
    text = output.read_text(encoding="utf-8")
    assert text.index("areas:") < text.index("\ntranslations:")

    assert result.catalogue == tmp_path / "framework-vi-labels" / "i18n" / "vi.yaml"
    catalogue = TemplateSet(tmp_path / "framework-vi-labels").catalogue("vi")
    assert catalogue("common.page") == "Trang"
    assert catalogue("common.of") == "of"  # not translated yet: the English label


def test_status_counts_per_language(tmp_path: Path) -> None:
    bundled = {s.lang: s for s in translation_status()}
    assert list(bundled) == ["fr", "es", "pt"]
    fr = bundled["fr"]
    assert fr.state == "draft"
    # every text the drafts translate counts as done; the crosswalk references keep their
    # official titles and are untranslated
    assert fr.texts == {"missing": REFERENCES, "stale": 0, "done": TEXTS - REFERENCES}
    assert fr.labels == {"missing": 0, "stale": 0, "done": LABELS}
    assert fr.as_json()["texts"]["done"] == TEXTS - REFERENCES


def test_an_english_edit_makes_its_translations_stale(tmp_path: Path) -> None:
    framework = load_framework()
    statement(framework, STATEMENT).text["en"] += " and its forms"
    edited = tmp_path / "edited.yaml"
    write_framework_yaml(framework, edited)

    status = {s.lang: s for s in translation_status(edited)}
    assert status["fr"].texts == {
        "missing": REFERENCES,
        "stale": 1,
        "done": TEXTS - REFERENCES - 1,
    }

    workbook = export(tmp_path, "fr", "fr.xlsx", edited)
    ws = load_workbook(workbook)["Translations"]
    row = rows_of(workbook)[(STATEMENT, "text")]
    assert ws.cell(row, 6).value == "stale"
    assert ws.cell(row, 3).value.endswith(" and its forms")
    assert ws.cell(row, 4).value == statement(framework, STATEMENT).text["fr"]
    # the translator confirms the French by typing a revised text
    fill(workbook, {(STATEMENT, "text"): "Explique la notion et ses formes"})
    output = tmp_path / "fixed.yaml"
    result = import_translations(TranslationImportRequest(workbook, output, edited))
    assert (result.texts.new, result.texts.changed) == (0, 1)
    assert {s.lang: s for s in translation_status(output)}["fr"].texts["stale"] == 0


def test_a_translation_of_an_older_source_stays_stale(tmp_path: Path) -> None:
    """The fingerprint is of the source the translator saw, not of today's: a workbook
    exported before an English edit brings a translation of the old text."""
    workbook = export(tmp_path, "fr", "fr.xlsx")
    fill(workbook, {(STATEMENT, "text"): "Explique la notion"})
    framework = load_framework()
    statement(framework, STATEMENT).text["en"] += " and its forms"
    edited = tmp_path / "edited.yaml"
    write_framework_yaml(framework, edited)
    output = tmp_path / "out.yaml"
    import_translations(TranslationImportRequest(workbook, output, edited))
    assert {s.lang: s for s in translation_status(output)}["fr"].texts["stale"] == 1


def test_po_round_trip(tmp_path: Path) -> None:
    path = export(tmp_path, "th", "th.po")
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "th"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["X-Competency-Kit-Framework"] == "sectt-core 1.1.0"
    contexts = {entry.msgctxt: entry for entry in po}
    assert len(contexts) == len(po) == TEXTS + LABELS
    entry = contexts[f"{STATEMENT} text"]
    assert entry.msgid == statement(load_framework(), STATEMENT).text["en"]
    entry.msgstr = "อธิบายแนวคิด"
    contexts["guide.kind label"].msgstr = "คู่มือหลักสูตร"
    po.save(str(path))

    output = tmp_path / "framework-th.yaml"
    result = import_translations(TranslationImportRequest(path, output))
    assert (result.texts.new, result.labels.new) == (1, 1)
    assert statement(load_framework(output), STATEMENT).text["th"] == "อธิบายแนวคิด"
    assert TemplateSet(output.parent / "framework-th-labels").catalogue("th")("guide.kind") == (
        "คู่มือหลักสูตร"
    )


def test_po_marks_stale_translations_fuzzy_and_leaves_them_out(tmp_path: Path) -> None:
    framework = load_framework()
    statement(framework, STATEMENT).text["en"] += " and its forms"
    edited = tmp_path / "edited.yaml"
    write_framework_yaml(framework, edited)
    path = export(tmp_path, "fr", "fr.po", edited)
    po = polib.pofile(str(path))
    fuzzy = [e.msgctxt for e in po if e.fuzzy]
    assert fuzzy == [f"{STATEMENT} text"]
    result = import_translations(TranslationImportRequest(path, tmp_path / "fr.yaml", edited))
    assert result.texts.skipped_fuzzy == 1
    assert (
        result.texts.unchanged == TEXTS - REFERENCES - 1
    )  # the done translations, confirmed as they are


def problems(request: TranslationImportRequest) -> list:
    with pytest.raises(InputError) as caught:
        import_translations(request)
    assert not Path(request.output).exists(), "nothing is written"
    return caught.value.problems


def test_rows_moved_in_the_workbook_are_named_by_cell(tmp_path: Path) -> None:
    workbook = export(tmp_path, "vi", "vi.xlsx")
    book = load_workbook(workbook)
    ws = book["Translations"]
    ws.protection.sheet = False
    ws["A5"], ws["A6"] = ws["A6"].value, ws["A5"].value
    book.save(workbook)
    found = problems(TranslationImportRequest(workbook, tmp_path / "out.yaml"))
    assert [(p.code, p.location) for p in found] == [
        ("translations.rows-moved", f"{workbook}!Translations!A5"),
        ("translations.rows-moved", f"{workbook}!Translations!A6"),
    ]
    assert "exported with 'level:foundation description' here" in found[0].message


def test_a_workbook_of_another_framework_or_language(tmp_path: Path) -> None:
    workbook = export(tmp_path, "vi", "vi.xlsx")
    book = load_workbook(workbook)
    book["_meta"]["B3"] = "other-framework"
    book.save(workbook)
    [problem] = problems(TranslationImportRequest(workbook, tmp_path / "out.yaml"))
    assert problem.code == "translations.other-framework"
    assert problem.location == f"{workbook}!_meta!B3"
    assert problem.message == (
        "this file translates the framework 'other-framework', not 'sectt-core'"
    )
    book["_meta"]["B3"] = "sectt-core"
    book["_meta"]["B5"] = "en"
    book.save(workbook)
    [problem] = problems(TranslationImportRequest(workbook, tmp_path / "out.yaml"))
    assert problem.code == "translations.wrong-language"
    assert problem.location == f"{workbook}!_meta!B5"


def test_po_with_unknown_texts_and_broken_placeholders(tmp_path: Path) -> None:
    path = export(tmp_path, "vi", "vi.po")
    po = polib.pofile(str(path))
    po.append(polib.POEntry(msgctxt="CP99.9-K9 text", msgid="Gone", msgstr="Mất"))
    label = next(e for e in po if e.msgctxt == "guide.how_to_use.paragraphs.2 label")
    label.msgstr = "Xem phạm vi trong {coverage}"  # {gaps} lost
    po.save(str(path))
    found = problems(TranslationImportRequest(path, tmp_path / "out.yaml"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [p.code for p in found] == ["translations.placeholders", "translations.unknown-text"]
    placeholder, unknown = found
    assert lines[placeholder.line - 1] == 'msgctxt "guide.how_to_use.paragraphs.2 label"'
    assert placeholder.message == (
        "the label 'guide.how_to_use.paragraphs.2' must keep the placeholders {coverage} {gaps} as they are"
    )
    assert lines[unknown.line - 1] == 'msgctxt "CP99.9-K9 text"'
    assert unknown.message == "the framework has no text 'CP99.9-K9' 'text'"


def test_a_file_that_is_not_po(tmp_path: Path) -> None:
    path = tmp_path / "vi.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: vi\\n"\n\nmsgid "x"\nnonsense here\n')
    [problem] = problems(TranslationImportRequest(path, tmp_path / "out.yaml"))
    assert problem.code == "translations.not-po"
    assert problem.line == 6


def test_a_po_without_its_language(tmp_path: Path) -> None:
    path = export(tmp_path, "vi", "vi.po")
    po = polib.pofile(str(path))
    po.metadata["Language"] = ""
    po.save(str(path))
    [problem] = problems(TranslationImportRequest(path, tmp_path / "out.yaml"))
    assert problem.code == "translations.wrong-language"
    assert problem.message.startswith("the file names no language")
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].startswith('"Language:')


def test_export_refuses_the_reference_language_and_a_bad_ending(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        export_translations(TranslationExportRequest("EN", tmp_path / "en.xlsx"))
    assert caught.value.problems[0].code == "translations.reference-language"
    with pytest.raises(InputError) as caught:
        export_translations(TranslationExportRequest("fr", tmp_path / "fr.csv"))
    assert caught.value.problems[0].code == "translations.unknown-format"
    with pytest.raises(InputError) as caught:
        export_translations(TranslationExportRequest("français!", tmp_path / "fr.po"))
    assert caught.value.problems[0].code == "translations.not-a-language"
    assert not list(tmp_path.iterdir())


def test_import_never_writes_over_its_framework(tmp_path: Path) -> None:
    workbook = export(tmp_path, "vi", "vi.xlsx")
    framework = tmp_path / "mine.yaml"
    write_framework_yaml(load_framework(), framework)
    before = framework.read_bytes()
    with pytest.raises(InputError) as caught:
        import_translations(TranslationImportRequest(workbook, framework, framework))
    assert caught.value.problems[0].code == "output.is-input"
    assert framework.read_bytes() == before


def test_region_codes_are_written_canonically(tmp_path: Path) -> None:
    path = export(tmp_path, "pt_br", "pt.po")
    assert polib.pofile(str(path)).metadata["Language"] == "pt_BR"
    assert polib.pofile(str(path)).metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
