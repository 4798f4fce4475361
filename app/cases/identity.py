"""Which examiner is acting: profiles on this workstation, unlocked by a passphrase."""

import os
from typing import Protocol

from app.cases.settings import config_dir
from chain_of_custody.errors import IdentityError
from chain_of_custody.identity import Examiner, ProfileStore

__all__ = [
    "EnvironmentPassphrase",
    "Examiner",
    "IdentityError",
    "PassphraseSource",
    "examiner_name",
    "profile_store",
    "unlock_examiner",
]


class PassphraseSource(Protocol):
    """How the core asks for a passphrase: the CLI prompts, the desktop app shows a dialog."""

    def passphrase(self, examiner: str, creating: bool) -> str: ...


class EnvironmentPassphrase:
    """HAECHI_PASSPHRASE, else a terminal prompt, else a clear refusal."""

    def passphrase(self, examiner: str, creating: bool) -> str:
        value = os.environ.get("HAECHI_PASSPHRASE")
        if value:
            return value
        import getpass
        import sys

        if not sys.stdin.isatty():
            raise IdentityError(
                f"passphrase for examiner '{examiner}' needed: set HAECHI_PASSPHRASE or run from a terminal"
            )
        first = getpass.getpass(f"{'New passphrase' if creating else 'Passphrase'} for {examiner}: ")
        if creating and getpass.getpass("Repeat the passphrase: ") != first:
            raise IdentityError("the two passphrases differ")
        return first


def profile_store() -> ProfileStore:
    return ProfileStore(config_dir() / "examiners")


def examiner_name(given: str | None) -> str:
    name = given or os.environ.get("HAECHI_EXAMINER", "")
    if not name.strip():
        raise IdentityError("name the examiner: --examiner NAME or HAECHI_EXAMINER")
    return name.strip()


def unlock_examiner(name: str, source: PassphraseSource) -> tuple[Examiner, bool]:
    """The unlocked examiner, and whether the profile was created just now (first use here)."""
    store = profile_store()
    created = False
    if not store.exists(name):
        store.create(name, source.passphrase(name, creating=True))
        created = True
    return store.unlock(name, source.passphrase(name, creating=False)), created
