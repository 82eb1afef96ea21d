"""Finding who said what: quoted words, attributed blockquotes and transcript turns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .people import split_role_name
from .speakers import SpeakerNames
from .turns import leading_stamp, read_turn, without_stamps
from .values import as_seconds

_ATTRIBUTION = re.compile(r"^\s*(?:——|—|--|–|－－)\s*(?P<who>.+)$")
# A <details> block that repeats the turn before it in the original language is no turn
# of its own; any other <details> (a folded transcript) is read as if it were open.
_DETAILS = re.compile(r"<details[^>]*>(?P<inner>.*?)</details>", re.S | re.I)
_SUMMARY = re.compile(r"<summary[^>]*>(?P<text>.*?)</summary>", re.S | re.I)
_TRANSLATION = re.compile(r"original|translat|english|英文|原文|譯文|译文|翻譯|翻译|中文", re.I)
_STRIP = [
    (re.compile(r"^\s{0,3}(```|~~~).*?^\s{0,3}\1\s*$", re.S | re.M), "\n"),
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"`[^`\n]*`"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"</p>|<br\s*/?>", re.I), "\n\n"),
    (re.compile(r"<[^>\n]+>"), ""),
]
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.\s")
_PAIRS = {"「": "」", "『": "』", "“": "”"}
_QUOTE_MARK = re.compile("[「」『』“”]")
_TERM_PUNCTUATION = re.compile(r"[。！？!?，,；;：:…]")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Words put in quotes to name or reject a view, not to report what someone said:
# 他不想成為那個堅持「…」的人; critics call it "…"; 所謂「…」.
_NOT_SAID_BEFORE = re.compile(
    r"(?:所謂|所谓|被稱為|被称为|稱為|称为|稱之為|称之为|叫做|叫作|號稱|号称|俗稱|俗称|堅持|坚持|"
    r"外界|批評者?|批评者?|有人|別人|别人|不是|並非|并非|而非|不想|不願|不愿|反對|反对|拒絕|拒绝|"
    r"\bso-called|\bcall(?:s|ed)? (?:it|them|this)|\bknown as|\bcritics?\b|\bdubbed|"
    r"\blabel(?:l?ed|s)?|\bnot\b|\baccording to (?:critics|some|many|others))"
    r"[,，:：]?\s*[^。！？!?，,]{0,6}$",
    re.I,
)
# "程凯说：", "Mia在对话中坦言，…：", "Olivia解释道", "Sam said": a name and a verb of
# saying in the quote's own sentence name its speaker, known to the write-up or not.
# A Chinese name the write-up has not introduced counts only with a common surname first
# ("程凯说"), or as a transliteration with "·": any two characters before 表示 are no name.
SURNAMES = (
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈"
    "夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔"
    "向汤湯常温溫康施牛樊葛邢齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹欧歐耿关關兰蘭焦俞左"
    "柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華"
    "喻祁蒲房滕屈饶饒牟艾尤阳陽穆卓古吉缪繆简簡车車项項连連麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷"
    "晏席卫衛米柏宗瞿桂全佟臧闵閔苟邬鄔边邊卞姬仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏佘池查"
    "麻苑迟遲邝鄺官封匡鞠惠荆荊冀郁胥班储儲栗燕楚鄢劳勞奚皮粟冼楼樓"
)
_NAME = (
    r"(?:(?<![A-Za-z])(?P<latin>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?![A-Za-z])"
    rf"|(?<![\u3400-\u9fff])(?P<cjk>[{SURNAMES}][\u3400-\u9fff]{{1,2}}"
    r"|[\u3400-\u9fff]+[·・][\u3400-\u9fff]+))"
)
_SAYING = (
    r"\**\s*(?:在[^，,。：:“”「」]{1,10}[中裡里上]|也|还|還|则|則|更|又|曾|就|便|再|所|对此|對此)?"
    r"(?:說|说|表示|指出|坦言|解释|解釋|回应|回應|回答|强调|強調|补充|補充|提到|认为|認為|感叹|感嘆|"
    r"总结|總結|分享|写道|寫道|问|問|回忆|回憶|直言|笑称|笑稱|透露|承认|承認|"
    r"says|said|explains|explained|notes|noted|adds|added|argues|argued|recalls|recalled|"
    r"writes|wrote|asks|asked|puts it|put it)(?:道|说|說)?(?![\u3400-\u9fff])"
)
_SAYS_BEFORE = re.compile(_NAME + _SAYING)
# "In the words of Andrej Karpathy, "…"", "According to Ana Lin: "…"".
_AS_NAMED = re.compile(
    r"(?i:in the words of|according to|正如|如同)\s*" + _NAME + r"\s*[,，:：]\s*$"
)
_SAYS_AFTER = re.compile(r"^[\s，,。.”\"]*" + _NAME + _SAYING)
_FIRST_PERSON = re.compile(r"^(?:我們|我们|咱們|咱们|我(?!國|国)|(?:We|I|Our|My)\b)", re.I)
_QUOTES_HEADING = re.compile(
    r"quotes|quotations|in (?:his|her|their) (?:own )?words|"
    r"金句|語錄|语录|名言|引言|精彩語句|精彩语句",
    re.I,
)
_NOT_SAID_AFTER = re.compile(
    r"^(?:的(?:人|說法|说法|想法|觀念|观念|心態|心态|態度|态度|論調|论调|聲音|声音)|一詞|一词)"
)


@dataclass
class ParsedQuote:
    text: str
    kind: str  # "quote" or "term"
    speaker: str  # canonical name, or "" when the text does not say
    section: int  # index into the write-up's sections
    timestamp: int | None = None
    turn: bool = False  # a transcript turn's words, not a quote in prose


def plain(text: str) -> str:
    text = _DETAILS.sub(_open_details, text)
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    return text


def _open_details(match: re.Match) -> str:
    summary = _SUMMARY.search(match["inner"])
    if summary and _TRANSLATION.search(summary["text"]):
        return "\n"
    return "\n\n" + _SUMMARY.sub("", match["inner"]) + "\n\n"


def is_term(text: str) -> bool:
    """「潛在」「前沿」「Code Red」 are emphasised phrases, not someone's words."""
    if _TERM_PUNCTUATION.search(text):
        return False
    return len(_CJK.findall(text)) <= 6 and len(re.findall(r"[A-Za-z0-9]+", text)) <= 3


