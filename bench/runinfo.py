"""The line every benchmark table starts with: the command, when, which code, which machine."""

from __future__ import annotations

import multiprocessing
import platform
import sqlite3
import subprocess
from datetime import UTC, datetime


def header(command: str) -> str:
    """``Command: …`` and ``Run: …`` (UTC time, commit, Python, SQLite, system, cores)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return (
        f"Command: `{command}`\n\n"
        f"Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit `{commit}`, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()}, "
        f"{multiprocessing.cpu_count()} cores.\n"
    )
