"""Run the agent-style query set (search_queries.tsv) against a built site in Chromium and count hits.

Used by test_site_search_quality.py and runnable by hand to measure a build:
    python tests/site/search_runner.py build/site [--phone] [--show-misses]
Each query is entered the way an IME or a paste enters text (one `input` event, no key press) unless
`keys=True`, where it is typed key by key; the result list is read once it stops changing.
"""
from __future__ import annotations

import argparse
import functools
import io
import http.server
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

QUERIES = Path(__file__).with_name("search_queries.tsv")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple[str, ...]
    kind: str


def load_queries(path: Path = QUERIES) -> list[Query]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected, kind = line.split("\t")
        out.append(Query(text, tuple(expected.split("|")), kind))
    return out


class _Plain(http.server.SimpleHTTPRequestHandler):
    """A static server that sends files as they are (`python -m http.server`: no compression), quietly."""

    def log_message(self, *args: object) -> None:
        pass  # no request log in the test output


class _Quiet(_Plain):
    """A static server that sends the build's precompressed .gz files, as nginx gzip_static does."""

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        gz = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not gz.is_file():
            return super().send_head()
        data = gz.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def serve(site: Path, compressed: bool = True) -> Iterator[str]:
    """The built site from a local server; `compressed=False` sends no .gz files (a plain server)."""
    handler = _Quiet if compressed else _Plain
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def concept_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    out = []
    for href in hrefs:
        parts = urlsplit(href).path.strip("/").split("/")
        out.append(parts[-1] if len(parts) >= 2 and parts[-2] == "concepts" else "/".join(parts))
    return out


def open_search(page, phone: bool) -> None:  # type: ignore[no-untyped-def]
    if phone:
        page.click('label.md-header__button[for="__search"]')
    page.locator("input.md-search__input").click()


def enter(page, text: str, keys: bool = False) -> list[str]:  # type: ignore[no-untyped-def]
    """Replace the query with `text`; the concept ids of the results, best first, once stable."""
    field = page.locator("input.md-search__input")
    field.fill("")
    field.press("End")
    if keys:
        field.press_sequentially(text)
    else:
        page.keyboard.insert_text(text)  # what an IME commit or a paste does: `input`, no keyup
    return results_once_stable(page)


def results_once_stable(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The result list's concept ids once two polls in a row agree (at most 8 s)."""
    last: list[str] | None = None
    stable = 0
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline:
        page.wait_for_timeout(120)
        now = concept_ids(page)
        if now and now == last:
            stable += 1
            if stable >= 2:
                return now
        else:
            stable = 0
        last = now
    return last or []


def run(browser, base_url: str, queries: list[Query], phone: bool = False, keys: bool = False  # type: ignore[no-untyped-def]
        ) -> dict[str, object]:
    page = browser.new_page(viewport=PHONE if phone else DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "concepts/return/")
    open_search(page, phone)
    first: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for q in queries:
        ids = enter(page, q.text, keys)
        top1 = bool(ids) and ids[0] in q.expected
        top5 = any(i in q.expected for i in ids[:5])
        for key in (q.kind, "all"):
            first[key][0] += top1
            first[key][1] += top5
            first[key][2] += 1
        if not top1:
            misses.append((q, ids[:5]))
    page.close()
    return {"rates": dict(first), "misses": misses, "errors": errors}


def report(result: dict[str, object]) -> str:
    lines = []
    for kind, (one, five, n) in sorted(result["rates"].items(), key=lambda kv: kv[0] != "all"):  # type: ignore[union-attr]
        lines.append(f"{kind:12} first {one}/{n} = {one / n:.1%}   top five {five}/{n} = {five / n:.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--phone", action="store_true")
    ap.add_argument("--keys", action="store_true", help="type key by key instead of one input event")
    ap.add_argument("--fill", action="store_true", help="fill() and press End (what the old tests did)")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--queries", type=Path, default=QUERIES, help="another query file of the same shape")
    args = ap.parse_args(argv)
    queries = load_queries(args.queries)
    with serve(args.site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        if args.fill:
            global enter

            def enter(page, text, keys=False):  # type: ignore[no-redef,no-untyped-def]
                return _fill(page, text)
        result = run(browser, url, queries, phone=args.phone, keys=args.keys)
        browser.close()
    print(report(result))
    if args.show_misses:
        for q, ids in result["misses"]:  # type: ignore[union-attr]
            print(f"  miss [{q.kind}] {q.text} -> want {'|'.join(q.expected)}, got {ids}")
    if result["errors"]:
        print("page errors:", result["errors"])
    return 0


def _fill(page, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    field = page.locator("input.md-search__input")
    field.fill(text)
    field.press("End")
    return results_once_stable(page)


if __name__ == "__main__":
    sys.exit(main())
