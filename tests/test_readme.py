"""README's two set-up commands are the ones CI runs."""
from __future__ import annotations

import re

from repo_paths import REPO


def test_ci_runs_readme_test_command_verbatim() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", readme)
    assert len(commands) == 2, commands
    install_and_build, install_and_test = commands
    assert "aftersales build" in install_and_build and "pytest" in install_and_test
    assert install_and_test in (REPO / ".ci" / "run").read_text(encoding="utf-8")
