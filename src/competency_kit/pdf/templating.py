"""The templates, stylesheets and label catalogues of one run: the user's folder first.

A user overrides any single file (a template, a stylesheet, a catalogue) by putting a file of the
same name in their own folder; ``default:NAME`` always reaches the built-in one, so an override
can extend the original instead of copying it whole.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from contextlib import suppress
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from competency_kit.core.cache import cache_dir
from competency_kit.core.errors import InputError
from competency_kit.core.resources import templates_dir
from competency_kit.documents.finding_text import finding_sentence, message_key
from competency_kit.documents.translation_texts import load_catalogue
from competency_kit.models.base import REFERENCE_LANGUAGE, localize
from competency_kit.models.framework import Framework
from competency_kit.models.report import Finding
from competency_kit.pdf.scripts import add_break_opportunities

LANGUAGES = ("en", "fr", "es", "pt")
"""Languages with a complete built-in catalogue."""

TEMPLATE_FIX = "correct the template in your templates folder, or delete it to use the built-in one"


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder (compiling the guide's templates takes
    0.1 s of every run). Jinja checks each against its template's source; a cache file that
    cannot be read or written is passed over and the template compiled again, never an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # truncated, from another program, unreadable: all mean "compile"
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates_cache(env: SandboxedEnvironment) -> QuietBytecodeCache | None:
    """The cache of compiled templates for environments set up as ``env`` is. Jinja's check
    covers the source and Jinja's version, not the settings that shape the compiled code
    (block trimming, escaping, the finalizer, the filters): those name the folder."""
    settings = (
        env.trim_blocks,
        env.lstrip_blocks,
        env.autoescape,
        getattr(env.finalize, "__qualname__", None),
        sorted(env.filters),
        type(env).__qualname__,
    )
    digest = hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:12]
    folder = cache_dir(f"templates-{digest}")
    return None if folder is None else QuietBytecodeCache(str(folder))


class TemplateSet:
    """Where every template file is looked up, and the jinja2 environment over them."""

    def __init__(self, user_dir: str | Path | None = None) -> None:
        self.builtin_dir = templates_dir().resolve()
        self.user_dir = _checked_user_dir(user_dir)
        self._catalogues: dict[str, Catalogue] = {}

    @property
    def search_path(self) -> list[Path]:
        return [d for d in (self.user_dir, self.builtin_dir) if d is not None]

    @property
    def allowed_roots(self) -> tuple[Path, ...]:
        """The only folders a document may read from while it renders."""
        return tuple(self.search_path)

    def find(self, name: str) -> Path:
        """The file ``name`` from the user's folder when it has one, else the built-in one."""
        for folder in self.search_path:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise FileNotFoundError(f"template file '{name}' is missing from the installation")

    @cached_property
    def env(self) -> SandboxedEnvironment:
        """Sandboxed: a user's template may read the data it is given, never reach Python's
        internals (``''.__class__``) or call what is unsafe."""
        builtin = FileSystemLoader(self.builtin_dir)
        loaders: list[Any] = [PrefixLoader({"default": builtin}, delimiter=":")]
        if self.user_dir is not None:
            loaders.append(FileSystemLoader(self.user_dir))
        loaders.append(builtin)
        env = SandboxedEnvironment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=_with_break_opportunities,
        )
        env.filters["css_string"] = css_string
        env.filters["percent"] = percent
        env.filters["number"] = number
        env.filters["keep_hyphenated"] = keep_hyphenated
        env.filters["isolate"] = isolate
        env.bytecode_cache = compiled_templates_cache(env)
        return env

    def template(self, name: str) -> Template:
        """The compiled template ``name``; a broken template is an InputError naming its line."""
        try:
            return self.env.get_template(name)
        except TemplateError as exc:
            raise self._template_error(exc) from None

    def render(self, name: str, context: dict[str, Any]) -> str:
        """The template ``name`` filled in; a template that fails (an unknown value or label, a
        broken include) is an InputError naming the template line that failed."""
        template = self.template(name)
        try:
            return template.render(context)
        except (TemplateError, UnknownLabel) as exc:
            raise self._template_error(exc) from None

    def _template_error(self, exc: TemplateError | UnknownLabel) -> InputError:
        line: int | None
        if isinstance(exc, TemplateSyntaxError):
            file, line = exc.filename or exc.name or "templates", exc.lineno
        else:
            file, line = self._failing_line(exc.__traceback__)
        if isinstance(exc, UnknownLabel):
            return InputError([replace(problem, file=file, line=line) for problem in exc.problems])
        if isinstance(exc, TemplateNotFound):
            message = f"the template '{exc.name}' does not exist"
        else:
            message = f"template error: {exc.message or type(exc).__name__}"
        return InputError.single(file, message, TEMPLATE_FIX, line=line, code="template.error")

    def _failing_line(self, trace: TracebackType | None) -> tuple[str, int | None]:
        """The innermost template file and line in ``trace`` (jinja2 rewrites its frames to
        point into the templates), so the user learns where to look."""
        place: tuple[str, int | None] = (str(self.user_dir or self.builtin_dir), None)
        while trace is not None:
            source = Path(trace.tb_frame.f_code.co_filename)
            if any(source.is_relative_to(folder) for folder in self.search_path):
                place = (str(source), trace.tb_lineno)
            trace = trace.tb_next
        return place

    def catalogue(self, lang: str) -> Catalogue:
        if lang not in self._catalogues:
            self._catalogues[lang] = Catalogue.load(self, lang)
        return self._catalogues[lang]

    @classmethod
    def shared(cls, user_dir: str | Path | None = None) -> TemplateSet:
        """One template set per folder and process, so batches parse templates and catalogues
        once (jinja2 still reloads a template whose file changed)."""
        key = None if user_dir is None else Path(user_dir).resolve()
        if key not in _shared:
            _shared[key] = cls(user_dir)
        return _shared[key]


