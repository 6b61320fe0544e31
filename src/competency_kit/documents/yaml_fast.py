"""Reading plain YAML data quickly: ruamel.yaml's C parser builds the node tree, and a small
constructor turns it into dicts, lists and scalars.

ruamel.yaml's own safe loader spends most of its time in Python for every value: it resolves
each scalar's type afresh and rebuilds tag strings again and again, about 0.7 s for a programme
of 2,000 modules, against 0.15 s here. Each distinct scalar is resolved once, by ruamel.yaml's
own YAML 1.2 resolver, and every scalar that is not a string is built by ruamel.yaml's own
constructor functions, so the result is what its safe loader returns (a property test compares
the two on generated documents).

Only plain data is read this way. Anything else (directives, explicit tags, merge keys,
duplicate or unhashable keys, an anchor that contains itself, absurd nesting) raises
``NotPlain``, and the caller hands the text to ruamel.yaml's full loader, which also words the
errors.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from _ruamel_yaml import CParser  # ruamel.yaml.clib, the libyaml binding ruamel.yaml uses
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_PREFIX + name for name in ("null", "bool", "int", "float", "timestamp"))
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


class NotPlain(Exception):
    """The document uses YAML beyond plain data; read it with the full loader."""


def load_plain(text: str) -> Any:
    """The data of a single-document YAML text, as ruamel.yaml's safe loader returns it.

    Raises ``NotPlain`` for documents this reader leaves to the full loader, and ruamel.yaml's
    own errors (``YAMLError``) for broken syntax."""
    if _DIRECTIVE.search(text):
        raise NotPlain("a %YAML or %TAG directive")
    with _collector_paused():
        node = _Composer(text).get_single_node()
        try:
            data = None if node is None else _Builder().build(node)
        except RecursionError:  # the builder recurses; the full loader's constructor does not
            raise NotPlain("nesting deeper than this reader follows") from None
        del node  # while the collector is paused, which then never walks the node tree
    return data


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The parse allocates one object per value and frees none of them, so the cyclic
    garbage collector would only walk an ever larger heap; node trees hold no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Composer(CParser):
    """libyaml's composer, with each distinct (kind, value, implicit) resolved only once."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        # called for every scalar and collection: a C-level cache keeps repeats out of Python
        self.resolve = _cached_resolver()

    # Called around every collection for path-based resolvers, which plain data has none of.
    def descend_resolver(self, parent: Any, index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_RESOLVER = VersionedResolver(version=(1, 2))


def _cached_resolver() -> Callable[[Any, Any, Any], Tag]:
    canonical: dict[str, Tag] = {}

    @functools.cache
    def resolve(kind: Any, value: Any, implicit: Any) -> Tag:
        found = _RESOLVER.resolve(kind, value, implicit)
        # one Tag object per tag, so the builder can tell them apart by identity
        return canonical.setdefault(str(found), found)

    return resolve


class _Builder:
    """Turns a composed node tree into Python data."""

    # ruamel.yaml's safe constructor, for the scalars that are not strings
    _constructor = YAML(typ="safe", pure=True).constructor

    def __init__(self) -> None:
        self._built: dict[int, Any] = {}  # collections by node identity: aliases share them
        self._open: set[int] = set()
        self._tags: dict[int, str] = {}

    def build(self, node: Node) -> Any:
        tag = self._tag(node)
        if isinstance(node, ScalarNode):
            if tag == _PREFIX + "str":
                return node.value
            if tag in _SCALAR_TAGS:
                return self._constructor.yaml_constructors[tag](self._constructor, node)
            raise NotPlain(f"tag {tag}")
        key = id(node)
        if key in self._built:
            return self._built[key]
        if key in self._open:
            raise NotPlain("an anchor that contains itself")
        self._open.add(key)
        if isinstance(node, MappingNode) and tag == _PREFIX + "map":
            value: Any = self._mapping(node)
        elif isinstance(node, SequenceNode) and tag == _PREFIX + "seq":
            value = [self.build(item) for item in node.value]
        else:
            raise NotPlain(f"tag {tag}")
        self._open.discard(key)
        self._built[key] = value
        return value

    def _mapping(self, node: MappingNode) -> dict[Any, Any]:
        pairs = [(self.build(k), self.build(v)) for k, v in node.value]
        try:
            mapping = dict(pairs)
        except TypeError:
            raise NotPlain("a key that is a list or a mapping") from None
        if len(mapping) != len(pairs):
            raise NotPlain("a repeated key")
        return mapping

    def _tag(self, node: Node) -> str:
        """The node's tag as text, converted once per distinct Tag object."""
        tag = self._tags.get(id(node.ctag))
        if tag is None:
            tag = str(node.ctag)
            self._tags[id(node.ctag)] = tag
        return tag
