"""Faults of the workstation: a full disk, Ctrl-C after an import, a second import while one runs.
Each ends with one clear line, nothing partial left behind, and the ledger saying what happened."""

import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import imaging
import pytest
from conftest import PASSPHRASE, cli, ledger_events, ledger_intact, mounted_tmpfs

from app.cases.locking import import_running
from chain_of_custody.case_db import IMPORT_LOCK

ROOT = Path(__file__).resolve().parent.parent
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 16 MiB tmpfs, grown or shrunk by remounting (mount -o remount,size=...)."""
    with mounted_tmpfs("size=16m") as folder:
        yield folder


def _resize(folder: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(folder)], check=True)


def _fill(folder: Path) -> Path:
    """Take every free byte of the disk with one file."""
    filler = folder / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * (64 << 10))
                handle.flush()
        except OSError:
            pass
    return filler


def _one_clear_line(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(err.strip().splitlines()) == 1, err


def _new_case(capsys: pytest.CaptureFixture[str], folder: Path) -> Path:
    case = folder / "case"
    code, _, err = cli(capsys, "case", "new", str(case), "--number", "2026-F", "--title", "faults")
    assert code == 0, err
    return case


@needs_root
def test_a_full_disk_during_an_import_is_one_line_and_the_import_resumes(
    small_disk: Path, examiner_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _resize(small_disk, "1200k")  # the catalogue of 2,000 files does not fit
    case = _new_case(capsys, small_disk)
    image = imaging.many_files_ext4()
    code, out, err = cli(capsys, "evidence", "add", str(case), str(image))
    assert code == 1
    assert "Traceback" not in err and "internal error" not in err, err
    assert "is full" in (out + err), out + err
    _resize(small_disk, "64m")
    actions = [event["action"] for event in ledger_events(capsys, case)]
    assert "import_failed" in actions  # written once the failed batch was rolled back (its pages freed)
    assert ledger_intact(capsys, case)
    _report_says_partial(capsys, case, small_disk)
    code, out, err = cli(capsys, "evidence", "add", str(case), str(image), "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "complete"


def _report_says_partial(capsys: pytest.CaptureFixture[str], case: Path, folder: Path) -> None:
    """On the partial import: a report says its counts are partial; while an import holds the case's
    lock (as the resumed import would), it says an import is running; on the terminal and in the PDF."""
    files = len(cli(capsys, "files", str(case))[1].splitlines())
    assert 0 < files < 2000
    for lang, running in (("en", False), ("en", True), ("ko", True)):
        pdf = folder / f"report-{lang}-{running}.pdf"
        with _lock_held(case) if running else contextlib.nullcontext():
            code, _, err = cli(capsys, "report", str(case), "--out", str(pdf), "--lang", lang)
        assert code == 0, err
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        text = " ".join(text.split())
        if lang == "ko":
            assert "처리가 진행 중이었습니다" in text and f"파일 {files:,}개" in text
            continue
        said = (
            "an import into this case was running" if running else "the import of evidence 1 is not complete"
        )
        assert said in err and f"{files:,} files catalogued" in err
        assert said in text.replace("WARNING: a", "a").replace("WARNING: t", "t")
        pdf.unlink()
    events = [e for e in ledger_events(capsys, case) if e["action"] == "report_issued"]
    assert [e["details"]["import_running"] for e in events] == [False, True, True]
    assert all(e["details"]["imports_unfinished"] == [1] for e in events)


@contextlib.contextmanager
def _lock_held(case: Path) -> Iterator[None]:
    """The case's import lock held by another process, as a running import holds it."""
    holder = subprocess.Popen(
        ["flock", "--exclusive", str(case / IMPORT_LOCK), "sleep", "60"], start_new_session=True
    )
    try:
        for _ in range(100):
            if import_running(case):
                break
            time.sleep(0.05)
        yield
    finally:
        os.killpg(holder.pid, signal.SIGTERM)  # flock and the sleep it runs, which holds the lock too
        holder.wait()


