"""What the Agreements page lists: every agreement, narrowed by a search and by kind and status.

Kept out of the page so the rule a reader relies on ("a search finds a word in
a title, a sector, a quote or a note") is one tested function.
"""

from __future__ import annotations

import pandas as pd

from components.charts.base import AGREEMENT_COLUMNS
from components.tables import PackTables

SEARCHED_COLUMNS = ("title", "sectors_label", "quote", "note", "kind", "status")


def filter_agreements(
    agreements: pd.DataFrame,
    search: str = "",
    kinds: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """Agreements whose searched text holds ``search`` (any case) and whose kind and status
    are among those chosen; an empty choice means all."""
    shown = agreements
    if search.strip():
        # Missing quotes and notes search as empty text (pandas keeps them missing in "str").
        text = shown[list(SEARCHED_COLUMNS)].astype("str").fillna("")
        haystack = text.agg(" ".join, axis=1)
        shown = shown[haystack.str.contains(search.strip(), case=False, regex=False)]
    if kinds:
        shown = shown[shown["kind"].isin(kinds)]
    if statuses:
        shown = shown[shown["status"].isin(statuses)]
    return shown


def agreements_table(
    tables: PackTables, search: str, kinds: tuple[str, ...], statuses: tuple[str, ...]
) -> pd.DataFrame:
    """The Agreements table as the page shows it (its columns), for ``ui.computed``: the same
    search and choices give the same frame, whose Arrow form and CSV are then made once."""
    shown = filter_agreements(tables.agreements, search, list(kinds), list(statuses))
    return shown[AGREEMENT_COLUMNS]
