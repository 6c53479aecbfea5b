"""Trade: turnover by year against the documents' figure, settlement claims, partners compared."""

import streamlit as st

from components import cards, ui
from components.charts.trade import claims_over_time_chart, partners_chart, trade_by_year_chart
from components.tables import metrics_on, statements_on

# 1. Get data
tables = ui.current_pack()
finance_metrics = ui.computed(metrics_on, tables, "finance")
said_on_finance = ui.computed(statements_on, tables, "finance")

# 2. Render
ui.page_header(tables, "Trade")
by_year = ui.computed(trade_by_year_chart, tables)
ui.chart_card(by_year, missing="This pack has no annual trade figures.")

if len(finance_metrics) or len(said_on_finance):
    st.subheader("Finance, as stated at the time")
    st.caption("A claim is what someone said, not a statistic; hover a point for its source.")
finance = [ui.computed(claims_over_time_chart, tables, metric) for metric in finance_metrics]
finance_shown = ui.page_of(len(finance), "finance charts", "finance-page", ui.CHART_PAGE_SIZE)
for chart in finance[finance_shown]:
    ui.chart_card(chart, missing="A finance metric whose figures give no period.")
if len(said_on_finance):
    st.markdown("**Said without a number**")
    ui.record_cards(
        ui.computed(cards.statement_cards, tables, tuple(said_on_finance["id"])),
        kind="statement",
        noun="statements",
        page_key="said-page",
    )

st.subheader("The pair's trade beside other trade")
partners = ui.computed(partners_chart, tables)
ui.chart_card(partners, missing="No other trade figures in the same unit and year.")
ui.more_figures(tables, "Trade", [by_year, *finance, partners])
