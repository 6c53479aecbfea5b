"""Records as cards of HTML: the Overview's headline cards, Trade's statements, Agreements'
programmes, each claim on Claims. Each card shows a record and, behind its "Source", the
sentence it came from and the source that said it (a claim shows its quote and source
outright: they are what the claim is).

A dozen records drawn as Streamlit elements were five or six elements each (a box, a
heading, a metric, a caption, a Source popover, columns around them): sixty-odd messages a
run and a tenth of a second in the browser. As one block of HTML they are one message,
drawn at once, and a card's Source (a ``<details>``) opens in the browser, with no run.

All pack text is escaped: shown exactly as written, never as markup (no HTML, no markdown).
Links go to http(s) addresses only and open beside the app. Colours come from the theme's
own text colour (opacity for the quieter lines), so a dark theme reads as well.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from components.tables import plural

CARDS_STYLE = """<style>
.dyad-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
  gap: 1rem; margin-bottom: 1rem; }
.dyad-cards.dyad-rows { grid-template-columns: 1fr; gap: 0.75rem; }
.dyad-card { border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.5rem;
  padding: 1rem; display: flex; flex-direction: column; gap: 0.4rem; }
.dyad-card p { margin: 0; }
.dyad-card a { color: inherit; text-decoration: underline; }
.dyad-card code { font-size: 0.875em; padding: 0.1em 0.3em; border-radius: 0.25rem;
  background: rgba(128, 128, 128, 0.15); }
.dyad-card-values { display: flex; gap: 2rem; flex-wrap: wrap; }
.dyad-card-label { display: block; font-size: 0.875rem; opacity: 0.7; }
.dyad-card-value { font-size: 2.25rem; line-height: 1.2; }
.dyad-card-note { font-size: 0.875rem; opacity: 0.7; }
.dyad-card details { margin-top: auto; padding-top: 0.25rem; }
.dyad-card summary { cursor: pointer; width: fit-content; }
.dyad-card.dyad-plain { border: none; padding: 0; }
.dyad-claim-head { font-size: 1.5rem; font-weight: 600; line-height: 1.3; }
.dyad-verdicts { margin-bottom: 1rem; }
.dyad-verdicts p { margin: 0; }
.dyad-evidence ol { margin: 0.5rem 0 0; padding-left: 1.5rem; }
.dyad-evidence li { margin-bottom: 0.75rem; }
.dyad-card blockquote { margin: 0.5rem 0; padding-left: 0.75rem;
  border-left: 3px solid rgba(128, 128, 128, 0.35); }
</style>"""


def text(value: object) -> str:
    """Pack text for HTML: escaped, empty when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def web_address(url: object) -> bool:
    """Whether ``url`` may be a link: an http(s) address (never ``javascript:``, a file...)."""
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def link(label: object, url: object) -> str:
    """A link whose label is plain text and whose address is http(s) only; else the label."""
    if not web_address(url):
        return text(label)
    return (
        f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
        f"{text(label)}</a>"
    )


def values(numbers: list[tuple[str, object]]) -> str:
    """A card's numbers: the value alone (label ""), or each under its label; missing ones
    left out."""
    shown = [(label, value) for label, value in numbers if text(value)]
    if len(shown) == 1 and not shown[0][0]:
        return f'<p class="dyad-card-value">{text(shown[0][1])}</p>'
    cells = "".join(
        f'<p><span class="dyad-card-label">{text(label)}</span>'
        f'<span class="dyad-card-value">{text(value)}</span></p>'
        for label, value in shown
    )
    return f'<div class="dyad-card-values">{cells}</div>'


