"""Chromium for the browser tests of this folder: one browser per module, a fresh context per
test (desktop `page` or `phone`), and every URL it requested (`requests_seen`)."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium itself calls Google services at start; the page did not.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: run 'sh scripts/setup.sh --test'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def requests_seen(browser):
    """Every URL the page (and its workers) requested."""
    return []


def _open(browser, requests_seen, **context_options):
    context = browser.new_context(**context_options)
    context.on("request", lambda request: requests_seen.append(request.url))
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser, requests_seen) -> Page:
    context, page = _open(browser, requests_seen, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone(browser, requests_seen) -> Page:
    context, page = _open(
        browser,
        requests_seen,
        viewport={"width": 375, "height": 812},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    context.close()
