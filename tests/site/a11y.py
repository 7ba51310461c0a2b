"""axe-core (npm, tests/site/axe) injected into pages of the built site with Playwright."""
from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).with_name("axe") / "node_modules" / "axe-core" / "axe.min.js"
# One page of every kind the site has.
PAGES = ["", "concepts/three-guarantees/", "concepts/after-sales-warranty/", "terms/", "domains/", "standards/",
         "standards/returns-refunds/", "rules/", "changelog/", "changelog/en/", "downloads/", "404.html"]


def axe_findings(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """axe's violations of the given impacts on the page as it is now: [{id, impact, help, targets}]."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))""")
    return [v for v in result if v["impact"] in impacts]
