"""PDFs are made reproducible after LibreOffice writes them: only the conversion time and the identifiers
derived from it differ between two runs, and they are replaced without moving any byte offset."""
from __future__ import annotations

from pathlib import Path

from aftersales_std.render.pdf import reproducible

BODY = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"


def _pdf(when: bytes, ident: bytes, check: bytes, body: bytes = BODY) -> bytes:
    return (body + b"2 0 obj<</Creator<FEFF0057>/CreationDate(D:" + when + b"Z')>>endobj\n"
            + b"trailer\n<</Size 3/Root 1 0 R\n/ID [ <" + ident + b">\n<" + ident + b"> ]\n/DocChecksum /"
            + check + b"\n>>\nstartxref\n9\n%%EOF\n")


def test_two_conversions_give_the_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(_pdf(b"20261207044230", b"04647B926C481A6DF33996196E4BAFF2", b"81DD839B08F613EDA0B968B695DF3746"))
    b.write_bytes(_pdf(b"20261207044243", b"A05452F03895D59DFEAF94A3E08E7EDC", b"6CCA4C802420C8D0B698672A4ACF62CF"))
    before = len(a.read_bytes())
    reproducible(a)
    reproducible(b)
    assert a.read_bytes() == b.read_bytes()
    assert len(a.read_bytes()) == before  # offsets in the cross-reference table stay right
    assert b"D:20000101000000Z'" in a.read_bytes()


def test_different_content_gives_different_identifiers(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(_pdf(b"20261207044230", b"0" * 32, b"1" * 32))
    b.write_bytes(_pdf(b"20261207044230", b"0" * 32, b"1" * 32, body=BODY.replace(b"Catalog", b"Katalog")))
    reproducible(a)
    reproducible(b)
    ident = lambda data: data.split(b"/ID [ <")[1][:32]  # noqa: E731
    assert ident(a.read_bytes()) != ident(b.read_bytes())


def test_source_date_epoch_sets_the_creation_time(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01 00:00 UTC
    a = tmp_path / "a.pdf"
    a.write_bytes(_pdf(b"20261207044230", b"0" * 32, b"1" * 32))
    reproducible(a)
    assert b"D:20251201000000Z'" in a.read_bytes()
