"""Shared fixtures: an examiner environment, a fresh case, and helpers that drive the CLI in-process."""

import contextlib
import json
import subprocess
import tempfile
from collections.abc import Iterator
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


@contextlib.contextmanager
def mounted_tmpfs(options: str) -> Iterator[Path]:
    """A tmpfs mounted with `options` (size=16m,strictatime...) on a fresh folder; unmounted after.
    Needs root: tests using it are skipped otherwise."""
    folder = Path(tempfile.mkdtemp(prefix="haechi-tmpfs-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()


def examiner_vars(root: Path) -> dict[str, str]:
    """The environment of the examiner Kim with private config, data and hash-set folders under `root`,
    for module-scoped fixtures (set each with a MonkeyPatch)."""
    return {
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_DATA_HOME": str(root / "data"),
        "HAECHI_EXAMINER": "Kim",
        "HAECHI_PASSPHRASE": PASSPHRASE,
        "HAECHI_HASHSETS": str(root / "hashsets"),
    }


@contextlib.contextmanager
def case_with_image(folder: Path, image: Path) -> Iterator[Path]:
    """For a module-scoped fixture: Kim's environment under `folder` and a case there with `image`
    imported; the environment is restored when the block ends."""
    with pytest.MonkeyPatch.context() as patch:
        for key, value in examiner_vars(folder).items():
            patch.setenv(key, value)
        make_examiner(folder / "config")  # unknown examiners are refused since the identity work
        case = folder / "case"
        assert run(["case", "new", str(case), "--number", f"2026-{image.stem}", "--title", image.stem]) == 0
        assert run(["evidence", "add", str(case), str(image)]) == 0
        yield case


def as_examiner(monkeypatch: pytest.MonkeyPatch, case: Path) -> Path:
    """Kim's environment again for one test on a case made by case_with_image."""
    for key, value in examiner_vars(case.parent).items():
        monkeypatch.setenv(key, value)
    return case


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
