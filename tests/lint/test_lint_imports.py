"""What a lint run imports: with a warm cache, not the training tools, the rule-file readers or the
document builders (startup time is most of a one-file lint in a hook or an editor)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from repo_paths import REPO

PROBE = """
import json, sys
from aftersales_std.cli import main
code = main(["lint", "--project", sys.argv[1], "--format", "json", sys.argv[2]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
NOT_ON_THE_LINT_PATH = ("aftersales_std.lint_tools", "aftersales_std.lint_tools.train", "aftersales_std.assemble",
                        "aftersales_std.render", "aftersales_std.validate", "aftersales_std.commands.build",
                        "aftersales_std.sitegen", "pypinyin", "sklearn", "docx",
                        # with the checked configuration and the fold tables in the cache (lint/rules/cache.py):
                        # no YAML reader, no jsonschema, no OpenCC, no content model
                        "yaml", "jsonschema", "opencc", "aftersales_std.schema", "aftersales_std.loading",
                        "aftersales_std.model",
                        # only for --jobs, JSONL input and large JSON reports
                        "multiprocessing", "aftersales_std.lint.sources.jsonl", "orjson")


def _run(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    reply = tmp_path / "reply.md"
    reply.write_text("我们会尽快处理您的问题。\n", encoding="utf-8")
    env = dict(os.environ, AFTERSALES_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("AFTERSALES_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", PROBE, str(REPO), str(reply)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_warm_lint_run_imports_only_the_lint_path(tmp_path: Path) -> None:
    cold = _run(tmp_path)
    warm = _run(tmp_path)
    assert cold["code"] == warm["code"] == 1  # TF01 found both times
    loaded = [m for m in warm["modules"] if m.startswith(NOT_ON_THE_LINT_PATH)]
    assert loaded == []
    assert "aftersales_std.lint.rules.cache" in warm["modules"]
    assert not [m for m in cold["modules"] if m.startswith(("aftersales_std.lint_tools", "sklearn"))]
