"""Who said what in transcripts: every family of turn label, continuations, stamps, roles."""

import pytest

from articles.importer import Source, parse_article

FRONT = "---\ntitle: T\nhosts: [Alice Host]\nguests: [Bob Guest]\n---\n"


def said(body: str, front: str = FRONT) -> list[tuple[str, str, int | None]]:
    parsed = parse_article(Source("t.md", (front + body).encode()))
    return [(q.speaker, q.text, q.timestamp) for q in parsed.quotes if q.kind == "quote"]


@pytest.mark.parametrize(
    "body",
    [
        "**Alice Host:** Hello there friend.\n\n**Bob Guest:** Thanks for having me on.",
        "**Alice Host**: Hello there friend.\n\n**Bob Guest**: Thanks for having me on.",
        "**Alice Host: (00:00:05)** Hello there friend.\n\n"
        "**Bob Guest: (00:00:09)** Thanks for having me on.",
        "**Alice Host (00:05):** Hello there friend.\n\n"
        "**Bob Guest (00:09):** Thanks for having me on.",
        "Alice Host: Hello there friend.\n\nBob Guest : Thanks for having me on.",
        "Alice Host (00:00:05):\nHello there friend.\n\n"
        "Bob Guest (00:00:09):\nThanks for having me on.",
        "Alice Host 0:05\n\nHello there friend.\n\nBob Guest 0:09\n\nThanks for having me on.",
        "###### Alice Host  0:05\n\nHello there friend.\n\n###### Bob Guest  0:09\n\n"
        "Thanks for having me on.",
        "<p><strong>Alice Host</strong>: Hello there friend.</p>\n"
        "<p><strong>Bob Guest</strong>: Thanks for having me on.</p>",
        "<details><summary>Transcript</summary>\n\n**Alice Host:** Hello there friend.\n\n"
        "**Bob Guest:** Thanks for having me on.\n\n</details>",
        "Alice Host\nHello there friend.\n\nBob Guest\nThanks for having me on.",
    ],
    ids=[
        "bold-colon-inside", "bold-colon-outside", "bold-stamp-after-colon", "bold-stamp-before",
        "plain", "label-line-with-stamp", "label-and-stamp-then-paragraph", "heading-label",
        "html-strong", "details-open", "name-alone-on-its-line",
    ],
)  # fmt: skip
def test_each_turn_shape_credits_its_speaker(body):
    turns = [(speaker, text) for speaker, text, _ in said(body)]
    assert turns == [
        ("Alice Host", "Hello there friend."),
        ("Bob Guest", "Thanks for having me on."),
    ]


def test_paragraphs_without_a_label_go_on_in_the_same_voice_until_a_heading():
    body = (
        "**Bob Guest:** First thought.\n\nSecond paragraph, no label.\n\n"
        "### A new topic\n\nNarration of the editor that quotes 「someone else」.\n"
    )
    assert said(body)[:2] == [
        ("Bob Guest", "First thought.", None),
        ("Bob Guest", "Second paragraph, no label.", None),
    ]
    assert ("Bob Guest", "Narration of the editor that quotes 「someone else」.", None) not in said(
        body
    )


def test_a_rule_ends_the_turn():
    body = "**Bob Guest:** One.\n\n**Bob Guest:** Two.\n\n---\n\n"
    body += "After the rule 「a phrase that is someone's words, said aloud」."
    assert [s for s, _, _ in said(body)] == ["Bob Guest", "Bob Guest", ""]


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("GN: [04:22] Welcome to the show, everyone.", 262),
        ("GN: \\[04:22\\] Welcome to the show, everyone.", 262),
        ("GN (00:04:22): Welcome to the show, everyone.", 262),
        ("GN: Welcome (00:04:22) to the show, everyone.", 262),
    ],
)
def test_inline_stamps_become_the_timestamp_and_leave_the_text(line, stamp):
    front = "---\ntitle: T\nspeakers:\n  GN: Gary Null\n---\n"
    body = f"{line}\n\nGN: Another turn of mine.\n"
    speaker, text, found = said(body, front)[0]
    assert (speaker, found) == ("Gary Null", stamp)
    assert "04:22" not in text and text.startswith("Welcome")


