"""A reader in a real headless Chromium (Debian's package, driven by Playwright)."""

from pathlib import Path

import pytest

from articles.importer import import_paths
from tests.conftest import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "screenshots"
DEMO = ROOT / "articles" / "demo"
# axe-core from npm, installed by `make axe` (make test does it) into the git-ignored .axe/.
AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
# The browser's language picks the interface: these are what a reader's browser sends.
BROWSER_LOCALES = {"zh-Hant": "zh-TW", "zh-Hans": "zh-CN", "en": "en-US"}

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


@pytest.fixture
def site(transactional_db, live_server, tmp_path):
    (tmp_path / "xss.md").write_text(XSS, encoding="utf-8")
    report = import_paths([DEMO, tmp_path / "xss.md"])
    assert report.ok, [r.line() for r in report.results]
    return live_server.url


def page_types() -> dict[str, str]:
    """One URL of every kind of public page, from the demo write-ups."""
    from taggit.models import Tag

    from articles.models import Category, Quote

    quote = Quote.objects.published().spoken().exclude(speaker=None).order_by("pk").first()
    return {
        "home": "/",
        "list": "/articles/?show=燈塔電台",
        "write-up": "/articles/lighthouse-memory-design/",
        "speaker": "/speakers/林語晨/",
        "show": "/shows/燈塔電台/",
        "quotes": "/quotes/",
        "quote": quote.get_absolute_url(),
        "search": "/search/?q=記憶",
        "tag": Tag.objects.order_by("pk").first().get_absolute_url()
        if hasattr(Tag, "get_absolute_url")
        else f"/tags/{Tag.objects.order_by('pk').first().slug}/",
        "category": Category.objects.order_by("pk").first().get_absolute_url(),
        "archive": "/archive/",
        "year": "/archive/2026/",
        "not-found": "/no-such-page/",
    }


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-TW")
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name):
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def test_a_reader_follows_a_thread(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="燈塔電台：林語晨談 AI 助理的記憶設計").first.click()
    page.wait_for_url("**/articles/lighthouse-memory-design/")
    page.locator(".toc a", has_text="策略三").click()
    assert page.url.endswith("#策略三忘記也是一種能力") or "%E7%AD%96" in page.url
    section = page.locator("section.section-strategy").nth(2)
    assert section.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= -2 && r.top < innerHeight; }"
    )
    page.locator(".episode-card a", has_text="林語晨").click()
    page.wait_for_url("**/speakers/**")
    assert page.locator("h1").inner_text() == "林語晨"
    assert page.locator(".timeline .timeline-year").all_inner_texts() == ["2026"]
    page.locator(".quote-card figcaption a").first.click()  # the quote's place in context
    page.wait_for_url("**/articles/lighthouse-memory-design/#*")
    assert page.locator("h1").inner_text() == "燈塔電台：林語晨談 AI 助理的記憶設計"


def test_language_switcher_fits_one_row_and_switches(page, site):
    page.goto(site + "/")
    assert page.locator("#latest").inner_text() == "最新文章"
    buttons = page.locator(".language button")
    assert buttons.all_inner_texts() == ["繁體中文", "简体中文", "English"]
    tops = {round(b.bounding_box()["y"]) for b in buttons.all()}
    assert len(tops) == 1, tops  # one row
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("#latest").inner_text() == "Latest write-ups"
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64, header  # English too: nothing wraps to a second row


@pytest.mark.parametrize(("language", "button"), [("zh-Hant", "搜尋"), ("zh-Hans", "搜索"),
                                                  ("en", "Search")])  # fmt: skip
def test_the_browser_language_picks_the_interface_not_the_content(browser, site, language, button):
    context = browser.new_context(locale=BROWSER_LOCALES[language])
    page = context.new_page()
    page.goto(site + "/articles/lighthouse-memory-design/")
    assert page.locator(".search-box button").inner_text() == button
    assert page.locator("html").get_attribute("lang") == "zh-Hant"  # the write-up's own
    assert page.locator("h1").inner_text() == "燈塔電台：林語晨談 AI 助理的記憶設計"
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == language
    context.close()


