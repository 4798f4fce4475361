"""PhotoRec (Debian package testdisk) run over one chunk file, and its DFXML report read back.

PhotoRec runs as a child process in a private working folder (its log and session file stay there);
what it found is read from the report.xml it writes (DFXML: each file's name, size and byte runs
in the chunk), so no carved copy is needed once it is hashed.
"""

import re
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from forensics.base.errors import ImageReadError
from forensics.carving.unallocated import Range

CARVER = "PhotoRec"
PHOTOREC = "photorec"
# PhotoRec's own names for a few formats people ask for by their extension (`mov` carves MP4 too).
TYPE_ALIASES = {"jpeg": "jpg", "mp4": "mov", "m4v": "mov", "m4a": "mov", "3gp": "mov", "tiff": "tif"}
_TYPE_NAME = re.compile(r"^[a-z0-9]{1,12}$")
_POLL_SECONDS = 0.1


class CarverMissing(ImageReadError):
    """PhotoRec is not installed."""


@dataclass(frozen=True)
class CarvedObject:
    """One file in PhotoRec's report: its name, size and runs (offsets in the chunk)."""

    name: str
    size: int
    runs: tuple[Range, ...]


@lru_cache(maxsize=1)
def carver_version() -> str:
    """PhotoRec's version ("7.1"); raises CarverMissing when it is not installed."""
    try:
        done = subprocess.run([PHOTOREC, "/version"], capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CarverMissing(f"PhotoRec is not installed (Debian package testdisk): {error}") from error
    found = re.search(r"^Version:\s*(\S+)", done.stdout, re.MULTILINE)
    if found is None:
        raise CarverMissing("PhotoRec did not say its version")
    return found.group(1)


def photorec_types(types: Sequence[str]) -> tuple[str, ...]:
    """PhotoRec's file-family names for the types asked (sorted, without duplicates); () for all."""
    names = set()
    for name in types:
        name = TYPE_ALIASES.get(name.strip().lower().lstrip("."), name.strip().lower().lstrip("."))
        if not _TYPE_NAME.match(name):
            raise ValueError(f"not a file type name: {name!r}")
        names.add(name)
    return tuple(sorted(names))


def command_options(types: Sequence[str]) -> str:
    """The /cmd options: no partition, 512-byte blocks, the whole chunk, paranoid checks, only `types`
    (or every family).

    A chunk joins ranges of several sizes, so the files in it are aligned on 512 bytes only; left to
    guess, PhotoRec takes its block size from the first files it finds and then looks at those
    offsets only: on a 487 MiB stream of free ext4 blocks it found 62 of 122 planted files, with
    `blocksize,512` all 122 (docs/performance.md, "Carving")."""
    families = (
        "fileopt,everything,enable"
        if not types
        else "fileopt,everything,disable," + ",".join(f"{name},enable" for name in types)
    )
    return f"partition_none,blocksize,512,options,paranoid,{families},wholespace,search"


def run_photorec(
    chunk: Path, work: Path, types: Sequence[str], cancelled: Callable[[], bool]
) -> list[CarvedObject] | None:
    """Carve `chunk` into `work`; the files PhotoRec reports, or None when cancelled (PhotoRec stopped)."""
    command = [PHOTOREC, "/log", "/d", str(work / "out"), "/cmd", str(chunk), command_options(types)]
    try:
        process = subprocess.Popen(
            command, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    except OSError as error:
        raise CarverMissing(f"PhotoRec cannot be started: {error}") from error
    try:
        while process.poll() is None:
            if cancelled():
                process.kill()
                process.wait()
                return None
            time.sleep(_POLL_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        raise ImageReadError(f"PhotoRec stopped with exit code {process.returncode}")
    reports = sorted(work.glob("out.*/report.xml"))
    if not reports:
        raise ImageReadError("PhotoRec wrote no report.xml")
    return read_report(reports[-1])


def read_report(path: Path) -> list[CarvedObject]:
    """Every <fileobject> of a PhotoRec DFXML report. Raises ImageReadError on a damaged report."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise ImageReadError(f"PhotoRec's report cannot be read ({error})") from error
    found: list[CarvedObject] = []
    for item in root.iter():
        if _local(item.tag) != "fileobject":
            continue
        name = size = None
        runs: list[Range] = []
        for child in item:
            tag = _local(child.tag)
            if tag == "filename":
                name = (child.text or "").strip()
            elif tag == "filesize":
                size = int((child.text or "0").strip())
            elif tag == "byte_runs":
                runs = [
                    (int(run.attrib["img_offset"]), int(run.attrib["len"]))
                    for run in child
                    if _local(run.tag) == "byte_run"
                ]
        if name and size and runs:
            found.append(CarvedObject(name, size, tuple(runs)))
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
