"""Report injection: markup in every string from evidence or a person reaches the PDF as plain text.

Payloads go into the E01's xhash and headers, file names, the case details, the lab settings,
evidence and custody fields, tags and notes; the report must be issued, show each payload literally
(pdftotext), and hold no link annotation and no image.
"""

import json
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import add_evidence, cli, file_list
from imaging import cached, sh

from app.cases.settings import Settings, save_settings
from forensics.containers.ewf_sections import read_stored_hashes

LINK = '<a href="http://evil.example/x">'
PICTURE = '<img src="/etc/hostname" width="200" height="200"/>'


def payload(tag: str) -> str:
    """Large red text, a live link, a picture read from the examiner's disk, an unbalanced tag and
    entities, marked with `tag` so each field can be found in the text."""
    return f"<font size=40 color=red>{tag}</font>{LINK}{tag}</a>{PICTURE}<b>&amp;&lt;{tag}"


def file_payload(tag: str) -> str:
    """A payload that can be a file name (no '/')."""
    return f"<font size=40 color=red>{tag}<b>&amp;&lt;{tag}<i>"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _with_xhash(e01: Path, dest: Path, md5: str) -> Path:
    """The E01 with an EnCase xhash section inserted before `done`, as EnCase 6+ writes one."""
    data = e01.read_bytes()
    offset = 13
    while data[offset : offset + 16].rstrip(b"\0") != b"done":
        offset = struct.unpack("<Q", data[offset + 16 : offset + 24])[0]
    xml = f"<?xml version='1.0'?>\n<xhash>\n\t<md5>{md5}</md5>\n</xhash>\n".encode()
    body = zlib.compress(xml)

    def descriptor(kind: bytes, following: int, size: int) -> bytes:
        head = kind.ljust(16, b"\0") + struct.pack("<QQ", following, size) + b"\0" * 40
        return head + struct.pack("<I", zlib.adler32(head))

    done = offset + 76 + len(body)
    dest.write_bytes(
        data[:offset] + descriptor(b"xhash", done, 76 + len(body)) + body + descriptor(b"done", done, 0)
    )
    return dest


def _image() -> Path:
    """ext4 whose file names carry markup, acquired by ewfacquire with markup in its headers."""

    def build(work: Path) -> Path:
        tree = work / "tree"
        tree.mkdir()
        (tree / file_payload("FILENAME")).write_bytes(b"payload file\n")
        raw = work / "names.img"
        sh("mke2fs", "-q", "-t", "ext4", "-d", tree, raw, "4M")
        header = file_payload("E01NOTES")
        sh(
            "ewfacquire",
            "-u",
            "-q",
            "-t",
            work / "ev",
            "-C",
            header,
            "-D",
            header,
            "-e",
            header,
            "-N",
            header,
            raw,
        )
        return work / "ev.E01"

    return cached("escaping_e01", ["v1", file_payload("FILENAME")], build)


@pytest.fixture
def injected_case(examiner_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    new_case = tmp_path / "case"
    details = ("--number", "2026-X", "--title", payload("TITLE"), "--agency", payload("AGENCY"))
    code, _, err = cli(capsys, "case", "new", str(new_case), *details)
    assert code == 0, err
    save_settings(Settings(lab_name=payload("LABNAME"), lab_address=payload("LABADDRESS")))
    xhash_payload = payload("XHASH").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    image = _with_xhash(_image(), tmp_path / "forged.E01", xhash_payload)
    stored = read_stored_hashes((image,))
    assert stored.xhash["md5"] == payload("XHASH").lower() and stored.disagreements() == ["md5"]
    label, seal = payload("LABEL"), payload("SEAL")
    add_evidence(capsys, new_case, image, "--label", label, "--seized-from", payload("FROM"), "--seal", seal)
    seize = (
        "--from",
        payload("PERSON"),
        "--location",
        payload("LOCATION"),
        "--authority",
        payload("WARRANT"),
    )
    code, _, err = cli(capsys, "custody", str(new_case), "seize", "EX-1", *seize, "--note", payload("NOTE"))
    assert code == 0, err
    target = next(r for r in file_list(capsys, new_case) if "FILENAME" in r["name"])
    code, _, err = cli(
        capsys, "tag", str(new_case), str(target["id"]), "--tag", payload("TAG"), "--note", payload("TAGNOTE")
    )
    assert code == 0, err
    return new_case


def test_markup_from_evidence_and_people_is_printed_not_obeyed(
    injected_case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "report.pdf"
    code, _, err = cli(capsys, "report", str(injected_case), "--out", str(pdf), "--lang", "en")
    assert code == 0, err
    text = _squeeze(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert _squeeze(payload("XHASH").lower()) in text  # hash values are kept in lower case
    for tag in ("TITLE", "AGENCY", "LABNAME", "LABADDRESS", "LABEL", "SEAL", "FROM", "TAG", "TAGNOTE"):
        assert _squeeze(payload(tag)) in text, tag
    for tag in ("FILENAME",):
        assert _squeeze(file_payload(tag)) in text, tag
    for tag in ("PERSON", "LOCATION", "WARRANT", "NOTE"):  # custody details, in the ledger table
        assert _squeeze(f"<font size=40 color=red>{tag}</font>") in text, tag
    assert "WARNING:thexhash(EnCaseXML)differsfromthebinaryhashsection." in text
    raw = pdf.read_bytes()
    assert b"/Annot" not in raw and b"/URI" not in raw  # no link
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) == 2, images  # the header lines only: no picture at all
    events = [
        json.loads(line)
        for line in cli(capsys, "ledger", str(injected_case), "--format", "jsonl")[1].splitlines()
    ]
    added = next(e for e in events if e["action"] == "evidence_added")["details"]["acquisition"]
    assert added["xhash_md5"] == payload("XHASH").lower() and "differs" in added["xhash_check"]
