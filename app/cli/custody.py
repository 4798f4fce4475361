"""`haechi custody CASE STEP EXHIBIT ...`: the custody procedure from the command line."""

import argparse
from collections.abc import Callable
from typing import Any

from app.cases.session import CaseSession
from app.cases.settings import load_settings
from app.custody.steps import exhibits, hashes_for_confirmation, occurred_at
from chain_of_custody.case_db import CaseDatabase

# CLI verb -> (ledger step, help)
VERBS: dict[str, tuple[str, str]] = {
    "seize": ("seized", "record a seizure (creates the exhibit)"),
    "receive": ("received", "record receipt of an exhibit from another party (creates it)"),
    "seal": ("sealed", "record sealing, with the seal number"),
    "unseal": ("unsealed", "record unsealing: seal number, whether it was intact, who attended"),
    "image": ("imaged", "record imaging: tool, write blocker, source device identifiers"),
    "confirm-hash": ("hash_confirmed", "record that a participant saw and confirmed an image's hashes"),
    "transfer": ("transferred", "record a transfer to another person or place"),
    "check-out": ("checked_out", "record a check-out (to whom, why)"),
    "check-in": ("checked_in", "record a check-in (where it is stored)"),
    "return": ("returned", "record the return of the exhibit (final)"),
    "dispose": ("disposed", "record disposal (final)"),
}

_OPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "seize": (
        ("--description", "what the exhibit is"),
        ("--from", "person it was seized from"),
        ("--location", "where"),
        ("--authority", "warrant or authorisation number"),
        ("--scope", "scope of a selective seizure"),
        ("--make", ""),
        ("--model", ""),
        ("--serial", ""),
        ("--capacity", ""),
    ),
    "receive": (
        ("--description", ""),
        ("--from", "person or agency"),
        ("--authority", ""),
        ("--make", ""),
        ("--model", ""),
        ("--serial", ""),
        ("--capacity", ""),
    ),
    "seal": (("--seal", "seal number"), ("--location", "")),
    "unseal": (("--seal", "seal number"), ("--intact", "yes or no"), ("--location", "")),
    "image": (
        ("--tool", "imaging tool and version"),
        ("--write-blocker", ""),
        ("--make", ""),
        ("--model", ""),
        ("--serial", ""),
        ("--capacity", ""),
        ("--image-file", ""),
    ),
    "confirm-hash": (
        ("--evidence", "evidence id of the imported image"),
        ("--participant-role", "e.g. suspect, owner, witness"),
    ),
    "transfer": (("--from", ""), ("--to", "person or place"), ("--purpose", ""), ("--storage", "")),
    "check-out": (("--to", "person"), ("--purpose", "")),
    "check-in": (("--storage", "storage location"),),
    "return": (("--to", "person"),),
    "dispose": (("--method", "how"), ("--authority", "")),
}

_FIELD_NAMES = {
    "from": {"seize": "seized_from", "receive": "received_from", "transfer": "from"},
    "intact": {"unseal": "seal_intact"},
}


def _field(verb: str, option: str) -> str:
    name = option.lstrip("-").replace("-", "_")
    return _FIELD_NAMES.get(name, {}).get(verb, name)


def add_custody_commands(
    commands: Any,
    with_examiner: Callable[[argparse.ArgumentParser], None],
    handler: Callable[[argparse.Namespace], int],
) -> None:
    custody = commands.add_parser("custody", help="record or show the custody procedure of exhibits")
    custody.add_argument("case", metavar="CASE_DIR")
    steps = custody.add_subparsers(dest="verb", required=True, metavar="STEP")
    status = steps.add_parser("status", help="where every exhibit stands")
    status.add_argument("exhibit", nargs="?")
    status.set_defaults(func=handler)
    for verb, (_, help_text) in VERBS.items():
        parser = steps.add_parser(verb, help=help_text)
        parser.add_argument("exhibit", metavar="EXHIBIT", help="exhibit number, e.g. TVBOX-01")
        for option, option_help in _OPTIONS[verb]:
            parser.add_argument(option, dest=_field(verb, option), help=option_help or None)
        parser.add_argument(
            "--participant", action="append", default=[], help="a person present (repeat for each)"
        )
        parser.add_argument("--at", help="when it happened (ISO-8601; default now)")
        parser.add_argument("--note")
        with_examiner(parser)
        parser.set_defaults(func=handler)


def custody_details(session: CaseSession, args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    step = VERBS[args.verb][0]
    fields = {
        _field(args.verb, option): getattr(args, _field(args.verb, option))
        for option, _ in _OPTIONS[args.verb]
    }
    if "seal_intact" in fields and fields["seal_intact"] is not None:
        fields["seal_intact"] = str(fields["seal_intact"]).lower() in ("yes", "y", "true", "1")
    details: dict[str, Any] = {
        "exhibit": args.exhibit,
        **fields,
        "participants": args.participant,
        "occurred_at": occurred_at(args.at, load_settings().zone()),
        "note": args.note,
    }
    if step == "hash_confirmed":
        details["participant"] = args.participant[0] if args.participant else None
        if fields.get("evidence"):
            details["evidence_id"] = int(fields.pop("evidence"))
            details.pop("evidence", None)
            details["hashes"] = hashes_for_confirmation(session, details["evidence_id"], args.exhibit)
    return step, details


def print_status(db: CaseDatabase, exhibit: str | None) -> None:
    for name, state in sorted(exhibits(db).items()):
        if exhibit and name != exhibit:
            continue
        where = "checked out" if state.checked_out else (state.storage or "-")
        print(
            f"{name}\t{state.closed or ('sealed ' + state.seal if state.seal else 'unsealed')}\t"
            f"holder: {state.holder or '-'}\tlocation: {where}\timaged: {state.imaged}\t"
            f"hash confirmations: {state.hash_confirmations}\tsteps: {' > '.join(state.history)}"
        )
