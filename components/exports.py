"""Files a reader downloads: CSV now; images, decks, HTML and ZIP join here later.

Every CSV is safe to open in a spreadsheet: a text cell that starts with a
character a spreadsheet would run as a formula (``= + - @``, tab, carriage
return) is prefixed with an apostrophe, as OWASP advises. Numbers stay
numbers. Files are UTF-8 with a byte-order mark so that Excel shows Cyrillic
and Chinese quotes as written.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """A text cell a spreadsheet would evaluate, made inert; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_ready(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows as they go into a CSV: lists joined by "; ", text cells neutralised."""
    ready = rows.copy()
    for name, column in ready.items():
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            ready[name] = column.map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            ).map(neutralise_formula)
        elif isinstance(column.dtype, pd.CategoricalDtype):
            ready[name] = column.astype("str").map(neutralise_formula)
    return ready


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """The CSV a download button serves for ``rows``."""
    return csv_ready(rows).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
