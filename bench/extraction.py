"""How well the importer reads who said what: scored against hand-labelled write-ups.

    .venv/bin/python bench/extraction.py            # a table per file and overall
    .venv/bin/python bench/extraction.py --verbose  # also every miss, wrong speaker, mix-up

Each tests/data/gold/*.json holds a careful reader's labels for one write-up in ../shared/
(its episode facts, sections and quotes). The write-up is parsed without a database and
compared with them:
- facts: show, number, air date, hosts (as a set), guests (as a set): right out of 5;
- sections: gold headings found among the parsed ones, and their numbers right;
- precision: of the gold quotes (kind "quote") matched to an extracted quote that has a
  speaker, how many have the right one (a gold null speaker makes any speaker wrong);
- recall: of the gold quotes with a known speaker, how many come out with that speaker;
- confused: matched quotes whose kind (quote/term) differs; not found: gold quotes unmatched.
Quotes labelled "unsure", and words quoted inside a turn ("in_turn": the importer keeps
them inside the turn's quote), are left out of precision and recall.
"""

import argparse
import json
import os
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
SHARED = ROOT.parent / "shared"
FACTS = ("show", "number", "air_date", "hosts", "guests")

_MARKUP = [
    (re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]"), r"\1"),  # [[Target|shown]] -> shown
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"<[^>\n]+>|\{#[^}\n]*\}"), ""),  # HTML tags, {#id} markers
    (re.compile(r"\\?\[\d{1,2}(?::\d{2}){1,2}\\?\]|[(（]\d{1,2}(?::\d{2}){1,2}[)）]"), ""),
]


_T2S = opencc.OpenCC("t2s")


@cache
def normalise(text: str) -> str:
    """Only letters and digits, folded: NFKC, Simplified script, no case, no markup."""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    text = _T2S.convert(unicodedata.normalize("NFKC", text)).casefold()
    return re.sub(r"[\W_]+", "", text)


class Names:
    """Whether two spellings name the same person, by the gold's and the importer's aliases."""

    def __init__(self, gold_aliases: dict, parsed_aliases: dict):
        self.spellings: dict[str, set[str]] = {}
        for table in (gold_aliases, parsed_aliases):
            for name, others in table.items():
                self.spellings.setdefault(normalise(name), set()).update(
                    normalise(other) for other in [name, *others]
                )

    def same(self, one: str | None, other: str | None) -> bool:
        if not one or not other:
            return not one and not other
        a, b = normalise(one), normalise(other)
        return bool(self.spellings.get(a, {a}) & self.spellings.get(b, {b})) or a == b

    def same_set(self, gold: list[str], found: list[str]) -> bool:
        left = list(found)
        for name in gold:
            match = next((f for f in left if self.same(name, f)), None)
            if match is None:
                return False
            left.remove(match)
        return not left


def parse(gold: dict, shared: Path):
    from articles.importer.parse import parse_article
    from articles.importer.source import Source

    path = shared / gold["file"]
    return parse_article(Source(path.name, path.read_bytes()))


def _show(name: str | None) -> str:
    """ "硅谷101播客" and "硅谷101", "Lex Fridman Podcast" and "Lex Fridman" name one show."""
    return re.sub(r"\s*(?:podcast|播客)$", "", name or "", flags=re.I)


def facts_right(gold: dict, parsed, names: Names) -> dict[str, bool]:
    def number(value) -> str:
        text = normalise(str(value or ""))
        return "".join(re.findall(r"\d+", text)) or text

    gold_guests = [guest["name"] for guest in gold["guests"]]
    return {
        "show": names.same(_show(gold["show"]), _show(parsed.show)),
        "number": number(gold["number"]) == number(parsed.number),
        "air_date": (gold["air_date"] or None) == (str(parsed.air_date or "") or None),
        "hosts": names.same_set(gold["hosts"], [p.name for p in parsed.hosts]),
        "guests": names.same_set(gold_guests, [p.name for p in parsed.guests]),
    }


def sections_found(gold: dict, parsed) -> tuple[int, int]:
    """(gold headings found among the parsed ones, of those how many have the right number)."""
    headings = [(normalise(s.heading), s.number) for s in parsed.sections if s.heading]
    found = numbered = 0
    for section in gold["sections"]:
        want = normalise(section["heading"])
        match = next((n for h, n in headings if h == want or (h and want in h)), "missing")
        if match != "missing":
            found += 1
            numbered += match == section["number"]
    return found, numbered


