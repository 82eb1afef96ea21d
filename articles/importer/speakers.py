"""Recognising people in a write-up's text by any of their names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .people import Person

HOST_LABELS = {"主持人", "主持", "host", "主播", "q", "问", "問", "interviewer", "提问", "提問"}
GUEST_LABELS = {
    "嘉宾", "嘉賓", "來賓", "来宾", "guest", "受訪者", "受访者", "a", "答", "interviewee", "回答",
}  # fmt: skip
QUESTION_LABELS = {"q", "a", "问", "問", "答", "提问", "提問", "回答"}
# Labels that stand for someone without naming them: never a person of their own.
_ANONYMOUS = re.compile(
    r"^(?:speaker|spk|voice|participant|audience|caller|unknown|narrator|announcer)\s*\d*$"
    r"|^(?:secretary|president|senator|governor|minister|chairman|chair|professor|prof|doctor|dr"
    r"|mr|mrs|ms|judge|coach|ambassador|general|mayor|moderator|panelist|panel)\.?$"
    r"|^說話者|^说话人",
    re.I,
)
# Words that look like a label ("Note: …", "整理：…") but are nobody.
NOT_PEOPLE = {
    "note", "notes", "nb", "n.b", "summary", "source", "sources", "transcript", "tags", "tag",
    "date", "title", "update", "updated", "edit", "edited", "editor", "editors", "link", "links",
    "tl;dr", "tldr", "takeaway", "takeaways", "key", "example", "warning", "tip", "tips",
    "disclaimer", "credits", "references", "reference", "chapter", "chapters", "timestamps",
    "episode", "show notes", "sponsor", "sponsors", "ps", "p.s", "caption", "image", "photo",
    "figure", "table", "step", "part", "conclusion", "intro", "introduction", "outro", "todo",
    "bonus", "quote", "question", "answer", "description", "published", "channel", "main",
    "audio", "video", "url", "website", "status", "type", "category", "categories", "author",
    "translator", "language", "duration", "time", "location", "mentioned", "topics", "topic",
    "resources", "resource", "highlights", "highlight", "overview", "background", "context",
    "why", "what", "how", "result", "results", "problem", "solution", "lesson", "idea",
    "insight", "insights", "quotes", "action", "actions", "definition", "important", "fun fact",
    "pros", "cons", "pro", "con", "verdict", "rating", "score", "price", "cost", "venue", "next",
    "previous", "prev", "fix", "bug", "feature", "goal", "goals", "tool", "tools", "book", "books",
    "recommendation", "recommendations", "pick", "picks", "music", "song", "movie", "film",
    "article", "paper", "podcast", "section", "follow-up", "correction", "spoilers", "caveat",
    "bottom line", "key point", "key points", "tl dr", "recap", "agenda", "plan", "thesis",
    "claim", "evidence", "argument", "counterpoint", "lesson learned", "examples",
    "output", "input", "prompt", "response", "reply", "user", "assistant", "system", "error",
    "info", "hint", "done", "draft", "owner", "team", "role",
    "level", "stage", "phase", "version", "release", "changelog", "license", "contact", "email",
    "twitter", "x", "github", "youtube", "spotify", "apple", "rss", "web", "site", "homepage",
}  # fmt: skip
_NOT_PEOPLE_CJK = re.compile(
    r"整理|編|编|註|注|按|摘要|簡介|简介|介紹|介绍|說明|说明|總結|总结|重點|重点|提示|觀點|观点|問題|问题|"
    r"要點|要点|結論|结论|背景|來源|来源|連結|链接|原文|翻譯|翻译|譯|译|時間|时间|日期|標籤|标签|金句|"
    r"核心|主題|主题|收聽|收听|节目|節目|播客|本期|注意|备|備|例如|比如|其次|首先|最後|最后|另外|總之|总之"
)
_LATIN_NAME = re.compile(r"^[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|van|von|de|der|da|di|le|la)){1,3}$")
_CJK_WITH_LATIN = re.compile(r"^(?P<name>[^()（）]+?)\s*[（(](?P<other>[^)）]+)[)）]$")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Who a verb of saying can follow without being a person: pronouns and crowds.
_NOT_A_SPEAKER = {
    "他", "她", "我", "你", "他們", "他们", "她們", "她们", "我們", "我们", "你們", "你们", "大家",
    "有人", "人們", "人们", "別人", "别人", "對方", "对方", "網友", "网友", "外界", "作者", "文章",
    "報導", "报道", "研究", "數據", "数据", "官方", "公司", "他也", "她也", "他還", "她还", "他更",
    "報告", "报告", "調查", "调查", "論文", "论文", "資料", "资料", "統計", "统计", "媒體", "媒体",
    "新聞", "新闻", "分析", "結果", "结果", "消息", "官網", "官网", "聲明", "声明", "專家", "专家",
    "學者", "学者", "業內", "业内", "業界", "业界", "市場", "市场", "分析師", "分析师", "政府",
    "法院", "文件", "書中", "书中", "文中", "節目", "节目", "本集", "主持", "嘉賓", "嘉宾", "聽眾",
    "听众", "觀眾", "观众", "網站", "网站", "團隊", "团队", "部門", "部门", "機構", "机构",
    "很多人", "不少人", "許多人", "许多人", "有人說", "老師", "老师", "朋友", "同事", "父親",
    "父亲", "母親", "母亲", "爸爸", "媽媽", "妈妈", "孩子", "作者在", "他曾", "她曾",
    "他们也", "他們也",
    "He", "She", "They", "We", "I", "You", "It", "People", "Someone", "Critics", "Everyone",
}  # fmt: skip
_CJK_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$|^[\u3400-\u9fff]+(?:[·・][\u3400-\u9fff]+)+$")
_HANDLE = re.compile(r"^[a-z][a-z0-9_.-]{2,30}$|^[A-Z][a-z]+$")
_SHOUTED = re.compile(
    r"^[A-Z][A-Z.'’-]{4,}(?: [A-Z][A-Z.'’-]+){0,3}$|^[A-Z]{2,}(?: [A-Z]{2,}){1,3}$"
)
_PRONOUN = re.compile(r"(?<!其)[他她](?![們们])|\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")


@dataclass
class SpeakerNames:
    """Every spelling that names a person in this write-up, mapped to one canonical name."""

    hosts: list[Person] = field(default_factory=list)
    guests: list[Person] = field(default_factory=list)
    spellings: dict[str, str] = field(default_factory=dict)  # lower-case spelling -> name
    aliases: dict[str, list[str]] = field(default_factory=dict)  # name -> aliases found
    not_names: set[str] = field(default_factory=set)  # the show, headings: lower case
    reference_names: list[str] = field(default_factory=list)  # spelled right in the title
    boundaries: set[str] = field(default_factory=set)  # one-off labels: a turn, no credit
    inferred: bool = False  # hosts and guests read from the transcript, not stated
    _first_names: set[str] = field(default_factory=set)
    _shared_first_names: set[str] = field(default_factory=set)
    _pattern: re.Pattern | None = None

    def add(self, name: str, *others: str) -> str:
        name = self.spellings.get(name.lower(), name)
        for spelling in (name, *others):
            if spelling and spelling.lower() not in self.spellings:
                self.spellings[spelling.lower()] = name
                if spelling != name:
                    self.aliases.setdefault(name, []).append(spelling)
        words = name.split()
        if len(words) > 1 and len(words[-1]) >= 3 and words[-1][0].isupper():
            self.spellings.setdefault(words[-1].lower(), name)  # "Altman" is Sam Altman
        if len(words) > 1 and len(words[0]) >= 3 and words[0][0].isupper():
            self._first_name(words[0].lower(), name)  # "Tom's note" is Tom Becker's
        self._pattern = None
        return name

    def _first_name(self, first: str, name: str) -> None:
        """A first name names the one known person who has it; two Toms, neither."""
        if first in self._shared_first_names:
            return
        known = self.spellings.get(first)
        if known is None:
            self.spellings[first] = name
            self._first_names.add(first)
        elif known != name and first in self._first_names:
            del self.spellings[first]
            self._shared_first_names.add(first)

    def resolve(self, label: str) -> str:
        """The person a turn label or attribution names, or "" (never a guess)."""
        label = label.strip(" *:：")
        key = label.lower()
        if found := self.spellings.get(key):
            return found
        if key in QUESTION_LABELS and self.inferred:
            return ""  # "Q:" may be the audience's; only a stated host is surely asking
        if key in HOST_LABELS:
            return self.hosts[0].name if len(self.hosts) == 1 else ""
        if key in GUEST_LABELS:
            return self.guests[0].name if len(self.guests) == 1 else ""
        if match := _CJK_WITH_LATIN.match(label):  # "翠西·阿洛威 (Tracy Alloway)"
            return self.resolve(match["name"]) or self.resolve(match["other"])
        return self._only_fit(label)

    def _only_fit(self, label: str) -> str:
        """ "Sjors" or "PM" for the one known person whose first name or initials they are."""
        names = set(self.spellings.values())
        if re.fullmatch(r"[A-Z]{2,4}", label):
            fits = {n for n in names if _initials(n) == label}
        elif re.fullmatch(r"[A-Za-z][\w'’-]{1,}", label):
            fits = {n for n in names if n.split()[0].lower() == label.lower() and " " in n}
        else:
            fits = {n for n in names if _typo_of(label, n)}
        return fits.pop() if len(fits) == 1 else ""

    def admit_labels(self, labels: Iterable[str]) -> set[str]:
        """Which turn labels are speakers: those that recur or name someone known, minus
        words that are nobody ("Note", "整理") and the show's or a heading's name."""
        counts = Counter(labels)
        # "Peter McCormack (PM)" defines the "PM" used afterwards: learn those first.
        for label in [lbl for lbl in counts if lbl.endswith(")")]:
            self._learn(label)
        admitted = set()
        for label, count in sorted(counts.items(), key=lambda item: -item[1]):
            if self._is_nobody(label):
                continue
            if self.resolve(label) or self._is_role(label) or label.endswith(")"):
                admitted.add(label)
            # One word ("Sjors", "roasbeef") must recur more than a key like "Verdict" would;
            # initials ("AB") are a transcript's own shorthand.
            elif count >= _recurrence_needed(label) and _looks_like_label(label):
                admitted.add(label)
                self._learn(label)
        if len(admitted) >= 2:  # a conversation: a one-off "Caller Name: …" is a turn too
            for label, count in counts.items():
                if count == 1 and label not in admitted and not self._is_nobody(label):
                    if _LATIN_NAME.match(label) or (" " in label and _SHOUTED.match(label)):
                        admitted.add(label)
                        self._learn(label)
                    elif _looks_like_label(label):
                        self.boundaries.add(label)  # someone spoke; no name to credit
        return admitted

    def signed(self, name: str) -> str:
        """A name the text gives outright ("—— Name", "Name 說：「…」"): known, or new."""
        name = name.strip(" *:：")
        if known := self.resolve(name):
            return known
        if self._is_role(name) or self._is_nobody(name) or name in _NOT_A_SPEAKER:
            return ""
        return self.add(name)

    def same_person(self, spelling: str, name: str) -> bool:
        return spelling == name or self.resolve(spelling) == name

    def sole_guest(self) -> str:
        return self.guests[0].name if len(self.guests) == 1 else ""

    def speaker_for(self, label: str) -> str:
        if _ANONYMOUS.match(label) or label in self.boundaries:
            return ""
        return self.resolve(label)

    def is_label_line(self, line: str, labels: set[str]) -> bool:
        """A name alone on its line ("Speaker 2", "Sam Altman") that starts a turn."""
        line = line.strip(" *")
        return line in labels or (len(line) <= 40 and bool(self.spellings.get(line.lower())))

    def _is_role(self, label: str) -> bool:
        key = label.lower()
        return key in HOST_LABELS or key in GUEST_LABELS or bool(_ANONYMOUS.match(label))

    def _is_nobody(self, label: str) -> bool:
        key = label.lower().strip(" .")
        if key in NOT_PEOPLE or key in self.not_names:
            return True
        return bool(_CJK.search(label) and _NOT_PEOPLE_CJK.search(label)) and not self.resolve(
            label
        )

    def _learn(self, label: str) -> str:
        """A label that names someone new ("Peter McCormack (PM)", "roasbeef") becomes known;
        initials, roles and "Speaker 2" stay anonymous."""
        label = label.strip(" *:：")
        match = _CJK_WITH_LATIN.match(label)
        if not match and (known := self.resolve(label)):
            return known
        if self._is_role(label):
            return ""
        if match:  # both spellings are the one person's, known already or not
            name, other = match["name"].strip(), match["other"].strip()
            if known := self.resolve(name) or self.resolve(other):
                return self.add(known, name, other)
            if _LATIN_NAME.match(name) or _LATIN_NAME.match(other) or not other.isupper():
                return self.add(name, other)
            return ""
        if re.fullmatch(r"[A-Z]{1,4}", label):
            return ""  # initials nobody defined: no name to give
        for reference in self.reference_names:
            if _typo_of(label, reference):  # "Lex Frdiman" where the title says Lex Fridman
                return self.add(reference, label)
        if _SHOUTED.match(label):  # a script's "ALICE SMITH:" is Alice Smith
            return self.add(label.title(), label)
        return self.add(label)

    @property
    def pattern(self) -> re.Pattern | None:
        if self._pattern is None and self.spellings:
            spellings = sorted(self.spellings, key=len, reverse=True)
            self._pattern = re.compile(
                "|".join(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])" for s in spellings), re.I
            )
        return self._pattern

    def named_in(self, text: str, nearest_last: bool) -> str:
        """Who is named in `text`: the mention closest to the quote wins."""
        if not self.pattern:
            return ""
        matches = list(self.pattern.finditer(text))
        if not matches:
            return ""
        match = matches[-1] if nearest_last else matches[0]
        return self.spellings[match[0].lower()]

    def pronoun_target(self, text: str) -> str:
        """他/她/he/she points at the episode's guest, when there is exactly one."""
        if len(self.guests) == 1 and _PRONOUN.search(text):
            return self.spellings.get(self.guests[0].name.lower(), self.guests[0].name)
        return ""


