"""Trade: turnover by year against the documents' figure, settlement claims, partners compared."""

import streamlit as st

from components import ui
from components.charts.trade import claims_over_time_chart, partners_chart, trade_by_year_chart

# 1. Get data
tables = ui.current_pack()
finance_metrics = tables.metrics.loc[tables.metrics["topic"] == "finance", "metric"]

# 2. Render
ui.page_header(tables, "Trade")
ui.chart_card(trade_by_year_chart(tables), missing="This pack has no annual trade figures.")

st.subheader("Settlement in national currencies, as officials stated it")
st.caption(
    "Each point is a claim made at the time, not a statistic; hover it for who said it and where."
)
for metric in finance_metrics:
    ui.chart_card(claims_over_time_chart(tables, metric))

st.subheader("The pair's trade beside other trade")
ui.chart_card(partners_chart(tables), missing="No other trade figures in the same unit and year.")
