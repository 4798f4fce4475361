"""app/ has one exception root with a kind; refusals end the same way everywhere; one crash log."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from conftest import cli, ledger_events

import app
from app.cases.locking import CaseBusy
from app.cli.failures import finish
from app.common.errors import CRASH_LOG, HaechiError, Kind, write_crash_log
from app.evidence.reader import EvidenceReadError
from app.report import ReportCancelled, ReportError


def _app_exceptions() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(app.__path__, "app."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == info.name:
                found.append(value)
    return found


def test_every_exception_defined_in_app_derives_from_the_one_root() -> None:
    found = _app_exceptions()
    assert len(found) >= 7  # the seven roots this replaced, and the root itself
    assert [cls.__qualname__ for cls in found if not issubclass(cls, HaechiError)] == []


def test_each_error_has_the_kind_its_ending_depends_on() -> None:
    assert CaseBusy.kind is Kind.REFUSED and ReportError.kind is Kind.REFUSED
    assert ReportCancelled.kind is Kind.CANCELLED
    assert EvidenceReadError.kind is Kind.PROBLEM


def _raise(error: BaseException) -> int:
    raise error


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        (CaseBusy("another import runs"), 2, "haechi: another import runs"),
        (
            ReportCancelled("the report was cancelled"),
            1,
            "haechi: the report was cancelled; nothing was kept",
        ),
        (EvidenceReadError("image gone"), 1, "haechi: image gone"),
        (FileNotFoundError(2, "No such file or directory", "/x"), 2, "haechi: No such file or directory: /x"),
    ],
)
def test_a_command_ends_with_one_line_and_the_exit_code_of_its_kind(
    error: BaseException, code: int, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert finish(_raise, error) == code
    assert capsys.readouterr().err.strip() == line


def test_a_bug_goes_to_the_one_crash_log_with_its_traceback(
    examiner_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert finish(_raise, KeyError("no such column")) == 1
    err = capsys.readouterr().err.strip()
    log = examiner_env / "haechi" / "logs" / CRASH_LOG
    assert err == f"haechi: internal error: 'no such column' (details in {log})"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError: 'no such column'" in text and "_raise" in text


def test_the_crash_log_keeps_the_last_error_only(tmp_path: Path) -> None:
    for message in ("first", "second"):
        try:
            raise RuntimeError(message)
        except RuntimeError as error:
            path = write_crash_log(error, tmp_path)
    assert path == tmp_path / "logs" / CRASH_LOG
    assert "RuntimeError: second" in path.read_text(encoding="utf-8")
    assert "first" not in path.read_text(encoding="utf-8")


def test_a_refused_step_is_recorded_once_and_told_in_one_line(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "custody", str(new_case), "seal", "TVBOX-01", "--seal", "S1")
    assert code == 2 and err.count("\n") == 1 and "not in custody" in err
    refusals = [e for e in ledger_events(capsys, new_case) if e["action"] == "input_refused"]
    assert [r["details"]["command"] for r in refusals] == ["custody seal TVBOX-01"]
