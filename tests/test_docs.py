"""Every command of the CLI is documented in the README (a new command without docs fails here)."""

import argparse
from pathlib import Path

from app.cli.main import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "haechi") -> list[str]:
    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                command = f"{prefix} {name}"
                nested = _commands(sub, command)
                found.extend(nested or [command])
    return found


def test_every_command_is_in_the_readme() -> None:
    commands = _commands(build_parser())
    assert "haechi case new" in commands and "haechi evidence add" in commands
    custody_steps = [c for c in commands if c.startswith("haechi custody ")]
    undocumented = [c for c in commands if c not in custody_steps and c not in README]
    assert not undocumented, f"commands missing from README.md: {undocumented}"
    missing_steps = [step for step in custody_steps if f"`{step.split()[-1]}`" not in README]
    assert not missing_steps, f"custody steps missing from README.md: {missing_steps}"
