"""Expert Witness images (E01/Ex01) through libewf: segments found by libewf's glob, read-only."""

import glob
import threading
from pathlib import Path

import pytsk3

from forensics.base.errors import ImageReadError, MissingSegment
from forensics.base.reader import ByteSource
from forensics.containers.ewf_sections import StoredHashes, read_stored_hashes
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.containers.noatime import open_binary

EWF = "ewf"
_EWF1 = b"EVF\x09\x0d\x0a\xff\x00"
_EWF2 = b"EVF2\x0d\x0a\x81\x00"


class EwfImage(pytsk3.Img_Info):
    """An Expert Witness (E01/Ex01) image through libewf, opened read-only: libewf reads Python file
    objects opened O_NOATIME (its own open by name has no such flag)."""

    def __init__(self, segments: tuple[Path, ...]) -> None:
        import pyewf  # local: libewf is an optional dependency, needed only when an E01 is opened

        self._files = [open_binary(path) for path in segments]
        self._handle = pyewf.handle()
        try:
            self._handle.open_file_objects(self._files, "r")
        except BaseException:
            self._close_files()
            raise
        self._lock = threading.Lock()
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, length: int) -> bytes:
        with self._lock:  # seek + read on one libewf handle is not atomic
            data: bytes = self._handle.read_buffer_at_offset(length, offset)
        return data

    def get_size(self) -> int:
        size: int = self._handle.get_media_size()
        return size

    def close(self) -> None:
        try:
            self._handle.close()
        finally:
            self._close_files()

    def _close_files(self) -> None:
        for handle in self._files:
            handle.close()

    def facts(self, segments: tuple[Path, ...]) -> tuple[dict[str, str], dict[str, str], int]:
        """(header values, stored hashes, sector size). An E01's hashes come from its binary hash and
        digest sections only; its xhash XML is kept apart in the header values (`xhash_md5`,
        `xhash_sha1`, `xhash_check`), so a forged xhash can neither replace them nor pass unseen."""
        headers = self._handle.get_header_values() or {}
        acquisition = {key: str(value) for key, value in headers.items() if value}
        if _is_ewf1(segments[0]):
            stored = read_stored_hashes(segments)
            hashes = dict(stored.binary)
            acquisition.update({f"xhash_{name}": value for name, value in stored.xhash.items()})
            check = _xhash_check(stored)
            if check:
                acquisition["xhash_check"] = check
        else:  # Ex01: libewf reads its hash sections; there is no separate xhash
            hashes = {
                key.lower().replace("-", ""): str(value).lower()
                for key, value in (self._handle.get_hash_values() or {}).items()
                if value
            }
        return acquisition, hashes, int(self._handle.get_bytes_per_sector() or 512)


def _is_ewf1(first: Path) -> bool:
    with open_binary(first) as handle:  # O_NOATIME, as every read of evidence
        return handle.read(len(_EWF1)) == _EWF1


def _xhash_check(stored: StoredHashes) -> str:
    """How the xhash compares with the binary sections, in words ('' when there is no xhash)."""
    differ = stored.disagreements()
    notes = [f"xhash {name} differs from the binary hash section" for name in differ]
    notes += list(stored.problems)
    if stored.xhash and not notes:
        notes.append("xhash agrees with the binary hash section")
    return "; ".join(notes)


def _probe_media_end(ewf: EwfImage, name: str) -> None:
    """A truncated or incomplete EWF set opens, but its last sector cannot be read: refuse it."""
    size = ewf.get_size()
    try:
        ewf.read(max(0, size - 512), min(512, size))
    except (OSError, RuntimeError) as error:
        raise ImageReadError(
            f"{name}: the media cannot be read to its end ({size} bytes; a segment is truncated "
            f"or missing): {str(error).split('. ')[0]}"
        ) from error


def _ewf_segments(path: Path) -> tuple[Path, ...]:
    import pyewf  # local: libewf is an optional dependency, needed only when an E01 is found

    try:
        names = pyewf.glob(str(path))
    except (OSError, RuntimeError, ValueError) as error:
        raise MissingSegment(f"{path.name}: cannot collect its EWF segments ({error})") from error
    found = tuple(Path(name) for name in names)
    _refuse_ewf_gap(found)
    return found


def _refuse_ewf_gap(found: tuple[Path, ...]) -> None:
    """libewf's glob stops at the first missing segment: a later one on disk means a gap."""
    last = found[-1]
    later = sorted(
        p
        for p in last.parent.glob(f"{glob.escape(last.stem)}.[Ee][0-9][0-9]")
        if p.suffix[1:] > last.suffix[1:]
    )
    if later:
        missing = f"{last.stem}{last.suffix[:2]}{int(last.suffix[2:]) + 1:02d}"
        raise MissingSegment(f"{found[0].name}: EWF segment {missing} is missing, yet {later[0].name} exists")


class EwfContainer:
    format = EWF

    def segments(self, path: Path, head: bytes, tail: bytes) -> tuple[Path, ...] | None:
        return _ewf_segments(path) if head.startswith((_EWF1, _EWF2)) else None

    def open(self, spec: ImageSpec, sizes: tuple[int, ...]) -> tuple[ByteSource, ImageFacts]:
        ewf = EwfImage(spec.segments)
        _probe_media_end(ewf, spec.first.name)
        acquisition, hashes, sector = ewf.facts(spec.segments)
        return ewf, ImageFacts(EWF, ewf.get_size(), sizes, acquisition, hashes, sector)
