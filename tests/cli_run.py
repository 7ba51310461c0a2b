"""Run the `aftersales` command in-process and capture what it prints (shared by the CLI tests)."""
from __future__ import annotations

import pytest

from aftersales_std.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `aftersales ARGV...`."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
