"""The element code a first page prefetches: found in the installed Streamlit, named exactly."""

from __future__ import annotations

import json
import re

from components.element_code import (
    PAGE_ELEMENTS,
    element_modules,
    element_styles,
    frontend_js_dir,
    prefetch_script,
)


def test_every_element_the_pages_show_is_found_in_the_installed_frontend() -> None:
    # A Streamlit upgrade that renames or bundles an element fails here, not silently.
    modules = element_modules()
    assert sorted(modules) == sorted(PAGE_ELEMENTS)
    for name, file_name in modules.items():
        assert file_name.startswith(f"{name}.") and file_name.endswith(".js")
        assert (frontend_js_dir() / file_name).is_file(), file_name


def test_modules_are_read_from_the_bundles_lazy_imports(tmp_path) -> None:
    (tmp_path / "index.Ab12.js").write_text(
        "const a=()=>import(`./DataFrame.-f9-1z.js`),b=()=>import(`./Slider.x_Y.js`);"
        'import("./Metric.static.js");const c=()=>import(`./Chart3D.q.js`);',
        encoding="utf-8",
    )
    (tmp_path / "Metric.other.js").write_text("", encoding="utf-8")
    # Only lazily imported elements the pages show; Metric is imported statically here.
    assert element_modules(tmp_path) == {
        "DataFrame": "DataFrame.-f9-1z.js",
        "Slider": "Slider.x_Y.js",
    }


def test_the_tables_stylesheet_is_found_in_the_installed_frontend() -> None:
    # st.dataframe's code comes with a stylesheet of its own; Agreements waited for it.
    styles = element_styles()
    assert any(name.rsplit("/", 1)[-1].startswith("DataFrame.") for name in styles), styles
    for name in styles:
        assert name.endswith(".css") and (frontend_js_dir() / name).is_file(), name


def test_stylesheets_are_read_from_the_dependencies_of_the_elements_imports(tmp_path) -> None:
    (tmp_path / "index.Ab12.js").write_text(
        'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./a.js","../css/'
        'DataFrame.q1.css","../css/Chart3D.z9.css"])))=>i.map(i=>d[i]);'
        "x=()=>H(()=>import(`./DataFrame.-f9.js`).then(e=>e.n),__vite__mapDeps([0,1]));"
        "y=()=>H(()=>import(`./Chart3D.k.js`),__vite__mapDeps([0,2]));",
        encoding="utf-8",
    )
    # Only the stylesheets of elements the pages show (no Chart3D here).
    assert element_styles(tmp_path) == ["../css/DataFrame.q1.css"]


def test_the_script_imports_exactly_the_modules_named() -> None:
    script = prefetch_script(
        {"DataFrame": "DataFrame.-f9-1z.js", "Slider": "Slider.x_Y.js"}, ["../css/D.q1.css"]
    )
    listed = json.loads(re.search(r"const modules = (\[.*?\]);", script).group(1))
    assert listed == ["DataFrame.-f9-1z.js", "Slider.x_Y.js"]
    assert json.loads(re.search(r"const styles = (\[.*?\]);", script).group(1)) == [
        "../css/D.q1.css"
    ]
    assert script.startswith("<script>") and script.rstrip().endswith("</script>")
    assert "requestIdleCallback" in script
