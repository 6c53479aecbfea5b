"""The browser code of the elements Dyad's pages show, fetched while the reader reads a page.

Streamlit's frontend loads an element's code (a JavaScript module and the
modules it imports) the first time a page shows such an element. A reader who
opens Agreements for the first time waits for 46 modules (the table, the
search box and the multiselect), about half a second here, on top of the page
itself. Once the first page is drawn and the browser is idle, the script made
here imports the modules of every element the pages use, so that a first
visit to any page finds its code in place; a module already loaded costs
nothing. Module names carry a content hash and change with each Streamlit
release, so they are read from the installed frontend bundle, not written
down here (``tests/unit/test_element_code.py`` fails when one is not found).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path

# The lazily loaded elements Dyad's pages and sidebar show, by their module's name in
# Streamlit's bundle (st.dataframe is DataFrame, st.segmented_control ButtonGroup, ...).
PAGE_ELEMENTS = (
    "PlotlyChart",
    "DataFrame",
    "Metric",
    "Multiselect",
    "Selectbox",
    "Slider",
    "TextInput",
    "Button",
    "DownloadButton",
    "ButtonGroup",
    "Html",
)

# How the bundle loads an element: import(`./DataFrame.-f9-1zS0.js`), relative to itself.
_LAZY_IMPORT = re.compile(r"import\(`\./([A-Za-z]+)\.([A-Za-z0-9_-]+)\.js`\)")


def frontend_js_dir() -> Path:
    """The installed Streamlit frontend's ``static/js`` folder (without importing streamlit)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("streamlit is not installed")
    return Path(spec.origin).parent / "static" / "static" / "js"


@functools.cache
def element_modules(js_dir: Path | None = None) -> dict[str, str]:
    """Each element of ``PAGE_ELEMENTS`` that the bundle loads lazily -> its module's file name."""
    js_dir = js_dir or frontend_js_dir()
    lazy: dict[str, str] = {}
    for index in sorted(js_dir.glob("index.*.js")):
        for match in _LAZY_IMPORT.finditer(index.read_text(encoding="utf-8")):
            lazy.setdefault(match.group(1), f"{match.group(1)}.{match.group(2)}.js")
    return {name: lazy[name] for name in PAGE_ELEMENTS if name in lazy}


PREFETCH_SCRIPT = """<script>
(() => {
  // Once per browser tab: window.dyadPrefetch settles when every module has loaded or failed.
  if (window.dyadPrefetch) return;
  const modules = %s;
  const bundle = document.querySelector('script[type="module"][src*="/static/js/index."]');
  const base = bundle ? bundle.src : new URL("static/js/", document.baseURI).href;
  window.dyadPrefetch = new Promise((settled) => {
    const fetchAll = () =>
      Promise.allSettled(modules.map((name) => import(new URL("./" + name, base).href)))
        .then(settled);
    // After the page in view is drawn: only when the browser has nothing else to do.
    if ("requestIdleCallback" in window) requestIdleCallback(fetchAll, { timeout: 5000 });
    else setTimeout(fetchAll, 1000);
  });
})();
</script>"""


def prefetch_script(modules: dict[str, str] | None = None) -> str:
    """The ``<script>`` that imports ``modules`` (default: :func:`element_modules`) when idle."""
    names = sorted(set((element_modules() if modules is None else modules).values()))
    return PREFETCH_SCRIPT % json.dumps(names)
