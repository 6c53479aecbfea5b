"""Claims: each claim a source makes, its verdict, and the evidence with its numbers side by side."""

from itertools import groupby

import pandas as pd
import streamlit as st

from components import cards, ui
from components.charts.claims import VERDICT_SYMBOLS, check_evidence_chart, evidence_records

# 1. Get data
tables = ui.current_pack()
checks = tables.checks
ui.page_header(
    tables, "Claims", "Each claim is held against other records of the pack; the evidence says why."
)
if checks.empty:
    st.info("This pack checks no claims.")
    st.stop()


def claim_block(tables, check_id: str, charted: bool) -> str:
    """A claim as a card of HTML (``components.cards``): its verdict and the claim, the quote
    and the source that makes it, the note, why there is no chart when there is none, and
    its evidence. Made once per pack, not on every run: one element a claim, where markdown
    took the browser a markdown parse each."""
    check = tables.checks[tables.checks["id"] == check_id].iloc[0]
    evidence = evidence_records(tables, check)
    verdict = str(check["verdict"])
    parts = [
        f'<p class="dyad-claim-head">{cards.text(VERDICT_SYMBOLS[verdict])} '
        f"<strong>{cards.text(verdict.capitalize())}</strong>: {cards.text(check['claim'])}</p>"
    ]
    if pd.notna(check["quote"]):
        parts.append(
            f"<blockquote>{cards.text(check['quote'])}</blockquote>"
            f'<p class="dyad-card-note">— {cards.link(check["source_citation"], check["source_url"])}</p>'
        )
    if pd.notna(check["note"]):
        parts.append(f"<p>{cards.text(check['note'])}</p>")
    if not charted:
        why = (
            "No evidence: this claim is unverified."
            if evidence.empty
            else "No numbers among the evidence; see the records below."
        )
        parts.append(f'<p class="dyad-card-note">{why}</p>')
    if not evidence.empty:
        # Opened in place, with no run: each record's quote and source are one click away.
        parts.append(cards.evidence(evidence))
    # A charted claim shares its box with its chart; a claim without one is a card of its own.
    return cards.card_div(check_id, "claim", "".join(parts), plain=charted)


def with_verdicts(checks: pd.DataFrame, verdicts) -> pd.DataFrame:
    """The claims of these verdicts; every claim for none."""
    return checks[checks["verdict"].isin(verdicts)] if verdicts else checks


def evidence_table(tables, verdicts: tuple[str, ...]) -> pd.DataFrame:
    """The evidence of every claim of these verdicts (every claim for none), one row a
    record, its claim first: the CSV behind the evidence lists, on every page of claims."""
    chosen = with_verdicts(tables.checks, verdicts)
    frames = [
        evidence_records(tables, check).assign(claim=check["id"]) for _, check in chosen.iterrows()
    ]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=["claim", "id"])
    rows = pd.concat(frames, ignore_index=True)
    return rows[["claim", *[c for c in rows.columns if c != "claim"]]]


def verdict_counts(tables) -> str:
    """How many claims have each verdict, most first, as one line of numbers (HTML), with
    the cards' style for the claims below."""
    counts = tables.checks["verdict"].value_counts()
    numbers = [
        (f"{VERDICT_SYMBOLS[verdict]} {verdict}", int(count)) for verdict, count in counts.items()
    ]
    return f'{cards.CARDS_STYLE}<div class="dyad-verdicts">{cards.values(numbers)}</div>'


# 2. Render: a summary of verdicts, then each claim
ui.html(ui.computed(verdict_counts, tables))

verdicts = ui.any_of(
    "Verdict",
    list(checks["verdict"].cat.categories),
    key="claims-verdict",
    everything="every verdict",
    bind=ui.BOUND,
)
# The filter applies to every claim; a dozen are drawn at a time (each a chart card, a screen
# high; the Overview draws a dozen cards too), so a pack of a thousand claims draws no more.
matching = with_verdicts(checks, verdicts)
evidence_rows = ui.computed(evidence_table, tables, tuple(verdicts))
if not evidence_rows.empty:
    ui.table_download(
        evidence_rows,
        f"{tables.id}-claims-evidence",
        key="csv-claims-evidence",
        label="Evidence (CSV)",
        help="Every evidence record of the claims the filter shows, on every page of them: "
        "its claim, what it says, its source and its quote",
    )
if matching.empty:
    st.info("No claim of this pack has the verdicts chosen.")
matching = matching.iloc[ui.page_of(len(matching), "claims", key="claims-page", size=12)]
# A claim with a chart is a box holding its card and its chart card; claims without one, one
# after another, are drawn as one block of cards: an element for them all, not a box and a card
# each (every element is a message of its own, on every visit to the page).
shown = [
    (check_id, ui.computed(check_evidence_chart, tables, check_id)) for check_id in matching["id"]
]
for charted, together in groupby(shown, key=lambda claim: claim[1] is not None):
    claims = [
        (check_id, chart, ui.computed(claim_block, tables, check_id, charted))
        for check_id, chart in together
    ]
    if not charted:
        ui.html(cards.cards_block([card for _, _, card in claims], rows=True))
        continue
    for check_id, chart, card in claims:
        with st.container(border=True, key=f"claim-{check_id}"):
            ui.html(card)
            ui.chart_card(chart)