def _recurrence_needed(label: str) -> int:
    if _CJK.search(label):
        return 10**9  # a Chinese label names someone only when the write-up knows them
    return 2 if " " in label or re.fullmatch(r"[A-Z]{1,4}", label) else 3


def _looks_like_label(label: str) -> bool:
    return bool(
        _LATIN_NAME.match(label)
        or _HANDLE.match(label)
        or _CJK_NAME.match(label)
        or _SHOUTED.match(label)
        or re.fullmatch(r"[A-Z]{1,4}", label)
        or _CJK_WITH_LATIN.match(label)
    )


def _initials(name: str) -> str:
    words = name.split()
    return "".join(w[0] for w in words if w[0].isupper()) if len(words) > 1 else ""


def _typo_of(label: str, name: str) -> bool:
    """One slip of the keyboard in a name of two or more words: "Lex Frdiman"."""
    words, other = label.split(), name.split()
    if label == name or len(words) < 2 or len(words) != len(other):
        return False
    slips = [(a, b) for a, b in zip(words, other, strict=True) if a != b]
    return len(slips) == 1 and len(slips[0][0]) >= 4 and _one_edit(*slips[0])


def _one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def latin_names(text: str) -> list[str]:
    """Names of two to four capitalised words in a title or description, spelled right."""
    return list(
        dict.fromkeys(
            m[0] for m in re.finditer(r"\b[A-Z][a-z]+(?: (?:van |von |de )?[A-Z][a-z]+){1,3}", text)
        )
    )
