"""The data directory as a reader's app meets it: missing, edited, never written to, and packs
that lack a whole kind of record."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from components.registry import PAGES
from tests.app.reader import (
    PAGE_SCRIPTS,
    READER_DATA,
    _downloads_kept,  # noqa: F401 - autouse fixture
    card_values,
    cards_shown,
    open_page,
)
from tests.conftest import FIXTURES

PACK = "ruritania-graustark"


def copy_reader_pack(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(READER_DATA / PACK, data / PACK)
    return data


# What a reader is told to do when there is no pack to show (the message's last sentence).
WHERE_PACKS_GO = "Set DYAD_DATA to a folder of packs, or to one pack's folder."


def test_a_missing_data_directory_is_named_on_the_page(tmp_path, monkeypatch):
    missing = tmp_path / "no-such-folder"
    app = open_page("Overview", data_dir=missing, monkeypatch=monkeypatch)
    errors = [e.value.replace("\\", "") for e in app.error]
    # Named once, not once by the app and again by the page.
    assert errors == [f"The data directory {missing} does not exist. {WHERE_PACKS_GO}"]
    # Nothing sends the reader to a list of problems in the sidebar: there is none.
    assert not app.warning
    assert not app.get("plotly_chart")


@pytest.mark.parametrize("title", [spec.title for spec in PAGES])
def test_a_data_directory_without_a_pack_is_named_on_every_page(title, tmp_path, monkeypatch):
    """A folder that exists but holds no pack (a fresh one, with a note in it) says so, once;
    it said "The sidebar lists what needs fixing" over an empty sidebar."""
    empty = tmp_path / "no-packs"
    empty.mkdir()
    (empty / "README.txt").write_text("Packs go here.\n", encoding="utf-8")
    app = open_page(title, data_dir=empty, monkeypatch=monkeypatch)
    errors = [e.value.replace("\\", "") for e in app.error]
    assert errors == [
        f"The data directory {empty} holds no pack (a pack is a folder with a pack.yaml). "
        f"{WHERE_PACKS_GO}"
    ]
    assert not app.warning
    assert not app.sidebar.expander
    assert not app.get("plotly_chart")


def test_a_data_directory_one_folder_too_high_names_the_folder_of_packs(tmp_path, monkeypatch):
    """DYAD_DATA set to the repository, whose data/ holds the packs: its code and docs were
    each listed as a pack left out, and its .venv walked on every run. Now the folders that
    hold no pack file are passed over, and the message names the folder that holds packs."""
    repository = tmp_path / "repository"
    data = copy_reader_pack(repository)
    for folder, name in (("components", "ui.py"), ("docs", "notes.md"), (".venv/lib", "x.py")):
        (repository / folder).mkdir(parents=True)
        (repository / folder / name).write_text("not a pack\n", encoding="utf-8")
    app = open_page("Overview", data_dir=repository, monkeypatch=monkeypatch)
    errors = [e.value.replace("\\", "") for e in app.error]
    assert errors == [
        f"The data directory {repository} holds no pack (a pack is a folder with a pack.yaml). "
        f"{data} holds packs: set DYAD_DATA to it."
    ]
    assert not app.warning and not app.sidebar.expander
    # A file of the .venv, or of the code, changed: nothing the app reads changed.
    from components.packs import pack_fingerprint

    before = pack_fingerprint(repository)
    (repository / ".venv/lib/x.py").write_text("changed\n", encoding="utf-8")
    (repository / "components/ui.py").write_text("changed\n", encoding="utf-8")
    assert pack_fingerprint(repository) == before


def test_a_pack_folder_without_its_pack_yaml_is_named_with_what_it_lacks(tmp_path, monkeypatch):
    """A curator's pack whose pack.yaml is missing is still a pack left out, not passed over."""
    data = copy_reader_pack(tmp_path)
    (data / PACK / "pack.yaml").unlink()
    app = open_page("Overview", data_dir=data, monkeypatch=monkeypatch)
    (left_out,) = app.sidebar.expander
    assert left_out.label == f"⚠ Pack {PACK} was left out"
    assert "required file pack.yaml is missing" in left_out.get("code")[0].value


