"""A translator's tasks: export the texts to translate (workbook or PO), import the
translations into a new framework file, and the state of every language.

The texts are the framework's (titles, descriptions, statements, guidance, glossary) and the
document labels of the catalogues; see :mod:`competency_kit.documents.translation_texts`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml import YAML

from competency_kit.app.guard import guard_output
from competency_kit.app.inputs import PathLike
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.languages import canonical
from competency_kit.core.outputs import refuse_inputs, write_text
from competency_kit.core.resources import templates_dir
from competency_kit.documents.framework_io import (
    check_framework_text,
    load_framework,
    resolve_framework_path,
)
from competency_kit.documents.framework_yaml import framework_yaml
from competency_kit.documents.made_by import with_mark
from competency_kit.documents.sources import load_document
from competency_kit.documents.translation_texts import (
    LABEL,
    STATUSES,
    Entry,
    Facts,
    Row,
    Status,
    catalogue_path,
    fingerprint,
    framework_rows,
    framework_texts,
    label_rows,
    nested_labels,
    read_labels,
)
from competency_kit.excel.translations import read_translation_workbook, write_translation_workbook
from competency_kit.interop.po import read_po, write_po
from competency_kit.models.base import localize
from competency_kit.models.framework import Framework, Translation

LABELS_REFERENCE = "en"
"""The document labels are written in English first (templates/i18n/en.yaml)."""
SUFFIXES = (".xlsx", ".po")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def export_language(framework: Framework, lang: str, place: str = "language") -> str:
    """``lang`` written canonically (``FR`` → ``fr``, ``pt_br`` → ``pt-BR``): any language may
    be translated into, except the framework's reference language."""
    found = canonical(lang)
    if found is None:
        raise InputError.single(
            place,
            f"'{lang}' is not a language code",
            "give a code such as fr, vi, th, km or pt-BR",
            value=lang,
            code="translations.not-a-language",
        )
    if found == framework.reference_language:
        raise InputError.single(
            place,
            f"'{found}' is the framework's reference language, the one translations are made from",
            "give the language to translate into",
            value=lang,
            code="translations.reference-language",
        )
    return found


def _label_catalogue(lang: str, templates: PathLike | None = None) -> dict[str, str]:
    """The document labels in ``lang``: the catalogue of the ``templates`` folder when it has
    one (a catalogue an earlier import wrote), else the built-in one, else none."""
    folders = [Path(templates)] if templates is not None else []
    for folder in [*folders, None]:
        for code in (lang, lang.split("-")[0]):
            path = catalogue_path(code, folder)
            if path.is_file():
                return read_labels(path)
    return {}


def translation_rows(
    framework: Framework, lang: str, templates: PathLike | None = None
) -> list[Row]:
    """Every text of the framework, then every document label, with its state in ``lang``."""
    reference_labels = read_labels(catalogue_path(LABELS_REFERENCE))
    current = _label_catalogue(lang, templates)
    return framework_rows(framework, lang) + label_rows(reference_labels, current)


# Export --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationExportRequest:
    lang: str
    output: PathLike
    """``.xlsx`` (a workbook) or ``.po`` (gettext)."""
    framework: PathLike | None = None
    force: bool = False
    templates: PathLike | None = None
    """A templates folder whose ``i18n/LANG.yaml`` holds the labels translated so far."""


@dataclass(frozen=True)
class TranslationExportResult:
    framework: Framework
    lang: str
    counts: dict[Status, int]
    """How many rows are missing, stale and done."""


def export_translations(request: TranslationExportRequest) -> TranslationExportResult:
    output = Path(request.output)
    suffix = _suffix(output)
    inputs = (resolve_framework_path(request.framework),)
    refuse_inputs(output, inputs)
    guard_output(output, force=request.force)
    framework = load_framework(request.framework)
    lang = export_language(framework, request.lang)
    rows = translation_rows(framework, lang, request.templates)
    facts = Facts(framework.id, framework.version, lang, framework.reference_language)
    title = localize(framework.title, framework.reference_language)
    if suffix == ".po":
        write_po(output, rows, facts, title=title, inputs=inputs)
    else:
        write_translation_workbook(output, rows, facts, title=title, inputs=inputs)
    counts = {status: sum(1 for r in rows if r.status == status) for status in STATUSES}
    return TranslationExportResult(framework, lang, counts)


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        ending = f"ends in '{path.suffix}'" if path.suffix else "has no ending"
        raise InputError.single(
            str(path),
            f"a translation file is an Excel workbook (.xlsx) or a gettext PO file (.po), "
            f"but this name {ending}",
            f"name it, for example, {path.with_suffix('.xlsx').name} or "
            f"{path.with_suffix('.po').name}",
            code="translations.unknown-format",
        )
    return suffix


