"""Fact packs on disk -> validated models -> pandas tables, with every problem located.

``load_packs`` reads each pack folder under the data directory, validates
every file against ``schema``, checks what spans records (ids, references,
quotes against the source texts) and builds the tables pages chart. A pack
with any problem is left out and its problems are returned beside the packs
that loaded. Nothing here imports streamlit: the app caches these results on
the pack files' content (``pack_fingerprint``), and the curator's command,
the exporters and the tests call the same functions. ``check_pack`` stops at the
validated models, so the curator's command never imports pandas.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import os
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from components.schema import (
    RECORD_FILES,
    Check,
    Figure,
    Pack,
    Record,
    RecordProblem,
    Source,
    assumed_roles,
    yearly_trade_metric,
)
from components.yamlfile import MAX_FILE_BYTES, MAX_FILE_LABEL, Problem, YamlFile, read_yaml_file

if TYPE_CHECKING:
    from components.tables import PackTables

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REQUIRED_FILES = ("pack", "sources")

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)


@dataclass(frozen=True)
class CheckedPack:
    """A valid pack's models, each record with its line: what tables are built from."""

    pack: Pack
    sources: list[tuple[Source, int]]
    records: dict[str, list[tuple[Record, int]]]
    texts: dict[str, str]

    def count(self, name: str) -> int:
        """How many records ``sources.yaml`` or a record file (``figures``...) holds."""
        return len(self.sources if name == "sources" else self.records[name])

    @property
    def yearly_trade_metric(self) -> str | None:
        """The trade metric with the most yearly figures (``schema.yearly_trade_metric``)."""
        return yearly_trade_metric(self.pack, (figure for figure, _ in self.records["figures"]))

    def assumed_roles(self) -> list[str]:
        """One line per role the pack leaves undeclared, and what the loader assumed."""
        return assumed_roles(self.pack, self.yearly_trade_metric)


@dataclass(frozen=True)
class LoadResult:
    """The packs that loaded, and the problems of those that did not."""

    packs: dict[str, PackTables]
    problems: dict[str, list[Problem]]


def default_data_dir() -> Path:
    """``$DYAD_DATA`` when set, else the repository's ``data/``."""
    return Path(os.environ.get("DYAD_DATA") or DEFAULT_DATA_DIR)


def pack_folders(directory: Path) -> list[Path]:
    """Folders under ``directory`` that are packs, or are meant to be: each holds one of a
    pack's files (``pack.yaml``, ``sources.yaml``, ``figures.yaml``, ...), so a pack whose
    ``pack.yaml`` was forgotten is still named with what it lacks. Hidden and ``_`` folders
    are not, nor is a folder of anything else: with ``DYAD_DATA`` set one folder too high
    (the repository), its code and docs were each listed as a broken pack."""
    return [child for child in _visible_folders(directory) if holds_pack_files(child)]


def _visible_folders(directory: Path) -> list[Path]:
    """The folders just below ``directory``, sorted, hidden and ``_`` folders left out."""
    return sorted(
        child
        for child in Path(directory).iterdir()
        if child.is_dir() and not child.name.startswith((".", "_"))
    )


# The files a pack folder holds at its top (``pack.yaml`` and the record files).
PACK_FILE_NAMES = tuple(f"{name}.yaml" for name in (*REQUIRED_FILES, *RECORD_FILES))


def holds_pack_files(folder: Path) -> bool:
    """True when ``folder`` holds one of a pack's files at its top (False for a folder this
    process may not read)."""
    try:
        return any((folder / name).is_file() for name in PACK_FILE_NAMES)
    except OSError:
        return False


def folders_of_packs_below(directory: Path) -> list[Path]:
    """The folders just below ``directory`` that hold packs: where ``DYAD_DATA`` was meant to
    point when it names the folder above them (``data/``'s parent, the repository). A folder
    this process may not read is passed over."""
    found = []
    for child in _visible_folders(directory):
        try:
            if pack_folders(child):
                found.append(child)
        except OSError:
            continue
    return found


def packs_in(directory: Path) -> list[Path]:
    """The pack folders a data directory holds: the directory itself when it is one pack
    folder (it has a ``pack.yaml``: ``DYAD_DATA`` set to a pack, as the validate command
    takes it), otherwise ``pack_folders``."""
    directory = Path(directory)
    return [directory] if (directory / "pack.yaml").is_file() else pack_folders(directory)


