"""Episode facts and metadata a reader sees, from every place a write-up states them."""

from datetime import date

import pytest

from articles.importer import Source, parse_article

NVIDIA, BIG_TECH = "CEO of Nvidia", "Big Technology Podcast"


def parse(text: str, name: str = "post.md"):
    return parse_article(Source(name, text.encode()))


@pytest.mark.parametrize(
    ("preface", "facts"),
    [
        (
            "Notes from *Acquired* podcast, episode 88 (aired 2025-05-28). Host **Ben Gilbert** "
            "talks with **Jensen Huang**, CEO of Nvidia.",
            ("Acquired", "88", date(2025, 5, 28), ["Ben Gilbert"], [("Jensen Huang", NVIDIA)]),
        ),
        (
            "本文是 Lex Fridman 在 Lex Fridman Podcast 播客第466期中的对话整理，"
            "主持人 Lex Fridman 对话 Dylan Patel。",
            ("Lex Fridman Podcast", "466", None, ["Lex Fridman"], [("Dylan Patel", "")]),
        ),
        (
            "> 本文整理自《Big Technology Podcast》2024 年 12 月 18 日播出的單集，"
            "主持人 Alex Kantrowitz 專訪 OpenAI CEO Sam Altman。",
            (BIG_TECH, "", date(2024, 12, 18), ["Alex Kantrowitz"], [("Sam Altman", "OpenAI CEO")]),
        ),
        (
            "> 本文整理自《矽谷輕鬆談》第 88 集，主持人 Kevin 與嘉賓李明（某 AI 公司創辦人）對談。",
            ("矽谷輕鬆談", "88", None, ["Kevin"], [("李明", "某 AI 公司創辦人")]),
        ),
    ],
    ids=["english", "zh-hans", "zh-hant", "zh-hant-with"],
)  # fmt: skip
def test_prefaces_in_three_languages(preface, facts):
    parsed = parse(f"---\ntitle: T\n---\n{preface}\n\n## One\n\nText.\n")
    found = (
        parsed.show,
        parsed.number,
        parsed.air_date,
        [p.name for p in parsed.hosts],
        [(p.name, p.title) for p in parsed.guests],
    )
    assert found == facts


def test_a_word_like_zhengli_is_never_a_guest():
    parsed = parse("---\ntitle: T\n---\n本文是在某播客第12期中的对话整理。\n\n## 一\n\n正文。\n")
    assert [p.name for p in parsed.guests] == []


def test_title_from_the_first_heading_after_mdx_imports_and_as_plain_text():
    text = "import Callout from 'nextra/components'\n\n# The **Big** _Idea_\n\n## One\n\nText.\n"
    parsed = parse(text, "some-file-name.mdx")
    assert parsed.title == "The Big Idea"


def test_headings_and_titles_lose_their_markdown():
    parsed = parse("---\ntitle: '**Bold** title'\n---\n## **策略一**：_快_\n\n正文。\n")
    assert (parsed.title, parsed.sections[0].heading, parsed.sections[0].number) == (
        "Bold title",
        "策略一：快",
        1,
    )


def test_pelican_headers_are_front_matter():
    parsed = parse("Title: Foo: Bar\nDate: 2010-12-03 10:20\nTags: a, b\n\nBody text.\n")
    assert (parsed.title, parsed.tags, parsed.published.year) == ("Foo: Bar", ["a", "b"], 2010)


def test_a_date_in_the_file_name_dates_the_article():
    parsed = parse("# T\n\nText.\n", "2018-12-11-some-talk.md")
    assert (parsed.dated, parsed.published.date()) == (True, date(2018, 12, 11))


def test_without_any_date_an_article_is_undated_not_dated_today():
    parsed = parse("# T\n\nText.\n", "talk.md")
    assert parsed.dated is False
    assert parsed.published.year == 1970  # sorts last; pages say "undated"


@pytest.mark.parametrize(
    ("show", "body", "expected"),
    [
        ("lennys-podcast", "A chat on Lenny's Podcast about tools.", "Lenny's Podcast"),
        ("lennys-podcast", "See https://example.com/lennys-podcast/ for more.", ""),
        ("Odd Lots", "Anything.", "Odd Lots"),
    ],
)
def test_a_show_is_never_named_by_its_slug(show, body, expected):
    assert parse(f"---\ntitle: T\nshow: {show}\n---\n{body}\n").show == expected


@pytest.mark.parametrize(
    ("title", "number", "guest"),
    [
        ("RNR 134: Maintaining Stress with Lorenzo Sciandra", "", "Lorenzo Sciandra"),
        ("股癌 EP622 (2025-12-27)", "EP622", None),
        ("Rosa Gutiérrez: Solid Queue", "", "Rosa Gutiérrez"),
        ("423 Tulsi Gabbard", "423", "Tulsi Gabbard"),
    ],
)
def test_the_title_gives_a_number_and_a_guest(title, number, guest):
    parsed = parse(f"---\ntitle: '{title}'\n---\nText.\n")
    assert parsed.number == number
    assert [p.name for p in parsed.guests] == ([guest] if guest else [])


def test_a_title_that_opens_with_the_show():
    assert (
        parse("# Lex Fridman 播客：关于 DeepSeek\n\n## 一\n\n正文。\n").show == "Lex Fridman 播客"
    )


def test_the_title_gives_the_show_and_the_day_it_aired():
    parsed = parse("# 股癌 EP622 (2025-12-27)\n\n## 一\n\n正文。\n")
    assert (parsed.show, parsed.air_date) == ("股癌", date(2025, 12, 27))


