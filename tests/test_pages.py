"""The public pages: content, filters, drafts hidden everywhere, fixed query counts."""

import re
from itertools import pairwise
from urllib.parse import quote, unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.cache import bump_content_version, content_version
from articles.importer import import_paths
from articles.models import Article, Quote
from tests.factories import article_text

SECTION = "## 策略{i}：第 {i} 點\n\n陳小華說：「這是第 {i} 段裡一句足夠長的引用，講的是記憶。」\n\n"


def make(write, slug, n=1, sections=3, tags="記憶, AI", draft="false", date="2026-01-0{n}"):
    front = {"podcast": "測試播客", "episode": f"EP{n}", "hosts": "主持人甲",
             "guests": ["陳小華（某公司執行長）"],
             "audio": f"https://example.org/ep{n}.mp3"}  # fmt: skip
    sections_text = "".join(SECTION.format(i=i) for i in range(1, sections + 1))
    text = article_text(title=f"文章 {slug}", date=date.format(n=n), tags=tags.split(", "),
                        draft=draft == "true", front=front, body=sections_text)  # fmt: skip
    report = import_paths([write(f"{slug}.md", text)])
    assert report.ok, [r.line() for r in report.results]
    return Article.objects.get(slug=slug)


@pytest.fixture
def site(db, write):
    small = make(write, "small", n=1, sections=2, tags="記憶")
    big = make(write, "big", n=2, sections=12, tags="記憶, AI, 產品, 隱私, 成長")
    draft = make(write, "secret", n=3, draft="true", tags="秘密")
    # The content-version row exists on any site that has served a page; made here, the
    # counts below do not depend on whether an earlier test (or worker) made it.
    content_version()
    return {"small": small, "big": big, "draft": draft}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def test_article_page_shows_everything(client, site):
    html = client.get(site["big"].get_absolute_url()).content.decode()
    assert '<html lang="zh-Hant">' in html
    assert html.count('<section id="') == 12
    assert 'href="#策略1第-1-點"' in html  # the table of contents links each anchor
    assert "某公司執行長" in html and 'href="/speakers/%E9%99%B3%E5%B0%8F%E8%8F%AF/"' in html
    assert 'class="quote" id="q-0"' in html  # quotes are marked in the text
    assert "https://example.org/ep2.mp3" in html
    assert 'rel="prev" href="/articles/small/"' in html
    assert "/articles/small/" in html.split('id="related"')[1]  # related by tag, show, speaker
    assert "secret" not in html
    assert '<link rel="canonical" href="http://testserver/articles/big/">' in html


def test_pages_run_a_fixed_number_of_queries(client, site):
    """A write-up with 12 sections, 12 quotes and 5 tags costs what one with 2 does."""
    small = count_queries(client, site["small"].get_absolute_url())
    big = count_queries(client, site["big"].get_absolute_url())
    assert small == big == 13
    speaker = site["big"].episode.guests()[0].speaker
    assert count_queries(client, speaker.get_absolute_url()) == 6
    # Pinned, not bounded: a page that gains a query should say so here. The list's
    # filter form costs five, once per content version and process (filter_choices).
    pinned = {"/": 7, "/articles/": 9, "/quotes/": 4, "/archive/2026/": 4, "/tags/ai/": 4,
              "/feed/": 1, "/shows/測試播客/": 6}  # fmt: skip
    assert {url: count_queries(client, url) for url in pinned} == pinned
    assert count_queries(client, "/articles/") == 4  # its filter choices now remembered


