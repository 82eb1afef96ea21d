"""Recognising people in a write-up's text by any of their names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .people import Person

HOST_LABELS = {"主持人", "主持", "host", "主播"}
GUEST_LABELS = {"嘉宾", "嘉賓", "來賓", "来宾", "guest", "受訪者", "受访者"}
_LATIN_NAME = re.compile(r"^[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|van|von|de|der|da|di|le|la)){1,3}$")
_CJK_WITH_LATIN = re.compile(r"^(?P<name>[^()（）]+?)\s*[（(](?P<other>[^)）]+)[)）]$")
_PRONOUN = re.compile(r"(?<!其)[他她](?![們们])|\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")


@dataclass
class SpeakerNames:
    """Every spelling that names a person in this write-up, mapped to one canonical name."""

    hosts: list[Person] = field(default_factory=list)
    guests: list[Person] = field(default_factory=list)
    spellings: dict[str, str] = field(default_factory=dict)  # lower-case spelling -> name
    aliases: dict[str, list[str]] = field(default_factory=dict)  # name -> aliases found
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
        self._pattern = None
        return name

    def resolve(self, label: str) -> str:
        """The person a turn label or attribution names, or "" (never a guess)."""
        label = label.strip(" *:：")
        if found := self.spellings.get(label.lower()):
            return found
        if label.lower() in HOST_LABELS and len(self.hosts) == 1:
            return self.hosts[0].name
        if label.lower() in GUEST_LABELS and len(self.guests) == 1:
            return self.guests[0].name
        return ""

    def learn_label(self, label: str) -> str:
        """A transcript label that names someone new ("Peter McCormack (PM)") becomes known."""
        label = label.strip(" *:：")
        if known := self.resolve(label):
            return known
        if match := _CJK_WITH_LATIN.match(label):
            name, other = match["name"].strip(), match["other"].strip()
            if known := self.resolve(name) or self.resolve(other):
                return self.add(known, name, other)
            if _LATIN_NAME.match(name) or _LATIN_NAME.match(other) or not other.isupper():
                return self.add(name, other)
        if _LATIN_NAME.match(label):
            return self.add(label)
        return ""

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
