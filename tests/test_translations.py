"""The interface is fully translated: every string the code and templates mark for
translation has a real (non-empty, not fuzzy) translation in zh-Hant and zh-Hans, Chinese
labels use full-width punctuation, and pages rendered in Chinese show no English label."""

import ast
import re
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = {"zh-hant": "zh_Hant", "zh-hans": "zh_Hans"}
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext",
           "pgettext_lazy", "npgettext", "npgettext_lazy"}  # fmt: skip


def _unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def read_catalogue(path: Path) -> dict[tuple[str, str], tuple[list[str], bool]]:
    """(context, msgid) → (msgstrs, fuzzy), obsolete entries left out."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fields: dict[str, list[str]] = {}
        current = None
        for line in lines:
            if match := re.match(
                r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line
            ):
                current = match[1]
                fields[current] = [match[2]]
            elif line.startswith('"') and current:
                fields[current].append(line)
        if "msgid" not in fields or _unquote(fields["msgid"]) == "":
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        strs = [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        key = (_unquote(fields.get("msgctxt", ['""'])), _unquote(fields["msgid"]))
        entries[key] = (strs, fuzzy)
    return entries


# templatize() writes each marked string as a gettext call (not valid Python overall).
CALL = re.compile(r"\b(n?p?gettext)\(((?:u?'(?:[^'\\]|\\.)*'(?:, )?)+)")


def template_strings() -> set[tuple[str, str]]:
    """What `makemessages` finds in the templates: Django's own template-to-gettext step."""
    found = set()
    for path in (ROOT / "templates").rglob("*.html"):
        source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for name, args in CALL.findall(source):
            strings = [ast.literal_eval(a) for a in re.findall(r"u?'(?:[^'\\]|\\.)*'", args)]
            context = strings.pop(0) if "pgettext" in name else ""
            found.add((context, strings[0]))
    return found


def python_strings() -> set[tuple[str, str]]:
    found = set()
    for folder in ("articles", "kbsite"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                found |= _gettext_call(call)
    return found


def _gettext_call(node) -> set[tuple[str, str]]:
    if not isinstance(node, ast.Call):
        return set()
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    if name not in GETTEXT or not node.args:
        return set()
    args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if name.startswith(("pgettext", "npgettext")):
        return {(args[0], args[1])} if len(args) >= 2 else set()
    return {("", args[0])} if args else set()


def test_the_extractors_find_strings():
    """Guards the test itself: a broken extractor would find nothing and pass."""
    strings = template_strings()
    assert ("", "Latest write-ups") in strings and ("", "Copy quote") in strings
    assert ("between names", ", ") in strings
    assert ("", "%(n)s result") in strings  # blocktranslate with a plural
    assert ("", "Type") in python_strings()


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_every_interface_string_is_translated(language):
    catalogue = read_catalogue(ROOT / "locale" / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    missing, fuzzy, empty = [], [], []
    for key in sorted(template_strings() | python_strings()):
        if key not in catalogue:
            missing.append(key)
            continue
        strs, is_fuzzy = catalogue[key]
        if is_fuzzy:
            fuzzy.append(key)
        if not all(s.strip() for s in strs):
            empty.append(key)
    assert (missing, fuzzy, empty) == ([], [], [])


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_chinese_labels_use_full_width_punctuation(language):
    catalogue = read_catalogue(ROOT / "locale" / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    han = r"[\u3400-\u9fff]"
    ascii_mark = r"[:;,!?()]"
    wrong = [
        (msgid, s)
        for (_, msgid), (strs, _) in catalogue.items()
        for s in strs
        if re.search(rf"{han}\s*{ascii_mark}|{ascii_mark}\s*{han}", s)
    ]
    assert wrong == []


def test_the_compiled_catalogues_match_their_sources():
    """The .mo files are committed: each must be newer than, and agree with, its .po."""
    import gettext

    for folder in CATALOGUES.values():
        base = ROOT / "locale" / folder / "LC_MESSAGES"
        compiled = gettext.GNUTranslations((base / "django.mo").open("rb"))
        for (context, msgid), (strs, _) in read_catalogue(base / "django.po").items():
            if context:
                assert compiled.pgettext(context, msgid) == strs[0], (folder, msgid)
            else:
                assert compiled.gettext(msgid) == strs[0], (folder, msgid)


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_pages_in_chinese_show_no_english_label(client, db, write, language):
    from articles.importer import import_paths

    text = (
        "---\ntitle: 測試\npodcast: 測試播客\nepisode: EP1\nhosts: 主持人甲\n"
        "guests: [陳小華（執行長）]\naudio: https://example.org/a.mp3\ntags: [記憶]\n"
        "categories: [訪談]\n---\n\n## 策略一：記憶\n\n"
        "陳小華說：「這是一句足夠長的引用，講的是記憶。」\n"
    )
    assert import_paths([write("t.md", text)]).ok
    labels = {msgid for _, msgid in template_strings() if re.search(r"[A-Za-z]{3}", msgid)}
    if language == "zh-hans":  # nor a Traditional label where the Simplified one is missing
        hant = read_catalogue(ROOT / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po")
        hans = read_catalogue(ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")
        labels |= {
            strs[0]
            for key, (strs, _) in hant.items()
            if key in template_strings() and hans.get(key, ([""], False))[0][0] != strs[0]
        }
    for url in ("/", "/articles/", "/articles/t/", "/speakers/陳小華/", "/shows/測試播客/",
                "/quotes/", "/search/?q=記憶", "/archive/2026/", "/nope/"):  # fmt: skip
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
        shown = set(re.findall(r">\s*([^<>]*?)\s*<", html)) | set(
            re.findall(r'(?:aria-label|placeholder|title|data-copied)="([^"]*)"', html)
        )
        untranslated = {label for label in labels for text in shown if label in text}
        assert untranslated == set(), url
