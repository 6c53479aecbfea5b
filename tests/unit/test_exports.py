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


def test_a_value_beside_another_is_never_rounded_into_it():
    """Beside one source's $12.5 bn, another's 12.48 reads "$12.48 bn", not a second
    "$12.5 bn"; values that read apart at one decimal, or are equal, keep it."""
    from components.tables import told_apart

    assert told_apart(12.48, "USD bn", None, 12.5) == "$12.48 bn"
    # Beside a 12.48 shown as "$12.5 bn", a 12.5 shows the decimal that says it is not that.
    assert told_apart(12.5, "USD bn", None, 12.48) == "$12.50 bn"
    assert told_apart(100.004, "bcm", None, 100.0) == "100.004 bcm"
    assert told_apart(12.4, "USD bn", None, 12.43) == "$12.40 bn"
    assert told_apart(3.25, "bn", "GBP", 3.3) == "£3.25 bn"
    assert told_apart(244.8, "USD bn", None, 245) == "$244.8 bn"
    assert told_apart(12.5, "USD bn", None, 12.5) == "$12.5 bn"
    # A whole 95 beside a 95.04 that reads "95%": its decimals say it is not that one.
    assert told_apart(95, "%", None, 95.04) == "95.00%"
