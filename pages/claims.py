"""Claims: each claim a source makes, its verdict, and the evidence with its numbers side by side."""

from functools import partial

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


def claim_block(tables, check_id: str, charted: bool) -> tuple[str, pd.DataFrame]:
    """A claim as a card of HTML (``components.cards``): its verdict and the claim, the quote
    and the source that makes it, the note and, without a chart, why there is none; and its
    evidence records. Made once per pack, not on every run: one element a claim, where
    markdown took the browser a markdown parse each."""
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
    return cards.card_div(check_id, "claim", "".join(parts), plain=True), evidence


def verdict_counts(tables) -> str:
    """How many claims have each verdict, most first, as one line of numbers (HTML), with
    the cards' style for the claims below."""
    counts = tables.checks["verdict"].value_counts()
    numbers = [
        (f"{VERDICT_SYMBOLS[verdict]} {verdict}", int(count)) for verdict, count in counts.items()
    ]
    return f'{cards.CARDS_STYLE}<div class="dyad-verdicts">{cards.values(numbers)}</div>'


def show_evidence(check_id: str, evidence: pd.DataFrame) -> None:
    """A claim's evidence records with their sources and quotes, and a CSV of them."""
    ui.dataframe(evidence, hide_index=True, column_config=ui.COLUMN_CONFIG)
    ui.table_download(
        evidence, f"{tables.id}-claim-{check_id}-evidence", key=f"csv-evidence-{check_id}"
    )


# 2. Render: a summary of verdicts, then each claim
st.html(ui.computed(verdict_counts, tables))

verdicts = ui.any_of(
    "Verdict",
    list(checks["verdict"].cat.categories),
    key="claims-verdict",
    everything="every verdict",
)
# The filter applies to every claim; a dozen are drawn at a time (each a chart card, a screen
# high; the Overview draws a dozen cards too), so a pack of a thousand claims draws no more.
matching = checks[checks["verdict"].isin(verdicts)] if verdicts else checks
matching = matching.iloc[ui.page_of(len(matching), "claims", key="claims-page", size=12)]
for check_id in matching["id"]:
    chart = ui.computed(check_evidence_chart, tables, check_id)
    card, evidence = ui.computed(claim_block, tables, check_id, chart is not None)
    with st.container(border=True, key=f"claim-{check_id}"):
        st.html(card)
        if chart is not None:
            ui.chart_card(chart)
        if not evidence.empty:
            ui.lazy_expander(
                f"Evidence: {ui.plural(len(evidence), 'record')}, with quotes",
                key=f"evidence-{check_id}",
                body=partial(show_evidence, check_id, evidence),
            )
