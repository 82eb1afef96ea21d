"""The one write-up builder for tests: Markdown text to parse, or imported into the database
through the real importer. The defaults carry what a real write-up does (front matter, a
preface naming the show, host and titled guest, a listen link, numbered strategies, the
guest's quotes, a term, a conclusion), so a test overrides only what it is about:

    text = article_text(title="第二版", draft=True)
    article = import_article(slug="b", guest="林語晨", tags=["隱私"])
"""

from __future__ import annotations

import json

from articles.importer import Source, import_paths, import_sources
from articles.models import Article

SLUG = "memory-design"
SHOW = "測試播客"
HOST = "王大明"
GUEST = "陳小華"
GUEST_TITLE = "某公司執行長"
AIRED = "2025-01-02"  # as the preface says it: 2025 年 1 月 2 日
LISTEN = ("Apple Podcast", "https://podcasts.example.org/memory-design")
STRATEGIES = ("記住偏好", "先做產品", "慢慢成長")
TERM = "潛在"  # an emphasised phrase: a term, nobody's words
# The guest's words, credited by the sentence that carries them.
GUEST_QUOTE = "我們要記住他們的偏好，這是最重要的事情。"
CLOSING_QUOTE = "我們對記憶定義得太模糊了。"
# Quoted words the write-up credits to nobody: an editor picks the speaker.
UNCREDITED_QUOTE = "這個功能改變了很多使用者的習慣"

NUMERALS = "一二三四五六七八九十"


def _strategy(number: int, name: str, guest: str) -> str:
    said = GUEST_QUOTE if number == 1 else f"{name}是第{NUMERALS[number - 1]}件要想清楚的事情。"
    return f"## 策略{NUMERALS[number - 1]}：{name}\n\n{guest}說：「{said}」\n"


def article_text(
    *,
    title: str = "記憶的設計",
    date: str | None = "2026-01-02",
    tags: list[str] | tuple[str, ...] = ("記憶", "AI"),
    categories: list[str] | tuple[str, ...] = ("訪談",),
    draft: bool = False,
    show: str = SHOW,
    host: str = HOST,
    guest: str = GUEST,
    guest_title: str = GUEST_TITLE,
    aired: str = AIRED,
    listen: tuple[str, str] | None = LISTEN,
    strategies: list[str] | tuple[str, ...] = STRATEGIES,
    front: dict | None = None,
    body: str | None = None,
    extra: str = "",
) -> str:
    """A write-up as Markdown. `front` adds or replaces front-matter keys (None drops one);
    `body` replaces everything after the front matter; `extra` is appended to it."""
    fields = {"title": title, "date": date, "tags": list(tags), "categories": list(categories),
              "draft": draft, **(front or {})}  # fmt: skip
    matter = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
        for key, value in fields.items()
        if value is not None
    )
    if body is None:
        year, month, day = (int(part) for part in aired.split("-"))
        preface = (
            f"> 本文整理自《{show}》{year} 年 {month} 月 {day} 日播出的單集，"
            f"主持人 {host} 專訪 {guest_title} {guest}。\n"
        )
        if listen:
            preface += f"> 收聽連結：[{listen[0]}]({listen[1]})\n"
        opening = (
            f"## 開場：為什麼談記憶\n\n這一集談產品裡的記憶。{guest} 認為，記住使用者的"
            f"價值還只是「{TERM}」的，卻已經看得見。使用者常說「{UNCREDITED_QUOTE}」。\n"
        )
        numbered = [_strategy(n, name, guest) for n, name in enumerate(strategies, 1)]
        closing = f"## 結語\n\n{guest}最後說：「{CLOSING_QUOTE}」\n"
        body = "\n".join([preface, opening, *numbered, closing])
    return f"---\n{matter}---\n\n{body}{extra}"


def import_article(slug: str = SLUG, **overrides) -> Article:
    """article_text(**overrides) imported as `<slug>.md` by the real importer."""
    source = Source(f"{slug}.md", article_text(**overrides).encode("utf-8"))
    report = import_sources([source])
    assert report.ok, [result.line() for result in report.results]
    return Article.objects.get(slug=slug)


# A short write-up for search tests: one quote, a version number, a line of English.
SEARCH_ARTICLE = """---
title: "{title}"
date: {date}
tags: [{tags}]
podcast: {show}
guests: ["陳小華（執行長）"]
draft: {draft}
---

## 策略一：記住偏好

陳小華說：「我們要記住他們的偏好，這是 GPT-5.2 最重要的事情。」

## 結語

The <b>memory</b> feature & "trust" matter.
"""


def search_article(write, slug, title="記憶的設計", date="2025-03-01", tags="記憶",
                   show="燈塔電台", draft="false") -> Article:  # fmt: skip
    """SEARCH_ARTICLE written as `<slug>.md` (by the `write` fixture) and imported."""
    text = SEARCH_ARTICLE.format(title=title, date=date, tags=tags, show=show, draft=draft)
    assert import_paths([write(f"{slug}.md", text)]).ok
    return Article.objects.get(slug=slug)
