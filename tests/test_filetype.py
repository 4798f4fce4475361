"""The typing rule: libmagic sees TYPE_HEAD bytes of each file, its text tests only TEXT_HEAD of them.

Magic numbers far into a file (ISO 9660 at byte 32769) are found; text is judged as before on
its first TEXT_HEAD bytes, so a long text file is text whatever follows; common text formats and
binaries keep their verdicts. The last test runs the rule through a real import.
"""

import io
import json
import random
import tarfile
from pathlib import Path

import magic
import pytest
from conftest import add_evidence, file_list
from imaging import cached, iso9660, sh

from forensics.base.filetype import TEXT_HEAD, TYPE_HEAD, TypeSniffer

_PLAIN = b"line of plain text in a long log file\n"


def _tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        member = tarfile.TarInfo("notes.txt")
        member.size = len(_PLAIN)
        archive.addfile(member, io.BytesIO(_PLAIN))
    return buffer.getvalue()


_SAMPLES: dict[str, tuple[bytes, str, str]] = {
    "long.log": (_PLAIN * (3 * TYPE_HEAD // len(_PLAIN)), "text/plain", "ASCII text"),
    "late-nul.txt": (_PLAIN * (TEXT_HEAD // len(_PLAIN) + 10) + b"\x00" * 100, "text/plain", "ASCII text"),
    "고객.txt": ("고객 명단 서울\n".encode() * 200, "text/plain", "Unicode text, UTF-8 text"),
    "meta.json": (
        json.dumps({"title": "드라마", "ids": list(range(900))}).encode(),
        "application/json",
        "JSON",
    ),
    "list.csv": (
        b"id,name,size\n" + b"".join(b"%d,file%d,%d\n" % (i, i, i * 7) for i in range(400)),
        "text/csv",
        "CSV",
    ),
    "page.html": (
        b"<!DOCTYPE html>\n<html><head><title>x</title></head><body>"
        + b"<p>programme</p>\n" * 400
        + b"</body></html>\n",
        "text/html",
        "HTML document",
    ),
    "feed.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<list>' + b"<item>kbs</item>\n" * 400 + b"</list>\n",
        "text/xml",
        "XML",
    ),
    "run.sh": (b"#!/bin/sh\nset -e\n" + b"echo streaming\n" * 400, "text/x-shellscript", "shell script"),
    "archive.tar": (_tar(), "application/x-tar", "tar archive"),
    "noise.bin": (random.Random(6).randbytes(3 * TYPE_HEAD), "application/octet-stream", "data"),
}


@pytest.mark.parametrize("name", list(_SAMPLES))
def test_verdicts_of_text_formats_and_binaries(name: str) -> None:
    data, mime, description = _SAMPLES[name]
    assert len(data) > 4096  # longer than any text cap that was considered
    found = TypeSniffer().identify(data)
    assert found[0] == mime
    assert description in found[1]
    before = magic.from_buffer(data[:TEXT_HEAD], mime=True), magic.from_buffer(data[:TEXT_HEAD])
    assert found == before  # the verdict the 32 KiB head gave


def test_magic_past_the_text_head_is_found() -> None:
    disc = iso9660().read_bytes()
    sniffer = TypeSniffer()
    assert sniffer.identify(disc[:TYPE_HEAD])[0] == "application/x-iso9660-image"
    assert "ISO 9660" in sniffer.identify(disc)[1]
    assert sniffer.identify(disc[:TEXT_HEAD])[0] == "application/octet-stream"  # what 32 KiB missed


def test_only_the_head_counts() -> None:
    sniffer = TypeSniffer()
    head = _PLAIN * (TYPE_HEAD // len(_PLAIN) + 1)
    assert sniffer.identify(head + b"\x00" * 5000) == sniffer.identify(head[:TYPE_HEAD])


def _evidence_with_samples() -> Path:
    tree = {name: data for name, (data, _, _) in _SAMPLES.items()} | {"disc.iso": iso9660().read_bytes()}

    def build(work: Path) -> Path:
        for name, data in tree.items():
            (work / "tree").mkdir(exist_ok=True)
            (work / "tree" / name).write_bytes(data)
        image = work / "types.img"
        sh("mke2fs", "-q", "-F", "-t", "ext4", "-d", work / "tree", image, "16M")
        return image

    return cached("filetype-ext4", sorted((n, len(d)) for n, d in tree.items()), build)


def test_import_types_every_sample(new_case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_evidence(capsys, new_case, _evidence_with_samples())
    records = {r["name"]: r for r in file_list(capsys, new_case) if r["meta_type"] == "r"}
    for name, (_, mime, description) in _SAMPLES.items():
        assert records[name]["mime"] == mime, name
        assert description in records[name]["description"], name
    assert records["disc.iso"]["mime"] == "application/x-iso9660-image"
    assert not records["disc.iso"]["ext_mismatch"]
