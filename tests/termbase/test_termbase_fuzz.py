"""Hypothesis on the importers: any bytes give entries or ImportProblems, never another exception;
any cell text survives the CSV escape for Excel (issue 18, point 6, import part)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftersales_std.termbase.csvio import _cell, _uncell, read_csv
from aftersales_std.termbase.entry import ImportProblems, printable
from aftersales_std.termbase.tbxread import read_tbx

HEADER = "id,lang,designation,term_status\r\n"
TBX_HEAD = '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="first-response">'


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["", HEADER, "\ufeff" + HEADER]))
def test_csv_bytes_never_crash(data: bytes, head: str) -> None:
    try:
        reading = read_csv(head.encode("utf-8") + data, "fuzz.csv")
    except ImportProblems as exc:
        assert exc.problems and all(p.startswith("fuzz.csv:") for p in exc.problems)
    else:
        assert all(p.startswith("fuzz.csv:") for p in reading.problems)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=200), st.sampled_from(["utf-8", "utf-16"]))
def test_tbx_text_never_crashes(body: str, codec: str) -> None:
    data = (f'<?xml version="1.0" encoding="{codec}"?>' + TBX_HEAD + body + "</conceptEntry></body></text></tbx>")
    try:
        reading = read_tbx(data.encode(codec, "surrogatepass"), "fuzz.tbx")
    except ImportProblems as exc:
        assert exc.problems and all(p.startswith("fuzz.tbx:") for p in exc.problems)
    else:
        for entry in reading.entries:
            for items in entry.fields["terms"].values():
                assert all(printable(d["designation"]) == d["designation"] for d in items)


@given(st.text(max_size=30))
def test_every_cell_survives_the_excel_escape(text: str) -> None:
    assert _uncell(_cell(text)) == text
    assert not _cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text(max_size=60))
def test_printable_never_lets_control_characters_through(text: str) -> None:
    shown = printable(text)
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in shown)
    assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) <= 0x9f for c in printable(text, lines=True))
