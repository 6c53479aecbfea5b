"""Dyad's entry point: page config, the pack in view and the one page registry.

Every page in ``components.registry.PAGES`` becomes an ``st.Page``; the pack
selector lives here so that it follows the reader from page to page.
"""

import streamlit as st

from components import transport, ui
from components.registry import PAGES

# An emoji icon is drawn by the browser itself; a :material: one is fetched from Google's servers
# on every page run, which fails offline (a briefing room) and tells them each page viewed.
st.set_page_config(page_title="Dyad", page_icon="↔️", layout="wide")

# A session's pages are made on its first run and kept: each st.Page resolves its script on
# disk, and every click reruns this file. (A session's runs never overlap.)
if "dyad-pages" not in st.session_state:
    st.session_state["dyad-pages"] = [
        st.Page(
            spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=i == 0
        )
        for i, spec in enumerate(PAGES)
    ]
current = st.navigation(st.session_state["dyad-pages"])

# Once a session: the server's sockets send each message at once (``components.transport``;
# the connections accepted later inherit it from the listening socket).
if "dyad-no-delay" not in st.session_state:
    st.session_state["dyad-no-delay"] = transport.no_delay()

ui.count_run()
with ui.one_read_per_run():
    result = ui.load_result()
    if result is not None:
        ui.pack_selector(result)
    ui.image_format_selector()
    ui.sidebar_note()
    current.run()
    # After the page, so the link holds the filters this very run wrote into the address.
    with st.sidebar:
        ui.copy_link(key="copy-link-sidebar")
    ui.prefetch_element_code()
