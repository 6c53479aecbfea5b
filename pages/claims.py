"""Claims: each claim a source makes, its verdict, and the evidence with its numbers side by side."""

from functools import partial

import pandas as pd
import streamlit as st

from components import ui
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


def verdict_counts(tables) -> pd.Series:
    """How many claims have each verdict, most first."""
    return tables.checks["verdict"].value_counts()


def claim_block(tables, check_id: str) -> tuple[str, pd.DataFrame]:
    """A claim's verdict, the claim, its quote and note as one block of markdown (one element,
    not three), and its evidence records: made once per pack, not on every run."""
    check = tables.checks[tables.checks["id"] == check_id].iloc[0]
    parts = [
        f"### {VERDICT_SYMBOLS[check['verdict']]} {ui.md(str(check['verdict']).capitalize())}: {ui.md(check['claim'])}"
    ]
    if pd.notna(check["quote"]):
        parts.append(
            f"> {ui.md(check['quote'])}  \n> — {ui.link(check['source_citation'], check['source_url'])}"
        )
    if pd.notna(check["note"]):
        parts.append(ui.md(check["note"]))
    return "\n\n".join(parts), evidence_records(tables, check)


def show_evidence(check_id: str, evidence: pd.DataFrame) -> None:
    """A claim's evidence records with their sources and quotes, and a CSV of them."""
    ui.dataframe(evidence, hide_index=True, column_config=ui.COLUMN_CONFIG)
    ui.table_download(
        evidence, f"{tables.id}-claim-{check_id}-evidence", key=f"csv-evidence-{check_id}"
    )


# 2. Render: a summary of verdicts, then each claim
counts = ui.computed(verdict_counts, tables)
with st.container(horizontal=True, key="verdict-counts"):  # one row: a block, not columns
    for verdict, count in counts.items():
        st.metric(f"{VERDICT_SYMBOLS[verdict]} {verdict}", int(count))

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
    text, evidence = ui.computed(claim_block, tables, check_id)
    chart = ui.computed(check_evidence_chart, tables, check_id)
    with st.container(border=True, key=f"claim-{check_id}"):
        if chart is None:
            # Said in the claim's own block: one element, not a box of its own.
            why = (
                "No evidence: this claim is unverified."
                if evidence.empty
                else "No numbers among the evidence; see the records below."
            )
            st.markdown(f"{text}\n\n:gray[{why}]")
        else:
            st.markdown(text)
            ui.chart_card(chart)
        if not evidence.empty:
            ui.lazy_expander(
                f"Evidence: {ui.plural(len(evidence), 'record')}, with quotes",
                key=f"evidence-{check_id}",
                body=partial(show_evidence, check_id, evidence),
            )
