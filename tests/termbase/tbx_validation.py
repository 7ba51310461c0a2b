"""Validation of TBX against the official LTAC-Global schemas kept in tests/fixtures/termbase/ltac.

TBXcoreStructV03.rng (the TBX core structure, RelaxNG) is used as published. TBX-Basic_DCA.sch is
ISO Schematron with queryBinding="xslt2"; libxslt (lxml) runs XSLT 1.0, so two XPath 2.0 spellings
are rewritten to their XPath 1.0 equivalents before compiling: `matches(@target,'https?://.+')` and
`./local-name()` (a path step calling a function). Nothing else of the rules changes.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

LTAC = Path(__file__).resolve().parents[1] / "fixtures" / "termbase" / "ltac"


@cache
def core() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(LTAC / "TBXcoreStructV03.rng")))


@cache
def basic() -> isoschematron.Schematron:
    text = (LTAC / "TBX-Basic_DCA.sch").read_text("utf-8-sig")
    text = text.replace('queryBinding="xslt2"', 'queryBinding="xslt"')
    text = text.replace("matches(@target,'https?://.+')",
                        "(starts-with(@target,'http://') or starts-with(@target,'https://'))")
    text = text.replace("contains(./local-name(),'Grp')", "contains(local-name(),'Grp')")
    text = text.replace("not(./local-name() = 'transacGrp')", "not(local-name() = 'transacGrp')")
    assert "matches(" not in text and "./local-name()" not in text
    return isoschematron.Schematron(etree.fromstring(text.encode("utf-8")), store_report=True)


def problems(data: bytes) -> list[str]:
    """Messages of both schemas; empty when the TBX is valid TBX-Basic."""
    doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    out: list[str] = []
    if not core().validate(doc):
        out += [f"core:{e.line}: {e.message}" for e in core().error_log]
    if not basic().validate(doc):
        report = basic().validation_report
        for failed in report.iter("{http://purl.oclc.org/dsdl/svrl}failed-assert"):
            text = "".join(failed.itertext()).strip()
            out.append(f"basic: {failed.get('location')}: {text}")
    return out