def test_a_data_directory_whose_only_pack_fails_points_to_its_problems(tmp_path, monkeypatch):
    data = copy_reader_pack(tmp_path)
    pack_file = data / PACK / "pack.yaml"
    lines = pack_file.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("as_of:"))
    lines[line - 1] = "as_of: someday\n"
    pack_file.write_text("".join(lines), encoding="utf-8")
    app = open_page("Overview", data_dir=data, monkeypatch=monkeypatch)
    assert [w.value for w in app.warning] == [
        "No valid pack to show. The sidebar lists what needs fixing."
    ]
    assert not app.error
    (left_out,) = app.sidebar.expander
    assert left_out.label == f"⚠ Pack {PACK} was left out"
    problems = left_out.get("code")[0].value
    assert f"{PACK}/pack.yaml:{line}: as_of" in problems, problems


def test_an_edited_pack_is_picked_up_on_the_next_run(tmp_path, monkeypatch):
    data = copy_reader_pack(tmp_path)
    app = open_page("Overview", data_dir=data, monkeypatch=monkeypatch)
    assert "$14 bn" in card_values(app)
    figures = data / PACK / "figures.yaml"
    figures.write_text(figures.read_text().replace("  value: 14\n", "  value: 15\n"))
    app.run()
    values = card_values(app)
    assert "$15 bn" in values and "$14 bn" not in values


def test_a_run_looks_at_the_pack_files_once(tmp_path, monkeypatch):
    """The app, the page and the chart catalogue all need the files' fingerprint; a run reads
    it once (a stat of every file: 20 ms a read on a pack of a thousand stored texts), so one
    run also sees one version of the pack. An edit is still seen by the next run (above)."""
    from components import packs, ui

    data = copy_reader_pack(tmp_path)
    reads = []

    def counted(directory):
        reads.append(directory)
        return packs.pack_fingerprint(directory)

    monkeypatch.setattr(ui, "pack_fingerprint", counted)
    app = open_page("Overview", data_dir=data, monkeypatch=monkeypatch)
    assert reads == [data]
    # The Briefing page asks for the catalogue too.
    app.switch_page("pages/briefing.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert reads == [data, data]


def tree_digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    } | {str(p.relative_to(directory)) + "/": "dir" for p in directory.rglob("*") if p.is_dir()}


def test_a_full_session_leaves_the_data_directory_untouched(tmp_path, monkeypatch):
    data = copy_reader_pack(tmp_path)
    shutil.copytree(FIXTURES / "packs" / "freedonia-sylvania", data / "freedonia-sylvania")
    before = tree_digest(data)
    app = open_page("Overview", data_dir=data, monkeypatch=monkeypatch)
    app.sidebar.selectbox(key="pack").set_value(PACK).run()
    for title, script in PAGE_SCRIPTS.items():
        app.switch_page(script).run()
        assert not app.exception, title
    app.switch_page(PAGE_SCRIPTS["Timeline"]).run()
    app.button_group(key="timeline-kind").set_value(["visit"]).run()
    app.switch_page(PAGE_SCRIPTS["Sources"]).run()
    app.selectbox(key="sources-chosen").set_value("customs-2025").run()
    app.sidebar.selectbox(key="pack").set_value("freedonia-sylvania").run()
    for script in PAGE_SCRIPTS.values():
        app.switch_page(script).run()
        assert not app.exception, script
    assert tree_digest(data) == before


