from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aftersales_std import schema
from aftersales_std.cli import main


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    assert main([]) == 2


def test_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out


@pytest.mark.parametrize("kind", sorted(schema.KINDS))
def test_schema_prints_valid_json_schema(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    assert main(["schema", kind]) == 0
    printed = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_export(tmp_path: Path) -> None:
    assert main(["schema", "--export", str(tmp_path / "s")]) == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(f"{k}.schema.json" for k in schema.KINDS)


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "aftersales_std", "schema", "--list"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "concept" in result.stdout


def test_internal_error_is_exit_3_without_traceback(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from aftersales_std.commands import validate

    def boom(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate, "run", boom)
    assert main(["validate"]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err
