"""Showing file content to the examiner: hex pages, text with its encoding guessed, picture bytes.

The bytes come from the evidence through app/evidence/reader.py (a child process runs TSK).
"""

import codecs
from dataclasses import dataclass

from app.evidence.reader import EvidenceReader, evidence_spec, file_address
from chain_of_custody.case_db import CaseDatabase

HEX_PAGE = 64 << 10  # one hex page
TEXT_LIMIT = 1 << 20  # the text view shows the first MiB
PICTURE_LIMIT = 32 << 20  # larger pictures are not previewed
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def hex_dump(data: bytes, base: int = 0) -> str:
    """Classic 16 bytes per line: offset, hex in two groups of eight, printable ASCII."""
    lines = []
    for start in range(0, len(data), 16):
        chunk = data[start : start + 16]
        left = " ".join(f"{b:02x}" for b in chunk[:8])
        right = " ".join(f"{b:02x}" for b in chunk[8:])
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{base + start:012x}  {left:<23}  {right:<23}  |{text}|")
    return "\n".join(lines)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows as many zero bytes on one side (ASCII-range characters)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) * 0.3 and even < len(sample) * 0.05:
        return "utf-16-le"
    if even > len(sample) * 0.3 and odd < len(sample) * 0.05:
        return "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    """True when `data` decodes, allowing a character cut off at the end of the page."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def guess_encoding(data: bytes) -> str:
    """BOM, UTF-16 pattern, UTF-8, then Korean CP949 (a superset of EUC-KR), else Latin-1."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    wide = _utf16_without_bom(data)
    if wide:
        return wide
    for encoding in ("utf-8", "cp949"):
        if _decodes(data, encoding):
            return encoding
    return "latin-1"


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used); NUL and other control bytes shown as dots, line breaks kept."""
    chosen = encoding or guess_encoding(data)
    text = data.decode(chosen, errors="replace")
    cleaned = "".join(c if c.isprintable() or c in "\n\t" else ("" if c == "\r" else ".") for c in text)
    return cleaned, chosen


@dataclass(frozen=True)
class ContentPage:
    data: bytes
    offset: int
    size: int  # the whole file's size


class ContentSource:
    """Reads catalogued files' content; one reader process per evidence item, kept while open.

    Not thread-safe: the desktop app calls it from one worker thread only.
    """

    def __init__(self, db: CaseDatabase) -> None:
        self._db = db
        self._readers: dict[int, EvidenceReader] = {}

    def _reader(self, evidence_id: int) -> EvidenceReader:
        if evidence_id not in self._readers:
            self._readers[evidence_id] = EvidenceReader(evidence_spec(self._db, evidence_id))
        return self._readers[evidence_id]

    def page(self, file_id: int, offset: int, length: int) -> ContentPage:
        evidence_id, address = file_address(self._db, file_id)
        reader = self._reader(evidence_id)
        size = reader.size(address)
        return ContentPage(reader.read(address, offset, length), offset, size)

    def warm_up(self, evidence_id: int) -> None:
        """Start the evidence's reader process now (it takes a few seconds), so the first view is quick."""
        row = self._db.conn.execute(
            "SELECT id FROM files WHERE evidence_id = ? AND inode IS NOT NULL AND meta_type = 'r' LIMIT 1",
            (evidence_id,),
        ).fetchone()
        if row is not None:
            self.page(int(row[0]), 0, 0)

    def close(self) -> None:
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
