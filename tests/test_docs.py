"""Docs that cannot drift: every command is in the README, with help text."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ontwar.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = [command.name or command.callback.__name__ for command in app.registered_commands]


def test_every_command_is_documented_in_the_readme():
    assert set(COMMANDS) >= {"recover", "audit", "demo"}
    for name in COMMANDS:
        assert f"`ontwar {name}" in README, name


def test_every_command_has_help():
    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout, name
