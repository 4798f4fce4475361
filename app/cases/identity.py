"""Which examiner is acting: profiles on this workstation, unlocked by a passphrase."""

import difflib
import getpass
import os
import sys
from typing import Protocol

from app.cases.settings import config_dir
from chain_of_custody.errors import IdentityError
from chain_of_custody.identity import Examiner, ProfileStore
from chain_of_custody.names import imitated, normalise_name

__all__ = [
    "EnvironmentPassphrase",
    "Examiner",
    "IdentityError",
    "PassphraseSource",
    "create_examiner",
    "examiner_name",
    "forget_passphrase",
    "imitated",
    "normalise_name",
    "profile_store",
    "read_passphrase_fd",
    "require_profile",
    "take_environment_passphrase",
    "unlock_examiner",
]

ENV_PASSPHRASE = "HAECHI_PASSPHRASE"


class PassphraseSource(Protocol):
    """How the core asks for a passphrase: the CLI prompts, the desktop app shows a dialog."""

    def passphrase(self, examiner: str, creating: bool) -> str: ...


class _Given:
    """The passphrase this process was given in its environment, kept after it left os.environ
    (one process runs several commands in the desktop app and in tests)."""

    value: str | None = None


def take_environment_passphrase() -> str | None:
    """HAECHI_PASSPHRASE, removed from this process's environment at the first read so that no child
    process (import and reader workers) inherits it; later reads get the value kept in memory."""
    value = os.environ.pop(ENV_PASSPHRASE, None)
    if value:
        _Given.value = value
    return _Given.value


def forget_passphrase() -> None:
    """Drop the passphrase kept from the environment."""
    _Given.value = None


class EnvironmentPassphrase:
    """A passphrase given to the process (HAECHI_PASSPHRASE or --passphrase-fd), else a terminal
    prompt, else a clear refusal."""

    def __init__(self, given: str | None = None) -> None:
        self._given = given or take_environment_passphrase()

    def passphrase(self, examiner: str, creating: bool) -> str:
        if self._given:
            return self._given
        if not sys.stdin.isatty():
            raise IdentityError(
                f"passphrase for examiner '{examiner}' needed: set HAECHI_PASSPHRASE, "
                "use --passphrase-fd N, or run from a terminal"
            )
        first = getpass.getpass(f"{'New passphrase' if creating else 'Passphrase'} for {examiner}: ")
        if creating and getpass.getpass("Repeat the passphrase: ") != first:
            raise IdentityError("the two passphrases differ")
        return first


def read_passphrase_fd(fd: int) -> str:
    """The first line read from an inherited file descriptor (`--passphrase-fd N`), then closed."""
    try:
        with os.fdopen(fd, "r", encoding="utf-8", closefd=True) as handle:
            line = handle.readline()
    except OSError as error:
        raise IdentityError(
            f"cannot read the passphrase from file descriptor {fd} ({error.strerror})"
        ) from None
    return line.rstrip("\r\n")


def profile_store() -> ProfileStore:
    return ProfileStore(config_dir() / "examiners")


def examiner_name(given: str | None) -> str:
    name = given or os.environ.get("HAECHI_EXAMINER", "")
    if not name.strip():
        raise IdentityError("name the examiner: --examiner NAME or HAECHI_EXAMINER")
    return normalise_name(name)


def require_profile(name: str) -> ProfileStore:
    """The store holding `name`'s profile. An unknown name is refused with the closest profile
    names: new identities are made only by `haechi examiner new` or the start screen."""
    store = profile_store()
    if not store.exists(name):
        known = store.names()
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(n) for n in close)}?" if close else ""
        raise IdentityError(
            f"no examiner profile named '{name}' on this workstation{hint} "
            f"(create one with: haechi examiner new NAME)"
        )
    return store


def unlock_examiner(name: str, source: PassphraseSource) -> tuple[Examiner, bool]:
    """The unlocked examiner of an existing profile (and False: nothing is ever created here)."""
    store = require_profile(name)
    return store.unlock(name, source.passphrase(name, creating=False)), False


def create_examiner(name: str, source: PassphraseSource) -> Examiner:
    """A new profile (an explicit act: `haechi examiner new`, the start screen), unlocked."""
    store = profile_store()
    name = normalise_name(name)
    store.create(name, source.passphrase(name, creating=True))
    return store.unlock(name, source.passphrase(name, creating=False))
