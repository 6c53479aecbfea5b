"""The curator's command: what it prints and its exit status.

Two tests run it as a curator does, ``python -m components.validate`` in a
subprocess; the others call its ``main`` in this process (from the
repository's folder, output captured), which is the same code without an
interpreter start per case.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

from components.validate import main
from tests.conftest import FIXTURES, REPO


def run_command(*arguments: str) -> subprocess.CompletedProcess:
    """The command in a subprocess of its own, as a curator types it."""
    return subprocess.run(
        [sys.executable, "-m", "components.validate", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def run_validate(*arguments: str) -> subprocess.CompletedProcess:
    """``main(arguments)`` in this process, run from the repository's folder."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(REPO), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(arguments))
        except SystemExit as usage_error:  # argparse's way out
            status = usage_error.code
    return subprocess.CompletedProcess(list(arguments), status, out.getvalue(), err.getvalue())


def test_valid_pack_exits_zero_with_a_summary_line() -> None:
    result = run_command("tests/fixtures/packs")
    assert result.returncode == 0, result.stdout + result.stderr
    pack_file = "tests/fixtures/packs/freedonia-sylvania/pack.yaml"
    # The fixture is written to the first format: no roles declared, so each is assumed, and said.
    assert result.stdout == (
        f"{pack_file}: assumed: headline_trade: assumed 'bilateral-trade'\n"
        f"{pack_file}: assumed: metrics.bilateral-trade.measure: assumed 'money' from unit 'USD bn'\n"
        f"{pack_file}: assumed: metrics.gas-supply.measure: assumed 'volume' from unit 'bcm'\n"
        "freedonia-sylvania: valid (2 sources, 4 figures, 2 events, 1 agreements, "
        "1 statements, 1 checks)\n"
    )


def test_declared_roles_are_not_reported_as_assumed(tmp_path) -> None:
    import shutil

    pack = tmp_path / "freedonia-sylvania"
    shutil.copytree(REPO / "tests/fixtures/packs/freedonia-sylvania", pack)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "unit: USD bn, topic: trade}", "unit: USD bn, topic: trade, measure: money, currency: USD}"
    )
    text = text.replace("unit: bcm, topic: energy}", "unit: bcm, topic: energy, measure: volume}")
    (pack / "pack.yaml").write_text(text + "headline_trade: bilateral-trade\n", encoding="utf-8")
    result = run_validate(str(pack))
    assert result.returncode == 0, result.stdout
    assert "assumed" not in result.stdout
    assert result.stdout.startswith("freedonia-sylvania: valid (")


def test_shipped_data_directory_is_valid_by_default() -> None:
    result = run_validate()
    assert result.returncode == 0, result.stdout
    assert "russia-china: valid (" in result.stdout


