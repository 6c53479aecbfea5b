"""Reading one YAML file of a pack safely, keeping the line of every record and key.

A plain file (no anchor, alias, tag, merge key or repeated key: nearly every
pack file) is built straight from the C parser's events, keeping the line
each record starts on; the nodes of its other values are composed only if a
problem needs their line. Any other file is composed once into YAML nodes
(which carry their line numbers) and the Python data is constructed from
those same nodes, so each problem found later can point at ``file:line``.
Before anything is constructed, a file that uses aliases has its node graph
checked: alias bombs (anchors that expand far beyond the size of the file)
and recursive aliases are refused.
Keys that repeat in one mapping are caught while mappings are built. Dates
stay as the text the curator wrote, so that ``2025-02-30`` becomes a clear
message instead of a crash of the YAML library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_LABEL = "5 MB"  # how problems name the limit, for pack files and stored texts alike
# An anchor as YAML writes one: "&name" at the start of a value or item. Text
# inside quotes may match too; that only costs the full check.
ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]+", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack, located as ``file:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class _PackLoader(yaml.CSafeLoader):
    """The C safe loader, with dates kept as written (``parse_partial_date`` reads them)
    and every key that repeats within one mapping remembered as it is built."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._resolved: dict[tuple, str] = {}
        # Each key that repeats in its mapping, with the line of its first use.
        self.repeated_keys: list[tuple[yaml.ScalarNode, int]] = []

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        # Pack files repeat the same keys and words thousands of times; the
        # pure-Python resolver is the largest cost of reading a large pack.
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        cache_key = (value, implicit)
        tag = self._resolved.get(cache_key)
        if tag is None:
            tag = self._resolved[cache_key] = super().resolve(kind, value, implicit)
        return tag

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[str, yaml.ScalarNode] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    first_line = seen[key_node.value].start_mark.line + 1
                    self.repeated_keys.append((key_node, first_line))
                else:
                    seen[key_node.value] = key_node
        return super().construct_mapping(node, deep=deep)


_PackLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass(frozen=True)
class YamlFile:
    """A parsed file: its data, its root node (for lines) and the name problems use.

    A file read by the fast path keeps its text and the line of each top-level
    item instead of its nodes; the nodes are composed from the text the first
    time a deeper line is asked for (a problem to locate).
    """

    path: str
    data: Any
    root: yaml.Node | None
    text: str | None = field(default=None, repr=False, compare=False)
    item_lines: Sequence[int] | None = field(default=None, repr=False, compare=False)

    def line_of(self, location: Sequence[str | int]) -> int:
        """The line of the deepest node that ``location`` (keys and list indexes) reaches."""
        if (
            self.item_lines is not None
            and len(location) == 1
            and isinstance(location[0], int)
            and 0 <= location[0] < len(self.item_lines)
        ):
            return self.item_lines[location[0]]
        node = self.root
        if node is None and self.text is not None:
            node = _compose(self.text)
            object.__setattr__(self, "root", node)
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in location:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            # A key's own line is where a reader looks for the field it names.
            line = (key_node or node).start_mark.line + 1
        return line


