"""Statements: what each side said, by speaker and theme, each with the sentence it came from."""

import streamlit as st

from components import cards, ui
from components.tables import statement_speakers, statement_themes, statements_by, statements_table

# 1. Get data
tables = ui.current_pack()
statements = tables.statements
ui.page_header(
    tables,
    "Statements",
    "What was said, in the curator's short words; a card's Source opens the sentence it came "
    "from and the source that reported it.",
)
if statements.empty:
    st.info("This pack records no statements.")
    st.stop()

# 2. Filters, in the address (``?statements-speaker=Xi+Jinping``): its link opens this view.
# Offered where there is a choice: one speaker (or one theme) filters nothing.
speaker_column, theme_column = st.columns(2)
speakers_offered = ui.computed(statement_speakers, tables)
speakers = (
    ui.any_of(
        "Speaker",
        speakers_offered,
        key="statements-speaker",
        everything="everyone",
        where=speaker_column,
        bind=ui.BOUND,
    )
    if len(speakers_offered) > 1
    else []
)
themes_offered = ui.computed(statement_themes, tables)
themes = (
    ui.any_of(
        "Theme",
        themes_offered,
        key="statements-theme",
        everything="every theme",
        where=theme_column,
        bind=ui.BOUND,
        help="The curator's words for what a statement is about",
    )
    if len(themes_offered) > 1
    else []
)
shown = ui.computed(statements_by, tables, tuple(speakers), tuple(themes))

# 3. Render: how many, their CSV, then a page of cards
st.caption(
    f"{len(shown):,} of {ui.plural(len(statements), 'statement')}"
    " · the link in the address bar opens this view"
)
if shown.empty:
    st.info("No statement matches these filters.")
else:
    ids = tuple(shown["id"])
    ui.table_download(
        ui.computed(statements_table, tables, ids),
        f"{tables.id}-statements",
        key="csv-statements",
        help="The statements shown, with their sources and quotes",
    )
    ui.record_cards(
        ui.computed(cards.statement_cards, tables, ids),
        kind="statement",
        noun="statements",
        page_key="statements-page",
    )
