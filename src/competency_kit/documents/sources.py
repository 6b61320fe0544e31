"""Reading YAML and JSON documents with the line and column of every value kept.

Everything a user hands us passes through here first, so the checks that protect the rest of the
pipeline live here: size limits, encoding, syntax, alias bombs, and the map of positions that lets
later errors point at ``file:line:col``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from competency_kit.core import limits
from competency_kit.core.errors import InputError, dotted, system_refusal
from competency_kit.documents.sniff import KINDS, OLE2_MAGIC, sniff, wrong_file
from competency_kit.documents.yaml_fast import NotPlain, load_plain

FieldPath = tuple[str | int, ...]
"""Where a value sits in a document: keys and list positions from the top."""


@dataclass
class Document:
    """A parsed document; where each value came from is worked out only when a message
    needs it, since keeping positions makes parsing about ten times slower."""

    path: Path
    data: Any
    text: str = ""
    what: str = "input"
    """What the file was read as ('curriculum', 'review'), for messages."""
    _located: Any = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return str(self.path)

    def position(self, field_path: FieldPath) -> tuple[int | None, int | None]:
        """1-based (line, column) of the value at ``field_path``, or of its nearest ancestor."""
        if self._located is None:
            try:
                self._located = _parse_yaml(self.text, self.name)
            except InputError:  # e.g. JSON with tabs, which YAML does not allow
                self._located = {}
        return _position_in(self._located, field_path)


def _position_in(data: Any, field_path: FieldPath) -> tuple[int | None, int | None]:
    node = data
    line: int | None = None
    column: int | None = None
    for key in field_path:
        if isinstance(node, CommentedMap) and key in node:
            line, column = node.lc.key(key) if _has_lc(node, key) else (line, column)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, column = node.lc.item(key)
            node = node[key]
        else:
            break
    if line is None and isinstance(data, CommentedMap | CommentedSeq):
        line, column = data.lc.line, data.lc.col
    return (line + 1 if line is not None else None, column + 1 if column is not None else None)


def _has_lc(node: CommentedMap, key: Any) -> bool:
    try:
        node.lc.key(key)
    except (KeyError, TypeError):
        return False
    return True


def read_text(path: Path, what: str) -> str:
    """The file's text, or an InputError saying plainly why it cannot be read."""
    name = str(path)
    if not path.exists():
        raise InputError.single(
            name, f"{what} file not found", "check the path and file name", code="file.not-found"
        )
    if path.is_dir():
        raise InputError.single(
            name,
            f"this is a folder, not a {what} file",
            "name the file itself",
            code="file.is-folder",
        )
    size = path.stat().st_size
    if size > limits.TEXT_FILE_BYTES:
        raise InputError.single(
            name,
            f"the file is {size / 1048576:.1f} MiB; a {what} file may be at most "
            f"{limits.TEXT_FILE_BYTES // 1048576} MiB",
            "check that this is the right file",
            code="file.too-large",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise system_refusal(name, exc, "read") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.single(
            name,
            "the file is UTF-16 text",
            "save the file with UTF-8 encoding (in most editors: Save As → Encoding → UTF-8)",
            code="text.utf16",
        )
    if b"\x00" in raw[:8192] or raw.startswith((b"PK", b"%PDF-", OLE2_MAGIC)):
        kind = sniff(path)
        if kind in KINDS:
            raise wrong_file(path, kind, what)
        raise InputError.single(
            name,
            f"this is a binary file, not a {what} file",
            "check that you gave the right file; a workbook is read as a mapping workbook or "
            "as a gap-analysis workbook, not as a text file",
            code="text.binary",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(
            name,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "save the file with UTF-8 encoding (in most editors: Save As → Encoding → UTF-8)",
            line=line,
            code="text.not-utf8",
        ) from None
    if not text.strip():
        raise InputError.single(
            name, "the file is empty", f"write the {what} into it", code="text.empty"
        )
    return text


def load_document(path: str | Path, what: str = "input") -> Document:
    """Parse a YAML or JSON file; positions are found later, for messages only."""
    path = Path(path)
    return parse_document(path, read_text(path, what), what)


def parse_document(path: Path, text: str, what: str = "input") -> Document:
    """Parse the text of a YAML or JSON file (``path`` names it and says which), as
    ``load_document`` reads a file."""
    if path.suffix.lower() == ".json":
        data = parse_json(text, str(path))
    else:
        data = _parse_fast(text, str(path))
    _check_structure(data, str(path), may_alias="&" in text)
    doc = Document(path=path, data=data, text=text, what=what)
    _check_control_characters(doc)
    return doc


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters no workbook, PDF or spreadsheet can hold (tab and line breaks are fine)."""


def _check_control_characters(doc: Document) -> None:
    """Refuse text with control characters (written in YAML as escapes such as ``"\\x01"``):
    they would be dropped silently by every output, so the user hears of them now."""
    if "\\" not in doc.text and not _CONTROL.search(doc.text):
        return  # every value comes from the text, and only an escape could hide one there
    stack: list[tuple[Any, FieldPath]] = [(doc.data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            found = _CONTROL.search(node)
            if found:
                line, column = doc.position(path)
                raise InputError.single(
                    doc.name,
                    f"the text contains the invisible control character U+{ord(found.group()):04X}",
                    "delete it (it is often pasted in from another program)",
                    line=line,
                    column=column,
                    field=dotted(path),
                    code="text.control-character",
                )
        elif isinstance(node, dict):
            stack.extend((v, (*path, str(k))) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))


def _parse_fast(text: str, name: str) -> Any:
    """Parse plain data with the fast reader, anything else with ruamel.yaml's C loader; on any
    error, parse again with the position-keeping loader, whose messages say where the problem
    is."""
    try:
        try:
            return load_plain(text)
        except NotPlain:
            yaml = YAML(typ="safe")
            yaml.allow_duplicate_keys = False
            return yaml.load(text)
    except (YAMLError, RecursionError, ValueError):
        return _parse_yaml(text, name)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _DuplicateJSONKey()
    return data


class _DuplicateJSONKey(Exception):
    pass


def parse_json(text: str, name: str) -> Any:
    """JSON data, or an InputError placing the syntax error or the repeated key."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateJSONKey:
        return _parse_yaml(text, name)  # reports the duplicate key with its line
    except json.JSONDecodeError as exc:
        raise InputError.single(
            name,
            f"JSON syntax error: {exc.msg}",
            "fix the JSON syntax at this place",
            line=exc.lineno,
            column=exc.colno,
            code="json.syntax",
        ) from None
    except RecursionError:
        raise InputError.single(
            name, "the JSON nests too deeply", "check the file", code="json.too-deep"
        ) from None


def _parse_yaml(text: str, name: str) -> Any:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise InputError.single(
            name,
            f"duplicate key: {exc.problem}".replace("\n", " "),
            "each key may appear once per mapping; remove or rename one of them",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            code="yaml.duplicate-key",
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        raise InputError.single(
            name,
            f"YAML syntax error: {problem}",
            "check indentation, colons and quotes on this line (a value containing ': ' "
            "or starting with a special character must be quoted)",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            code="yaml.syntax",
        ) from None
    except RecursionError:
        raise InputError.single(
            name,
            "the document nests too deeply to be read",
            "check the file's brackets",
            code="yaml.too-deep",
        ) from None
    except (YAMLError, ValueError) as exc:
        raise InputError.single(
            name,
            f"YAML syntax error: {exc}".replace("\n", " "),
            "check the file's syntax",
            code="yaml.syntax",
        ) from None


def _check_structure(data: Any, name: str, *, may_alias: bool) -> None:
    """Refuse documents nested absurdly deep, or whose anchors and aliases would expand into an
    enormous structure (the "billion laughs" attack)."""
    if may_alias:
        _check_expansion(data, name)  # also guarantees the walk below ends on shared nodes
    level = [data] if isinstance(data, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limits.DOCUMENT_DEPTH:
            raise InputError.single(
                name,
                f"the document nests more than {limits.DOCUMENT_DEPTH} levels deep",
                "check the file's brackets and indentation",
                code="document.too-deep",
            )
        below: list[Any] = []
        for node in level:
            values = node.values() if isinstance(node, dict) else node
            below += [v for v in values if isinstance(v, dict | list)]
        level = below


def _check_expansion(data: Any, name: str) -> None:
    """Count the values as if every alias were written out, without writing them out; refuse
    a structure that contains itself."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        if not isinstance(node, dict | list) or id(node) in sizes:
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if not children_done:
            if id(node) in open_nodes:
                raise InputError.single(
                    name,
                    "the document contains itself through a YAML alias (*) inside its anchor (&)",
                    "write the data out without anchors and aliases",
                    code="yaml.self-alias",
                )
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children)
            continue
        open_nodes.discard(id(node))
        sizes[id(node)] = 1 + sum(
            sizes.get(id(c), 0) if isinstance(c, dict | list) else 1 for c in children
        )
        if sizes[id(node)] > limits.DOCUMENT_VALUES:
            raise InputError.single(
                name,
                f"the document expands to more than {limits.DOCUMENT_VALUES:,} values "
                "through YAML anchors (&) and aliases (*)",
                "write the data out without anchors and aliases",
                code="yaml.alias-bomb",
            )