# A presented slide's numbers: each label whole (wrapped, never cut off) and each number the
# largest type on the screen, for the back of a briefing room.
SLIDE_NUMBERS_STYLE = """<style>
.dyad-slide-numbers { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
  gap: 1.75rem 3rem; margin: 0.5rem 0 1.5rem; }
.dyad-slide-number p { margin: 0; }
.dyad-slide-number-label { font-size: 1.4rem; line-height: 1.3; opacity: 0.75; }
.dyad-slide-number-value { font-size: 3.25rem; font-weight: 600; line-height: 1.15; }
.dyad-slide-number-note { display: block; font-size: 1.4rem; font-weight: 400; opacity: 0.75; }
.dyad-slide-number-others { font-size: 1.1rem; opacity: 0.75; margin-top: 0.25rem !important; }
</style>"""


def slide_numbers(numbers: list[tuple[str, str, str, str]]) -> str:
    """A slide's numbers, each under its label and followed by its note (a figure's status
    when it is not reported: "planned", "claim"; or "") and what other sources give for it
    (or ""), as one block of HTML (``SLIDE_NUMBERS_STYLE``)."""
    cells = "".join(
        f'<div class="dyad-slide-number"><p class="dyad-slide-number-label">{text(label)}</p>'
        f'<p class="dyad-slide-number-value">{text(value)}'
        + (f' <span class="dyad-slide-number-note">({text(note)})</span>' if note else "")
        + "</p>"
        + (
            f'<p class="dyad-slide-number-others">Other sources: {text(others)}</p>'
            if others
            else ""
        )
        + "</div>"
        for label, value, note, others in numbers
    )
    return f'{SLIDE_NUMBERS_STYLE}<div class="dyad-slide-numbers">{cells}</div>'


# A slide of claims: the verdict first on each line; past ``FEW_CLAIMS`` in two columns and a
# smaller type, so that a pack's dozen claims fit one projector screen (1280 x 720).
FEW_CLAIMS = 6
# What was said (``slide_statements``) is laid out the same way.
SLIDE_CLAIMS_STYLE = """<style>
.dyad-slide-claims, .dyad-slide-said { list-style: none; padding: 0 !important;
  margin: 0.25rem 0 1rem !important; font-size: 1.6rem; line-height: 1.35; }
.dyad-slide-claims li, .dyad-slide-said li { margin: 0 0 0.6rem; break-inside: avoid; }
.dyad-slide-claims.dyad-many, .dyad-slide-said.dyad-many { columns: 2; column-gap: 3rem;
  font-size: 1.2rem; }
.dyad-slide-claims.dyad-many li, .dyad-slide-said.dyad-many li { margin-bottom: 0.5rem; }
.dyad-slide-verdicts { font-size: 1.25rem; opacity: 0.75; margin: 0 0 0.75rem; }
</style>"""


def slide_claims(claims: list[tuple[str, str, str]]) -> str:
    """A slide's claims, each as (symbol, verdict, claim), under a count of each verdict (in
    the order first met), as one block of HTML (``SLIDE_CLAIMS_STYLE``)."""
    counts = Counter((symbol, verdict) for symbol, verdict, _ in claims)
    tally = " · ".join(f"{text(s)} {text(v)} {n}" for (s, v), n in counts.items())
    items = "".join(
        f"<li><strong>{text(symbol)} {text(verdict)}</strong>: {text(claim)}</li>"
        for symbol, verdict, claim in claims
    )
    many = " dyad-many" if len(claims) > FEW_CLAIMS else ""
    return (
        f'{SLIDE_CLAIMS_STYLE}<p class="dyad-slide-verdicts">{tally}</p>'
        f'<ul class="dyad-slide-claims{many}">{items}</ul>'
    )


def slide_statements(statements: list[tuple[str, str]], more: str) -> str:
    """A slide of what was said, each as (who, words), then ``more`` (how many are left out,
    or ""), as one block of HTML (``SLIDE_CLAIMS_STYLE``)."""
    items = "".join(
        f"<li><strong>{text(who)}</strong>: {text(words)}</li>" for who, words in statements
    )
    many = " dyad-many" if len(statements) > FEW_CLAIMS else ""
    left = f'<p class="dyad-slide-verdicts">{text(more)}</p>' if more else ""
    return f'{SLIDE_CLAIMS_STYLE}<ul class="dyad-slide-said{many}">{items}</ul>{left}'