def match(opening: str, kind: str, extracted: list, used: set[int]) -> int | None:
    """The extracted quote a gold opening points at: equal, else starting with it, else
    containing it; one not yet matched first. A short term must be equal."""
    want = normalise(opening)
    best = None
    for index, (text, _, _) in enumerate(extracted):
        tier = 0 if text == want else 1 if text.startswith(want) else 2 if want in text else 3
        if tier == 3 or (tier and kind == "term" and len(want) < 6):
            continue
        rank = (tier, index in used, index)
        best = min(best or rank, rank)
    return best[2] if best else None


def score_quotes(gold: dict, parsed, names: Names) -> dict:
    extracted = [(normalise(q.text), q.speaker, q.kind) for q in parsed.quotes]
    counts = dict.fromkeys(("attributed", "right", "known", "hits", "confused", "missing"), 0)
    problems, used = [], set()
    for item in gold["quotes"]:
        found = match(item["opening"], item["kind"], extracted, used)
        if found is None:
            counts["missing"] += 1
            problems.append(("not found", item, None))
            continue
        used.add(found)
        _, speaker, kind = extracted[found]
        if kind != item["kind"]:
            counts["confused"] += 1
            problems.append((f"{item['kind']} read as {kind}", item, speaker))
        # Words quoted inside a turn are part of that turn's quote in the importer's model.
        if item["kind"] != "quote" or item.get("unsure") or item.get("in_turn"):
            continue
        right = names.same(item["speaker"], speaker)
        if speaker:
            counts["attributed"] += 1
            counts["right"] += right
            if not right:
                problems.append(("wrong speaker", item, speaker))
        if item["speaker"]:
            counts["known"] += 1
            counts["hits"] += right
            if not speaker:
                problems.append(("no speaker", item, speaker))
    counts["quotes"] = len(gold["quotes"])
    return counts | {"problems": problems}


def score_file(gold: dict, shared: Path = SHARED) -> dict:
    parsed = parse(gold, shared)
    names = Names(gold.get("aliases", {}), parsed.aliases)
    facts = facts_right(gold, parsed, names)
    found, numbered = sections_found(gold, parsed)
    return score_quotes(gold, parsed, names) | {
        "facts": facts,
        "facts_right": sum(facts.values()),
        "sections": len(gold["sections"]),
        "sections_found": found,
        "numbers_right": numbered,
    }


_SUMMED = (
    "facts_right", "sections", "sections_found", "numbers_right", "attributed", "right",
    "known", "hits", "confused", "missing", "quotes",
)  # fmt: skip


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score(gold_dir: Path | str = GOLD, shared: Path = SHARED) -> dict:
    """Per-file counts and the overall figures (fractions of 1) for every gold JSON."""
    files = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        files[path.stem] = score_file(json.loads(path.read_text(encoding="utf-8")), shared)
    total = {key: sum(f[key] for f in files.values()) for key in _SUMMED}
    overall = total | {
        "facts": _ratio(total["facts_right"], len(FACTS) * len(files)),
        "sections_ratio": _ratio(total["sections_found"], total["sections"]),
        "precision": _ratio(total["right"], total["attributed"]),
        "recall": _ratio(total["hits"], total["known"]),
    }
    return {"files": files, "overall": overall}


_HEADER = ("file", "facts", "sects", "numbers", "precision", "recall", "mixed", "lost", "quotes")
_ROW = "{:<34} {:>5} {:>7} {:>7} {:>13} {:>13} {:>5} {:>5} {:>6}"


def _row(name: str, r: dict, files: int = 1) -> str:
    def pct(part, whole):
        return f"{part}/{whole} {100 * _ratio(part, whole):3.0f}%"

    return _ROW.format(
        name[:34], f"{r['facts_right']}/{len(FACTS) * files}",
        f"{r['sections_found']}/{r['sections']}", f"{r['numbers_right']}/{r['sections_found']}",
        pct(r["right"], r["attributed"]), pct(r["hits"], r["known"]),
        r["confused"], r["missing"], r["quotes"],
    )  # fmt: skip


def report(result: dict, verbose: bool = False) -> str:
    """The table; with `verbose`, each file's wrong facts and problem quotes under its row."""
    lines = [_ROW.format(*_HEADER)]
    for name, r in result["files"].items():
        lines.append(_row(name, r))
        if verbose and (wrong := [fact for fact, ok in r["facts"].items() if not ok]):
            lines.append(f"    facts wrong: {', '.join(wrong)}")
        if verbose:
            lines += [
                f"    {problem}: {item['opening']!r} gold={item['speaker']} got={speaker or None}"
                for problem, item, speaker in r["problems"]
            ]
    lines.append(_row("OVERALL", result["overall"], len(result["files"])))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every problem")
    parser.add_argument("--gold", default=str(GOLD), help="folder of gold JSON files")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbsite.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    print(report(score(args.gold), verbose=args.verbose))


if __name__ == "__main__":
    main()
