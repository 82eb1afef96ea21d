"""Parsing alone: front matter, values, preface, sections and quotes (no database)."""

from datetime import date, timedelta

import pytest

from articles.importer import ArticleError, Source, parse_article
from articles.importer.frontmatter import split
from articles.importer.values import as_datetime, as_duration


def parse(text: str | bytes, name: str = "post.md", **kwargs):
    data = text.encode() if isinstance(text, str) else text
    return parse_article(Source(name, data), **kwargs)


def test_yaml_values_stay_as_written():
    fm = split("---\nepisode: 032\nduration: 29:20\ndraft: no\nguest: null\n---\nbody")
    assert fm.data == {"episode": "032", "duration": "29:20", "draft": "no", "guest": None}


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("---\ntitle: T\n---\nbody", "yaml"),
        ('+++\ntitle = "T"\ndate = 2019-05-01 # a comment\n+++\nbody', "toml"),
        ('{\n  "title": "T"\n}\nbody', "json"),
        ("title: T\ndate: 2019-06-01 19:45:43\n---\nbody", "yaml"),  # Hexo, no opening fence
        ("\n\n---\ntitle: T\n---\nbody", "yaml"),
    ],
)
def test_front_matter_formats(text, fmt):
    fm = split(text)
    assert (fm.format, fm.get("title"), fm.body.strip()) == (fmt, "T", "body")


def test_keys_in_any_case_lower_case_wins():
    fm = split("---\nTitle: Upper\ntitle: lower\nDate: 2021-02-09\n---\n")
    assert fm.get("title") == "lower" and fm.get("date") == "2021-02-09"


def test_bom_and_crlf():
    article = parse("\ufeff---\r\ntitle: 標題\r\ntags: a, b\r\n---\r\n\r\n## 一\r\ntext\r\n")
    assert article.title == "標題" and article.tags == ["a", "b"]
    assert article.sections[0].heading == "一"


def test_no_front_matter_title_from_heading_then_file_name():
    assert parse("\n# 423 Tulsi Gabbard\n\ntext").title == "423 Tulsi Gabbard"
    assert parse("just text", name="dir/my-first_post.md").title == "my first post"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "broken YAML front matter at line 2, column 17"),
        ("+++\nname = 1\ntitle = x\n+++\n", "broken TOML front matter at line 3, column 9"),
        ('{\n "title": "x",\n}\n', "broken JSON front matter at line 3, column 1"),
        ("---\ntitle: x\n", "never closed"),
        ("---\n- a\n- b\n---\n", "not key: value pairs"),
        ("---\ndate: someday\n---\n", "date: cannot read 'someday' as a date"),
        ("---\ndraft: maybe\n---\n", "draft: cannot read 'maybe'"),
        ("", "empty file"),
        ("  \n\n", "empty file"),
    ],
)
def test_bad_front_matter_gives_one_clear_line(text, message):
    with pytest.raises(ArticleError, match=message.replace("[", r"\[")) as info:
        parse(text)
    assert "\n" not in str(info.value)


def test_yaml_alias_bomb_is_refused():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefg":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    with pytest.raises(ArticleError, match="too large"):
        parse(bomb + "---\n")


def test_binary_and_encodings():
    with pytest.raises(ArticleError, match="binary"):
        parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    big5 = "---\ntitle: 繁體標題\n---\n內容".encode("big5")
    with pytest.raises(ArticleError, match=r"not valid UTF-8.*--encoding big5"):
        parse(big5)
    assert parse(big5, encoding="big5").title == "繁體標題"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-23T00:53:32+08:00", "2025-12-23T00:53:32+08:00"),
        ("2026-05-02 00:00:00 +0800", "2026-05-02T00:00:00+08:00"),
        ("Tue, 10 Sep 2019 10:00:01 +0000", "2019-09-10T10:00:01+00:00"),
        (1727866800000, "2024-10-02T11:00:00+00:00"),
        ("2021-02-09T15:30:00Z", "2021-02-09T15:30:00+00:00"),
        ("2024-12-18", "2024-12-18T00:00:00+08:00"),
    ],
)
def test_dates(value, expected):
    assert as_datetime(value).isoformat() == expected


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("28:09", 1689), ("1:05:21", 3921), (1685, 1685), ("1685", 1685), ("PT20M02S", 1202),
     ("1h 36m 4s", 5764), ("55:42.000", 3342), ("soon", None)],
)  # fmt: skip
def test_durations(value, seconds):
    expected = timedelta(seconds=seconds) if seconds is not None else None
    assert as_duration(value) == expected