def test_people_listed_under_a_label_of_their_own():
    body = (
        "**Panelists**\n\n- Charles Max Wood\n- Josh Justice\n\n**Guest**\n\n- Lorenzo Sciandra\n"
    )
    parsed = parse(f"---\ntitle: T\n---\n{body}")
    assert [p.name for p in parsed.hosts] == ["Charles Max Wood", "Josh Justice"]
    assert [p.name for p in parsed.guests] == ["Lorenzo Sciandra"]


def test_a_transcript_turn_is_no_list_of_hosts():
    body = "**Host**: 大家好，歡迎收聽。\n\n**Host**: 今天聊 AI。\n"
    assert parse(f"---\ntitle: T\n---\n{body}").hosts == []


def test_the_speaker_who_welcomes_listeners_hosts_the_transcript():
    front = "---\ntitle: T\nspeakers:\n  GN: Gary Null\n  RP: Ray Peat\n---\n"
    body = "GN: I'm Gary Null and welcome to the show.\n\nRP: Thanks.\n\nGN: So, thyroid.\n"
    parsed = parse(front + body)
    assert ([p.name for p in parsed.hosts], [p.name for p in parsed.guests]) == (
        ["Gary Null"],
        ["Ray Peat"],
    )


def test_a_nested_podcast_source_names_show_host_and_date():
    front = (
        "---\ntitle: 'Rosa: Queue'\nsource:\n  type: podcast\n  title: On Rails\n"
        "  author: Robby Russell\n  date: 2025-06-24\n---\n"
    )
    parsed = parse(front + "Text.\n")
    untitled = "---\nsource:\n  series: Gary Null\n  title: Thyroid Function\n---\nGN: Hi.\n"
    assert parse(untitled, "1996-09-02-thyroid.md").title == "Thyroid Function"
    assert (parsed.show, [p.name for p in parsed.hosts], parsed.air_date) == (
        "On Rails",
        ["Robby Russell"],
        date(2025, 6, 24),
    )


def test_a_folded_translation_is_not_read_twice():
    body = (
        "**Bob Guest**: 中文的一句话。\n\n<details>\n<summary>Original English</summary>\n\n"
        "**Bob Guest**: The English sentence.\n\n</details>\n\n**Bob Guest**: 第二句话。\n"
    )
    parsed = parse("---\ntitle: T\n---\n" + body)
    assert [q.text for q in parsed.quotes] == ["中文的一句话。", "第二句话。"]


@pytest.mark.parametrize(
    ("opening", "show"),
    [
        ("**主持人**: 大家好，各位《**Odd Lots**》（一档播客节目）的听众。", "Odd Lots"),
        ("**Joe**: Hello and welcome to another episode of the Odd Lots podcast.", "Odd Lots"),
        ("大家好，欢迎收听《硅谷101》，我是主持人。", "硅谷101"),
        ("我最近在读《人类简史》这本书。", ""),
    ],
)
def test_the_show_as_its_opening_words_name_it(opening, show):
    assert parse(f"---\ntitle: T\n---\n{opening}\n").show == show


def test_speakers_who_introduce_themselves_host_the_transcript():
    body = (
        "**乔·威森塔尔 (Joe Weisenthal)**: 欢迎收听。我是乔·威森塔尔。\n\n"
        "**翠西·阿洛威 (Tracy Alloway)**: 我是翠西·阿洛威。\n\n"
        "**布莱恩·戈尔登 (Brian Golden)**: 谢谢邀请。\n\n"
        "**乔·威森塔尔 (Joe Weisenthal)**: 我们开始吧。\n"
    )
    parsed = parse("---\ntitle: T\n---\n" + body)
    assert [p.name for p in parsed.hosts] == ["乔·威森塔尔", "翠西·阿洛威"]
    assert [p.name for p in parsed.guests] == ["布莱恩·戈尔登"]


def test_the_speaker_who_asks_the_questions_hosts_and_their_role_label_is_them():
    body = (
        "Host: What brought you here today?\n\nAna Lin: Curiosity, mostly.\n\n"
        "Sam Lee: And why memory, of all things?\n\nAna Lin: Because assistants forget.\n\n"
        "Sam Lee: Is forgetting always bad?\n\nAna Lin: No, it can be a feature.\n\n"
        "Sam Lee: How do users see it?\n\nAna Lin: On one page.\n"
    )
    parsed = parse("---\ntitle: T\n---\n" + body)
    assert ([p.name for p in parsed.hosts], [p.name for p in parsed.guests]) == (
        ["Sam Lee"],
        ["Ana Lin"],
    )
    assert parsed.quotes[0].speaker == "Sam Lee"  # "Host:" is the host now known


def test_a_summary_quoting_two_people_quotes_its_guests():
    body = "程凯说：「我们要重构整个组织。」\n\nPeter解释说：「每个工程师都要懂产品。」\n"
    parsed = parse("---\ntitle: T\n---\n" + body)
    assert [p.name for p in parsed.guests] == ["程凯", "Peter"]
    assert parse("---\ntitle: T\n---\n程凯说：「我们要重构整个组织。」\n").guests == []


def test_a_podcast_note_credits_its_authors_as_hosts():
    front = "---\ntitle: T\ntype: podcast\nauthors:\n  - lenny-rachitsky\n---\n"
    assert [p.name for p in parse(front + "Text.\n").hosts] == ["Lenny Rachitsky"]


def test_a_transcript_that_lists_its_speakers_is_dated_by_its_recording():
    front = "---\ntitle: Covenants\ndate: 2021-11-05\nspeakers:\n  - Jeremy Rubin\n---\n"
    assert parse(front + "Jeremy Rubin: Hello.\n").air_date == date(2021, 11, 5)
    assert parse("---\ntitle: Notes\ndate: 2021-11-05\n---\nText.\n").air_date is None
