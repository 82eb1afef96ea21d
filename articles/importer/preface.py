"""Episode facts from a write-up's preface, when the front matter does not give them.

> 本文整理自《Big Technology Podcast》2024 年 12 月 18 日播出的單集，主持人 Alex Kantrowitz
> 專訪 OpenAI CEO Sam Altman。
> 收聽連結：[Apple Podcast](https://…)

本文是 Lex Fridman 在 Lex Fridman Podcast 播客第 466 期中的对话整理。
Notes from *Acquired* podcast, episode 88 (aired 2025-05-28). Host **A** talks with **B**, CEO of C.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date

from .people import Person, split_role_name
from .values import label_for

# 《…》 names the show where the sentence says so; elsewhere it may be a book's title.
_SHOW = re.compile(
    r"(?:整理自|摘自|來自|来自|選自|选自|收聽|收听|節目|节目|播客|單集|单集|本集)[^。！？\n]{0,20}?"
    r"《([^》\n]{1,100})》|《([^》\n]{1,100})》[^。！？\n]{0,30}?(?:播客|節目|节目|單集|单集|播出|第\s*\d)"
)
_SHOW_EN = re.compile(
    r"\b(?i:from|on|of) (?:the )?[*_]*([A-Z][\w&'’. -]{1,60}?(?:Podcast|Show|Radio))\b"
    r"|\b(?i:from|on|of) (?:the )?[*_]+([A-Z][^*_\n]{1,60}?)[*_]+ (?i:podcast|show)\b"
)
_SHOW_ZH = re.compile(
    r"在\s*(?:《)?(?P<show>[^，,。《》\n]{2,60}?)(?:》)?\s*(?:播客|節目|节目)?\s*第\s*\d+\s*[期集]"
)
_NUMBER = re.compile(r"第\s*(?P<zh>\d{1,5})\s*[期集]|\b(?i:episode|ep\.?)\s*#?(?P<en>\d{1,5})\b")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_EN_DATE = re.compile(
    r"\b(?P<month>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[a-z]*\.? "
    r"(?P<day>\d{1,2}),? (?P<year>\d{4})\b"
)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_INTERVIEW_VERBS = "專訪|专访|對話|对话|對談|对谈|訪問|访问|採訪|采访|邀請|邀请|專題訪問"
_HOST_CJK = re.compile(
    rf"(?:主持(?:人)?|主播)[：:\s]*(?P<name>[^，,。；;、\n]+?)\s*(?=(?:{_INTERVIEW_VERBS}|與|与|和|跟|，|,|。|；|$))"
)
_GUEST_CJK = re.compile(
    rf"(?:{_INTERVIEW_VERBS}|來賓|来宾|嘉賓|嘉宾)(?!整理|紀錄|纪录|全文|實錄|实录)(?:了)?"
    r"[：:\s]*(?P<who>[^，,。；;\n]+)"
)
# "Host: What brought you here?" is a turn, not a preface naming the host.
_NOT_A_NAME = (
    r"(?:What|Why|How|When|Where|Who|Which|This|That|These|Those|The|An?|And|But|So|Welcome|"
    r"Thanks?|Today|Hello|Hi|Hey|Yes|No|Well|Okay|OK|Let's|Let|It|I|We|You|He|She|They|Our|"
    r"My|In|On|At|For|Do|Did|Is|Are|Can|Could|Would|Should|Tell|Please)\b"
)
_HOST_EN = re.compile(
    r"\b(?:[Hh]ost(?:ed by)?|[Hh]osts?:)\s+(?!"
    + _NOT_A_NAME
    + r")(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})"
)
_GUEST_EN = re.compile(
    r"(?:\b(?:talks|speaks|sits down|chats) with|\bwith guest|\binterviews|\b[Gg]uest:)\s+"
    r"(?P<who>[^.;\n]+?)(?=[.;\n]| about | on | to |$)"
)
_LISTEN = re.compile(r"收聽|收听|聆聽|聆听|Listen|listen")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_BARE_URL = re.compile(r"(?<!\()https?://[^\s)>\]]+")
PREFACE_MARKERS = re.compile(
    r"本文整理自|整理自|原文|收聽|收听|聆聽|主持人|This (?:post|article)|Listen|"
    r"^(?:>\s*)?(?i:from|in) (?:the|this) .{0,80}(?i:podcast|episode|show)|"
    r"^(?:>\s*)?(?i:notes|summary|highlights) (?i:from|of) |对话整理|對話整理|播客第"
)


@dataclass
class Preface:
    show: str = ""
    number: str = ""
    air_date: date | None = None
    hosts: list[Person] = field(default_factory=list)
    guests: list[Person] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


def read_preface(text: str) -> Preface:
    """Facts from the text before the first heading (give it only that part)."""
    found = Preface()
    plain = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    if match := _SHOW.search(plain) or _SHOW_EN.search(plain):
        found.show = (match[1] or match[2]).strip(" *_")  # both patterns have two groups
    elif match := _SHOW_ZH.search(plain):
        found.show = match["show"].strip(" *_")
    plain = _EMPHASIS.sub(r"\2", plain)  # "Host **A** talks with **B**"
    if match := _NUMBER.search(plain):
        found.number = match["zh"] or match["en"]
    found.air_date = _air_date(plain)
    for pattern, target in ((_HOST_CJK, found.hosts), (_HOST_EN, found.hosts)):
        for match in pattern.finditer(plain):
            person = split_role_name(match["name"])
            if person and len(person.name) <= 40:
                target.append(person)
    for pattern in (_GUEST_CJK, _GUEST_EN):
        for match in pattern.finditer(plain):
            who = re.sub(rf"\s*(?:{_INTERVIEW_VERBS})$", "", match["who"].strip())
            for part in re.split(r"\s*(?:、|和|與|与| and |&)\s*", who):
                if (person := split_role_name(part)) and len(person.name) <= 60:
                    found.guests.append(person)
    for line in plain.splitlines():
        if _LISTEN.search(line):
            found.links += [(label, url) for label, url in _MD_LINK.findall(line)]
            found.links += [(label_for(u), u) for u in _BARE_URL.findall(_MD_LINK.sub("", line))]
    hosts = {p.name for p in found.hosts}
    found.guests = [p for p in found.guests if p.name not in hosts]
    return found


def _air_date(text: str) -> date | None:
    with suppress(ValueError):  # "2024 年 13 月" is no date
        if match := _CJK_DATE.search(text) or _ISO_DATE.search(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _EN_DATE.search(text):
            month = _MONTHS.index(match["month"][:3].lower()) + 1
            return date(int(match["year"]), month, int(match["day"]))
    return None


def is_only_preface(text: str) -> bool:
    """True when the text before the first heading holds nothing but preface and rules."""
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block or re.fullmatch(r"(?:[-*_]\s*){3,}", block):
            continue
        if not PREFACE_MARKERS.search(block):
            return False
    return True