def test_a_bare_stamp_continues_the_last_speaker():
    body = "**Bob Guest:** One thing.\n\n(00:01:21): And another.\n\n**Alice Host:** Right."
    assert said(body)[1] == ("Bob Guest", "And another.", 81)


@pytest.mark.parametrize(
    ("front", "labels", "expected"),
    [
        (FRONT, ("主持人", "嘉宾"), ["Alice Host", "Bob Guest"]),
        (FRONT, ("Host", "Guest"), ["Alice Host", "Bob Guest"]),
        (FRONT, ("Q", "A"), ["Alice Host", "Bob Guest"]),
        ("---\ntitle: T\nhosts: [A One, B Two]\n---\n", ("Host", "Guest"), ["", ""]),
        (FRONT, ("Speaker 1", "Speaker 2"), ["", ""]),
    ],
)
def test_role_labels_resolve_to_the_episode_people_or_to_no_one(front, labels, expected):
    first, second = labels
    body = f"{first}: Question one?\n\n{second}: Answer one.\n\n{first}: Question two?\n\n"
    body += f"{second}: Answer two.\n"
    parsed = parse_article(Source("t.md", (front + body).encode()))
    assert [q.speaker for q in parsed.quotes][:2] == expected
    assert not {"Host", "Guest", "主持人", "Speaker 1", "Q"} & set(parsed.aliases)


@pytest.mark.parametrize(
    ("front", "label", "who"),
    [
        ("---\ntitle: T\nguests: [Sjors Provoost, Aaron Wirdum]\n---\n", "Sjors", "Sjors Provoost"),
        ("---\ntitle: T\nguests: [Peter McCormack, Adam Back]\n---\n", "PM", "Peter McCormack"),
        ("---\ntitle: Talk with Lex Fridman\n---\n", "Lex Frdiman", "Lex Fridman"),
    ],
)  # fmt: skip
def test_handles_first_names_initials_and_typos_resolve_to_the_full_name(front, label, who):
    body = f"{label}: One turn.\n\n{label}: Another turn.\n\nSomeone Else: Reply here.\n\n"
    body += "Someone Else: And again.\n"
    assert said(body, front)[0][0] == who


def test_a_lower_case_handle_is_a_speaker():
    body = "roasbeef: Lightning first.\n\nroasbeef: Then more.\n\nroasbeef: And the end.\n"
    assert {s for s, _, _ in said(body, "---\ntitle: T\n---\n")} == {"roasbeef"}


@pytest.mark.parametrize(
    "word", ["Note", "Summary", "整理", "編者", "重点", "目标", "Pros", "Verdict"]
)
def test_words_that_are_not_people_never_become_speakers(word):
    body = f"{word}: the first line of text.\n\n{word}: the second line of text.\n\n"
    body += f"{word}: the third line of text.\n"
    parsed = parse_article(Source("t.md", ("---\ntitle: T\n---\n" + body).encode()))
    assert all(q.speaker == "" for q in parsed.quotes)


def test_a_heading_or_the_show_is_not_a_speaker():
    front = "---\ntitle: T\nshow: Odd Lots\n---\n"
    body = "Odd Lots: Welcome.\n\nOdd Lots: More.\n\n## Timeline\n\nTimeline: one\n\nTimeline: two"
    assert {s for s, _, _ in said(body, front)} <= {""}


def test_two_scripts_are_one_speaker_with_an_alias():
    body = (
        "**翠西·阿洛威 (Tracy Alloway)**: 第一句。\n\n"
        "**乔·威森塔尔 (Joe Weisenthal)**: 第二句。\n\n"
        "**翠西·阿洛威 (Tracy Alloway)**: 第三句。\n"
    )
    parsed = parse_article(Source("t.md", ("---\ntitle: T\n---\n" + body).encode()))
    assert [q.speaker for q in parsed.quotes] == ["翠西·阿洛威", "乔·威森塔尔", "翠西·阿洛威"]
    assert parsed.aliases["翠西·阿洛威"] == ["Tracy Alloway"]


