"""Trade: turnover by year against the documents' figure, settlement claims, partners compared."""

import streamlit as st

from components import ui
from components.charts.trade import claims_over_time_chart, partners_chart, trade_by_year_chart

# 1. Get data
tables = ui.current_pack()
finance_metrics = tables.metrics.loc[tables.metrics["topic"] == "finance", "metric"]
said_on_finance = tables.statements[tables.statements["topics"].map(lambda t: "finance" in t)]

# 2. Render
ui.page_header(tables, "Trade")
ui.chart_card(
    ui.computed(trade_by_year_chart, tables), missing="This pack has no annual trade figures."
)

if len(finance_metrics) or len(said_on_finance):
    st.subheader("Finance, as stated at the time")
    st.caption("A claim is what someone said, not a statistic; hover a point for its source.")
for metric in finance_metrics:
    ui.chart_card(ui.computed(claims_over_time_chart, tables, metric))
if len(said_on_finance):
    st.markdown("**Said without a number**")
    for _, statement in said_on_finance.iterrows():
        with st.container(border=True, key=f"statement-{statement['id']}"):
            st.markdown(
                f"{ui.md(statement['date_label'])} · **{ui.md(statement['speaker'])}**: "
                f"{ui.md(statement['said'])}"
            )
            ui.source_popover(statement, key=f"source-{statement['id']}")

st.subheader("The pair's trade beside other trade")
ui.chart_card(
    ui.computed(partners_chart, tables), missing="No other trade figures in the same unit and year."
)
