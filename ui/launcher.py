"""`haechi`: with a command, the headless CLI; with none, the desktop application."""

import os
import sys


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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args:
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

    return run_gui()


if __name__ == "__main__":
    sys.exit(main())
