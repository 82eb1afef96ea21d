"""Which language a write-up is in, from front matter or from the text itself."""

from __future__ import annotations

import re
from functools import cache

import opencc

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
_NOISE = re.compile(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|https?://\S+|<[^>]+>", re.S)

DECLARED = {
    "zh-hant": "zh-Hant", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant",
    "zh_tw": "zh-Hant", "zh-hans": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans",
    "zh_cn": "zh-Hans", "en": "en", "en-us": "en", "en-gb": "en", "english": "en",
}  # fmt: skip


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _changed(text: str, config: str) -> int:
    converted = _converter(config).convert(text)
    return sum(1 for a, b in zip(text, converted, strict=False) if a != b)


def detect(text: str, declared: str = "") -> str:
    """zh-Hant, zh-Hans, en or und. A declared code wins; vague words ("中文", "zh") do not."""
    code = DECLARED.get(declared.strip().lower())
    if code:
        return code
    sample = _NOISE.sub(" ", text[:40_000])
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    if han and not _KANA.search(sample) and han * 6 >= latin:
        hans = "".join(_HAN.findall(sample))
        traditional, simplified = _changed(hans, "t2s"), _changed(hans, "s2t")
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    letters = len(_LETTER.findall(sample))
    if latin and latin >= 0.8 * letters:
        return "en"
    return "und"