def test_quotes_inside_a_turn_are_the_turn_speakers_not_the_person_named():
    body = "**Bob Guest:** Alice Host once told me 「something wise about life」 and I agree.\n"
    assert said(body) == [
        ("Bob Guest", "Alice Host once told me 「something wise about life」 and I agree.", None)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bob Guest 不想成為那個堅持「我們必須永遠第一名才行」的人。",
        "Bob Guest 說，外界所謂「這家公司已經輸掉了這場競賽」並不成立。",
        'Bob Guest said critics call it "a bubble that will burst soon" every year.',
        "最新的报告指出：「這家公司的營收在今年會翻倍成長。」",
        'According to critics, "memory is just a database that forgets," but Bob Guest disagrees.',
    ],
)
def test_words_quoted_to_name_or_reject_a_view_are_nobodys(sentence):
    parsed = parse_article(Source("t.md", (FRONT + sentence + "\n").encode()))
    assert [q.speaker for q in parsed.quotes if q.kind == "quote"] == [""]


def test_words_the_sentence_credits_are_still_credited():
    sentence = "Bob Guest 說：「我們會在明年推出新的模型，而且會更便宜。」\n"
    parsed = parse_article(Source("t.md", (FRONT + sentence).encode()))
    assert [q.speaker for q in parsed.quotes] == ["Bob Guest"]


@pytest.mark.parametrize(
    ("front", "speaker"),
    [(FRONT, "Bob Guest"), ("---\ntitle: T\nguests: [Bob Guest, Carol Guest]\n---\n", "")],
)
def test_first_person_words_in_a_one_guest_summary_are_the_guests(front, speaker):
    text = "談到產品節奏：「我們明年會推出新的模型，而且會更便宜。」\n"
    parsed = parse_article(Source("t.md", (front + text).encode()))
    assert [q.speaker for q in parsed.quotes] == [speaker]


def test_narration_after_a_turn_is_the_writer_again():
    body = (
        "A: Hiring. We doubled the team.\n\nA: And culture suffered.\n\n"
        '"We should have done it earlier," Carol Writer said afterwards.\n'
    )
    parsed = parse_article(Source("t.md", (FRONT + body).encode()))
    assert [(q.speaker, q.text) for q in parsed.quotes][-1] == (
        "Carol Writer",
        "We should have done it earlier,",
    )


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("程凯说：「我们要重构整个组织。」", "程凯"),
        ("Peter解释说：「每个工程师都要懂产品。」", "Peter"),
        ("你可以用 CHECKSIG 操作来表示 「这是一个有效的签名」。", ""),
        (
            'In the words of Andrej Karpathy, "we are on the verge of building it."',
            "Andrej Karpathy",
        ),
    ],
)
def test_a_new_name_before_a_verb_of_saying(sentence, speaker):
    parsed = parse_article(Source("t.md", ("---\ntitle: T\n---\n" + sentence + "\n").encode()))
    assert [q.speaker for q in parsed.quotes] == [speaker]


def test_a_signed_blockquote_in_straight_quotes():
    body = '> "Forgetting is a feature of every good memory."\n> — Bob Guest\n'
    parsed = parse_article(Source("t.md", (FRONT + body).encode()))
    assert [(q.speaker, q.text) for q in parsed.quotes] == [
        ("Bob Guest", "Forgetting is a feature of every good memory.")
    ]


def test_stamp_before_label_shouted_labels_and_a_one_off_speaker():
    body = (
        "[00:00:05] Alice Host: Hello and welcome.\n\n[00:00:09] Caller Jones: A question.\n\n"
        "[00:01:00] Alice Host: Go on.\n\nBOB GUEST: Loud.\n\nBOB GUEST: Again.\n\n"
        "Someone: one line from nobody we know.\n\nAlice Host: Back.\n"
    )
    assert [(s, t) for s, _, t in said(body)] == [
        ("Alice Host", 5),
        ("Caller Jones", 9),
        ("Alice Host", 60),
        ("Bob Guest", None),
        ("Bob Guest", None),
        ("", None),
        ("Alice Host", None),
    ]


@pytest.mark.parametrize(
    ("guests", "speaker"),
    [("[Tom Becker]", "Tom Becker"), ("[Tom Becker, Tom Riddle]", "")],
)
def test_a_first_name_names_the_one_person_who_has_it(guests, speaker):
    text = f"---\ntitle: T\nguests: {guests}\n---\n"
    text += "Tom told the room: 「這是我聽過最公平的篩選方式。」\n"
    parsed = parse_article(Source("t.md", text.encode()))
    assert [q.speaker for q in parsed.quotes] == [speaker]
