"""The custody procedure of a physical exhibit, as a state machine replayed from the ledger.

Seizure (or receipt) creates the exhibit; sealing, unsealing, imaging, hash confirmation, transfer,
check-out / check-in, return and disposal follow rules a court expects to see kept.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from chain_of_custody.errors import LedgerRefused
from chain_of_custody.ledger import Event

PREFIX = "custody."
# step -> fields it requires (others are optional)
STEPS: dict[str, tuple[str, ...]] = {
    "seized": ("seized_from", "location", "authority"),
    "received": ("received_from",),
    "sealed": ("seal",),
    "unsealed": ("seal", "seal_intact"),
    "imaged": ("tool",),
    "hash_confirmed": ("participant", "hashes"),
    "transferred": ("to",),
    "checked_out": ("to", "purpose"),
    "checked_in": ("storage",),
    "returned": ("to",),
    "disposed": ("method",),
}


@dataclass(frozen=True)
class ExhibitState:
    exhibit: str
    description: str = ""
    seal: str | None = None  # the seal currently on it
    holder: str | None = None
    storage: str | None = None
    checked_out: bool = False
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


def _apply(state: ExhibitState | None, step: str, details: dict[str, Any]) -> ExhibitState:
    exhibit = str(details["exhibit"])
    current = state or ExhibitState(exhibit, str(details.get("description", "")))
    current = replace(current, history=(*current.history, step))
    if step == "seized":
        return replace(current, holder=details.get("seized_by") or details.get("examiner"))
    if step == "received":
        return replace(current, holder=details.get("received_by"))
    if step == "sealed":
        return replace(current, seal=str(details["seal"]))
    if step == "unsealed":
        return replace(current, seal=None)
    if step == "imaged":
        return replace(current, imaged=current.imaged + 1)
    if step == "hash_confirmed":
        return replace(current, hash_confirmations=current.hash_confirmations + 1)
    if step == "transferred":
        return replace(current, holder=str(details["to"]), storage=details.get("storage") or current.storage)
    if step == "checked_out":
        return replace(current, checked_out=True, holder=str(details["to"]))
    if step == "checked_in":
        return replace(current, checked_out=False, storage=str(details["storage"]))
    return replace(current, closed=step)  # returned | disposed


def replay(events: Iterable[Event]) -> dict[str, ExhibitState]:
    """Every exhibit's state after the custody events recorded so far."""
    states: dict[str, ExhibitState] = {}
    for event in events:
        if event.action.startswith(PREFIX):
            step = event.action[len(PREFIX) :]
            exhibit = str(event.details.get("exhibit"))
            states[exhibit] = _apply(states.get(exhibit), step, event.details)
    return states


def validate_step(states: dict[str, ExhibitState], step: str, details: dict[str, Any]) -> None:
    """Raise LedgerRefused unless `step` may be recorded now with these details."""
    if step not in STEPS:
        raise LedgerRefused(f"unknown custody step '{step}' (known: {', '.join(STEPS)})")
    exhibit = details.get("exhibit")
    if not exhibit:
        raise LedgerRefused("a custody event needs the exhibit number")
    _check_rules(states.get(str(exhibit)), step, details)  # what did not happen is the clearer reason
    missing = [name for name in STEPS[step] if details.get(name) in (None, "", [])]
    if missing:
        raise _refuse(str(exhibit), f"'{step}' needs {', '.join(missing)}")