# Import --------------------------------------------------------------------------------------


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    """The translation typed again as it was: confirmed, no longer stale."""
    skipped_empty: int = 0
    skipped_fuzzy: int = 0
    """PO entries still marked fuzzy (a translation nobody confirmed)."""

    @property
    def merged(self) -> int:
        return self.new + self.changed + self.unchanged


@dataclass(frozen=True)
class TranslationImportRequest:
    source: PathLike
    """A translation workbook (.xlsx) or PO file (.po) exported by ``export_translations``."""
    output: PathLike
    """The new framework file."""
    framework: PathLike | None = None
    force: bool = False
    templates: PathLike | None = None
    """A templates folder whose ``i18n/LANG.yaml`` holds the labels translated so far: the
    labels the file leaves empty keep those."""


@dataclass(frozen=True)
class TranslationImportResult:
    framework: Framework
    """The new framework."""
    lang: str
    texts: Counts
    labels: Counts
    catalogue: Path | None = None
    """The label catalogue written (its folder's parent is a templates folder)."""
    notes: list[Problem] = field(default_factory=list)


def import_translations(request: TranslationImportRequest) -> TranslationImportResult:
    """Merge a translation file into a copy of the framework written as ``output``; nothing
    is written when the file has any problem."""
    source = Path(request.source)
    output = Path(request.output)
    framework_path = resolve_framework_path(request.framework)
    inputs = (framework_path, source)
    refuse_inputs(output, inputs)
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise InputError.single(
            str(output),
            "the translated framework is written as framework YAML, but this name does not "
            "end in .yaml",
            f"name it, for example, {output.with_suffix('.yaml').name}",
            code="output.wrong-ending",
        )
    guard_output(output, force=request.force)
    framework = load_framework(request.framework)
    fuzzy = 0
    if _suffix(source) == ".po":
        facts, entries, fuzzy = read_po(source)
    else:
        facts, entries = read_translation_workbook(source)
    lang = _checked_facts(str(source), facts, framework)
    texts = {t.key: t for t in framework_texts(framework)}
    reference_labels = read_labels(catalogue_path(LABELS_REFERENCE))
    problems = [
        p for e in entries if (p := _entry_problem(str(source), e, texts, reference_labels))
    ]
    if problems:
        raise InputError(problems)
    counts = Counts(skipped_fuzzy=fuzzy)
    label_counts = Counts()
    before = framework.translations.get(lang)
    sources = dict(before.sources) if before else {}
    labels = _label_catalogue(lang, request.templates)
    imported_labels = False
    for entry in entries:
        if entry.field == LABEL:
            slot = {lang: labels[entry.id]} if entry.id in labels else {}
            if _merge(entry, slot, lang, label_counts):
                labels[entry.id] = slot[lang]
                imported_labels = True
            continue
        text = texts[f"{entry.id} {entry.field}"]
        assert text.value is not None
        if _merge(entry, text.value, lang, counts):
            sources[text.key] = fingerprint(
                entry.source or text.value[framework.reference_language]
            )
    _record(framework, lang, sources, changed=counts.new + counts.changed > 0)
    catalogue = _catalogue_output(output, lang) if imported_labels else None
    if catalogue is not None:
        guard_output(catalogue, force=request.force)
    written = with_mark(framework_yaml(framework), source.name)
    _check_reads_back(str(source), written, output)
    if catalogue is not None:
        catalogue.parent.mkdir(parents=True, exist_ok=True)
        write_text(catalogue, _catalogue_yaml(reference_labels, labels, lang), inputs=inputs)
    write_text(output, written, inputs=inputs)
    return TranslationImportResult(framework, lang, counts, label_counts, catalogue)


def _checked_facts(name: str, facts: Facts, framework: Framework) -> str:
    if facts.framework_id != framework.id:
        raise InputError.single(
            name,
            f"this file translates the framework '{facts.framework_id or 'unknown'}', not "
            f"'{framework.id}'",
            "import it with the framework it was exported from, or export a new file from "
            "this framework",
            field="framework",
            value=facts.framework_id,
            code="translations.other-framework",
            **facts.places.get("framework_id", {}),
        )
    lang = canonical(facts.language)
    if lang is None or lang == framework.reference_language:
        what = (
            "names no language"
            if not facts.language
            else f"is in '{facts.language}', "
            + (
                "the framework's reference language"
                if lang == framework.reference_language
                else "which is not a language code"
            )
        )
        raise InputError.single(
            name,
            f"the file {what}; a translation file names the language it translates into",
            "export a new file for the language, or correct its language "
            "(in a PO file: the Language header)",
            field="language",
            value=facts.language,
            code="translations.wrong-language",
            **facts.places.get("language", {}),
        )
    return lang


