"""Drafts and write-ups dated in the future are invisible everywhere until published:
a crawl of every public page, feed, sitemap and API answer finds none of their words."""

import re
from collections import deque
from datetime import date
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.urls import reverse

from articles.importer import import_paths
from articles.models import Article, Episode, Quote

PUBLISHED = """---
title: 公開的一篇
date: 2025-03-01
podcast: 共用節目
episode: EP7
hosts: 主持人甲
guests: 公開來賓（公開職稱）
tags: [公開標籤]
categories: [公開分類]
audio: https://public.example.com/ep7
---

## 一

公開來賓說：「這是公開的一句話，大家都看得到。」
"""

DRAFT = """---
title: 草稿標題獨有
date: 2025-03-02
draft: true
podcast: 共用節目
episode: EP7
episodeTitle: 草稿單集標題
episodeDate: 2020-01-01
duration: "9:99:00"
hosts: 主持人甲
guests: 草稿來賓乙（草稿職稱）
tags: [草稿標籤]
categories: [草稿分類]
audio: https://draft.example.com/secret-episode
---

## 一

草稿來賓乙說：「草稿獨有的一句話，誰也不該看見。」
"""

FUTURE = """---
title: 未來標題獨有
date: 2999-01-01
podcast: 未來節目
episode: EP1
guests: 未來來賓丙
tags: [未來標籤]
categories: [未來分類]
audio: https://future.example.com/later
---

## 一

未來來賓丙說：「未來獨有的一句話，還不能公開。」
"""

SECRETS = [
    "草稿標題獨有", "草稿單集標題", "草稿來賓乙", "草稿職稱", "草稿標籤", "草稿分類",
    "draft.example.com", "草稿獨有", "未來標題獨有", "未來節目", "未來來賓丙", "未來標籤",
    "未來分類", "future.example.com", "未來獨有",
]  # fmt: skip
FORMS = [(s, quote(s)) for s in SECRETS]
LINK = re.compile(r"""(?:href|src|action)=["']([^"']+)["']|<loc>([^<]+)</loc>""")


@pytest.fixture
def site(db, write):
    paths = [write(name, text) for name, text in
             (("published.md", PUBLISHED), ("draft.md", DRAFT), ("future.md", FUTURE))]  # fmt: skip
    report = import_paths(paths)
    assert report.ok, [r.line() for r in report.results]
    return Article.objects.get(slug="published")


def _leaks(text: str) -> list[str]:
    return [s for s, encoded in FORMS if s in text or encoded in text]


def _crawl(client, starts):
    seen, queue, pages = set(), deque(starts), {}
    while queue and len(seen) < 400:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 301, 302, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        text = response.content.decode()
        pages[url] = text
        for match in LINK.finditer(text):
            link = urljoin(url, match[1] or match[2]).split("#")[0]
            parts = urlsplit(link)
            if parts.netloc not in ("", "testserver") or parts.path.startswith(
                ("/static/", "/admin/")
            ):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_a_crawl_of_every_public_url_finds_no_draft_or_future_words(client, site):
    starts = [
        reverse("articles:home"), reverse("articles:article-list"), reverse("articles:quote-list"),
        reverse("articles:archive"), reverse("articles:feed"), reverse("articles:sitemap"),
        reverse("articles:robots"), reverse("articles:api-article-list"),
        reverse("articles:api-article-detail", kwargs={"slug": site.slug}),
    ]  # fmt: skip
    pages = _crawl(client, starts)
    assert len(pages) > 15  # the crawl reached the speaker, show, tag and feed pages
    assert any("公開來賓" in text and "公開職稱" in text for text in pages.values())
    leaks = {url: found for url, text in pages.items() if (found := _leaks(text))}
    assert not leaks


def test_searches_find_nothing_of_them(client, site):
    for secret in SECRETS:
        for q in (secret, secret[:2]):
            data = client.get(reverse("articles:api-search"), {"q": q}).json()
            shown = str([data["results"], data["facets"]])
            assert not _leaks(shown), (q, shown)


def test_their_people_shows_and_topics_answer_404(client, site):
    slugs = {
        "articles:speaker-detail": ["草稿來賓乙", "未來來賓丙"],
        "articles:speaker-feed": ["草稿來賓乙", "未來來賓丙"],
        "articles:show-detail": ["未來節目"],
        "articles:tag-detail": ["草稿標籤", "未來標籤"],
        "articles:tag-feed": ["草稿標籤", "未來標籤"],
        "articles:category-detail": ["草稿分類", "未來分類"],
        "articles:article-detail": ["draft", "future"],
        "articles:api-article-detail": ["draft", "future"],
    }
    urls = [reverse(name, kwargs={"slug": s}) for name, some in slugs.items() for s in some]
    urls += [q.get_absolute_url() for q in Quote.objects.exclude(article=site)]
    assert len(urls) == 17
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)


PUBLISHED_DAY = date(2025, 3, 1)


def test_the_shared_episode_keeps_the_published_facts(site):
    episode = Episode.objects.get(pk=site.episode_id)
    assert Article.objects.get(slug="draft").episode_id == episode.pk
    assert [a.speaker.name for a in episode.guests()] == ["公開來賓"]
    assert [link.url for link in episode.links.all()] == ["https://public.example.com/ep7"]
    # The published page's own date (an episode page is dated by its release), never the
    # draft's episodeDate of 2020-01-01.
    assert (episode.title, episode.air_date, episode.duration) == (
        "公開的一篇",
        PUBLISHED_DAY,
        None,
    )


def test_the_first_published_article_drops_what_drafts_put_in(db, write):
    import_paths([write("draft.md", DRAFT)])
    import_paths([write("published.md", PUBLISHED)])
    episode = Article.objects.get(slug="published").episode
    assert [a.speaker.name for a in episode.guests()] == ["公開來賓"]
    assert [link.url for link in episode.links.all()] == ["https://public.example.com/ep7"]
    assert episode.air_date == PUBLISHED_DAY and episode.title == "公開的一篇"