def without(tmp_path: Path, emptied: str, drop_ids: tuple[str, ...] = ()) -> Path:
    """The reader pack with one record file emptied (or some records dropped)."""
    data = copy_reader_pack(tmp_path)
    path = data / PACK / f"{emptied}.yaml"
    if drop_ids:
        blocks = path.read_text().split("\n\n")
        kept = []
        for block in blocks:
            lines = [
                line
                for line in block.splitlines()
                if not any(f"id: {i}," in line for i in drop_ids)
            ]
            if not any(f"id: {i}\n" in block + "\n" for i in drop_ids):
                kept.append("\n".join(lines))
        path.write_text("\n\n".join(kept) + "\n")
    else:
        path.write_text("[]\n")
    return data


ENERGY_FIGURES = (
    "gas-2021-customs",
    "gas-2022-customs",
    "gas-2023-customs",
    "gas-2024-customs",
    "capacity-2022-ministry",
    "northern-route-2030-chronicle",
)


def every_page(data: Path, monkeypatch) -> dict[str, object]:
    pages = {}
    for title in PAGE_SCRIPTS:
        app = open_page(title, data_dir=data, monkeypatch=monkeypatch)
        assert not app.error, (title, [e.value for e in app.error])
        assert not app.warning, (title, [w.value for w in app.warning])
        assert [t.value for t in app.title] == [title]
        pages[title] = app
    return pages


def infos(app) -> list[str]:
    return [i.value for i in app.info]


def test_a_pack_without_energy_says_so_and_every_page_runs(tmp_path, monkeypatch):
    data = without(tmp_path, "figures", ENERGY_FIGURES)
    assert "gas-2021" not in (data / PACK / "figures.yaml").read_text()
    pages = every_page(data, monkeypatch)
    assert infos(pages["Energy"]) == [
        "This pack has no annual energy volumes.",
        "This pack has no planned capacities.",
    ]
    assert not pages["Energy"].get("plotly_chart")


def test_a_pack_without_agreements_says_so_and_every_page_runs(tmp_path, monkeypatch):
    pages = every_page(without(tmp_path, "agreements"), monkeypatch)
    app = pages["Agreements"]
    assert infos(app) == ["This pack has no agreements.", "No agreement names a sector."]
    assert "0 of 0 agreements" in [c.value for c in app.caption]


def test_a_pack_without_events_says_so_and_every_page_runs(tmp_path, monkeypatch):
    data = without(tmp_path, "events")
    # Sources name events only through records; nothing else refers to them.
    pages = every_page(data, monkeypatch)
    assert infos(pages["Timeline"]) == ["This pack has no events."]
    assert "No events in this pack." in infos(pages["Overview"])
    cards = cards_shown(pages["Overview"])
    assert cards, "the figures' cards are still there"
    assert [card.record for card in cards.values() if card.kind == "event"] == []
    assert not any("Next planned" in card.text for card in cards.values())


def test_a_pack_without_checks_says_so(tmp_path, monkeypatch):
    pages = every_page(without(tmp_path, "checks"), monkeypatch)
    assert infos(pages["Claims"]) == ["This pack checks no claims."]


@pytest.mark.parametrize("title", list(PAGE_SCRIPTS))
def test_the_smallest_fixture_pack_runs_every_page(title, fixture_packs_dir, monkeypatch):
    app = open_page(title, data_dir=fixture_packs_dir, monkeypatch=monkeypatch)
    assert not app.error and not app.warning
    assert [t.value for t in app.title] == [title]


def test_a_pack_folder_as_the_data_directory_is_that_one_pack(tmp_path, monkeypatch):
    """``DYAD_DATA`` set to a pack folder itself (it has a pack.yaml), as the validate command
    takes it: that pack opens on every page, and its own folders (stored texts) are not
    taken for packs that fail."""
    pack = copy_reader_pack(tmp_path) / PACK
    pages = every_page(pack, monkeypatch)
    assert "$14 bn" in card_values(pages["Overview"])
    title = yaml.safe_load((pack / "pack.yaml").read_text())["title"]
    assert title in pages["Overview"].caption[0].value
    assert not pages["Overview"].sidebar.expander, "a folder of the pack was taken for a pack"
