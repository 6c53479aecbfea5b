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

# 2. Render: a summary of verdicts, then each claim
counts = checks["verdict"].value_counts()
for column, (verdict, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
    column.metric(f"{VERDICT_SYMBOLS[verdict]} {verdict}", int(count))

verdicts = st.multiselect(
    "Verdict",
    list(checks["verdict"].cat.categories),
    key="claims-verdict",
    placeholder="All verdicts",
)
# The filter applies to every claim; a page of them is drawn, so that a pack of a
# thousand claims draws no more chart cards than one of twenty.
matching = checks[checks["verdict"].isin(verdicts)] if verdicts else checks
matching = matching.iloc[ui.page_of(len(matching), "claims", key="claims-page")]
for _, check in matching.iterrows():
    with st.container(border=True, key=f"claim-{check['id']}"):
        # The claim, its quote and the note as one block of text: one element, not three.
        parts = [
            f"### {VERDICT_SYMBOLS[check['verdict']]} {ui.md(str(check['verdict']).capitalize())}: {ui.md(check['claim'])}"
        ]
        if pd.notna(check["quote"]):
            parts.append(
                f"> {ui.md(check['quote'])}  \n> — {ui.link(check['source_citation'], check['source_url'])}"
            )
        if pd.notna(check["note"]):
            parts.append(ui.md(check["note"]))
        st.markdown("\n\n".join(parts))
        ui.chart_card(
            ui.computed(check_evidence_chart, tables, check["id"]),
            missing="No numbers among the evidence; see the records below.",
        )
        evidence = ui.computed(evidence_records, tables, check)
        if evidence.empty:
            st.caption("No evidence: this claim is unverified.")
        else:
            ui.lazy_expander(
                f"Evidence: {ui.plural(len(evidence), 'record')}, with quotes",
                key=f"evidence-{check['id']}",
                body=partial(
                    ui.dataframe, evidence, hide_index=True, column_config=ui.COLUMN_CONFIG
                ),
            )