def test_field_aliases():
    article = parse(
        "---\nTitle: T\npubDate: 2026-08-15\nsummary: S\ntopics: [a, b]\ncategory: c\n"
        "podcast_show: 某節目\nepisode_number: '032'\nhosts: 柏文、孝成\n"
        "guests:\n  - {name: 方念萱, role: 副教授}\naudio_url: https://example.com/a.mp3\n"
        "youtube: j3Dk1sJdUhE\nduration: 1h 2m\ndraft: 'False'\nslug: 自訂\n---\n內容"
    )
    assert (article.title, article.description, article.tags, article.categories) == (
        "T", "S", ["a", "b"], ["c"],
    )  # fmt: skip
    assert article.published.date() == date(2026, 8, 15)
    assert (article.show, article.number, article.slug, article.draft) == (
        "某節目",
        "032",
        "自訂",
        False,
    )
    assert [p.name for p in article.hosts] == ["柏文", "孝成"]
    assert [(p.name, p.title) for p in article.guests] == [("方念萱", "副教授")]
    assert article.links == [
        ("example.com", "https://example.com/a.mp3"),
        ("YouTube", "https://www.youtube.com/watch?v=j3Dk1sJdUhE"),
    ]
    assert article.duration == timedelta(hours=1, minutes=2)
    assert article.front_matter["Title"] == "T"  # every field kept as written


def test_language_detection():
    assert parse("這是一篇繁體中文的文章，講述記憶與個人化。").language == "zh-Hant"
    assert parse("这是一篇简体中文的文章，讲述记忆与个人化。").language == "zh-Hans"
    assert parse("An English write-up about memory.").language == "en"
    assert parse("---\nlanguage: en\n---\n中文內容").language == "en"
    assert parse("---\nlanguage: 中文\n---\n这是简体中文").language == "zh-Hans"


def test_english_preface_and_headings():
    article = parse(
        "> From the Acme Podcast: host Jane Doe talks with John Roe, CTO of Initech.\n\n"
        "Intro paragraph.\n\n## Strategy 1: Build\n\ntext\n\n## 2. Sell\n\ntext\n\n"
        "## Closing thoughts\n\nbye"
    )
    assert article.show == "Acme Podcast"
    assert [p.name for p in article.hosts] == ["Jane Doe"]
    assert [(p.name, p.title) for p in article.guests] == [("John Roe", "CTO of Initech")]
    assert [(s.kind, s.number) for s in article.sections] == [
        ("intro", None), ("strategy", 1), ("strategy", 2), ("conclusion", None),
    ]  # fmt: skip


def test_headings_in_code_are_not_sections_and_anchors_are_unique():
    article = parse(
        "## 同名\n\na\n\n```\n## not a heading\n```\n\n## 同名\n\nb\n\n## 第三點 {#custom}\n"
    )
    assert [s.anchor for s in article.sections] == ["同名", "同名-2", "custom"]
    assert article.sections[2].kind == "strategy" and article.sections[2].number == 3


def test_h1_sections_when_no_h2():
    article = parse("# 一\n\na\n\n# 二\n\nb\n")
    assert [s.heading for s in article.sections] == ["一", "二"]


def test_transcript_turns_and_timestamps():
    article = parse(
        "---\nspeakers:\n  GN: Gary Null\n  RP: Ray Peat\n---\n"
        "GN: [05:42] How are you?\n\n[06:32] Still me.\n\nRP: [07:00] Fine.\n\n"
        "**Ray Peat**: Bold turn.\n\n**Ray Peat:** Another.\n"
    )
    turns = [(q.speaker, q.text, q.timestamp) for q in article.quotes]
    assert turns == [
        ("Gary Null", "How are you?", 342),
        ("Gary Null", "Still me.", 392),
        ("Ray Peat", "Fine.", 420),
        ("Ray Peat", "Bold turn.", None),
        ("Ray Peat", "Another.", None),
    ]


def test_abbreviations_defined_in_first_turn():
    article = parse(
        "Peter McCormack (PM): Welcome.\n\nAB: Thanks.\n\nPM: So.\n\nAB: Yes.\n",
        name="t.md",
    )
    assert [q.speaker for q in article.quotes] == ["Peter McCormack", "", "Peter McCormack", ""]


def test_blockquote_with_attribution_line():
    article = parse("> 「這是一句很長的引用，真的很長。」\n>\n> —— 方念萱，本集來賓\n")
    (quote,) = article.quotes
    assert (quote.text, quote.speaker, quote.kind) == (
        "這是一句很長的引用，真的很長。",
        "方念萱",
        "quote",
    )


def test_never_invents_a_speaker():
    article = parse("有人說：「這件事情我們要很認真地看待才行。」")
    assert article.quotes[0].speaker == ""


def test_a_transcript_line_deep_in_the_body_is_no_preface():
    article = parse(
        "Intro line.\n\n**主持人**: 大家好，歡迎收聽。\n\n**主持人**: 再見。\n\n## 附錄\n\ntext"
    )
    assert article.hosts == [] and article.guests == []
