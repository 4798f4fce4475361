"""Hostile names from evidence reach no output raw: CSV, terminal, JSON, DFXML, bodyfile, exported files."""

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import as_examiner, case_with_image, cli
from imaging import cached, sh

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import open_case
from app.common.neutral import (
    bodyfile_field,
    csv_cell,
    dangerous,
    file_name,
    json_text,
    terminal,
    xml_text,
)
from app.exports.files import export_files
from forensics.base.records import name_text

# Every name is legal on ext4 (any byte but '/' and NUL); each attacks one kind of reader.
HOSTILE = {
    "formula": "=cmd|' -C calc'!A0.txt",
    "plus": "+SUM(1,2).txt",
    "minus": "-2+3.txt",
    "at": "@SUM(A1).txt",
    "quote": "'quoted.txt",
    "title": "\x1b]0;pwned\x07title.txt",
    "clear": "\x1b[2Jclear.txt",
    "link": "\x1b]8;;evil.example\x1b\\link\x1b]8;;\x1b\\.txt",
    "forged": "line\n9999\tbookmark\tforged.txt",
    "bidi": "invoice\u202etxt.exe",
    "c1": "c1\u0085\u009bx.txt",
    "pipe": "pipe|name.txt",
    "backslash": "back\\slash.txt",
    "xmlbad": "ctl\x01\x0bname.txt",
    "cr": "\rcarriage.txt",
}
# As the catalogue holds them: a backslash doubled (docs/reliability.md, "Names"); the rest as on disk.
CATALOGUED = {key: name_text(name.encode()) for key, name in HOSTILE.items()}


def _hostile_image() -> Path:
    def build(work: Path) -> Path:
        tree = work / "tree"
        (tree / "hostile").mkdir(parents=True)
        for index, name in enumerate(HOSTILE.values()):
            (tree / "hostile" / name).write_bytes(f"hostile {index}\n".encode())
        (tree / "plain.txt").write_bytes(b"plain\n")
        image = work / "hostile.img"
        sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", tree, image, "4096k")
        shutil.rmtree(tree)
        return image

    return cached("hostile-names", sorted(HOSTILE.values()), build)


@pytest.fixture(scope="module")
def hostile_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with case_with_image(tmp_path_factory.mktemp("hostile"), _hostile_image()) as case:
        yield case


@pytest.fixture
def env(hostile_case: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return as_examiner(monkeypatch, hostile_case)


def _no_raw_controls(text: str, allowed: str = "\n") -> None:
    bad = [char for char in text if dangerous(char) and char not in allowed]
    assert not bad, f"raw controls in output: {bad!r}"


def _records(capsys: pytest.CaptureFixture[str], case: Path) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "files", str(case))
    assert code == 0, err
    _no_raw_controls(out)
    return [json.loads(line) for line in out.splitlines()]


# --- the neutralisers on their own ----------------------------------------------------------------
def test_csv_cells_never_start_a_formula_and_the_raw_value_is_recoverable() -> None:
    for raw in [*HOSTILE.values(), "plain", "'", "", "-", "\tx"]:
        cell = csv_cell(raw)
        assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
        assert (cell[1:] if cell.startswith("'") else cell) == raw
    assert csv_cell(-5) == -5 and csv_cell(None) is None  # numbers are not text from evidence


def test_terminal_text_is_one_visible_line() -> None:
    for raw in HOSTILE.values():
        shown = terminal(raw)
        _no_raw_controls(shown, allowed="")
        assert "\x1b" not in shown and "\n" not in shown
    assert terminal("a\nb\\c\u202e\x1b") == "a\\nb\\\\c\\u202e\\x1b"
    assert terminal("고객 명단.txt") == "고객 명단.txt"


def test_json_keeps_the_value_and_escapes_c1_and_bidi() -> None:
    for raw in HOSTILE.values():
        text = json_text({"name": raw})
        _no_raw_controls(text, allowed="")
        assert json.loads(text) == {"name": raw}
    assert json_text("한글") == '"한글"'


def test_xml_text_is_well_formed_and_marks_what_it_escaped(tmp_path: Path) -> None:
    for raw in HOSTILE.values():
        text, escaped = xml_text(raw)
        parsed = ET.fromstring(f"<a>{text}</a>").text or ""
        assert escaped == any(ord(c) < 0x20 and c not in "\t\n\r" for c in raw)
        if not escaped:
            assert parsed == raw  # character references give back every allowed character exactly


def test_bodyfile_fields_hold_no_separator() -> None:
    for raw in HOSTILE.values():
        field = bodyfile_field(raw)
        assert "|" not in field and "\n" not in field


def test_file_names_are_safe_to_create_and_short() -> None:
    for raw in [*HOSTILE.values(), "..", ".", "a/b", "CON.txt", "x" * 300, "한" * 120 + ".txt"]:
        name = file_name(raw)
        assert "/" not in name and "\\" not in name and name not in (".", "..")
        assert not any(dangerous(char) for char in name)
        assert len(name.encode()) <= 200
    assert file_name("한" * 120 + ".txt").endswith(".txt")
    assert file_name("invoice\u202etxt.exe") == "invoice_txt.exe"