PHONE_PAGES = ["/", "/articles/lighthouse-memory-design/", "/speakers/林語晨/", "/articles/",
               "/quotes/", "/search/?q=記憶", "/shows/燈塔電台/"]  # fmt: skip


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_a_phone_gets_a_short_header_and_nothing_overflows(phone, site, path):
    phone.goto(site + path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide"
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= 64, (path, header)
    # Every piece of text, HTML or SVG, is at least 12 px on screen (the old SVG
    # timeline's 11 px year labels, scaled down with it, were 7 px).
    smallest = phone.evaluate("""() => {
        const main = document.querySelector("main");
        const walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        let smallest = [Infinity, ""];
        for (let node; (node = walk.nextNode());) {
            const el = node.parentElement;
            if (!node.data.trim() || !el.getClientRects().length) continue;
            let size = parseFloat(getComputedStyle(el).fontSize);
            if (el instanceof SVGElement) size *= el.getScreenCTM().a;
            if (size < smallest[0]) smallest = [size, node.data];
        }
        return smallest;
    }""")
    assert smallest[0] >= 12, (path, smallest)


def test_the_phone_menu_opens_the_pages_and_languages(phone, site):
    phone.goto(site + "/")
    quotes = phone.locator(".site-header").get_by_role("link", name="引言", exact=True)
    assert not quotes.is_visible()
    phone.locator(".menu summary").click()
    assert phone.locator(".language button").count() == 3
    quotes.click()
    phone.wait_for_url("**/quotes/")


def test_search_on_a_phone_shows_the_first_result_on_the_first_screen(phone, site):
    phone.goto(site + "/search/?q=記憶")
    first = phone.locator(".results > li").first.bounding_box()
    assert first["y"] < 800, first
    facets = phone.locator("details.facets")
    assert facets.get_attribute("open") is None  # folded away, one tap to open
    facets.locator("summary").click()
    assert phone.locator(".facet").first.is_visible()
    labels = phone.locator(".facet a").all_inner_texts()
    assert "文章" in labels and "article" not in labels  # facet values in the interface language


def test_a_quotes_credit_follows_its_closing_bracket(page, site):
    page.goto(site + "/articles/lighthouse-memory-design/")
    credits = page.evaluate(
        """() => [...document.querySelectorAll("q.quote")].map(q => {
            const credit = q.parentElement.querySelector(`#${CSS.escape(q.id)} ~ .quote-credit`);
            if (!credit) return null;
            const between = document.createRange();
            between.setStartAfter(q); between.setEndBefore(credit);
            const before = document.createRange();
            before.setStart(q.parentElement, 0); before.setEndBefore(q);
            return {between: between.toString(), before: before.toString().slice(-1),
                    insideQuote: q.contains(credit), name: credit.textContent};
        }).filter(Boolean)"""
    )
    assert credits, "no quote credited"
    for credit in credits:
        assert not credit["insideQuote"], credit
        assert credit["before"] and credit["before"] in "「『“", credit  # the opening bracket
        assert credit["between"] and credit["between"][-1] in "」』”", credit  # closing, credit
    assert {c["name"] for c in credits} == {"林語晨"}


def test_copy_quote_copies_words_credit_and_link_in_one_click(browser, site):
    context = browser.new_context(locale="zh-TW")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    page.goto(site + "/quotes/?speaker=林語晨")
    card = page.locator(".quote-card").first
    words = card.locator("blockquote").inner_text()
    permalink = card.locator(".permalink-label").get_attribute("href")
    card.get_by_role("button", name="複製引言").click()
    page.wait_for_function("() => document.querySelector('.copy-quote').textContent === '已複製'")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert words in copied and "林語晨" in copied
    assert copied.endswith(site + permalink), copied


def test_without_script_there_is_no_dead_copy_button(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="zh-TW")
    page = context.new_page()
    page.goto(site + "/quotes/")
    assert page.locator(".quote-card").count() > 0
    assert not page.locator(".copy-quote").first.is_visible()
    assert page.locator(".permalink-label").first.inner_text() == "這則引言的連結"
    context.close()


def test_keyboard_skip_link_and_visible_focus(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # on screen once focused
    assert skip.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert focused[0] != "none" and focused[1] >= 2, focused


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run `make axe`")
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_serious_violation_on_any_page_type(browser, site, width):
    # Playwright injects axe as an inline script, which the site's policy rightly blocks.
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="zh-TW", bypass_csp=True
    )
    page = context.new_page()
    found = {}
    for name, path in page_types().items():
        page.goto(site + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target.join(' '))])"
        )
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


@pytest.mark.parametrize("language", list(BROWSER_LOCALES))
def test_screenshots(browser, site, language):
    """Every main page at desktop and phone width, in each interface language, for review
    (screenshots/<language>/, a CI artifact)."""
    pages = {k: v for k, v in page_types().items() if k in
             ("home", "write-up", "speaker", "show", "quotes", "search")}  # fmt: skip
    for width in (1280, 375):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, locale=BROWSER_LOCALES[language]
        )
        page = context.new_page()
        for name, path in pages.items():
            response = page.goto(site + path)
            assert response.status == 200, path
            shoot(page, f"{language}/{name}-{width}")
        context.close()


def test_hostile_article_runs_nothing(page, site):
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
