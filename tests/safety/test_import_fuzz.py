"""Importers fuzzed through the CLI only (their code belongs to the exchange work): any bytes give exit 0
or 2 with a message, never a traceback, and a refused import writes nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std.cli import main

HEADER = "id,status,domain,zh-Hans,zh-Hant,en,definition.zh-Hans,definition.en\n"
CELLS = st.sampled_from(["onsite-service", "new-term", "x" * 300, "valid", "维修", "上门服务", "=cmd|' /C calc'!A0",
                         "'+1 reply", "\x00", "\x1b[31m", "a\nb", '"', ",", "", "\ud800".encode("utf-8", "surrogatepass")
                         .decode("latin-1"), "<script>", "-", "A" * 2000])
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=10), max_size=6)
TBX = st.sampled_from([
    b"<?xml version='1.0'?><tbx/>",
    b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><tbx>&b;</tbx>",
    "<?xml version='1.0' encoding='utf-16'?><tbx></tbx>".encode("utf-16"),
    b"<tbx>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</tbx>",
    b"\xff\xfe\x00garbage", b"", b"<tbx xmlns='urn:iso:std:iso:30042:ed-2'><text><body></body></text></tbx>",
])


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / "glossary" / "concepts").iterdir()}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, header=st.booleans())
def test_fuzzed_csv_import(project: Path, capsys: pytest.CaptureFixture[str], rows: list[list[str]],
                           header: bool) -> None:
    body = (HEADER if header else "") + "\n".join(",".join(
        '"' + c.replace('"', '""') + '"' if any(x in c for x in ',"\n') else c for c in row) for row in rows)
    source = project / "in.csv"
    source.write_text(body, encoding="utf-8", errors="surrogatepass")
    before = snapshot(project)
    code, text = run(capsys, "glossary", "import", str(source), "--dry-run")
    assert code in (0, 2), text
    assert "Traceback" not in text and "internal error" not in text
    assert snapshot(project) == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=TBX)
def test_fuzzed_tbx_import(project: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    source = project / "in.tbx"
    source.write_bytes(data)
    before = snapshot(project)
    code, text = run(capsys, "glossary", "import", str(source))
    assert code in (0, 2), text
    assert "Traceback" not in text and "internal error" not in text
    if code == 2:
        assert snapshot(project) == before