def test_speaker_page_shows_the_latest_quotes_and_links_to_all(client, site, monkeypatch):
    from articles.views import people

    speaker = site["big"].episode.guests()[0].speaker
    spoken = Quote.objects.published().spoken().filter(speaker=speaker)
    assert len({q.article_id for q in spoken}) == 2
    first = spoken.order_by("-article__published", "position").first()
    shown = spoken.filter(article=first.article_id).count()
    monkeypatch.setattr(people, "QUOTES_SHOWN", shown)
    html = client.get(speaker.get_absolute_url()).content.decode()
    quotes = html.split('id="quotes"')[1]
    assert quotes.count("<h3>") == 1  # only the latest quotes: the latest write-up's
    total = spoken.count()
    link = re.search(rf'href="/quotes/\?speaker={re.escape(quote(speaker.slug))}">([^<]*)<', quotes)
    assert link and str(total) in link[1]  # "All 3 quotes", in the reader's language
    monkeypatch.setattr(people, "QUOTES_SHOWN", 50)
    assert "/quotes/?speaker=" not in client.get(speaker.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"small", "big"}),
        ("?tag=ai", {"big"}),
        ("?category=訪談", {"small", "big"}),
        ("?show=測試播客", {"small", "big"}),
        ("?speaker=陳小華", {"small", "big"}),
        ("?year=2026", {"small", "big"}),
        ("?year=1999", set()),
        ("?year=abc", set()),
        ("?tag=秘密", set()),
        ("?page=999", {"small", "big"}),
        ("?tag=%27%3Cscript%3E", set()),
    ],
)
def test_list_filters(client, site, query, expected):
    response = client.get("/articles/" + query)
    assert response.status_code == 200
    found = set(re.findall(r'href="/articles/([^/"]+)/"', response.content.decode()))
    assert {unquote(s) for s in found} == expected
    assert "<script>" not in response.content.decode()


def test_drafts_hidden_everywhere(client, site, django_user_model):
    draft = site["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:api-article-detail", args=[draft.slug])).status_code == 404
    for url in ("/", "/articles/", "/quotes/", "/archive/2026/", "/feed/", "/sitemap.xml",
                "/tags/記憶/", "/tags/記憶/feed/", "/speakers/陳小華/", "/speakers/陳小華/feed/",
                "/shows/測試播客/", "/api/articles/", site["big"].get_absolute_url()):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"secret" not in response.content, url
    secret_quote = Quote.objects.filter(article=draft).first()
    assert client.get(secret_quote.get_absolute_url()).status_code == 404
    assert client.get("/tags/秘密/").content.count(b"card-title") == 0
    staff = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(staff)
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "草稿" in preview.content.decode()


def test_speaker_page(client, site):
    speaker = site["big"].episode.guests()[0].speaker
    html = client.get(speaker.get_absolute_url()).content.decode()
    timeline = html.split('class="timeline"')[1].split("</ol>")[0]
    assert timeline.count('<h3 class="timeline-year">2026</h3>') == 1  # a year, readable
    assert timeline.count("<time datetime=") == 2  # one line per appearance
    assert html.count("<h3>") == 2  # quotes grouped by write-up
    assert "/articles/big/#策略1第-1-點" in unquote(html)
    assert 'type="application/atom+xml"' in html


def test_quote_moment_links(db, write, client):
    transcript = (
        "---\nguests: [Ray Peat]\nhosts: [Gary Null]\n"
        "youtube: https://www.youtube.com/watch?v=abcdefghijk\n---\n"
        "Gary Null: [05:42] How are you today, Ray?\n\nRay Peat: [06:00] Very well, thank you.\n"
    )
    report = import_paths([write("u.md", transcript)])
    assert report.ok
    html = client.get("/speakers/ray-peat/").content.decode()
    assert "https://www.youtube.com/watch?v=abcdefghijk&amp;t=360" in html


