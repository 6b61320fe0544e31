"""The translation rows as a gettext PO file, for Weblate, Crowdin, Transifex or Poedit.

Each text is one entry: ``msgctxt`` is its id and field (``CP1.1-K1 text``), ``msgid`` the
reference-language text, ``msgstr`` the translation the framework has now. A stale
translation is marked ``fuzzy``, as translation tools mark a translation to check; a tool
clears the mark once the translator confirms it. The header names the language and the
framework (``X-Competency-Kit-Framework``), so a file of another framework is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import polib

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.outputs import write_text
from competency_kit.documents.translation_texts import Entry, Facts, Row

FRAMEWORK_HEADER = "X-Competency-Kit-Framework"
REFERENCE_HEADER = "X-Competency-Kit-Source-Language"
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt-BR": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "id": "nplurals=1; plural=0;",
    "ms": "nplurals=1; plural=0;",
    "vi": "nplurals=1; plural=0;",
    "th": "nplurals=1; plural=0;",
    "km": "nplurals=1; plural=0;",
    "lo": "nplurals=1; plural=0;",
    "my": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
    "fil": "nplurals=2; plural=(n != 1 && n != 2 && n != 3);",
}
"""The plural rule of a language, as gettext writes it (CLDR). The texts have no plural forms,
but translation tools read the header; a language not listed gets none."""
_LINE = re.compile(r"\(line (\d+)\)")


def po_text(rows: Sequence[Row], facts: Facts, *, title: str) -> str:
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"Translation of “{title}” and its documents into {facts.language}.\n"
        "Keep every {placeholder} in curly brackets exactly as it is."
    )
    po.metadata = {
        "Project-Id-Version": f"{facts.framework_id} {facts.framework_version}",
        "Language": facts.language.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        FRAMEWORK_HEADER: f"{facts.framework_id} {facts.framework_version}",
        REFERENCE_HEADER: facts.reference_language,
    }
    plural = PLURAL_FORMS.get(facts.language) or PLURAL_FORMS.get(facts.language.split("-")[0])
    if plural:
        po.metadata["Plural-Forms"] = plural
    for row in rows:
        entry = polib.POEntry(msgctxt=row.key, msgid=row.source, msgstr=row.current)
        if row.status == "stale":
            entry.flags.append("fuzzy")
        po.append(entry)
    return str(po) + "\n"


def write_po(
    path: str | Path,
    rows: Sequence[Row],
    facts: Facts,
    *,
    title: str,
    inputs: tuple[str | Path | None, ...] = (),
) -> None:
    write_text(path, po_text(rows, facts, title=title), inputs=inputs)


def read_po(path: str | Path) -> tuple[Facts, list[Entry], int]:
    """The facts, the translated entries and the number of fuzzy entries left out (a
    translation nobody confirmed) of a PO file; an InputError naming the line of a file that
    is not PO or an entry without an id and field."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputError.single(
            name, "PO file not found", "check the path and file name", code="file.not-found"
        )
    if path.stat().st_size > limits.TEXT_FILE_BYTES:
        raise InputError.single(
            name,
            f"the file is larger than {limits.TEXT_FILE_BYTES // 1048576} MiB",
            "check that this is the right file",
            code="file.too-large",
        )
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InputError.single(
            name,
            "the PO file is not UTF-8 text",
            "save it again with the encoding UTF-8 (translation tools do so by default)",
            code="translations.not-po",
        ) from None
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        found = _LINE.search(str(exc))
        raise InputError.single(
            name,
            f"this file is not a gettext PO file, or it is damaged ({str(exc).split(' (')[0]})",
            "give the PO file exported for translating, as the translation tool saved it",
            line=int(found.group(1)) if found else None,
            code="translations.not-po",
        ) from None
    framework_id, _, version = po.metadata.get(FRAMEWORK_HEADER, "").partition(" ")
    language = po.metadata.get("Language", "").replace("_", "-")
    header_line = _header_line(text)
    facts = Facts(
        framework_id,
        version,
        language,
        po.metadata.get(REFERENCE_HEADER, ""),
        {"framework_id": {"line": header_line}, "language": {"line": header_line}},
    )
    entries: list[Entry] = []
    problems: list[Problem] = []
    fuzzy = 0
    for entry in po:
        if entry.obsolete:
            continue
        text_id, _, text_field = (entry.msgctxt or "").strip().rpartition(" ")
        if not text_id or not text_field:
            problems.append(
                Problem(
                    file=name,
                    line=entry.linenum,
                    field="msgctxt",
                    value=entry.msgctxt,
                    message="this entry has no id and field as its context (msgctxt)",
                    fix="keep the entries as they were exported; add no entries",
                    code="translations.no-context",
                )
            )
            continue
        if entry.fuzzy:
            fuzzy += 1 if entry.msgstr.strip() else 0
            continue
        entries.append(
            Entry(text_id, text_field, entry.msgid, entry.msgstr.strip(), {"line": entry.linenum})
        )
    if problems:
        raise InputError(problems)
    return facts, entries, fuzzy


def _header_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith('"Language:'):
            return number
    return 1
