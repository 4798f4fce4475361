"""Shared fixtures: an examiner environment, a fresh case, and helpers that drive the CLI in-process."""

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import run
from chain_of_custody.identity import ProfileStore

PASSPHRASE = "correct horse battery"
# Tests derive keys with scrypt N=2**10 (a few ms): the default (2**17, ~0.4 s) on every unlock of
# hundreds of in-process commands would add minutes. The work factor is stored in each profile.
TEST_SCRYPT_N = 2**10


def make_examiner(config: Path, name: str = "Kim", passphrase: str = PASSPHRASE) -> None:
    """The examiner's profile under XDG_CONFIG_HOME=config, as `haechi examiner new` makes it."""
    store = ProfileStore(config / "haechi" / "examiners", scrypt_n=TEST_SCRYPT_N)
    if not store.exists(name):
        store.create(name, passphrase)


@pytest.fixture
def examiner_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config folder and the examiner Kim, unlocked from the environment."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("HAECHI_EXAMINER", "Kim")
    monkeypatch.setenv("HAECHI_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HAECHI_HASHSETS", str(tmp_path / "hashsets"))  # never the workstation's library
    make_examiner(config)
    return config


@pytest.fixture
def new_case(tmp_path: Path, examiner_env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """An empty case folder, created through the CLI."""
    folder = tmp_path / "case"
    assert run(["case", "new", str(folder), "--number", "2026-TEST-1", "--title", "spine"]) == 0
    capsys.readouterr()
    return folder


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `haechi ARGV` in-process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add_evidence(capsys: pytest.CaptureFixture[str], case: Path, image: Path, *extra: str) -> dict[str, Any]:
    """`evidence add --json` that must succeed; its JSON summary."""
    code, out, err = cli(capsys, "evidence", "add", str(case), str(image), "--json", *extra)
    assert code == 0, err
    summary: dict[str, Any] = json.loads(out)
    return summary


def file_list(capsys: pytest.CaptureFixture[str], case: Path, *extra: str) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "files", str(case), *extra)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def ledger_events(capsys: pytest.CaptureFixture[str], case: Path) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "ledger", str(case), "--format", "jsonl")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def ledger_intact(capsys: pytest.CaptureFixture[str], case: Path) -> bool:
    return cli(capsys, "ledger", str(case), "--verify")[0] == 0
