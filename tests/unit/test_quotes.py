"""Every quote stands in its source's stored text, found by a plain search written here.

The loader checks quotes with its own normalisation; this test does not use it, so a loader
that accepts too much (a quote that matches only at its start, say) is caught. Quotes may
differ from the text only in white space, curly against straight quotation marks, and
dashes written as hyphens.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from components.packs import load_packs
from tests.conftest import FIXTURES, SHIPPED_DATA

RECORD_FILES = ("figures", "events", "agreements", "statements", "checks")
SAME_MARKS = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


def plain(text: str) -> str:
    for curly, straight in SAME_MARKS.items():
        text = text.replace(curly, straight)
    return " ".join(text.split())


def quoted_records(pack: Path) -> list[tuple[str, str, str]]:
    """(record id, quote, source text) for every record whose source has a stored text."""
    sources = yaml.safe_load((pack / "sources.yaml").read_text(encoding="utf-8"))
    texts = {
        s["id"]: (pack / s["text"]).read_text(encoding="utf-8") for s in sources if s.get("text")
    }
    found = []
    for name in RECORD_FILES:
        path = pack / f"{name}.yaml"
        records = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        for record in records or []:
            if record["source"] in texts:
                found.append((record["id"], record.get("quote") or "", texts[record["source"]]))
    return found


PACKS = [
    SHIPPED_DATA / "russia-china",
    FIXTURES / "packs" / "freedonia-sylvania",
    FIXTURES / "packs-reader" / "ruritania-graustark",
]


@pytest.mark.parametrize("pack", PACKS, ids=[p.name for p in PACKS])
def test_every_quote_is_in_its_stored_text(pack):
    records = quoted_records(pack)
    assert records, "no record quotes a stored text: the test would prove nothing"
    missing = [rid for rid, quote, text in records if not quote or plain(quote) not in plain(text)]
    assert not missing, f"quotes not found in their texts: {missing}"


NEAR_END = FIXTURES / "broken" / "quote-differs-near-end"


def test_a_quote_that_differs_only_near_its_end_is_refused():
    [(_, quote, text)] = [
        r for r in quoted_records(NEAR_END / "freedonia-sylvania") if r[0] == "record-trade-2023"
    ]
    # The fixture is what it says: all but the last few characters stand in the text.
    assert plain(quote)[:-12] in plain(text) and plain(quote) not in plain(text)
    result = load_packs(NEAR_END)
    assert result.packs == {}
    assert [p.field for p in result.problems["freedonia-sylvania"]] == ["quote"]
