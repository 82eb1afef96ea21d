"""Telling a person's name from the title they had: "OpenAI CEO Sam Altman"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import as_text

ROLE_WORDS = (
    "創辦人|创始人|共同創辦人|联合创始人|執行長|执行长|總裁|总裁|董事長|董事长|副教授|教授|"
    "主編|主编|作者|記者|记者|合夥人|合伙人|研究員|研究员|總監|总监|經濟學家|经济学家|投資人|投资人|"
    "工程師|工程师|科學家|科学家|醫師|医师|醫生|医生|律師|律师|主持人|負責人|负责人|顧問|顾问|"
    "老師|老师|博士|院長|院长|部長|部长|經理|经理|主任|專家|专家"
)
_PARENS = re.compile(r"^(?P<name>[^（(]+?)\s*[（(](?P<role>[^）)]+)[）)]\s*$")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’.-]+|[A-Z]\.|van|von|de|der|da|di|le|la)$")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""


def split_role_name(text: str) -> Person | None:
    """Split "OpenAI CEO Sam Altman" / "方念萱（政大副教授）" / "Sam Altman, CEO" into parts."""
    text = re.sub(r"\s+", " ", text.strip(" ，,。.：:;；*_"))
    if not text:
        return None
    match = _PARENS.match(text)
    if match:
        return Person(match["name"].strip(), match["role"].strip())
    if "," in text and not _CJK.search(text):
        name, _, role = text.partition(",")
        if _looks_like_latin_name(name.strip()):
            return Person(name.strip(), role.strip())
    words = text.split(" ")
    tail = 0
    while tail < min(len(words), 4) and _NAME_WORD.match(words[len(words) - 1 - tail]):
        tail += 1
    if (tail and tail < len(words)) or tail >= 2:
        cut = len(words) - min(tail, 3)
        if _NAME_WORD.match(words[cut]) and words[cut][0].isupper():
            return Person(" ".join(words[cut:]), " ".join(words[:cut]))
    if _CJK.search(words[-1]):
        if len(words) > 1:
            return Person(words[-1], " ".join(words[:-1]))
        role = re.match(rf"^(?P<role>.*(?:{ROLE_WORDS}))(?P<name>[\u3400-\u9fff·]{{2,4}})$", text)
        if role:
            return Person(role["name"], role["role"])
    return Person(text)


def _looks_like_latin_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def slug_name(value: str) -> str:
    """Front matter often lists people by slug ("boris-cherny"): make that a name."""
    if re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", value):
        return " ".join(part.capitalize() for part in re.split(r"[-_]", value))
    return value


def show_name_from(value: str, text: str) -> str:
    """A show named by its slug ("lennys-podcast") is named as the text spells it
    ("Lenny's Podcast"), or not at all: a slug is no name to show readers."""
    if not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", value):
        return value
    parts = re.split(r"[-_]", value)
    words = re.findall(r"[\w'’.&]+", text[:50_000])
    for start in range(len(words) - len(parts) + 1):
        candidate = words[start : start + len(parts)]
        spelled = [re.sub(r"[^a-z0-9]", "", w.lower()) for w in candidate] == parts
        if spelled and any(w[:1].isupper() for w in candidate):  # not the slug again, in a URL
            return " ".join(candidate)
    return ""


def people(value) -> list[Person]:
    """Hosts or guests from a string, a list of names or a list of {name, role} maps."""
    if value is None:
        return []
    items = (
        value
        if isinstance(value, list)
        else re.split(r"\s*[、;；]\s*|\s*,\s*(?![^（(]*[）)])", as_text(value))
    )
    found: list[Person] = []
    for item in items:
        if isinstance(item, dict):
            name = as_text(item.get("name"))
            # "title" is a job title; "role" is what older exports and sites call it.
            role = as_text(item.get("title") or item.get("role"))
            person = Person(name, role) if name else None
        else:
            person = split_role_name(slug_name(as_text(item)))
        if person and person.name and person.name.lower() not in {"none", "null"}:
            found.append(person)
    return list({p.name: p for p in found}.values())