class QuoteFinder:
    """Walks a write-up's sections in order, keeping the transcript's current speaker.

    A turn's label makes its speaker current; paragraphs without a label go on in that
    speaker's voice until a heading, a rule or another label. Inside a turn, quoted words
    are the speaker's own: they are never credited to someone the sentence names.
    """

    def __init__(self, names: SpeakerNames, body: str):
        self.names = names
        self.in_turn = False
        self.current = ""
        self.stamp: str | None = None
        self.found: list[ParsedQuote] = []
        self.quotes_section = False
        self.seen: set[str] = set()
        self.labels = names.admit_labels(
            turn.label
            for line in plain(body).split("\n")
            if (turn := read_turn(line)) is not None and turn.label
        )

    def add(
        self, text: str, speaker: str, section: int, stamp: str | None = None, kind=None, turn=False
    ):
        found_stamp, text = without_stamps(_EMPHASIS.sub(r"\2", text))
        text = text.strip()
        if not text or text in self.seen:
            return
        self.seen.add(text)
        kind = kind or ("term" if is_term(text) else "quote")
        stamp = stamp or found_stamp
        timestamp = as_seconds(stamp) if stamp else None
        self.found.append(
            ParsedQuote(text, kind, speaker if kind == "quote" else "", section, timestamp, turn)
        )

    def section(self, index: int, markdown: str, heading: str = "") -> None:
        self.end_turn()
        self.quotes_section = bool(_QUOTES_HEADING.search(heading))
        for paragraph in re.split(r"\n\s*\n", plain(markdown)):
            if paragraph.strip():
                self.paragraph(index, paragraph.strip("\n"))

    def end_turn(self) -> None:
        self.in_turn, self.current, self.stamp = False, "", None

    def paragraph(self, index: int, paragraph: str) -> None:
        lines = paragraph.split("\n")
        if all(line.lstrip().startswith(">") for line in lines if line.strip()):
            if self.blockquote(index, [re.sub(r"^\s*>\s?", "", line) for line in lines]):
                return
            lines = [re.sub(r"^\s*>\s?", "", line) for line in lines]
        words: list[str] = []
        labelled = False  # whether `words` follow a label, or go on from an earlier turn
        for position, line in enumerate(lines):
            turn = read_turn(line)
            if turn and (
                not turn.label or turn.label in self.labels or turn.label in self.names.boundaries
            ):
                self.flush(index, words, labelled)
                words, labelled = [turn.rest], True
                if turn.label:
                    self.current = self.names.speaker_for(turn.label)
                self.in_turn = self.in_turn or bool(turn.label)
                self.stamp = turn.stamp or (None if turn.label else self.stamp)
            elif _RULE.match(line) or _HEADING.match(line):
                self.flush(index, words, labelled)
                words = []
                self.end_turn()
            elif (self.in_turn or position + 1 < len(lines)) and self.names.is_label_line(
                line, self.labels
            ):
                self.flush(index, words, labelled)  # a name alone on its line, words below
                words, labelled = [], True
                self.current = self.names.speaker_for(line.strip(" *"))
                self.in_turn = True
            else:
                words.append(line)
        self.flush(index, words, labelled)

    def flush(self, index: int, lines: list[str], labelled: bool = True) -> None:
        text = "\n".join(lines).strip()
        if not text:
            return
        if self.in_turn and not labelled and self._narrates(text):
            self.end_turn()  # '"…," Doe said afterwards.' is the writer again, not the turn
        if self.in_turn:
            stamp, text = leading_stamp(text)
            self.add(text, self.current, index, stamp or self.stamp, kind="quote", turn=True)
            self.stamp = None
        else:
            self.inline(index, text)

    def blockquote(self, index: int, lines: list[str]) -> bool:
        """`> 「…」` then `> —— Name，role`: a quote with its speaker named."""
        content = [line for line in lines if line.strip()]
        if len(content) < 2 or not (match := _ATTRIBUTION.match(content[-1])):
            return False
        person = split_role_name(re.split(r"[，,]", match["who"])[0])
        # The line names the speaker outright, so a new name here is no guess; a role
        # ("—— 主持人") names someone only when the episode has one such person.
        speaker = self.names.signed(person.name) if person else ""
        text = " ".join(line.strip() for line in content[:-1])
        for opening, closing in [*_PAIRS.items(), ('"', '"')]:
            if text.startswith(opening) and text.endswith(closing):
                text = text[1:-1]
        self.add(text, speaker, index, kind="quote")
        return True

    def inline(self, index: int, text: str) -> None:
        for start, end in _quoted_spans(text):
            quote = text[start + 1 : end]
            if not quote.strip():
                continue
            speaker = self._attribute(text, start, end)
            if not speaker and self.quotes_section and not self.names.named_in(text, True):
                speaker = self.names.sole_guest()  # "## Notable Quotes" of a one-guest episode
            self.add(quote, speaker, index)

    def _narrates(self, text: str) -> bool:
        for start, end in _quoted_spans(text):
            before_end = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
            if _SAYS_BEFORE.search(text[before_end:start]) or _SAYS_AFTER.match(text[end + 1 :]):
                return True
        return False

    def _said_by(self, before: str, after: str) -> str:
        said = [*_SAYS_BEFORE.finditer(before)]
        match = said[-1] if said else _AS_NAMED.search(before) or _SAYS_AFTER.match(after)
        return self.names.signed(match["latin"] or match["cjk"]) if match else ""

    def _attribute(self, text: str, start: int, end: int) -> str:
        before_end = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        before = text[before_end:start]
        if _NOT_SAID_BEFORE.search(before) or _NOT_SAID_AFTER.match(text[end + 1 :]):
            return ""  # when unsure, no one: a wrong credit misleads every reader
        after_match = _SENTENCE_END.search(text, end + 1)
        after = text[end + 1 : after_match.start() if after_match else len(text)]
        if speaker := self._said_by(before, text[end + 1 :]):
            return speaker
        return (
            self.names.named_in(before, nearest_last=True)
            or self.names.named_in(after, nearest_last=False)
            or self.names.pronoun_target(before)
            or self.names.pronoun_target(after)  # "…," she says.
            # "我们必须…" in a summary of a one-guest interview: the guest speaking.
            or (self.names.sole_guest() if _FIRST_PERSON.match(text[start + 1 : end]) else "")
        )


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Outermost 「…」 『…』 “…” spans, and "…" pairs; nested quotes stay inside."""
    spans, stack = [], []
    for mark in _QUOTE_MARK.finditer(text):  # only the marks, not every character
        char, position = mark[0], mark.start()
        if char in _PAIRS:
            stack.append((char, position))
        elif stack and char == _PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, position))
    straight = [m.start() for m in re.finditer(r'"', text)]
    if straight and len(straight) % 2 == 0:
        spans += list(zip(straight[::2], straight[1::2], strict=True))
    return sorted(spans)


def find_quotes(
    names: SpeakerNames, body: str, sections: list[str], headings: list[str] | None = None
) -> list[ParsedQuote]:
    finder = QuoteFinder(names, body)
    for index, markdown in enumerate(sections):
        finder.section(index, markdown, headings[index] if headings else "")
    return finder.found
