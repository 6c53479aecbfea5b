"""Sources: every source with its records and quotes, its text with quotes marked, every table."""

import streamlit as st

from components import ui
from components.source_text import marked_source_of
from components.tables import records_citing, source_labels, source_list, sources_matching

# 1. Get data
tables = ui.current_pack()
sources = tables.sources
ui.page_header(
    tables,
    "Sources",
    "Every record names its source; here is each source, what the pack takes from it, and every table.",
)

# 2. Render: the list of sources
listed = ui.computed(source_list, tables)
ui.dataframe(listed, hide_index=True, column_config=ui.COLUMN_CONFIG, key="sources-table")
ui.table_download(listed, f"{tables.id}-sources-list", key="csv-sources-table")


# One label per source, made once per pack: a lookup per option costs seconds on a large pack.
labels = ui.computed(source_labels, tables)


def source_heading(tables, chosen: str) -> tuple[str, str]:
    """A source's heading (its title linked, publisher, date, kind) and what its stored text
    means for its quotes, as markdown: made once per source, not on every run (picking its
    row out of the sources took a millisecond of every run)."""
    source = tables.sources[tables.sources["id"] == chosen].iloc[0]
    heading = (
        f"**{ui.link(source['title'], source['url'])}** · {ui.md(source['publisher'])} · "
        f"{ui.md(source['date_label'])} · {ui.md(source['kind'])}"
    )
    if chosen in tables.texts:
        verified = (
            f"Quotes verified: this source's passage is stored in the pack ({ui.md(source['text'])}) "
            "and every quote below was found in it, word for word."
        )
    else:
        verified = (
            "Not verified: the pack stores no text of this source, so its records carry no "
            "checked quote. Follow the address to read it."
        )
    return heading, verified


def show_source(chosen: str) -> None:
    """One source: its address, the records that cite it, and its stored text, quotes marked."""
    heading, verified = ui.computed(source_heading, tables, chosen)
    st.markdown(heading)
    records = ui.computed(records_citing, tables, chosen)
    st.markdown(f"#### {ui.plural(len(records), 'record')} from this source")
    st.caption(verified)
    ui.dataframe(records, hide_index=True, column_config=ui.COLUMN_CONFIG, key="sources-records")
    ui.table_download(records, f"{tables.id}-{chosen}-records", key="csv-sources-records")

    if chosen in tables.texts:
        # A whole article, drawn once a reader asks for it: the records above carry its quotes.
        ui.lazy_expander(
            "Stored text, quoted passages marked",
            key="source-text",
            body=lambda: ui.html(ui.computed(marked_source_of, tables, chosen)),
        )


# The chooser lists at most this many sources: a list of thousands costs the browser a
# sixth of a second to draw on every visit (5,000 sources on the 100x pack). A larger pack
# gets a search first, which narrows the list to the sources it finds.
CHOOSER_SIZE = 200
options = list(sources["id"])
words = ""
if len(options) > CHOOSER_SIZE:
    words = st.text_input(
        "Find a source",
        key="sources-find",
        placeholder="A word of its id, citation or title",
        persist_state=ui.KEPT,
    )
    options = ui.computed(sources_matching, tables, words)
    listed = f"; the first {CHOOSER_SIZE} are listed" if len(options) > CHOOSER_SIZE else ""
    st.caption(f"{len(options):,} of {len(sources):,} sources found{listed}.")
    options = options[:CHOOSER_SIZE]
# The source chosen is in the address (``?source=<id>``), so the page's link opens it; a link
# opened anew starts on it. With no words to find, the source chosen stays in the list, first
# if it is not among the sources listed.
from_address = st.query_params.get("source")
if "sources-chosen" not in st.session_state and from_address in labels:
    st.session_state["sources-chosen"] = from_address
opens_on = options[0] if options else None
kept = st.session_state.get("sources-chosen")
if not words.strip() and kept in labels and kept not in options:
    options = [kept, *options]
chosen = st.selectbox(
    "Source",
    options,
    format_func=labels.__getitem__,
    key="sources-chosen",
    persist_state=ui.KEPT,
)
# The source a reader opens on is not written: a visit to the page adds no step to Back.
ui.set_query(["source"], {"source": chosen} if chosen not in (None, opens_on) else {})
if chosen is not None:
    show_source(chosen)
elif len(sources):
    st.info("No source has those words in its id, citation or title.")
else:
    st.info("This pack lists no sources.")

# 3. Every table of the pack, one at a time and only once chosen: a reader comes here for a
# source far more often than for a whole table, and a table costs the browser a tenth of a
# second to draw on every visit to the page. The table shown is in the address
# (``?sources-table-shown=Events``, as its pill reads): its link opens it.
st.subheader("Every table of the pack")
name = st.pills(
    "Show a table, every record of it, with its CSV",
    tables.TABLE_NAMES,
    format_func=str.capitalize,
    key="sources-table-shown",
    persist_state=ui.KEPT,
    bind=ui.BOUND,
)
if name is not None:
    ui.dataframe(
        ui.readable_table(tables, name),
        hide_index=True,
        column_config=ui.COLUMN_CONFIG,
        key=f"table-{name}",
    )
    ui.table_download(tables.table(name), f"{tables.id}-{name}", key=f"csv-table-{name}")
