"""`haechi custody CASE STEP EXHIBIT ...`: the custody procedure from the command line."""

import argparse
from collections.abc import Callable
from typing import Any

from app.cases.session import CaseSession
from app.custody.steps import EVIDENCE, STEP_LIST, YES_NO, Step, exhibits, step_details
from chain_of_custody.case_db import CaseDatabase

# CLI verb -> its step, from the one list of custody steps
VERBS: dict[str, Step] = {step.verb: step for step in STEP_LIST}


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
    for verb, step in VERBS.items():
        parser = steps.add_parser(verb, help=step.help)
        parser.add_argument("exhibit", metavar="EXHIBIT", help="exhibit number, e.g. TVBOX-01")
        for entry in step.fields:
            kind = int if entry.kind == EVIDENCE else str
            choices = ("yes", "no") if entry.kind == YES_NO else None  # a seal's state: said, never guessed
            parser.add_argument(
                entry.cli_option, dest=entry.name, type=kind, choices=choices, help=entry.help or None
            )
        parser.add_argument(
            "--participant", action="append", default=[], help="a person present (repeat for each)"
        )
        parser.add_argument("--at", help="when it happened (ISO-8601; default now)")
        parser.add_argument("--note")
        with_examiner(parser)
        parser.set_defaults(func=handler)


def custody_details(session: CaseSession, args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    step = VERBS[args.verb]
    entered = {entry.name: getattr(args, entry.name) for entry in step.fields}
    entered["exhibit"] = args.exhibit
    return step.name, step_details(session, step, entered, args.participant, args.at, args.note)


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
        for broken in state.broken_seals:  # a deviation: its own line, marked, never only in the details
            print(
                f"{name}\t!! DEVIATION: seal {broken.seal} was found BROKEN when unsealed "
                f"(ledger event {broken.seq}, {broken.occurred_at})"
            )
