"""Dyad's entry point: page config and the page registry."""

import streamlit as st

st.set_page_config(page_title="Dyad", layout="wide")
st.title("Dyad")