@needs_root
def test_a_full_disk_refuses_a_tag_and_a_custody_step_in_one_line(
    small_disk: Path, examiner_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = _new_case(capsys, small_disk)
    code, _, err = cli(capsys, "evidence", "add", str(case), str(imaging.ext4()))
    assert code == 0, err
    code, out, _ = cli(capsys, "files", str(case))
    file_id = str(json.loads(out.splitlines()[-1])["id"])
    before = len(ledger_events(capsys, case))
    filler = _fill(small_disk)
    for argv in (
        ("tag", str(case), file_id, "--note", "seen"),
        ("custody", str(case), "receive", "TVBOX-01", "--from", "police"),
    ):
        code, _, err = cli(capsys, *argv)
        assert code == 1, err
        _one_clear_line(err)
        assert "is full" in err
    filler.unlink()
    events = ledger_events(capsys, case)
    assert not [e for e in events[before:] if e["action"] in ("file_tagged", "custody.received")]
    assert ledger_intact(capsys, case)
    code, out, _ = cli(capsys, "tags", str(case))
    assert code == 0 and out == ""


@needs_root
def test_a_full_disk_leaves_no_partial_export_or_report(
    small_disk: Path, tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "evidence", "add", str(new_case), str(imaging.many_files_ext4()))
    assert code == 0, err
    _resize(small_disk, "64k")  # room for a little, not for a catalogue of 2,000 files
    for argv in (
        ("export", str(new_case), "--format", "csv", "--out", str(small_disk / "files.csv")),
        ("export", str(new_case), "--format", "dfxml", "--out", str(small_disk / "files.xml")),
        ("report", str(new_case), "--out", str(small_disk / "r.pdf"), "--appendix", "csv"),
    ):
        code, _, err = cli(capsys, *argv)
        assert code != 0
        _one_clear_line(err)
        assert list(small_disk.iterdir()) == [], argv  # not even a temporary
    assert ledger_intact(capsys, new_case)


def test_a_second_import_while_one_runs_is_refused_and_recorded(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        handle = os.open(new_case / IMPORT_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            held.set()
            release.wait(30)
        finally:
            os.close(handle)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(5)
        code, _, err = cli(capsys, "evidence", "add", str(new_case), str(imaging.ext4()))
    finally:
        release.set()
        holder.join()
    assert code == 2 and "another import is running" in err
    refused = [e for e in ledger_events(capsys, new_case) if e["action"] == "input_refused"]
    assert refused and "another import is running" in refused[-1]["details"]["reason"]
    assert ledger_intact(capsys, new_case)


PLAYLISTS = 400


def _playlists_image() -> Path:
    """Many IPTV playlists: the artifact step after the import takes seconds, room for a Ctrl-C."""

    def build(work: Path) -> Path:
        tree = work / "tree"
        tree.mkdir()
        for index in range(PLAYLISTS):
            line = f'#EXTINF:-1 tvg-id="ch{index}" group-title="KR",Channel {index}\nhttp://iptv.example/{index}.ts\n'
            (tree / f"list{index:03d}.m3u").write_text("#EXTM3U\n" + line * 20)
        image = work / "playlists.img"
        imaging.sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", tree, image, "8192k")
        return image

    return imaging.cached("playlists", [PLAYLISTS], build)


def test_ctrl_c_during_the_artifact_step_exits_non_zero_and_the_step_runs_again(
    new_case: Path, examiner_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = _playlists_image()
    # the passphrase given explicitly: the parent took it out of its environment when it first read it
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HAECHI_PASSPHRASE": PASSPHRASE}
    command = [sys.executable, "-c", "import sys; from app.cli.main import run; sys.exit(run(sys.argv[1:]))"]
    # a session of its own, so the whole group gets SIGINT as from a terminal's Ctrl-C (children too)
    process = subprocess.Popen(
        [*command, "evidence", "add", str(new_case), str(image)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:  # the import's last progress line, then the artifact step begins
        lines.append(line)
        if line.startswith("complete:"):
            break
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    out, rest = process.communicate(timeout=120)
    err = "".join(lines) + rest
    assert process.returncode == 1, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "CANCELLED" in err and "run the same command again" in err
    actions = [event["action"] for event in ledger_events(capsys, new_case)]
    assert "import_finished" in actions and actions[-1] == "artifacts_cancelled"
    code, out, err = cli(capsys, "evidence", "add", str(new_case), str(image), "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "complete"
    actions = [event["action"] for event in ledger_events(capsys, new_case)]
    assert actions[-1] == "artifacts_extracted" and actions.count("import_finished") == 1
    code, out, err = cli(capsys, "evidence", "add", str(new_case), str(image))
    assert code == 2 and "already in this case" in err  # with the artifacts there, a third add is refused
    assert ledger_intact(capsys, new_case)
