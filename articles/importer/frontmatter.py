"""Split a write-up into front matter and body, and parse the front matter.

Values come out as the author wrote them: YAML is read without the YAML 1.1 resolvers
that turn `episode: 032` into 26 and `duration: 29:20` into 1760 (only null and
true/false are typed), TOML and JSON keep their own types.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time

import yaml

from .errors import ArticleError

MAX_FRONT_MATTER_NODES = 20_000
MAX_FRONT_MATTER_DEPTH = 32
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _AsWrittenLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2's booleans and nulls, and every other scalar a string."""


_AsWrittenLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.endswith((":null", ":merge"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_AsWrittenLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class FrontMatter:
    format: str  # "yaml", "toml", "json" or "" when the file has none
    data: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file

    def get(self, key: str, default=None):
        return self.lowered.get(key, default)

    @property
    def lowered(self) -> dict:
        """Keys in any case; a lower-case key wins over its capitalised twin."""
        out: dict = {}
        for key, value in self.data.items():
            low = str(key).lower()
            if low not in out or key == low:
                out[low] = value
        return out


_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:(\s|$)")
_PELICAN_LINE = re.compile(r"^(?P<key>[A-Za-z][\w-]{0,30}):[ \t]+(?P<value>\S.*)$")


def split(text: str) -> FrontMatter:
    """Find and parse front matter; `text` has LF line endings and no BOM."""
    stripped = text.lstrip("\n")
    offset = text.count("\n", 0, len(text) - len(stripped))  # leading blank lines
    lines = stripped.split("\n")
    first = lines[0].rstrip()
    if first == "---":
        return _fenced(lines, offset, "yaml", ("---", "..."))
    if first == "+++":
        return _fenced(lines, offset, "toml", ("+++",))
    if re.match(r'^\{\s*("|$)', first):
        return _json(stripped, offset)
    hexo = _hexo_without_opening_fence(lines)
    if hexo is not None:
        return _parse("yaml", "\n".join(lines[:hexo]), lines[hexo + 1 :], offset, 0)
    if pelican := _pelican(lines):
        data, end = pelican
        return FrontMatter("pelican", data, "\n".join(lines[end:]), offset + end + 1)
    return FrontMatter("", {}, stripped, offset + 1)


def _fenced(lines: list[str], offset: int, fmt: str, closers: tuple[str, ...]) -> FrontMatter:
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            return _parse(fmt, "\n".join(lines[1:index]), lines[index + 1 :], offset, 1)
    raise ArticleError(
        f"front matter opened with {lines[0].strip()} on line {offset + 1} is never closed"
    )


def _hexo_without_opening_fence(lines: list[str]) -> int | None:
    """Hexo pages may start `title: …` and close their front matter with `---` alone."""
    if not _KEY_LINE.match(lines[0]):
        return None
    for index, line in enumerate(lines[:200]):
        if line.rstrip() == "---":
            return index if index > 0 else None
        if line.strip() and not (_KEY_LINE.match(line) or line[:1] in " \t-#"):
            return None
    return None


def _pelican(lines: list[str]) -> tuple[dict, int] | None:
    """Pelican's unfenced `Title: …` / `Date: …` lines up to the first blank line. Their
    values are plain text, not YAML ("Title: Foo: Bar" is one title)."""
    data: dict[str, str] = {}
    for index, line in enumerate(lines[:100]):
        if not line.strip():
            keys = {key.lower() for key in data}
            return (data, index + 1) if len(data) >= 2 and keys & {"title", "date"} else None
        if not (match := _PELICAN_LINE.match(line)):
            return None
        data.setdefault(match["key"], match["value"].strip())
    return None


def _parse(fmt: str, raw: str, body_lines: list[str], offset: int, fence: int) -> FrontMatter:
    first_line = offset + 1 + fence  # file line of the front matter's first line
    try:
        data = _load_yaml(raw, first_line) if fmt == "yaml" else _load_toml(raw, first_line)
    except RecursionError:  # the parsers recurse once per level
        raise _too_deep(fmt) from None
    body_line = first_line + raw.count("\n") + 2 if raw else first_line + 1
    return FrontMatter(fmt, _json_safe(_mapping(data, fmt)), "\n".join(body_lines), body_line)


def _load_yaml(raw: str, first_line: int):
    try:
        return yaml.load(raw, Loader=_AsWrittenLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {first_line + mark.line}, column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "syntax error"
        raise ArticleError(f"broken YAML front matter{where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise ArticleError(f"broken YAML front matter: {exc}") from None


_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _load_toml(raw: str, first_line: int):
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_WHERE.search(message)
        if match:
            line, column = int(match[1]) + first_line - 1, match[2]
            message = _TOML_WHERE.sub("", message).strip()
            raise ArticleError(
                f"broken TOML front matter at line {line}, column {column}: {message}"
            ) from None
        raise ArticleError(f"broken TOML front matter: {message}") from None


def _json(text: str, offset: int) -> FrontMatter:
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except RecursionError:
        raise _too_deep("json") from None
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"broken JSON front matter at line {exc.lineno + offset}, column {exc.colno}: {exc.msg}"
        ) from None
    body = text[end:].lstrip(" \t").removeprefix("\n")
    body_line = offset + 1 + text[:end].count("\n") + 1
    return FrontMatter("json", _json_safe(_mapping(data, "json")), body, body_line)


def _mapping(data, fmt: str) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(
            f"{fmt.upper()} front matter is a {type(data).__name__}, not key: value pairs"
        )
    return data


def _too_deep(fmt: str) -> ArticleError:
    what = f"{fmt.upper()} front matter" if fmt else "front matter"
    return ArticleError(f"{what} is nested too deeply (the limit is {MAX_FRONT_MATTER_DEPTH})")


def _json_safe(value, budget: list[int] | None = None, depth: int = 0):
    """Plain JSON types (dates become ISO strings), refusing alias bombs and deep nests,
    and text no database can store (a JSON "\\ud800" is half a character)."""
    budget = budget if budget is not None else [MAX_FRONT_MATTER_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise ArticleError("front matter is too large or too deeply nested")
    if depth > MAX_FRONT_MATTER_DEPTH:
        raise _too_deep("")
    if isinstance(value, dict):
        return {_text(k): _json_safe(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v, budget, depth + 1) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _text(value) -> str:
    text = str(value)
    if found := _SURROGATE.search(text):
        raise ArticleError(
            f"front matter has \\u{ord(found[0]):04x}, half of a character (an unpaired "
            "surrogate), which no database can store"
        )
    return text