def test_feeds_sitemap_robots_and_errors(client, site):
    feed = client.get("/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert feed.content.count(b"<entry>") == 2
    assert client.get("/tags/ai/feed/").content.count(b"<entry>") == 1
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/articles/big/" in sitemap and "/speakers/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    missing = client.get("/articles/nope/")
    assert missing.status_code == 404 and "這個頁面不存在" in missing.content.decode()
    assert client.get("/archive/0/").status_code == 404


def test_language_switcher(client, site):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert "Latest write-ups" in response.content.decode()
    response = client.post(
        reverse("set_language"), {"language": "zh-hant", "next": "/"}, follow=True
    )
    assert "最新文章" in response.content.decode()


def test_every_internal_link_answers(client, site):
    """Crawl from / and follow every internal link once; headings stay in order."""
    seen, queue = set(), ["/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if "html" not in response["Content-Type"]:
            continue
        levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", response.content.decode())]
        assert levels[:1] == [1], url  # one h1 first, then no level skipped going down
        assert all(b <= a + 1 for a, b in pairwise(levels)), (url, levels)
        for href in re.findall(r'href="(/[^"#]*)', response.content.decode()):
            href = href.replace("&amp;", "&")
            if not href.startswith(("/admin/", "/static/")) and href not in seen:
                queue.append(href)
    assert len(seen) > 25


def test_a_quote_is_credited_after_its_closing_bracket(client, site):
    html = client.get(site["big"].get_absolute_url()).content.decode()
    # 「words。」 then the credit: never inside the brackets.
    assert re.search(
        r'「<q class="quote" id="q-0">這是第 1 段裡一句足夠長的引用，講的是記憶。</q>」'
        r'<a class="quote-credit" href="/speakers/%E9%99%B3%E5%B0%8F%E8%8F%AF/">陳小華</a>',
        html,
    )
    assert "</a>」" not in html


def test_quote_cards_name_speaker_article_and_moment(client, site):
    html = client.get("/quotes/").content.decode()
    card = html.split('<figure class="quote-card"')[1].split("</figure>")[0]
    assert 'class="quote-credit"' in card and "陳小華" in card
    assert "文章 big" in card  # the write-up
    assert "這則引言的連結" in card  # a permalink labelled as one
    assert 'class="copy-quote" hidden' in card  # shown by the external script only
    assert "<script" not in html.split("</head>")[1]  # no inline script anywhere in the body


def test_show_page(client, site):
    html = client.get("/shows/測試播客/").content.decode()
    assert "主持人甲" in html.split('class="show-card"')[1]  # its host
    facts = dict(re.findall(r"<dt>([^<]*)</dt><dd>(\d+)</dd>", html))
    assert facts == {"單集": "2", "文章": "2"}  # the draft's episode is not counted
    assert "/shows/%E6%B8%AC%E8%A9%A6%E6%92%AD%E5%AE%A2/feed/" in html
    feed = client.get("/shows/測試播客/feed/")
    assert feed.content.count(b"<entry>") == 2 and b"secret" not in feed.content


def test_list_filters_are_a_form(client, site):
    html = client.get("/articles/?tag=ai&year=2026").content.decode()
    form = html.split('class="filter-form list-filters"')[1].split("</form>")[0]
    names = re.findall(r'<select name="([a-z]+)"', form)
    assert names == ["show", "speaker", "tag", "category", "year"]
    assert '<option value="ai" selected>' in form and '<option value="2026" selected>' in form
    assert '<option value="陳小華">陳小華</option>' in form  # speakers, shows, categories too
    assert '<option value="測試播客">測試播客</option>' in form
    assert '<option value="訪談">訪談</option>' in form
    assert "秘密" not in form  # the draft's tag is offered nowhere
    unlisted = client.get("/articles/?tag=nothing-like-it").content.decode()
    assert '<option value="nothing-like-it" selected>' in unlisted


def test_under_debug_a_missing_page_is_the_sites_own(client, site, settings):
    settings.DEBUG = True
    for url in ("/no-such-page/", "/articles/nope/"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "這個頁面不存在" in html and 'class="site-header"' in html, url


def test_favicon_is_linked(client, site):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in html


def test_list_pages_cost_the_same_with_more_to_list(client, site, write, monkeypatch):
    """Cards, filter choices, hosts and listen links are fetched per page, not per item."""
    from articles.views import people

    # Past the quotes it shows, a speaker's page counts the rest: one query, once.
    monkeypatch.setattr(people, "QUOTES_SHOWN", 50)
    urls = ("/", "/articles/", "/quotes/", "/shows/測試播客/", "/speakers/陳小華/")
    transcript = (  # quotes with a timestamp get a link to their moment in the audio
        "---\ntitle: T{n}\ndate: 2026-02-0{n}\npodcast: 測試播客\nepisode: T{n}\n"
        "hosts: [主持人甲]\nguests: [陳小華]\naudio: https://example.org/t{n}.mp3\n---\n"
        "主持人甲: [00:01] 今天想聊聊記憶這件事情好嗎？\n\n"
        "陳小華: [05:42] 記憶是一個產品，不是一個功能。\n"
    )
    assert import_paths([write("t1.md", transcript.format(n=1))]).ok
    before = {url: count_queries(client, url) for url in urls}
    assert "#t=342" in client.get("/quotes/").content.decode()
    for n in range(4, 8):
        make(write, f"more{n}", n=n, sections=4, tags=f"記憶, 新{n}")
        assert import_paths([write(f"t{n}.md", transcript.format(n=n))]).ok
    bump_content_version()  # as the imports' commit would, which a test never reaches
    after = {url: count_queries(client, url) for url in urls}
    assert after == before
