"""Reading one YAML file of a pack safely, keeping the line of every record and key.

The file is composed once into YAML nodes (which carry their line numbers)
and the Python data is constructed from those same nodes, so each problem
found later can point at ``file:line``. Before anything is constructed, a
file that uses aliases has its node graph checked: alias bombs (anchors that
expand far beyond the size of the file) and recursive aliases are refused.
Keys that repeat in one mapping are caught while mappings are built. Dates
stay as the text the curator wrote, so that ``2025-02-30`` becomes a clear
message instead of a crash of the YAML library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
    """A parsed file: its data, its root node (for lines) and the name problems use."""

    path: str
    data: Any
    root: yaml.Node | None

    def line_of(self, location: Sequence[str | int]) -> int:
        """The line of the deepest node that ``location`` (keys and list indexes) reaches."""
        node = self.root
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
