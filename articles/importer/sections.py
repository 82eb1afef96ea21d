"""Cutting a write-up's body into sections, and naming each one's kind and number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify_unicode

from .turns import read_turn

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MDX_STATEMENT = re.compile(r"^(?:import|export)\s+\S")
_HEADING_ID = re.compile(r"\s*\{#([\w\u3400-\u9fff-]+)\}\s*$")
_NUMERALS = "零一二兩两三四五六七八九十"
_NUMBERED = [
    re.compile(
        r"^(?:策略|第|重點|重点|要點|要点|觀點|观点|原則|原则|方法|步驟|步骤|教訓|教训|關鍵|关键|趨勢|趋势)"
        rf"\s*([\d{_NUMERALS}]+)"
    ),
    re.compile(
        r"^(?:Strategy|Lesson|Step|Part|Point|Rule|Principle|Tip|Takeaway|Chapter)\s*#?(\d+)\b",
        re.I,
    ),
    re.compile(rf"^([{_NUMERALS}]+)\s*[、.．]"),
    re.compile(r"^(\d{1,2})\s*[.、．)）]\s*\S"),
]
_CONCLUSION = re.compile(
    r"^(?:結語|结语|總結|总结|結論|结论|小結|小结|尾聲|尾声|寫在最後|写在最后|最後|最后的话|"
    r"Conclusions?|Closing(?: thoughts)?|Final thoughts|Wrap[- ]?up|In closing)(?![A-Za-z])",
    re.I,
)


@dataclass
class ParsedSection:
    heading: str
    body: str
    kind: str
    number: int | None
    anchor: str = ""


def chinese_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"兩": 2, "两": 2}
    if "十" in text:
        tens, _, ones = text.partition("十")
        if (tens and tens not in digits) or (ones and ones not in digits):
            return None
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    value = 0
    for char in text:
        if char not in digits:
            return None
        value = value * 10 + digits[char]
    return value


def classify(heading: str) -> tuple[str, int | None]:
    plain = re.sub(r"^[^\w\u3400-\u9fff]+", "", heading).strip()  # emoji and marks first
    for pattern in _NUMBERED:
        if match := pattern.match(plain):
            number = chinese_number(match[1])
            if number is not None and 0 < number < 1000:
                return "strategy", number
    if _CONCLUSION.match(plain):
        return "conclusion", None
    return "other", None


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, text) of every ATX heading outside fenced code."""
    found, fence = [], None
    for index, line in enumerate(lines):
        if match := _FENCE.match(line):
            marker = match[1]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence is None and (match := _HEADING.match(line)) and not read_turn(line):
            found.append((index, len(match[1]), match[2]))  # "###### Name 0:07" is a turn
    return found


def _level_count(headings: list[tuple[int, int, str]], level: int) -> int:
    return sum(1 for _, found, _ in headings if found == level)


def split_sections(body: str) -> tuple[str, str, list[ParsedSection]]:
    """(title from a leading `# ` heading, text before the first section, sections)."""
    lines = body.split("\n")
    headings = _headings(lines)
    title = ""
    # MDX files open with `import …` / `export …` lines before their `# ` title.
    first_content = next(
        (i for i, line in enumerate(lines) if line.strip() and not _MDX_STATEMENT.match(line)),
        len(lines),
    )
    levels = [level for _, level, _ in headings]
    leading_title = levels.count(1) == 1 or 2 in levels  # else the `# ` headings are sections
    if headings and headings[0][1] == 1 and headings[0][0] == first_content and leading_title:
        title = _HEADING_ID.sub("", headings[0][2])
        lines[first_content] = ""
        headings = headings[1:]
    # Sections are the write-up's top-level headings, whatever their level: the shallowest
    # level that recurs (a lone `# ` or `### ` above the others is a title or a note).
    recurring = [
        lvl for lvl in sorted({lvl for _, lvl, _ in headings}) if _level_count(headings, lvl) >= 2
    ]
    if any(level == 2 for _, level, _ in headings):
        cuts = [h for h in headings if h[1] <= 2]
    elif recurring:
        cuts = [h for h in headings if h[1] <= recurring[0]]
    else:
        cuts = []
    if not cuts:
        return title, "", [ParsedSection("", "\n".join(lines).strip("\n"), "other", None)]
    preamble = "\n".join(lines[: cuts[0][0]]).strip("\n")
    sections = []
    for position, (index, _, text) in enumerate(cuts):
        end = cuts[position + 1][0] if position + 1 < len(cuts) else len(lines)
        anchor_match = _HEADING_ID.search(text)
        heading = _HEADING_ID.sub("", text).strip()
        kind, number = classify(heading)
        section = ParsedSection(
            heading, "\n".join(lines[index + 1 : end]).strip("\n"), kind, number
        )
        section.anchor = anchor_match[1] if anchor_match else ""
        sections.append(section)
    return title, preamble, sections


def assign_anchors(sections: list[ParsedSection]) -> None:
    """Stable anchors, unique within the write-up, that keep CJK characters."""
    seen: set[str] = set()
    for position, section in enumerate(sections, start=1):
        base = section.anchor or slugify_unicode(section.heading, "-")[:80].strip("-")
        if not base:
            base = "intro" if section.kind == "intro" else f"section-{position}"
        anchor, suffix = base, 2
        while anchor in seen:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(anchor)
        section.anchor = anchor
