"""Turning pydantic's validation errors into plain-English problems with positions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from competency_kit.core.errors import InputError, Problem, Severity, dotted
from competency_kit.documents.sniff import looks_like_csv, refuse_other_kind, wrong_file
from competency_kit.documents.sources import Document
from competency_kit.documents.sources import FieldPath as FieldPath


def problem_at(
    doc: Document,
    path: FieldPath,
    message: str,
    fix: str = "",
    value: Any = None,
    severity: Severity = "error",
    *,
    code: str,
) -> Problem:
    line, column = doc.position(path)
    return Problem(
        code=code,
        file=doc.name,
        line=line,
        column=column,
        field=dotted(path),
        value=value,
        message=message,
        fix=fix,
        severity=severity,
    )


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """``"did you mean 'x'? "`` for the choice closest to a misspelt ``value``, else ``""``."""
    guess = difflib.get_close_matches(str(value), list(choices), n=1)
    return f"did you mean '{guess[0]}'? " if guess else ""


def dict_items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Index and item of each mapping in the list ``data[key]``, skipping whatever is not one
    (raw data is checked before the schema has said what is wrong with it)."""
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def validation_problems(
    exc: ValidationError, doc: Document, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        path = data_path(error["loc"])
        message, fix = explain(error, model, path)
        value = None if error["type"] == "missing" else error.get("input")
        if isinstance(value, dict | list):
            value = None
        problems.append(problem_at(doc, path, message, fix, value, code=schema_code(error)))
    return _dedupe(problems)


def schema_code(error: ErrorDetails) -> str:
    """The problem code of a schema error: ``schema.missing``, ``schema.extra-forbidden`` …"""
    return "schema." + error["type"].replace("_", "-")


UNION_TAGS = {"int", "float", "str", "bool", "none", "list", "dict"}


def data_path(loc: tuple[Any, ...]) -> FieldPath:
    # pydantic adds validator names ('function-before[...]') and union members ('int', 'float')
    # to locations; they are not places in the user's file.
    return tuple(
        p for p in loc if isinstance(p, int) or ("[" not in str(p) and p not in UNION_TAGS)
    )


def explain(error: ErrorDetails, model: type[BaseModel], path: FieldPath) -> tuple[str, str]:
    """A message and a fix, written for someone who is not a programmer."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field = str(path[-1]) if path else ""
    label = _field_label(path)
    if kind == "missing":
        return f"the required field '{field}' is missing", f"add '{field}: ...' here"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        listed = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        return (
            f"unknown field '{field}'",
            f"{did_you_mean(field, allowed)}remove it or correct the spelling{listed}",
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"{label} must be one of {expected}", f"use one of: {expected}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(label, path, error.get("input"))
    if kind in ("string_too_short", "too_short"):
        return f"{label} is empty", f"write a value for {label}"
    if kind == "value_error":
        # Our validators write "what is wrong; what to do".
        message, _, fix = str(ctx.get("error", error["msg"])).partition("; ")
        return message, fix or "correct the value"
    if kind.startswith(("model_type", "dict_type")):
        return f"{label} must be a mapping of keys and values", "indent the keys under it"
    if kind == "list_type":
        return f"{label} must be a list", "write each item on its own line starting with '- '"
    return _type_message(kind, label, error["msg"], ctx)


CODE_CHARACTERS = "letters, digits, '.', '-' or '_', starting with a letter or digit"
SLUG_CHARACTERS = "lowercase letters, digits and '-'"
ID_ADVICE: dict[str, tuple[str, str]] = {
    "programme": ("a programme id", f"{CODE_CHARACTERS}, e.g. DIP-HOSP"),
    "courses": ("a course id", f"{CODE_CHARACTERS}, e.g. HOS101"),
    "modules": ("a module id", f"{CODE_CHARACTERS}, e.g. HOS101-M1"),
    "areas": ("an area id", f"{CODE_CHARACTERS}, e.g. CP3"),
    "competencies": ("a competency id", f"{CODE_CHARACTERS}, e.g. CP3.2"),
    "statements": ("a statement id", f"{CODE_CHARACTERS}, e.g. CP3.2-K1"),
    "levels": ("a level id", f"{SLUG_CHARACTERS}, e.g. foundation"),
    "audiences": ("an audience id", f"{SLUG_CHARACTERS}, e.g. front-line"),
    "language": ("a language", "a code such as en, fr or pt-BR"),
}


def _pattern_message(label: str, path: FieldPath, value: Any) -> tuple[str, str]:
    """A code that breaks its pattern, with advice about that kind of code alone: a
    programme id with a space hears about programme ids, not statement ids."""
    owner = next((p for p in reversed(path[:-1]) if isinstance(p, str)), "")
    if path and path[-1] == "language":
        owner = "language"
    what, form = ID_ADVICE.get(owner, ("a code", CODE_CHARACTERS))
    flaw = ""
    if isinstance(value, str):
        if any(ch.isspace() for ch in value.strip()):
            flaw = ": it has a space"
        elif owner in ("levels", "audiences") and value != value.lower():
            flaw = ": it has capital letters"
    return f"{label} is not a well-formed code{flaw}", f"{what} is written with {form}"


def _field_label(path: FieldPath) -> str:
    """How a message names the place: 'hours', or item 2 of 'maps'."""
    if not path:
        return "the document"
    if isinstance(path[-1], int):
        return f"item {path[-1] + 1} of '{path[-2]}'" if len(path) > 1 else "this item"
    return f"'{path[-1]}'"


def _type_message(kind: str, label: str, msg: str, ctx: dict[str, Any]) -> tuple[str, str]:
    expected = {
        "string_type": ("text", "write text; quote it if it looks like a number or a date"),
        "int_type": ("a whole number", "write a whole number such as 6"),
        "float_type": ("a number", "write a number such as 6 or 1.5"),
        "bool_type": ("true or false", "write true or false"),
    }
    if kind in expected:
        what, fix = expected[kind]
        return f"{label} must be {what}", fix
    bound = _bound(kind, ctx)
    if bound:
        return f"{label} must be {bound}", f"write a number that is {bound}"
    return f"{label}: {msg}", "correct the value"


def _bound(kind: str, ctx: dict[str, Any]) -> str:
    """A numeric limit in words: "zero or more", "at most 1"."""
    phrases = {
        "greater_than_equal": ("ge", "{} or more"),
        "greater_than": ("gt", "more than {}"),
        "less_than_equal": ("le", "at most {}"),
        "less_than": ("lt", "less than {}"),
    }
    if kind not in phrases or phrases[kind][0] not in ctx:
        return ""
    key, phrase = phrases[kind]
    limit = ctx[key]
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    return phrase.format("zero" if limit == 0 else limit)


def _allowed_keys(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The keys a user may write in the model found at ``path`` (best effort, for suggestions):
    field names, or their aliases where they have one (policy rules are written with dashes)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        info = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
        if info is None:
            return []
        current = _model_in(info.annotation)
    fields = getattr(current, "model_fields", {})
    return [info.alias or name for name, info in fields.items()]


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    seen: set[tuple[str]] = set()
    unique = []
    for p in problems:
        key = (p.field,)  # a union reports one error per member; the first says enough
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


ModelT = TypeVar("ModelT", bound=BaseModel)


def top_level_mapping(
    doc: Document, message: str, fix: str, *, code: str, kind: str | None = None
) -> dict[str, Any]:
    """The document's data, which must be a mapping of keys (else one problem on line 1).

    With ``kind`` (a key of ``sniff.KINDS``), a document that is plainly of another kind (a
    review file given as a curriculum) or a CSV table is named as what it is."""
    if not isinstance(doc.data, dict):
        if looks_like_csv(doc.text):
            raise wrong_file(doc.path, "csv", doc.what)
        raise InputError.single(doc.name, message, fix, line=1, code=code)
    if kind is not None:
        refuse_other_kind(doc.path, doc.data, kind, doc.what)
    return doc.data


def validate_document(
    doc: Document, model: type[ModelT], data: Any = None
) -> tuple[ModelT | None, list[Problem]]:
    """``model`` built from the document's data (or ``data``), or None with every problem
    placed on its line; callers add their own cross-reference problems before raising."""
    try:
        return model.model_validate(doc.data if data is None else data), []
    except ValidationError as exc:
        return None, validation_problems(exc, doc, model)