_shared: dict[Path | None, TemplateSet] = {}


def _checked_user_dir(user_dir: str | Path | None) -> Path | None:
    if user_dir is None:
        return None
    folder = Path(user_dir)
    if not folder.is_dir():
        raise InputError.single(
            str(folder),
            "the templates folder does not exist",
            "fix the path, or start the folder from a copy of the built-in templates",
            code="templates.no-folder",
        )
    return folder.resolve()


class UnknownLabel(InputError):
    """A template or the code asked for a label that no catalogue has."""


class Catalogue:
    """Labels in one language; a label missing from a translation falls back to English."""

    def __init__(
        self,
        lang: str,
        labels: dict[str, Any],
        own: frozenset[str] | None = None,
        reference: str = REFERENCE_LANGUAGE,
    ) -> None:
        self.lang = lang
        self.labels = labels
        self.own = frozenset(labels) if own is None else own
        """Keys the language's own catalogue words (the others are English fallbacks)."""
        self.reference = reference
        """The framework's reference language: what a missing translation falls back to."""

    def for_framework(self, framework: Framework) -> Catalogue:
        """The same labels, with ``framework``'s reference language as the fallback of its
        texts."""
        return Catalogue(self.lang, self.labels, self.own, framework.reference_language)

    @classmethod
    def load(cls, templates: TemplateSet, lang: str) -> Catalogue:
        base = lang.split("-")[0]
        english = flatten(_read_catalogue(templates, "en"))
        if base == "en":
            return cls(lang, english)
        if not any(
            (folder / "i18n" / f"{base}.yaml").is_file() for folder in templates.search_path
        ):
            raise InputError.single(
                "language",
                f"there are no document labels for the language '{lang}'",
                f"use one of {', '.join(available_languages(templates))}, or add "
                f"i18n/{base}.yaml to your templates folder",
                code="lang.no-labels",
            )
        own = flatten(_read_catalogue(templates, base))
        return cls(lang, {**english, **own}, frozenset(own))

    def __call__(self, key: str, **values: Any) -> Any:
        """The label ``key`` (dotted), with ``{placeholders}`` filled from ``values``."""
        if key not in self.labels:
            raise UnknownLabel.single(
                "i18n/en.yaml",
                f"there is no label '{key}' in the label catalogues",
                "correct the label name in the template, or add the label to i18n/en.yaml "
                "in your templates folder",
                code="template.unknown-label",
            )
        label = self.labels[key]
        if values and isinstance(label, str):
            return label.format(**values)
        return label

    def get(self, key: str, default_key: str) -> Any:
        return self.labels.get(key, self.labels[default_key])

    def text(self, value: dict[str, str] | None) -> str:
        """A framework text in this language, falling back to the reference language."""
        return localize(value, self.lang, self.reference)

    def local(self, value: dict[str, str] | None) -> LocalText:
        """A framework text in this language (falling back to the reference language), with
        the language it is actually written in."""
        return LocalText(
            localize(value, self.lang, self.reference),
            text_language(value, self.lang, self.reference),
        )

    def finding(self, finding: Finding, framework: Framework) -> LocalText:
        """A finding's sentence in this language, marked English where the catalogue of this
        language does not word it (the analysis's English sentence then)."""
        key = message_key(finding)
        sentence = finding_sentence(finding, self.labels, framework, self.lang)
        if sentence is None:
            return LocalText(finding.message, REFERENCE_LANGUAGE)
        return LocalText(sentence, self.lang if key in self.own else REFERENCE_LANGUAGE)

    def lang_attr(self, value: LocalText | dict[str, str] | str | None) -> Markup:
        """`` lang="xx"`` for text written in another language than the document's (a
        framework text without a translation is English), so hyphenation and screen readers
        follow the text; nothing when it is in the document's language.

        ``value`` is a :class:`LocalText`, a framework text (a mapping of languages), or a
        language code.
        """
        if isinstance(value, LocalText):
            code = value.lang
        elif isinstance(value, dict):
            code = text_language(value, self.lang, self.reference)
        else:
            code = value or self.lang
        if code.split("-")[0].casefold() == self.lang.split("-")[0].casefold():
            return Markup("")
        return Markup(' lang="{}"').format(code)


