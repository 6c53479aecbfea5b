"""The floor for ``bench.page_times``: one small plotly chart, nothing else.

Whatever a Dyad page costs beyond this is the page's own work: its data,
its figures, its other elements.
"""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[2, 3, 1, 4])), key="floor_chart")
