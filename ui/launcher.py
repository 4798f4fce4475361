"""`haechi`: with a command, the headless CLI; with none or a case folder, the desktop application."""

import argparse
import os
import sys
from pathlib import Path


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


NO_DISPLAY = """haechi: no display found, so the desktop application cannot open.
Run it headless instead, for example:
  haechi case new CASE_DIR --number 2026-001 --title "Seized TV box" --examiner NAME
  haechi evidence add CASE_DIR IMAGE.E01 --json
  haechi files CASE_DIR --format jsonl
  haechi ledger CASE_DIR --verify
(`haechi --help` lists every command.) To see the window on a machine without a screen,
run it under a virtual display: xvfb-run -a haechi"""


def command_names() -> frozenset[str]:
    """The command line's first words (case, evidence, files...), read from its parser."""
    from app.cli.main import build_parser  # the CLI's imports are only paid for when it runs

    return frozenset(
        name
        for action in build_parser()._actions  # argparse lists subcommands nowhere public
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    )


def case_folder(args: list[str]) -> Path | None:
    """`haechi CASE_DIR`: the one argument is a case folder, not a command, so the desktop opens it
    (as a document opens its program). A folder named like a command runs the command; `./case` opens."""
    if len(args) != 1 or args[0].startswith("-") or args[0] in command_names():
        return None
    folder = Path(args[0])
    return folder if (folder / "case.sqlite").is_file() else None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = case_folder(args)
    if args and folder is None:
        from app.cli.main import run

        try:
            return run(args)
        except BrokenPipeError:  # output piped into `head` and the like
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    if not _has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from ui.application import run_gui

    return run_gui(folder)


if __name__ == "__main__":
    sys.exit(main())
