"""The command line as a whole: ``python -m blocs``, the command list, one-line errors."""

from __future__ import annotations

import subprocess
import sys


def test_python_dash_m_blocs_is_the_blocs_command():
    done = subprocess.run(
        [sys.executable, "-m", "blocs", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "assess" in done.stdout and "wedge" in done.stdout
    assert "python -m blocs" in done.stdout


def test_python_dash_m_blocs_reports_errors_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "blocs", "assess", "no-such-scenario"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "no-such-scenario" in done.stderr