def said(row: pd.Series, cited: str) -> str:
    """What backs a record: its quote (when it has one), ``cited`` (the line naming its
    source) and its note."""
    parts = []
    if text(row.get("quote")):
        parts.append(f"<blockquote>{text(row['quote'])}</blockquote>")
    parts.append(cited)
    if text(row.get("note")):
        parts.append(f'<p class="dyad-card-note">{text(row["note"])}</p>')
    return "".join(parts)


def source(row: pd.Series) -> str:
    """A record's Source, opened in place: its quote, the source linked, the citation and the
    record's note."""
    cited = (
        f"<p><strong>{link(row.get('source_title'), row.get('source_url'))}</strong><br>"
        f"{text(row.get('source_citation'))}</p>"
    )
    return f"<details><summary>Source</summary>{said(row, cited)}</details>"


def evidence(rows: pd.DataFrame) -> str:
    """A claim's evidence records (``components.charts.claims.evidence_records``), opened in
    place: each record's measure or kind, what it says and when, its quote, its source linked,
    its id and table, and its note."""
    items = []
    for _, row in rows.iterrows():
        said_when = " · ".join(text(row[c]) for c in ("record", "when") if text(row.get(c)))
        cited = (
            f'<p class="dyad-card-note">{link(row["source_citation"], row["source_url"])} · '
            f"<code>{text(row['id'])}</code> in {text(row['table'])}</p>"
        )
        items.append(
            f'<li data-record="{text(row["id"])}">'
            f"<p><strong>{text(row['what'])}</strong>: {said_when}</p>{said(row, cited)}</li>"
        )
    return (
        f'<details class="dyad-evidence"><summary>Evidence: {plural(len(rows), "record")}, '
        "with quotes</summary>"
        f"<ol>{''.join(items)}</ol></details>"
    )


def statement(row: pd.Series) -> str:
    """A statement's card: its date and speaker, the curator's words of what was said, its
    theme, and its Source (the sentence it came from)."""
    theme = f'<p class="dyad-card-note">{text(row["theme"])}</p>' if text(row.get("theme")) else ""
    body = (
        f"<p>{text(row['date_label'])} · <strong>{text(row['speaker'])}</strong>: "
        f"{text(row['said'])}</p>{theme}"
    )
    return card(row, "statement", body)


def statement_cards(tables, ids: tuple[str, ...]) -> list[str]:
    """The statements ``ids`` of the pack ``tables`` as cards (:func:`statement`), in the
    pack's order."""
    shown = tables.statements[tables.statements["id"].isin(ids)]
    return [statement(row) for _, row in shown.iterrows()]


def card(row: pd.Series, kind: str, body: str) -> str:
    """One card of the record ``row``: ``body`` (HTML made with :func:`text`), then its
    Source. ``kind`` names what it is (``figure``, ``statement``, ...)."""
    return card_div(row["id"], kind, f"{body}{source(row)}")


def card_div(record: object, kind: str, body: str, *, plain: bool = False) -> str:
    """The card of record ``record`` around ``body`` (HTML made with :func:`text`); ``plain``:
    no border of its own, for a card inside a box that has one (a claim and its chart)."""
    layout = "dyad-card dyad-plain" if plain else "dyad-card"
    return (
        f'<div class="{layout}" data-record="{text(record)}" data-kind="{text(kind)}">{body}</div>'
    )


def cards_block(cards: Iterable[str], *, rows: bool = False) -> str:
    """Cards as one block of HTML: a grid of cards, or (``rows``) one card a row."""
    layout = "dyad-cards dyad-rows" if rows else "dyad-cards"
    return f'{CARDS_STYLE}<div class="{layout}">{"".join(cards)}</div>'
