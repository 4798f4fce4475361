"""Readers of hash-set files: NSRL RDSv3 (SQLite), plain lists, md5sum-style output, hashdeep,
HashKeeper (.hsh) and Haechi's own export of an earlier case's tagged files.

Each reader validates every value and counts what it could not use: a bad line is reported with
its line number, never dropped in silence. Digests go to a SetBuilder as binary keys.
"""

import csv
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from chain_of_custody.hashset_db import DIGEST_SIZES, BuildCancelled, HashSetError, SetBuilder

FORMATS = ("auto", "nsrl", "lines", "hashdeep", "hashkeeper", "haechi")
HAECHI_MAGIC = "# haechi-hashset 1"
_BY_HEX_LENGTH = {size * 2: name for name, size in DIGEST_SIZES.items()}
_HASHDEEP_COLUMNS = {"md5": "md5", "sha1": "sha1", "sha-1": "sha1", "sha256": "sha256", "sha-256": "sha256"}
_BSD_TAGS = ("MD5", "SHA1", "SHA256", "SHA-1", "SHA-256")
_FLUSH = 100_000
_EXAMPLES = 5

Entry = tuple[str, bytes]


@dataclass
class ParseReport:
    """What a reader made of a file: hash values taken, bad lines (with the first few named)."""

    format: str
    rows: int = 0
    bad_lines: int = 0
    examples: list[str] = field(default_factory=list)
    version: str = ""
    on_rows: Callable[[int], None] = field(default=lambda rows: None, repr=False, compare=False)

    def bad(self, where: str, reason: str, count: int = 1) -> None:
        self.bad_lines += count
        if len(self.examples) < _EXAMPLES:
            self.examples.append(f"{where}: {reason}")


def digest_of(text: str, algorithm: str | None = None) -> Entry | None:
    """(algorithm, binary digest) of a hex value, the algorithm known or found by length."""
    value = text.strip()
    name = algorithm or _BY_HEX_LENGTH.get(len(value))
    if name is None or len(value) != DIGEST_SIZES[name] * 2:
        return None
    try:
        return name, bytes.fromhex(value)
    except ValueError:
        return None


