"""A source's full text as safe HTML, with the passages records quote marked.

Quotes match their text after normalisation (white space, curly quotes,
dashes), so each quote is found in the normalised text and its span mapped
back to the original characters. Everything is escaped: the text is shown
exactly as stored, never as markup.
"""

from __future__ import annotations

import html

from components.packs import normalise_quote
from components.tables import PackTables, records_citing


def _normalised_with_positions(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, where it stands in ``text``."""
    characters: list[str] = []
    positions: list[int] = []
    for index, character in enumerate(text):
        folded = normalise_quote(character) if not character.isspace() else " "
        if folded == " " and (not characters or characters[-1] == " "):
            continue
        characters.append(folded or character)
        positions.append(index)
    return "".join(characters), positions


def quoted_spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of ``text`` that the quotes cover."""
    normalised, positions = _normalised_with_positions(text)
    spans = []
    for quote in quotes:
        needle = normalise_quote(quote)
        start = normalised.find(needle) if needle else -1
        if start >= 0:
            end = start + len(needle) - 1
            spans.append((positions[start], positions[end] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked_source_html(text: str, quotes: list[str]) -> str:
    """The text, escaped, in paragraphs, with each quoted passage in ``<mark>``."""
    parts, cursor = [], 0
    for start, end in quoted_spans(text, quotes):
        parts.append(html.escape(text[cursor:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    parts.append(html.escape(text[cursor:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div style="font-size:1.05rem;line-height:1.6;white-space:normal">{body}</div>'


def marked_source_of(tables: PackTables, source_id: str) -> str:
    """The stored text of ``source_id`` with the quotes of every record citing it marked."""
    quotes = list(records_citing(tables, source_id)["quote"].dropna())
    return marked_source_html(tables.texts[source_id], quotes)
