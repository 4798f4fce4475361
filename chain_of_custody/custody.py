"""The custody procedure of an exhibit: the one list of steps, and a state machine replayed from the ledger.

Seizure (or receipt) creates the exhibit; sealing, unsealing, imaging, hash confirmation, transfer,
check-out / check-in, return and disposal follow rules a court expects to see kept.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from chain_of_custody.errors import LedgerRefused
from chain_of_custody.ledger import Event

PREFIX = "custody."
TEXT, YES_NO, EVIDENCE = "text", "yes_no", "evidence"  # how a field is entered


@dataclass(frozen=True)
class StepField:
    """One thing recorded for a step. `label` is English and the label key: the desktop translates it
    (haechi_ko.ts), the report too (app/report/texts_custody.py). `option` is the command line's
    option when it is not --NAME; `help` its help text."""

    name: str  # the key in the event's details
    label: str
    required: bool = False
    kind: str = TEXT
    option: str = ""
    help: str = ""
    answers: tuple[str, str] = ("Yes", "No")  # a yes/no field's two answers in the desktop (label keys)

    @property
    def cli_option(self) -> str:
        return self.option or "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Step:
    """A custody step: its ledger action (custody.NAME), command-line verb, title (a label key), the
    fields an examiner enters, and the details the front ends derive that the step also requires."""

    name: str
    verb: str
    title: str
    help: str
    fields: tuple[StepField, ...]
    derived: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[str, ...]:
        return (*(f.name for f in self.fields if f.required), *self.derived)


_DESCRIPTION = StepField("description", "Description", help="what the exhibit is")
_DEVICE = (
    StepField("make", "Make"),
    StepField("model", "Model"),
    StepField("serial", "Serial number"),
    StepField("capacity", "Capacity"),
)
_AUTHORITY = StepField("authority", "Warrant / authority", help="warrant or authorisation number")
_LOCATION = StepField("location", "Location", help="where")
_SEAL = StepField("seal", "Seal number", required=True, help="seal number")
_TO = StepField("to", "To", required=True, help="person")
_PURPOSE = StepField("purpose", "Purpose")
_STORAGE = StepField("storage", "Storage location", help="storage location")

# The one list of custody steps: the command line, the desktop dialog, the report and the rules read it.
STEP_LIST: tuple[Step, ...] = (
    Step(
        "seized",
        "seize",
        "Seized",
        "record a seizure (creates the exhibit)",
        (
            _DESCRIPTION,
            StepField("seized_from", "Seized from", True, option="--from", help="person it was seized from"),
            StepField("location", "Location", True, help="where"),
            StepField("authority", "Warrant / authority", True, help="warrant or authorisation number"),
            StepField("scope", "Scope of seizure", help="scope of a selective seizure"),
            *_DEVICE,
        ),
    ),
    Step(
        "received",
        "receive",
        "Received",
        "record receipt of an exhibit from another party (creates it)",
        (
            _DESCRIPTION,
            StepField("received_from", "Received from", True, option="--from", help="person or agency"),
            _AUTHORITY,
            *_DEVICE,
        ),
    ),
    Step("sealed", "seal", "Sealed", "record sealing, with the seal number", (_SEAL, _LOCATION)),
    Step(
        "unsealed",
        "unseal",
        "Unsealed",
        "record unsealing: seal number, whether it was intact, who attended",
        (
            _SEAL,
            StepField(
                "seal_intact", "Seal intact", True, YES_NO, "--intact", "yes or no", ("Intact", "Broken")
            ),
            _LOCATION,
        ),
    ),
    Step(
        "imaged",
        "image",
        "Imaged",
        "record imaging: tool, write blocker, source device identifiers",
        (
            StepField("tool", "Imaging tool", True, help="imaging tool and version"),
            StepField("write_blocker", "Write blocker"),
            *_DEVICE,
            StepField("image_file", "Image file"),
        ),
    ),
    Step(
        "hash_confirmed",
        "confirm-hash",
        "Hash confirmed by participant",
        "record that a participant saw and confirmed an image's hashes",
        (
            StepField(
                "evidence",
                "Evidence id of the image",
                kind=EVIDENCE,
                help="evidence id of the imported image",
            ),
            StepField("participant_role", "Participant role", help="e.g. suspect, owner, witness"),
        ),
        derived=("participant", "hashes"),  # the first participant; the image's acquisition hashes
    ),
    Step(
        "transferred",
        "transfer",
        "Transferred",
        "record a transfer to another person or place",
        (StepField("from", "From"), StepField("to", "To", True, help="person or place"), _PURPOSE, _STORAGE),
    ),
    Step(
        "checked_out",
        "check-out",
        "Checked out",
        "record a check-out (to whom, why)",
        (_TO, StepField("purpose", "Purpose", True)),
    ),
    Step(
        "checked_in",
        "check-in",
        "Checked in",
        "record a check-in (where it is stored)",
        (StepField("storage", "Storage location", True, help="storage location"),),
    ),
    Step("returned", "return", "Returned", "record the return of the exhibit (final)", (_TO,)),
    Step(
        "disposed",
        "dispose",
        "Disposed",
        "record disposal (final)",
        (StepField("method", "Method", True, help="how"), _AUTHORITY),
    ),
)
STEPS: dict[str, Step] = {step.name: step for step in STEP_LIST}


@dataclass(frozen=True)
class BrokenSeal:
    """A seal found broken when it was unsealed: a deviation every front end and the report highlight."""

    seal: str
    seq: int  # the custody.unsealed event
    occurred_at: str


def seal_broken(details: dict[str, Any]) -> bool:
    """An unsealing event says the seal was not intact (only an explicit false: a missing answer is
    refused when the step is recorded)."""
    return details.get("seal_intact") is False


@dataclass(frozen=True)
class ExhibitState:
    exhibit: str
    description: str = ""
    seal: str | None = None  # the seal currently on it
    holder: str | None = None
    storage: str | None = None
    checked_out: bool = False
    custodian: str | None = None  # who held it before it was checked out: the holder again at check-in
    broken_seals: tuple[BrokenSeal, ...] = ()
    imaged: int = 0
    hash_confirmations: int = 0
    closed: str | None = None  # returned | disposed
    history: tuple[str, ...] = field(default=())


def _refuse(exhibit: str, message: str) -> LedgerRefused:
    return LedgerRefused(f"exhibit {exhibit}: {message}")


def _check_rules(state: ExhibitState | None, step: str, details: dict[str, Any]) -> None:
    exhibit = str(details.get("exhibit"))
    if step in ("seized", "received"):
        if state is not None:
            raise _refuse(exhibit, f"already in custody (first recorded as {state.history[0]})")
        return
    if state is None:
        raise _refuse(exhibit, "not in custody: record 'seize' or 'receive' first")
    if state.closed:
        raise _refuse(exhibit, f"was {state.closed}; nothing can follow")
    if step == "sealed" and state.seal:
        raise _refuse(exhibit, f"already under seal {state.seal}")
    if step == "unsealed":
        if not state.seal:
            raise _refuse(exhibit, "is not sealed")
        if details.get("seal") and details["seal"] != state.seal:
            raise _refuse(exhibit, f"seal {details['seal']} given, but it is under seal {state.seal}")
    if step == "imaged" and state.seal:
        raise _refuse(exhibit, f"is under seal {state.seal}: unseal it before imaging")
    if step == "hash_confirmed" and not state.imaged:
        raise _refuse(exhibit, "has not been imaged: no hash to confirm")
    if step == "checked_out" and state.checked_out:
        raise _refuse(exhibit, f"is already checked out to {state.holder}")
    if step == "checked_in" and not state.checked_out:
        raise _refuse(exhibit, "is not checked out")


def _apply(state: ExhibitState | None, step: str, event: Event) -> ExhibitState:
    details = event.details
    exhibit = str(details["exhibit"])
    current = state or ExhibitState(exhibit, str(details.get("description", "")))
    current = replace(current, history=(*current.history, step))
    recorder = event.examiner
    if step == "seized":
        return replace(current, holder=details.get("seized_by") or details.get("examiner") or recorder)
    if step == "received":
        return replace(current, holder=details.get("received_by") or recorder)
    if step == "sealed":
        return replace(current, seal=str(details["seal"]))
    if step == "unsealed":
        if seal_broken(details):
            seal = str(details.get("seal") or current.seal)
            broken = BrokenSeal(seal, event.seq, str(details.get("occurred_at") or event.ts_utc))
            return replace(current, seal=None, broken_seals=(*current.broken_seals, broken))
        return replace(current, seal=None)
    if step == "imaged":
        return replace(current, imaged=current.imaged + 1)
    if step == "hash_confirmed":
        return replace(current, hash_confirmations=current.hash_confirmations + 1)
    if step == "transferred":
        return replace(current, holder=str(details["to"]), storage=details.get("storage") or current.storage)
    if step == "checked_out":
        return replace(current, checked_out=True, holder=str(details["to"]), custodian=current.holder)
    if step == "checked_in":
        # back in store: held again by whoever held it before the check-out (else who checked it in)
        holder = current.custodian or recorder
        return replace(
            current, checked_out=False, storage=str(details["storage"]), holder=holder, custodian=None
        )
    return replace(current, closed=step)  # returned | disposed


def replay(events: Iterable[Event]) -> dict[str, ExhibitState]:
    """Every exhibit's state after the custody events recorded so far."""
    states: dict[str, ExhibitState] = {}
    for event in events:
        if event.action.startswith(PREFIX):
            step = event.action[len(PREFIX) :]
            exhibit = str(event.details.get("exhibit"))
            states[exhibit] = _apply(states.get(exhibit), step, event)
    return states


def validate_step(states: dict[str, ExhibitState], step: str, details: dict[str, Any]) -> None:
    """Raise LedgerRefused unless `step` may be recorded now with these details."""
    if step not in STEPS:
        raise LedgerRefused(f"unknown custody step '{step}' (known: {', '.join(STEPS)})")
    exhibit = details.get("exhibit")
    if not exhibit:
        raise LedgerRefused("a custody event needs the exhibit number")
    _check_rules(states.get(str(exhibit)), step, details)  # what did not happen is the clearer reason
    missing = [name for name in STEPS[step].required if details.get(name) in (None, "", [])]
    if missing:
        raise _refuse(str(exhibit), f"'{step}' needs {', '.join(missing)}")
