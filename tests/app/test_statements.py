"""The Statements page: what was said, each a card with the sentence it came from, filtered by
speaker and theme (kept in the address), with a CSV of the statements shown. Expected values
come from the shipped pack's files, read with PyYAML."""

from __future__ import annotations

from collections import Counter

import yaml

from tests.app.reader import READER_DATA, cards_shown, csv_rows, download_bytes, open_page
from tests.conftest import SHIPPED_DATA

PACK = SHIPPED_DATA / "russia-china"
STATEMENTS = yaml.safe_load((PACK / "statements.yaml").read_text(encoding="utf-8"))
SOURCES = {s["id"]: s for s in yaml.safe_load((PACK / "sources.yaml").read_text(encoding="utf-8"))}


def statements_page(monkeypatch, query: str = ""):
    return open_page("Statements", SHIPPED_DATA, monkeypatch, query)


def ids_of(**wanted) -> set[str]:
    return {
        s["id"]
        for s in STATEMENTS
        if all(s.get(field) in values for field, values in wanted.items())
    }


def count_line(app) -> str:
    return next(c.value for c in app.caption if " statement" in c.value and " of " in c.value)


def test_every_statement_is_a_card_with_its_speaker_words_and_source(monkeypatch):
    """ "What leaders said" has a page: every statement of the pack, not only the three on
    finance that Trade lists; each card's Source opens its quote and the source's title."""
    assert len(STATEMENTS) > 3, "the shipped pack has too few statements: test is void"
    app = statements_page(monkeypatch)
    shown = cards_shown(app)
    assert set(shown) == {s["id"] for s in STATEMENTS}
    for statement in STATEMENTS:
        card = shown[statement["id"]]
        assert card.kind == "statement"
        assert statement["speaker"] in card.text and statement["said"] in card.text, card.text
        title = SOURCES[statement["source"]]["title"]
        assert any(line.startswith(title) for line in card.source), card.source
        if statement.get("quote"):
            assert card.quote == statement["quote"]
    assert count_line(app).startswith(f"{len(STATEMENTS)} of {len(STATEMENTS)} statements")


def test_the_speakers_are_offered_the_most_statements_first(monkeypatch):
    counts = Counter(s["speaker"] for s in STATEMENTS)
    offered = statements_page(monkeypatch).button_group(key="statements-speaker").options
    names = list(offered)
    assert sorted(names) == sorted(counts)
    assert [counts[name] for name in names] == sorted(counts.values(), reverse=True)


def test_a_speaker_and_a_theme_chosen_show_their_statements_and_its_csv(monkeypatch):
    counts = Counter(s["speaker"] for s in STATEMENTS)
    speaker = counts.most_common(1)[0][0]
    themes = Counter(s.get("theme") for s in STATEMENTS if s["speaker"] == speaker)
    theme = themes.most_common(1)[0][0]
    app = statements_page(monkeypatch)

    app.button_group(key="statements-speaker").set_value([speaker]).run()
    expected = ids_of(speaker={speaker})
    assert set(cards_shown(app)) == expected
    assert {row["id"] for row in csv_rows(download_bytes(app, "csv-statements"))} == expected
    assert count_line(app).startswith(f"{len(expected)} of {len(STATEMENTS)} statements")

    app.button_group(key="statements-theme").set_value([theme]).run()
    expected = ids_of(speaker={speaker}, theme={theme})
    assert expected and expected != ids_of(speaker={speaker}), "a theme that narrows nothing"
    assert set(cards_shown(app)) == expected
    assert {row["id"] for row in csv_rows(download_bytes(app, "csv-statements"))} == expected


def test_filters_no_statement_matches_say_so(monkeypatch):
    by_speaker = Counter(s["speaker"] for s in STATEMENTS)
    speaker = by_speaker.most_common()[-1][0]
    theme = next(
        s["theme"]
        for s in STATEMENTS
        if s.get("theme") and not ids_of(speaker={speaker}, theme={s["theme"]})
    )
    app = statements_page(monkeypatch)
    app.button_group(key="statements-speaker").set_value([speaker]).run()
    app.button_group(key="statements-theme").set_value([theme]).run()
    assert not app.exception
    assert cards_shown(app) == {}
    assert "No statement matches these filters." in [i.value for i in app.info]


def test_a_link_with_a_speaker_opens_that_speakers_statements(monkeypatch):
    speaker = Counter(s["speaker"] for s in STATEMENTS).most_common()[1][0]
    app = statements_page(monkeypatch, f"statements-speaker={speaker}")
    assert app.button_group(key="statements-speaker").value == [speaker]
    assert set(cards_shown(app)) == ids_of(speaker={speaker})


def test_a_pack_of_one_speaker_and_one_theme_offers_no_filter_that_filters_nothing(monkeypatch):
    """The reader pack's one statement: its card, and no Speaker or Theme to choose."""
    statements = yaml.safe_load(
        (READER_DATA / "ruritania-graustark" / "statements.yaml").read_text(encoding="utf-8")
    )
    assert len({s["speaker"] for s in statements}) == 1 == len({s.get("theme") for s in statements})
    app = open_page("Statements", READER_DATA, monkeypatch)
    assert set(cards_shown(app)) == {s["id"] for s in statements}
    assert not [
        g for g in app.get("button_group") if g.key in ("statements-speaker", "statements-theme")
    ]
