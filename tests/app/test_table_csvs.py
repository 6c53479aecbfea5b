"""Every table a reader sees has a CSV beside it, formula cells neutralised.

A table's own toolbar "Download as CSV" writes cells as they are (a quote that
starts with "=" runs in a spreadsheet), so the app turns it off
(``client.disableDataExport``; checked in the browser by
``tests/e2e/test_dashboard.py``) and offers its own CSV for each table instead.
Expected rows are read from the pack's files.
"""

from __future__ import annotations

import pytest
import yaml

from tests.app.reader import (
    PAGE_SCRIPTS,
    READER_DATA,
    _downloads_kept,  # noqa: F401 - autouse fixture
    _open,
    _openable_keys,
    csv_rows,
    download_bytes,
    open_page,
    page_table,
)

PACK_DIR = READER_DATA / "ruritania-graustark"
RECORD_FILES = ("figures", "events", "agreements", "statements", "checks")


def pack_file(name: str) -> list[dict]:
    return yaml.safe_load((PACK_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("title", list(PAGE_SCRIPTS))
def test_every_table_on_a_page_has_a_csv_of_its_own(title, monkeypatch):
    """With everything opened, as many CSV buttons as tables, on every page."""
    app = open_page(title, monkeypatch=monkeypatch)
    keys = _openable_keys(app, "")
    if keys:
        app = _open(app, keys)
    if title == "Sources":  # a whole table, as a reader chooses one
        app.button_group(key="sources-table-shown").set_value("events").run()
    tables = app.get("dataframe")
    csvs = [b for b in app.get("download_button") if b.proto.label == "CSV"]
    assert len(csvs) >= len(tables), f"{title}: {len(tables)} tables, {len(csvs)} CSVs"
    if title in {"Claims", "Sources", "Agreements", "Timeline"}:
        assert tables, f"{title} shows no table once opened: test is void"


def test_the_sources_list_and_a_sources_records_come_as_csv(monkeypatch):
    sources = pack_file("sources")
    app = open_page("Sources", monkeypatch=monkeypatch)
    listed = csv_rows(download_bytes(app, "csv-sources-table"))
    assert [row["id"] for row in listed] == [source["id"] for source in sources]
    # On screen each source reads who said it and its title first (a 1024 px window shows a
    # table's first columns; the id came first and cut the titles off).
    shown = page_table(app, ["citation", "title", "records"])
    assert list(shown["title"]) == [source["title"] for source in sources]

    chosen = sources[-1]["id"]
    app.selectbox(key="sources-chosen").set_value(chosen).run()
    citing = {
        record["id"]
        for name in RECORD_FILES
        for record in pack_file(name)
        if record.get("source") == chosen
    }
    assert citing, "the chosen source is cited by no record: test is void"
    rows = csv_rows(download_bytes(app, "csv-sources-records"))
    assert {row["id"] for row in rows} == citing


def test_the_claims_evidence_comes_as_one_csv_each_record_with_its_claim(monkeypatch):
    checks = [c for c in pack_file("checks") if c.get("evidence")]
    assert checks, "the reader pack checks no claim against evidence: test is void"
    app = open_page("Claims", monkeypatch=monkeypatch)
    rows = csv_rows(download_bytes(app, "csv-claims-evidence"))
    for check in checks:
        assert [row["id"] for row in rows if row["claim"] == check["id"]] == check["evidence"]
    assert {row["claim"] for row in rows} == {check["id"] for check in checks}
    # The verdict filter narrows it to the claims it shows.
    verdict = checks[0]["verdict"]
    app.button_group(key="claims-verdict").set_value([verdict]).run()
    rows = csv_rows(download_bytes(app, "csv-claims-evidence"))
    assert {row["claim"] for row in rows} == {c["id"] for c in checks if c["verdict"] == verdict}
