"""The browser code of the elements Dyad's pages show, fetched while the reader reads a page.

Streamlit's frontend loads an element's code (a JavaScript module and the
modules it imports) the first time a page shows such an element. A reader who
opens Agreements for the first time waits for 46 modules (the table, the
search box and the multiselect), about half a second here, on top of the page
itself. Once the first page is drawn and the browser is idle, the script made
here imports the modules of every element the pages use, so that a first
visit to any page finds its code in place; a module already loaded costs
nothing. The same script links the stylesheets that code comes with (the
table's) and loads the code font, which a first visit also waited for. Module
names carry a content hash and change with each Streamlit release, so they are
read from the installed frontend bundle, not written down here (``tests/unit/test_element_code.py`` fails when one is not found).
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
# Vite's list of every lazily loaded file, and an element's import with the indices of its
# dependencies in that list: import(`./DataFrame.x.js`).then(e=>e.n),__vite__mapDeps([132,1])
_DEPENDENCY_LIST = re.compile(
    r"__vite__mapDeps=\(i,m=__vite__mapDeps,d=\(m\.f\|\|\(m\.f=(\[[^\]]*\])"
)
_LAZY_IMPORT_DEPENDENCIES = re.compile(
    r"import\(`\./([A-Za-z]+)\.[A-Za-z0-9_-]+\.js`\)[^_]{0,80}?__vite__mapDeps\(\[([\d,]*)\]\)"
)
# The code font (Streamlit's theme): first drawn for a `code` span, as on Agreements.
CODE_FONT = "Source Code Pro"


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


@functools.cache
def element_styles(js_dir: Path | None = None) -> list[str]:
    """The stylesheets the bundle loads with the code of ``PAGE_ELEMENTS`` (DataFrame's),
    relative to the js folder (``../css/DataFrame.DUkanX9_.css``), in the bundle's order."""
    js_dir = js_dir or frontend_js_dir()
    styles: list[str] = []
    for index in sorted(js_dir.glob("index.*.js")):
        text = index.read_text(encoding="utf-8")
        listed = _DEPENDENCY_LIST.search(text)
        if listed is None:
            continue
        files = json.loads(listed.group(1))
        for match in _LAZY_IMPORT_DEPENDENCIES.finditer(text):
            if match.group(1) not in PAGE_ELEMENTS or not match.group(2):
                continue
            for position in map(int, match.group(2).split(",")):
                name = files[position] if position < len(files) else ""
                if name.endswith(".css") and name not in styles:
                    styles.append(name)
    return styles


PREFETCH_SCRIPT = """<script>
(() => {
  // Once per browser tab: window.dyadPrefetch settles when every module has loaded or failed.
  if (window.dyadPrefetch) return;
  const modules = %s;
  const styles = %s;
  const bundle = document.querySelector('script[type="module"][src*="/static/js/index."]');
  const base = bundle ? bundle.src : new URL("static/js/", document.baseURI).href;
  // A stylesheet as Streamlit's loader adds it (it adds none whose address is already
  // linked), and a promise that settles when it has loaded.
  const linked = (name) => new Promise((loaded, failed) => {
    const href = new URL(name, base).href;
    if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) {
      return loaded(href);
    }
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
    link.addEventListener("load", () => loaded(href));
    link.addEventListener("error", () => failed(new Error("no stylesheet " + href)));
    document.head.appendChild(link);
  });
  window.dyadPrefetch = new Promise((settled) => {
    const fetchAll = () =>
      Promise.allSettled([
        ...modules.map((name) => import(new URL("./" + name, base).href)),
        ...styles.map(linked),
        document.fonts.load('1em "%s"'),
      ]).then(settled);
    // After the page in view is drawn: only when the browser has nothing else to do.
    if ("requestIdleCallback" in window) requestIdleCallback(fetchAll, { timeout: 5000 });
    else setTimeout(fetchAll, 1000);
  });
})();
</script>"""


def prefetch_script(modules: dict[str, str] | None = None, styles: list[str] | None = None) -> str:
    """The ``<script>`` that, when idle, imports ``modules`` (default:
    :func:`element_modules`), links ``styles`` (default: :func:`element_styles`) and loads
    the code font: a first visit to any page then waits for no code, style or font."""
    names = sorted(set((element_modules() if modules is None else modules).values()))
    sheets = element_styles() if styles is None else styles
    return PREFETCH_SCRIPT % (json.dumps(names), json.dumps(sheets), CODE_FONT)