def _entry_problem(
    name: str, entry: Entry, texts: dict[str, Any], labels: dict[str, str]
) -> Problem | None:
    key = f"{entry.id} {entry.field}"
    if entry.field == LABEL:
        if entry.id not in labels:
            return _unknown(name, entry, "the document labels have no label")
        if entry.translation and _placeholders(entry.translation) != _placeholders(
            labels[entry.id]
        ):
            return Problem(
                file=name,
                field="translation",
                value=entry.translation,
                message=f"the label '{entry.id}' must keep the placeholders "
                f"{' '.join(sorted(_placeholders(labels[entry.id]))) or '(none)'} as they are",
                fix="copy each {placeholder} of the source unchanged into the translation",
                code="translations.placeholders",
                **entry.place,
            )
        return None
    if key not in texts:
        return _unknown(name, entry, "the framework has no text")
    return None


def _unknown(name: str, entry: Entry, what: str) -> Problem:
    return Problem(
        file=name,
        field="id",
        value=f"{entry.id} {entry.field}",
        message=f"{what} '{entry.id}' '{entry.field}'",
        fix="import the file with the framework it was exported from, or export a new file "
        "and copy the translations into it",
        code="translations.unknown-text",
        **entry.place,
    )


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _merge(entry: Entry, value: dict[str, str], lang: str, counts: Counts) -> bool:
    """Put ``entry``'s translation into ``value`` (language → text) and count it; False when
    the translation is empty (the text keeps what it has)."""
    translation = entry.translation.strip()
    if not translation:
        counts.skipped_empty += 1
        return False
    current = value.get(lang)
    if current is None:
        counts.new += 1
    elif current == translation:
        counts.unchanged += 1
    else:
        counts.changed += 1
    value[lang] = translation
    return True


def _record(framework: Framework, lang: str, sources: dict[str, str], *, changed: bool) -> None:
    if lang not in framework.languages:
        framework.languages.append(lang)
    before = framework.translations.get(lang)
    if before is not None and not changed:
        framework.translations[lang] = before.model_copy(update={"sources": sources})
    else:
        framework.translations[lang] = Translation(status="draft", sources=sources)


def _check_reads_back(name: str, text: str, output: Path) -> None:
    try:
        errors = check_framework_text(text, output).errors
    except InputError as exc:
        errors = exc.errors
    if errors:
        raise InputError(
            [
                Problem(
                    file=name,
                    message=f"the translated framework would not read back: {p.message}",
                    fix="nothing was written; correct the translation named, or report the "
                    "file to the competency-kit maintainers",
                    field=p.field,
                    code="translations.unreadable-output",
                )
                for p in errors
            ]
        )


def _catalogue_output(output: Path, lang: str) -> Path:
    """``labels-fr/i18n/fr.yaml`` beside the framework output: ``labels-fr`` is a templates
    folder holding only this catalogue (the other templates are the built-in ones)."""
    return output.parent / f"{output.stem}-labels" / "i18n" / f"{lang}.yaml"


def _catalogue_yaml(reference: dict[str, str], labels: dict[str, str], lang: str) -> str:

    raw = load_document(templates_dir() / "i18n" / f"{LABELS_REFERENCE}.yaml", "labels").data
    shaped = nested_labels(raw, labels)
    stream = io.StringIO()
    stream.write(f"# Labels of the printed documents in '{lang}', imported from a translation.\n")
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.dump(shaped, stream)
    return with_mark(stream.getvalue(), f"a translation into {lang}")


# Status --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    state: Literal["draft", "reviewed", "none"]
    texts: dict[Status, int]
    labels: dict[Status, int]

    def as_json(self) -> dict[str, Any]:
        return {
            "language": self.lang,
            "status": self.state,
            "texts": self.texts,
            "labels": self.labels,
        }


def translation_status(
    framework_path: PathLike | None = None, templates: PathLike | None = None
) -> list[LanguageStatus]:
    """Per language the framework lists after its reference language (and any with a
    recorded translation state): its texts and document labels done, missing and stale."""
    framework = load_framework(framework_path)
    languages = [*framework.languages[1:]]
    languages += [code for code in framework.translations if code not in languages]
    found = []
    for lang in languages:
        rows = translation_rows(framework, lang, templates)
        texts = [r for r in rows if r.field != LABEL]
        labels = [r for r in rows if r.field == LABEL]
        state = framework.translations[lang].status if lang in framework.translations else "none"
        found.append(
            LanguageStatus(
                lang,
                state,
                {s: sum(1 for r in texts if r.status == s) for s in STATUSES},
                {s: sum(1 for r in labels if r.status == s) for s in STATUSES},
            )
        )
    return found