def detect_format(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise HashSetError(f"cannot read {path}: {error.strerror}") from None
    if head.startswith(b"SQLite format 3\x00"):
        return "nsrl"
    if b"\x00" in head:
        raise HashSetError(f"{path.name} is a binary file, not a hash list or an NSRL database")
    first = next((line for line in head.decode("utf-8", "replace").lstrip("\ufeff").splitlines() if line), "")
    if first.startswith("%%%% HASHDEEP"):
        return "hashdeep"
    if first.startswith(HAECHI_MAGIC):
        return "haechi"
    header = [cell.strip().strip('"').lower() for cell in first.split(",")]
    if "hash" in header and "file_name" in header:
        return "hashkeeper"
    return "lines"


def feed(
    path: Path, fmt: str, builder: SetBuilder, stop: Callable[[], bool], on_rows: Callable[[int], None]
) -> ParseReport:
    """Read the whole file into the builder, telling on_rows the values read so far.

    Raises HashSetError when the file cannot be read.
    """
    if fmt == "nsrl":
        return _feed_nsrl(path, builder, on_rows)
    readers = {"lines": _lines, "hashdeep": _hashdeep, "hashkeeper": _hashkeeper, "haechi": _haechi}
    report = ParseReport(fmt, on_rows=on_rows)
    buffers: dict[str, list[bytes]] = {name: [] for name in DIGEST_SIZES}
    try:
        with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            for algorithm, digest in readers[fmt](handle, report):
                buffer = buffers[algorithm]
                buffer.append(digest)
                if len(buffer) >= _FLUSH:
                    _flush(builder, algorithm, buffer, stop, report)
    except OSError as error:
        raise HashSetError(f"cannot read {path}: {error.strerror}") from None
    except csv.Error as error:
        raise HashSetError(f"{path.name} is not valid {fmt} CSV ({error})") from None
    for algorithm, buffer in buffers.items():
        _flush(builder, algorithm, buffer, stop, report)
    return report


def _flush(
    builder: SetBuilder, algorithm: str, buffer: list[bytes], stop: Callable[[], bool], report: ParseReport
) -> None:
    if stop():
        raise BuildCancelled("the import was cancelled; nothing was kept")
    builder.add(algorithm, buffer)
    report.rows += len(buffer)
    buffer.clear()
    report.on_rows(report.rows)


# plain lists and md5sum / sha1sum / sha256sum / BSD-style output -----------------------------------
def _lines(handle: TextIO, report: ParseReport) -> Iterator[Entry]:
    by_length = _BY_HEX_LENGTH
    for number, line in enumerate(handle, start=1):
        text = line.strip()
        algorithm = by_length.get(len(text))
        if algorithm is not None:  # the common case: a bare hash value
            try:
                yield algorithm, bytes.fromhex(text)
                continue
            except ValueError:
                pass
        if not text or text.startswith("#"):
            continue
        token = _hash_token(text)
        entry = digest_of(token)
        if entry is None:
            report.bad(f"line {number}", f"not an MD5, SHA-1 or SHA-256 value: {text[:60]!r}")
            continue
        yield entry


def _hash_token(text: str) -> str:
    if text.split(" ", 1)[0].upper() in _BSD_TAGS and " = " in text:  # BSD style: MD5 (name) = hex
        return text.rsplit(" = ", 1)[1]
    token = text.split(None, 1)[0]
    return token[1:] if token.startswith("\\") else token  # md5sum escapes odd names with a backslash


# hashdeep (%%%% HASHDEEP-1.0) --------------------------------------------------------------------
def _hashdeep(handle: TextIO, report: ParseReport) -> Iterator[Entry]:
    columns: list[str] = []
    wanted: list[tuple[int, str]] = []
    for number, line in enumerate(handle, start=1):
        text = line.rstrip("\r\n")
        if text.startswith("%%%% HASHDEEP") or text.startswith("##") or not text.strip():
            continue
        if text.startswith("%%%%"):
            columns = [name.strip().lower() for name in text[4:].split(",")]
            wanted = [
                (i, _HASHDEEP_COLUMNS[name]) for i, name in enumerate(columns) if name in _HASHDEEP_COLUMNS
            ]
            if not wanted:
                raise HashSetError(f"hashdeep header on line {number} names no MD5, SHA-1 or SHA-256 column")
            continue
        if not columns:
            raise HashSetError(f"hashdeep file without a %%%% column header before line {number}")
        fields = text.split(",", len(columns) - 1)
        entries = (
            [digest_of(fields[i], name) for i, name in wanted] if len(fields) == len(columns) else [None]
        )
        if any(entry is None for entry in entries):
            report.bad(f"line {number}", f"not a hashdeep record: {text[:60]!r}")
            continue
        yield from (entry for entry in entries if entry is not None)


# HashKeeper (.hsh): CSV with a header naming a "hash" column (MD5) ---------------------------------
def _hashkeeper(handle: TextIO, report: ParseReport) -> Iterator[Entry]:
    rows = csv.reader(handle)
    header = [cell.strip().lower() for cell in next(rows, [])]
    if "hash" not in header:
        raise HashSetError("HashKeeper file without a 'hash' column in its header")
    column = header.index("hash")
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        entry = digest_of(row[column]) if len(row) == len(header) else None
        if entry is None:
            report.bad(f"line {number}", f"not a HashKeeper record: {','.join(row)[:60]!r}")
            continue
        yield entry


# Haechi's export of tagged files (see app/hashsets/export.py) --------------------------------------
def _haechi(handle: TextIO, report: ParseReport) -> Iterator[Entry]:
    body = (line for line in handle if not line.startswith("#"))
    rows = csv.DictReader(body)
    for row in rows:
        values = [(name, row.get(name) or "") for name in DIGEST_SIZES]
        entries = [digest_of(value, name) for name, value in values if value]
        if not entries or any(entry is None for entry in entries):
            report.bad(f"record {rows.line_num}", f"bad hash values in {row.get('path', '')!r}")
            continue
        yield from (entry for entry in entries if entry is not None)


# NSRL RDSv3: an SQLite database with a FILE table of hex md5 / sha1 / sha256 ---------------------
def _feed_nsrl(path: Path, builder: SetBuilder, on_rows: Callable[[int], None]) -> ParseReport:
    report = ParseReport("nsrl", on_rows=on_rows)
    table, columns, report.version = _nsrl_schema(path)
    for algorithm in columns:
        good, bad = builder.copy_hex_column(path, table, columns[algorithm], algorithm)
        report.rows = max(report.rows, good + bad)
        if bad:
            report.bad(f"{table}.{columns[algorithm]}", f"{bad} values are not {algorithm} hex", bad)
        on_rows(report.rows)
    return report


def _nsrl_schema(path: Path) -> tuple[str, dict[str, str], str]:
    """The FILE table's name, its hash columns by algorithm, and the RDS version if recorded."""
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {row[0].lower(): row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if "file" not in tables:
                raise HashSetError(f"{path.name} is an SQLite database without NSRL's FILE table")
            table = tables["file"]
            names = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            columns = {name.lower(): name for name in names if name.lower() in DIGEST_SIZES}
            version = ""
            if "version" in tables:
                row = conn.execute(
                    f'SELECT version FROM "{tables["version"]}" ORDER BY rowid DESC'
                ).fetchone()
                version = str(row[0]) if row else ""
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise HashSetError(f"{path.name} is a damaged SQLite database ({error})") from None
    if not columns:
        raise HashSetError(f"the FILE table of {path.name} has no md5, sha1 or sha256 column")
    return table, columns, version
