"""The element code a first page prefetches: found in the installed Streamlit, named exactly."""

from __future__ import annotations

import json
import re

from components.element_code import (
    PAGE_ELEMENTS,
    element_modules,
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


def test_the_script_imports_exactly_the_modules_named() -> None:
    script = prefetch_script({"DataFrame": "DataFrame.-f9-1z.js", "Slider": "Slider.x_Y.js"})
    listed = json.loads(re.search(r"const modules = (\[.*?\]);", script).group(1))
    assert listed == ["DataFrame.-f9-1z.js", "Slider.x_Y.js"]
    assert script.startswith("<script>") and script.rstrip().endswith("</script>")
    assert "requestIdleCallback" in script
