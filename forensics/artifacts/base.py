"""The shared shape of an artifact extractor and the bookkeeping around one run of it.

An extractor declares where its sources are (file-name patterns, path fragments, a size limit and,
optionally, a content check such as SQLite tables) and turns one source file into rows. The
bookkeeping - size limit, timing, catching every failure as a warning - lives here, once.
"""

import fnmatch
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

FieldValue = Any  # JSON-able: str, int, bool, None, lists and dicts of those
DEFAULT_MAX_SIZE = 64 << 20


class Truncated(Exception):
    """The extractor stopped at a limit: the rows so far are kept and the reason becomes a warning."""

    def __init__(self, rows: list["ArtifactRow"], reason: str) -> None:
        super().__init__(reason)
        self.rows = rows


class SourceRejected(Exception):
    """The file is named like a source but is not one (wrong schema, not a playlist...): no warning."""


@dataclass(frozen=True)
class SourceSpec:
    """Where an extractor's sources are. Name patterns are case-insensitive globs on the file name;
    path fragments, when given, must all appear (case-insensitively) in the full path."""

    names: tuple[str, ...]
    path_fragments: tuple[str, ...] = ()
    max_size: int = DEFAULT_MAX_SIZE
    text: bool = False  # a text format: binary content under its name is damage, not a mismatch

    def matches(self, path: str, name: str, size: int) -> bool:
        return 0 < size <= self.max_size and self.named(path, name)

    @cached_property
    def _name_pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(fnmatch.translate(name) for name in self.names), re.IGNORECASE)

    def named(self, path: str, name: str) -> bool:
        """Named like a source (whatever its size)."""
        if not self._name_pattern.match(name):
            return False
        lowered_path = path.lower()
        return all(fragment.lower() in lowered_path for fragment in self.path_fragments)


@dataclass(frozen=True)
class SourceFile:
    """One candidate source: its path in the evidence and a private local copy of its bytes."""

    path: str
    local: Path
    size: int

    def read_bytes(self) -> bytes:
        return self.local.read_bytes()

    def text(self) -> str:
        """The content as text (UTF-8, undecodable bytes replaced)."""
        return self.local.read_bytes().decode("utf-8", errors="replace")


@dataclass(frozen=True)
class ArtifactRow:
    type: str
    fields: dict[str, FieldValue]


class Extractor:
    """Base of every extractor: subclasses set the class attributes and implement `parse`."""

    name: str = ""
    version: int = 1
    types: tuple[str, ...] = ()
    source: SourceSpec = SourceSpec(names=())

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        raise NotImplementedError

    sweeping = False  # scans many kinds of files: one too large to scan is skipped without a warning

    def wants(self, path: str, name: str, size: int) -> bool:
        return self.source.matches(path, name, size)

    def refuses_size(self, path: str, name: str, size: int) -> bool:
        """A source of this extractor, too large to read: worth a warning, unless it is a sweeper."""
        return not self.sweeping and size > self.source.max_size and self.source.named(path, name)

    def label(self) -> str:
        return f"{self.name}/{self.version}"


@dataclass
class ExtractionResult:
    extractor: str
    version: int
    rows: list[ArtifactRow] = field(default_factory=list)
    warning: str | None = None
    rejected: bool = False
    seconds: float = 0.0


def run_extractor(extractor: Extractor, source: SourceFile) -> ExtractionResult:
    """Run one extractor on one source: rows, or a warning when the source is damaged. Never raises."""
    result = ExtractionResult(extractor.name, extractor.version)
    started = time.monotonic()
    try:
        if source.size > extractor.source.max_size:
            raise ValueError(f"larger than the {extractor.source.max_size} byte limit")
        if extractor.source.text and _binary(source):
            raise ValueError("binary content where a text file was expected")
        result.rows = list(_checked(extractor, extractor.parse(source)))
    except SourceRejected:
        result.rejected = True
    except Truncated as stop:
        result.rows = list(_checked(extractor, stop.rows))
        result.warning = str(stop)
    except RecursionError:
        result.warning = "nesting too deep to parse"
    except Exception as error:  # noqa: BLE001 - a damaged source must never stop the other extractors
        result.warning = f"{type(error).__name__}: {error}"
    result.seconds = time.monotonic() - started
    return result


def _binary(source: SourceFile) -> bool:
    with source.local.open("rb") as handle:
        return b"\x00" in handle.read(8192)


def _checked(extractor: Extractor, rows: Iterable[ArtifactRow]) -> Iterator[ArtifactRow]:
    for row in rows:
        if row.type not in extractor.types:
            raise TypeError(f"{extractor.name} produced undeclared type {row.type!r}")
        yield row


def compact(fields: dict[str, FieldValue]) -> dict[str, FieldValue]:
    """Drop empty values so a row shows what the source actually holds."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}