def test_broken_fixture_prints_each_problem_then_the_summary() -> None:
    case = FIXTURES / "broken" / "unknown-source"
    result = run_command(str(case.relative_to(REPO)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "tests/fixtures/broken/unknown-source/freedonia-sylvania/events.yaml:11: source: "
        "'gazete-2024-03-02' names nothing in sources.yaml; did you mean 'gazette-2024-03-02'?",
        "freedonia-sylvania: 1 problem; the app leaves this pack out",
    ]


def test_one_pack_folder_may_be_named_directly() -> None:
    result = run_validate("tests/fixtures/broken/wrong-type/freedonia-sylvania")
    assert result.returncode == 1
    assert result.stdout.startswith(
        "tests/fixtures/broken/wrong-type/freedonia-sylvania/figures.yaml:12: value: "
    )


def test_several_directories_report_every_pack() -> None:
    result = run_validate("tests/fixtures/packs", "tests/fixtures/broken/alias-bomb")
    assert result.returncode == 1
    summaries = [line for line in result.stdout.splitlines() if not line.startswith("tests/")]
    assert summaries[0].startswith("freedonia-sylvania: valid")
    assert summaries[1] == "freedonia-sylvania: 1 problem; the app leaves this pack out"


def test_missing_directory_is_a_usage_error() -> None:
    result = run_validate("no/such/dir")
    assert result.returncode == 2
    assert "not a directory: no/such/dir" in result.stderr


def test_directory_without_packs_is_reported(tmp_path) -> None:
    result = run_validate(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout == f"{tmp_path}: no packs found (a pack is a folder with a pack.yaml)\n"


def test_the_folder_above_the_packs_names_them_and_lists_no_code_as_a_pack(tmp_path) -> None:
    """The repository given for its data/: its code folder is no pack left out."""
    shutil.copytree(FIXTURES / "packs", tmp_path / "data")
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "ui.py").write_text("x = 1\n", encoding="utf-8")
    result = run_validate(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout == (
        f"{tmp_path}: no packs found (a pack is a folder with a pack.yaml); "
        f"{tmp_path / 'data'} holds packs\n"
    )


def test_data_directory_comes_from_dyad_data(monkeypatch) -> None:
    monkeypatch.setenv("DYAD_DATA", str(FIXTURES / "packs"))
    result = run_validate()
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("freedonia-sylvania: valid")


def two_trade_metrics(tmp_path, *, month_for: str | None = None):
    """The fixture with its trade metric renamed ``goods-trade`` (so no key is the format's
    default) and a ``services-trade`` listed before it, holding ``trade-2022-customs``; the
    figure ``month_for`` gets a month, so it no longer counts as yearly."""
    import shutil

    pack = tmp_path / "freedonia-sylvania"
    shutil.copytree(REPO / "tests/fixtures/packs/freedonia-sylvania", pack)
    meta = (pack / "pack.yaml").read_text(encoding="utf-8")
    meta = meta.replace(
        "  bilateral-trade: {label: Bilateral trade turnover, unit: USD bn, topic: trade}",
        "  services-trade: {label: Trade in services, unit: USD bn, topic: trade}\n"
        "  goods-trade: {label: Trade in goods, unit: USD bn, topic: trade}",
    )
    (pack / "pack.yaml").write_text(meta, encoding="utf-8")
    figures = (pack / "figures.yaml").read_text(encoding="utf-8")
    figures = figures.replace("metric: bilateral-trade", "metric: goods-trade")
    figures = figures.replace(
        "- id: trade-2022-customs\n  metric: goods-trade",
        "- id: trade-2022-customs\n  metric: services-trade",
    )
    if month_for is not None:
        head, _, tail = figures.partition(f"- id: {month_for}\n")
        figures = head + f"- id: {month_for}\n" + tail.replace("period: 2023", "period: 2023-12", 1)
    (pack / "figures.yaml").write_text(figures, encoding="utf-8")
    return pack


def test_the_trade_metric_with_most_yearly_figures_is_assumed(tmp_path) -> None:
    from components.packs import load_pack

    pack = two_trade_metrics(tmp_path)  # goods-trade: two yearly figures; services-trade: one
    result = run_validate(str(pack))
    assert result.returncode == 0, result.stdout
    assert "assumed: headline_trade: assumed 'goods-trade'\n" in result.stdout
    assert load_pack(pack)[0].trade_metric == "goods-trade"  # what the Trade page draws


def test_a_tie_of_yearly_figures_goes_to_the_metric_listed_first(tmp_path) -> None:
    from components.packs import load_pack

    # One yearly figure each once trade-2023-customs is a month's figure.
    pack = two_trade_metrics(tmp_path, month_for="trade-2023-customs")
    result = run_validate(str(pack))
    assert result.returncode == 0, result.stdout
    assert "assumed: headline_trade: assumed 'services-trade'\n" in result.stdout
    assert load_pack(pack)[0].trade_metric == "services-trade"


def test_a_folder_it_may_not_read_is_passed_over(tmp_path, monkeypatch) -> None:
    """Beside the folder of packs, one this process may not open (another user's): the
    command still names the folder of packs, and says nothing of the other."""
    shutil.copytree(FIXTURES / "packs", tmp_path / "data")
    locked = tmp_path / "locked"
    (locked / "inside").mkdir(parents=True)
    opened = Path.iterdir
    stat = Path.is_file

    def iterdir(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self)

    def is_file(self):
        if locked in self.parents:
            raise PermissionError(13, "Permission denied", str(self))
        return stat(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    monkeypatch.setattr(Path, "is_file", is_file)
    result = run_validate(str(tmp_path))
    assert result.stdout == (
        f"{tmp_path}: no packs found (a pack is a folder with a pack.yaml); "
        f"{tmp_path / 'data'} holds packs\n"
    ), result.stderr
