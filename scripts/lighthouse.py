"""Measure the help center as Lighthouse and axe-core see it: scores, violations, foreign hosts.

    .venv/bin/python scripts/lighthouse.py [--lighthouse PATH] [--site-dir DIR] [--runs N]

Builds the help center (or serves an already built DIR) on 127.0.0.1 with site_url set to
that server, as in production, and runs Lighthouse 12 on a home page, an article, a FAQ, a
market page and a page shown in English in Spanish (the fallback), mobile and desktop; then
axe-core on the same pages in light and dark mode. Prints one table: the four Lighthouse
scores per page and form factor, serious or critical axe violations, and requests to any
host but the page's own. Exits 1 where a target is missed: accessibility, best practices and
SEO 100, performance at least 95 on desktop, no serious or critical axe violation, no
foreign request.

Lighthouse is not a dependency of Polyhelp; install it outside the repository (or under a
git-ignored folder) and point at it:

    npm i -E lighthouse@12.2.3            # in a scratch folder, e.g. /tmp/lh
    CHROME_PATH=/usr/bin/chromium .venv/bin/python scripts/lighthouse.py \\
        --lighthouse /tmp/lh/node_modules/.bin/lighthouse

A measurement, not a test: scores move with the machine's load (performance above all).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PAGES = {
    "home": "",
    "article": "returns-refunds/returns/",
    "FAQ": "orders-delivery/faq/",
    "market": "de/markets/at/shipping/",
    "fallback": "es/payment-account/invoices/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100}
DESKTOP_PERFORMANCE = 95
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(site_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def lighthouse(binary: str, url: str, desktop: bool, out: Path) -> dict:
    """One Lighthouse run: the scores (0-100) and the hosts the page requested."""
    command = [
        binary,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if desktop:
        command.append("--preset=desktop")
    environment = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=environment, stdout=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    requests = report["audits"]["network-requests"]["details"]["items"]
    hosts = {urlsplit(item["url"]).netloc for item in requests if item["url"].startswith("http")}
    failed = [
        audit["id"]
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"]
        and (audit := report["audits"][ref["id"]])["score"] not in (None, 1)
        and name != "performance"
    ]
    return {"scores": scores, "hosts": hosts, "failed": failed}


def axe_serious(origin: str, path: str, scheme: str) -> list[str]:
    """Serious or critical axe-core violations of a page in a colour scheme."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{origin}/{path}")
        violations = Axe().run(page).response["violations"]
        browser.close()
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="polyhelp-lighthouse-"))
    server, origin = serve(args.site_dir or work / "site")
    try:
        if args.site_dir is None:
            from polyhelp.site.build import build_site

            print("building the help center...", file=sys.stderr)
            build_site(REPO / "mkdocs.yml", site_dir=work / "site", site_url=f"{origin}/")
        rows, missed = [], []
        for kind, path in PAGES.items():
            url = f"{origin}/{path}"
            axe = {scheme: axe_serious(origin, path, scheme) for scheme in ("light", "dark")}
            for desktop in (False, True):
                form = "desktop" if desktop else "mobile"
                print(f"lighthouse {form} {url}", file=sys.stderr)
                run = lighthouse(args.lighthouse, url, desktop, work / f"{kind}-{form}.json")
                foreign = sorted(run["hosts"] - {urlsplit(origin).netloc})
                rows.append((kind, form, run["scores"], axe, foreign, run["failed"]))
                for name, target in TARGETS.items():
                    if run["scores"][name] < target:
                        missed.append(f"{kind} {form}: {name} {run['scores'][name]}")
                if desktop and run["scores"]["performance"] < DESKTOP_PERFORMANCE:
                    missed.append(f"{kind} desktop: performance {run['scores']['performance']}")
                if foreign:
                    missed.append(f"{kind} {form}: requests to {', '.join(foreign)}")
            for scheme, found in axe.items():
                if found:
                    missed.append(f"{kind} {scheme}: axe {', '.join(found)}")
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    print(
        "| page | form | performance | accessibility | best practices | SEO "
        "| axe serious/critical (light, dark) | other hosts |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for kind, form, scores, axe, foreign, _ in rows:
        print(
            f"| {kind} (/{PAGES[kind]}) | {form} | {scores['performance']} "
            f"| {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} "
            f"| {len(axe['light'])}, {len(axe['dark'])} | {len(foreign)} |"
        )
    failing = sorted({audit for *_, failed in rows for audit in failed})
    if failing:
        print(f"\naudits not passed (outside performance): {', '.join(failing)}")
    if missed:
        print("\ntargets missed:\n  " + "\n  ".join(missed))
        return 1
    print("\nevery target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