def pack_folder(directory: Path, pack_id: str) -> Path:
    """The folder of the pack ``pack_id`` loaded from ``directory`` (``packs_in``)."""
    directory = Path(directory)
    return next(
        (folder for folder in packs_in(directory) if folder.name == pack_id), directory / pack_id
    )


# Content fingerprints by the files' (name, size, times, inode) as last read: a rerun of an
# unchanged pack stats its files instead of hashing them all again.
_FINGERPRINTS: dict[tuple, str] = {}


def pack_fingerprint(directory: Path) -> str:
    """A hash of every pack file's name and content, the key tables are cached on.

    The content is hashed again only when a file's name, size or modification
    time (or inode) changed; otherwise the hash of the last read of the same files is returned.
    """
    directory = Path(directory)
    # The files of the folders the loader reads, not every file below: a data directory set
    # one folder too high (the repository) had its .git and .venv walked on every run.
    stats = sorted(stat for folder in packs_in(directory) for stat in _file_stats(str(folder)))
    signature = tuple(stats)
    known = _FINGERPRINTS.get(signature)
    if known is not None:
        return known
    digest = hashlib.sha256()
    for path in sorted(Path(stat[0]) for stat in stats):
        digest.update(str(path.relative_to(directory)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    if len(_FINGERPRINTS) > 64:
        _FINGERPRINTS.clear()
    _FINGERPRINTS[signature] = digest.hexdigest()
    return _FINGERPRINTS[signature]


def _file_stats(folder: str) -> Iterator[tuple[str, int, int, int, int]]:
    """(path, size, mtime, ctime, inode) of every file under ``folder``: os.scandir, which
    costs a tenth of pathlib's rglob on a pack of a thousand stored texts."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=True):
                yield from _file_stats(entry.path)
            elif entry.is_file(follow_symlinks=True):
                stat = entry.stat()
                yield (entry.path, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def load_packs(directory: Path | str | None = None) -> LoadResult:
    """Load every pack under ``directory`` (default: ``default_data_dir()``)."""
    directory = Path(directory) if directory is not None else default_data_dir()
    packs: dict[str, PackTables] = {}
    problems: dict[str, list[Problem]] = {}
    with _collector_paused():
        for folder in packs_in(directory):
            loaded, found = load_pack(folder)
            if loaded is None:
                problems[folder.name] = found
            else:
                packs[folder.name] = loaded
    return LoadResult(packs, problems)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a pack is read.

    Reading builds hundreds of thousands of YAML nodes, none of them garbage
    yet; the collector would walk them again and again (half the time of a
    large pack, measured in bench/load_packs.py). Reference counting still
    frees memory; the collector resumes, if it was on, when loading ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_pack(folder: Path) -> tuple[PackTables | None, list[Problem]]:
    """Load one pack folder: its tables, or None and every problem found in it."""
    from components.tables import build_pack_tables  # pandas: imported when first needed

    # One pause for reading and building: a collection between them would walk every
    # model just read.
    with _collector_paused():
        checked, problems = check_pack(folder)
        if checked is None:
            return None, problems
        return build_pack_tables(checked), []


def check_pack(folder: Path) -> tuple[CheckedPack | None, list[Problem]]:
    """Check one pack folder: its validated models, or None and every problem found in it."""
    # Paused here too, for callers of one pack (the curator's validate command).
    with _collector_paused():
        return _PackReader(folder).read()


def normalise_quote(text: str) -> str:
    """Fold white space runs to one space, curly quotes to straight, dashes to ``-``."""
    return " ".join(text.translate(_QUOTE_MARKS).split())


class _PackReader:
    """Collects the problems of one pack while turning its files into models."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.files: dict[str, YamlFile] = {}
        # What was named but could not be read, so references to it are not reported twice.
        self.unreadable: set[str] = set()
        self.invalid_ids: set[str] = set()

    def shown(self, name: str) -> str:
        return str(self.folder / f"{name}.yaml")

    def add(self, name: str, line: int, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.shown(name), line, field_name, message))

    def read(self) -> tuple[CheckedPack | None, list[Problem]]:
        pack = self._read_pack()
        sources = self._read_records("sources", Source)
        records = {name: self._read_records(name, model) for name, model in RECORD_FILES.items()}
        texts = self._check_sources(sources)
        self._check_ids(sources, records)
        self._check_references(pack, sources, records, texts)
        if self.problems or pack is None:
            return None, sorted(self.problems, key=self._reading_order)
        return CheckedPack(pack, sources, records, texts), []

    def _reading_order(self, problem: Problem) -> tuple[int, int]:
        order = [self.shown(name) for name in (*REQUIRED_FILES, *RECORD_FILES)]
        position = order.index(problem.path) if problem.path in order else len(order)
        return position, problem.line

    def _read_file(self, name: str, expected: type) -> YamlFile | None:
        path = self.folder / f"{name}.yaml"
        if not path.is_file():
            if name in REQUIRED_FILES:
                self.add(name, 1, "file", f"required file {name}.yaml is missing")
                self.unreadable.add(name)
            return None
        parsed, problems = read_yaml_file(path, self.shown(name))
        self.problems.extend(problems)
        if parsed is None:
            self.unreadable.add(name)
            return None
        if parsed.data is None and expected is list:
            return parsed
        if not isinstance(parsed.data, expected):
            want = "a list of records (lines starting '- ')" if expected is list else "a mapping"
            self.add(name, 1, "file", f"expected {want}, got {_describe(parsed.data)}")
            self.unreadable.add(name)
            return None
        self.files[name] = parsed
        return parsed

    def _read_pack(self) -> Pack | None:
        parsed = self._read_file("pack", dict)
        if parsed is None:
            return None
        pack = self._validate(parsed, (), Pack, parsed.data)
        if pack is not None and pack.headline_trade not in (None, *pack.metrics):
            line = parsed.line_of(["headline_trade"])
            self._unknown(
                "pack", line, "headline_trade", pack.headline_trade, pack.metrics, "metrics"
            )
        if pack is not None and pack.id != self.folder.name:
            self.add(
                "pack",
                parsed.line_of(["id"]),
                "id",
                f"pack id {pack.id!r} differs from its folder name {self.folder.name!r}",
            )
        return pack

    def _read_records(self, name: str, model: type[BaseModel]) -> list[tuple[Any, int]]:
        """Valid records of one file, each with the line it starts on."""
        parsed = self._read_file(name, list)
        if parsed is None or parsed.data is None:
            return []
        valid = []
        for index, raw in enumerate(parsed.data):
            record = self._validate(parsed, (index,), model, raw)
            if record is not None:
                valid.append((record, parsed.line_of([index])))
            elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
                self.invalid_ids.add(raw["id"])
        return valid

    def _validate(self, parsed: YamlFile, at: tuple, model: type[BaseModel], raw: Any) -> Any:
        if not isinstance(raw, dict):
            self.problems.append(
                Problem(
                    parsed.path,
                    parsed.line_of(at),
                    "record",
                    f"expected a mapping of fields, got {_describe(raw)}",
                )
            )
            return None
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            for detail in error.errors():
                location = tuple(detail["loc"])
                broken = (detail.get("ctx") or {}).get("error")
                if isinstance(broken, RecordProblem):
                    location += (broken.field_name,)
                self.problems.append(
                    Problem(
                        parsed.path,
                        parsed.line_of(at + location),
                        _field_name(location),
                        _message(detail, model),
                    )
                )
            return None

    def _check_sources(self, sources: list[tuple[Source, int]]) -> dict[str, str]:
        texts: dict[str, str] = {}
        root = self.folder.resolve()
        for source, line in sources:
            if source.text is None:
                continue
            text_path = (self.folder / source.text).resolve()
            if not text_path.is_relative_to(root):
                self.add("sources", line, "text", f"{source.text!r} points outside the pack")
            elif not text_path.is_file():
                self.add("sources", line, "text", f"text file {source.text!r} is missing")
            elif text_path.stat().st_size > MAX_FILE_BYTES:
                self.add("sources", line, "text", f"{source.text!r} is over {MAX_FILE_LABEL}")
            else:
                try:
                    texts[source.id] = text_path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    self.add("sources", line, "text", f"{source.text!r} is not UTF-8 text")
        return texts

    def _check_ids(self, sources, records) -> None:
        self._check_unique("sources", [(s.id, line) for s, line in sources], {})
        seen: dict[str, str] = {}
        for name, items in records.items():
            self._check_unique(name, [(r.id, line) for r, line in items], seen)

    def _check_unique(self, name: str, ids: list[tuple[str, int]], seen: dict[str, str]) -> None:
        for record_id, line in ids:
            if record_id in seen:
                self.add(
                    name, line, "id", f"id {record_id!r} repeats: first used at {seen[record_id]}"
                )
            else:
                seen[record_id] = f"{name}.yaml:{line}"

    def _check_references(self, pack, sources, records, texts) -> None:
        source_by_id = {source.id: source for source, _ in sources}
        record_ids = {record.id for items in records.values() for record, _ in items}
        normalised = {source_id: normalise_quote(text) for source_id, text in texts.items()}
        metrics = pack.metrics if pack is not None else None
        figure_keys: dict[tuple, int] = {}
        for name, items in records.items():
            for record, line in items:
                self._check_source_and_quote(name, record, line, source_by_id, normalised)
                if isinstance(record, Figure):
                    if metrics is not None and record.metric not in metrics:
                        self._unknown(name, line, "metric", record.metric, metrics, "pack.yaml")
                    key = (record.metric, str(record.period), record.status, record.source)
                    if key in figure_keys:
                        self.add(
                            name,
                            line,
                            "period",
                            f"a figure for {record.metric} {record.period} ({record.status}) "
                            f"from {record.source} is already given at line {figure_keys[key]}",
                        )
                    figure_keys.setdefault(key, line)
                if isinstance(record, Check):
                    self._check_evidence(name, record, line, record_ids)

    def _check_source_and_quote(self, name, record: Record, line, source_by_id, normalised):
        source = source_by_id.get(record.source)
        if source is None:
            if "sources" in self.unreadable or record.source in self.invalid_ids:
                return
            self._unknown(name, line, "source", record.source, source_by_id, "sources.yaml")
            return
        if source.id not in normalised:
            return
        if record.quote is None:
            self.add(name, line, "quote", f"required: source {source.id!r} has a text to quote")
            return
        quote = normalise_quote(record.quote)
        text = normalised[source.id]
        if quote not in text:
            matched = _longest_prefix_in(quote, text)
            where = f"; the text matches up to {quote[:matched][-40:]!r}" if matched else ""
            self.add(name, line, "quote", f"not found in {source.text}{where}")

    def _check_evidence(self, name: str, check: Check, line: int, record_ids: set[str]) -> None:
        if self.unreadable & set(RECORD_FILES):
            return
        for evidence_id in check.evidence:
            if evidence_id in self.invalid_ids:
                continue
            if evidence_id == check.id or evidence_id not in record_ids:
                self._unknown(
                    name, line, "evidence", evidence_id, record_ids, "this pack's records"
                )

    def _unknown(self, name, line, field_name, value, known: Iterable[str], where: str) -> None:
        near = difflib.get_close_matches(value, list(known), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        self.add(name, line, field_name, f"{value!r} names nothing in {where}{hint}")


def _longest_prefix_in(quote: str, text: str) -> int:
    """Length of the longest start of ``quote`` found in ``text`` (binary search)."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low


def _field_name(location: tuple) -> str:
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "record"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false: quote the text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _message(detail: dict, model: type[BaseModel]) -> str:
    kind, given, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    last = detail["loc"][-1] if detail["loc"] else ""
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, tuple(detail["loc"][:-1]))
        near = difflib.get_close_matches(str(last), allowed, n=1)
        if near:
            return f"unknown field; did you mean {near[0]!r}?"
        return f"unknown field; expected one of: {', '.join(allowed)}"
    if kind in {"float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"}:
        number = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {number}, got {_describe(given)}"
    if kind == "finite_number":
        return f"expected a finite number, got {given}"
    if kind == "string_type":
        return f"expected text, got {_describe(given)}"
    if kind == "literal_error":
        return f"expected one of {context.get('expected', '')}, got {_describe(given)}"
    if kind in {"list_type", "dict_type", "model_type"}:
        want = "a list" if kind == "list_type" else "a mapping"
        return f"expected {want}, got {_describe(given)}"
    if kind == "string_pattern_mismatch":
        if last == "code":
            return f"expected three capital letters (ISO 3166-1 alpha-3), got {_describe(given)}"
        if last == "color":
            return f"expected a colour as #rrggbb, got {_describe(given)}"
    if kind in {"too_short", "too_long"} and last == "countries":
        return f"expected exactly two countries, got {len(given)}"
    if kind == "value_error":
        return str(context.get("error", detail["msg"]))
    if kind == "greater_than_equal":
        return f"must be {context.get('ge')} or more, got {given}"
    return detail["msg"]


def _fields_at(model: type[BaseModel], location: tuple) -> list[str]:
    """The field names of the model found at ``location`` inside ``model``."""
    current: Any = model
    for part in location:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return []
            current = info.annotation
        else:
            current = _inner_model(current)
    current = current if isinstance(current, type) else _inner_model(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The pydantic model inside a list, dict or optional annotation, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (
        list,
        dict,
        typing.Union,
        types.UnionType,
        typing.Annotated,
    ):
        for argument in typing.get_args(annotation):
            found = _inner_model(argument)
            if found is not None:
                return found
    return None
