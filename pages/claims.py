"""Claims: each claim a source makes, its verdict, and the evidence with its numbers side by side."""

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
for _, check in checks.iterrows():
    if verdicts and check["verdict"] not in verdicts:
        continue
    with st.container(border=True, key=f"claim-{check['id']}"):
        st.markdown(
            f"### {VERDICT_SYMBOLS[check['verdict']]} {ui.md(str(check['verdict']).capitalize())}: {ui.md(check['claim'])}"
        )
        if pd.notna(check["quote"]):
            st.markdown(
                f"> {ui.md(check['quote'])}  \n> — {ui.link(check['source_citation'], check['source_url'])}"
            )
        if pd.notna(check["note"]):
            st.markdown(ui.md(check["note"]))
        ui.chart_card(
            ui.computed(check_evidence_chart, tables, check["id"]),
            missing="No numbers among the evidence; see the records below.",
        )
        evidence = ui.computed(evidence_records, tables, check)
        if evidence.empty:
            st.caption("No evidence: this claim is unverified.")
        else:
            with st.expander(f"Evidence: {len(evidence)} records, with quotes"):
                ui.dataframe(evidence, hide_index=True, column_config=ui.COLUMN_CONFIG)
