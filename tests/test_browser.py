"""A reader in a real headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
from pathlib import Path

import pytest

from articles.importer import import_paths

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
DEMO = Path(__file__).resolve().parent.parent / "articles" / "demo"

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
    pytest.mark.browser,
]

XSS = """---
title: "XSS <script>window.__pwned = 'title'</script>"
description: "<img src=x onerror=\\"window.__pwned='description'\\">"
tags: ["<script>window.__pwned='tag'</script>"]
guests: ["<img src=x onerror=window.__pwned='guest'>"]
show: 測試播客
---

## 標題 <script>window.__pwned = 'heading'</script>

<script>window.__pwned = 'script'</script>

<img src="x" onerror="window.__pwned = 'onerror'">

[click me](javascript:window.__pwned='link')
<iframe src="javascript:parent.__pwned='iframe'"></iframe>

他說：「<svg onload="window.__pwned='quote'">這是一段夠長的引用句子。」
"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the live server's ORM calls are fine.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(transactional_db, live_server, tmp_path):
    (tmp_path / "xss.md").write_text(XSS, encoding="utf-8")
    report = import_paths([DEMO, tmp_path / "xss.md"])
    assert report.ok, [r.line() for r in report.results]
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_reader_follows_a_thread(page, site):
    page.goto(site + "/")
    shoot(page, "home-desktop")
    page.get_by_role("link", name="燈塔電台：林語晨談 AI 助理的記憶設計").first.click()
    page.wait_for_url("**/articles/lighthouse-memory-design/")
    shoot(page, "article-desktop")
    page.locator(".toc a", has_text="策略三").click()
    assert page.url.endswith("#策略三忘記也是一種能力") or "%E7%AD%96" in page.url
    section = page.locator("section.section-strategy").nth(2)
    assert section.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= -2 && r.top < innerHeight; }"
    )
    page.locator(".episode-card a", has_text="林語晨").click()
    page.wait_for_url("**/speakers/**")
    assert page.locator("h1").inner_text() == "林語晨"
    assert page.locator("svg.timeline circle").count() == 1
    shoot(page, "speaker-desktop")
    page.get_by_role("link", name="前後文").first.click()
    page.wait_for_url("**/articles/lighthouse-memory-design/#*")
    assert page.locator("h1").inner_text() == "燈塔電台：林語晨談 AI 助理的記憶設計"


def test_language_switcher(page, site):
    page.goto(site + "/")
    assert page.locator("#latest").inner_text() == "最新文章"
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="切換").click()
    page.wait_for_load_state()
    assert page.locator("#latest").inner_text() == "Latest write-ups"


@pytest.mark.parametrize("path", ["/", "/articles/lighthouse-memory-design/", "/speakers/林語晨/",
                                  "/articles/", "/quotes/"])  # fmt: skip
def test_nothing_overflows_on_a_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-TW")
    page = context.new_page()
    page.goto(site + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    name = {"/": "home", "/articles/lighthouse-memory-design/": "article"}.get(path)
    if name or path.startswith("/speakers/"):
        shoot(page, f"{name or 'speaker'}-phone")
    context.close()
    assert width <= 375, f"{path} is {width}px wide"


def test_hostile_write_up_runs_nothing(page, site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/articles/xss/", "/", "/articles/", "/quotes/", "/feed/"):
        page.goto(site + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
    for link in page.goto(site + "/articles/xss/") and page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:"), href
    assert page.locator("iframe").count() == 0
    assert dialogs == []