def read_yaml_file(path: Path, shown_as: str) -> tuple[YamlFile | None, list[Problem]]:
    """Read ``path`` with the safe loader; problems name the file as ``shown_as``.

    Returns the parsed file, or None with the problems that kept it from being read.
    """

    def problem(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, line, "file", message)]

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return problem(
            1, f"file is {size / 1e6:.1f} MB; a pack file may be at most {MAX_FILE_LABEL}"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return problem(1, f"not UTF-8 text ({error.reason} at byte {error.start})")
    fast = _read_plain(text)
    if fast is not None:
        data, item_lines = fast
        if data is None:
            return YamlFile(shown_as, None, None), []
        return YamlFile(shown_as, data, None, text, item_lines), []
    loader = _PackLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return YamlFile(shown_as, None, None), []
        # Only an alias of an anchor ("&name" ... "*name") can make a file
        # expand, and most files define no anchor at all.
        if ANCHOR.search(text):
            problems = _check_aliases(root, len(text), shown_as)
            if problems:
                return None, problems
        data = loader.construct_document(root)
        if loader.repeated_keys:
            return None, [
                Problem(
                    shown_as,
                    key.start_mark.line + 1,
                    key.value,
                    f"key repeats (first at line {first_line}); "
                    "YAML would silently keep only the last value",
                )
                for key, first_line in loader.repeated_keys
            ]
        return YamlFile(shown_as, data, root), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = " ".join(part for part in (error.context, error.problem) if part)
        return problem(line, f"not valid YAML: {reason}")
    except yaml.YAMLError as error:
        return problem(1, f"not valid YAML: {error}")
    finally:
        loader.dispose()


class _NeedsFullRead(Exception):
    """The fast path met something only the full reader handles (or reports)."""


_STR_TAG = "tag:yaml.org,2002:str"
_KEPT_AS_TEXT = {_STR_TAG, "tag:yaml.org,2002:timestamp"}
_BUILT = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


def _read_plain(text: str) -> tuple[Any, list[int]] | None:
    """The data of a plain file built straight from the C parser's events, and the line
    each top-level item starts on; None when the file needs the full reader.

    Most pack files use no anchor, alias, explicit tag, merge key, complex key
    or repeated key, and hold one document. For them this gives the same data
    as composing nodes and constructing from them, at a third of the cost (no
    node per value, no constructor generators). Anything else, and any error,
    sends the file to the full reader, which finds and words the problem.
    """
    loader = yaml.CSafeLoader(text)
    try:
        return _build_from_events(loader)
    except (_NeedsFullRead, yaml.YAMLError, TypeError, ValueError):
        return None
    finally:
        loader.dispose()


def _build_from_events(loader: yaml.CSafeLoader) -> tuple[Any, list[int]]:
    get_event = loader.get_event
    scalars: dict[tuple[str, bool], Any] = {}
    ScalarEvent, MappingStart, SequenceStart = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    MappingEnd, SequenceEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent

    def scalar(event: yaml.ScalarEvent) -> Any:
        plain = event.implicit[0]
        if not plain:
            return event.value
        key = (event.value, plain)
        if key in scalars:
            return scalars[key]
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag in _KEPT_AS_TEXT:
            value = event.value
        elif tag in _BUILT:
            node = yaml.ScalarNode(tag, event.value)
            value = loader.yaml_constructors[tag](loader, node)
        else:
            raise _NeedsFullRead(tag)
        scalars[key] = value
        return value

    event = get_event()  # the stream's start
    event = get_event()
    if isinstance(event, yaml.StreamEndEvent):
        return None, []
    if not isinstance(event, yaml.DocumentStartEvent):
        raise _NeedsFullRead(event)
    # Each open container: the list or dict, the key awaiting its value (dicts),
    # and the raw keys seen (dicts), as the composer compares them.
    stack: list[list] = []
    root: Any = None
    item_lines: list[int] = []
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NeedsFullRead(event)
            value = scalar(event)
        elif kind is MappingStart or kind is SequenceStart:
            if event.anchor is not None or event.tag is not None:
                raise _NeedsFullRead(event)
            value = {} if kind is MappingStart else []
        elif kind is MappingEnd or kind is SequenceEnd:
            stack.pop()
            if not stack:
                break
            continue
        else:  # an alias, or anything the composer would refuse
            raise _NeedsFullRead(event)
        if not stack:
            root = value
        else:
            top = stack[-1]
            container = top[0]
            if type(container) is list:
                if len(stack) == 1:
                    item_lines.append(event.start_mark.line + 1)
                container.append(value)
            elif top[1] is _NO_KEY:
                if kind is not ScalarEvent or event.value in top[2]:
                    raise _NeedsFullRead(event)  # a complex or repeated key
                top[2].add(event.value)
                top[1] = value
            else:
                container[top[1]] = value
                top[1] = _NO_KEY
        if kind is not ScalarEvent:
            stack.append([value, _NO_KEY, set()])
        elif not stack:
            break
    if not isinstance(get_event(), yaml.DocumentEndEvent):
        raise _NeedsFullRead("document")
    if not isinstance(get_event(), yaml.StreamEndEvent):
        raise _NeedsFullRead("more than one document")
    return root, item_lines


_NO_KEY = object()


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a file the fast path already read (so it composes cleanly)."""
    loader = _PackLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield key_node
            yield value_node


def _check_aliases(root: yaml.Node, text_length: int, shown_as: str) -> list[Problem]:
    """Refuse recursive aliases and files whose aliases expand beyond their size.

    An alias reuses a node, so the graph is walked once per distinct node and
    the expanded size is summed bottom-up: a billion-laughs file is measured
    in microseconds and refused before anything is built from it.
    """
    expanded: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            expanded[key] = 1 + sum(expanded[id(child)] for child in _children(node))
            visiting.discard(key)
            continue
        if key in expanded:
            continue
        if key in visiting:
            line = node.start_mark.line + 1
            return [Problem(shown_as, line, "file", "an alias refers to itself (recursive YAML)")]
        visiting.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in expanded)
    if expanded[id(root)] > max(text_length, 1):
        return [
            Problem(
                shown_as,
                1,
                "file",
                f"anchors and aliases expand to {expanded[id(root)]:,} YAML nodes from "
                f"{text_length:,} characters; refusing a file that grows beyond its size",
            )
        ]
    return []
