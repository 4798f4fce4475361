"""app/common/output.py: what is recorded is what is on disk, and a failure leaves no file behind."""

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pytest

from app.cases.identity import EnvironmentPassphrase, examiner_name, unlock_examiner
from app.cases.session import CaseSession, open_case
from app.common.errors import Cancelled
from app.common.output import Written, outputs, write_recorded

LINE = "0123456789abcdef" * 4 + "\n"  # 65 bytes


@pytest.fixture
def session(new_case: Path) -> Iterator[CaseSession]:
    examiner, _ = unlock_examiner(examiner_name(None), EnvironmentPassphrase())
    opened = open_case(new_case, examiner)
    yield opened
    opened.close()


def _events(session: CaseSession, action: str) -> list[dict[str, object]]:
    return [event.details for event in session.db.ledger.events() if event.action == action]


def _lines(count: int, fail_after: int | None = None) -> Callable[[TextIO], int]:
    def write(handle: TextIO) -> int:
        for number in range(count):
            if fail_after is not None and number == fail_after:
                raise Cancelled("the export was cancelled")
            handle.write(LINE)
        return count

    return write


def _details(rows: int, written: Written) -> dict[str, object]:
    return {"file": str(written.path), "rows": rows, "sha256": written.sha256, "size": written.size}


def test_the_event_records_the_sha256_of_what_is_on_disk(session: CaseSession, tmp_path: Path) -> None:
    out = tmp_path / "out" / "rows.csv"
    out.parent.mkdir()
    details = write_recorded(session, out, _lines(1000), ("exported", None), _details)
    on_disk = out.read_bytes()
    assert on_disk == LINE.encode() * 1000
    assert details == {
        "file": str(out),
        "rows": 1000,
        "sha256": hashlib.sha256(on_disk).hexdigest(),
        "size": 65000,
    }
    assert _events(session, "exported") == [details]
    assert sorted(p.name for p in out.parent.iterdir()) == ["rows.csv"]


def test_a_cancel_half_way_leaves_nothing_and_records_nothing(session: CaseSession, tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    (tmp_path / "other.txt").write_text("kept")
    with pytest.raises(Cancelled):
        write_recorded(session, out, _lines(1000, fail_after=500), ("exported", None), _details)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "config", "other.txt"]
    assert _events(session, "exported") == []


def test_a_refused_event_takes_the_written_file_away(session: CaseSession, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    session.close()  # the case is closed: recording the event fails after the rename
    with pytest.raises(Exception):  # noqa: B017 - whatever the closed database raises
        write_recorded(session, out / "rows.csv", _lines(10), ("exported", None), _details)
    assert list(out.iterdir()) == []


def test_files_written_together_go_together(tmp_path: Path) -> None:
    first, second = tmp_path / "report.pdf", tmp_path / "copy.pdf"
    with pytest.raises(Cancelled), outputs() as work:
        with work.open_binary(first) as handle:
            handle.write(b"%PDF-1.4\n")
        assert work.commit(first).sha256 == hashlib.sha256(b"%PDF-1.4\n").hexdigest()
        assert first.exists()
        work.temporary(second)
        raise Cancelled("the report was cancelled")
    assert list(tmp_path.iterdir()) == []


def test_a_path_writer_is_hashed_from_disk_and_no_clobber_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "evidence.bin"
    with outputs() as work:
        work.temporary(target).write_bytes(b"carved")
        written = work.commit(target, replace=False)
    assert (written.sha256, written.size) == (hashlib.sha256(b"carved").hexdigest(), 6)
    with pytest.raises(FileExistsError), outputs() as work:
        work.temporary(target).write_bytes(b"other")
        work.commit(target, replace=False)
    assert target.read_bytes() == b"carved" and list(tmp_path.iterdir()) == [target]


_DISK_FULL = """
import resource, signal, sys
from pathlib import Path
from app.common.output import outputs
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, resource.RLIM_INFINITY))
try:
    with outputs() as work, work.open_binary(Path(sys.argv[1])) as handle:
        for _ in range(64):
            handle.write(bytes(64 * 1024))
except OSError as error:
    print(error.errno)
"""


def test_a_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _DISK_FULL, str(folder / "big.bin")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert result.stdout.strip() == "27", result.stderr  # EFBIG: the write really failed
    assert list(folder.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_named_by_the_file_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "rows.csv"
    with pytest.raises(FileNotFoundError) as refused, outputs() as work:
        work.open_text(target)
    assert refused.value.filename == str(target)
