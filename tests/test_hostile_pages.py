"""A write-up carrying 40 XSS vectors, in the body and in every front-matter field that a
page shows, is imported and opened in Chromium on every page that shows it: none runs."""

from pathlib import Path

import pytest
from django.urls import reverse

from articles.importer import import_paths
from articles.models import Article, Speaker
from tests.conftest import CHROMIUM

HOSTILE = Path(__file__).parent / "data" / "xss.md"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


def test_the_file_carries_enough_vectors():
    text = HOSTILE.read_text(encoding="utf-8")
    assert text.count("__pwned") + text.count("alert(") >= 40


@pytest.fixture
def hostile_site(transactional_db, live_server, django_user_model):
    report = import_paths([HOSTILE])
    assert report.ok, [r.line() for r in report.results]
    editor = django_user_model.objects.create_superuser("ed", "e@example.com", "pw")
    return live_server.url, editor


def test_no_payload_runs_anywhere(browser, hostile_site, client):
    base, editor = hostile_site
    article = Article.objects.get(slug="xss")
    speaker = Speaker.objects.filter(appearances__episode__articles=article).first()
    tag = article.tags.first()
    pages = [
        article.get_absolute_url(),
        speaker.get_absolute_url(),
        reverse("articles:tag-detail", args=[tag.slug]),
        "/search/?q=引用",
        "/search/?q=xss",
        "/quotes/",
        "/",
        "/feed/",
        reverse("admin:articles_article_change", args=[article.pk]),
    ]
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in pages:
        response = page.goto(base + path)
        assert response.status == 200, path
        page.wait_for_timeout(100)
        page.mouse.move(200, 300)  # hover payloads
        assert page.evaluate("window.__pwned") is None, path
        scripts = page.evaluate("[...document.scripts].map(s => s.src || s.textContent)")
        assert not any("__pwned" in s for s in scripts), path
        links = page.evaluate("[...document.querySelectorAll('[href],[src],[action]')]"
                              ".map(e => e.getAttribute('href') || e.getAttribute('src')"
                              " || e.getAttribute('action'))")  # fmt: skip
        assert not [
            u for u in links if u and u.strip().lower().startswith(("javascript:", "data:"))
        ]
    context.close()
    assert dialogs == []
