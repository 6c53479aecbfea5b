"""CSV downloads: exact bodies, formula cells neutralised, lists joined, UTF-8 with BOM."""

from __future__ import annotations

import pandas as pd

from components.exports import csv_bytes


def test_csv_body_is_exactly_the_rows_with_formulas_neutralised():
    rows = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "value": [245.0, -6.9, 31.12],
            "quote": ['=HYPERLINK("http://x")', "+1 rose", "plain, with a comma"],
            "note": ["@SUM(A1)", "-2 fell", None],
            "people": [("Xi Jinping", "Vladimir Putin"), (), ("\tTab",)],
        }
    )
    assert csv_bytes(rows).decode("utf-8-sig") == (
        "id,value,quote,note,people\n"
        'a,245.0,"\'=HYPERLINK(""http://x"")",\'@SUM(A1),Xi Jinping; Vladimir Putin\n'
        "b,-6.9,'+1 rose,'-2 fell,\n"
        'c,31.12,"plain, with a comma",,\'\tTab\n'
    )


def test_csv_starts_with_a_byte_order_mark_for_spreadsheets():
    body = csv_bytes(pd.DataFrame({"quote": ["товарооборот достиг $89,21 млрд"]}))
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig") == 'quote\n"товарооборот достиг $89,21 млрд"\n'


def test_categorical_cells_are_written_as_text():
    rows = pd.DataFrame({"status": pd.Categorical(["planned", "reported"])})
    assert csv_bytes(rows).decode("utf-8-sig") == "status\nplanned\nreported\n"


def test_values_read_in_their_currency_whatever_the_pair():
    from components.tables import format_value

    assert format_value(244.8, "USD bn") == "$244.8 bn"
    assert format_value(12.25, "EUR bn") == "€12.3 bn"
    assert format_value(3, "bn", currency="GBP") == "£3 bn"
    assert format_value(7, "CNY trn") == "7 CNY trn"  # no common symbol: the code stays
    assert format_value(95, "%") == "95%"
    assert format_value(310.5, "TWh") == "310.5 TWh"
