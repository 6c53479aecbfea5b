"""Statements: what each side said, by speaker and theme, each with the sentence it came from."""

import streamlit as st

from components import cards, ui
from components.tables import statement_speakers, statement_themes, statements_by

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


THEME_HELP = "The curator's words for what a statement is about"


# 2. Filters, in the address (``?statements-speaker=Xi+Jinping``): its link opens this view.
# Offered where there is a choice: one speaker (or one theme) filters nothing.
def choice(label: str, offered: list[str], *, key: str, everything: str, where, **more) -> list:
    """A filter of ``offered`` (``ui.any_of``, bound to the address), where there are two or
    more to choose from; nothing chosen otherwise."""
    if len(offered) < 2:
        return []
    return ui.any_of(
        label, offered, key=key, everything=everything, where=where, bind=ui.BOUND, **more
    )


# label, what is offered, key (and address), what none chosen means, help
FILTERS = (
    ("Speaker", statement_speakers, "statements-speaker", "everyone", None),
    ("Theme", statement_themes, "statements-theme", "every theme", THEME_HELP),
)
speakers, themes = (
    choice(label, ui.computed(offered, tables), key=key, everything=none, where=column, help=said)
    for (label, offered, key, none, said), column in zip(FILTERS, st.columns(2), strict=True)
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
    # The rows of the pack's statements table, as its CSV on Sources gives them.
    ui.table_download(
        shown,
        f"{tables.id}-statements",
        key="csv-statements",
        help="The statements shown, with their sources and quotes",
    )
    ui.record_cards(
        ui.computed(cards.statement_cards, tables, tuple(shown["id"])),
        kind="statement",
        noun="statements",
        page_key="statements-page",
    )
