"""The words of the gap workbook in one language: sheet names, headings, labels and the values
of its drop-down lists, from the ``gap_workbook`` section of the label catalogues.

The writer words the workbook with them; the reader finds sheets and columns, and turns a
status back into its code, with the words of the language the workbook records.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from competency_kit.core.languages import folded
from competency_kit.core.resources import templates_dir
from competency_kit.documents.translation_texts import load_catalogue, section_labels
from competency_kit.models.base import REFERENCE_LANGUAGE
from competency_kit.models.review import STATUSES, ReviewStatus

SECTION = "gap_workbook"
FINDING_KEYS = ("finding_id", "finding", "rule", "target", "severity")
REVIEW_KEYS = ("status", "action", "owner", "due", "comment")
FRAMEWORK_KEYS = (
    "area",
    "area_title",
    "competency",
    "competency_title",
    "level",
    "audiences",
    "statement",
    "dimension",
    "statement_text",
)
MODULE_KEYS = ("order", "course", "module", "module_title", "hours", "statements", "assessed")


def status_key(status: ReviewStatus) -> str:
    """'Action planned' → 'action_planned', its key in the catalogue."""
    return status.lower().replace(" ", "_")


@dataclass(frozen=True)
class GapWording:
    """The workbook's words in ``lang``; a word its catalogue lacks is the English one."""

    lang: str
    labels: dict[str, str]
    """Dotted key ('sheets.findings') → word."""

    def __call__(self, key: str, **values: Any) -> str:
        word = self.labels[key]
        return word.format(**values) if values else word

    def sheet(self, name: str) -> str:
        return self.labels[f"sheets.{name}"]

    def columns(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.labels[f"columns.{key}"] for key in keys)

    @property
    def finding_columns(self) -> tuple[str, ...]:
        return self.columns(FINDING_KEYS + REVIEW_KEYS)

    @property
    def closed_columns(self) -> tuple[str, ...]:
        return self.columns(FINDING_KEYS[:2] + REVIEW_KEYS)

    def status(self, status: ReviewStatus) -> str:
        return self.labels[f"statuses.{status_key(status)}"]

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(self.status(s) for s in STATUSES)

    def status_code(self, word: str) -> ReviewStatus | None:
        """The status a reviewer chose, by its word in this language or in English, whatever
        its case, accents or spacing; None when it is no status."""
        wanted = folded(word)
        for status in STATUSES:
            if wanted in (folded(self.status(status)), folded(status)):
                return status
        return None


@cache
def gap_wording(lang: str = REFERENCE_LANGUAGE) -> GapWording:
    """The words for ``lang`` (a normalised code, 'fr' or 'fr-CA'); English for a language
    that has no catalogue."""
    base = lang.split("-")[0]
    labels = _section(REFERENCE_LANGUAGE)
    if base != REFERENCE_LANGUAGE and (templates_dir() / "i18n" / f"{base}.yaml").is_file():
        labels = {**labels, **_section(base)}
    return GapWording(base, labels)


def _section(code: str) -> dict[str, str]:
    catalogue = load_catalogue(templates_dir() / "i18n" / f"{code}.yaml")
    return section_labels(catalogue, SECTION)