class LocalText(str):
    """A text that knows its language: a translation, the English fallback of a framework text,
    or curriculum content in the programme's language."""

    lang: str

    def __new__(cls, text: str, lang: str) -> LocalText:
        value = super().__new__(cls, text)
        value.lang = lang
        return value


def text_language(
    value: dict[str, str] | None, lang: str, reference: str = REFERENCE_LANGUAGE
) -> str:
    """The language of the text :func:`localize` picks from ``value`` for ``lang``."""
    if not value or lang in value:
        return lang
    base = lang.split("-")[0]
    if base in value:
        return base
    return reference if reference in value else next(iter(value))


def _read_catalogue(templates: TemplateSet, code: str) -> dict[str, Any]:
    return load_catalogue(templates.find(f"i18n/{code}.yaml"))


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{guide: {title: T}}`` → ``{"guide.title": T}``; lists stay whole."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def available_languages(templates: TemplateSet) -> list[str]:
    codes = {p.stem for folder in templates.search_path for p in (folder / "i18n").glob("*.yaml")}
    return sorted(codes)


def _with_break_opportunities(value: Any) -> Any:
    """Every printed value, with line-break places marked in Thai, Khmer, Lao and Myanmar text
    (runs of those letters hold no markup, so a Markup value stays safe)."""
    if isinstance(value, Markup):
        return Markup(add_break_opportunities(str(value)))
    if isinstance(value, str):
        return add_break_opportunities(value)
    return value


def css_string(value: Any) -> Markup:
    """A value as a quoted CSS string for a generated ``content:`` rule inside ``<style>``.

    Quotes, backslashes, control characters and ``<`` become CSS escapes, so user text can
    neither end the string nor the style element.
    """
    escaped = "".join(
        f"\\{ord(ch):X} " if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F else ch
        for ch in str(value)
    )
    return Markup(f'"{escaped}"')


RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff"  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
    "\ufb1d-\ufdff\ufe70-\ufeff"  # their presentation forms
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"  # historic scripts, Adlam, Arabic maths
)


def isolate(value: Any) -> Markup:
    """``value`` escaped; a text with right-to-left letters in it inside ``<bdi>``, so the
    words around it keep their order ("عنوان الوحدة · 6 hours", not "6 · عنوان الوحدة hours").
    WeasyPrint isolates a ``<bdi>`` as browsers do; other text is left as it is."""
    text = value if isinstance(value, Markup) else escape(value)
    if not RIGHT_TO_LEFT.search(str(value)):
        return Markup(text)
    return Markup("<bdi>{}</bdi>").format(text)


def keep_hyphenated(value: Any) -> Markup:
    """``value`` escaped, with each hyphenated word ("role-play") kept on one line: a title
    then wraps between words, never after a word's own hyphen."""
    text = str(escape(value))
    return Markup(HYPHENATED.sub(r'<span class="nowrap">\g<0></span>', text))


HYPHENATED = re.compile(r"[^\s<>&;-]+(?:-[^\s<>&;-]+)+")
"""A word with a hyphen inside it, in escaped text (entities are left alone)."""


def percent(ratio: float) -> str:
    return f"{round(ratio * 100)}%"


def number(value: float) -> str:
    """Hours and counts without a useless ``.0``."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def copy_templates(destination: str | Path, *, force: bool = False) -> list[Path]:
    """Copy the built-in templates, stylesheets, catalogues and fonts into ``destination`` to
    customise; refuses to overwrite files already there unless ``force``."""
    source = templates_dir()
    target = Path(destination)
    files = sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    _refuse_blocked_folders(target, [target / p.relative_to(source) for p in files])
    existing = [
        target / p.relative_to(source) for p in files if (target / p.relative_to(source)).exists()
    ]
    if existing and not force:
        raise InputError.single(
            str(target),
            f"{len(existing)} template files already exist there "
            f"(for example {existing[0].relative_to(target)})",
            "choose an empty folder, or say that they may be overwritten",
            code="templates.exist",
        )
    written = []
    for path in files:
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        written.append(copy)
    return written


def _refuse_blocked_folders(target: Path, copies: list[Path]) -> None:
    """An InputError when a file stands where the copy needs a folder, or a folder where it
    needs a file; --force overwrites files, never replaces one kind with the other."""
    folders = {target, *target.parents}
    folders |= {parent for copy in copies for parent in copy.parents if target in parent.parents}
    blocked = sorted(f for f in folders if f.exists() and not f.is_dir())
    if blocked:
        raise InputError.single(
            str(blocked[0]),
            "this is a file, but the templates are copied into a folder",
            "give the name of a folder (it is created if needed)",
            code="templates.folder-is-file",
        )
    taken = [copy for copy in copies if copy.is_dir()]
    if taken:
        raise InputError.single(
            str(taken[0]),
            "a folder of that name exists where a template file goes",
            "choose an empty folder for the templates",
            code="templates.file-is-folder",
        )
