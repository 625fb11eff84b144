"""The build never goes online, whatever its input: every connection attempt is recorded
by strace, across every process the build starts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import run_tool

pytestmark = pytest.mark.slow

FIXTURE_TABLE = """\
en = { name = "English", english = "English", dir = "ltr", font = "Noto Serif" }
ar = { name = "العربية", english = "Arabic", dir = "rtl", font = "Noto Naskh Arabic" }
"""


def traced_build(root: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run the build under strace; return its result and the trace's lines."""
    log = root / "strace.log"
    strace = ["strace", "-f", "-qq", "-e", "trace=connect,execve", "-e", "signal=none"]
    result = run_tool(root, "tools.build", "--jobs", "2", *args, prefix=[*strace, "-o", str(log)])
    return result, log.read_text(encoding="utf-8").splitlines()


def outbound(trace: list[str]) -> list[str]:
    """Connection attempts to another machine (not local sockets)."""
    return [line for line in trace if "connect(" in line and "AF_UNIX" not in line]


def test_a_build_makes_no_outbound_connection(project_copy):
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    result, trace = traced_build(project_copy)
    assert result.returncode == 0, result.stderr
    # The trace follows the workers and the programs they start (msgfmt, fc-list, git).
    assert any("execve(" in line and "msgfmt" in line for line in trace)
    assert outbound(trace) == []
    assert (project_copy / "build" / "site" / "ar" / "pdf" / "leavex-about-ar.pdf").exists()


def test_a_remote_image_is_refused_and_never_fetched(project_copy):
    (project_copy / "languages.toml").write_text(FIXTURE_TABLE, encoding="utf-8")
    letter = project_copy / "docs" / "letter.md"
    pixel = "https://tracker.example/p.png"
    letter.write_text(
        letter.read_text(encoding="utf-8") + f"\n![A pixel]({pixel})\n", encoding="utf-8"
    )
    result, trace = traced_build(project_copy, "--languages", "en", "--formats", "pdf")
    assert result.returncode == 1
    assert f"en/letter: refused to fetch {pixel}" in result.stderr, result.stderr
    assert outbound(trace) == []
