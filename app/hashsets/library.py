"""The workstation's hash-set library as use cases: where it lives, import, list, remove."""

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.common.progress import CancelToken
from app.hashsets.formats import FORMATS, ParseReport, detect_format, feed
from chain_of_custody.hashset_db import (
    CATEGORIES,
    BuildCancelled,
    HashSetError,
    HashSetInfo,
    HashSetLibrary,
    NewSet,
)

ENV_LIBRARY = "HAECHI_HASHSETS"


def library_folder(override: str | None = None) -> Path:
    """--library, else env HAECHI_HASHSETS, else the user's data folder (platformdirs)."""
    chosen = override or os.environ.get(ENV_LIBRARY)
    if chosen:
        return Path(chosen)
    return Path(platformdirs.user_data_dir("haechi", appauthor=False)) / "hashsets"


def open_library(override: str | None = None) -> HashSetLibrary:
    return HashSetLibrary.open(library_folder(override))


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    name: str
    category: str
    source: str = ""
    version: str = ""
    fmt: str = "auto"
    replace: bool = False
    imported_by: str = ""


@dataclass(frozen=True)
class ImportResult:
    info: HashSetInfo
    report: ParseReport


def import_hashset(
    library: HashSetLibrary,
    request: ImportRequest,
    cancel: CancelToken | None = None,
    progress: Callable[[str, int], None] = lambda phase, values: None,
) -> ImportResult:
    """Import a whole file as one set, or nothing (errors, an empty file, a cancel).

    progress(phase, values) is told of 'reading' (values so far) and then of 'sorting'.
    """
    cancel = cancel or CancelToken()
    _check_request(library, request)
    fmt = detect_format(request.path) if request.fmt == "auto" else request.fmt
    source_sha256 = file_sha256(request.path, cancel)
    builder = library.builder(lambda: cancel.cancelled)
    try:
        report = feed(request.path, fmt, builder, lambda: cancel.cancelled, lambda n: progress("reading", n))
        if report.rows == 0:
            detail = f" ({report.bad_lines} bad lines, e.g. {report.examples[0]})" if report.examples else ""
            raise HashSetError(f"no hash values found in {request.path.name} as {fmt}{detail}")
        progress("sorting", report.rows)
        counts = builder.finish()
    except BaseException:
        builder.discard()
        raise
    new = NewSet(
        name=request.name,
        category=request.category,
        source=request.source,
        version=request.version or report.version,
        format=fmt,
        source_file=str(request.path.resolve()),
        source_sha256=source_sha256,
        imported_by=request.imported_by,
        rows=report.rows,
        bad_lines=report.bad_lines,
    )
    return ImportResult(library.commit(builder, new, counts, request.replace), report)


def _check_request(library: HashSetLibrary, request: ImportRequest) -> None:
    if not request.name.strip():
        raise HashSetError("a hash set needs a name (--name)")
    if request.category not in CATEGORIES:
        raise HashSetError(f"category must be one of {', '.join(CATEGORIES)}, not '{request.category}'")
    if request.fmt not in FORMATS:
        raise HashSetError(f"format must be one of {', '.join(FORMATS)}")
    if not request.path.is_file():
        raise HashSetError(f"{request.path} is not a readable file")
    if library.get(request.name) is not None and not request.replace:
        raise HashSetError(f"a hash set named '{request.name}' exists: remove it or import with --replace")


def file_sha256(path: Path, cancel: CancelToken) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(4 << 20):
            if cancel.cancelled:
                raise BuildCancelled("the import was cancelled; nothing was kept")
            digest.update(chunk)
    return digest.hexdigest()