# --- the commands on an image whose names attack them ---------------------------------------------
def test_files_csv_and_jsonl_carry_every_name_safely(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = _records(capsys, env)
    names = {str(r["name"]) for r in records}
    assert set(CATALOGUED.values()) <= names  # the JSON decodes to the exact names
    code, out, err = cli(capsys, "files", str(env), "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    recovered = {row["name"][1:] if row["name"].startswith("'") else row["name"] for row in rows}
    assert recovered == names


def test_tags_text_output_is_one_line_per_tag_with_nothing_a_terminal_runs(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = {str(r["name"]): r["id"] for r in _records(capsys, env)}
    before = cli(capsys, "tags", str(env))[1].count("\n")
    for key in ("title", "clear", "link", "forged", "bidi", "c1"):
        file_id = str(ids[CATALOGUED[key]])
        code, out, err = cli(capsys, "tag", str(env), file_id, "--note", "seen\x1b[31m\nnote")
        assert code == 0, err
        _no_raw_controls(out)
    code, out, err = cli(capsys, "tags", str(env))
    assert code == 0, err
    _no_raw_controls(out, allowed="\n\t")  # TAB separates the columns; a name's TAB is shown as \t
    assert all(line.count("\t") == 4 for line in out.splitlines())
    assert "\x1b" not in out and out.count("\n") == before + 6
    assert "\\x1b]0;pwned\\x07title.txt" in out and "line\\n9999\\tbookmark\\tforged.txt" in out
    assert "invoice\\u202etxt.exe" in out
    code, out, _ = cli(capsys, "tags", str(env), "--format", "jsonl")
    _no_raw_controls(out)
    assert {json.loads(line)["path"].rsplit("/", 1)[-1] for line in out.splitlines()} >= {
        CATALOGUED[k] for k in ("title", "bidi", "c1")
    }
    code, out, _ = cli(capsys, "ledger", str(env))
    assert code == 0
    _no_raw_controls(out)
    code, out, _ = cli(capsys, "ledger", str(env), "--format", "jsonl")
    _no_raw_controls(out)
    decoded = [json.dumps(json.loads(line), ensure_ascii=False) for line in out.splitlines()]
    assert any(CATALOGUED["bidi"] in line for line in decoded)


def test_export_csv_dfxml_and_bodyfile(env: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    records = {str(r["name"]): r for r in _records(capsys, env)}
    out = {fmt: tmp_path / f"catalogue.{fmt}" for fmt in ("csv", "dfxml", "bodyfile")}
    for fmt, path in out.items():
        code, _, err = cli(capsys, "export", str(env), "--format", fmt, "--out", str(path))
        assert code == 0, err
    for row in csv.reader(out["csv"].open(encoding="utf-8", newline="")):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)

    root = ET.parse(out["dfxml"]).getroot()  # well-formed although names hold C0 controls
    ns = {"d": "http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML"}
    source = root.find("d:source", ns)
    assert source is not None and source.findtext("d:image_filename", namespaces=ns) == _hostile_image().name
    digests = {h.get("type"): h.text for h in source.findall("d:hashdigest", ns)}
    assert set(digests) == {"md5", "sha1", "sha256"}
    volumes = root.findall("d:volume", ns)
    assert volumes and volumes[0].findtext("d:ftype_str", namespaces=ns)
    names = {}
    for element in root.iterfind(".//d:fileobject/d:filename", ns):
        names[element.text] = element.get("escaped")
    assert f"/hostile/{CATALOGUED['bidi']}" in names and f"/hostile/{CATALOGUED['forged']}" in names
    assert names[f"/hostile/{CATALOGUED['cr']}"] is None  # a CR is a character reference, kept exactly
    assert names["/hostile/ctl\\x01\\x0bname.txt"] == "backslash"
    if shutil.which("xmllint"):
        subprocess.run(["xmllint", "--noout", str(out["dfxml"])], check=True)

    lines = out["bodyfile"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records)
    for line in lines:
        fields = line.split("|")
        assert len(fields) == 11, line
        name = fields[1].rsplit("/", 1)[-1]
        if name in ("plain.txt",):
            assert fields[0] == records["plain.txt"]["md5"]  # the file's MD5 (issue 17 item 5)
    assert all(line.split("|")[0] != "0" for line in lines if line.split("|")[3].startswith("r/r"))
    timeline = subprocess.run(
        ["mactime", "-b", str(out["bodyfile"]), "-d", "-y"], capture_output=True, text=True, check=True
    ).stdout
    shown = {line.split(",")[-1] for line in timeline.splitlines()[1:]}
    for key in ("pipe", "forged", "formula"):  # mactime read the records whose names hold | and newline
        assert any(bodyfile_field(CATALOGUED[key]) in name for name in shown), key


def test_exported_files_have_safe_names_and_the_log_keeps_the_original(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = {str(r["name"]): r for r in _records(capsys, env)}
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    session = open_case(env, examiner)
    try:
        result = export_files(session, [int(str(records[name]["id"])) for name in CATALOGUED.values()])
    finally:
        session.close()
    assert not result.failed and len(result.exported) == len(HOSTILE)
    for path in result.folder.rglob("*"):
        assert not any(dangerous(char) for char in path.name), path
    with result.log.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    originals = {row["path"][1:] if row["path"].startswith("'") else row["path"] for row in rows}
    assert originals == {f"/hostile/{name}" for name in CATALOGUED.values()}
    assert all(not row["exported_as"].startswith(("=", "+", "-", "@")) for row in rows)
    bidi = next(row for row in rows if row["path"] == f"/hostile/{CATALOGUED['bidi']}")
    assert bidi["renamed"] == "True" and bidi["exported_as"].endswith("invoice_txt.exe")


def test_the_report_csv_appendix_starts_no_formula(
    env: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = cli(capsys, "report", str(env), "--out", str(tmp_path / "r.pdf"), "--appendix", "csv")
    assert code == 0, err
    listing = Path(out.split("file list ", 1)[1].split(" (sha256", 1)[0])
    with listing.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["name"] for row in rows} >= {csv_cell(name) for name in CATALOGUED.values()}
    for row in rows:
        assert not any(str(cell).startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
