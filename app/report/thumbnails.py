"""Picture previews for findings, made in a child process so a crash cannot take the report down.

The child reads the picture's bytes from the evidence through the forensics layer (TSK is native
code) and decodes them with Pillow (a hostile picture never reaches the report's own process).
"""

import io
import multiprocessing
from multiprocessing.connection import Connection
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image

from app.evidence.reader import EvidenceReadError, evidence_spec, file_address
from app.report.model import Finding
from app.report.styles import para
from app.report.texts import say
from chain_of_custody.case_db import CaseDatabase
from forensics.base.errors import EvidenceError
from forensics.containers.image import ImageSpec
from forensics.file_access import EvidenceFiles, FileAddress

MAX_PICTURES = 200
MAX_PICTURE_BYTES = 24 << 20
MAX_PIXELS = 60_000_000
BOX = (44 * mm, 32 * mm)
PICTURE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp", "image/tiff")
_SECONDS = 60
_MP = multiprocessing.get_context("spawn")
Preview = tuple[bytes, tuple[int, int]]


def decode_thumbnail(data: bytes, box: tuple[int, int]) -> Preview | str:
    """A JPEG preview of `data` and its size, or why there is none: a key of the report's texts
    (app/report/texts_court.py). Pillow's own message is not passed on: it is English and may hold
    a Python object's repr ("<_io.BytesIO object at 0x...>")."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.thumbnail(box)
            rgb = picture.convert("RGB")
            out = io.BytesIO()
            rgb.save(out, "JPEG", quality=82)
            return out.getvalue(), rgb.size
    except UnidentifiedImageError:
        return "pic_unknown_format"
    except PILImage.DecompressionBombError:
        return "pic_too_large"
    except (OSError, ValueError, SyntaxError):
        return "pic_damaged"


def _serve(conn: Connection, spec: ImageSpec) -> None:
    """Child process: answer (address, size) with a preview or a reason, until the pipe closes."""
    try:
        files: EvidenceFiles | None = EvidenceFiles(spec)
        opened = ""
    except EvidenceError:
        files, opened = None, "pic_image_unreadable"
    box = (int(BOX[0] * 2), int(BOX[1] * 2))
    while True:
        try:
            address, size = conn.recv()
        except EOFError:
            return
        if files is None:
            conn.send(opened)
            continue
        try:
            data = files.read(address, 0, size)
        except EvidenceError:
            conn.send("pic_not_read")
            continue
        conn.send(decode_thumbnail(data, box))


class _Worker:
    def __init__(self, spec: ImageSpec) -> None:
        parent, child = _MP.Pipe()
        self.process = _MP.Process(target=_serve, args=(child, spec), daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    def ask(self, address: FileAddress, size: int) -> Preview | str:
        self.conn.send((address, size))
        if not self.conn.poll(_SECONDS):
            return "pic_timeout"
        try:
            answer: Preview | str = self.conn.recv()
        except (EOFError, OSError):
            return "pic_stopped"
        return answer

    def close(self) -> None:
        self.conn.close()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def is_picture(finding: Finding) -> bool:
    return (finding.mime or "") in PICTURE_TYPES and 0 < finding.size <= MAX_PICTURE_BYTES


def picture_count(db: CaseDatabase) -> int:
    marks = ", ".join("?" * len(PICTURE_TYPES))
    row = db.conn.execute(
        f"SELECT COUNT(*) FROM tags t JOIN files f ON f.id = t.file_id WHERE t.removed_at IS NULL "
        f"AND f.mime IN ({marks}) AND f.size > 0 AND f.size <= ?",
        (*PICTURE_TYPES, MAX_PICTURE_BYTES),
    ).fetchone()
    return int(row[0])


class Thumbnails:
    """Callable: a finding -> its preview (or a one-line reason in the report's language); None when it
    is not a picture."""

    _DECODING = ("pic_unknown_format", "pic_damaged", "pic_too_large")  # "could not be decoded: <why>"
    _RESTART = ("pic_timeout", "pic_stopped")  # the next picture gets a fresh reader

    def __init__(self, db: CaseDatabase, lang: str, limit: int = MAX_PICTURES) -> None:
        self._db = db
        self._lang = lang
        self._limit = limit
        self._made = 0
        self._workers: dict[int, _Worker] = {}

    def reason(self, key: str) -> str:
        """The sentence for a reason key of the child process."""
        if key in self._DECODING:
            why = say(self._lang, key, limit=f"{MAX_PIXELS:,}")
            return say(self._lang, "pic_undecodable", reason=why)
        return say(self._lang, key)

    def __call__(self, finding: Finding) -> Flowable | None:
        if not is_picture(finding) or self._made >= self._limit:
            return None
        self._made += 1
        try:
            evidence_id, address = file_address(self._db, finding.file_id)
        except EvidenceReadError:
            return para(f"[{self.reason('pic_no_address')}]", "cell_small")
        if evidence_id not in self._workers:
            self._workers[evidence_id] = _Worker(evidence_spec(self._db, evidence_id))
        answer = self._workers[evidence_id].ask(address, finding.size)
        if isinstance(answer, str):
            if answer in self._RESTART:
                self._workers.pop(evidence_id).close()
            return para(f"[{self.reason(answer)}]", "cell_small")
        data, (width, height) = answer
        scale = min(BOX[0] / max(width, 1), BOX[1] / max(height, 1))
        return Image(io.BytesIO(data), width=width * scale, height=height * scale)

    def close(self) -> None:
        for worker in self._workers.values():
            worker.close()
        self._workers.clear()

    def __enter__(self) -> "Thumbnails":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()
