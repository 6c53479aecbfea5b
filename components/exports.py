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
    """Rows as they go into a CSV: lists joined by "; ", text cells neutralised.

    Text columns are neutralised with pandas' string methods; a column of
    Python objects (lists, text and gaps mixed) takes one pass over its cells.
    """
    ready = rows.copy()
    for name, column in ready.items():
        if isinstance(column.dtype, pd.CategoricalDtype):
            ready[name] = _neutralised_text(column.astype("str"))
        elif column.dtype == object:
            ready[name] = _ready_objects(column)
        elif pd.api.types.is_string_dtype(column):
            ready[name] = _neutralised_text(column)
    return ready


def _neutralised_text(column: pd.Series) -> pd.Series:
    """A column of text (and gaps) with every formula-like cell prefixed by an apostrophe."""
    formula = column.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
    if not formula.any():
        return column
    return column.mask(formula, "'" + column)


def _ready_objects(column: pd.Series) -> pd.Series:
    """A column of Python objects: lists and tuples joined by "; ", then neutralised."""
    cells = []
    for value in column.to_numpy(dtype=object):
        if isinstance(value, (list, tuple)):
            value = "; ".join(map(str, value))
        cells.append(neutralise_formula(value))
    return pd.Series(cells, index=column.index, name=column.name, dtype=object)


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """The CSV a download button serves for ``rows``."""
    return csv_ready(rows).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
